"""Distribution targets (分销目标) in the browser (issue 18 part 3), at 390×844: an area manager
opens a dealer's "down the chain" view (台账 → dealer → 下游网点), taps 设定目标, is refused a
target above 100 % (in the dialog, nothing written), sets one for a SKU the dealer's outlets carry,
and the view shows target against actual (the server's distribution_vs_target); the audit has
the change. Screenshots: dist-target.png, and dist-target-desktop.png at 1280×800."""

from __future__ import annotations

import psycopg
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from psycopg.rows import dict_row

from tests.e2e.app_helpers import Phone
from tests.e2e.conftest import E2E_TODAY

pytestmark = pytest.mark.e2e
AM = "am-sh@demo.fieldsales.cn"


def test_an_area_manager_sets_a_target_and_sees_target_vs_actual(
    phone: Phone, demo_db_url: str
) -> None:
    month = E2E_TODAY.replace(day=1)
    with psycopg.connect(demo_db_url, row_factory=dict_row, autocommit=True) as conn:
        d = conn.execute(
            "select l.* from ledger_dealers(%s) l where l.area_code = 'SH' order by l.code"
            " offset 2 limit 1",
            (E2E_TODAY,),
        ).fetchone()
        assert d is not None
        p = conn.execute(  # a SKU the dealer's outlets carry, without a target this month
            "select d.product_id::text, d.sku, d.product_name, d.distribution_pct"
            " from dealer_distribution(%s, 90, %s) d where d.carrying > 0"
            " and not exists (select from distribution_targets t where t.dealer_id = %s"
            "                 and t.product_id = d.product_id and t.month = %s)"
            " order by d.carrying desc, d.sku limit 1",
            (d["customer_id"], E2E_TODAY, d["customer_id"], month),
        ).fetchone()
        assert p is not None, "the dealer's outlets carry nothing"

        def targets() -> list[dict]:
            return conn.execute(
                "select t.target_pct, t.target_outlets, pr.email,"
                " (select count(*) from distribution_target_changes c where c.target_id = t.id)"
                " as changes from distribution_targets t join profiles pr on pr.id = t.set_by"
                " where t.dealer_id = %s and t.product_id = %s and t.month = %s",
                (d["customer_id"], p["product_id"], month),
            ).fetchall()

        phone.open()
        phone.text("区域经理", exact=True).click()
        phone.sign_in(AM, first_tab="审批")
        phone.tab("台账").click()
        phone.see(d["name"]).click()
        phone.button("下游网点").click()
        phone.see(f"分销目标与实际（{month:%Y-%m}）")
        phone.reveal(phone.button("设定目标")).click()
        phone.see("目标活跃网点数")
        phone.fill("产品编码（SKU）", p["sku"])
        phone.fill("目标铺货率 %（0–100）", "101")
        phone.fill("目标活跃网点数", "3")
        phone.button("设定目标").last.click()
        phone.see("目标铺货率须在0到100之间")
        assert targets() == []
        phone.fill("目标铺货率 %（0–100）", "60")
        phone.button("设定目标").last.click()
        phone.see("已保存分销目标")
        assert [(float(t["target_pct"]), t["target_outlets"], t["email"], t["changes"])
                for t in targets()] == [(60.0, 3, AM, 1)]  # fmt: skip
        actual = f"{float(p['distribution_pct'] or 0):.1f}"
        line = f"目标 60.0% · 实际 {actual}%"
        phone.reveal(phone.text(line))
        phone.see(p["product_name"])
        phone.shot("dist-target.png")
        # at a desk, the same view
        phone.page.set_viewport_size({"width": 1280, "height": 800})
        phone.app.settle()
        for attempt in range(3):
            try:
                phone.see(line, timeout_ms=15_000)
                break
            except PlaywrightTimeout:
                if attempt == 2:
                    raise
        phone.page.mouse.move(1200, 780)
        phone.app.settle()
        phone.app.screenshot("dist-target-desktop.png")
