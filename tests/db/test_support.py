"""Support activities (辅导支援), issue 18 part 1: plan → done → evaluated (or cancelled) through the
RPCs; bad input refused with a bilingual message and nothing written; who sees what (a dealer its
own, without the internal evaluation); the cost of a done activity is one expense row, counted
once, feeding the expense warnings; direct writes and sync_push obey the same rules."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pandas as pd
import psycopg
import pytest

from backend.importer import ImportFailed, import_frames
from backend.risk.evaluate import evaluate
from tests.db.access_world import World, build_world
from tests.db.request_helpers import TODAY, freeze
from tests.postgrest import request, rpc, rpc_rows

DAY = dt.date.fromisoformat(TODAY)


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    freeze(conn)
    return build_world(conn)


def _refused(conn: psycopg.Connection, fn: str, args: dict[str, Any], claims: Any) -> str:
    """The SQLSTATE of a refused call, which must carry its Chinese half and write nothing."""
    before = _fingerprint(conn)
    with pytest.raises(psycopg.Error) as err:
        rpc(conn, fn, args, claims)
    assert err.value.diag.message_detail, fn  # the Chinese half
    assert _fingerprint(conn) == before, fn
    return err.value.sqlstate or ""


def _fingerprint(conn: psycopg.Connection) -> Any:
    return conn.execute(
        "select (select jsonb_agg(to_jsonb(s) - 'txid' order by s.id) from support_activities s),"
        " (select jsonb_agg(to_jsonb(e) order by e.id) from expenses e)"
    ).fetchone()


def _support_expenses(conn: psycopg.Connection, support_id: str) -> list[tuple[Any, ...]]:
    return conn.execute(
        "select reference, amount, spent_on, category, deleted_at is null from expenses"
        " where support_activity_id = %s",
        (support_id,),
    ).fetchall()


def _save(world: World, **kw: Any) -> dict[str, Any]:
    args = {"p_customer_id": world.ids["D_SH"], "p_kind": "training", "p_title": "产品知识培训",
            "p_planned_on": str(DAY + dt.timedelta(days=5))}  # fmt: skip
    args.update(kw)
    return args


def test_plan_complete_evaluate(conn: psycopg.Connection, world: World) -> None:
    c = world.claims
    row = rpc(conn, "support_save", _save(world), c("rep"))
    assert row["status"] == "planned" and row["owner_id"] == world.users["rep"]
    assert _support_expenses(conn, row["id"]) == []
    # a rep cannot evaluate, nor anyone a planned activity
    args = {"p_support_id": row["id"], "p_score": 4, "p_note": "效果好"}
    assert _refused(conn, "support_evaluate", args, c("rep")) == "42501"
    assert _refused(conn, "support_evaluate", args, c("am")) == "55000"
    done = rpc(conn, "support_complete", {"p_support_id": row["id"], "p_done_on": TODAY,
               "p_cost": 1200, "p_materials": "培训手册20本", "p_outcome": "店员会讲新品卖点"},
               c("rep"))  # fmt: skip
    assert (done["status"], done["materials"], done["cost"]) == ("done", "培训手册20本", 1200)
    ref = "SUP-" + row["id"].replace("-", "")
    assert _support_expenses(conn, row["id"]) == [(ref, 1200, DAY, "training", True)]
    ev = rpc(conn, "support_evaluate", args, c("am"))
    assert (ev["status"], ev["score"], ev["evaluated_by"]) == ("evaluated", 4, world.users["am"])
    # evaluated: still counted, frozen for edits and cancelling
    assert _support_expenses(conn, row["id"]) == [(ref, 1200, DAY, "training", True)]
    assert _refused(conn, "support_cancel", {"p_support_id": row["id"]}, c("am")) == "55000"
    edit = _save(world, p_support_id=row["id"], p_done_on=TODAY, p_cost=5)
    assert _refused(conn, "support_save", edit, c("rep")) == "55000"


def test_record_done_at_once_edit_and_cancel(conn: psycopg.Connection, world: World) -> None:
    c = world.claims
    row = rpc(conn, "support_save", _save(world, p_kind="store_display", p_planned_on=None,
              p_done_on=TODAY, p_cost=300, p_visit_id=world.ids["visits"]), c("rep"))  # fmt: skip
    assert row["status"] == "done" and row["visit_id"] == world.ids["visits"]
    # the cost follows an edit: one row, its amount and day move
    yesterday = str(DAY - dt.timedelta(days=1))
    rpc(conn, "support_save", _save(world, p_kind="store_display", p_planned_on=None,
        p_done_on=yesterday, p_cost=450, p_support_id=row["id"]), c("rep"))  # fmt: skip
    got = _support_expenses(conn, row["id"])
    assert [(g[1], str(g[2]), g[3], g[4]) for g in got] == [(450, yesterday, "store_display", True)]
    # a cost of zero counts nothing; cancelled counts nothing
    rpc(conn, "support_save", _save(world, p_kind="store_display", p_planned_on=None,
        p_done_on=yesterday, p_cost=0, p_support_id=row["id"]), c("rep"))  # fmt: skip
    assert [g[4] for g in _support_expenses(conn, row["id"])] == [False]
    rpc(conn, "support_complete", {"p_support_id": row["id"], "p_done_on": yesterday,
        "p_cost": 80}, c("rep"))  # fmt: skip
    assert [(g[1], g[4]) for g in _support_expenses(conn, row["id"])] == [(80, True)]
    out = rpc(conn, "support_cancel", {"p_support_id": row["id"], "p_reason": "重复录入"}, c("rep"))
    assert out["status"] == "cancelled" and out["cancel_reason"] == "重复录入"
    assert [g[4] for g in _support_expenses(conn, row["id"])] == [False]


def test_bad_input_is_refused_and_writes_nothing(conn: psycopg.Connection, world: World) -> None:
    c = world.claims
    assert _refused(conn, "support_save", _save(world, p_cost=-1), c("rep")) == "22023"
    assert _refused(conn, "support_save", _save(world, p_kind="party"), c("rep")) == "22023"
    assert _refused(conn, "support_save", _save(world, p_kind=None), c("rep")) == "22023"
    out_of_scope = _save(world, p_customer_id=world.ids["D_ZJ"])
    assert _refused(conn, "support_save", out_of_scope, c("rep")) == "P0002"
    assert _refused(conn, "support_save", _save(world, p_done_on="2099-01-01"), c("rep")) == "22023"
    assert _refused(conn, "support_save", _save(world, p_planned_on=None), c("rep")) == "22023"
    far = _save(world, p_planned_on=str(DAY + dt.timedelta(days=400)))
    assert _refused(conn, "support_save", far, c("rep")) == "22023"
    assert (
        _refused(conn, "support_save", _save(world, p_materials="料" * 4001), c("rep")) == "22023"
    )
    not_its_visit = _save(world, p_customer_id=world.ids["S_SH"], p_visit_id=world.ids["visits"])
    assert _refused(conn, "support_save", not_its_visit, c("rep")) == "22023"
    assert _refused(conn, "support_save", _save(world), c("dealer")) == "42501"
    row = rpc(conn, "support_save", _save(world), c("rep"))
    sid = row["id"]
    assert (
        _refused(conn, "support_evaluate", {"p_support_id": sid, "p_score": 4}, c("am")) == "55000"
    )
    done = {"p_support_id": sid, "p_done_on": TODAY, "p_cost": 10}
    assert _refused(conn, "support_complete", {**done, "p_cost": -5}, c("rep")) == "22023"
    assert _refused(conn, "support_complete", {**done, "p_done_on": None}, c("rep")) == "22023"
    assert _refused(conn, "support_complete", done, c("rep2")) == "P0002"
    rpc(conn, "support_complete", done, c("rep"))
    for score in (6, 0, None):
        args = {"p_support_id": sid, "p_score": score}
        assert _refused(conn, "support_evaluate", args, c("am")) == "22023"
    assert _refused(conn, "support_evaluate", {"p_support_id": sid, "p_score": 3}, c("am2")) in (
        "P0002",
        "42501",
    )
    assert _refused(conn, "support_cancel", {"p_support_id": str(uuid.uuid4())}, c("am")) == "P0002"


def test_direct_writes_and_sync_push_obey_the_rules(conn: psycopg.Connection, world: World) -> None:
    c = world.claims
    sid = str(uuid.uuid4())
    base = {"id": sid, "customer_id": world.ids["D_SH"], "kind": "promotion", "title": "试吃活动",
            "status": "done", "done_on": TODAY, "cost": 260, "materials": "试吃台1个",
            "outcome": "卖出30箱", "visit_id": world.ids["visits"]}  # fmt: skip

    def push(row: dict[str, Any], n: int = 1) -> dict[str, Any]:
        muts = [{"id": n, "table": "support_activities", "op": "upsert", "row": row}]
        out = rpc(conn, "sync_push", {"p_client_id": client,
                  "p_mutations": json.dumps(muts)}, c("rep"))  # fmt: skip
        return out["results"][0]

    client = str(uuid.uuid4())
    # an offline-recorded activity arrives as done, its cost as one expense row
    assert push(base)["status"] == "applied"
    got = conn.execute("select status, owner_id from support_activities where id = %s", (sid,))
    assert got.fetchone() == ("done", uuid.UUID(world.users["rep"]))
    assert [(g[1], g[4]) for g in _support_expenses(conn, sid)] == [(260, True)]
    # not evaluated, not cancelled, not with a score, not with a bad cost or kind
    bad = [
        {**base, "status": "evaluated", "score": 5},
        {**base, "status": "cancelled"},
        {"id": sid, "score": 5},
        {"id": sid, "cost": -1},
        {"id": sid, "kind": "party"},
        {"id": sid, "done_on": "2099-01-01"},
        {**base, "id": str(uuid.uuid4()), "status": "evaluated"},
    ]
    for n, row in enumerate(bad, start=2):
        assert push(row, n)["status"] == "rejected", row
    assert [(g[1], g[4]) for g in _support_expenses(conn, sid)] == [(260, True)]
    # a direct PATCH cannot evaluate either
    with pytest.raises(psycopg.Error), request(conn, c("am"), commit=True) as cur:
        cur.execute(
            "update support_activities set status = 'evaluated', score = 5,"
            " evaluated_by = owner_id, evaluated_at = now() where id = %s",
            (sid,),
        )
    assert conn.execute("select status from support_activities where id = %s", (sid,)).fetchone()[
        0
    ] == ("done")


def test_no_expense_is_counted_twice(conn: psycopg.Connection, world: World) -> None:
    c = world.claims
    row = rpc(conn, "support_save", _save(world, p_planned_on=None, p_done_on=TODAY, p_cost=700),
              c("rep"))  # fmt: skip
    ref = "SUP-" + row["id"].replace("-", "")
    # the importer's expense sheet cannot add or overwrite a support activity's expense
    for reference in (ref, "SUP-SOMETHING"):
        frames = {
            "expenses": pd.DataFrame([{"reference": reference, "customer_code": "D_SH",
                                       "spent_on": DAY, "category": "training", "amount": 700}])
        }  # fmt: skip
        with pytest.raises(ImportFailed):
            import_frames(conn, frames)
    # nobody names a support activity on an expense row, directly or the service side's way
    with pytest.raises(psycopg.Error):
        conn.execute(
            "insert into expenses (reference, customer_id, spent_on, category, amount,"
            " support_activity_id) values ('EX-DUP', %s, %s, 'training', 700, %s)",
            (world.ids["D_SH"], DAY, row["id"]),
        )
    conn.rollback()
    freeze(conn)
    with pytest.raises(psycopg.Error), request(conn, c("am"), commit=True) as cur:
        cur.execute("update expenses set amount = 1 where support_activity_id = %s", (row["id"],))
    total = conn.execute(
        "select sum(amount) from expenses where customer_id = %s and spent_on = %s"
        " and deleted_at is null",
        (world.ids["D_SH"], DAY),
    ).fetchone()[0]
    assert total == 700


def test_support_cost_alone_raises_expense_over_budget(
    conn: psycopg.Connection, world: World
) -> None:
    c, d_sh = world.claims, world.ids["D_SH"]
    month = DAY.replace(day=1)
    conn.execute(
        "insert into expense_budgets (customer_id, period_start, period_end, amount)"
        " values (%s, %s, %s, 1000)",
        (d_sh, month, month + dt.timedelta(days=30)),
    )
    conn.commit()
    evaluate(conn, DAY, [uuid.UUID(d_sh)])
    kinds = "select kind from warnings where customer_id = %s and status <> 'resolved'"
    assert "expense_over_budget" not in {r[0] for r in conn.execute(kinds, (d_sh,))}
    rpc(conn, "support_save", _save(world, p_kind="advertising_pr", p_planned_on=None,
        p_done_on=TODAY, p_cost=1500), c("am"))  # fmt: skip
    evaluate(conn, DAY, [uuid.UUID(d_sh)])
    assert "expense_over_budget" in {r[0] for r in conn.execute(kinds, (d_sh,))}


def test_access_and_the_dealer_view(conn: psycopg.Connection, world: World) -> None:
    c = world.claims
    row = rpc(conn, "support_save", _save(world, p_planned_on=None, p_done_on=TODAY, p_cost=90,
              p_outcome="会用订货系统了"), c("rep"))  # fmt: skip
    rpc(conn, "support_evaluate", {"p_support_id": row["id"], "p_score": 2,
        "p_note": "内部：讲得太快"}, c("am"))  # fmt: skip
    mine = {r["id"]: r for r in rpc_rows(conn, "support_list", {}, c("dealer"))}
    assert mine[row["id"]]["outcome"] == "会用订货系统了"
    assert mine[row["id"]]["score"] is None and mine[row["id"]]["evaluation_note"] is None
    assert rpc_rows(conn, "support_list", {}, c("dealer2")) == []
    assert row["id"] not in {r["id"] for r in rpc_rows(conn, "support_list", {}, c("rep2"))}
    staff = {r["id"]: r for r in rpc_rows(conn, "support_list", {}, c("am"))}
    assert staff[row["id"]]["evaluation_note"] == "内部：讲得太快"
    # the dealer reads no row of the table itself
    with request(conn, c("dealer")) as cur:
        cur.execute("select count(*) as n from support_activities")
        assert cur.fetchone()["n"] == 0


def test_summary_per_area_and_owner(conn: psycopg.Connection, world: World) -> None:
    c, d_sh = world.claims, world.ids["D_SH"]
    month = DAY.replace(day=1)
    conn.execute(
        "insert into expense_budgets (customer_id, period_start, period_end, amount)"
        " values (%s, %s, %s, 500)",
        (d_sh, month, month + dt.timedelta(days=30)),
    )
    conn.commit()
    rpc(conn, "support_save", _save(world), c("rep"))  # planned in 5 days
    rpc(conn, "support_save", _save(world, p_planned_on=None, p_done_on=TODAY, p_cost=800), c("am"))
    period = {"p_from": str(month), "p_to": str(month + dt.timedelta(days=30))}
    rows = rpc_rows(conn, "support_summary", period, c("am"))
    area = [r for r in rows if r["level"] == "area" and r["area_id"] == world.ids["area_SH"]]
    assert [(r["planned"], r["done"], r["cost"], r["budget"]) for r in area] == [(1, 1, 800, 500)]
    assert area[0]["expenses"] >= 800
    owners = {r["owner_name"]: (r["planned"], r["done"]) for r in rows if r["level"] == "owner"}
    assert sorted(owners.values()) == [(0, 1), (1, 0)]
    assert rpc_rows(conn, "support_summary", {**period, "p_area_id": world.ids["area_SH"]},
                    c("mgr"))[0]["cost"] == 800  # fmt: skip
    # another area manager's area, a rep, a bad period
    with pytest.raises(psycopg.Error) as err:
        rpc_rows(conn, "support_summary", {"p_area_id": world.ids["area_SH"]}, c("am2"))
    assert err.value.sqlstate == "42501"
    with pytest.raises(psycopg.Error) as err:
        rpc_rows(conn, "support_summary", {}, c("rep"))
    assert err.value.sqlstate == "42501"
    with pytest.raises(psycopg.Error) as err:
        rpc_rows(conn, "support_summary", {"p_from": TODAY, "p_to": "2026-01-01"}, c("mgr"))
    assert err.value.sqlstate == "22023" and err.value.diag.message_detail
