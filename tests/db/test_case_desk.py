"""The case desk (issue 16): case_desk lists the cases in the caller's scope overdue first,
case_detail gives one case with its lines and history (a dealer never sees internal notes), and
case_staff lists who may own a case."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.postgrest import rpc, rpc_rows


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    return build_world(conn)  # holds a delivery_discrepancy case of D_SH, owned by `am`


def second_case(conn: psycopg.Connection, world: World, *, due: dt.datetime) -> str:
    """Another open case of the same customer, due at `due` (written as the service side)."""
    return str(
        conn.execute(
            "insert into cases (kind, customer_id, title, due_at, opened_at, severity)"
            " values ('complaint', %s, '服务态度', %s, %s, 'high') returning id",
            (world.ids["D_SH"], due, due - dt.timedelta(days=3)),
        ).fetchone()[0]
    )


def test_the_desk_lists_cases_in_scope_overdue_first(
    conn: psycopg.Connection, world: World
) -> None:
    first = world.ids["cases"]
    due_first = conn.execute("select due_at from cases where id = %s", (first,)).fetchone()[0]
    late = second_case(conn, world, due=due_first - dt.timedelta(days=1))
    as_of = (due_first - dt.timedelta(hours=1)).isoformat()  # only the second is past due
    ours = (late, first)  # the world's complaint and repair cases are there too

    def listed(rows: list[dict]) -> list[tuple[str, bool]]:
        return [(r["id"], r["overdue"]) for r in rows if r["id"] in ours]

    rows = rpc_rows(conn, "case_desk", {"p_as_of": as_of}, world.claims("am"))
    assert listed(rows) == [(late, True), (first, False)]
    flags = [r["overdue"] for r in rows]
    assert flags == sorted(flags, reverse=True)  # every overdue case before the others
    rows = [r for r in rows if r["id"] in ours]
    assert rows[1]["owner_name"] and rows[1]["customer_name"] and rows[1]["age_days"] >= 0
    # the same at a time both are past due: the one due earlier first
    later = (due_first + dt.timedelta(hours=1)).isoformat()
    rows = rpc_rows(conn, "case_desk", {"p_as_of": later}, world.claims("mgr"))
    assert listed(rows) == [(late, True), (first, True)]
    # others' scopes: nothing; a dealer is refused; a closed case only with p_closed
    assert rpc_rows(conn, "case_desk", {"p_as_of": later}, world.claims("am2")) == []
    assert rpc_rows(conn, "case_desk", {"p_as_of": later}, world.claims("rep2")) == []
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        rpc_rows(conn, "case_desk", {}, world.claims("dealer"))
    rpc(conn, "case_close", {"p_case_id": first, "p_note": "已补发"}, world.claims("am"))
    rows = rpc_rows(conn, "case_desk", {"p_as_of": later}, world.claims("am"))
    assert listed(rows) == [(late, True)]
    rows = rpc_rows(conn, "case_desk", {"p_as_of": later, "p_closed": True}, world.claims("am"))
    assert dict(listed(rows)) == {late: True, first: False}


def test_a_case_in_detail_with_lines_and_history(conn: psycopg.Connection, world: World) -> None:
    case = world.ids["cases"]
    rpc(conn, "case_add_note", {"p_case_id": case, "p_note": "承运商责任", "p_internal": True},
        world.claims("am"))  # fmt: skip
    rpc(conn, "case_add_note", {"p_case_id": case, "p_note": "已联系仓库"}, world.claims("rep"))
    staff = rpc(conn, "case_detail", {"p_case_id": case}, world.claims("am"))
    assert staff["id"] == case and staff["customer_name"] and staff["owner_name"]
    assert staff["lines"] and all(line["product"] for line in staff["lines"])
    notes = [(e["note"], e["actor_name"] is not None) for e in staff["events"]][1:]
    assert notes == [("承运商责任", True), ("已联系仓库", True)]
    dealer = rpc(conn, "case_detail", {"p_case_id": case}, world.claims("dealer"))
    assert [e["note"] for e in dealer["events"]][1:] == ["已联系仓库"]  # no internal note
    for persona in ("dealer2", "rep2", "am2"):
        with pytest.raises(psycopg.errors.NoDataFound) as err:
            rpc(conn, "case_detail", {"p_case_id": case}, world.claims(persona))
        assert err.value.diag.message_detail == "找不到该售后单"


def test_who_may_own_a_case(conn: psycopg.Connection, world: World) -> None:
    case = world.ids["cases"]
    rows = rpc_rows(conn, "case_staff", {"p_case_id": case}, world.claims("am"))
    ids = {r["id"] for r in rows}
    assert {world.users["rep"], world.users["am"], world.users["mgr"]} <= ids
    assert not ids & {world.users["rep2"], world.users["am2"], world.users["dealer"]}
    # each one is accepted by case_assign
    for owner in ids:
        rpc(conn, "case_assign", {"p_case_id": case, "p_owner_id": owner}, world.claims("mgr"))
    for persona, error in [
        ("rep", psycopg.errors.InsufficientPrivilege),
        ("dealer", psycopg.errors.InsufficientPrivilege),
        ("am2", psycopg.errors.NoDataFound),
    ]:
        with pytest.raises(error):
            rpc_rows(conn, "case_staff", {"p_case_id": case}, world.claims(persona))


def test_the_desk_shows_each_cases_latest_progress(conn: psycopg.Connection, world: World) -> None:
    """last_at: the latest event's time (kept on the case when an event is written), else the
    opening time; an event dated earlier than the latest does not move it back."""
    due = dt.datetime(2026, 12, 20, 10, tzinfo=dt.UTC)
    case = second_case(conn, world, due=due)

    def last_at() -> dt.datetime:
        rows = rpc_rows(conn, "case_desk", {}, world.claims("am"))
        return dt.datetime.fromisoformat(next(r["last_at"] for r in rows if r["id"] == case))

    assert last_at() == due - dt.timedelta(days=3)  # no event yet: its opening
    rpc(conn, "case_add_note", {"p_case_id": case, "p_note": "已联系"}, world.claims("am"))
    noted = conn.execute("select max(at) from case_events where case_id = %s", (case,)).fetchone()[
        0
    ]
    assert last_at() == noted
    conn.execute(
        "insert into case_events (case_id, customer_id, action, note, at)"
        " values (%s, %s, 'note', '补记', %s)",
        (case, world.ids["D_SH"], noted - dt.timedelta(days=1)),
    )
    assert last_at() == noted
