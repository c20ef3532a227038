"""The dealer's meetings and support in the browser (issue 18, part 4): a dealer signs in, and its
account tab shows the meeting its company attended with a decision (from the phone's store, as
the sync brought it) and the support its company received (support_list, online) — never the
internal evaluation note the test gives one of its activities."""

from __future__ import annotations

import psycopg
import pytest
from playwright.sync_api import Locator
from psycopg.rows import dict_row

from fieldapp.services.support import kind_label
from fieldapp.ui.dealer.dealer_relations import MINUTES_FIT
from tests.e2e.app_helpers import Phone

pytestmark = pytest.mark.e2e
DEALER = "dealer-d001@demo.fieldsales.cn"
NOTE = "内部评估：陈列执行一般"


def bring(phone: Phone, locator: Locator, top: float = 140, bottom: float = 560) -> Locator:
    """Scroll (mouse wheel, as a finger would) until the control is on the screen between top and
    bottom: Flutter keeps controls just off screen in its DOM too, so reveal() may stop short."""
    for _ in range(60):
        box = locator.first.bounding_box() if locator.count() else None
        if box is not None and top <= box["y"] <= bottom:
            return locator.first
        phone.page.mouse.move(195, 500)
        phone.page.mouse.wheel(0, -250 if box is not None and box["y"] < top else 250)
        phone.page.wait_for_timeout(250)
    raise AssertionError(f"never scrolled to {locator}")


def test_a_dealer_sees_its_meeting_decision_and_support(phone: Phone, demo_db_url: str) -> None:
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        me = conn.execute(
            "select customer_id from profiles where email = %s", (DEALER,)
        ).fetchone()["customer_id"]
        meeting = conn.execute(
            "select m.* from meetings m join meeting_attendees a on a.meeting_id = m.id"
            " where a.customer_id = %s and a.deleted_at is null and m.deleted_at is null"
            " order by m.held_on desc limit 1",
            (me,),
        ).fetchone()
        decision = conn.execute(
            "select * from meeting_decisions where meeting_id = %s and deleted_at is null"
            " order by due_on, id limit 1",
            (meeting["id"],),
        ).fetchone()
        conn.execute(  # an internal evaluation of one done activity: never for the dealer
            "update support_activities set status = 'evaluated', score = 2, evaluation_note = %s,"
            " evaluated_by = (select id from profiles where role = 'manager' limit 1),"
            " evaluated_at = now() where id = (select id from support_activities"
            " where customer_id = %s and status = 'done' and deleted_at is null limit 1)",
            (NOTE, me),
        )
        support = conn.execute(
            "select * from support_activities where customer_id = %s and deleted_at is null"
            " order by coalesce(done_on, planned_on) desc nulls last, created_at desc",
            (me,),
        ).fetchall()
        others = conn.execute(
            "select m.agenda from meetings m where m.id not in (select meeting_id from"
            " meeting_attendees where customer_id = %s) and m.agenda <> %s",
            (me, meeting["agenda"]),
        ).fetchall()
    assert meeting is not None and decision is not None, "the demo dealer attended no meeting"
    assert support, "the demo dealer received no support"
    notes = {s["evaluation_note"] for s in support if s["evaluation_note"]}
    assert notes, "the demo has no evaluated support for the dealer: the check would be empty"

    phone.open()
    phone.text("经销商", exact=True).click()
    phone.sign_in(DEALER, first_tab="到货")
    phone.tab("账户").click()
    phone.see("应收余额")
    bring(phone, phone.text("座谈会", exact=True), bottom=300)
    phone.see(f"议题：{meeting['agenda']}")
    phone.see(decision["body"])
    phone.see(f"期限 {decision['due_on'].isoformat()}")
    phone.shot("dealer-relations.png")
    if len(meeting["minutes"] or "") > MINUTES_FIT:
        bring(phone, phone.button("展开纪要")).click()
        phone.see("收起纪要")
    bring(phone, phone.text("我的评价"))
    first = support[0]
    bring(phone, phone.text(first["title"]), top=300, bottom=500)
    phone.see("厂家支援")
    phone.see(kind_label(first["kind"], "zh"))
    phone.shot("dealer-relations-support.png")
    phone.page.set_viewport_size({"width": 1280, "height": 800})
    bring(phone, phone.text("座谈会", exact=True), top=80, bottom=200)
    phone.see(decision["body"])
    phone.app.settle()
    phone.app.screenshot("dealer-relations-desktop.png")
    for note in notes:  # the internal evaluation is never on the dealer's screen
        assert phone.text(note).count() == 0
    for o in others[:5]:  # meetings of other dealers are not on its phone
        assert phone.text(f"议题：{o['agenda']}").count() == 0
    with phone.store() as db:
        assert db.execute("select count(*) from meetings").fetchone()[0] >= 1
