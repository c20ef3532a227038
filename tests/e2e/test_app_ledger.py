"""The ledger in the browser: an area manager opens a dealer's ledger, a month's lines and a
contract, and sees the database's figures on screen."""

from __future__ import annotations

import datetime as dt
from typing import Any

import psycopg
import pytest
from psycopg.rows import dict_row

from fieldapp.ui.ledger.ledger_common import money
from tests.e2e.app_helpers import BACK, Phone, poll
from tests.e2e.conftest import E2E_TODAY

pytestmark = pytest.mark.e2e
AM = "am-sh@demo.fieldsales.cn"


def pct(value: Any) -> str:
    return f"{value:.1f}%"


def ledger_facts(conn: psycopg.Connection, email: str) -> dict[str, Any]:
    """The area manager's first dealer (by code) as the server computes it: the year-to-date
    figures, this month's ledger row and lines, and its effective contract."""
    today = E2E_TODAY
    d = conn.execute(
        "select l.* from ledger_dealers(%s) l join profiles p on p.email = %s"
        " join areas a on a.id = p.area_id where l.area_code = a.code"
        " and l.contract_status = 'effective' order by l.code limit 1",
        (today, email),
    ).fetchone()
    assert d is not None, "the demo has no dealer with a contract in this area"
    month = conn.execute(
        "select * from dealer_ledger(%s, %s) where month = %s",
        (d["customer_id"], today.year, today.replace(day=1)),
    ).fetchone()
    lines = conn.execute(
        "select * from dealer_ledger_lines(%s, %s)", (d["customer_id"], today.replace(day=1))
    ).fetchall()
    contract = conn.execute(
        "select public.contract_detail(%s) as c", (d["contract_id"],)
    ).fetchone()["c"]
    dealers = conn.execute(
        "select count(*) as n from ledger_dealers(%s) l join profiles p on p.email = %s"
        " join areas a on a.id = p.area_id where l.area_code = a.code",
        (today, email),
    ).fetchone()["n"]
    return {"d": d, "month": month, "lines": lines, "contract": contract, "dealers": dealers}


def test_area_manager_opens_a_ledger_and_a_contract(phone: Phone, demo_db_url: str) -> None:
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        facts = ledger_facts(conn, AM)
    d, month, c = facts["d"], facts["month"], facts["contract"]
    today = E2E_TODAY
    phone.open()
    phone.text("区域经理", exact=True).click()  # the demo users of that role
    phone.sign_in(AM, first_tab="审批")
    phone.tab("台账").click()

    # the area's dealers with progress: the first dealer's figures as the server has them
    phone.see(d["name"])
    card = phone.text(d["name"])
    label = card.get_attribute("aria-label") or card.inner_text()
    assert money(d["ytd_purchases"]) in label and money(d["ytd_plan"]) in label
    assert pct(d["ytd_progress_pct"]) in label and money(d["balance"]) in label
    phone.shot("ledger_dealers.png")

    # the dealer's ledger: year to date on top, the months below
    card.click()
    phone.see("2026年累计" if today.year == 2026 else f"{today.year}年累计")
    for value in (
        pct(d["ytd_progress_pct"]),
        money(d["ytd_purchases"]),
        money(d["ytd_plan"]),
        money(d["balance"]),
        money(d["credit_limit"]),
        money(d["last_year_ytd"]),
    ):
        phone.see(value)
    this_month = f"{today.year}年{today.month}月"
    row = phone.reveal(phone.text(this_month))
    text = row.get_attribute("aria-label") or row.inner_text()
    assert money(month["purchases"]) in text and money(month["closing_balance"]) in text
    phone.shot("ledger_dealer.png")

    # a month's lines: as many purchases as the server has, with their amounts
    row.click()
    phone.see(f"{this_month} 明细")
    bought = [x for x in facts["lines"] if x["kind"] == "purchase"]
    if bought:
        phone.see(money(sum(x["amount"] for x in bought)))
        phone.see(money(bought[0]["amount"]))
    phone.shot("ledger_lines.png")
    phone.page.get_by_role("button", name=BACK).click()

    # the dealer's contracts, then the effective one: sections ①–⑪ and its history
    phone.reveal(phone.button("合同")).click()
    phone.see(c["contract_no"]).click()
    phone.see("① 产品名称、品牌、规格、数量及价格")
    phone.see(c["party_b_name"])
    first = c["lines"][0]
    phone.see(money(first["amount"]))
    phone.see("生效")
    phone.shot("contract.png")
    for title in ("⑤ 经营权限", "⑦ 经销政策", "⑩ 签约时间、地点及生效", "⑪ 双方信息"):
        phone.reveal(phone.text(title), steps=30)
    phone.reveal(phone.text(c["party_a_tax_id"]), steps=30)
    phone.reveal(phone.text("流转记录"), steps=30)
    phone.shot("contract_parties.png")
    # an area manager reads contracts but takes no workflow step
    assert phone.button("签署").count() == 0 and phone.button("终止").count() == 0


def test_area_manager_enters_a_plan_and_looks_down_the_chain(
    phone: Phone, demo_db_url: str
) -> None:
    """Plan entry (a bad quantity is refused and nothing is written, then a good one is saved),
    the dealer's outlets, and the plan progress on the dealer's customer card."""
    today = E2E_TODAY
    nxt = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    with psycopg.connect(demo_db_url, row_factory=dict_row, autocommit=True) as conn:
        d = conn.execute(
            "select l.* from ledger_dealers(%s) l where l.area_code = 'SH' order by l.code"
            " offset 1 limit 1",
            (today,),
        ).fetchone()
        p = conn.execute(
            "select sku, unit_price from products where active order by sku limit 1"
        ).fetchone()
        outlet = conn.execute(
            "select name from dealer_outlets(%s) order by tier, code limit 1", (d["customer_id"],)
        ).fetchone()

        def planned() -> list[dict[str, Any]]:
            return conn.execute(
                "select s.quantity, s.amount from sales_plans s join products p"
                " on p.id = s.product_id where s.customer_id = %s and s.month = %s"
                " and p.sku = %s",
                (d["customer_id"], nxt, p["sku"]),
            ).fetchall()

        # a rerun starts from the same state: no plan for that dealer, month and product
        conn.execute(
            "delete from sales_plans s using products p where p.id = s.product_id"
            " and s.customer_id = %s and s.month = %s and p.sku = %s",
            (d["customer_id"], nxt, p["sku"]),
        )
        assert planned() == []
        phone.open()
        phone.text("区域经理", exact=True).click()
        phone.sign_in(AM, first_tab="审批")
        phone.tab("台账").click()
        phone.see(d["name"]).click()
        phone.button("录入计划").click()
        phone.see(f"计划月份 {nxt.year}年{nxt.month}月")
        qty = f"{p['sku']} 数量"
        phone.fill(qty, "-5")
        phone.button("保存计划").click()
        phone.see("数量须为不小于0的数")
        assert planned() == []
        phone.fill(qty, "321")
        phone.button("保存计划").click()
        phone.see("已保存 1 个产品的计划")
        rows = planned()
        assert len(rows) == 1 and rows[0]["quantity"] == 321
        assert rows[0]["amount"] == 321 * p["unit_price"]
        phone.shot("ledger_plan.png")
        phone.page.get_by_role("button", name=BACK).click()

        phone.button("下游网点").click()
        phone.see("铺货率")
        if outlet is not None:  # below the dealer's distribution targets and its SKUs
            phone.reveal(phone.text(outlet["name"]), steps=20)
        phone.shot("ledger_chain.png")
        phone.page.get_by_role("button", name=BACK).click()
        phone.page.get_by_role("button", name=BACK).click()

        # the customer card of the dealer: plan progress online, and the way to its ledger
        phone.tab("客户").click()
        phone.open_card(d["code"], d["name"])
        phone.reveal(phone.text(f"计划进度（{today.year}年累计）"))
        phone.see(money(d["ytd_plan"]))
        phone.see(money(d["ytd_purchases"]))
        phone.reveal(phone.button("打开台账"))
        phone.shot("ledger_card.png")

        # English: the ledger tab follows the language switch
        phone.page.get_by_role("button", name=BACK).click()
        phone.page.get_by_label("设置", exact=True).click()
        phone.page.get_by_role("checkbox", name="English").click()
        phone.see("Sign out")
        phone.page.get_by_role("button", name=BACK).click()
        phone.tab("Ledger").click()
        phone.see(f"{today.year} to date")
        phone.see("Contracts to fix")
        phone.see(d["name"]).click()
        phone.see(f"{today.year} by month")
        phone.see(money(d["ytd_purchases"]))
        phone.shot("ledger_dealer_en.png")


def test_manager_drafts_submits_and_signs_a_contract(phone: Phone, demo_db_url: str) -> None:
    """Contracts needing attention → a customer without one → a new draft from the template →
    submit → sign (the place asked in a dialog): every step on screen and in the database."""
    with psycopg.connect(demo_db_url, row_factory=dict_row, autocommit=True) as conn:
        need = conn.execute(
            "select * from contracts_needing_attention(private.company_today())"
            " where reason = 'no_contract' order by customer_name limit 1"
        ).fetchone()
        assert need is not None, "the demo has no customer without a contract"
        phone.open()
        phone.text("销售经理", exact=True).click()
        phone.sign_in("manager@demo.fieldsales.cn", first_tab="审批")
        phone.tab("台账").click()
        phone.see("合同待办").click()
        phone.reveal(phone.text(need["customer_name"]), steps=30).click()
        phone.button("从模板新建合同").click()
        phone.see("草稿")
        phone.see("① 产品名称、品牌、规格、数量及价格")
        row = conn.execute(
            "select id, contract_no, status from contracts where customer_id = %s"
            " order by created_at desc limit 1",
            (need["customer_id"],),
        ).fetchone()
        assert row["status"] == "draft"
        phone.see(row["contract_no"])
        phone.shot("contract_draft.png")

        phone.button("提交审核").click()
        phone.fill("说明", "请审核新合同")
        phone.button("提交审核").last.click()
        phone.see("审核中")
        phone.button("签署").click()
        phone.see("签约地点")
        phone.fill("签约地点", "上海市闵行区")
        phone.button("签署").last.click()
        phone.see("已签署")
        done = conn.execute(
            "select status, signed_place, signed_on from contracts where id = %s", (row["id"],)
        ).fetchone()
        assert done["status"] == "signed" and done["signed_place"] == "上海市闵行区"
        steps = conn.execute(
            "select from_status, to_status, note from contract_events where contract_id = %s"
            " order by at, from_status nulls first",
            (row["id"],),
        ).fetchall()
        assert [(s["from_status"], s["to_status"]) for s in steps] == [
            (None, "draft"),
            ("draft", "in_review"),
            ("in_review", "signed"),
        ]
        assert steps[1]["note"] == "请审核新合同"
        phone.reveal(phone.text("请审核新合同"))
        phone.shot("contract_signed.png")


def test_the_ledger_at_a_desk_is_a_sortable_table_with_totals(
    phone: Phone, demo_db_url: str
) -> None:
    """At 1280×800 the area's dealers are one table: sorted by balance on a tap, the amounts
    totalled as the server's rows add up; a dealer's ledger opens beside the table's list."""
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        rows = conn.execute(
            "select l.* from ledger_dealers(%s) l join profiles p on p.email = %s"
            " join areas a on a.id = p.area_id where l.area_code = a.code",
            (E2E_TODAY, AM),
        ).fetchall()
    assert len(rows) > 2
    phone.page.set_viewport_size({"width": 1280, "height": 800})
    phone.open()
    phone.text("区域经理", exact=True).click()
    phone.sign_in(AM, first_tab="审批")
    phone.tab("台账").click()
    phone.see(f"合计 {len(rows)} 条")
    phone.see(money(sum(r["balance"] for r in rows)))  # the balances' total
    phone.see(money(sum(r["ytd_purchases"] for r in rows)))
    by_balance = sorted(rows, key=lambda r: r["balance"])
    names = [r["name"] for r in by_balance]
    cells = [phone.page.get_by_role("cell", name=n, exact=True) for n in names]
    for ascending in (True, False):  # a tap on 应收余额 sorts by it; another reverses
        phone.text("应收余额", exact=True).first.click()
        want = names if ascending else names[::-1]
        poll(
            lambda w=want: [n for _y, n in sorted(zip(phone.tops(cells), names, strict=True))] == w
        )
    phone.app.settle()
    phone.app.screenshot("ledger-desktop.png")
    cells[-1].click()  # the largest balance, at the top: its ledger beside the list
    phone.see(f"{E2E_TODAY.year}年累计")
    phone.see(money(by_balance[-1]["balance"]))
    # the list stays at the left, narrow: the dealers as cards in the table's order, the opened
    # one (the largest balance) first, then the next largest
    phone.see("按应收余额排序 ↓")
    cards = [phone.page.get_by_label(f"打开 {n} 的台账").first for n in names[-1:-3:-1]]
    tops = phone.tops(cards)
    assert tops[0] < tops[1]
    phone.app.settle()
    phone.app.screenshot("ledger-desktop-dealer.png")
