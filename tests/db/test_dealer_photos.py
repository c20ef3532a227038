"""Dealers' photos (issue 16): a dealer's people photograph their own company's goods and push the
rows like a rep; they read only their own people's photos; staff read them. Any photo attached to
a confirmation, a request or a case note must be a photo of that customer the writer may see:
anything else is refused in English and Chinese and nothing is written."""

from __future__ import annotations

import json
import uuid
from typing import Any

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.db.request_helpers import counts, deliver, freeze, photo_of, raise_request
from tests.postgrest import request, rpc


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    w = build_world(conn)
    freeze(conn)
    w.ids["R1"], w.ids["R2"] = deliver(conn, w, "SO-R", [10, 4], shipped_on="2026-12-01")
    return w


def visible(conn: psycopg.Connection, world: World, persona: str) -> set[str]:
    with request(conn, world.claims(persona), read_only=True) as cur:
        cur.execute("select id::text from photos")
        return {r["id"] for r in cur.fetchall()}


def test_a_dealer_photographs_its_own_company_and_reads_only_its_peoples_photos(
    conn: psycopg.Connection, world: World
) -> None:
    mine = photo_of(conn, world)
    assert mine in visible(conn, world, "dealer")
    assert world.ids["photos"] not in visible(conn, world, "dealer")  # the rep's shelf photo
    for staff in ("rep", "am", "mgr"):
        assert mine in visible(conn, world, staff)
    # the dealer uploads its file (the photographer only)
    args = {"p_photo_id": mine, "p_mime": "image/jpeg", "p_size": 4, "p_sha256": "0" * 64}
    assert rpc(conn, "record_photo_file", args, world.claims("dealer"))


@pytest.mark.parametrize(
    "change",
    [
        {"customer": "D_ZJ"},  # another dealer
        {"visit": True},  # dealers make no visits
        {"taken_by": "rep"},  # in someone else's name
    ],
)
def test_a_dealer_cannot_add_other_photos(
    conn: psycopg.Connection, world: World, change: dict[str, Any]
) -> None:
    before = conn.execute("select count(*) from photos").fetchone()[0]
    row = {
        "id": str(uuid.uuid4()),
        "customer_id": world.ids[change.get("customer", "D_SH")],
        "visit_id": world.ids["visits"] if change.get("visit") else None,
        "kind": "damage",
        "storage_path": "customers/x.jpg",
        "taken_by": world.users[change.get("taken_by", "dealer")],
    }
    with (
        pytest.raises(psycopg.errors.InsufficientPrivilege),
        request(conn, world.claims("dealer"), commit=True) as cur,
    ):
        cur.execute(
            "insert into photos (id, customer_id, visit_id, kind, storage_path, taken_by)"
            " values (%(id)s, %(customer_id)s, %(visit_id)s, %(kind)s, %(storage_path)s,"
            " %(taken_by)s)",
            row,
        )
    assert conn.execute("select count(*) from photos").fetchone()[0] == before


def test_a_request_carries_the_dealers_photos_into_its_case(
    conn: psycopg.Connection, world: World
) -> None:
    photos = [photo_of(conn, world), photo_of(conn, world, kind="evidence")]
    row = raise_request(
        conn, world, "return", [{"shipment_id": world.ids["R1"], "quantity": 2}],
        doc_no="SO-R", photo_ids="{" + ",".join(photos) + "}",
    )  # fmt: skip
    opened = conn.execute(
        "select photo_ids::text[] from case_events where case_id = %s and action = 'opened'",
        (row["id"],),
    ).fetchone()[0]
    assert opened == photos


def _foreign_photos(conn: psycopg.Connection, world: World) -> dict[str, str]:
    return {
        "another customer's": photo_of(conn, world, persona="rep2", customer="D_ZJ"),
        "unknown": str(uuid.uuid4()),
    }


@pytest.mark.parametrize("which", ["another customer's", "unknown", "the rep's, unseen"])
def test_a_request_with_a_photo_that_is_not_the_customers_writes_nothing(
    conn: psycopg.Connection, world: World, which: str
) -> None:
    photo = _foreign_photos(conn, world).get(which, world.ids["photos"])
    before = counts(conn)
    with pytest.raises(psycopg.errors.InvalidParameterValue) as err:
        raise_request(
            conn, world, "repair", [{"shipment_id": world.ids["R2"], "quantity": 1}],
            doc_no="SO-R", photo_ids="{" + photo + "}",
        )  # fmt: skip
    assert "not a photo of this customer" in err.value.diag.message_primary
    assert "照片不存在或不是该客户的照片" in err.value.diag.message_detail
    assert counts(conn) == before


def test_a_confirmation_and_a_note_check_their_photos_too(
    conn: psycopg.Connection, world: World
) -> None:
    foreign = _foreign_photos(conn, world)
    before = counts(conn)
    for photo in foreign.values():
        args = {
            "p_doc_no": "SO-R",
            "p_lines": json.dumps([{"shipment_id": world.ids["R1"], "received": 8}]),
            "p_note": "少两箱",
            "p_photo_id": photo,
        }
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            rpc(conn, "confirm_delivery_doc", args, world.claims("dealer"))
        note = {
            "p_case_id": world.ids["cases"],
            "p_note": "见照片",
            "p_photo_ids": "{" + photo + "}",
        }
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            rpc(conn, "case_add_note", note, world.claims("rep"))
    assert counts(conn) == before
    assert (
        conn.execute(
            "select count(*) from shipments where doc_no = 'SO-R' and confirmed_at is not null"
        ).fetchone()[0]
        == 0
    )
    # the dealer's own photo goes through both
    mine = photo_of(conn, world)
    args |= {"p_photo_id": mine}
    confirmed = rpc(conn, "confirm_delivery_doc", args, world.claims("dealer"))
    assert confirmed["photo_id"] == mine
    note = {"p_case_id": world.ids["cases"], "p_note": "见照片", "p_photo_ids": "{" + mine + "}"}
    assert rpc(conn, "case_add_note", note, world.claims("rep"))["photo_ids"] == [mine]


def test_the_photo_and_its_request_arrive_in_one_push(
    conn: psycopg.Connection, world: World
) -> None:
    photo = str(uuid.uuid4())
    mutations = [
        {"id": 1, "table": "photos", "op": "upsert", "row": {
            "id": photo, "customer_id": world.ids["D_SH"], "kind": "damage",
            "storage_path": f"customers/{world.ids['D_SH']}/{photo}.jpg",
            "taken_at": "2026-12-10T09:58:00+08:00", "taken_by": world.users["dealer"]}},
        {"id": 2, "table": "case_requests", "op": "upsert", "row": {
            "id": str(uuid.uuid4()), "kind": "exchange", "doc_no": "SO-R",
            "lines": [{"shipment_id": world.ids["R2"], "quantity": 1}], "reason": "瓶身破裂",
            "photo_ids": [photo]}},
    ]  # fmt: skip
    out = rpc(
        conn,
        "sync_push",
        {"p_client_id": str(uuid.uuid4()), "p_mutations": json.dumps(mutations)},
        world.claims("dealer"),
    )
    assert [r["status"] for r in out["results"]] == ["applied", "applied"]
