"""The quadrant matrix in the browser (issue 17, 客户分类矩阵): the demo is classified again three
months back and today, so that some customers moved; a manager opens 客户分类 from the 工作台 desk
at 1280×800 (scatter and quadrants beside the movers' table, sorted by a header, with totals),
narrows it to one area and back, then at 390×844 (one column), and taps a mover to open its
customer card. Screenshots: matrix-desktop.png and matrix-phone.png."""

from __future__ import annotations

import datetime as dt
import re

import psycopg
import pytest
from playwright.sync_api import Locator
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from psycopg.rows import dict_row

from tests.e2e.app_helpers import BACK, Phone
from tests.e2e.conftest import E2E_TODAY

pytestmark = pytest.mark.e2e
MANAGER = "manager@demo.fieldsales.cn"
QUADRANTS = {"core": "核心", "dangerous": "危险", "cultivate": "培养", "eliminate": "淘汰"}
WORST_FIRST = {"dangerous": 0, "eliminate": 1, "cultivate": 2, "core": 3}


def classify_twice(url: str) -> dict[str, object]:
    """Classify three months back, then today again; what the manager's matrix must show: the
    counts per quadrant and the mover listed first (worst destination, then largest volume),
    read from the classification tables, not from the matrix."""
    with psycopg.connect(url, autocommit=True, row_factory=dict_row) as conn:
        for day in (E2E_TODAY - dt.timedelta(days=91), E2E_TODAY):
            conn.execute("select public.classify_customers(%s)", (day,))
        counts = {
            r["quadrant"]: r["n"]
            for r in conn.execute(
                "select cc.quadrant, count(*) as n from customer_classifications cc"
                " join customers c on c.id = cc.customer_id"
                " where cc.as_of = %s and c.deleted_at is null group by 1",
                (E2E_TODAY,),
            )
        }
        moves = conn.execute(
            "select c.id::text, c.name, m.previous_quadrant, m.quadrant, m.volume_12m,"
            " a.name as area, (select count(*) from customer_classifications x"
            "   join customers y on y.id = x.customer_id"
            "  where x.as_of = m.as_of and y.area_id = c.area_id and y.deleted_at is null) as n"
            " from customer_classification_moves m join customers c on c.id = m.customer_id"
            " join areas a on a.id = c.area_id"
            " where m.as_of = %s and m.previous_quadrant <> m.quadrant and c.deleted_at is null",
            (E2E_TODAY,),
        ).fetchall()
    assert moves, "nobody moved between the two classifications"
    first = min(moves, key=lambda r: (WORST_FIRST[r["quadrant"]], -r["volume_12m"], r["id"]))
    return {"counts": counts, "mover": first, "movers": len(moves)}


def on_screen(phone: Phone, locator: Locator, height: int = 844) -> Locator:
    """Scroll (mouse wheel) until the control is within the window: a ListView keeps rows just
    beyond the window in the semantics tree, where Playwright counts them as visible, but a tap
    there lands on nothing."""
    for _ in range(40):
        box = locator.first.bounding_box() if locator.count() else None
        if box and 150 < box["y"] < height - 150:
            return locator.first
        phone.page.mouse.move(195, 600)
        phone.page.mouse.wheel(0, -300 if box and box["y"] <= 150 else 300)
        phone.page.wait_for_timeout(250)
    raise AssertionError("the control never scrolled into the window")


def see_counts(phone: Phone, counts: dict[str, int]) -> None:
    for q, name in QUADRANTS.items():
        phone.see(f"{name} {counts.get(q, 0):,} 户")


def test_a_manager_reads_the_matrix_at_a_desk_and_on_a_phone(
    phone: Phone, demo_db_url: str
) -> None:
    expected = classify_twice(demo_db_url)
    counts, mover = expected["counts"], expected["mover"]
    assert isinstance(counts, dict) and isinstance(mover, dict)
    phone.open()
    phone.text("销售经理", exact=True).click()
    phone.sign_in(MANAGER, first_tab="审批")
    phone.page.set_viewport_size({"width": 1280, "height": 800})
    phone.app.settle()  # the tabs move to the rail: a tap on the old bar would be lost
    for attempt in range(3):
        phone.tab("工作台").first.click()
        try:
            phone.see("客户分类", timeout_ms=15_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    phone.text("客户分类", exact=True).click()  # the desks' chip
    phone.see("客户分类矩阵")
    see_counts(phone, counts)
    phone.see(f"分类变动 {expected['movers']:,}")
    phone.see("企业最宝贵的财富")  # the source document's policy of 核心
    opens = re.compile(f"^打开客户卡片：{re.escape(str(mover['name']))}")
    phone.reveal(phone.page.get_by_role("cell", name=str(mover["name"]), exact=True))  # its row
    # the table sorts by a heading: 12个月进货, then largest first
    for _ in range(2):
        phone.text("12个月进货", exact=True).first.click()
        phone.app.settle()
    phone.see(f"合计 {min(expected['movers'], 100):,} 户")
    phone.page.mouse.move(640, 790)  # no tooltip in the picture
    phone.app.settle()
    phone.app.screenshot("matrix-desktop.png")
    # one area (the mover's): the counts are that area's, then the company again
    phone.text(f"{mover['area']} {mover['n']:,}", exact=True).click()
    phone.see(f"· {mover['n']:,} 户 ·")
    phone.text("全公司", exact=True).click()
    phone.see(f"· {sum(counts.values()):,} 户 ·")
    # a phone: one column, the same counts; the mover opens its card
    phone.page.set_viewport_size({"width": 390, "height": 844})
    see_counts(phone, counts)
    phone.shot("matrix-phone.png")
    move = f"{QUADRANTS[str(mover['previous_quadrant'])]} → {QUADRANTS[str(mover['quadrant'])]}"
    phone.see(move)  # its pair among the moves by kind (and on its row)
    # a phone's row is a card: named by its tooltip, as the warnings desk's rows
    row = phone.page.get_by_label(opens).or_(phone.page.get_by_role("button", name=opens))
    on_screen(phone, row).click()
    phone.page.get_by_role("button", name=BACK).first.wait_for()
    phone.page.get_by_text(re.compile("^分类变动")).first.wait_for(state="hidden")  # left
    phone.see(str(mover["name"]))  # the card's title and heading
