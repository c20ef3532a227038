"""Visit plans in a real browser at phone size: a rep builds and submits this week's plan, the
area manager approves it with a comment on the map view, and the rep's Today shows the route."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import psycopg
import pytest
from playwright.sync_api import Browser

from fieldapp.domain.clock import monday
from tests.e2e.app_helpers import BACK, PEOPLES_SQUARE, Phone, poll
from tests.e2e.conftest import E2E_TODAY, PHONE_VIEWPORT, SCREENSHOT_DIR, AppPage, is_loopback_url

REP = "rep04@demo.fieldsales.cn"  # only searches customers elsewhere: its plan is free to replace


@pytest.fixture
def fresh_week(demo_db_url: str, app_url: str, demo_plans: dict) -> dict[str, str]:
    """Remove the rep's seeded plan of this week (so they plan it, today included); returns the
    rep's id and their area manager's email."""
    with psycopg.connect(demo_db_url, autocommit=True) as conn:
        rep_id, area_id, name = conn.execute(
            "select id, area_id, full_name from profiles where email = %s", (REP,)
        ).fetchone()
        am = conn.execute(
            "select email from profiles where role = 'area_manager' and area_id = %s and active"
            " order by email limit 1",
            (area_id,),
        ).fetchone()[0]
        plans = [r[0] for r in conn.execute(
            "select id from visit_plans where rep_id = %s and week_start = %s",
            (rep_id, monday(E2E_TODAY)),
        )]  # fmt: skip
        with conn.transaction():
            conn.execute(
                "update visits set plan_stop_id = null where plan_stop_id in"
                " (select id from visit_plan_stops where plan_id = any(%s))",
                (plans,),
            )
            conn.execute("delete from visit_plan_decisions where plan_id = any(%s)", (plans,))
            conn.execute("delete from visit_plan_stops where plan_id = any(%s)", (plans,))
            conn.execute("delete from visit_plans where id = any(%s)", (plans,))
    return {"rep_id": str(rep_id), "am": am, "name": name}


def second_phone(browser: Browser, app_url: str, phones_dir: Path) -> Phone:
    """Another phone (browser context) on the same app."""
    context = browser.new_context(
        viewport=PHONE_VIEWPORT,
        device_scale_factor=2,
        locale="zh-CN",
        permissions=["geolocation"],
        geolocation=PEOPLES_SQUARE,
    )
    context.route(lambda url: not is_loopback_url(url), lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(30_000)
    app = AppPage(page=page, url=app_url)
    page.on("request", lambda req: app.requests.append(req.url))
    page.on("requestfinished", lambda req: app.finished.add(req.url))
    return Phone(app, context, phones_dir)


def local_route(phone: Phone, day: dt.date) -> list[str]:
    """The outlets of the day in the phone's plan, in visiting order (from its store)."""
    with phone.store() as db:
        rows = db.execute(
            "select json_extract(c.data, '$.name') from visit_plan_stops s"
            " join customers c on c.id = s.customer_id where s.deleted = 0 and s.visit_date = ?"
            " order by s.seq",
            (day.isoformat(),),
        ).fetchall()
    return [r[0] for r in rows]


def test_rep_plans_manager_approves_today_shows_route(
    phone: Phone,
    browser: Browser,
    app_url: str,
    phones_dir: Path,
    demo_db_url: str,
    fresh_week: dict[str, str],
) -> None:
    today = E2E_TODAY
    phone.open()
    phone.sign_in(REP)
    phone.see("今天没有")  # the seeded route is gone
    phone.tab("计划").click()
    phone.see("未制定")

    # add three suggested outlets to today
    phone.button("添加网点").click()
    phone.see("建议：")
    phone.shot("plan-suggestions.png")
    added: list[str] = []
    for _ in range(3):
        add = phone.page.get_by_label(re.compile(r"^添加 [^\n]+$"))
        add.first.wait_for()
        name = (add.first.get_attribute("aria-label") or "")[len("添加 ") :]
        add.first.click()
        phone.see(f"已添加：{name}")
        poll(lambda n=name: n in local_route(phone, today))
        added.append(name)
    phone.page.get_by_role("button", name=BACK).click()
    for name in added:
        phone.see(name)

    # optimise, then move the second stop up by hand
    phone.button("优化顺序").click()
    phone.see("已按最短路线排序")
    order = poll(lambda: (r := local_route(phone, today)) and sorted(r) == sorted(added) and r)
    phone.page.get_by_label(f"上移 {order[1]}", exact=True).click()
    poll(lambda: local_route(phone, today) == [order[1], order[0], order[2]])
    phone.see("公里")  # the day's distance and time
    phone.page.wait_for_timeout(3000)  # the toast has gone
    phone.shot("plan-week.png")

    # submit: the draft is uploaded first, then submitted
    phone.button("提交审批").click()
    phone.button("提交").click()
    phone.see("待审批")
    with psycopg.connect(demo_db_url) as conn:
        plan_id, status, stops = conn.execute(
            "select p.id::text, p.status, array_agg(c.name order by s.seq) from visit_plans p"
            " join visit_plan_stops s on s.plan_id = p.id and s.deleted_at is null"
            " join customers c on c.id = s.customer_id"
            " where p.rep_id = %s and p.week_start = %s and s.visit_date = %s"
            " group by p.id, p.status",
            (fresh_week["rep_id"], monday(today), today),
        ).fetchone()
    assert status == "submitted" and stops == [order[1], order[0], order[2]]

    # the area manager approves it with a comment, looking at the day's route map
    am = second_phone(browser, app_url, phones_dir)
    try:
        am.open()
        am.text("区域经理", exact=True).click()
        am.sign_in(fresh_week["am"], first_tab="审批")
        am.see("待审批（1）")
        am.shot("approval-list.png")
        am.text(fresh_week["name"]).click()
        am.see(order[1])
        am.shot("approval-plan.png")
        am.see("共 3 个拜访点")
        am.button("驳回").click()
        am.see("驳回时必须填写意见")  # a rejection needs a comment: nothing was sent
        # the field's name now carries its error: tap it by the start of its name, then type
        box = am.page.get_by_role("textbox", name=re.compile("^审批意见")).first
        box.click()
        am.page.wait_for_timeout(300)
        box.click()
        am.page.keyboard.type("路线合理，同意", delay=20)
        poll(lambda: box.input_value() == "路线合理，同意")
        am.page.keyboard.press("Tab")
        am.button("批准").click()
        am.see("没有待审批的计划")
        am.page.wait_for_timeout(800)  # the back transition ends
        am.button("团队执行情况").click()  # the team's plan vs actual of this week
        am.see(fresh_week["name"])
        am.see("计划 3 · 完成 0 · 错过 0 · 待访 3")
        am.see("团队执行情况")
        am.shot("approval-team.png")
    finally:
        am.context.close()
    with psycopg.connect(demo_db_url) as conn:
        decided = conn.execute(
            "select p.status, p.decision_comment, u.email from visit_plans p"
            " join profiles u on u.id = p.decided_by where p.id = %s",
            (plan_id,),
        ).fetchone()
        logged = conn.execute(
            "select count(*) from visit_plan_decisions where plan_id = %s and decision = 'approved'",
            (plan_id,),
        ).fetchone()[0]
    assert decided == ("approved", "路线合理，同意", fresh_week["am"]) and logged == 1

    # the rep syncs: the plan shows the decision, and Today the approved route in order
    phone.tab("同步").click()
    phone.button("立即同步").click()
    phone.tab("计划").click()
    phone.see("审批意见：路线合理，同意")
    phone.see("已批准")
    phone.shot("plan-approved.png")
    phone.tab("今日").click()
    for name in (order[1], order[0], order[2]):
        phone.see(name)
    tops = phone.tops([phone.text(n) for n in (order[1], order[0], order[2])])
    assert tops == sorted(tops)  # in the approved order
    phone.shot("plan-today-approved.png")
    phone.tab("计划").click()
    phone.reveal(phone.button("计划执行情况")).click()
    phone.see("计划 3 · 完成 0 · 错过 0 · 待访 3")
    assert (SCREENSHOT_DIR / "plan-week.png").exists()
