"""Due days on the working calendar (migration 20261216200000): private.next_working_day, and a
warning's due day (warning.due_days, calendar days) moved to the next working day when it falls
on a statutory holiday, a company holiday or a weekend — on the row, the desk and overdue."""

from __future__ import annotations

import datetime as dt
from typing import Any

import psycopg
import pytest

from fieldapp.domain.workcal import WorkCalendar
from tests.db.access_world import World, build_world
from tests.db.test_notify_queue import raise_warning
from tests.postgrest import request, rpc_rows

D = dt.date
SH = dt.timezone(dt.timedelta(hours=8))


def _now(conn: psycopg.Connection, t: dt.datetime) -> None:
    conn.execute(f"set fieldsales.now = '{t.isoformat()}'")  # the company clock, frozen


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    _now(conn, dt.datetime(2026, 9, 30, 10, 0, tzinfo=SH))
    return build_world(conn)


def _next(conn: psycopg.Connection, world: World, day: dt.date | None) -> dt.date | None:
    with request(conn, world.claims("rep"), read_only=True) as cur:
        cur.execute("select private.next_working_day(%s::date) as d", (day,))
        return cur.fetchone()["d"]


def _set_days(conn: psycopg.Connection, value: Any) -> None:
    conn.execute(
        "update settings set value = %s::jsonb where key = 'calendar.days'",
        (psycopg.types.json.Jsonb(value),),
    )


def _due_on(conn: psycopg.Connection, warning_id: str) -> dt.date:
    return conn.execute("select due_on from warnings where id = %s", (warning_id,)).fetchone()[0]


def test_next_working_day(conn: psycopg.Connection, world: World) -> None:
    assert _next(conn, world, D(2026, 10, 3)) == D(2026, 10, 8)  # 国庆 → Thursday 8 October
    assert _next(conn, world, D(2026, 10, 1)) == D(2026, 10, 8)
    assert _next(conn, world, D(2026, 10, 8)) == D(2026, 10, 8)  # worked: itself
    assert _next(conn, world, D(2026, 10, 10)) == D(2026, 10, 10)  # make-up Saturday 班
    assert _next(conn, world, D(2026, 9, 20)) == D(2026, 9, 20)  # make-up Sunday 班
    assert _next(conn, world, D(2026, 10, 11)) == D(2026, 10, 12)  # an ordinary Sunday
    assert _next(conn, world, D(2026, 11, 28)) == D(2026, 11, 30)  # an ordinary Saturday
    assert _next(conn, world, D(2026, 9, 25)) == D(2026, 9, 28)  # 中秋 25–27 September
    assert _next(conn, world, None) is None
    # the company's days: its holiday moves on, its worked Saturday stays
    _set_days(conn, {"2026-10-08": {"kind": "holiday"}, "2026-11-28": {"kind": "workday"}})
    assert _next(conn, world, D(2026, 10, 3)) == D(2026, 10, 9)
    assert _next(conn, world, D(2026, 11, 28)) == D(2026, 11, 28)
    # no working day within a year (a calendar gone wrong): the day itself
    _set_days(
        conn,
        {(D(2027, 1, 1) + dt.timedelta(days=k)).isoformat(): {"kind": "holiday"}
         for k in range(400)},
    )  # fmt: skip
    assert _next(conn, world, D(2027, 1, 1)) == D(2027, 1, 1)


def test_the_phone_and_the_server_agree_on_the_next_working_day(
    conn: psycopg.Connection, world: World
) -> None:
    days = [D(2026, 9, 1) + dt.timedelta(days=k) for k in range(61)]
    server = conn.execute(
        "select d, private.next_working_day(d) from unnest(%s::date[]) d", (days,)
    ).fetchall()
    assert {d: n for d, n in server} == {d: WorkCalendar().next_working_day(d) for d in days}


@pytest.mark.parametrize(
    ("raised_at", "severity", "due_on"),
    [
        # raised Wednesday 30 September, medium (7 days): 7 October is 国庆 → 8 October
        (dt.datetime(2026, 9, 30, 10, 0, tzinfo=SH), "medium", D(2026, 10, 8)),
        # high (3 days): 3 October, a weekend day inside 国庆 → 8 October
        (dt.datetime(2026, 9, 30, 10, 0, tzinfo=SH), "high", D(2026, 10, 8)),
        # 23:59 on Sunday 27 September in Shanghai, high: 30 September, worked
        (dt.datetime(2026, 9, 27, 15, 59, tzinfo=dt.UTC), "high", D(2026, 9, 30)),
        # 00:30 on Monday 28 September in Shanghai, high: 1 October (国庆) → 8 October
        (dt.datetime(2026, 9, 27, 16, 30, tzinfo=dt.UTC), "high", D(2026, 10, 8)),
        # raised Wednesday 25 November, high: Saturday 28 → Monday 30 November
        (dt.datetime(2026, 11, 25, 10, 0, tzinfo=SH), "high", D(2026, 11, 30)),
        # raised Wednesday 7 October, high: the make-up Saturday 10 October is worked
        (dt.datetime(2026, 10, 7, 10, 0, tzinfo=SH), "high", D(2026, 10, 10)),
    ],
)
def test_a_warning_due_on_a_holiday_is_due_the_next_working_day(
    conn: psycopg.Connection, world: World, raised_at: dt.datetime, severity: str, due_on: dt.date
) -> None:
    w = raise_warning(conn, world, severity, raised_at=raised_at)
    assert _due_on(conn, w) == due_on
    assert conn.execute(
        "select private.warning_due_on(severity, raised_at) from warnings where id = %s", (w,)
    ).fetchone() == (due_on,)


def test_overdue_and_the_desk_follow_the_moved_due_day(
    conn: psycopg.Connection, world: World
) -> None:
    w = raise_warning(conn, world, "medium", raised_at=dt.datetime(2026, 9, 30, 10, 0, tzinfo=SH))
    assert _due_on(conn, w) == D(2026, 10, 8)
    for day, late in ((D(2026, 10, 7), False), (D(2026, 10, 8), False), (D(2026, 10, 9), True)):
        assert conn.execute(
            "select private.warning_overdue(severity, raised_at, status, %s) from warnings"
            " where id = %s",
            (day, w),
        ).fetchone() == (late,)
        rows = rpc_rows(conn, "warning_desk", {"p_as_of": day.isoformat()}, world.claims("mgr"))
        mine = [r for r in rows if r["id"] == w]
        assert [(r["due_on"], r["overdue"]) for r in mine] == [("2026-10-08", late)]
    # the company makes 8 October a holiday: the unresolved warning's due day moves on
    _set_days(conn, {"2026-10-08": {"kind": "holiday", "note": "公司年会"}})
    assert _due_on(conn, w) == D(2026, 10, 9)
    _set_days(conn, {})
    assert _due_on(conn, w) == D(2026, 10, 8)
