"""Outlet orders travel by sync (issue 16): the rep's offline order is submitted to its dealer by
the visit's check-out, the dealer's phone pulls the orders addressed to it (and no other dealer's),
and the rep's phone pulls each status the dealer gives it."""

from __future__ import annotations

from typing import Any

import psycopg

from tests.db.access_world import World
from tests.postgrest import rpc
from tests.sync import fieldwork
from tests.sync.helpers import Phone, assert_mirrors_server, converge


def _outlet(conn: psycopg.Connection, world: World, code: str, parent: str, owner: str,
            area: str) -> str:  # fmt: skip
    return str(conn.execute(
        "insert into customers (code, name, tier, parent_id, owner_id, area_id)"
        " values (%s, %s, 3, %s, %s, %s) returning id",
        (code, f"门店{code}", world.ids[parent], world.users[owner], world.ids[area]),
    ).fetchone()[0])  # fmt: skip


def _order_at(phone: Phone, outlet: str, product: str) -> dict[str, Any]:
    """A visit at the outlet with an order of 4 boxes, checked out (all offline, then synced)."""
    phone.sync()
    v = fieldwork.check_in(phone.store, rep_id=phone.user_id, customer_id=outlet)
    order = fieldwork.take_order(phone.store, v, [(product, 4, 36)])
    fieldwork.check_out(phone.store, v["id"])
    report = phone.sync()
    assert (report.conflict, report.rejected) == (0, 0)
    return order


def _ids(phone: Phone, table: str) -> set[str]:
    return {r["id"] for r in fieldwork.rows(phone.store, table)}


def test_a_dealer_pulls_its_orders_and_the_rep_pulls_their_status(
    conn: psycopg.Connection, world: World, phone
) -> None:
    o_sh = _outlet(conn, world, "O_SH", "S_SH", "rep", "area_SH")  # outlet → wholesaler → dealer
    o_zj = _outlet(conn, world, "O_ZJ", "D_ZJ", "rep2", "area_ZJ")
    rep, rep2 = phone("rep"), phone("rep2")
    mine = _order_at(rep, o_sh, world.ids["product"])
    theirs = _order_at(rep2, o_zj, world.ids["product"])
    line = fieldwork.rows(rep.store, "order_lines")
    mine_lines = {r["id"] for r in line if r["order_id"] == mine["id"]}

    dealer, dealer2 = phone("dealer"), phone("dealer2")

    def addressed() -> None:  # the world's own order of S_SH goes to D_SH too
        assert _ids(dealer, "orders") == {mine["id"], world.ids["order_submitted"]}
        lines = fieldwork.rows(dealer.store, "order_lines")
        assert {r["order_id"] for r in lines} == _ids(dealer, "orders")
        assert mine_lines <= {r["id"] for r in lines}
        on_phone = dealer.store.get("orders", mine["id"])
        assert (on_phone["status"], on_phone["ship_to_name"]) == ("submitted", "门店O_SH")

    def addressed2() -> None:
        assert _ids(dealer2, "orders") == {theirs["id"]}

    dealer.sync()
    dealer2.sync()
    converge(dealer, addressed)
    converge(dealer2, addressed2)
    assert_mirrors_server(conn, dealer)

    rpc(conn, "accept_order", {"p_order_id": mine["id"]}, world.claims("dealer"))
    rpc(conn, "ship_order", {"p_order_id": mine["id"]}, world.claims("dealer"))
    for who in (rep, dealer):
        who.sync()
        converge(who, lambda who=who: _status_is(who, mine["id"], "shipped"))
    assert_mirrors_server(conn, rep)


def _status_is(phone: Phone, order_id: str, status: str) -> None:
    assert phone.store.get("orders", order_id)["status"] == status
