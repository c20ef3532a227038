"""The rep's side of outlet orders: each order's status as the dealer left it (pulled), the
shipped orders an outlet's visit can mark received (online receive_order), and the overdue
deliveries of the rep's dealers (online overdue_deliveries, the last answer kept for offline)."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal
from typing import Any

from fieldapp.services.base import UserService
from fieldapp.services.order_common import OnlineSteps, boxes, order_age_days
from fieldapp.services.orders import order_total
from fieldapp.store import orders as repo
from fieldapp.store import preferences

OPEN = ("submitted", "accepted", "shipped")
RECENT_DAYS = 7  # a rejected, cancelled or received order stays on Today this long
OVERDUE_PREF = "overdue_deliveries"  # the last answer: {"at": iso time, "rows": [...]}
OVERDUE_TTL_S = 300.0  # Today asks the server again after this (a sync or a fix rebuilds it)
RETRY_S = 60.0  # after a failed fetch, Today waits this long before asking again


class OrderStatusService(UserService, OnlineSteps):
    """Order statuses for the rep's screens (from the store) and the rep's online order steps."""

    def setup(self) -> None:
        """When overdue deliveries were last asked for (monotonic seconds), if ever."""
        self._asked: float | None = None
        self._answered: float | None = None
        self.overdue_failed = False  # the last fetch found no server: the kept answer is old

    def _describe(self, orders: list[repo.Order]) -> list[dict[str, Any]]:
        lines = repo.lines_of(self.store, [o["id"] for o in orders])
        today = self.today()
        out = []
        for o in orders:
            mine = [x for x in lines.get(o["id"], []) if not x.get("deleted_at")]
            accepted = [x for x in mine if x.get("accepted_quantity") is not None]
            counted = (
                [{**x, "quantity": x["accepted_quantity"]} for x in accepted] if accepted else mine
            )
            out.append(
                {
                    **o,
                    "boxes": sum(boxes(x.get("quantity")) for x in counted),
                    "amount": order_total(counted),
                    "age_days": order_age_days(o, today),
                }
            )
        return out

    def of_customer(self, customer_id: str, limit: int = 5) -> list[dict[str, Any]]:
        """An outlet's latest orders with status, reason, boxes and amount (accepted quantities
        once the dealer accepted)."""
        return self._describe(repo.of_customer(self.store, customer_id, limit))

    def to_receive(self, customer_id: str | None = None) -> list[dict[str, Any]]:
        """Shipped orders waiting for the outlet's receipt (of one outlet, or all)."""
        rows = repo.with_status(self.store, ["shipped"])
        if customer_id is not None:
            rows = [o for o in rows if o.get("customer_id") == customer_id]
        return self._describe(rows)

    def for_today(self) -> list[dict[str, Any]]:
        """The rep's orders worth a line on Today: every open one (submitted, accepted, shipped)
        and those rejected, cancelled or received in the last RECENT_DAYS, shipped first."""
        rows = self._describe(
            repo.with_status(self.store, [*OPEN, "rejected", "cancelled", "received"])
        )
        rank = {"shipped": 0, "rejected": 1, "accepted": 2, "submitted": 3}
        keep = [o for o in rows if o["status"] in OPEN or o["age_days"] <= RECENT_DAYS]
        return sorted(keep, key=lambda o: (rank.get(o["status"], 4), o["age_days"], o["id"]))

    def receive(self, order_id: str) -> dict[str, Any]:
        """Mark a shipped order received (online)."""
        return self.step("receive_order", p_order_id=order_id)

    # -- overdue deliveries of the rep's dealers ---------------------------------------------------

    def overdue_cached(self) -> tuple[list[dict[str, Any]], str] | None:
        """The last answer of overdue_deliveries and when it came (an ISO time), if any."""
        kept = preferences.get(self.store, OVERDUE_PREF)
        if not isinstance(kept, dict) or not isinstance(kept.get("rows"), list):
            return None
        return list(kept["rows"]), str(kept.get("at") or "")

    def overdue_due(self) -> bool:
        """Whether Today should ask the server again (never asked in this session, the answer is
        older than OVERDUE_TTL_S, or the last try failed more than RETRY_S ago)."""
        now = time.monotonic()
        if self._asked is None:
            return True
        if self._answered is not None and self._answered >= self._asked:
            return now - self._answered > OVERDUE_TTL_S
        return now - self._asked > RETRY_S

    def fetch_overdue(self) -> list[dict[str, Any]]:
        """Ask the server for the overdue deliveries of the customers the rep sees (as of the
        company's today) and keep the answer for offline; raises when it cannot answer."""
        self._asked = time.monotonic()
        self.overdue_failed = True  # until the answer is in
        rows = self.rpc("overdue_deliveries", p_as_of=self.today().isoformat()) or []
        kept = [_plain(r) for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []
        preferences.put(
            self.store, OVERDUE_PREF, {"at": self.now().isoformat(timespec="seconds"), "rows": kept}
        )
        self._answered = time.monotonic()
        self.overdue_failed = False
        return kept


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """A row from the server as JSON the store can keep (dates as text, numbers as floats)."""
    out: dict[str, Any] = {}
    for k, v in dict(row).items():
        if isinstance(v, dt.date):
            out[k] = v.isoformat()
        elif isinstance(v, Decimal):
            out[k] = float(v)
        else:
            out[k] = v
    return out
