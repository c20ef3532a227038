"""The conflicts table: what the server decided against the phone's edits, for the sync screen."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from fieldapp.domain import clock
from fieldapp.domain.limits import limit_message
from fieldapp.store.outbox import Mutation, dumps

TABLE_NAMES = {
    "customers": ("网点资料", "outlet"),
    "customer_contacts": ("联系人", "contact"),
    "customer_notes": ("客户备注", "customer note"),
    "photos": ("照片", "photo"),
    "visit_plans": ("拜访计划", "visit plan"),
    "visit_plan_stops": ("计划拜访点", "plan stop"),
    "visits": ("拜访记录", "visit"),
    "stock_counts": ("库存盘点", "stock count"),
    "orders": ("订单", "order"),
    "order_lines": ("订单明细", "order line"),
    "incidents": ("重大事件", "incident"),
    "complaints": ("投诉", "complaint"),
}

# SQLSTATE class or code -> why, in both languages
_REASONS = {
    "42501": ("没有权限", "you are not allowed to make this change"),
    "42P01": ("服务器不认识这类数据", "the server does not know this kind of record"),
    "55000": ("当前状态不允许修改", "the record's state does not allow this change"),
    "P0002": ("服务器上找不到该记录", "the record was not found on the server"),
    "22": ("数据格式有误", "the data is not valid"),
    "23": ("数据不完整或与已有数据冲突", "the data is incomplete or clashes with existing data"),
}


@dataclass(frozen=True)
class Conflict:
    """One recorded decision against a local edit."""

    id: int
    mutation_id: int
    table: str
    row_id: str
    op: str
    status: str  # conflict | rejected
    sqlstate: str | None
    reason: str | None
    message_zh: str
    message_en: str
    server_row: dict[str, Any] | None
    local_patch: Any
    at: str
    seen: bool


def describe(
    m: Mutation, status: str, sqlstate: str | None, reason: str | None = None
) -> tuple[str, str]:
    """A sentence for the user about one conflict or rejection (Chinese, English)."""
    zh_name, en_name = TABLE_NAMES.get(m.table, (m.table, m.table))
    if status == "conflict":
        return (
            f"{zh_name}已在服务器上被修改，已保留服务器版本，你的修改未生效",
            f"this {en_name} was changed on the server; the server's version was kept and your"
            " change was not applied",
        )
    if m.patch == {"id": m.row_id}:  # the check after a lost answer (answers._duplicate)
        return (
            f"这条{zh_name}没有保存到服务器（上传的回应丢失，核对后发现）",
            f"this {en_name} was not kept by the server (found when checking after the answer"
            " to its upload was lost)",
        )
    code = sqlstate or ""
    why = (
        (limit_message(reason or "") if code == "23514" else None)
        or _REASONS.get(code)
        or _REASONS.get(code[:2])
        or ("服务器拒绝了该修改", "the server refused it")
    )
    return f"{zh_name}未能上传：{why[0]}", f"the {en_name} could not be uploaded: {why[1]}"


def record(
    conn: sqlite3.Connection,
    m: Mutation,
    status: str,
    *,
    sqlstate: str | None = None,
    reason: str | None = None,
    server_row: dict[str, Any] | None = None,
    local_patch: Any = None,
) -> None:
    """Keep what the server decided about mutation m (inside the caller's transaction)."""
    zh, en = describe(m, status, sqlstate, reason)
    conn.execute(
        "insert into conflicts (mutation_id, tbl, row_id, op, status, sqlstate, reason,"
        " message_zh, message_en, server_row, local_patch, at)"
        " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            m.id,
            m.table,
            m.row_id,
            m.op,
            status,
            sqlstate,
            reason,
            zh,
            en,
            None if server_row is None else dumps(server_row),
            dumps(m.patch if local_patch is None else local_patch),
            clock.system_now().isoformat(),
        ),
    )


def listing(conn: sqlite3.Connection, *, unseen_only: bool = False) -> list[Conflict]:
    """Recorded conflicts and rejections, newest first."""
    where = "where seen = 0" if unseen_only else ""
    out = []
    for r in conn.execute(
        "select id, mutation_id, tbl, row_id, op, status, sqlstate, reason, message_zh,"
        f" message_en, server_row, local_patch, at, seen from conflicts {where} order by id desc"
    ):
        out.append(
            Conflict(
                *r[:10],  # type: ignore[misc]  # the first ten columns, in field order
                server_row=json.loads(r[10]) if r[10] else None,
                local_patch=json.loads(r[11]),
                at=r[12],
                seen=bool(r[13]),
            )
        )
    return out
