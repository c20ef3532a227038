"""A Remote over Supabase (supabase-py): email + password sign-in, RPC calls with the session token.

supabase-py never retries a POST, and every RPC is a POST: this remote retries transport errors
and 5xx answers itself, with exponential backoff and jitter, for pulls and pushes alike (a push
is idempotent: the server answers a replayed mutation `duplicate`). supabase, httpx and postgrest
are imported only when a SupabaseRemote is created. Photo files go to the Storage bucket
`visit-photos` once record_photo_file has accepted them (the bucket's policies read photo_files).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from fieldapp.sync.errors import (
    AuthFailed,
    ConnectionLost,
    PermissionDenied,
    ProtocolError,
    ServerBusy,
    ServerRejected,
    SyncError,
    from_sqlstate,
)
from fieldapp.sync.remote import PHOTO_BUCKET, Backoff, Session, checked_photo, photo_file_args

if TYPE_CHECKING:
    import httpx

    from supabase import Client


class SupabaseRemote:
    """sync_pull / sync_push through supabase-py's PostgREST client."""

    def __init__(
        self,
        url: str,
        anon_key: str,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 20.0,
        backoff: Backoff | None = None,
        call_timeout: float | None = None,
    ) -> None:
        self._url = url
        self._anon_key = anon_key
        self._transport = transport
        self._timeout = timeout
        self._call_timeout = call_timeout  # online calls (`call`): one attempt, this HTTP timeout
        self._backoff = backoff or Backoff()
        self._client: Client | None = None
        self._http: httpx.Client | None = None
        self._session: Session | None = None
        self._refresh_token: str | None = None

    @property
    def refresh_token(self) -> str | None:
        """The current refresh token (it changes whenever the access token is refreshed)."""
        return self._refresh_token

    def _keep_refresh_token(self, event: Any, session: Any) -> None:
        """Auth listener: keep each new session's refresh token (sign-in, refresh)."""
        self._refresh_token = getattr(session, "refresh_token", None) or self._refresh_token

    @property
    def session(self) -> Session | None:
        """The signed-in user, or None."""
        return self._session

    def _supabase(self) -> Client:
        if self._client is None:
            import httpx
            from supabase.lib.client_options import SyncClientOptions

            from supabase import create_client

            self._http = httpx.Client(
                transport=self._transport,
                timeout=self._timeout,
                event_hooks={"request": [_online_timeout]},
            )
            options = SyncClientOptions(
                httpx_client=self._http,
                auto_refresh_token=False,  # no timer thread: the token is refreshed before calls
                persist_session=False,
                postgrest_client_retry=False,  # retries are ours, for POST too
            )
            try:
                self._client = create_client(self._url, self._anon_key, options=options)
            except Exception as exc:  # SupabaseException for a malformed URL or key
                raise SyncError(
                    f"服务器地址或密钥无效：{exc}", f"invalid server URL or key: {exc}"
                ) from exc
            self._client.auth.on_auth_state_change(self._keep_refresh_token)
        return self._client

    def close(self) -> None:
        """Close the HTTP connections."""
        if self._http is not None:
            self._http.close()
        self._client = self._http = None

    def sign_in(self, email: str, password: str) -> Session:
        """Sign in with email and password, then ask the server who this is (whoami)."""
        client = self._supabase()

        def once() -> Any:
            with _auth_errors():
                return client.auth.sign_in_with_password({"email": email, "password": password})

        return self._signed_in(self._backoff.run(once), email)

    def resume(self, refresh_token: str) -> Session:
        """Sign in again with a saved refresh token (no password), then whoami."""
        client = self._supabase()

        def once() -> Any:
            with _auth_errors():
                return client.auth.refresh_session(refresh_token)

        return self._signed_in(self._backoff.run(once), "")

    def _signed_in(self, answer: Any, email: str) -> Session:
        if answer.session is None or answer.user is None:
            raise AuthFailed("登录未完成（需要验证邮箱？）", "sign-in did not complete")
        self._refresh_token = answer.session.refresh_token
        self._session = Session(user_id=str(answer.user.id), email=answer.user.email or email)
        try:
            who = self._rpc("whoami", {})
        except SyncError:
            self._session = None
            raise
        self._session = Session(
            user_id=str(who.get("id") or answer.user.id),
            email=str(who.get("email") or email),
            role=who.get("role"),
            full_name=who.get("full_name"),
        )
        return self._session

    def pull(self, since: int, limit: int, after: str | None) -> dict[str, Any]:
        """One page of sync_pull."""
        return self._rpc("sync_pull", {"p_since": since, "p_limit": limit, "p_after": after})

    def push(self, client_id: str, mutations: list[dict[str, Any]]) -> dict[str, Any]:
        """sync_push of a batch (retried on transport errors and 5xx: pushes are idempotent)."""
        return self._rpc("sync_push", {"p_client_id": client_id, "p_mutations": mutations})

    def call(self, fn: str, args: dict[str, Any]) -> Any:
        """POST /rpc/<fn>: rows as a list, a row as a dict, a scalar as itself."""
        if self._call_timeout is None:
            return self._call(fn, args)
        _ONLINE.timeout = self._call_timeout
        try:
            return self._call(fn, args, retry=False)  # the user waits: one bounded attempt
        finally:
            _ONLINE.timeout = None

    def put_photo(self, photo_id: str, data: bytes, mime: str) -> str:
        """record_photo_file, then the bytes to Storage (no upsert); an object already there is
        a retry's (only this path's photographer can write it, and record_photo_file refused
        any other file), so it counts as done."""
        path = self._call("record_photo_file", photo_file_args(photo_id, data, mime))
        if not isinstance(path, str):
            raise ProtocolError("服务器返回的数据格式不对", f"unexpected answer: {path!r:.80}")
        options = {"content-type": mime, "upsert": "false"}
        self._storage(lambda bucket: bucket.upload(path, data, options), duplicate_ok=True)
        return path

    def get_photo(self, photo_id: str) -> bytes:
        """The bytes of a photo's file that the user may see, from Storage, checked against the
        recorded SHA-256."""
        meta = self._call("photo_file", {"p_photo_id": photo_id})
        path = meta["storage_path"]
        return checked_photo(self._storage(lambda bucket: bucket.download(path)), meta)

    def _storage(self, op: Any, *, duplicate_ok: bool = False) -> Any:
        """Run op(bucket) on the photo bucket with the session's token, retried like RPC."""
        if self._session is None:
            raise AuthFailed("请先登录", "not signed in")
        client = self._supabase()

        def once() -> Any:
            import httpx
            from storage3.exceptions import StorageApiError

            with _auth_errors():
                client.auth.get_session()  # refreshes the token when it is about to expire
            try:
                return op(client.storage.from_(PHOTO_BUCKET))
            except httpx.TransportError as exc:
                raise ConnectionLost(
                    "与照片存储的连接中断，稍后会自动重试",
                    f"the connection to photo storage broke: {type(exc).__name__}",
                ) from exc
            except StorageApiError as exc:
                if duplicate_ok and str(exc.status) == "409":
                    return None
                raise _storage_error(exc) from exc

        return self._backoff.run(once)

    def _rpc(self, fn: str, params: dict[str, Any]) -> dict[str, Any]:
        result = self._call(fn, params)
        if not isinstance(result, dict):
            raise ProtocolError(
                "服务器返回的数据格式不对", f"unexpected answer from the server: {result!r:.80}"
            )
        return result

    def _call(self, fn: str, params: dict[str, Any], *, retry: bool = True) -> Any:
        if self._session is None:
            raise AuthFailed("请先登录", "not signed in")
        client = self._supabase()

        def once() -> Any:
            import httpx
            from postgrest.exceptions import APIError

            with _auth_errors():
                client.auth.get_session()  # refreshes the token when it is about to expire
            try:
                return client.rpc(fn, params).execute().data
            except httpx.TransportError as exc:
                raise ConnectionLost(
                    "与服务器的连接中断，稍后会自动重试",
                    f"the connection to the server broke: {type(exc).__name__}",
                ) from exc
            except APIError as exc:
                raise _api_error(exc) from exc

        return self._backoff.run(once) if retry else once()


# .timeout: the HTTP timeout of the online call running in this thread (None: the client's own)
_ONLINE = threading.local()


def _online_timeout(request: httpx.Request) -> None:
    """Give the requests of an online call its shorter timeout (httpx reads it per request)."""
    seconds = getattr(_ONLINE, "timeout", None)
    if seconds is not None:
        import httpx

        request.extensions["timeout"] = httpx.Timeout(seconds).as_dict()


@contextmanager
def _auth_errors() -> Iterator[None]:
    """Translate supabase_auth and httpx errors raised inside the block."""
    import httpx
    from supabase_auth.errors import AuthApiError, AuthError, AuthRetryableError

    try:
        yield
    except (AuthRetryableError, httpx.TransportError) as exc:
        raise ConnectionLost(
            "无法连接登录服务，稍后再试", f"cannot reach the sign-in service: {exc}"
        ) from exc
    except AuthApiError as exc:
        if exc.status >= 500:
            raise ServerBusy("登录服务暂时不可用", f"the sign-in service failed: {exc}") from exc
        raise AuthFailed(
            "邮箱或密码不正确，或登录已过期", f"wrong email or password, or expired: {exc}"
        ) from exc
    except AuthError as exc:
        raise AuthFailed("登录失败，请重新登录", f"sign-in failed: {exc}") from exc


def _storage_error(exc: Any) -> SyncError:
    """A Storage API error ({statusCode, error, message}) as a project error."""
    try:
        status = int(str(exc.status))
    except ValueError:
        status = 0
    what = f"{exc.code}: {exc.message}"
    if status >= 500 or status == 0:
        return ServerBusy("照片存储暂时不可用", f"photo storage is unavailable ({what})")
    if status == 401 or exc.code == "InvalidJWT":
        return AuthFailed("登录已失效，请重新登录", f"the session is no longer valid ({what})")
    if status == 403:
        return PermissionDenied(
            f"没有权限保存这张照片（{exc.message}）",
            f"not allowed by photo storage ({what})",
            status=status,
        )
    return ServerRejected(
        f"照片存储拒绝了请求（HTTP {status}：{exc.message}）",
        f"photo storage refused the request (HTTP {status}, {what})",
        status=status,
    )


def _api_error(exc: Any) -> SyncError:
    """A PostgREST error (JSON body, or a bare HTTP status) as a project error."""
    code = str(exc.code or "")
    message = str(exc.message or code)
    details = exc.details if isinstance(exc.details, str) else None
    if code.isdigit() and len(code) == 3:  # no PostgREST body: the HTTP status
        status = int(code)
        if status >= 500:
            return ServerBusy(
                f"服务器暂时不可用（HTTP {status}）", f"the server is unavailable (HTTP {status})"
            )
        if status == 401:
            return AuthFailed("登录已失效，请重新登录", "the session is no longer valid")
        if status == 403:
            return PermissionDenied("没有权限", "not allowed", status=status)
        return ServerRejected(
            f"服务器拒绝了请求（HTTP {status}）",
            f"the server refused (HTTP {status})",
            status=status,
        )
    return from_sqlstate(code, message, details)
