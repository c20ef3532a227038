"""The workbook's 辅导支援 sheet (issue 18): export → import round-trips support activities in
every state, each done one's cost as one expense row and never as a row of the expense sheet;
bad rows are refused with their sheet, row and column and nothing is written; an expense row with
a SUP- reference (a support activity's own) is refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import psycopg
import pytest

from backend.importer import ImportFailed, import_frames
from backend.ledger_export import export_frames
from tests.db.access_world import World, build_world
from tests.db.request_helpers import TODAY, freeze
from tests.postgrest import rpc

DAY = dt.date.fromisoformat(TODAY)


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    freeze(conn)
    return build_world(conn)


def _activities(conn: psycopg.Connection, world: World) -> None:
    c, d_sh = world.claims, world.ids["D_SH"]
    base = {"p_customer_id": d_sh, "p_kind": "training", "p_title": "新品培训"}
    done = rpc(conn, "support_save", {**base, "p_done_on": TODAY, "p_cost": 480,
               "p_materials": "手册", "p_outcome": "会讲卖点"}, c("rep"))  # fmt: skip
    rpc(conn, "support_evaluate", {"p_support_id": done["id"], "p_score": 4, "p_note": "好"},
        c("am"))  # fmt: skip
    gone = rpc(conn, "support_save", {**base, "p_planned_on": TODAY}, c("rep"))
    rpc(conn, "support_cancel", {"p_support_id": gone["id"], "p_reason": "改期"}, c("am"))
    rpc(conn, "support_save", {**base, "p_kind": "promotion", "p_done_on": TODAY, "p_cost": 90},
        c("am"))  # fmt: skip


def _support_state(conn: psycopg.Connection) -> list[Any]:
    return conn.execute(
        "select s.reference, s.status, s.cost, s.score, s.done_on, s.evaluated_at::date,"
        " s.cancelled_at::date, (select sum(e.amount) from expenses e where e.deleted_at is null"
        " and e.support_activity_id = s.id) from support_activities s order by s.reference"
    ).fetchall()


def test_export_import_round_trips_support(conn: psycopg.Connection, world: World) -> None:
    _activities(conn, world)
    frames = export_frames(conn)
    assert len(frames["support"]) == 4  # the world's planned one and the three above
    assert not frames["expenses"]["reference"].str.startswith("SUP-").any()
    before = _support_state(conn)
    again = import_frames(conn, frames, evaluate=False)
    # nothing new; the evaluated and cancelled ones take their day's start (a moment is exported
    # as its day, docs/data-format.md)
    assert again.inserted.get("support", 0) == 0 and again.updated.get("support", 0) <= 2
    assert _support_state(conn) == before
    assert import_frames(conn, export_frames(conn), evaluate=False).updated.get("support", 0) == 0
    # into another database: the same activities, the same expense rows (made there)
    conn.execute("delete from expenses where support_activity_id is not null")
    conn.execute("delete from support_activities")
    import_frames(conn, frames, evaluate=False)
    assert _support_state(conn) == before


def test_bad_support_rows_are_refused_by_sheet_row_and_column(
    conn: psycopg.Connection, world: World
) -> None:
    row = {"reference": "SA-T1", "customer_code": "D_SH", "kind": "training", "title": "培训",
           "status": "done", "done_on": DAY, "cost": 100}  # fmt: skip
    bad = [
        ({"cost": -5}, "cost"),
        ({"kind": "party"}, "kind"),
        ({"done_on": None}, "done_on"),
        ({"status": "evaluated", "score": 6}, "score"),
        ({"status": "evaluated"}, "score"),
        ({"score": 3}, "score"),
        ({"customer_code": "NOPE"}, "customer_code"),
        ({"status": "cancelled"}, "cancelled_on"),
        ({"owner_email": "dealer.sh@example.cn"}, "owner_email"),
    ]
    base = export_frames(conn)
    count = "select count(*) from support_activities"
    before = conn.execute(count).fetchone()[0]
    for change, column in bad:
        frames = {**base, "support": pd.DataFrame([{**row, **change}])}
        with pytest.raises(ImportFailed) as err:
            import_frames(conn, frames, evaluate=False)
        where = [(p.sheet, p.row, p.column) for p in err.value.problems]
        assert ("support", 2, column) in where, (change, where)
        assert conn.execute(count).fetchone()[0] == before
    import_frames(conn, {**base, "support": pd.DataFrame([row])}, evaluate=False)
    spent = conn.execute(
        "select e.amount from expenses e join support_activities s on s.id = e.support_activity_id"
        " where s.reference = 'SA-T1' and e.deleted_at is null"
    ).fetchall()
    assert spent == [(100,)]


def test_an_expense_row_with_a_support_reference_is_refused(
    conn: psycopg.Connection, world: World
) -> None:
    frames = export_frames(conn)
    frames["expenses"] = pd.DataFrame([{"reference": "SUP-0001", "customer_code": "D_SH",
                                        "spent_on": DAY, "category": "training",
                                        "amount": 50}])  # fmt: skip
    with pytest.raises(ImportFailed) as err:
        import_frames(conn, frames, evaluate=False)
    assert [(p.sheet, p.row, p.column) for p in err.value.problems] == [
        ("expenses", 2, "reference")
    ]
