"""The working calendar on the server (private.is_working_day, the setting calendar.days) and
visits checked out with nothing recorded (visits.empty_reason) in plan_vs_actual."""

from __future__ import annotations

import datetime as dt
from typing import Any

import chinese_calendar
import psycopg
import pytest

from fieldapp.domain.limits import limit_message
from tests.db.access_world import World, build_world
from tests.db.test_visit_plans import WEEK, _day, _plan, _visit
from tests.postgrest import request, rpc

D = dt.date


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    return build_world(conn)


def _working(conn: psycopg.Connection, world: World, persona: str, day: dt.date) -> bool:
    with request(conn, world.claims(persona), read_only=True) as cur:
        cur.execute("select private.is_working_day(%s) as w", (day,))
        return bool(cur.fetchone()["w"])


def _set_days(conn: psycopg.Connection, world: World, persona: str, value: Any) -> None:
    with request(conn, world.claims(persona), commit=True) as cur:
        cur.execute(
            "update settings set value = %s::jsonb where key = 'calendar.days'",
            (psycopg.types.json.Jsonb(value),),
        )
        if cur.rowcount != 1:
            raise PermissionError(persona)


def test_the_statutory_days_are_the_packages(conn) -> None:
    rows = conn.execute("select day, kind from private.statutory_days").fetchall()
    stored = {(d, k) for d, k in rows}
    package = {(d, "holiday") for d in chinese_calendar.holidays if d.year >= 2020}
    package |= {(d, "workday") for d in chinese_calendar.workdays
                if d.year >= 2020 and d.isoweekday() >= 6}  # fmt: skip
    assert stored == package


def test_is_working_day_national_day_makeup_override_and_unknown_years(conn, world) -> None:
    for k in range(7):
        assert not _working(conn, world, "rep", D(2026, 10, 1) + dt.timedelta(days=k))
    assert _working(conn, world, "rep", D(2026, 10, 8))
    assert _working(conn, world, "rep", D(2026, 9, 20))  # make-up Sunday 调休
    assert _working(conn, world, "rep", D(2026, 10, 10))  # make-up Saturday 调休
    assert not _working(conn, world, "rep", D(2026, 10, 11))  # an ordinary Sunday
    assert _working(conn, world, "dealer", D(2026, 10, 10))  # the same calendar for everyone
    # 2027 is not in the package: Monday–Friday, until a manager enters the official days
    assert _working(conn, world, "mgr", D(2027, 10, 1))
    _set_days(conn, world, "mgr", {"2027-10-01": {"kind": "holiday", "note": "国庆节"},
                                   "2026-10-11": {"kind": "workday"},
                                   "2026-10-08": {"kind": "holiday", "note": "公司年会"}})  # fmt: skip
    assert not _working(conn, world, "rep", D(2027, 10, 1))
    assert _working(conn, world, "rep", D(2026, 10, 11))  # the company's own make-up day
    assert not _working(conn, world, "dealer", D(2026, 10, 8))  # the company's holiday wins


def test_only_managers_write_the_calendar_and_bad_days_are_refused(conn, world) -> None:
    for persona in ("rep", "am", "dealer"):
        with pytest.raises((PermissionError, psycopg.Error)):
            _set_days(conn, world, persona, {"2026-12-25": {"kind": "holiday"}})
    bad: list[Any] = [
        [1],
        {"2026-13-01": {"kind": "holiday"}},
        {"tomorrow": {"kind": "holiday"}},
        {"2026-12-25": {"kind": "off"}},
        {"2026-12-25": "holiday"},
        {"2026-12-25": {"kind": "holiday", "note": "x" * 201}},
    ]
    for value in bad:
        with pytest.raises(psycopg.Error) as e:
            _set_days(conn, world, "mgr", value)
        assert e.value.sqlstate == "22023"
        assert "工作日历" in (e.value.diag.message_detail or "")
        assert "calendar.days" in (e.value.diag.message_primary or "")
    value = conn.execute("select value from settings where key = 'calendar.days'").fetchone()[0]
    assert value == {}  # nothing written


# -- visits with nothing recorded --------------------------------------------------------------


def _empty_visit(
    conn: psycopg.Connection,
    world: World,
    code: str,
    checkin: str,
    checkout: str,
    reason: str,
    note: str | None = None,
) -> None:
    conn.execute(
        "insert into visits (rep_id, customer_id, status, checkin_at, checkout_at, empty_reason,"
        " empty_note) values (%s, %s, 'done', %s, %s, %s, %s)",
        (world.users["rep"], world.ids[code], checkin, checkout, reason, note),
    )


def test_plan_vs_actual_counts_empty_visits_apart(conn, world) -> None:
    plan = _plan(
        conn,
        world,
        "rep",
        WEEK,
        [("D_SH", _day(0), 1), ("S_SH", _day(0), 2), ("D_SH", _day(1), 1), ("S_SH", _day(2), 1)],
    )
    rpc(conn, "submit_visit_plan", {"p_plan_id": plan}, world.claims("rep"))
    rpc(conn, "approve_visit_plan", {"p_plan_id": plan}, world.claims("am"))
    d = "2026-11-"
    _visit(conn, world, "rep", "D_SH", f"{d}16 09:00+08", f"{d}16 09:30+08")  # content: done
    _empty_visit(conn, world, "S_SH", f"{d}16 10:00+08", f"{d}16 10:05+08", "closed")  # empty
    # Tuesday: an empty visit first, then one with content the same day: the stop is done
    _empty_visit(conn, world, "D_SH", f"{d}17 09:00+08", f"{d}17 09:02+08", "owner_absent")
    _visit(conn, world, "rep", "D_SH", f"{d}17 15:00+08", f"{d}17 15:20+08")
    # Wednesday's stop is missed; an unplanned empty visit on Friday
    _empty_visit(conn, world, "S_SH", f"{d}20 11:00+08", f"{d}20 11:01+08", "other", "装修中")
    with request(conn, world.claims("rep"), read_only=True) as cur:
        cur.execute(
            "select planned, done, empty, missed, pending, visits, empty_visits, unplanned"
            " from plan_vs_actual(%s)",
            (WEEK,),
        )
        got = cur.fetchone()
    assert got == {"planned": 4, "done": 2, "empty": 1, "missed": 1, "pending": 0,
                   "visits": 5, "empty_visits": 3, "unplanned": 1}  # fmt: skip


@pytest.mark.parametrize(
    ("patch", "constraint"),
    [
        ({"empty_reason": "bored"}, "visits_empty_reason_check"),
        ({"empty_reason": "other"}, "visits_empty_check"),  # other needs a note
        ({"empty_reason": "other", "empty_note": "  "}, "visits_empty_check"),
        ({"empty_note": "关门"}, "visits_empty_check"),  # a note without a reason
        ({"empty_reason": "closed", "status": "in_progress"}, "visits_empty_check"),
        ({"empty_reason": "other", "empty_note": "x" * 201}, "visits_empty_note_len"),
    ],
)
def test_a_bad_empty_reason_is_refused_in_both_languages(
    conn, world, patch: dict[str, Any], constraint: str
) -> None:
    row = {"status": "done", "checkin_at": "2026-11-16 09:00+08",
           "checkout_at": "2026-11-16 09:01+08", **patch}  # fmt: skip
    cols = ", ".join(row)
    with pytest.raises(psycopg.Error) as e, request(conn, world.claims("rep")) as cur:
        cur.execute(
            f"insert into visits (rep_id, customer_id, {cols})"
            f" values (%s, %s, {', '.join(['%s'] * len(row))})",
            (world.users["rep"], world.ids["D_SH"], *row.values()),
        )
    assert e.value.sqlstate == "23514" and e.value.diag.constraint_name == constraint
    words = limit_message(str(e.value))
    assert words is not None and all(words)
    n = conn.execute("select count(*) from visits where empty_reason is not null").fetchone()[0]
    assert n == 0
