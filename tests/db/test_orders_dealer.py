"""Outlet orders reach their dealer (issue 16): routing up the parent chain, submission at the
visit's check-out, the dealer's accept / reject / ship, the outlet's receipt, and every bad input
refused with nothing written (supabase/migrations/20261208150000_outlet_orders.sql)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal
from typing import Any

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.postgrest import request, rpc


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    """The access world plus an outlet two levels below D_SH (O_SH → S_SH → D_SH), a second
    product, and an outlet of the Zhejiang dealer."""
    w = build_world(conn)

    def one(query: str, *params: object) -> str:
        return str(conn.execute(query, params).fetchone()[0])

    w.ids["O_SH"] = one(
        "insert into customers (code, name, tier, parent_id, owner_id, area_id)"
        " values ('O_SH', '浦东便利店', 3, %s, %s, %s) returning id",
        w.ids["S_SH"], w.users["rep"], w.ids["area_SH"],
    )  # fmt: skip
    w.ids["O_ZJ"] = one(
        "insert into customers (code, name, tier, parent_id, owner_id, area_id)"
        " values ('O_ZJ', '西湖超市', 2, %s, %s, %s) returning id",
        w.ids["D_ZJ"], w.users["rep2"], w.ids["area_ZJ"],
    )  # fmt: skip
    # the world's own order to D_SH: long ago, out of the figures' windows
    conn.execute(
        "update orders set ordered_on = ordered_on - 400 where id = %s", (w.ids["order_submitted"],)
    )
    w.ids["P2"] = one(
        "insert into products (sku, name, brand, spec, unit_price)"
        " values ('P2', '绿茶', '清泉', '500ml×15', 20) returning id"
    )
    return w


def today(conn: psycopg.Connection) -> dt.date:
    return conn.execute("select private.company_today()").fetchone()[0]


def push(conn: psycopg.Connection, world: World, persona: str, muts: list[dict]) -> list[dict]:
    """sync_push as the persona's phone (a fresh client id; mutations numbered 1, 2, 3 …)."""
    numbered = [{"id": i + 1, **m} for i, m in enumerate(muts)]
    out = rpc(
        conn,
        "sync_push",
        {"p_client_id": str(uuid.uuid4()), "p_mutations": json.dumps(numbered)},
        world.claims(persona),
    )
    return list(out["results"])


def take_order(
    conn: psycopg.Connection,
    world: World,
    customer: str,
    lines: list[tuple[str, int, int]],
    *,
    persona: str = "rep",
    ordered_on: dt.date | None = None,
    check_out: bool = True,
) -> dict[str, Any]:
    """A visit with an order, pushed the way the rep's phone pushes it (visit, order, lines, then
    the check-out); returns the ids."""
    visit, order = str(uuid.uuid4()), str(uuid.uuid4())
    line_ids = [str(uuid.uuid4()) for _ in lines]
    checkin = conn.execute("select now() - interval '1 hour'").fetchone()[0].isoformat()
    muts: list[dict] = [
        {"table": "visits", "op": "upsert", "row": {
            "id": visit, "rep_id": world.users[persona], "customer_id": world.ids[customer],
            "status": "in_progress", "checkin_at": checkin}},
        {"table": "orders", "op": "upsert", "row": {
            "id": order, "customer_id": world.ids[customer], "visit_id": visit,
            "rep_id": world.users[persona], "status": "draft",
            "ordered_on": (ordered_on or today(conn)).isoformat()}},
    ]  # fmt: skip
    for lid, (product, qty, price) in zip(line_ids, lines, strict=True):
        muts.append({"table": "order_lines", "op": "upsert", "row": {
            "id": lid, "order_id": order, "product_id": world.ids[product], "quantity": qty,
            "unit_price": price}})  # fmt: skip
    results = push(conn, world, persona, muts)
    assert [r["status"] for r in results] == ["applied"] * len(muts), results
    if check_out:
        checkout(conn, world, visit, persona)
    return {"visit": visit, "order": order, "lines": line_ids}


def checkout(conn: psycopg.Connection, world: World, visit: str, persona: str = "rep") -> None:
    results = push(conn, world, persona, [{"table": "visits", "op": "upsert", "row": {
        "id": visit, "status": "done",
        "checkout_at": conn.execute("select now()").fetchone()[0].isoformat()}}])  # fmt: skip
    assert results[0]["status"] == "applied", results


def order_row(conn: psycopg.Connection, order: str) -> dict[str, Any]:
    return conn.execute("select to_jsonb(o) from orders o where id = %s", (order,)).fetchone()[0]


def state(conn: psycopg.Connection) -> Any:
    """Everything an order step may write."""
    return conn.execute(
        "select (select jsonb_agg(to_jsonb(o) - 'txid' order by id) from orders o),"
        " (select jsonb_agg(to_jsonb(l) - 'txid' order by id) from order_lines l),"
        " (select count(*) from shipments)"
    ).fetchone()


def call(conn: psycopg.Connection, world: World, persona: str, fn: str, **args: Any) -> Any:
    return rpc(conn, fn, args, world.claims(persona))


def test_routing_through_the_parent_chain_at_check_out(conn, world: World) -> None:
    two = take_order(conn, world, "O_SH", [("product", 5, 36)], check_out=False)
    one = take_order(conn, world, "S_SH", [("product", 2, 36)], check_out=False)
    itself = take_order(conn, world, "D_SH", [("product", 1, 36)], check_out=False)
    for o in (two, one, itself):  # drafts until the visit ends; the dealer sees none of them
        row = order_row(conn, o["order"])
        assert (row["status"], row["supplier_id"]) == ("draft", None)
    with request(conn, world.claims("dealer"), read_only=True) as cur:
        cur.execute(
            "select count(*) as n from orders where id <> %s", (world.ids["order_submitted"],)
        )
        assert cur.fetchone()["n"] == 0
    for o in (two, one, itself):
        checkout(conn, world, o["visit"])
    for o in (two, one):  # outlet → wholesaler → dealer, and outlet → dealer
        row = order_row(conn, o["order"])
        assert (row["status"], row["supplier_id"]) == ("submitted", world.ids["D_SH"])
        assert row["submitted_at"] is not None
    # the order carries where it goes, for the dealer who sees no customer rows
    assert order_row(conn, two["order"])["ship_to_name"] == "浦东便利店"
    assert order_row(conn, one["order"])["ship_to_name"] == "浦东二批"
    # a dealer's own order is supplied by the company: no dealer above it
    row = order_row(conn, itself["order"])
    assert (row["status"], row["supplier_id"]) == ("submitted", None)
    # the outlet of another dealer goes to that dealer
    zj = take_order(conn, world, "O_ZJ", [("product", 3, 36)], persona="rep2")
    assert order_row(conn, zj["order"])["supplier_id"] == world.ids["D_ZJ"]


def test_an_order_without_lines_is_not_submitted(conn, world: World) -> None:
    o = take_order(conn, world, "O_SH", [])
    assert order_row(conn, o["order"])["status"] == "draft"


def test_a_later_push_of_the_draft_does_not_undo_the_submission(conn, world: World) -> None:
    o = take_order(conn, world, "O_SH", [("product", 5, 36)])
    results = push(conn, world, "rep", [
        {"table": "orders", "op": "upsert", "row": {"id": o["order"], "status": "draft", "note": "改"}},
        {"table": "order_lines", "op": "upsert", "row": {"id": o["lines"][0], "quantity": 9}},
    ])  # fmt: skip
    assert [r["status"] for r in results] == ["conflict", "conflict"]
    assert results[0]["server"]["status"] == "submitted"
    row = order_row(conn, o["order"])
    assert (row["status"], row["note"]) == ("submitted", None)
    q = conn.execute("select quantity from order_lines where id = %s", (o["lines"][0],))
    assert q.fetchone()[0] == 5


def test_a_phone_cannot_route_an_order_or_move_its_status(conn, world: World) -> None:
    o = take_order(conn, world, "O_SH", [("product", 5, 36)], check_out=False)
    before = state(conn)
    bad = [
        {"table": "orders", "op": "upsert", "row": {  # pointed at another dealer
            "id": str(uuid.uuid4()), "customer_id": world.ids["O_SH"], "rep_id": world.users["rep"],
            "ordered_on": today(conn).isoformat(), "supplier_id": world.ids["D_ZJ"]}},
        {"table": "orders", "op": "upsert", "row": {  # born submitted
            "id": str(uuid.uuid4()), "customer_id": world.ids["O_SH"], "rep_id": world.users["rep"],
            "ordered_on": today(conn).isoformat(), "status": "submitted"}},
        {"table": "orders", "op": "upsert", "row": {"id": o["order"], "supplier_id": world.ids["D_SH"]}},
        {"table": "orders", "op": "upsert", "row": {"id": o["order"], "status": "accepted"}},
        {"table": "order_lines", "op": "upsert", "row": {"id": o["lines"][0], "accepted_quantity": 1}},
    ]  # fmt: skip
    results = push(conn, world, "rep", bad)
    assert [(r["status"], r.get("sqlstate")) for r in results] == [("rejected", "42501")] * 5
    for assignment in [
        "status = 'submitted'",
        "submitted_at = now()",
        f"supplier_id = '{world.ids['D_SH']}'",
    ]:
        with (
            pytest.raises(psycopg.errors.InsufficientPrivilege),
            request(conn, world.claims("rep")) as cur,
        ):
            cur.execute(f"update orders set {assignment} where id = %s", (o["order"],))
    assert state(conn) == before


def test_the_dealer_accepts_with_lowered_quantities(conn, world: World) -> None:
    o = take_order(conn, world, "O_SH", [("product", 10, 36), ("P2", 4, 20)])
    lowered, kept = o["lines"]
    with pytest.raises(psycopg.errors.InvalidParameterValue) as missing:
        call(conn, world, "dealer", "accept_order", p_order_id=o["order"],
             p_lines=json.dumps([{"id": lowered, "quantity": 6}]))  # fmt: skip
    assert missing.value.diag.message_detail == "减少数量时必须填写原因"
    row = call(conn, world, "dealer", "accept_order", p_order_id=o["order"],
               p_lines=json.dumps([{"id": lowered, "quantity": 6}]), p_reason="库存不足")  # fmt: skip
    assert (row["status"], row["status_reason"]) == ("accepted", "库存不足")
    assert row["decided_by"] == world.users["dealer"] and row["decided_at"] is not None
    lines = dict(conn.execute(
        "select id::text, (quantity, accepted_quantity)::text from order_lines where order_id = %s",
        (o["order"],)).fetchall())  # fmt: skip
    # the ordered quantity stays visible next to the accepted one
    assert lines == {lowered: "(10.000,6.000)", kept: "(4.000,4.000)"}


def test_accepting_as_ordered_needs_no_reason(conn, world: World) -> None:
    o = take_order(conn, world, "S_SH", [("product", 3, 36)])
    row = call(conn, world, "dealer", "accept_order", p_order_id=o["order"])
    assert (row["status"], row["status_reason"]) == ("accepted", None)
    q = conn.execute("select accepted_quantity from order_lines where id = %s", (o["lines"][0],))
    assert q.fetchone()[0] == 3


def test_the_dealer_rejects_with_a_reason(conn, world: World) -> None:
    o = take_order(conn, world, "O_SH", [("product", 10, 36)])
    row = call(conn, world, "dealer", "reject_order", p_order_id=o["order"], p_reason="欠款未结")
    assert (row["status"], row["status_reason"], row["decided_by"]) == (
        "rejected", "欠款未结", world.users["dealer"])  # fmt: skip


def test_shipping_records_the_sale_and_moves_the_dealers_figures(conn, world: World) -> None:
    day = today(conn)
    o = take_order(conn, world, "O_SH", [("product", 10, 36), ("P2", 4, 20)],
                   ordered_on=day - dt.timedelta(days=10))  # fmt: skip
    call(conn, world, "dealer", "accept_order", p_order_id=o["order"], p_reason="P2 断货",
         p_lines=json.dumps([{"id": o["lines"][0], "quantity": 7}, {"id": o["lines"][1], "quantity": 0}]))  # fmt: skip

    def dist() -> dict[str, int]:  # a 5-day window holds the shipment, not the order
        with request(conn, world.claims("am"), read_only=True) as cur:
            cur.execute("select sku, carrying from public.dealer_distribution(%s, 5, %s)",
                        (world.ids["D_SH"], day))  # fmt: skip
            return {r["sku"]: r["carrying"] for r in cur.fetchall()}

    assert dist() == {"P1": 0, "P2": 0}
    row = call(conn, world, "dealer", "ship_order", p_order_id=o["order"])
    assert (row["status"], row["shipped_on"], row["shipped_by"]) == (
        "shipped", day.isoformat(), world.users["dealer"])  # fmt: skip
    shipped = conn.execute(
        "select doc_no, line_no, seller_id::text, customer_id::text, product_id::text, shipped_on,"
        " quantity, unit_price, amount from shipments where doc_no like 'ORD-%%'"
    ).fetchall()
    doc = "ORD-" + o["order"].replace("-", "")
    assert shipped == [(doc, 1, world.ids["D_SH"], world.ids["O_SH"], world.ids["product"], day,
                        Decimal("7.000"), Decimal("36.00"), Decimal("252.00"))]  # fmt: skip
    assert dist() == {"P1": 1, "P2": 0}  # the zero line ships nothing
    bought = conn.execute(
        "select amount from private.purchases(%s, %s, array[%s]::uuid[], false)",
        (day, day, world.ids["O_SH"]),
    ).fetchone()
    assert bought is not None and bought[0] == Decimal("252.00")


def test_the_outlets_visit_marks_it_received(conn, world: World) -> None:
    o = take_order(conn, world, "O_SH", [("product", 2, 36)])
    call(conn, world, "dealer", "accept_order", p_order_id=o["order"])
    call(conn, world, "dealer", "ship_order", p_order_id=o["order"])
    row = call(conn, world, "rep", "receive_order", p_order_id=o["order"])
    assert (row["status"], row["received_by"]) == ("received", world.users["rep"])
    assert row["received_at"] is not None


def test_the_rep_cancels_a_draft_or_submitted_order(conn, world: World) -> None:
    draft = take_order(conn, world, "O_SH", [("product", 2, 36)], check_out=False)
    sent = take_order(conn, world, "S_SH", [("product", 2, 36)])
    for o in (draft, sent):
        row = call(conn, world, "rep", "cancel_order", p_order_id=o["order"], p_reason="店主改主意")
        assert (row["status"], row["cancelled_by"], row["status_reason"]) == (
            "cancelled", world.users["rep"], "店主改主意")  # fmt: skip


def _accepted(conn, world) -> dict:
    o = take_order(conn, world, "O_SH", [("product", 5, 36)])
    call(conn, world, "dealer", "accept_order", p_order_id=o["order"])
    return o


def _rejected(conn, world) -> dict:
    o = take_order(conn, world, "O_SH", [("product", 5, 36)])
    call(conn, world, "dealer", "reject_order", p_order_id=o["order"], p_reason="不要")
    return o


def _submitted(conn, world) -> dict:
    return take_order(conn, world, "O_SH", [("product", 5, 36), ("P2", 2, 20)])


def _other(conn, world) -> dict:
    return take_order(conn, world, "S_SH", [("product", 1, 36)])


def _lines(o: dict, *pairs: tuple[int, Any]) -> str:
    return json.dumps([{"id": o["lines"][i], "quantity": q} for i, q in pairs])


UNKNOWN = "00000000-0000-4000-8000-000000000001"
# (name, how the order is made, who calls, function, arguments from the order, SQLSTATE, 中文)
BAD: list[tuple[str, Any, str, str, Any, str, str]] = [
    ("accepting twice", _accepted, "dealer", "accept_order", lambda o: {}, "55000", "只有「待接单」的订单可以接单"),
    ("accepting a rejected order", _rejected, "dealer", "accept_order", lambda o: {}, "55000", "「已拒单」"),
    ("rejecting an accepted order", _accepted, "dealer", "reject_order", lambda o: {"p_reason": "晚了"}, "55000", "拒单"),
    ("raising a quantity", _submitted, "dealer", "accept_order", lambda o: {"p_lines": _lines(o, (0, 6))}, "22023", "接单数量不能超过订购数量"),
    ("a negative quantity", _submitted, "dealer", "accept_order", lambda o: {"p_lines": _lines(o, (0, -1)), "p_reason": "x"}, "22023", "数量不能为负数"),
    ("a fraction", _submitted, "dealer", "accept_order", lambda o: {"p_lines": _lines(o, (0, 2.5)), "p_reason": "x"}, "22023", "数量须为整箱数，不能有小数"),
    ("lowering without a reason", _submitted, "dealer", "accept_order", lambda o: {"p_lines": _lines(o, (0, 4)), "p_reason": "  "}, "22023", "减少数量时必须填写原因"),
    ("every quantity zero", _submitted, "dealer", "accept_order", lambda o: {"p_lines": _lines(o, (0, 0), (1, 0)), "p_reason": "x"}, "22023", "所有数量都为零，请改为拒单"),
    ("a line given twice", _submitted, "dealer", "accept_order", lambda o: {"p_lines": _lines(o, (0, 4), (0, 3)), "p_reason": "x"}, "22023", "同一订单行出现了两次"),
    ("a line of another order", _submitted, "dealer", "accept_order", lambda o: {"p_lines": json.dumps([{"id": UNKNOWN, "quantity": 1}])}, "22023", "该订单中没有这一行"),
    ("a line without a quantity", _submitted, "dealer", "accept_order", lambda o: {"p_lines": json.dumps([{"id": o["lines"][0]}])}, "22023", "每一行都须有订单行编号和数量"),
    ("lines that are no list", _submitted, "dealer", "accept_order", lambda o: {"p_lines": json.dumps({"x": 1})}, "22023", "订单行格式无效"),
    ("rejecting without a reason", _submitted, "dealer", "reject_order", lambda o: {"p_reason": ""}, "22023", "拒单时必须填写原因"),
    ("rejecting with a null reason", _submitted, "dealer", "reject_order", lambda o: {"p_reason": None}, "22023", "拒单时必须填写原因"),
    ("shipping an order not accepted", _submitted, "dealer", "ship_order", lambda o: {}, "55000", "只有「已接单」的订单可以发货"),
    ("shipping in the future", _accepted, "dealer", "ship_order", lambda o: {"p_shipped_on": "2099-01-01"}, "22023", "发货日期不能晚于今天"),
    ("shipping before the order", _accepted, "dealer", "ship_order", lambda o: {"p_shipped_on": "2000-01-01"}, "22023", "发货日期不能早于下单日期"),
    ("receiving an order not shipped", _accepted, "rep", "receive_order", lambda o: {}, "55000", "确认收货"),
    ("cancelling an accepted order", _accepted, "rep", "cancel_order", lambda o: {}, "55000", "取消"),
    ("a rep accepting", _submitted, "rep", "accept_order", lambda o: {}, "42501", "只有供货经销商可以处理该订单"),
    ("a rep shipping", _accepted, "rep", "ship_order", lambda o: {}, "42501", "只有供货经销商可以处理该订单"),
    ("an area manager shipping", _accepted, "am", "ship_order", lambda o: {}, "42501", "只有供货经销商可以处理该订单"),
    ("a manager accepting for the dealer", _submitted, "mgr", "accept_order", lambda o: {}, "42501", "只有供货经销商可以处理该订单"),
    ("another dealer accepting", _submitted, "dealer2", "accept_order", lambda o: {}, "P0002", "找不到该订单"),
    ("another dealer rejecting", _submitted, "dealer2", "reject_order", lambda o: {"p_reason": "x"}, "P0002", "找不到该订单"),
    ("another dealer shipping", _accepted, "dealer2", "ship_order", lambda o: {}, "P0002", "找不到该订单"),
    ("the dealer receiving", _accepted, "dealer", "receive_order", lambda o: {}, "42501", "只有内部员工可以使用此功能"),
    ("the dealer cancelling", _submitted, "dealer", "cancel_order", lambda o: {}, "42501", "只有内部员工可以使用此功能"),
    ("another area's rep cancelling", _submitted, "rep2", "cancel_order", lambda o: {}, "P0002", "找不到该订单"),
    ("an unknown order", _submitted, "dealer", "accept_order", lambda o: {"p_order_id": UNKNOWN}, "P0002", "找不到该订单"),
    ("an unknown order to receive", _submitted, "rep", "receive_order", lambda o: {"p_order_id": UNKNOWN}, "P0002", "找不到该订单"),
    ("a draft not yet submitted", lambda c, w: take_order(c, w, "O_SH", [("product", 1, 36)], check_out=False), "dealer", "accept_order", lambda o: {}, "P0002", "找不到该订单"),
]  # fmt: skip


@pytest.mark.parametrize("case", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_and_writes_nothing(conn, world: World, case) -> None:
    _name, make, persona, fn, args, sqlstate, zh = case
    o = make(conn, world)
    before = state(conn)
    with pytest.raises(psycopg.Error) as refused:
        call(conn, world, persona, fn, **{"p_order_id": o["order"], **args(o)})
    assert refused.value.sqlstate == sqlstate
    assert zh in (refused.value.diag.message_detail or ""), refused.value.diag.message_detail
    assert refused.value.diag.message_primary.isascii()  # the English words, 中文 in DETAIL
    assert state(conn) == before


def test_a_dealer_sees_and_changes_only_what_is_addressed_to_it(conn, world: World) -> None:
    mine = take_order(conn, world, "O_SH", [("product", 5, 36)])
    theirs = take_order(conn, world, "O_ZJ", [("product", 5, 36)], persona="rep2")
    draft = take_order(conn, world, "S_SH", [("product", 5, 36)], check_out=False)
    world_order = world.ids["order_submitted"]  # the world's own order to D_SH
    for dealer, own, other in [("dealer", mine, theirs), ("dealer2", theirs, mine)]:
        with request(conn, world.claims(dealer), read_only=True) as cur:
            cur.execute("select id::text from orders where id <> %s", (world_order,))
            assert [r["id"] for r in cur.fetchall()] == [own["order"]]
            cur.execute("select id::text from order_lines where order_id <> %s", (world_order,))
            assert sorted(r["id"] for r in cur.fetchall()) == sorted(own["lines"])
            # not through a join either
            cur.execute("select count(*) as n from order_lines l join orders o on o.id = l.order_id"
                        " where o.id = any(%s::uuid[])", ([other["order"], draft["order"]],))  # fmt: skip
            assert cur.fetchone()["n"] == 0
    before = state(conn)
    for assignment in ["unit_price = 1", f"product_id = '{world.ids['P2']}'", "quantity = 1"]:
        with request(conn, world.claims("dealer"), commit=True) as cur:
            cur.execute(
                f"update order_lines set {assignment} where order_id = %s", (mine["order"],)
            )
            assert cur.rowcount == 0
    for assignment in ["status = 'accepted'", "note = '改'"]:
        with request(conn, world.claims("dealer"), commit=True) as cur:
            cur.execute(f"update orders set {assignment} where id = %s", (mine["order"],))
            assert cur.rowcount == 0
    results = push(conn, world, "dealer", [
        {"table": "orders", "op": "upsert", "row": {"id": mine["order"], "status": "accepted"}},
        {"table": "order_lines", "op": "upsert", "row": {"id": mine["lines"][0], "unit_price": 1}},
        {"table": "orders", "op": "upsert", "row": {"id": theirs["order"], "status": "accepted"}},
    ])  # fmt: skip
    assert [r["status"] for r in results] != ["applied"] * 3
    assert all(r["status"] in ("conflict", "rejected") for r in results), results
    assert state(conn) == before


def _pull(conn: psycopg.Connection, claims: dict, since: int = 0) -> tuple[dict, int]:
    seen: dict[str, dict[str, Any]] = {}
    after = None
    while True:
        page = rpc(conn, "sync_pull", {"p_since": since, "p_limit": 1000, "p_after": after},
                   claims, read_only=True)  # fmt: skip
        for table, rows in page["changes"].items():
            for row in rows:
                seen.setdefault(table, {})[row["id"]] = row
        since, after = page["cursor"], page["after"]
        if not page["has_more"]:
            return seen, since


def test_sync_carries_orders_to_their_dealer_and_statuses_back_to_the_rep(
    conn, world: World
) -> None:
    mine = take_order(conn, world, "O_SH", [("product", 5, 36)])
    take_order(conn, world, "O_ZJ", [("product", 5, 36)], persona="rep2")
    seen, _ = _pull(conn, world.claims("dealer"))
    assert set(seen["orders"]) == {mine["order"], world.ids["order_submitted"]}
    assert {r["order_id"] for r in seen["order_lines"].values()} == set(seen["orders"])
    assert set(mine["lines"]) <= set(seen["order_lines"])
    seen, _ = _pull(conn, world.claims("dealer2"))
    assert mine["order"] not in seen.get("orders", {})
    _, cursor = _pull(conn, world.claims("rep"))
    call(conn, world, "dealer", "accept_order", p_order_id=mine["order"])
    call(conn, world, "dealer", "ship_order", p_order_id=mine["order"])
    seen, _ = _pull(conn, world.claims("rep"), cursor)
    assert seen["orders"][mine["order"]]["status"] == "shipped"
    assert seen["order_lines"][mine["lines"][0]]["accepted_quantity"] == 5
