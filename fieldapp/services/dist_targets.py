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

    def product_of(self, sku: str) -> str | None:
        """The id of the active product with this SKU (any case) on the phone, or None."""
        want = (sku or "").strip().upper()
        for p in products(self.store):
            if str(p.get("sku") or "").upper() == want and p.get("active", True):
                return str(p["id"])
        return None

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

    def set(self, dealer_id: str, sku: str, month: str, pct: str, outlets: str) -> dict[str, Any]:
        """Set a dealer's target for a product (by SKU) and month; FieldErrors for a bad field."""
        if not (sku or "").strip():
            raise FieldErrors({"sku": Msg("请填写产品编码", "Please give the SKU")})
        product_id = self.product_of(sku)
        if product_id is None:
            raise FieldErrors(
                {"sku": Msg(f"找不到产品编码 {sku.strip()}", f"No product with SKU {sku.strip()}")}
            )
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
