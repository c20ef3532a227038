"""The dealer's own app in the browser: a dealer signs in to its account tab and reads the
server's figures (public.dealer_account) — balance against the credit limit, plan progress, the
contract — in Chinese and at desktop size."""

from __future__ import annotations

import psycopg
import pytest
from psycopg.rows import dict_row

from fieldapp.ui.ledger.ledger_common import money
from tests.e2e.app_helpers import Phone
from tests.e2e.conftest import E2E_TODAY

pytestmark = pytest.mark.e2e
DEALER = "dealer-d001@demo.fieldsales.cn"


def test_a_dealer_reads_its_account(phone: Phone, demo_db_url: str) -> None:
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        d = conn.execute(
            "select l.* from ledger_dealers(%s) l join profiles p on p.customer_id = l.customer_id"
            " where p.email = %s",
            (E2E_TODAY, DEALER),
        ).fetchone()
    assert d is not None
    phone.open()
    phone.text("经销商", exact=True).click()  # the demo users of that role
    phone.sign_in(DEALER, first_tab="账户")
    phone.see("应收余额")
    phone.see(money(d["balance"]))
    phone.see(f"信用额度 {money(d['credit_limit'])}")
    phone.see(f"{E2E_TODAY.year}年累计")
    phone.see(money(d["ytd_purchases"]))
    if d["contract_status"] == "effective":
        phone.see(d["contract_no"])
    phone.shot("dealer_account.png")
    phone.page.set_viewport_size({"width": 1280, "height": 800})
    phone.see("应收余额")
    phone.app.settle()
    phone.app.screenshot("dealer_account_desktop.png")
