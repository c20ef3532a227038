"""What the dealer's order screens and the rep's order statuses share: the status words, and the
online order steps (accept, reject, ship, receive) that need the server — refused in words, not
queued, when it cannot be reached."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from fieldapp.domain import clock
from fieldapp.errors import FieldSalesError
from fieldapp.services import formatting as fmt
from fieldapp.services.i18n import Msg
from fieldapp.store import Store
from fieldapp.sync.errors import ConnectionLost, ServerBusy

# the server's status machine (20261208150000_outlet_orders.sql), in the rep's words
STATUS: dict[str, Msg] = {
    "draft": Msg("草稿", "draft"),
    "submitted": Msg("已提交", "submitted"),
    "accepted": Msg("已接单", "accepted"),
    "rejected": Msg("已拒绝", "rejected"),
    "shipped": Msg("已发货", "shipped"),
    "received": Msg("已收货", "received"),
    "cancelled": Msg("已取消", "cancelled"),
}
STATUS_COLORS: dict[str, str] = {
    "draft": "#5F6B7A",
    "submitted": "#B26A00",
    "accepted": "#0072B2",
    "rejected": "#B3261E",
    "shipped": "#6A3D9A",
    "received": "#1B7F3B",
    "cancelled": "#5F6B7A",
}
MAX_REASON = 4000  # as the server's order_reason


class NeedsConnection(FieldSalesError):
    """An order step that only the server can take, tried without a connection."""

    title_zh = "需联网"
    title_en = "Needs a connection"


def status_text(order: Mapping[str, Any]) -> Msg:
    """The order's status, with the reason when there is one: "已拒绝：欠款未结"."""
    status = order.get("status") or "draft"
    word = STATUS.get(status, Msg(status, status))
    reason = (order.get("status_reason") or "").strip()
    if not reason:
        return word
    return Msg(f"{word.zh}：{reason}", f"{word.en}: {reason}")


def boxes(value: Any) -> int:
    """A quantity of whole boxes as an int (None: 0)."""
    return int(Decimal(str(value or 0)))


def order_age_days(order: Mapping[str, Any], today: dt.date) -> int:
    """Whole days since the order was submitted (or taken, when the phone has no submission)."""
    submitted = fmt.parse_time(order.get("submitted_at"))
    day = clock.day_of(submitted) if submitted is not None else None
    if day is None:
        try:
            day = dt.date.fromisoformat(str(order.get("ordered_on"))[:10])
        except ValueError:
            return 0
    return max(0, (today - day).days)


class OnlineSteps:
    """Order steps through the server's functions: an unreachable server raises NeedsConnection
    (nothing is queued: the status machine lives on the server) and is remembered, so the screens
    can say 需联网 on the buttons until a call or a sync gets through again."""

    store: Store
    rpc: Callable[..., Any]
    _failed_at: dt.datetime | None = None  # the last call that found no server

    def offline(self) -> bool:
        """Whether the server looked unreachable at the last try: a call of this service that
        failed after the last successful sync, else the last sync's own error."""
        st = self.store.sync_state()
        synced = fmt.parse_time(st.last_sync_at)
        if self._failed_at is not None and (synced is None or synced < self._failed_at):
            return True
        said = str((st.last_error or {}).get("zh") or "")
        return said.startswith((ConnectionLost.title_zh, ServerBusy.title_zh))

    def step(self, fn: str, **args: Any) -> dict[str, Any]:
        """Call an order function now; its answer (the order row)."""
        try:
            row = self.rpc(fn, **args)
        except ConnectionLost as exc:
            self._failed_at = clock.system_now()
            raise NeedsConnection(
                "无法连接服务器，请联网后再试（没有保存任何内容）",
                "the server cannot be reached: try again with a connection (nothing was saved)",
            ) from exc
        self._failed_at = None
        return dict(row or {})
