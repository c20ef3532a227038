"""The sync engine against the real sync_pull / sync_push, as signed-in users (PgRemote)."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import psycopg
import pytest

from fieldapp.domain import clock
from fieldapp.services import formatting as fmt
from fieldapp.store import orders
from fieldapp.sync import SyncEngine
from fieldapp.sync.errors import AuthFailed, ConnectionLost, SyncError
from fieldapp.sync.pg_remote import PgRemote
from tests.db.access_world import EMAILS, World
from tests.sync import fieldwork
from tests.sync.helpers import (
    NO_WAIT,
    assert_mirrors_server,
    server_row,
    wait_pullable,
)


def test_first_sync_brings_exactly_what_the_rep_may_see(conn, world: World, phone) -> None:
    rep = phone("rep")
    events = []
    report = rep.engine.sync(on_event=events.append)
    assert report.pulled > 0 and report.pushed == 0
    assert_mirrors_server(conn, rep)
    assert {c["code"] for c in fieldwork.rows(rep.store, "customers")} == {"D_SH", "S_SH"}
    assert events[0].kind == "started" and events[-1].kind == "finished"
    status = rep.engine.status()
    assert (status.running, status.phase, status.pending) == (False, "idle", 0)
    assert status.last_sync_at is not None and status.last_error is None
    # nothing new: one quick empty page
    again = rep.sync()
    assert (again.pages, again.pulled) == (1, 0)


def test_the_sync_stamps_its_time_on_the_apps_clock(
    conn, world: World, phone, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A frozen clock ahead of the machine's (the browser tests' clock between 00:00 and 00:30
    company time) still says "just now" after a sync: every stamp the phone writes is on the one
    clock, never the machine's."""
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=20)
    monkeypatch.setenv(clock.NOW_ENV, ahead.isoformat())
    rep = phone("rep")
    rep.sync()
    synced = dt.datetime.fromisoformat(rep.engine.status().last_sync_at)
    assert abs(synced - clock.system_now()) < dt.timedelta(seconds=30)
    v = fieldwork.check_in(rep.store, rep_id=rep.user_id, customer_id=world.ids["D_SH"],
                        lat=31.23, lng=121.47, accuracy_m=12)  # fmt: skip
    with rep.store.reading() as c:
        queued = c.execute("select created_at from outbox order by id desc limit 1").fetchone()
    assert abs(dt.datetime.fromisoformat(queued[0]) - clock.system_now()) < dt.timedelta(
        minutes=1
    ), v
    assert fmt.ago(synced.isoformat(), clock.system_now(), "zh") == "刚刚"


def test_an_offline_visit_reaches_the_server_as_the_reps(conn, world: World, phone) -> None:
    rep = phone("rep")
    rep.sync()
    v = fieldwork.check_in(
        rep.store,
        rep_id=rep.user_id,
        customer_id=world.ids["D_SH"],
        lat=31.23,
        lng=121.47,
        accuracy_m=12,
    )
    sc = fieldwork.count_stock(rep.store, v, world.ids["product"], 7)
    order = fieldwork.take_order(rep.store, v, [(world.ids["product"], 3, 36)])
    fieldwork.check_out(rep.store, v["id"], notes="货架整齐")
    assert rep.engine.status().pending == 5
    report = rep.sync()
    assert (report.applied, report.conflict, report.rejected) == (5, 0, 0)
    on_server = server_row(conn, "visits", v["id"])
    assert on_server["rep_id"] == rep.user_id
    assert (on_server["status"], on_server["notes"], on_server["version"]) == (
        "done",
        "货架整齐",
        2,
    )
    assert float(server_row(conn, "stock_counts", sc["id"])["quantity"]) == 7
    # the check-out submitted the order (a dealer's own: the company supplies it)
    assert server_row(conn, "orders", order["id"])["status"] == "submitted"
    assert len(orders.lines(rep.store, order["id"])) == 1
    assert rep.store.pending_count() == 0
    assert rep.store.get("visits", v["id"])["version"] == 2
    assert_mirrors_server(conn, rep)


def test_a_late_commit_is_pulled_by_the_next_sync(db_url: str, conn, world: World, phone) -> None:
    rep = phone("rep")
    rep.sync()
    late, early = rep.store.new_id(), rep.store.new_id()
    insert = "insert into visits (id, rep_id, customer_id, checkin_at) values (%s, %s, %s, now())"
    with psycopg.connect(db_url) as t1, psycopg.connect(db_url, autocommit=True) as t2:
        t1.execute(insert, (late, world.users["rep"], world.ids["D_SH"]))  # T1 open
        t2.execute(insert, (early, world.users["rep"], world.ids["D_SH"]))  # T2 commits
        rep.engine.sync()  # the bound stops at T1: neither is pulled yet; no cursor passes T1
        assert rep.store.get("visits", early) is None
        t1.commit()
    rep.sync()
    assert rep.store.get("visits", late) and rep.store.get("visits", early)
    assert_mirrors_server(conn, rep)


def test_small_pages_cancel_between_pages_and_resume(conn, world: World, phone) -> None:
    rep = phone("rep", pull_limit=3)
    cancel = threading.Event()
    pages = []

    def on_event(e) -> None:
        if e.kind == "progress" and e.phase == "pulling":
            pages.append(e.done)
            if len(pages) == 2:
                cancel.set()

    wait_pullable(conn)
    report = rep.engine.sync(cancel, on_event)
    assert report.cancelled and report.pages == 2
    assert rep.store.sync_state().after is not None  # stopped inside the import's transaction
    assert rep.engine.status().last_sync_at is None
    report = rep.sync()
    assert not report.cancelled and report.pages > 2
    assert_mirrors_server(conn, rep)


def test_an_epoch_change_makes_the_phone_pull_everything_again(conn, world: World, phone) -> None:
    rep = phone("rep")
    rep.sync()
    with rep.store.transaction() as c:  # a row the server no longer has, e.g. after a restore
        c.execute("insert into visits (id, data, version) values ('ghost', '{}', 1)")
    v = fieldwork.check_in(rep.store, rep_id=rep.user_id, customer_id=world.ids["D_SH"])
    conn.execute("select private.bump_sync_epoch()")
    report = rep.sync()
    assert report.resets == 1 and report.applied == 1
    assert rep.store.get("visits", "ghost") is None
    assert rep.store.get("visits", v["id"]) is not None
    assert rep.store.sync_state().epoch == 2
    assert_mirrors_server(conn, rep)


def _watch_pages(rep, during_first_apply) -> tuple[list[int], list[bool]]:
    """Record each pull's cursor as it is asked and returned; during_first_apply(returned) runs
    inside the first page's apply, before it (returned: an Event set when the second pull has
    come back)."""
    asked: list[int] = []
    second_back = threading.Event()
    pull, apply = rep.remote.pull, rep.store.apply_page
    inside: list[bool] = []

    def watched_pull(since: int, limit: int, after: str | None):
        asked.append(since)
        page = pull(since, limit, after)
        if len(asked) == 2:
            second_back.set()
        return page

    def watched_apply(**page):
        if not inside:
            inside.append(during_first_apply(second_back))
        return apply(**page)

    rep.remote.pull, rep.store.apply_page = watched_pull, watched_apply
    return asked, inside


def test_the_next_page_is_fetched_while_a_page_is_applied(conn, world: World, phone) -> None:
    rep = phone("rep", pull_limit=2)
    wait_pullable(conn)
    asked, inside = _watch_pages(rep, lambda back: back.wait(10))
    report = rep.engine.sync()
    assert inside == [True]  # page 2 came while page 1 was being applied
    assert report.pages == len(asked) > 3 and asked == sorted(asked)
    assert_mirrors_server(conn, rep)


def test_one_page_at_a_time_when_asked(conn, world: World, phone) -> None:
    rep = phone("rep", pull_limit=2)
    rep.engine.pull_ahead = False  # the benchmark's baseline
    wait_pullable(conn)
    asked, inside = _watch_pages(rep, lambda back: back.wait(1))
    report = rep.engine.sync()
    assert inside == [False] and report.pages == len(asked) > 3
    assert_mirrors_server(conn, rep)


def test_a_page_asked_before_an_epoch_change_is_dropped(conn, world: World, phone) -> None:
    rep = phone("rep", pull_limit=2)
    wait_pullable(conn)

    def bump(back: threading.Event) -> bool:
        # page 2 was read under the old epoch; page 3 and later come under the new one
        came = back.wait(10)
        conn.execute("select private.bump_sync_epoch()")
        return came

    asked, inside = _watch_pages(rep, bump)
    report = rep.engine.sync()
    assert inside == [True]
    # page 3 said the epoch changed: the store was reset, page 4 (asked meanwhile with the old
    # epoch's cursor) was dropped, and the pull began again from 0 — one reset, nothing missing
    assert report.resets == 1 and asked[3] > 0 and asked[4] == 0
    assert rep.store.sync_state().epoch == 2
    assert_mirrors_server(conn, rep)


def test_sync_in_the_background_while_the_app_keeps_writing(conn, world: World, phone) -> None:
    rep = phone("rep", push_batch=5, pull_limit=5)
    rep.sync()
    for _ in range(30):
        fieldwork.check_in(rep.store, rep_id=rep.user_id, customer_id=world.ids["D_SH"])
    events = []
    job = rep.engine.run_in_background(events.append)
    written = [
        fieldwork.check_in(rep.store, rep_id=rep.user_id, customer_id=world.ids["S_SH"])
        for _ in range(10)
    ]  # the UI thread is never blocked for long
    assert job.join(30)
    kinds = [e.kind for e in events]
    assert kinds[0] == "started" and kinds[-1] == "finished"
    assert any(e.phase == "pushing" and e.total for e in events)
    rep.sync()
    assert rep.store.pending_count() == 0
    assert all(server_row(conn, "visits", w["id"]) for w in written)
    assert_mirrors_server(conn, rep)


def test_a_second_sync_at_once_is_refused_politely(world: World, phone) -> None:
    rep = phone("rep")
    started, release = threading.Event(), threading.Event()

    def slow(e) -> None:
        if e.kind == "started":
            started.set()
            release.wait(10)

    job = rep.engine.run_in_background(slow)
    assert started.wait(10)
    events = []
    rep.engine.run_in_background(events.append).join(10)
    release.set()
    assert job.join(10)
    assert [e.kind for e in events] == ["busy"]


def test_sign_in_and_connection_failures_are_readable(
    db_url: str, conn, world: World, tmp_path: Path
) -> None:
    remote = PgRemote(db_url, backoff=NO_WAIT)
    with pytest.raises(AuthFailed) as err:
        remote.sign_in("nobody@example.cn")
    assert "nobody@example.cn" in err.value.message_zh
    conn.execute("update profiles set active = false where email = %s", (EMAILS["rep2"],))
    with pytest.raises(AuthFailed, match="disabled"):
        remote.sign_in(EMAILS["rep2"])
    remote.close()

    from fieldapp.store import Store

    store = Store.open(tmp_path / "p.db")
    engine = SyncEngine(store, PgRemote(db_url))
    with pytest.raises(AuthFailed):
        engine.sync()  # not signed in
    offline = PgRemote("postgresql://postgres@127.0.0.1:1/none", backoff=NO_WAIT, connect_timeout=1)
    with pytest.raises(ConnectionLost) as lost:
        offline.sign_in(EMAILS["rep"])
    assert "无法连接服务器" in lost.value.message_zh
    assert "Traceback" not in lost.value.message_en

    good = PgRemote(db_url, backoff=NO_WAIT)
    good.sign_in(EMAILS["rep"])
    SyncEngine(store, good).sync()
    other = PgRemote(db_url, backoff=NO_WAIT)
    other.sign_in(EMAILS["am"])
    with pytest.raises(SyncError, match="another account"):
        SyncEngine(store, other).sync()
    for r in (good, other):
        r.close()
    store.close()
