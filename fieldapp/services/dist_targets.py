"""Distribution targets (分销目标, "3. 分销管理"): a dealer's numeric distribution % and active
outlets per SKU and month, set online by area managers and managers (distribution_target_set,
audited on the server), and target versus actual (distribution_vs_target: the server's one
distribution figure, never a second formula here). The phone checks the obvious first so that
the form can say which field is wrong."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from fieldapp.services.base import UserService
from fieldapp.services.i18n import FieldErrors, Msg
from fieldapp.store.orders import products

SETTERS = ("area_manager", "manager")
NUMBERS = ("target_pct", "actual_pct", "gap_pct")


def month_of(text: str) -> dt.date:
    """'2026-12' or '2026-12-01' as the month's first day; FieldErrors otherwise."""
    raw = (text or "").strip()
    try:
        if len(raw) == 7:
            return dt.date.fromisoformat(raw + "-01")
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise FieldErrors(
            {"month": Msg("请按 年-月 填写月份", "Give the month as YYYY-MM")}
        ) from None
    if day.day != 1:
        raise FieldErrors({"month": Msg("月份须为某月1日", "The month is its first day")})
    return day


class DistTargetService(UserService):
    """Distribution targets and target versus actual, through the server's RPCs."""

    def can_set(self) -> bool:
        """Whether the signed-in user sets targets (area managers, managers)."""
        return self.user.role in SETTERS

    def this_month(self) -> dt.date:
        """The first day of the company's current month."""
        return self.today().replace(day=1)

    def products(self) -> list[tuple[str, str]]:
        """Active products on the phone as (id, "SKU name"), by SKU."""
        rows = [p for p in products(self.store) if p.get("active", True)]
        rows.sort(key=lambda p: str(p.get("sku") or ""))
        return [(str(p["id"]), f"{p.get('sku') or ''} {p.get('name') or ''}".strip()) for p in rows]

    def vs_target(self, dealer_id: str, month: dt.date) -> list[dict[str, Any]]:
        """Per SKU: target and actual %, target and actual active outlets, gaps, met."""
        rows = self.rpc("distribution_vs_target", p_dealer_id=dealer_id, p_month=month.isoformat())
        out = []
        for r in rows or []:
            row = dict(r)
            for k in NUMBERS:
                if row.get(k) is not None:
                    row[k] = Decimal(str(row[k]))
            out.append(row)
        return out

    def set(
        self, dealer_id: str, product_id: str | None, month: str, pct: str, outlets: str
    ) -> dict[str, Any]:
        """Set a dealer's target for a product and month; FieldErrors for a bad field."""
        if not product_id:
            raise FieldErrors({"product": Msg("请选择产品", "Please pick a product")})
        first = month_of(month)
        try:
            value = Decimal((pct or "").strip())
        except InvalidOperation:
            value = Decimal(-1)
        if not value.is_finite() or value < 0 or value > 100:
            raise FieldErrors(
                {"pct": Msg("目标铺货率须在0到100之间", "The target must be 0 to 100 %")}
            )
        if value != value.quantize(Decimal("0.1")):
            raise FieldErrors({"pct": Msg("目标铺货率最多一位小数", "At most one decimal")})
        try:
            n = int((outlets or "").strip())
        except ValueError:
            n = -1
        if n < 0 or n > 100000:
            raise FieldErrors(
                {
                    "outlets": Msg(
                        "目标活跃网点数须为0或正整数", "Outlets: a whole number, 0 or more"
                    )
                }
            )
        row = self.rpc(
            "distribution_target_set",
            p_dealer_id=dealer_id,
            p_product_id=product_id,
            p_month=first.isoformat(),
            p_target_pct=str(value),
            p_target_outlets=n,
        )
        return dict(row)
