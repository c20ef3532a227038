"""A dealer's orders (订单): the orders reps took in the outlets it supplies, read from the phone's
store, grouped by what the dealer has to do; accepting (quantities may be lowered, with a
reason), rejecting (with a reason) and marking shipped are online steps, checked here first as
the server checks them (docs/cases.md; 20261208150000_outlet_orders.sql)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from fieldapp.services.base import UserService
from fieldapp.services.i18n import FieldErrors, Msg
from fieldapp.services.order_common import MAX_REASON, OnlineSteps, boxes, order_age_days
from fieldapp.services.orders import BadQuantity, line_amount, parse_quantity
from fieldapp.store import orders as repo

# what the dealer has to do, in this order; "done" holds the orders nothing more happens to
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("submitted", ("submitted",)),
    ("accepted", ("accepted",)),
    ("shipped", ("shipped",)),
    ("done", ("received", "rejected", "cancelled")),
)
DEALER_STATUS: dict[str, Msg] = {
    "submitted": Msg("待处理", "to handle"),
    "accepted": Msg("待发货", "to ship"),
    "shipped": Msg("已发货", "shipped"),
    "received": Msg("已收货", "received"),
    "rejected": Msg("已拒单", "rejected"),
    "cancelled": Msg("已取消", "cancelled"),
}
DONE_DAYS = 60  # finished orders stay listed this long after they were taken


class DealerOrderService(UserService, OnlineSteps):
    """The orders addressed to the signed-in dealer, and its online steps on them."""

    def orders(self) -> list[dict[str, Any]]:
        """Every order the dealer sees, with its lines, boxes, amount and age in days; finished
        ones only within DONE_DAYS."""
        rows = repo.with_status(self.store, [s for _, group in GROUPS for s in group])
        lines = repo.lines_of(self.store, [o["id"] for o in rows])
        names = {p["id"]: p for p in repo.products(self.store)}
        today = self.today()
        out = []
        for o in rows:
            view = self._view(o, lines.get(o["id"], []), names, today)
            if view["group"] == "done" and view["age_days"] > DONE_DAYS:
                continue
            out.append(view)
        return out

    def grouped(self) -> list[tuple[str, list[dict[str, Any]]]]:
        """The orders by group (待处理, 待发货, 已发货, 已完成), oldest waiting first within an
        open group (it has waited longest), newest first among the finished."""
        every = self.orders()
        out: list[tuple[str, list[dict[str, Any]]]] = []
        for name, _statuses in GROUPS:
            mine = [o for o in every if o["group"] == name]
            mine.sort(key=lambda o: (o["age_days"], o["id"]), reverse=name != "done")
            out.append((name, mine))
        return out

    def order(self, order_id: str) -> dict[str, Any] | None:
        """One order as orders() describes it (None when not on the phone)."""
        o = repo.get(self.store, order_id)
        if o is None:
            return None
        names = {p["id"]: p for p in repo.products(self.store)}
        return self._view(o, repo.lines_of(self.store, [order_id])[order_id], names, self.today())

    @staticmethod
    def _view(
        o: repo.Order,
        lines: list[repo.OrderLine],
        names: dict[str, repo.Product],
        today: dt.date,
    ) -> dict[str, Any]:
        status = o.get("status") or "submitted"
        shown = []
        for ln in sorted(
            lines, key=lambda x: (names.get(x["product_id"], {}).get("sku", ""), x["id"])
        ):
            if ln.get("deleted_at"):
                continue
            p = names.get(ln["product_id"], {})
            accepted = ln.get("accepted_quantity")
            shown.append(
                {
                    "id": ln["id"],
                    "product": p.get("name") or p.get("sku") or "?",
                    "spec": p.get("spec") or "",
                    "unit": p.get("unit") or "箱",
                    "ordered": boxes(ln.get("quantity")),
                    "accepted": None if accepted is None else boxes(accepted),
                    "unit_price": Decimal(str(ln.get("unit_price") or 0)),
                }
            )
        group = next(name for name, statuses in GROUPS if status in statuses)
        count = [x["ordered"] if x["accepted"] is None else x["accepted"] for x in shown]
        amount = sum(
            (line_amount(n, x["unit_price"]) for n, x in zip(count, shown, strict=True)),
            Decimal(0),
        )
        return {
            **o,
            "status": status,
            "group": group,
            "lines": shown,
            "boxes": sum(count),
            "amount": amount,
            "age_days": order_age_days(o, today),
        }

    # -- the online steps --------------------------------------------------------------------------

    def check_accept(
        self, order_id: str, typed: dict[str, str], reason: str = ""
    ) -> tuple[list[dict[str, Any]], str | None]:
        """The accepted quantities as accept_order takes them (only the lines that change) and
        the reason, checked as the server checks them: whole boxes, 0 ≤ accepted ≤ ordered, a
        reason when a quantity is lowered, not everything zero. typed: line id → text (blank:
        as ordered). FieldErrors keyed by line id or "reason"; nothing is sent then."""
        o = self.order(order_id)
        if o is None:
            raise FieldErrors({"order": Msg("找不到该订单", "This order is not on the phone")})
        if o["status"] != "submitted":
            raise FieldErrors(
                {
                    "order": Msg(
                        "只有「待处理」的订单可以接单", "Only an order to handle can be accepted"
                    )
                }
            )
        errors: dict[str, Msg] = {}
        changed: list[dict[str, Any]] = []
        total = 0
        for i, ln in enumerate(o["lines"], start=1):
            try:
                q = parse_quantity(typed.get(ln["id"]), ln["unit"])
            except BadQuantity as exc:
                errors[ln["id"]] = Msg(f"第{i}行：{exc.msg.zh}", f"Line {i}: {exc.msg.en}")
                continue
            n = ln["ordered"] if q is None else int(q)
            if n > ln["ordered"]:
                errors[ln["id"]] = Msg(
                    f"第{i}行：接单数量不能超过订购数量 {ln['ordered']}",
                    f"Line {i}: the accepted quantity cannot exceed the {ln['ordered']} ordered",
                )
                continue
            total += n
            if n != ln["ordered"]:
                changed.append({"id": ln["id"], "quantity": n})
        said = (reason or "").strip()
        if len(said) > MAX_REASON:
            errors["reason"] = Msg(
                "原因不能超过4000字", "The reason cannot exceed 4,000 characters"
            )
        elif changed and not said and not errors:
            errors["reason"] = Msg("减少数量时必须填写原因", "Say why a quantity is lowered")
        if not errors and total == 0:
            errors["reason"] = Msg(
                "所有数量都为零，请改为拒单", "Nothing would be shipped: reject the order instead"
            )
        if errors:
            raise FieldErrors(errors)
        return changed, (said or None)

    def accept(self, order_id: str, typed: dict[str, str], reason: str = "") -> dict[str, Any]:
        """Accept the order with the typed quantities (checked first); the server's order row."""
        changed, said = self.check_accept(order_id, typed, reason)
        args: dict[str, Any] = {"p_order_id": order_id}
        if changed:
            args["p_lines"] = changed
        if said:
            args["p_reason"] = said
        return self.step("accept_order", **args)

    def reject(self, order_id: str, reason: str) -> dict[str, Any]:
        """Reject the order; the reason is required."""
        said = (reason or "").strip()
        if not said:
            raise FieldErrors(
                {"reason": Msg("拒单时必须填写原因", "Say why the order is rejected")}
            )
        if len(said) > MAX_REASON:
            raise FieldErrors(
                {"reason": Msg("原因不能超过4000字", "The reason cannot exceed 4,000 characters")}
            )
        return self.step("reject_order", p_order_id=order_id, p_reason=said)

    def check_ship_day(self, order_id: str, typed: str) -> dt.date:
        """The shipping date typed (YYYY-MM-DD; blank: today), not in the future and not before
        the order was taken; FieldErrors under "shipped_on"."""
        today, text = self.today(), (typed or "").strip()
        try:
            day = dt.date.fromisoformat(text) if text else today
        except ValueError:
            raise FieldErrors(
                {"shipped_on": Msg("日期格式应为 2026-12-01", "Use a date like 2026-12-01")}
            ) from None
        if day > today:
            raise FieldErrors(
                {
                    "shipped_on": Msg(
                        "发货日期不能晚于今天", "The shipping date cannot be in the future"
                    )
                }
            )
        o = repo.get(self.store, order_id) or {}
        ordered = str(o.get("ordered_on") or "")[:10]
        if ordered and day.isoformat() < ordered:
            raise FieldErrors(
                {
                    "shipped_on": Msg(
                        f"发货日期不能早于下单日期 {ordered}",
                        f"The shipping date cannot be before the order date {ordered}",
                    )
                }
            )
        return day

    def ship(self, order_id: str, typed_day: str = "") -> dict[str, Any]:
        """Mark the accepted order shipped on the typed day (default today)."""
        day = self.check_ship_day(order_id, typed_day)
        return self.step("ship_order", p_order_id=order_id, p_shipped_on=day.isoformat())
