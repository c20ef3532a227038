"""Order arithmetic: quantities from text, prices from the price list, line amounts and totals."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from fieldapp.services.i18n import Msg

CENT = Decimal("0.01")
MAX_QUANTITY = Decimal("1000000")


class BadQuantity(ValueError):
    """A quantity that cannot be saved; msg says why, for under the field."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(msg.en)
        self.msg = msg


def parse_quantity(text: str | float | int | None, unit: str = "箱") -> Decimal | None:
    """A quantity typed by the rep, in whole units of the product (boxes: an opened box is not
    counted or ordered; 0 allowed); None when blank; BadQuantity when invalid."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        q = Decimal(str(text).strip().replace(",", ""))
    except InvalidOperation as exc:
        raise BadQuantity(Msg("请输入数字", "Enter a number")) from exc
    if not q.is_finite():
        raise BadQuantity(Msg("请输入数字", "Enter a number"))
    if q < 0:
        raise BadQuantity(Msg("数量不能为负数", "The quantity cannot be negative"))
    if q >= MAX_QUANTITY:
        raise BadQuantity(Msg("数量太大", "The quantity is too large"))
    if q != q.to_integral_value():
        raise BadQuantity(
            Msg(f"数量须为整{unit}数，不能有小数", "The quantity must be whole boxes, no fractions")
        )
    return q.quantize(Decimal(1))


def price_of(product: Mapping[str, Any]) -> Decimal:
    """The product's list price (0 when missing)."""
    try:
        return Decimal(str(product.get("unit_price") or 0))
    except InvalidOperation:
        return Decimal(0)


def line_amount(quantity: Any, unit_price: Any) -> Decimal:
    """Quantity × unit price, rounded to the cent (half up)."""
    return (Decimal(str(quantity)) * Decimal(str(unit_price))).quantize(CENT, ROUND_HALF_UP)


def order_total(lines: Iterable[Mapping[str, Any]]) -> Decimal:
    """The sum of the line amounts of live lines (deleted ones are skipped)."""
    total = Decimal(0)
    for line in lines:
        if line.get("deleted_at"):
            continue
        total += line_amount(line.get("quantity") or 0, line.get("unit_price") or 0)
    return total.quantize(CENT)
