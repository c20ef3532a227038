"""Every check of the schema has a sentence in Chinese and English for the phone (issue 14): a
23514 reaches the app as PostgreSQL's English message naming the constraint, and
fieldapp/domain/limits.py turns the name into words. Generated from the catalog: a new check
without a sentence fails here."""

from __future__ import annotations

import json
import re
import uuid

import psycopg
import pytest

from fieldapp.domain.limits import CHECKS, limit_message
from fieldapp.store.conflicts import describe
from fieldapp.store.outbox import Mutation
from fieldapp.sync.errors import ServerRejected, from_sqlstate
from tests.db.access_world import World, build_world
from tests.postgrest import request, rpc

CJK = re.compile(r"[\u4e00-\u9fff]")


def _checks(conn: psycopg.Connection) -> list[tuple[str, str, list[str]]]:
    """(table, constraint, its columns) for every check constraint of the public tables."""
    return conn.execute(
        """
        select k.conrelid::regclass::text, k.conname,
               array(select a.attname::text from pg_attribute a
                      where a.attrelid = k.conrelid and a.attnum = any(k.conkey))
          from pg_constraint k
         where k.connamespace = 'public'::regnamespace and k.contype = 'c'
         order by 1, 2
        """
    ).fetchall()


def test_every_check_has_a_sentence_in_both_languages(conn: psycopg.Connection) -> None:
    checks = _checks(conn)
    assert len(checks) > 150  # the catalog query sees the schema
    missing, wrong = [], []
    for table, name, cols in checks:
        said = limit_message(f'new row for relation "{table}" violates check constraint "{name}"')
        if said is None:
            missing.append(name)
            continue
        zh, en = said
        if not CJK.search(zh) or CJK.search(en) or name in (zh + en):
            wrong.append(f"{name}: {said}")
        if name not in CHECKS and not any(f"{table}.{c}" in en for c in cols):
            wrong.append(f"{name}: names a column the check is not on ({en})")
    assert missing == [], "add a sentence to fieldapp/domain/limits.py CHECKS"
    assert wrong == []
    stale = set(CHECKS) - {name for _, name, _ in checks}
    assert stale == set(), "CHECKS names constraints the schema no longer has"


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    return build_world(conn)


def test_a_refused_check_reaches_the_phone_in_its_words(
    conn: psycopg.Connection, world: World
) -> None:
    visit = world.ids["visits"]
    before = conn.execute("select checkout_at from visits where id = %s", (visit,)).fetchone()
    # as PostgREST: a PATCH that checks out before checking in
    with (
        pytest.raises(psycopg.errors.CheckViolation) as err,
        request(conn, world.claims("rep")) as cur,
    ):
        cur.execute(
            "update visits set checkout_at = checkin_at - interval '1 hour' where id = %s",
            (visit,),
        )
    said = from_sqlstate(err.value.sqlstate, err.value.diag.message_primary, "Failing row …")
    assert isinstance(said, ServerRejected) and said.sqlstate == "23514"
    assert (said.message_zh, said.message_en) == CHECKS["visits_check1"]
    # the same refusal through sync_push, as the phone records it
    mutation = Mutation(1, "visits", visit, "upsert", {"id": visit, "checkout_at": "2020-01-01"}, 1)
    result = rpc(
        conn,
        "sync_push",
        {"p_client_id": str(uuid.uuid4()), "p_mutations": json.dumps([mutation.wire()])},
        world.claims("rep"),
    )
    (answer,) = result["results"]
    assert answer["status"] == "rejected" and answer["sqlstate"] == "23514"
    zh, en = describe(mutation, "rejected", answer["sqlstate"], answer["reason"])
    assert CHECKS["visits_check1"][0] in zh and CHECKS["visits_check1"][1] in en
    after = conn.execute("select checkout_at from visits where id = %s", (visit,)).fetchone()
    assert after == before


def test_an_unknown_check_still_gets_both_languages() -> None:
    said = from_sqlstate(
        "23514", 'new row for relation "x" violates check constraint "x_check7"', "Failing row"
    )
    assert said.message_zh == "数据超出允许范围" and "x_check7" in said.message_en
    # a trigger's refusal (an area cycle) keeps its own Chinese words
    cycle = from_sqlstate(
        "23514", "areas.parent_id: … (a cycle)", "上级区域不能是本区域或其下级区域"
    )
    assert (cycle.message_zh, cycle.message_en) == (
        "上级区域不能是本区域或其下级区域",
        "areas.parent_id: … (a cycle)",
    )


def test_a_check_refused_on_a_partition_names_its_table() -> None:
    """A month of shipments is a partition (shipment_months.shipments_2026_01): PostgreSQL names
    the partition, the words name the table the app knows."""
    for part in ("shipments_2026_01", "shipments_default"):
        said = limit_message(
            f'new row for relation "{part}" violates check constraint "shipments_quantity_range"'
        )
        assert (
            said is not None
            and said[1] == "shipments.quantity must be whole boxes from 0 to 1,000,000"
        )
