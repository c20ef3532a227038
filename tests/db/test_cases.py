"""The after-sales case model (issue 16): notes, assignment and closing through their RPCs with
their guards, an append-only history, a status machine every writer obeys, and who sees what
(staff by scope, a dealer its own cases without internal notes)."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.db.request_helpers import photo_of
from tests.postgrest import request, rpc


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    return build_world(conn)  # holds a delivery_discrepancy case of D_SH, owned by `am`


def case_row(conn: psycopg.Connection, world: World) -> dict[str, Any]:
    return conn.execute(
        "select to_jsonb(c) from cases c where id = %s", (world.ids["cases"],)
    ).fetchone()[0]


def events(conn: psycopg.Connection, world: World) -> list[tuple[Any, ...]]:
    return conn.execute(
        "select action, note, internal, actor_id::text, owner_id::text, from_status, to_status"
        " from case_events where case_id = %s order by at, created_at",
        (world.ids["cases"],),
    ).fetchall()


def act(conn: psycopg.Connection, world: World, fn: str, persona: str, **args: Any) -> Any:
    return rpc(conn, fn, {"p_case_id": world.ids["cases"], **args}, world.claims(persona))


def test_notes_from_staff_and_the_dealer_with_photos_and_internal_ones(
    conn: psycopg.Connection, world: World
) -> None:
    ev = act(conn, world, "case_add_note", "rep", p_note="已联系仓库", p_photo_ids="{}")
    assert ev["action"] == "note" and ev["actor_id"] == world.users["rep"]
    act(conn, world, "case_add_note", "am", p_note="承运商责任", p_internal=True)
    photo = photo_of(conn, world)
    act(conn, world, "case_add_note", "dealer", p_note="补拍照片", p_photo_ids="{" + photo + "}")
    assert [e[:3] for e in events(conn, world)][1:] == [
        ("note", "已联系仓库", False), ("note", "承运商责任", True), ("note", "补拍照片", False),
    ]  # fmt: skip
    # the dealer reads its case's history, without the internal note
    with request(conn, world.claims("dealer"), read_only=True) as cur:
        cur.execute(
            "select note from case_events where case_id = %s order by at", (world.ids["cases"],)
        )
        assert [r["note"] for r in cur.fetchall()] == ["一箱破损，少一箱", "已联系仓库", "补拍照片"]
    with request(conn, world.claims("rep"), read_only=True) as cur:
        cur.execute("select count(*) as n from case_events where internal")
        assert cur.fetchone()["n"] == 1


@pytest.mark.parametrize(
    ("persona", "args", "error"),
    [
        ("rep", {"p_note": "  "}, psycopg.errors.InvalidParameterValue),
        ("rep", {"p_note": "x" * 4001}, psycopg.errors.InvalidParameterValue),
        ("dealer", {"p_note": "内部", "p_internal": True}, psycopg.errors.InsufficientPrivilege),
        ("rep2", {"p_note": "看看"}, psycopg.errors.NoDataFound),
        ("am2", {"p_note": "看看"}, psycopg.errors.NoDataFound),
        ("dealer2", {"p_note": "看看"}, psycopg.errors.NoDataFound),
    ],
)
def test_bad_notes_are_refused_and_nothing_written(
    conn: psycopg.Connection, world: World, persona: str, args: dict[str, Any], error: type
) -> None:
    before = events(conn, world)
    with pytest.raises(error) as err:
        act(conn, world, "case_add_note", persona, **args)
    assert err.value.diag.message_primary and err.value.diag.message_detail
    assert events(conn, world) == before


def test_assigning_a_case(conn: psycopg.Connection, world: World) -> None:
    rep, am = world.users["rep"], world.users["am"]
    row = act(conn, world, "case_assign", "am", p_owner_id=rep)
    assert row["owner_id"] == rep and row["status"] == "in_progress"
    assert events(conn, world)[-1] == ("assigned", None, False, am, rep, "open", "in_progress")
    before = (case_row(conn, world), events(conn, world))
    bad = [
        ("am", world.users["rep2"], psycopg.errors.InvalidParameterValue),  # serves ZJ only
        ("am", world.users["dealer"], psycopg.errors.InvalidParameterValue),  # not staff
        ("am", None, psycopg.errors.InvalidParameterValue),
        ("rep", am, psycopg.errors.InsufficientPrivilege),  # reps only take notes
        ("dealer", am, psycopg.errors.InsufficientPrivilege),
        ("am2", world.users["am2"], psycopg.errors.NoDataFound),  # not in am2's areas
    ]
    for persona, owner, error in bad:
        with pytest.raises(error) as err:
            act(conn, world, "case_assign", persona, p_owner_id=owner)
        assert err.value.diag.message_detail, persona
    conn.execute("update profiles set active = false where id = %s", (world.users["rep"],))
    with pytest.raises(psycopg.errors.InvalidParameterValue):  # an inactive owner
        act(conn, world, "case_assign", "mgr", p_owner_id=rep)
    assert (case_row(conn, world), events(conn, world)) == before


def test_closing_a_discrepancy_needs_a_note_and_is_final(
    conn: psycopg.Connection, world: World
) -> None:
    before = (case_row(conn, world), events(conn, world))
    for persona, note, error in [
        ("am", None, psycopg.errors.InvalidParameterValue),
        ("am", "   ", psycopg.errors.InvalidParameterValue),
        ("rep", "已补发", psycopg.errors.InsufficientPrivilege),  # not the owner
        ("rep2", "已补发", psycopg.errors.NoDataFound),  # outside the rep's customers
        ("am2", "已补发", psycopg.errors.NoDataFound),
        ("dealer", "已补发", psycopg.errors.InsufficientPrivilege),
    ]:
        with pytest.raises(error) as err:
            act(conn, world, "case_close", persona, p_note=note)
        assert err.value.diag.message_detail, persona
    assert (case_row(conn, world), events(conn, world)) == before
    row = act(conn, world, "case_close", "am", p_note="已补发两箱")
    assert row["status"] == "closed" and row["closed_at"] and row["resolution"] == "已补发两箱"
    assert events(conn, world)[-1][:2] == ("closed", "已补发两箱")
    done = (case_row(conn, world), events(conn, world))
    for fn, args in (("case_close", {"p_note": "再关"}), ("case_add_note", {"p_note": "补充"}),
                     ("case_assign", {"p_owner_id": world.users["rep"]})):  # fmt: skip
        with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState):
            act(conn, world, fn, "mgr", **args)
    assert (case_row(conn, world), events(conn, world)) == done


def test_the_owner_rep_may_close_its_case(conn: psycopg.Connection, world: World) -> None:
    act(conn, world, "case_assign", "am", p_owner_id=world.users["rep"])
    assert act(conn, world, "case_close", "rep", p_note="已补发")["status"] == "closed"


def test_the_history_is_append_only_for_every_writer(
    conn: psycopg.Connection, world: World
) -> None:
    before = events(conn, world)
    for stmt in ("update case_events set note = '改' where case_id = %s",
                 "delete from case_events where case_id = %s"):  # fmt: skip
        with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState) as err:
            conn.execute(stmt, (world.ids["cases"],))
        assert "append-only" in err.value.diag.message_primary
        for persona in ("rep", "am", "mgr", "dealer"):
            with (
                request(conn, world.claims(persona)) as cur,
                pytest.raises(psycopg.errors.InsufficientPrivilege),
            ):
                cur.execute(stmt, (world.ids["cases"],))
    assert events(conn, world) == before


def test_the_status_machine_holds_for_every_writer(conn: psycopg.Connection, world: World) -> None:
    case = world.ids["cases"]
    for jump in ("rejected", "awaiting"):
        with pytest.raises(psycopg.Error):
            conn.execute("update cases set status = %s where id = %s", (jump, case))
    with pytest.raises(psycopg.errors.InvalidParameterValue) as err:  # closing without a note
        conn.execute("update cases set status = 'closed' where id = %s", (case,))
    assert "what was done" in err.value.diag.message_primary
    complaint = conn.execute(
        "insert into cases (kind, customer_id, title) values ('complaint', %s, '漏液') returning id",
        (world.ids["D_SH"],),
    ).fetchone()[0]
    with pytest.raises(psycopg.errors.InvalidParameterValue) as err:
        conn.execute("update cases set status = 'closed' where id = %s", (complaint,))
    assert "answer" in err.value.diag.message_primary and "答复" in err.value.diag.message_detail
    conn.execute("update cases set status = 'in_progress' where id = %s", (case,))
    conn.execute("update cases set status = 'closed', resolution = '已补发' where id = %s", (case,))
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        conn.execute("update cases set status = 'open' where id = %s", (case,))
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState):
        conn.execute("update cases set detail = '改' where id = %s", (case,))
    for persona in ("rep", "am", "mgr", "dealer"):  # no direct write at all through the API
        with (
            request(conn, world.claims(persona)) as cur,
            pytest.raises(psycopg.errors.InsufficientPrivilege),
        ):
            cur.execute("update cases set status = 'in_progress' where id = %s", (complaint,))


def test_another_dealer_sees_no_case_by_any_way(conn: psycopg.Connection, world: World) -> None:
    queries = [
        "select count(*) as n from cases",
        "select count(*) as n from case_lines l join cases c on c.id = l.case_id",
        "select count(*) as n from case_events e join cases c on c.id = e.case_id",
        "select count(*) as n from delivery_confirmations",
        "select count(*) as n from dealer_deliveries('2026-12-01') where doc_no like 'SO-SH%%'",
    ]
    for persona, seen in (("dealer2", 0), ("rep2", 0), ("am2", 0), ("dealer", 1), ("rep", 1)):
        for q in queries:
            if "dealer_deliveries" in q and not persona.startswith("dealer"):
                continue
            with request(conn, world.claims(persona), read_only=True) as cur:
                cur.execute(q)
                assert (cur.fetchone()["n"] > 0) == bool(seen), (persona, q)
