"""Meetings on the phone (issue 18 part 2): an overdue decision reaches its owner's phone with its
meeting and customers, so Today shows it offline (another rep's phone does not get it); marked done offline, "done"
reaches the server once (who may is tested in tests/db/test_meetings.py, for sync_push too);
feedback recorded at a visit offline arrives, and the card's recent feedback shows a visit's
free-text feedback without a score."""

from __future__ import annotations

import datetime as dt

import psycopg

from fieldapp.services.device import SignedIn
from fieldapp.services.meetings import MeetingService
from tests.db.access_world import EMAILS, World
from tests.sync import fieldwork
from tests.sync.helpers import assert_mirrors_server

NOW = dt.datetime(2026, 12, 10, 2, 0, tzinfo=dt.UTC)  # 10:00 in Shanghai, 25 days after 11-15


def _service(phone, persona: str, user_id: str) -> MeetingService:
    who = SignedIn(user_id, EMAILS[persona], "rep", None, "demo", "test", NOW.isoformat())
    return MeetingService(phone.store, who, lambda: NOW, lambda *a, **k: None)


def test_an_overdue_decision_reaches_its_owner_and_done_offline_arrives(
    conn: psycopg.Connection, world: World, phone
) -> None:
    rep = phone("rep")
    rep.sync()
    assert_mirrors_server(conn, rep)
    d = world.ids["meeting_decisions"]  # owned by rep, due 2026-11-15, of the SH meeting
    assert [r["id"] for r in fieldwork.rows(rep.store, "meeting_decisions")] == [d]
    svc = _service(rep, "rep", world.users["rep"])
    (late,) = svc.overdue_decisions()  # offline: from the phone's store
    assert late.decision["id"] == d and late.days == 25
    assert late.meeting is not None and late.meeting["kind"] == "quarterly"
    assert late.customers == ["上海鑫源"]
    # another rep's phone does not have it
    other = phone("rep2")
    other.sync()
    assert fieldwork.rows(other.store, "meeting_decisions") == []

    with rep.store.transaction():
        svc.mark_done(d, "已补齐陈列")
    assert svc.overdue_decisions() == []  # gone from Today at once
    rep.sync()
    rep.sync()  # nothing twice
    row = conn.execute(
        "select status, done_by::text, done_note from meeting_decisions where id = %s", (d,)
    ).fetchone()
    assert tuple(row) == ("done", world.users["rep"], "已补齐陈列")
    assert_mirrors_server(conn, rep)


def test_feedback_at_a_visit_offline_arrives(conn: psycopg.Connection, world: World, phone) -> None:
    rep = phone("rep")
    rep.sync()
    svc = _service(rep, "rep", world.users["rep"])
    with rep.store.transaction():
        v = fieldwork.check_in(rep.store, rep_id=world.users["rep"], customer_id=world.ids["D_SH"])
        svc.record_feedback(world.ids["D_SH"], 2, "送货慢", visit_id=v["id"])
    rep.sync()
    got = conn.execute(
        "select score, body, visit_id::text from customer_feedback where visit_id = %s", (v["id"],)
    ).fetchone()
    assert tuple(got) == (2, "送货慢", v["id"])
    # the visit's own free-text feedback (visits.feedback) is feedback without a score
    with rep.store.transaction():
        rep.store.write("visits", {"id": v["id"], "feedback": "希望多给陈列费"})
    items = svc.recent_feedback(world.ids["D_SH"])
    got = {(i.score, i.text, i.source) for i in items}
    assert (2, "送货慢", "visit") in got
    assert (None, "希望多给陈列费", "visit_text") not in got  # that visit has a scored record
    with rep.store.transaction():
        other = fieldwork.check_in(
            rep.store, rep_id=world.users["rep"], customer_id=world.ids["D_SH"]
        )
        rep.store.write("visits", {"id": other["id"], "feedback": "希望多给陈列费"})
    items = svc.recent_feedback(world.ids["D_SH"])
    assert (None, "希望多给陈列费", "visit_text") in {(i.score, i.text, i.source) for i in items}
