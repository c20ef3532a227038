"""display_compliance per store (issue 19: "POP present in 63 % of B-grade stores this month"):
stores_pct counts each store once, by its latest answer in the period (check-in time, then the
answer's time, then its id), beside yes_pct over the answers; an area manager's rows leave out
other areas' stores; the visits and monthly reports' cells are the function's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import psycopg
import pytest

from backend.reports_display import DISPLAY_COLUMNS
from tests.db.access_world import World, build_world
from tests.db.request_helpers import freeze
from tests.db.test_display_checks import _one, _template, _visit
from tests.postgrest import rpc_rows

DECEMBER = {"p_from": "2026-12-01", "p_to": "2026-12-31"}


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    freeze(conn)  # company now 2026-12-10 10:00 Asia/Shanghai
    w = build_world(conn)
    # a second tier-1 store in Shanghai, beside D_SH
    w.ids["R_SH"] = str(
        _one(
            conn,
            "insert into customers (code, name, tier, area_id, owner_id)"
            " select 'R_SH', '徐汇超市', 1, area_id, owner_id from customers where id = %s"
            " returning id",
            w.ids["D_SH"],
        )
    )
    conn.execute("alter table customers disable trigger user")
    for code in ("D_SH", "R_SH", "S_SH", "D_ZJ"):
        conn.execute("update customers set grade = 'B' where id = %s", (w.ids[code],))
    conn.execute("alter table customers enable trigger user")
    return w


def _answer(
    conn: psycopg.Connection, world: World, item: str, code: str, day: str, yes: bool, **kw: str
) -> str:
    """A visit to the store checked in at 09:00 Shanghai on day (or kw checkin) and its answer."""
    checkin = kw.get("checkin", f"{day}T09:00:00+08:00")
    v = _visit(conn, world, code, checkin=checkin, checkout=kw.get("checkout", checkin))
    if code == "D_ZJ":
        conn.execute("update visits set rep_id = %s where id = %s", (world.users["rep2"], v))
    return str(
        _one(
            conn,
            "insert into display_answers (visit_id, customer_id, item_id, yes_value)"
            " values (%s, %s, %s, %s) returning id",
            v,
            world.ids[code],
            item,
            yes,
        )
    )


def _pop(rows: list[dict[str, Any]], tier: int = 1) -> dict[str, Any]:
    [row] = [
        r
        for r in rows
        if (r["template_name"], r["item_label"], r["tier"]) == ("门店陈列", "POP", tier)
    ]  # not the world's own 经销商陈列
    return row


def _figures(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["stores"], row["stores_yes"], float(row["stores_pct"]), row["answered"],
            row["yes_count"], float(row["yes_pct"]))  # fmt: skip


def test_a_store_counts_once_by_its_latest_answer(conn: psycopg.Connection, world: World) -> None:
    pop = _template(conn)["yes_no"]
    # D_SH: yes, yes, no by check-in — the no written first, so check-in time decides, not the
    # order of writing; R_SH: yes. Both tier 1, grade B: 1 store of 2, 3 answers of 4.
    _answer(conn, world, pop, "D_SH", "2026-12-09", False)
    _answer(conn, world, pop, "D_SH", "2026-12-02", True)
    _answer(conn, world, pop, "D_SH", "2026-12-05", True)
    _answer(conn, world, pop, "R_SH", "2026-12-04", True)
    # S_SH (tier 2, B): no on the 3rd, then yes on the 8th (written in the other order): yes
    _answer(conn, world, pop, "S_SH", "2026-12-08", True)
    _answer(conn, world, pop, "S_SH", "2026-12-03", False)
    # D_ZJ (tier 1, B, Zhejiang): yes
    _answer(conn, world, pop, "D_ZJ", "2026-12-06", True)
    sh = _one(conn, "select id from areas where code = 'SH'")
    in_sh = rpc_rows(conn, "display_compliance", {**DECEMBER, "p_area_id": sh}, world.claims("mgr"))
    assert _figures(_pop(in_sh)) == (2, 1, 50.0, 4, 3, 75.0)
    assert _figures(_pop(in_sh, tier=2)) == (1, 1, 100.0, 2, 1, 50.0)
    # the manager over every area: D_ZJ counts too
    every = rpc_rows(conn, "display_compliance", {**DECEMBER, "p_area_id": None},
                     world.claims("mgr"))  # fmt: skip
    assert _figures(_pop(every)) == (3, 2, 66.7, 5, 4, 80.0)
    # the Shanghai area manager: Zhejiang's store is not among his
    mine = rpc_rows(conn, "display_compliance", {**DECEMBER, "p_area_id": None}, world.claims("am"))
    assert _figures(_pop(mine)) == (2, 1, 50.0, 4, 3, 75.0)
    theirs = rpc_rows(conn, "display_compliance", {**DECEMBER, "p_area_id": None},
                      world.claims("am2"))  # fmt: skip
    assert _figures(_pop(theirs)) == (1, 1, 100.0, 1, 1, 100.0)
    assert [r for r in theirs if r["tier"] == 2] == []
    # only yes/no items have the store share
    facings = [r for r in every if r["kind"] != "yes_no"]
    assert all(r["stores_yes"] is None and r["stores_pct"] is None for r in facings)


def test_the_latest_answer_by_company_day_and_tie_break(
    conn: psycopg.Connection, world: World
) -> None:
    pop = _template(conn)["yes_no"]
    # D_SH: yes at 23:50 on the 5th; no at 00:10 on the 6th (still the 5th in UTC) is outside
    # a period ending on the 5th, so the store counts as yes
    _answer(conn, world, pop, "D_SH", "", True, checkin="2026-12-05T23:50:00+08:00")
    _answer(conn, world, pop, "D_SH", "", False, checkin="2026-12-06T00:10:00+08:00")
    first_five = {"p_from": "2026-12-01", "p_to": "2026-12-05", "p_area_id": None}
    row = _pop(rpc_rows(conn, "display_compliance", first_five, world.claims("mgr")))
    assert _figures(row) == (1, 1, 100.0, 1, 1, 100.0)
    row = _pop(rpc_rows(conn, "display_compliance", {**DECEMBER, "p_area_id": None},
                        world.claims("mgr")))  # fmt: skip
    assert _figures(row) == (1, 0, 0.0, 2, 1, 50.0)
    # R_SH: two visits checked in at the same minute; the answer given last decides
    at = "2026-12-07T09:00:00+08:00"
    yes = _answer(conn, world, pop, "R_SH", "", True, checkin=at)
    no = _answer(conn, world, pop, "R_SH", "", False, checkin=at)
    day = {"p_from": "2026-12-07", "p_to": "2026-12-07", "p_area_id": None}
    for last, earlier, stores_yes in ((yes, no, 1), (no, yes, 0)):  # either way round
        conn.execute("alter table display_answers disable trigger user")
        conn.execute("update display_answers set updated_at = %s where id = %s", (at, earlier))
        conn.execute("update display_answers set updated_at = %s::timestamptz"
                     " + interval '5 minutes' where id = %s", (at, last))  # fmt: skip
        conn.execute("alter table display_answers enable trigger user")
        row = _pop(rpc_rows(conn, "display_compliance", day, world.claims("mgr")))
        assert _figures(row) == (1, stores_yes, 100.0 * stores_yes, 2, 1, 50.0)


def _function_rows(conn: psycopg.Connection, start: dt.date, end: dt.date) -> list[tuple]:
    cols = ", ".join(c for c, _, _ in DISPLAY_COLUMNS)
    rows = conn.execute(
        f"select {cols} from public.display_compliance(%s, %s, null)", (start, end)
    ).fetchall()
    return [tuple(float(v) if isinstance(v, Decimal) else v for v in r) for r in rows]


def test_the_reports_cells_are_the_functions(
    conn: psycopg.Connection, world: World, tmp_path: Any
) -> None:
    from openpyxl import load_workbook

    from backend.reports_display import DISPLAY_HEADERS, DISPLAY_SHEET
    from backend.reports_monthly import monthly_report
    from backend.reports_visits import visits_report

    items = _template(conn)
    for code, day, yes in (("D_SH", "2026-12-08", True), ("D_SH", "2026-12-09", False),
                           ("R_SH", "2026-12-01", False), ("R_SH", "2026-12-08", True),
                           ("S_SH", "2026-12-02", True), ("D_ZJ", "2026-12-09", True)):  # fmt: skip
        _answer(conn, world, items["yes_no"], code, day, yes)
    v = _visit(conn, world, "D_SH", checkin="2026-12-08T10:00:00+08:00",
               checkout="2026-12-08T10:20:00+08:00")  # fmt: skip
    conn.execute("insert into display_answers (visit_id, customer_id, item_id, count_value)"
                 " values (%s, %s, %s, 5)", (v, world.ids["D_SH"], items["count"]))  # fmt: skip
    visits_report(conn, "2026-W50", tmp_path / "v.xlsx")  # 12-07 .. 12-13
    monthly_report(conn, "2026-12", tmp_path / "m.xlsx")
    # POP, tier 1: the week has D_SH (latest no), R_SH (yes on the 8th), D_ZJ (yes): 2 of 3
    # stores, 3 of 4 answers; the month adds R_SH's no of the 1st (not its latest) and S_SH (tier
    # 2): 2 of 3 stores, 3 of 5 answers. The service side sees every area.
    for path, start, end, count, pop in (
        ("v.xlsx", dt.date(2026, 12, 7), dt.date(2026, 12, 13), 2, (3, 2, 66.7, 4, 3, 75.0)),
        ("m.xlsx", dt.date(2026, 12, 1), dt.date(2026, 12, 31), 3, (3, 2, 66.7, 5, 3, 60.0)),
    ):
        sheet = load_workbook(tmp_path / path)[DISPLAY_SHEET]
        assert [c.value for c in sheet[3]] == DISPLAY_HEADERS
        cells = [tuple(r) for r in sheet.iter_rows(min_row=4, values_only=True)]
        expected = _function_rows(conn, start, end)
        assert cells == expected
        ours = [dict(zip([c for c, _, _ in DISPLAY_COLUMNS], r, strict=True)) for r in cells]
        ours = [r for r in ours if r["template_name"] == "门店陈列"]
        assert len(ours) == count and ours[0]["grade"] == "B"
        assert _figures(_pop(ours)) == pop
        assert "门店达标率 % of stores" in DISPLAY_HEADERS  # the headline, before the answers'
