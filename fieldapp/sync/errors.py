"""Sync errors: every failure of a remote call, in Chinese and English, with no traceback."""

from __future__ import annotations

import re

from fieldapp.domain.limits import limit_message
from fieldapp.errors import FieldSalesError


class SyncError(FieldSalesError):
    """Synchronisation with the server failed; the phone's data is intact and will be retried."""

    title_zh = "同步失败"
    title_en = "Sync failed"
    retryable = False


class ConnectionLost(SyncError):
    """The server could not be reached or the connection broke (safe to retry)."""

    title_zh = "网络连接中断"
    title_en = "Connection lost"
    retryable = True


class ServerBusy(ConnectionLost):
    """The server answered that it is temporarily unavailable (5xx; safe to retry)."""

    title_zh = "服务器暂时不可用"
    title_en = "Server temporarily unavailable"


class AuthFailed(SyncError):
    """Sign-in failed, or the session is no longer valid."""

    title_zh = "登录失败"
    title_en = "Sign-in failed"


class ServerRejected(SyncError):
    """The server refused a whole request (not one mutation: those are recorded as conflicts)."""

    title_zh = "服务器拒绝了请求"
    title_en = "The server refused the request"

    def __init__(
        self, message_zh: str, message_en: str, *, sqlstate: str | None = None, status: int = 0
    ) -> None:
        super().__init__(message_zh, message_en)
        self.sqlstate = sqlstate
        self.status = status


class PermissionDenied(ServerRejected):
    """The signed-in user may not do this."""

    title_zh = "没有权限"
    title_en = "Not allowed"


class MutationGap(ServerRejected):
    """The server expected another mutation id than the phone's oldest queued one."""

    title_zh = "上传队列与服务器不一致"
    title_en = "Upload queue out of step with the server"

    def __init__(self, expected: int | None, got: int | None) -> None:
        super().__init__(
            f"服务器期望变更编号 {expected}，手机待上传的是 {got}。"
            "为避免丢失或重复数据，已停止上传，请联系管理员。",
            f"the server expected mutation {expected} but the phone's next is {got}; uploading "
            "stopped so that nothing is lost or applied twice — please contact support",
            sqlstate="22023",
        )
        self.expected = expected
        self.got = got


class ProtocolError(SyncError):
    """The server's answer did not have the shape of docs/sync.md."""


class SyncBusy(SyncError):
    """A sync is already running."""

    title_zh = "正在同步"
    title_en = "Sync in progress"


_GAP = re.compile(r"mutation gap: expected id (\d+), got (\d+)")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def from_sqlstate(
    sqlstate: str | None, message: str, detail: str | None, *, status: int = 0
) -> SyncError:
    """The project error for a server error (SQLSTATE, English message, Chinese detail)."""
    code = sqlstate or ""
    zh = detail or message
    if gap := _GAP.search(message):
        return MutationGap(int(gap.group(1)), int(gap.group(2)))
    if code == "23514":  # a check of the schema: its sentence (docs/access.md, Limits)
        said = limit_message(message)
        if said is None and _CHINESE.search(detail or ""):  # a trigger's own words
            said = (detail or "", message)
        zh, message = said or ("数据超出允许范围", f"a value is outside its limits ({message})")
        return ServerRejected(zh, message, sqlstate=code, status=status)
    if code == "28000" or code.startswith("PGRST3") or status == 401:
        return AuthFailed(f"登录已失效，请重新登录（{zh}）", f"the session is not valid: {message}")
    if code == "42501" or status == 403:
        return PermissionDenied(zh, message, sqlstate=code, status=status)
    if code[:2] in {"08", "53", "57"} or code in {"40001", "40P01"} or code.startswith("PGRST0"):
        # connection, resources, shutdown or timeout, serialisation: transient on the server
        return ServerBusy(
            f"服务器暂时无法处理（{zh}）", f"the server could not process it now: {message}"
        )
    return ServerRejected(zh, message, sqlstate=code or None, status=status)
