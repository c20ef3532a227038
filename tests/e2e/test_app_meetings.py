"""Meetings in the browser (issue 18 part 2), at 390×844 on two phones: an area manager opens 座谈会
from the 工作台 desk, records a meeting — first with nothing filled in (refused, nothing written) —
with a dealer attending (its satisfaction, 4, becomes feedback at the meeting) and a decision owned
by a rep, due three days ago; the rep,
signing in afterwards, finds it on Today (逾期 3 天, counted in calendar days from the company
clock), marks it 完成 with a note, and the sync brings "done" to the server. The area manager then
opens 客户意见 (the feedback summary of the demo's twelve months), on a phone and at a desk."""

from __future__ import annotations

import datetime as dt
import re

import psycopg
import pytest
from playwright.sync_api import Locator
from psycopg.rows import dict_row

from tests.e2e.app_helpers import BACK, Phone
from tests.e2e.conftest import E2E_TODAY

pytestmark = pytest.mark.e2e
AM = "am-sh@demo.fieldsales.cn"
REP = "rep02@demo.fieldsales.cn"  # the demo's own overdue decision is rep01's
AGENDA = "年终对账与春节备货"
BODY = "落实春节备货到店"
NOTE = "已逐店确认备货"


def _decisions(url: str) -> list[dict]:
    with psycopg.connect(url, row_factory=dict_row) as conn:
        return conn.execute(
            "select d.status, d.done_note, d.due_on, p.email, m.agenda,"
            " (select array_agg(c.name order by c.name) from meeting_attendees a"
            "  join customers c on c.id = a.customer_id where a.meeting_id = m.id) as customers"
            " from meeting_decisions d join meetings m on m.id = d.meeting_id"
            " join profiles p on p.id = d.owner_id where d.body = %s",
            (BODY,),
        ).fetchall()


def on_screen(phone: Phone, locator: Locator, top: int = 150, bottom: int = 694) -> Locator:
    """Scroll (mouse wheel) until the control's top is between top and bottom px: a ListView
    keeps rows beyond the window in the semantics tree, where Playwright counts them as visible
    (as test_app_matrix.on_screen)."""
    for _ in range(40):
        box = locator.first.bounding_box() if locator.count() else None
        if box and top < box["y"] < bottom:
            return locator.first
        phone.page.mouse.move(195, 600)
        phone.page.mouse.wheel(0, -150 if box and box["y"] <= top else 150)
        phone.page.wait_for_timeout(250)
    raise AssertionError("the control never scrolled into the window")


def tap(phone: Phone, locator: Locator) -> None:
    """Scroll to a chip, let the scrolling stop, then tap it (a tap during the scroll's last
    frames lands on whatever was there: docs/flet-lessons.md)."""
    phone.reveal(locator)
    phone.app.settle()
    locator.first.click()
    phone.app.settle()


def test_a_meeting_decision_reaches_its_owners_today(
    phone: Phone, second_phone: Phone, demo_db_url: str
) -> None:
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        rep = conn.execute("select full_name from profiles where email = %s", (REP,)).fetchone()
        dealer = conn.execute(  # a dealer of the rep's (its phone has the customer's name)
            "select c.name from customers c join profiles p on p.id = c.owner_id"
            " where p.email = %s and c.tier = 1 and c.status = 'active'"
            " and c.deleted_at is null order by c.code limit 1",
            (REP,),
        ).fetchone()
    assert rep is not None and dealer is not None
    held_on = (E2E_TODAY - dt.timedelta(days=10)).isoformat()
    due_on = (E2E_TODAY - dt.timedelta(days=3)).isoformat()
    am = phone
    am.open()
    am.text("区域经理", exact=True).click()
    am.sign_in(AM, first_tab="审批")
    am.tab("工作台").first.click()
    am.see("座谈会")
    am.shot("desk-switch-meetings.png")  # the desks' chips, wrapped on a phone
    am.text("座谈会", exact=True).click()  # the desks' chip
    am.see("业务座谈会")
    am.see("季度座谈会")  # the demo's meeting of the area
    am.button("记录座谈会").first.click()
    am.see("会议日期（年-月-日）")
    # nothing filled in: refused, nothing written
    am.button("保存座谈会").first.click()
    am.see("请填写议题")
    assert _decisions(demo_db_url) == []
    am.text("临时座谈会", exact=True).click()  # a pick clears the refusal's banner
    am.text("请填写议题").first.wait_for(state="hidden")
    # top-down, as a person fills it in, with the owner picked in between: a pick redraws only
    # the chips (a rebuild of the form once handed the due date to the agenda field)
    am.fill("会议日期（年-月-日）", held_on)
    am.fill("议题（必填）", AGENDA)
    am.fill("会议纪要（参会客户可见）", "经销商同意月底前完成对账")
    am.fill("决议内容", BODY)
    tap(am, am.text(f"{rep['full_name']}（业务员）", exact=True))
    am.fill("完成期限（年-月-日）", due_on)
    tap(am, am.text(dealer["name"], exact=True))  # the customers come last
    tap(am, am.text("4 分", exact=True))  # its satisfaction at the meeting (客户意见)
    assert am.value("议题（必填）") == AGENDA and am.value("完成期限（年-月-日）") == due_on
    on_screen(am, am.text("负责人", exact=True), top=150, bottom=260)  # decision to score
    am.shot("meeting-new.png")
    am.button("保存座谈会").first.click()
    am.see("座谈会已保存")
    am.see(AGENDA)  # back on the list
    am.wait_synced()  # the score is feedback, pushed by the sync
    with psycopg.connect(demo_db_url) as conn:
        said = conn.execute(
            "select f.score, c.name from customer_feedback f join customers c on c.id = f.customer_id"
            " join meetings m on m.id = f.meeting_id where m.agenda = %s",
            (AGENDA,),
        ).fetchall()
    assert said == [(4, dealer["name"])]
    got = _decisions(demo_db_url)
    assert [(d["status"], d["email"], str(d["due_on"]), d["customers"]) for d in got] == [
        ("open", REP, due_on, [dealer["name"]])
    ]

    # the rep signs in afterwards: the first sync brings the decision, Today shows it
    rep_phone = second_phone
    rep_phone.open()
    rep_phone.sign_in(REP)
    rep_phone.reveal(rep_phone.text(BODY))
    rep_phone.see("逾期 3 天")
    rep_phone.see("逾期按公司日历日计算")
    rep_phone.reveal(rep_phone.text(dealer["name"]))
    rep_phone.app.settle()  # a sync's refresh rebuilds Today at its top: find the card again
    on_screen(rep_phone, rep_phone.text("逾期的会议决议"), top=160, bottom=420)
    rep_phone.shot("today-decision.png")
    done = rep_phone.page.get_by_role("button", name=re.compile(r"^完成$|^标记决议已完成"))
    rep_phone.reveal(done).click()
    rep_phone.see("完成说明（可选）")
    rep_phone.fill("完成说明（可选）", NOTE)
    rep_phone.page.get_by_role("button", name=re.compile(r"^完成$")).last.click()
    rep_phone.see("已标记完成")
    rep_phone.text(BODY).first.wait_for(state="hidden")
    rep_phone.wait_synced()
    assert [(d["status"], d["done_note"]) for d in _decisions(demo_db_url)] == [("done", NOTE)]

    # the feedback summary, on a phone and at a desk
    am.page.get_by_role("button", name=BACK).first.click()
    am.see("客户意见")
    am.text("客户意见", exact=True).click()
    am.see("客户意见汇总")
    am.see("月度趋势")
    am.shot("feedback-summary.png")
    am.page.set_viewport_size({"width": 1280, "height": 800})
    am.app.settle()
    am.see("低分占比")  # the areas' table at a desk
    am.page.mouse.move(640, 790)
    am.app.settle()
    am.app.screenshot("feedback-summary-desktop.png")
    am.page.set_viewport_size({"width": 390, "height": 844})
    am.app.settle()
