"""The dealer's own app in the browser: a dealer signs in to its account tab and reads the
server's figures (public.dealer_account) — balance against the credit limit, plan progress, the
contract — in Chinese and at desktop size."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.rows import dict_row

from fieldapp.ui.ledger.ledger_common import money
from tests.e2e.app_helpers import Phone, poll
from tests.e2e.conftest import E2E_TODAY

pytestmark = pytest.mark.e2e
DEALER = "dealer-d001@demo.fieldsales.cn"
PHOTO = (Path(__file__).parents[2] / "assets/leaflet/images/marker-icon-2x.png").read_bytes()


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
    phone.sign_in(DEALER, first_tab="到货")
    phone.tab("账户").click()
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


def test_a_dealer_confirms_a_delivery_with_damage_and_sees_the_case(
    phone: Phone, demo_db_url: str
) -> None:
    """Journey (1) of issue 16: the overdue delivery, one line damaged, a note, 确认收货; after the
    sync the server has applied it and opened one discrepancy case for the area manager, and the
    dealer's phone shows it."""
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        doc = conn.execute(
            "select s.doc_no, min(s.shipped_on) as shipped_on from shipments s"
            " join profiles p on p.customer_id = s.customer_id"
            " where p.email = %s and s.seller_id is null and s.confirmed_at is null"
            " and s.shipped_on between %s::date - 7 and %s::date - 4"
            " group by s.doc_no order by 2 limit 1",
            (DEALER, E2E_TODAY, E2E_TODAY),
        ).fetchone()
    assert doc is not None, "the demo dealer has no overdue delivery"
    phone.open()
    phone.text("经销商", exact=True).click()
    phone.sign_in(DEALER, first_tab="到货")
    item = phone.see(doc["doc_no"])
    phone.see("已超期")
    phone.shot("dealer_deliveries.png")
    item.click()
    phone.see("确认收货")
    damaged = phone.page.get_by_role("textbox", name="破损", exact=True).first
    phone.fill_in(damaged, "破损", "1")
    phone.button("确认收货").click()
    phone.see("有破损或短少时请写明情况")  # the note is needed: nothing queued yet
    phone.fill("情况说明（有破损或短少时必填）", "外箱压坏一箱")
    with phone.page.expect_file_chooser() as chooser:
        phone.reveal(phone.button("添加照片")).click()
    chooser.value.set_files(files=[{"name": "box.png", "mimeType": "image/png", "buffer": PHOTO}])
    phone.reveal(phone.text("已选择 1 张照片"))
    phone.shot("dealer_delivery_confirm.png")
    phone.button("确认收货").click()
    phone.see("售后处理单", timeout_ms=60_000)  # after the sync: the server's case
    phone.see("待处理")
    phone.shot("dealer_delivery_case.png")
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        case = conn.execute(
            "select c.kind, c.status, p.role, (select count(*) from case_lines l"
            " where l.case_id = c.id and l.damaged_quantity = 1) as damaged_lines"
            " from cases c join profiles p on p.id = c.owner_id where c.doc_no = %s",
            (doc["doc_no"],),
        ).fetchall()
        confirmed = conn.execute(
            "select count(*) filter (where confirmed_at is null) as open,"
            " sum(damaged_quantity) as damaged from shipments where doc_no = %s",
            (doc["doc_no"],),
        ).fetchone()
    assert case == [
        {
            "kind": "delivery_discrepancy",
            "status": "open",
            "role": "area_manager",
            "damaged_lines": 1,
        }
    ]
    assert confirmed["open"] == 0 and confirmed["damaged"] == 1

    def uploaded() -> list[Any] | None:
        """The photo of the case's opening, once its file is on the server."""
        with psycopg.connect(demo_db_url) as conn:
            row = conn.execute(
                "select p.kind, p.taken_by = u.id, f.mime from cases c"
                " join case_events e on e.case_id = c.id and e.action = 'opened'"
                " join photos p on p.id = any(e.photo_ids) join profiles u on u.email = %s"
                " join photo_files f on f.photo_id = p.id where c.doc_no = %s",
                (DEALER, doc["doc_no"]),
            ).fetchone()
        return list(row) if row else None

    assert poll(uploaded, timeout=30) == ["damage", True, "image/jpeg"]  # the PNG, watermarked
