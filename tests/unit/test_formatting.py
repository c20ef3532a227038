"""The app's number and time formats."""

from __future__ import annotations

from decimal import Decimal

from fieldapp.services import formatting as fmt


def test_money_has_two_decimals_separators_and_a_real_minus() -> None:
    assert fmt.money(1234.5) == "¥1,234.50"
    assert fmt.money(Decimal("0.005")) == "¥0.01"  # half up, as on an invoice
    assert fmt.money(-720) == "−¥720.00"
    assert fmt.money(Decimal("-0.001")) == "¥0.00"  # no minus on a zero
    assert fmt.quantity(12.0) == "12" and fmt.quantity(Decimal("12.50")) == "12.5"
