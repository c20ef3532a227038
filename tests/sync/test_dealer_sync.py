"""A dealer's phone (issue 16): it pulls its own deliveries and cases, confirms a delivery offline
and the confirmation reaches the server exactly once, with the case opened there; a rep's pull
carries no shipments (they are pulled by dealers only)."""

from __future__ import annotations

import psycopg

from tests.db.access_world import World
from tests.sync import fieldwork
from tests.sync.helpers import assert_mirrors_server, visible_ids


def test_a_dealer_pulls_its_deliveries_and_cases_and_a_rep_no_shipments(
    conn: psycopg.Connection, world: World, phone
) -> None:
    dealer = phone("dealer")
    dealer.sync()
    assert_mirrors_server(conn, dealer)
    docs = {r["doc_no"] for r in fieldwork.rows(dealer.store, "shipments")}
    assert docs == {"SO-SH", "SO-SH2"}
    # its discrepancy case, the case its complaint opened (20261209200000_case_complaints) and
    # the case of its repair request (20261209100000_case_requests)
    got = fieldwork.rows(dealer.store, "cases")
    assert {r["kind"] for r in got} == {"delivery_discrepancy", "complaint", "repair"}
    cases = {r["id"] for r in got}
    assert {world.ids["cases"], world.ids["case_requests"]} <= cases
    assert len(fieldwork.rows(dealer.store, "case_lines")) == 2
    assert len(fieldwork.rows(dealer.store, "case_events")) == 3
    assert [r["id"] for r in fieldwork.rows(dealer.store, "case_requests")] == [
        world.ids["case_requests"]
    ]
    assert len(fieldwork.rows(dealer.store, "delivery_confirmations")) == 1
    other = phone("dealer2")
    other.sync()
    assert fieldwork.rows(other.store, "shipments") == []
    assert fieldwork.rows(other.store, "cases") == []

    rep = phone("rep")
    rep.sync()
    assert_mirrors_server(conn, rep)
    assert fieldwork.rows(rep.store, "shipments") == []
    assert (
        visible_ids(conn, world.users["rep"], "shipments") == {}
    )  # role-scoped, though RLS lets it read
    assert {r["id"] for r in fieldwork.rows(rep.store, "cases")} == cases


def test_an_old_confirmed_delivery_stays_off_the_phone(
    conn: psycopg.Connection, world: World, phone
) -> None:
    # SO-SH2, shipped and confirmed long ago: outside the 180-day pull window
    conn.execute(
        "update shipments set shipped_on = '2026-01-06', confirmed_at = '2026-01-07T10:00:00+08'"
        " where doc_no = 'SO-SH2'"
    )
    conn.execute("select set_config('fieldsales.now', '2026-12-01T10:00:00+08:00', false)")
    conn.execute(
        "alter database " + conn.info.dbname + " set fieldsales.now = '2026-12-01T10:00:00+08:00'"
    )
    dealer = phone("dealer")
    dealer.sync()
    assert {r["doc_no"] for r in fieldwork.rows(dealer.store, "shipments")} == {"SO-SH"}


def test_an_offline_confirmation_syncs_once_and_the_server_opens_the_case(
    conn: psycopg.Connection, world: World, phone
) -> None:
    dealer = phone("dealer")
    dealer.sync()
    (line,) = [r for r in fieldwork.rows(dealer.store, "shipments") if r["doc_no"] == "SO-SH"]
    with dealer.store.transaction():
        row = dealer.store.write("delivery_confirmations", {
            "id": dealer.store.new_id(), "doc_no": "SO-SH", "note": "破损两箱",
            "lines": [{"shipment_id": line["id"], "damaged": 2}],
        })  # fmt: skip
    dealer.sync()
    dealer.sync()  # nothing left to send, nothing twice
    n = conn.execute(
        "select count(*) from cases where doc_no = 'SO-SH' and confirmation_id = %s", (row["id"],)
    ).fetchone()[0]
    assert n == 1
    assert conn.execute(
        "select received_quantity::int, damaged_quantity::int, confirmed_by::text from shipments"
        " where doc_no = 'SO-SH'"
    ).fetchone() == (10, 2, world.users["dealer"])
    assert_mirrors_server(conn, dealer)
    discrepancies = [
        r for r in fieldwork.rows(dealer.store, "cases") if r["kind"] == "delivery_discrepancy"
    ]
    assert {r["doc_no"] for r in discrepancies} == {"SO-SH", "SO-SH2"}
    assert dealer.store.conflicts() == []
    # the area manager sees the case after one pull
    am = phone("am")
    am.sync()
    assert "SO-SH" in {r["doc_no"] for r in fieldwork.rows(am.store, "cases")}
