"""Support recorded done during a visit offline (issue 18) arrives on the server as a done
activity with its one expense row, and travels to the area manager's phone; a support row the
server refuses (an evaluated one pushed directly) is answered rejected and blocks nothing."""

from __future__ import annotations

import uuid

import psycopg

from fieldapp.domain import clock
from fieldapp.services.device import SignedIn
from fieldapp.services.support import SupportService
from tests.db.access_world import World
from tests.sync import fieldwork
from tests.sync.helpers import Phone, converge


def _service(phone: Phone) -> SupportService:
    user = SignedIn(phone.user_id, "rep@example.cn", "rep", "李业务", "demo", "test",
                    clock.system_now().isoformat())  # fmt: skip

    def offline(*_a: object, **_k: object) -> None:
        raise AssertionError("recording support at a visit needs no connection")

    return SupportService(phone.store, user, clock.system_now, offline)


def test_support_recorded_offline_at_a_visit_arrives(
    conn: psycopg.Connection, world: World, phone
) -> None:
    rep, am = phone("rep"), phone("am")
    rep.sync()
    visit = fieldwork.check_in(rep.store, rep_id=rep.user_id, customer_id=world.ids["D_SH"])
    svc = _service(rep)
    row = svc.record_done(visit, "store_display", "350", "堆头陈列架2个", "新品上了主通道")
    assert [r["id"] for r in svc.history(world.ids["D_SH"])][:1] == [row["id"]]  # newest first
    # a row the server must refuse: evaluated straight from a phone
    rep.store.write("support_activities", {**row, "id": rep.store.new_id(), "status": "evaluated",
                                           "score": 5})  # fmt: skip
    report = rep.sync()
    assert report.rejected == 1
    got = conn.execute(
        "select status, cost, visit_id, materials, owner_id, done_on from support_activities"
        " where id = %s",
        (row["id"],),
    ).fetchone()
    today = clock.today(clock.system_now())
    assert got == ("done", 350, uuid.UUID(visit["id"]), "堆头陈列架2个",
                   uuid.UUID(rep.user_id), today)  # fmt: skip
    spent = conn.execute(
        "select amount, spent_on from expenses where support_activity_id = %s and deleted_at is null",
        (row["id"],),
    ).fetchall()
    assert spent == [(350, today)]

    def on_am_phone() -> None:
        am.sync()
        assert am.store.get("support_activities", row["id"])["outcome"] == "新品上了主通道"

    converge(am, on_am_phone)
