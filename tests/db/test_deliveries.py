"""Deliveries confirmed line by line (issue 16): the figures land on the shipment lines, damage or
a shortage opens exactly one delivery_discrepancy case, a retry changes nothing, every bad input
is refused in English and Chinese with nothing written, and overdue deliveries follow the
setting and the company clock."""

from __future__ import annotations

import datetime as dt
import json
import threading
import uuid
from typing import Any

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.db.request_helpers import photo_of
from tests.postgrest import request, rpc


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    return build_world(conn)


def deliver(
    conn: psycopg.Connection,
    world: World,
    doc: str,
    quantities: list[int],
    *,
    customer: str = "D_SH",
    shipped_on: str = "2026-11-20",
) -> list[str]:
    """A delivery from the manufacturer (service side); the ids of its lines in order."""
    return [
        str(
            conn.execute(
                "insert into shipments (doc_no, line_no, customer_id, product_id, shipped_on,"
                " quantity, unit_price, amount) values (%s, %s, %s, %s, %s, %s, 36, %s)"
                " returning id",
                (doc, n, world.ids[customer], world.ids["product"], shipped_on, q, q * 36),
            ).fetchone()[0]
        )
        for n, q in enumerate(quantities, start=1)
    ]


def confirm(
    conn: psycopg.Connection,
    world: World,
    doc: str,
    lines: list[dict[str, Any]] | None = None,
    *,
    persona: str = "dealer",
    **extra: Any,
) -> Any:
    args = {"p_doc_no": doc, "p_lines": json.dumps(lines or []), **extra}
    return rpc(conn, "confirm_delivery_doc", args, world.claims(persona))


def lines_of(conn: psycopg.Connection, doc: str) -> list[tuple[Any, ...]]:
    return conn.execute(
        "select line_no, received_quantity::int, damaged_quantity::int, missing_quantity::int,"
        " confirmed_at is not null, confirmed_by from shipments where doc_no = %s order by line_no",
        (doc,),
    ).fetchall()


def cases_of(conn: psycopg.Connection, doc: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        "select to_jsonb(c) from cases c where doc_no = %s order by opened_at", (doc,)
    ).fetchall()
    return [r[0] for r in rows]


def snapshot(conn: psycopg.Connection) -> tuple[Any, ...]:
    """Everything a confirmation writes, to compare before and after a refusal."""
    return (
        conn.execute(
            "select string_agg(concat_ws(':', doc_no, line_no, received_quantity, damaged_quantity,"
            " missing_quantity, confirmed_at), ',' order by doc_no, line_no) from shipments"
        ).fetchone(),
        conn.execute("select count(*) from delivery_confirmations").fetchone(),
        conn.execute("select count(*) from cases").fetchone(),
        conn.execute("select count(*) from case_lines").fetchone(),
        conn.execute("select count(*) from case_events").fetchone(),
    )


def test_a_full_confirmation_defaults_every_line_to_what_was_shipped(
    conn: psycopg.Connection, world: World
) -> None:
    deliver(conn, world, "SO-A", [10, 4])
    row = confirm(conn, world, "SO-A")
    dealer = uuid.UUID(world.users["dealer"])
    assert lines_of(conn, "SO-A") == [(1, 10, 0, 0, True, dealer), (2, 4, 0, 0, True, dealer)]
    assert row["customer_id"] == world.ids["D_SH"] and row["confirmed_by"] == str(dealer)
    assert [(x["shipped"], x["received"], x["damaged"], x["missing"]) for x in row["lines"]] == [
        (10, 10, 0, 0), (4, 4, 0, 0),
    ]  # fmt: skip
    assert cases_of(conn, "SO-A") == []


def test_a_shortage_opens_one_case_with_the_figures_for_the_area_manager(
    conn: psycopg.Connection, world: World
) -> None:
    first, second = deliver(conn, world, "SO-B", [10, 20])
    photo = photo_of(conn, world)
    confirm(conn, world, "SO-B", [{"shipment_id": first, "received": 8}], p_note="少两箱",
            p_photo_id=photo)  # fmt: skip
    assert lines_of(conn, "SO-B")[0][:4] == (1, 8, 0, 2)
    assert lines_of(conn, "SO-B")[1][:4] == (2, 20, 0, 0)
    (case,) = cases_of(conn, "SO-B")
    assert case["kind"] == "delivery_discrepancy" and case["status"] == "open"
    assert case["owner_id"] == world.users["am"]  # the SH area manager
    assert case["opened_by"] == world.users["dealer"] and case["customer_id"] == world.ids["D_SH"]
    assert case["severity"] == "medium" and case["detail"] == "少两箱"  # 2 of 30 boxes
    opened = dt.datetime.fromisoformat(case["opened_at"])
    assert dt.datetime.fromisoformat(case["due_at"]) - opened == dt.timedelta(days=3)
    figures = conn.execute(
        "select shipment_id::text, quantity::int, shipped_quantity::int, received_quantity::int,"
        " damaged_quantity::int, missing_quantity::int from case_lines where case_id = %s",
        (case["id"],),
    ).fetchall()
    assert figures == [(first, 2, 10, 8, 0, 2)]
    (event,) = conn.execute(
        "select action, photo_ids::text[], note, actor_id::text from case_events where case_id = %s",
        (case["id"],),
    ).fetchall()
    assert event == ("opened", [photo], "少两箱", world.users["dealer"])
    assert second  # the full line is in no case


def test_damage_and_explicit_missing_boxes(conn: psycopg.Connection, world: World) -> None:
    first, second = deliver(conn, world, "SO-C", [10, 5])
    confirm(conn, world, "SO-C", [
        {"shipment_id": first, "damaged": 1},
        {"shipment_id": second, "missing": 3, "damaged": 2},
    ])  # fmt: skip
    assert [r[:4] for r in lines_of(conn, "SO-C")] == [(1, 10, 1, 0), (2, 2, 2, 3)]
    (case,) = cases_of(conn, "SO-C")
    assert case["severity"] == "high"  # 6 of 15 boxes
    figures = conn.execute(
        "select quantity::int, shipped_quantity::int, received_quantity::int,"
        " damaged_quantity::int, missing_quantity::int from case_lines where case_id = %s"
        " order by shipped_quantity desc",
        (case["id"],),
    ).fetchall()
    assert figures == [(1, 10, 10, 1, 0), (5, 5, 2, 2, 3)]


def test_a_retry_changes_nothing_and_opens_nothing_twice(
    conn: psycopg.Connection, world: World
) -> None:
    (line,) = deliver(conn, world, "SO-D", [10])
    row = {"id": str(uuid.uuid4()), "doc_no": "SO-D",
           "lines": [{"shipment_id": line, "received": 9}], "note": "少一箱"}  # fmt: skip
    client = str(uuid.uuid4())
    mutation = [{"id": 1, "table": "delivery_confirmations", "op": "upsert", "row": row}]
    push = {"p_client_id": client, "p_mutations": json.dumps(mutation)}
    first = rpc(conn, "sync_push", push, world.claims("dealer"))
    assert first["results"][0]["status"] == "applied"
    after = snapshot(conn)
    # the phone lost the answer and sends the same mutation again
    again = rpc(conn, "sync_push", push, world.claims("dealer"))
    assert again["results"] == [{"id": 1, "status": "duplicate"}]
    # the same row once more, under a new mutation number (an outbox rebuilt): refused, not applied
    mutation[0]["id"] = 2
    third = rpc(conn, "sync_push", {"p_client_id": client, "p_mutations": json.dumps(mutation)},
                world.claims("dealer"))  # fmt: skip
    assert third["results"][0]["status"] == "rejected"
    # online: the same confirmation id answers the confirmation already made
    same = confirm(conn, world, "SO-D", [{"shipment_id": line, "received": 9}],
                   p_confirmation_id=row["id"])  # fmt: skip
    assert same["id"] == row["id"]
    assert snapshot(conn) == after
    assert len(cases_of(conn, "SO-D")) == 1


def test_a_second_different_confirmation_is_refused(conn: psycopg.Connection, world: World) -> None:
    (line,) = deliver(conn, world, "SO-E", [10])
    confirm(conn, world, "SO-E")
    before = snapshot(conn)
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState) as err:
        confirm(conn, world, "SO-E", [{"shipment_id": line, "damaged": 3}])
    assert "already confirmed" in err.value.diag.message_primary
    assert "不能重复确认" in err.value.diag.message_detail
    # offline, the same refusal comes back as a rejected mutation that unblocks the queue
    row = {"id": str(uuid.uuid4()), "doc_no": "SO-E", "lines": []}
    out = rpc(conn, "sync_push", {"p_client_id": str(uuid.uuid4()), "p_mutations": json.dumps(
        [{"id": 1, "table": "delivery_confirmations", "op": "upsert", "row": row}])},
        world.claims("dealer"))  # fmt: skip
    assert (out["results"][0]["status"], out["results"][0]["sqlstate"]) == ("rejected", "55000")
    # a line confirmed the old way (confirm_delivery) counts as confirmed too
    rpc(conn, "confirm_delivery", {"p_shipment_id": world.ids["shipment"],
        "p_received_quantity": 10, "p_damaged_quantity": 0}, world.claims("dealer"))  # fmt: skip
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState):
        confirm(conn, world, "SO-SH")
    assert snapshot(conn)[1:] == before[1:]


BAD_LINES = [
    ("negative", lambda a, b: [{"shipment_id": a, "damaged": -1}], "negative", "负数"),
    ("fraction", lambda a, b: [{"shipment_id": a, "received": 9.5}], "whole boxes", "整箱"),
    ("text", lambda a, b: [{"shipment_id": a, "received": "9"}], "must be a number", "数字"),
    ("damaged + missing > shipped", lambda a, b: [{"shipment_id": a, "damaged": 6, "missing": 5}],
     "together exceed the shipped", "破损数量加短少数量"),
    ("received + missing <> shipped", lambda a, b: [{"shipment_id": a, "received": 9, "missing": 2}],
     "must equal the shipped", "实收数量加短少数量"),
    ("more received than shipped", lambda a, b: [{"shipment_id": a, "received": 11}],
     "must equal the shipped", "实收数量加短少数量"),
    ("a line of another delivery", lambda a, b: [{"shipment_id": b}], "not part of", "不属于"),
    ("a line twice", lambda a, b: [{"shipment_id": a}, {"shipment_id": a}], "twice", "重复"),
    ("no shipment id", lambda a, b: [{"received": 1}], "shipment_id", "编号"),
    ("not a list", lambda a, b: {"shipment_id": a}, "list", "格式"),
]  # fmt: skip


@pytest.mark.parametrize("case", BAD_LINES, ids=[c[0] for c in BAD_LINES])
def test_bad_lines_are_refused_with_both_languages_and_nothing_written(
    conn: psycopg.Connection, world: World, case: tuple[Any, ...]
) -> None:
    _name, make, en, zh = case
    (line,) = deliver(conn, world, "SO-F", [10])
    (other,) = deliver(conn, world, "SO-G", [10])
    before = snapshot(conn)
    args = {"p_doc_no": "SO-F", "p_lines": json.dumps(make(line, other))}
    with pytest.raises(psycopg.errors.InvalidParameterValue) as err:
        rpc(conn, "confirm_delivery_doc", args, world.claims("dealer"))
    assert en in err.value.diag.message_primary and zh in err.value.diag.message_detail
    assert snapshot(conn) == before


def test_unknown_foreign_and_non_dealer_callers_are_refused(
    conn: psycopg.Connection, world: World
) -> None:
    deliver(conn, world, "SO-H", [10])
    deliver(conn, world, "SO-ZJ", [10], customer="D_ZJ")
    before = snapshot(conn)
    for persona, doc in (("dealer", "SO-NOPE"), ("dealer", "SO-ZJ"), ("dealer2", "SO-H")):
        with pytest.raises(psycopg.errors.NoDataFound) as err:
            confirm(conn, world, doc, persona=persona)
        assert "not found" in err.value.diag.message_primary
        assert "找不到" in err.value.diag.message_detail
    for persona in ("rep", "am", "mgr"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege) as denied:
            confirm(conn, world, "SO-H", persona=persona)
        assert "dealer" in denied.value.diag.message_primary
    # a direct insert of another dealer's company is refused like any policy refusal
    with (
        request(conn, world.claims("dealer2")) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        cur.execute(
            "insert into delivery_confirmations (doc_no, customer_id) values ('SO-H', %s)",
            (world.ids["D_SH"],),
        )
    assert snapshot(conn) == before


def test_a_dealer_cannot_change_shipped_quantities_prices_or_a_confirmation(
    conn: psycopg.Connection, world: World
) -> None:
    deliver(conn, world, "SO-I", [10])
    row = confirm(conn, world, "SO-I")
    before = snapshot(conn)
    prices = conn.execute("select sum(quantity), sum(unit_price), sum(amount) from shipments")
    prices_before = prices.fetchone()
    for change in ("quantity = 1", "unit_price = 1", "amount = 1", "missing_quantity = 5"):
        with request(conn, world.claims("dealer")) as cur, pytest.raises(psycopg.Error):
            cur.execute(f"update shipments set {change} where doc_no = 'SO-SH'")
    for stmt in ("update delivery_confirmations set note = '改' where id = %s",
                 "delete from delivery_confirmations where id = %s"):  # fmt: skip
        with (
            request(conn, world.claims("dealer")) as cur,
            pytest.raises(psycopg.errors.InsufficientPrivilege),
        ):
            cur.execute(stmt, (row["id"],))
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState):  # nor the service side
        conn.execute("update delivery_confirmations set note = '改' where id = %s", (row["id"],))
    assert snapshot(conn) == before
    again = conn.execute("select sum(quantity), sum(unit_price), sum(amount) from shipments")
    assert again.fetchone() == prices_before


def _as_of(conn: psycopg.Connection, world: World, fn: str, persona: str, day: str | None) -> list:
    args = {} if day is None else {"p_as_of": day}
    with request(conn, world.claims(persona), read_only=True) as cur:
        cur.execute(
            f"select * from public.{fn}({', '.join(f'{k} => %s' for k in args)})",
            list(args.values()),
        )
        return cur.fetchall()


def test_overdue_deliveries_follow_the_setting_and_the_clock(
    conn: psycopg.Connection, world: World
) -> None:
    deliver(conn, world, "SO-OLD", [10, 2], shipped_on="2026-12-01")
    deliver(conn, world, "SO-NEW", [5], shipped_on="2026-12-03")
    deliver(conn, world, "SO-ZJ", [5], customer="D_ZJ", shipped_on="2026-11-01")
    mine = {
        r["doc_no"]: r for r in _as_of(conn, world, "dealer_deliveries", "dealer", "2026-12-04")
    }
    assert list(mine)[:2] == ["SO-NEW", "SO-OLD"]  # newest first
    assert "SO-ZJ" not in mine and {"SO-SH", "SO-SH2"} <= set(mine)
    old = mine["SO-OLD"]
    assert (old["days_since"], old["overdue"], old["confirmed"], old["line_count"]) == (
        3, False, False, 2,
    )  # fmt: skip
    assert float(old["amount"]) == 12 * 36 and float(old["quantity"]) == 12
    assert mine["SO-SH2"]["confirmed"] and str(mine["SO-SH2"]["case_id"]) == world.ids["cases"]
    later = {
        r["doc_no"]: r for r in _as_of(conn, world, "dealer_deliveries", "dealer", "2026-12-05")
    }
    assert later["SO-OLD"]["overdue"] and not later["SO-NEW"]["overdue"]
    assert not later["SO-SH2"]["overdue"]  # confirmed

    def overdue(persona: str, day: str | None = "2026-12-05") -> list[str]:
        return [r["doc_no"] for r in _as_of(conn, world, "overdue_deliveries", persona, day)]

    assert overdue("rep") == ["SO-SH", "SO-OLD"] and overdue("am") == overdue("rep")
    assert overdue("rep2") == ["SO-ZJ"] and overdue("mgr") == ["SO-SH", "SO-ZJ", "SO-OLD"]
    conn.execute("update settings set value = '10' where key = 'delivery.confirm_days'")
    assert overdue("rep") == ["SO-SH"]
    # without p_as_of: the company's today (frozen here)
    conn.execute("select set_config('fieldsales.now', '2026-12-20T10:00:00+08:00', false)")
    assert overdue("rep", None) == ["SO-SH", "SO-OLD", "SO-NEW"]
    for persona in ("dealer", "dealer2"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _as_of(conn, world, "overdue_deliveries", persona, None)
    for persona in ("rep", "am", "mgr"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _as_of(conn, world, "dealer_deliveries", persona, None)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("delivery.confirm_days", "0"),
        ("delivery.confirm_days", "2.5"),
        ("delivery.confirm_days", '"3"'),
        ("case.sla_days", '{"low": 7, "medium": 3}'),
        ("case.sla_days", '{"low": 7, "medium": 3, "high": 0}'),
        ("case.sla_days", "5"),
        ("delivery.confirm_from", '"2026-13-01"'),
        ("delivery.confirm_from", '"01/12/2026"'),
        ("delivery.confirm_from", "20261201"),
    ],
)
def test_bad_settings_are_refused(conn: psycopg.Connection, key: str, value: str) -> None:
    before = conn.execute("select value from settings where key = %s", (key,)).fetchone()
    with pytest.raises(psycopg.errors.InvalidParameterValue) as err:
        conn.execute("update settings set value = %s where key = %s", (value, key))
    assert key.split(".")[0] in err.value.diag.message_primary and err.value.diag.message_detail
    assert conn.execute("select value from settings where key = %s", (key,)).fetchone() == before


def test_deliveries_before_confirm_from_are_history(conn: psycopg.Connection, world: World) -> None:
    """Shipments from before the app (delivery.confirm_from) never wait for a confirmation: not
    awaiting, not overdue, not on the staff's list; still listed within 180 days, and confirmable."""
    deliver(conn, world, "SO-PRE", [10], shipped_on="2026-11-20")
    deliver(conn, world, "SO-ANCIENT", [4], shipped_on="2026-01-10")
    deliver(conn, world, "SO-POST", [5], shipped_on="2026-12-01")
    day = "2026-12-10"

    def listed() -> dict[str, dict[str, Any]]:
        return {r["doc_no"]: r for r in _as_of(conn, world, "dealer_deliveries", "dealer", day)}

    def overdue() -> list[str]:
        return [r["doc_no"] for r in _as_of(conn, world, "overdue_deliveries", "rep", day)]

    everything = listed()  # no setting: every delivery waits, however old
    assert everything["SO-ANCIENT"]["awaiting"] and everything["SO-ANCIENT"]["overdue"]
    assert {"SO-PRE", "SO-POST", "SO-ANCIENT"} <= set(overdue())
    conn.execute("update settings set value = '\"2026-11-25\"' where key = 'delivery.confirm_from'")
    now = listed()
    assert now["SO-POST"]["awaiting"] and now["SO-POST"]["overdue"]
    pre = now["SO-PRE"]
    assert not pre["awaiting"] and not pre["overdue"] and not pre["confirmed"]
    assert "SO-ANCIENT" not in now  # history beyond 180 days is not listed
    assert "SO-POST" in overdue() and not {"SO-PRE", "SO-ANCIENT"} & set(overdue())
    confirm(conn, world, "SO-PRE")  # history may still be confirmed
    assert listed()["SO-PRE"]["confirmed"]
    conn.execute("update settings set value = 'null' where key = 'delivery.confirm_from'")
    assert listed()["SO-ANCIENT"]["awaiting"]


def test_two_confirmations_at_once_one_wins_and_the_other_is_told_why(
    db_url: str, conn: psycopg.Connection, world: World
) -> None:
    deliver(conn, world, "SO-J", [10])
    outcome: dict[str, Any] = {}
    with psycopg.connect(db_url) as first, psycopg.connect(db_url) as second:
        with request(first, world.claims("dealer"), commit=True) as cur:
            cur.execute("select * from confirm_delivery_doc(p_doc_no => 'SO-J')")
            waiting_pid = second.info.backend_pid

            def other_phone() -> None:
                try:
                    with request(second, world.claims("dealer"), commit=True) as cur2:
                        cur2.execute("select * from confirm_delivery_doc(p_doc_no => 'SO-J')")
                    outcome["result"] = "confirmed"
                except psycopg.Error as exc:
                    outcome["result"] = exc.sqlstate

            t = threading.Thread(target=other_phone)
            t.start()
            for _ in range(2000):  # until the second one waits on the first's lock
                row = conn.execute(
                    "select wait_event_type from pg_stat_activity where pid = %s", (waiting_pid,)
                ).fetchone()
                if row and row[0] == "Lock":
                    outcome["waited"] = True
                    break
                t.join(0.01)
        t.join(30)
    # the second waited for the first's lines, then saw its confirmation (not a key violation)
    assert outcome.get("waited") and outcome["result"] == "55000"
    assert (
        conn.execute(
            "select count(*) from delivery_confirmations where doc_no = 'SO-J'"
        ).fetchone()[0]
        == 1
    )


def test_a_dealer_reads_only_the_settings_its_app_needs(
    conn: psycopg.Connection, world: World
) -> None:
    """The dealer's phone works out waiting and overdue deliveries offline, on the company's
    calendar; no other setting (thresholds, weights, radii) reaches it."""
    with request(conn, world.claims("dealer"), read_only=True) as cur:
        keys = [r["key"] for r in cur.execute("select key from settings order by key").fetchall()]
    assert keys == ["company.timezone", "delivery.confirm_days", "delivery.confirm_from"]
    with request(conn, world.claims("rep"), read_only=True) as cur:
        assert cur.execute("select count(*) as n from settings").fetchone()["n"] > len(keys)
