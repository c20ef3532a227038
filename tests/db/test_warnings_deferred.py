"""Deferring the immediate re-evaluation of warnings (fieldsales.defer_warnings,
supabase/migrations/20261210100000_warnings_deferred.sql): a service-side batch puts it off and
evaluates once at the end; a person's session cannot put it off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.postgrest import rpc

ZONE = ZoneInfo("Asia/Shanghai")
RUN = "select action, kind from public.evaluate_customer_warnings(array[%s]::uuid[], %s)"


def _unanswered(conn: psycopg.Connection) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "select status from warnings where kind = 'complaint_unanswered' order by raised_at"
        ).fetchall()
    ]


@pytest.fixture
def raised(conn: psycopg.Connection) -> Iterator[tuple[World, str, dt.date]]:
    """The access world with D_SH's complaint past due and its complaint_unanswered raised; the
    company clock frozen at noon of the day after (reset afterwards)."""
    world = build_world(conn)
    case_id, due = conn.execute(
        "select id::text, due_at from cases where complaint_id = %s", (world.ids["complaints"],)
    ).fetchone()
    day = (due.astimezone(ZONE) + dt.timedelta(days=1)).date()
    assert ("raised", "complaint_unanswered") in conn.execute(
        RUN, (world.ids["D_SH"], day)
    ).fetchall()
    noon = dt.datetime.combine(day, dt.time(12), ZONE)
    conn.execute("select set_config('fieldsales.now', %s, false)", (noon.isoformat(),))
    yield world, case_id, day
    conn.execute("select set_config('fieldsales.now', '', false)")


def test_a_deferred_answer_leaves_the_warning_to_the_batch(
    conn: psycopg.Connection, raised: Any
) -> None:
    world, case_id, day = raised
    conn.execute("set fieldsales.defer_warnings = on")
    rpc(conn, "case_answer", {"p_case_id": case_id, "p_answer": "已补发"}, world.claims("am"))
    assert _unanswered(conn) == ["open"]  # not evaluated at once
    conn.execute("reset fieldsales.defer_warnings")
    assert conn.execute(RUN, (world.ids["D_SH"], day)).fetchall() == [
        ("cleared", "complaint_unanswered")
    ]  # the batch's one evaluation at the end
    assert _unanswered(conn) == ["resolved"]


@pytest.mark.parametrize("value", ["off", "", "true"])
def test_only_on_defers(conn: psycopg.Connection, raised: Any, value: str) -> None:
    world, case_id, _ = raised
    conn.execute("select set_config('fieldsales.defer_warnings', %s, false)", (value,))
    rpc(conn, "case_answer", {"p_case_id": case_id, "p_answer": "已补发"}, world.claims("am"))
    conn.execute("reset fieldsales.defer_warnings")
    assert _unanswered(conn) == ["resolved"]


def test_a_persons_session_cannot_defer(conn: psycopg.Connection, raised: Any) -> None:
    world, case_id, _ = raised
    # a login that is not service-side (here: the role authenticated itself) sets the setting
    conn.execute("set session authorization authenticated")
    try:
        conn.execute("set fieldsales.defer_warnings = on")
        rpc(conn, "case_answer", {"p_case_id": case_id, "p_answer": "已补发"}, world.claims("am"))
    finally:
        conn.execute("reset fieldsales.defer_warnings")
        conn.execute("reset session authorization")
    assert _unanswered(conn) == ["resolved"]  # evaluated at once all the same
