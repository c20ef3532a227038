"""A scorecard in the browser (issue 17): an area manager opens a dealer's customer card, taps
客户评价, tries to submit with one score (refused under the fields, nothing sent), scores every
indicator so that the grade changes, submits, sees the score and grade, and after the sync the
card shows the new grade and the 评价记录 card its bar and scorer; the database has the
evaluation and the customer's new grade."""

from __future__ import annotations

import re
from contextlib import closing

import psycopg
import pytest
from psycopg.rows import dict_row

from fieldapp.domain import legend
from fieldapp.services.scorecards import INDICATORS
from tests.e2e.app_helpers import BACK, Phone, poll

pytestmark = pytest.mark.e2e
AM = "am-sh@demo.fieldsales.cn"


def pick(conn: psycopg.Connection) -> tuple[dict, int, float, str]:
    """A dealer of the area manager's area, and the one score for every indicator that gives it
    a different grade from its current one (read from the weights and cut-offs in the DB)."""
    d = conn.execute(
        "select c.id::text, c.code, c.name, c.grade::text as grade from customers c"
        " join profiles p on p.email = %s where c.area_id = p.area_id and c.tier = 1"
        " and c.status = 'active' and c.deleted_at is null order by c.code limit 1",
        (AM,),
    ).fetchone()
    assert d is not None, "the demo area has no dealer"
    weights = conn.execute("select value from settings where key = 'evaluation.weights'")
    total = sum(float(v) for v in weights.fetchone()["value"].values())
    assert total == 100
    for n in (5, 1, 4, 3, 2):
        score = round(n * total / 5, 1)  # Σ weight × n ÷ (5 × 100) × 100
        grade = conn.execute(
            "select private.evaluation_grade(%s::numeric)::text as g", (score,)
        ).fetchone()["g"]
        if grade != d["grade"]:
            return d, n, score, grade
    raise AssertionError("no uniform score changes the grade")


def test_an_area_manager_scores_a_dealer_and_its_grade_changes(
    phone: Phone, demo_db_url: str
) -> None:
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        d, n, score, grade = pick(conn)
        before = conn.execute(
            "select count(*) as n from evaluations where customer_id = %s", (d["id"],)
        ).fetchone()["n"]
    label = legend.grade_swatch(grade).label_zh
    phone.open()
    phone.text("区域经理", exact=True).click()
    phone.sign_in(AM, first_tab="审批")
    phone.tab("客户").click()
    phone.open_card(d["code"], d["name"])
    phone.reveal(phone.button("客户评价")).click()
    phone.see("每项 1 到 5 分")

    # one score only: refused under the fields, nothing sent
    first = INDICATORS[0]
    phone.button(f"{first.zh} {n}分", exact=False).click()
    phone.see("已打分 1/13")
    phone.button("提交评价").click()
    phone.see("还有 12 项没有打分")
    phone.reveal(phone.text(f"请为「{INDICATORS[1].zh}」打分（1到5分）"))
    phone.shot("scorecard-refused.png")
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        assert (
            conn.execute(
                "select count(*) as n from evaluations where customer_id = %s", (d["id"],)
            ).fetchone()["n"]
            == before
        )

    for ind in INDICATORS[1:]:
        phone.reveal(phone.button(f"{ind.zh} {n}分", exact=False)).click()
    phone.see("已打分 13/13")
    phone.fill("评语（可选）", "浏览器测试：整体评价")
    phone.shot("scorecard-filled.png")
    phone.button("提交评价").click()
    phone.see(f"已提交评价：得分 {score:g}，等级 {label}")
    phone.shot("scorecard-submitted.png")

    # back on the card: after the sync the grade pill and the history show the new grade
    phone.wait_synced()
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        ev = conn.execute(
            "select e.score, e.evaluated_on, e.grade::text as grade, e.comment, p.email, c.grade::text as now"
            " from evaluations e join profiles p on p.id = e.evaluator_id"
            " join customers c on c.id = e.customer_id"
            " where e.customer_id = %s order by e.created_at desc limit 1",
            (d["id"],),
        ).fetchone()
        count = conn.execute(
            "select count(*) as n from evaluations where customer_id = %s", (d["id"],)
        ).fetchone()["n"]
    assert count == before + 1
    assert float(ev["score"]) == score and ev["grade"] == grade and ev["now"] == grade
    assert ev["email"] == AM and ev["comment"] == "浏览器测试：整体评价"
    with closing(phone.store()) as store:  # the phone has the new grade from the sync
        poll(
            lambda: (
                (
                    store.execute("select grade from customers where id = ?", (d["id"],)).fetchone()
                    == (grade,)
                )
                or None
            )
        )
    phone.see(label)
    latest = phone.reveal(phone.text(f"最近一次：{ev['evaluated_on'].isoformat()} · "))
    for _ in range(12):  # scroll the history card into the picture
        box = latest.bounding_box()
        if box is not None and box["y"] < 560:
            break
        phone.page.mouse.move(195, 500)
        phone.page.mouse.wheel(0, 250)
        phone.page.wait_for_timeout(250)
    phone.see(f"{score:g} 分 · {label}")
    phone.shot("scorecard-history.png")
    phone.page.get_by_role("button", name=BACK).click()

    # the map: the dealer's marker is drawn in the new grade (its colour and label come from
    # the same grade), and its sheet shows the grade
    see_on_map(phone, d["name"], label)

    # the area manager's due list, from the top of the warnings desk
    phone.tab("工作台").click()
    phone.text("预警处理", exact=True).click()
    phone.see("未处理")
    phone.shot("scorecard-desk.png")
    phone.button("待评价", exact=False).first.click()
    phone.see("待评价客户")
    phone.see("待评价 ")
    phone.shot("scorecard-due.png")


def see_on_map(phone: Phone, name: str, label: str) -> None:
    """Find the customer's marker among the dealers of one grade, tap it, see its sheet."""
    page = phone.page
    phone.tab("地图").click()
    anything = page.get_by_role("button", name=re.compile(r"^(网点|聚合) "))
    anything.first.wait_for(timeout=45_000)
    page.get_by_label("筛选", exact=True).click()
    page.get_by_role("checkbox", name="经销商").click()  # dealers only
    page.keyboard.press("Escape")
    page.get_by_role("checkbox", name=label).click()  # the new grade only
    phone.app.settle()
    marker = page.get_by_role("button", name=re.compile(rf"^网点 {re.escape(name)} · {label}"))
    clusters = page.get_by_role("button", name=re.compile(r"^聚合 "))
    for _ in range(8):  # open clusters until the dealer shows on its own
        if marker.count():
            break
        clusters.first.click()
        page.wait_for_timeout(600)
        phone.app.settle()
    phone.shot("scorecard-map.png")
    marker.first.click()
    phone.see(name)
    phone.see(label)
    phone.shot("scorecard-map-sheet.png")
    page.keyboard.press("Escape")
