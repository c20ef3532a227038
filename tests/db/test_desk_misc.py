"""The desk's remaining server parts (issue 17): a manager requeues a dead letter of the group-bot
outbox (recorded, managers only, bad input refused, URLs in errors masked), and a warning carries
the day it is due by the one definition (private.warning_due_on), kept when the severity or
warning.due_days changes; per-customer threshold overrides are set, audited and removed."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.db.test_notify_queue import T, channel, raise_warning
from tests.postgrest import rpc, rpc_rows


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    conn.execute(f"set fieldsales.now = '{T.isoformat()}'")
    world = build_world(conn)
    conn.execute("delete from notify_channels")
    return world


def _dead_letter(conn: psycopg.Connection, world: World, error: str) -> int:
    channel(conn, None)
    raise_warning(conn, world, "high")
    return int(
        conn.execute(
            "update private.notify_outbox set status = 'dead', tries = 8, last_error = %s"
            " where id = (select min(id) from private.notify_outbox) returning id",
            (error,),
        ).fetchone()[0]
    )


def test_a_manager_requeues_a_dead_letter_and_it_is_recorded(
    conn: psycopg.Connection, world: World
) -> None:
    leak = "HTTP 502 from https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRETKEY123"
    dead = _dead_letter(conn, world, leak)
    state = rpc(conn, "notify_status", {}, world.claims("mgr"))
    shown = state["dead"][0]
    assert shown["id"] == dead and shown["tries"] == 8
    assert "SECRETKEY123" not in str(state) and "/cgi-bin" not in str(state)
    assert shown["last_error"] == "HTTP 502 from https://qyapi.weixin.qq.com/…"

    answer = rpc(conn, "notify_requeue", {"p_outbox_id": dead}, world.claims("mgr"))
    assert answer == {"id": dead, "status": "queued", "tries": 0}
    row = conn.execute(
        "select status, tries, lease_until, next_try_at <= private.company_now()"
        " from private.notify_outbox where id = %s",
        (dead,),
    ).fetchone()
    assert row == ("queued", 0, None, True)
    state = rpc(conn, "notify_status", {}, world.claims("mgr"))
    assert state["counts"]["dead"] == 0 and state["counts"]["queued"] >= 1
    [requeue] = state["requeued"]
    assert requeue["outbox_id"] == dead and requeue["tries"] == 8
    assert (
        requeue["requeued_by_name"]
        == conn.execute(
            "select full_name from profiles where id = %s", (world.users["mgr"],)
        ).fetchone()[0]
    )
    assert "SECRETKEY123" not in requeue["last_error"]
    # requeued once: a second requeue of the same (now queued) row is refused
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState) as again:
        rpc(conn, "notify_requeue", {"p_outbox_id": dead}, world.claims("mgr"))
    assert "不是推送失败的消息" in str(again.value.diag.message_detail)


@pytest.mark.parametrize("persona", ["am", "rep", "dealer"])
def test_only_a_manager_requeues(conn: psycopg.Connection, world: World, persona: str) -> None:
    dead = _dead_letter(conn, world, "HTTP 500")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        rpc(conn, "notify_requeue", {"p_outbox_id": dead}, world.claims(persona))
    assert conn.execute(
        "select status from private.notify_outbox where id = %s", (dead,)
    ).fetchone() == ("dead",)
    assert conn.execute("select count(*) from private.notify_requeues").fetchone() == (0,)


@pytest.mark.parametrize(
    ("outbox_id", "error", "words"),
    [
        (None, psycopg.errors.InvalidParameterValue, "p_outbox_id"),
        (987654321, psycopg.errors.ObjectNotInPrerequisiteState, "不是推送失败的消息"),
    ],
)
def test_a_bad_requeue_is_refused_and_writes_nothing(
    conn: psycopg.Connection, world: World, outbox_id: int | None, error: type, words: str
) -> None:
    _dead_letter(conn, world, "HTTP 500")
    with pytest.raises(error) as bad:
        rpc(conn, "notify_requeue", {"p_outbox_id": outbox_id}, world.claims("mgr"))
    assert words in str(bad.value.diag.message_detail)
    assert bad.value.diag.message_primary  # and in English
    assert conn.execute("select count(*) from private.notify_requeues").fetchone() == (0,)
    assert conn.execute(
        "select count(*) from private.notify_outbox where status = 'dead'"
    ).fetchone() == (1,)


def _due_on(conn: psycopg.Connection, warning_id: str) -> dt.date:
    return conn.execute("select due_on from warnings where id = %s", (warning_id,)).fetchone()[0]


def test_a_warning_carries_its_due_day_by_the_one_definition(
    conn: psycopg.Connection, world: World
) -> None:
    raised = dt.datetime(2026, 12, 1, 9, 0, tzinfo=T.tzinfo)
    w = raise_warning(conn, world, "high", raised_at=raised, cause="2026-07-01")
    assert _due_on(conn, w) == dt.date(2026, 12, 4)  # high: 3 days
    assert conn.execute(
        "select due_on = private.warning_due_on(severity, raised_at) from warnings where id = %s",
        (w,),
    ).fetchone() == (True,)
    conn.execute("update warnings set severity = 'low' where id = %s", (w,))
    assert _due_on(conn, w) == dt.date(2026, 12, 15)  # low: 14 days
    # the setting changes: every unresolved warning follows; a resolved one keeps its day
    done = raise_warning(conn, world, "low", raised_at=raised, cause="2026-06-01")
    conn.execute(
        "update warnings set status = 'resolved', resolved_at = now(), resolution = 'x'"
        " where id = %s",
        (done,),
    )
    conn.execute(
        'update settings set value = \'{"high": 2, "medium": 5, "low": 10}\''
        " where key = 'warning.due_days'"
    )
    assert _due_on(conn, w) == dt.date(2026, 12, 11)
    assert _due_on(conn, done) == dt.date(2026, 12, 15)
    # the phone's rule (unresolved and the day is after due_on) agrees with the server's
    for day in (dt.date(2026, 12, 11), dt.date(2026, 12, 12)):
        server = conn.execute(
            "select private.warning_overdue(severity, raised_at, status, %s) from warnings"
            " where id = %s",
            (day, w),
        ).fetchone()[0]
        assert server == (day > _due_on(conn, w))


def _override_changes(conn: psycopg.Connection, customer_id: str) -> list[tuple]:
    return conn.execute(
        "select setting_key, old_value, new_value, changed_by::text from setting_changes"
        " where customer_id = %s order by changed_at, id",
        (customer_id,),
    ).fetchall()


def test_a_customer_override_is_set_audited_and_removed(
    conn: psycopg.Connection, world: World
) -> None:
    customer, mgr = world.ids["D_SH"], world.users["mgr"]
    args = {"p_setting_key": "warning.churn.days", "p_customer_id": customer}
    rpc(conn, "set_warning_threshold", {**args, "p_value": 45}, world.claims("mgr"))
    rpc(conn, "set_warning_threshold", {**args, "p_value": 60}, world.claims("mgr"))
    catalog = {e["key"]: e for e in rpc_rows(conn, "setting_catalog", {}, world.claims("mgr"))}
    [over] = catalog["warning.churn.days"]["overrides"]["customers"]
    assert over["customer_id"] == customer and float(over["value"]) == 60
    rpc(conn, "set_warning_threshold", {**args, "p_value": None}, world.claims("mgr"))
    catalog = {e["key"]: e for e in rpc_rows(conn, "setting_catalog", {}, world.claims("mgr"))}
    assert catalog["warning.churn.days"]["overrides"]["customers"] == []
    assert [(k, o, n, by) for k, o, n, by in _override_changes(conn, customer)] == [
        ("warning.churn.days", None, 45, mgr),
        ("warning.churn.days", 45, 60, mgr),
        ("warning.churn.days", 60, None, mgr),
    ]


@pytest.mark.parametrize(
    ("value", "persona", "error"),
    [
        (-5, "mgr", psycopg.errors.InvalidParameterValue),  # out of range
        (45, "am", psycopg.errors.InsufficientPrivilege),
    ],
)
def test_a_bad_customer_override_writes_nothing(
    conn: psycopg.Connection, world: World, value: int, persona: str, error: type
) -> None:
    customer = world.ids["D_SH"]
    args = {"p_setting_key": "warning.churn.days", "p_customer_id": customer, "p_value": value}
    with pytest.raises(error) as bad:
        rpc(conn, "set_warning_threshold", args, world.claims(persona))
    assert bad.value.diag.message_detail  # the Chinese sentence
    assert _override_changes(conn, customer) == []
    assert conn.execute(
        "select count(*) from warning_thresholds where customer_id = %s", (customer,)
    ).fetchone() == (0,)
