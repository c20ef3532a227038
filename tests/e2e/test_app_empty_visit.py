"""Visits that say what happened, and the working calendar on the plan (issue 19, part 1). At
390×844 a rep checks in at the first stop and checks out at once: nothing was recorded, so the app
asks why; 确认签退 without a reason is refused in the dialog (nothing written), 关门 checks out;
the server has the visit with empty_reason closed after the sync, and Today shows the stop as
已拜访·无记录 (and counts it apart). Then the plan screen goes back to the week of 5 October 2026
(国庆: Monday–Wednesday 休, Saturday 10 October 班) and the chips and the banner show it; the
holiday's 添加网点 suggests nothing; the settings screen's 工作日历 card says how days are counted.
Screenshots: empty-visit-reason.png, empty-visit-today.png, plan-holidays.png,
settings-calendar.png."""

from __future__ import annotations

import datetime as dt
import re

import psycopg
import pytest

from tests.e2e.app_helpers import BACK, Phone, poll
from tests.e2e.conftest import E2E_TODAY

pytestmark = pytest.mark.e2e
REP = "rep02@demo.fieldsales.cn"
NATIONAL_DAY_WEEK = dt.date(2026, 10, 5)  # Mon 5–Wed 7 off (国庆), Sat 10 a make-up working day


def _visit(url: str, customer_id: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "select status, empty_reason, empty_note from visits"
            " where customer_id = %s and checkout_at is not null and empty_reason is not null",
            (customer_id,),
        ).fetchall()


def test_an_empty_visit_asks_why_and_today_says_visited_nothing_recorded(
    phone: Phone, demo_db_url: str
) -> None:
    stop = phone.check_in_at_first_stop(demo_db_url, REP)
    phone.button("签退").click()
    phone.see("这次拜访没有记录")
    # no reason picked: refused in the dialog, the visit is still in progress on the phone
    phone.button("确认签退").click()
    phone.see("请选择原因")
    store = phone.store()
    assert store.execute("select count(*) from visits where status = 'in_progress'").fetchone()[0]
    phone.text("关门", exact=True).click()
    phone.shot("empty-visit-reason.png")
    phone.button("确认签退").click()
    phone.see("已拜访·无记录")  # Today: the stop's status
    phone.see("已拜访·无记录 1 站")  # and the count apart from 已完成
    poll(lambda: store.execute("select count(*) from visits where json_extract(data,"
                               " '$.empty_reason') = 'closed'").fetchone()[0] == 1)  # fmt: skip
    store.close()
    phone.page.wait_for_timeout(3000)  # the toast has gone
    phone.shot("empty-visit-today.png")
    phone.wait_synced()
    assert poll(lambda: _visit(demo_db_url, stop["id"]) or None) == [("done", "closed", None)]

    # the plan: the week of 国庆 2026 marks its holidays 休 and its make-up Saturday 班
    phone.tab("计划").click()
    phone.see("拜访计划")
    weeks = (E2E_TODAY - dt.timedelta(days=E2E_TODAY.weekday()) - NATIONAL_DAY_WEEK).days // 7
    target = phone.text("10/5 – 10/11")
    # the week row is one semantics node named "上一周\n12/7 – 12/13 · 本周": tap its left end
    prev = phone.page.get_by_label(re.compile(r"^上一周")).first
    for _ in range(weeks + 6):
        if target.is_visible():
            break
        box = prev.bounding_box()
        assert box is not None
        phone.page.mouse.click(box["x"] + 20, box["y"] + box["height"] / 2)
        phone.page.mouse.move(385, 330)  # no tooltip up: it would double the button's name
        phone.page.wait_for_timeout(600)
    phone.see("10/5 – 10/11")
    phone.see("周一 休·0").click()
    phone.see("休 · 国庆节")
    phone.see("周六 班·0")
    phone.page.wait_for_timeout(1000)
    phone.shot("plan-holidays.png")
    phone.button("添加网点").click()
    phone.see("这天是节假日（休），不建议拜访")
    # the settings screen says, per rule, calendar or working days and whether a due day moves
    phone.page.get_by_role("button", name=BACK).click()
    phone.see("周一 休·0")
    phone.page.get_by_label("设置", exact=True).click()
    phone.reveal(phone.text("拜访、预警到期日遇休顺延"))  # folded, with the rule in its subtitle
    phone.text("工作日历").click()
    phone.reveal(phone.text("逾期天数按工作日计"))  # visit frequency
    phone.reveal(phone.text("到期日不顺延"))  # after-sales SLA, delivery confirmation
    phone.shot("settings-calendar.png")
