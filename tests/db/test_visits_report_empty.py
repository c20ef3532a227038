"""The visits report (`fieldsales report visits`) with visits checked out with nothing recorded
(issue 19, docs/calendar.md "Visits with nothing recorded"): its 已拜访·无记录 and 无记录拜访
columns are plan_vs_actual's `empty` and `empty_visits`, apart from the visits with content, and
the completion rate is done / planned (an empty visit does not complete a stop)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import psycopg
import pytest

from backend.reports_visits import COUNT_HEADERS
from tests.db.access_world import World, build_world
from tests.db.test_visit_plans import WEEK, _day, _plan, _pva, _report_args, _visit
from tests.postgrest import rpc

EMPTY = "已拜访·无记录 Visited, nothing recorded"
EMPTY_VISITS = "无记录拜访 Empty visits"
COMPLETION = "完成率 Completion"
D = "2026-11-"  # WEEK is Monday 2026-11-16, a past week (nothing pending)


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    return build_world(conn)


def _empty(
    conn: psycopg.Connection,
    world: World,
    persona: str,
    code: str,
    checkin: str,
    checkout: str,
    reason: str,
    note: str | None = None,
) -> None:
    """A visit checked out with nothing recorded and its reason (local +08 times)."""
    conn.execute(
        "insert into visits (rep_id, customer_id, status, checkin_at, checkout_at, empty_reason,"
        " empty_note) values (%s, %s, 'done', %s, %s, %s, %s)",
        (world.users[persona], world.ids[code], checkin, checkout, reason, note),
    )


def _approved(
    conn: psycopg.Connection,
    world: World,
    persona: str,
    approver: str,
    stops: list[tuple[str, dt.date, int]],
) -> None:
    plan = _plan(conn, world, persona, WEEK, stops)
    rpc(conn, "submit_visit_plan", {"p_plan_id": plan}, world.claims(persona))
    rpc(conn, "approve_visit_plan", {"p_plan_id": plan}, world.claims(approver))


def _week_with_empty_visits(conn: psycopg.Connection, world: World) -> None:
    """rep (Shanghai): 5 planned stops — 2 visited with content, 2 visited with nothing
    recorded, 1 missed — and an unplanned empty visit; rep2 (Zhejiang): 1 planned stop visited
    with nothing recorded."""
    _approved(
        conn,
        world,
        "rep",
        "am",
        [("D_SH", _day(0), 1), ("S_SH", _day(0), 2), ("D_SH", _day(1), 1),
         ("S_SH", _day(2), 1), ("D_SH", _day(3), 1)],
    )  # fmt: skip
    _visit(conn, world, "rep", "D_SH", f"{D}16 09:00+08", f"{D}16 09:30+08")  # Mon 1: done
    _empty(conn, world, "rep", "S_SH", f"{D}16 10:00+08", f"{D}16 10:05+08", "closed")  # Mon 2
    _empty(conn, world, "rep", "D_SH", f"{D}17 09:00+08", f"{D}17 09:02+08", "owner_absent")
    # Wednesday's stop (S_SH) is missed
    _visit(conn, world, "rep", "D_SH", f"{D}19 14:00+08", f"{D}19 14:40+08")  # Thu: done
    _empty(conn, world, "rep", "S_SH", f"{D}20 11:00+08", f"{D}20 11:01+08", "other", "装修中")
    _approved(conn, world, "rep2", "am2", [("D_ZJ", _day(1), 1)])
    _empty(conn, world, "rep2", "D_ZJ", f"{D}17 10:00+08", f"{D}17 10:03+08", "refused")


# by hand from _week_with_empty_visits (planned = done + empty + missed + pending)
REP = {"planned": 5, "done": 2, "empty": 2, "missed": 1, "pending": 0, "unplanned": 1,
       "visits": 5, "empty_visits": 3}  # fmt: skip
REP2 = {"planned": 1, "done": 0, "empty": 1, "missed": 0, "pending": 0, "unplanned": 0,
        "visits": 1, "empty_visits": 1}  # fmt: skip


def test_the_report_counts_empty_visits_as_plan_vs_actual_does(
    conn, world: World, db_url: str, tmp_path: Path, monkeypatch
) -> None:
    from openpyxl import load_workbook

    _week_with_empty_visits(conn, world)
    expected = _pva(conn, world, "mgr")
    assert {p: {k: f[k] for k in REP} for p, f in expected.items()} == {"rep": REP, "rep2": REP2}

    out = tmp_path / "visits.xlsx"
    args = _report_args(
        db_url, monkeypatch, ["report", "visits", "--week", "2026-W47", "-o", str(out)]
    )
    assert args.run(args) == 0
    wb = load_workbook(out)
    names = dict(
        conn.execute("select id::text, full_name from profiles where role = 'rep'").fetchall()
    )

    reps = wb["业务员 By rep"]
    headers = [c.value for c in reps[3]]
    col = {h: headers.index(h) for h in headers}
    rows = {r[col["业务员 Rep"]]: r for r in reps.iter_rows(min_row=4, values_only=True)}
    assert set(rows) == {names[world.users[p]] for p in expected}
    for persona, figures in expected.items():
        row = rows[names[world.users[persona]]]
        assert {k: row[col[h]] for h, k in COUNT_HEADERS} == {
            k: figures[k] for _, k in COUNT_HEADERS
        }
        assert row[col[EMPTY]] == figures["empty"]
        assert row[col[EMPTY_VISITS]] == figures["empty_visits"]
        assert row[col[COMPLETION]] == figures["done"] / figures["planned"]
    # the reader's check: empty visits neither complete a stop nor hide among the done ones
    rep_row = rows[names[world.users["rep"]]]
    assert (rep_row[col[EMPTY]], rep_row[col[EMPTY_VISITS]]) == (2, 3)
    assert rep_row[col[COMPLETION]] == pytest.approx(2 / 5)
    rep2_row = rows[names[world.users["rep2"]]]
    assert (rep2_row[col[EMPTY]], rep2_row[col[EMPTY_VISITS]], rep2_row[col[COMPLETION]]) == (
        1,
        1,
        0.0,
    )

    team = wb["团队 Team"]
    headers = [c.value for c in team[3]]
    tcol = {h: headers.index(h) for h in headers}
    lines = list(team.iter_rows(min_row=4, values_only=True))
    by_area = {r[0]: r for r in lines[:-1]}
    total = lines[-1]
    assert total[0].startswith("全部")
    for h, k in COUNT_HEADERS:
        assert total[tcol[h]] == sum(f[k] for f in expected.values())
        assert sum(r[tcol[h]] for r in by_area.values()) == total[tcol[h]]
    assert (total[tcol[EMPTY]], total[tcol[EMPTY_VISITS]]) == (3, 4)
    assert total[tcol[COMPLETION]] == pytest.approx(2 / 6)
    for r in by_area.values():  # each area's rate is its done / its planned
        assert r[tcol[COMPLETION]] == pytest.approx(
            r[tcol["已完成 Done"]] / r[tcol["计划拜访 Planned"]]
        )
