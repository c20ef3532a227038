"""sync_push applies a batch set-based (private.sync_push_batch) only when that gives what the
outbox order gives; otherwise, and on any error, it answers one mutation at a time as before."""

from __future__ import annotations

import json
import uuid
from typing import Any

import psycopg
import pytest

from tests.db.access_world import World, build_world

COMPARED = {
    "visits": "status, checkout_at, notes, version",
    "stock_counts": "quantity, version",
    "orders": "status, version",
    "order_lines": "quantity, version",
    "photos": "kind, version",
}


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    return build_world(conn)


def push(
    conn: psycopg.Connection, world: World, mutations: list[dict], client: str | None = None
) -> tuple[dict, int]:
    """One push as the rep, committed; also how many mutations went one at a time (calls of
    private.sync_apply in that transaction)."""
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("set local track_functions = 'all'")
        cur.execute("select set_config('role', 'authenticated', true)")
        cur.execute("select set_config('request.jwt.claims', %s, true)",
                    (json.dumps(world.claims("rep")),))  # fmt: skip
        cur.execute(
            "select public.sync_push(%s::uuid, %s::jsonb)",
            (client or str(uuid.uuid4()), json.dumps(mutations)),
        )
        answer = cur.fetchone()[0]
        cur.execute(
            "select coalesce(sum(calls), 0)::int from pg_stat_xact_user_functions"
            " where schemaname = 'private' and funcname = 'sync_apply'"
        )
        return answer, cur.fetchone()[0]


def numbered(work: list[tuple[str, dict[str, Any]]]) -> list[dict]:
    return [{"id": i + 1, "table": t, "op": "upsert", "row": r} for i, (t, r) in enumerate(work)]


def day(world: World, visits: int = 3) -> list[tuple[str, dict[str, Any]]]:
    """Check-in, a stock count, an order with a line, a photo and the check-out, per visit."""
    rep, cid, product = world.users["rep"], world.ids["D_SH"], world.ids["product"]
    work: list[tuple[str, dict[str, Any]]] = []
    for k in range(visits):
        vid, oid, at = str(uuid.uuid4()), str(uuid.uuid4()), f"2026-11-27T{9 + k:02d}:00:00+08:00"
        pid = str(uuid.uuid4())
        work += [
            ("visits", {"id": vid, "rep_id": rep, "customer_id": cid, "status": "in_progress",
                        "checkin_at": at}),
            ("stock_counts", {"id": str(uuid.uuid4()), "visit_id": vid, "customer_id": cid,
                              "product_id": product, "quantity": 5 + k, "counted_at": at}),
            ("orders", {"id": oid, "customer_id": cid, "visit_id": vid, "rep_id": rep,
                        "ordered_on": "2026-11-27", "status": "draft"}),
            ("order_lines", {"id": str(uuid.uuid4()), "order_id": oid, "product_id": product,
                             "quantity": 3, "unit_price": 10}),
            ("photos", {"id": pid, "customer_id": cid, "visit_id": vid, "kind": "shelf",
                        "taken_at": at, "taken_by": rep, "storage_path": f"{rep}/{pid}.jpg"}),
            ("visits", {"id": vid, "status": "done", "checkout_at": at.replace(":00:00", ":30:00"),
                        "notes": f"第{k + 1}家"}),
        ]  # fmt: skip
    return work


def state(conn: psycopg.Connection, work: list[tuple[str, dict[str, Any]]]) -> dict:
    out = {}
    for table, cols in COMPARED.items():
        ids = sorted({r["id"] for t, r in work if t == table})
        rows = conn.execute(f"select {cols} from {table} where id = any(%s::uuid[])", (ids,))
        out[table] = sorted(rows.fetchall())
    return out


def answers(result: dict) -> list[tuple]:
    return [(r["status"], r.get("version"), r.get("sqlstate")) for r in result["results"]]


def test_a_day_goes_set_based_and_ends_as_one_mutation_at_a_time_would(conn, world: World) -> None:
    work = day(world)
    batch, one_by_one = push(conn, world, numbered(work))
    assert one_by_one == 0  # set-based: private.sync_apply never ran
    assert answers(batch) == [("applied", 1, None)] * 5 + [("applied", 2, None)] + [
        ("applied", 1, None)
    ] * 5 + [("applied", 2, None)] + [("applied", 1, None)] * 5 + [("applied", 2, None)]
    set_based = state(conn, work)
    # the check-out submitted each visit's order, whose line arrived before it
    assert [r[0] for r in set_based["orders"]] == ["submitted"] * 3
    # the same day again with fresh ids, one push per mutation (the outbox order exactly)
    again = day(world)
    client = str(uuid.uuid4())
    singles = [push(conn, world, [m], client)[0]["results"][0] for m in numbered(again)]
    assert [(r["status"], r.get("version")) for r in singles] == [
        (s, v) for s, v, _ in answers(batch)
    ]
    assert state(conn, again) == set_based


@pytest.mark.parametrize("late", ["photos", "order_lines", "stock_counts"])
def test_a_row_written_after_its_visit_checked_out_is_answered_one_by_one(
    conn, world: World, late: str
) -> None:
    work = day(world, visits=1)
    moved = next(w for w in work if w[0] == late)
    work.remove(moved)
    work.append(moved)  # after the check-out
    result, one_by_one = push(conn, world, numbered(work))
    assert one_by_one == len(work)
    assert [r["status"] for r in result["results"]] == ["applied"] * 6
    # the check-out found the order without lines and left it a draft, which the line then joined
    order = conn.execute(
        "select status from orders where id = %s",
        (next(r for t, r in work if t == "orders")["id"],),
    ).fetchone()
    assert order == ("draft" if late == "order_lines" else "submitted",)


def test_one_bad_mutation_is_rejected_and_the_rest_applied(conn, world: World) -> None:
    work = day(world, visits=2)
    theirs = dict(work[0][1], id=str(uuid.uuid4()), customer_id=world.ids["D_ZJ"])
    work.insert(6, ("visits", theirs))  # another rep's customer
    result, one_by_one = push(conn, world, numbered(work))
    assert one_by_one == len(work) - 1  # (the rejected call's savepoint rolled its count back)
    statuses = [r["status"] for r in result["results"]]
    assert statuses == ["applied"] * 6 + ["rejected"] + ["applied"] * 6
    bad = result["results"][6]
    assert bad["sqlstate"] == "42501" and bad["reason"] and bad["row_id"] == theirs["id"]
    assert conn.execute(
        "select count(*) from visits where id = %s", (theirs["id"],)
    ).fetchone() == (0,)
    assert result["last_mutation_id"] == len(work)


def test_replays_and_new_mutations_in_one_push(conn, world: World) -> None:
    client = str(uuid.uuid4())
    work = numbered(day(world, visits=2))
    first, _ = push(conn, world, work[:4], client)
    assert [r["status"] for r in first["results"]] == ["applied"] * 4
    second, one_by_one = push(conn, world, work, client)  # the first answer was lost
    assert one_by_one == 0
    assert [r["status"] for r in second["results"]] == ["duplicate"] * 4 + ["applied"] * 8
    assert [r["id"] for r in second["results"]] == list(range(1, 13))
    assert second["last_mutation_id"] == 12
    assert conn.execute(
        "select count(*) from stock_counts where id = any(%s::uuid[])",
        ([m["row"]["id"] for m in work if m["table"] == "stock_counts"],),
    ).fetchone() == (2,)
