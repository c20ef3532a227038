"""Outlet orders on the phone (fieldapp.services.dealer_orders, order_status): the dealer's orders
grouped by what it has to do, accepted quantities checked as the server checks them (nothing sent
when wrong), the online steps refused in words without a connection, and the rep's statuses,
receipts and overdue deliveries (the last answer kept for offline)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from fieldapp.services.dealer_orders import DealerOrderService
from fieldapp.services.i18n import FieldErrors
from fieldapp.services.order_common import NeedsConnection, status_text
from fieldapp.services.order_status import OrderStatusService
from fieldapp.sync.errors import ConnectionLost, ServerRejected
from tests.unit.services_world import NOW, Clock, World, build, uid

TODAY = dt.date(2026, 11, 27)  # NOW in Shanghai


class FakeServer:
    """The remote's online calls: records them, answers an order row or raises."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.fail: Exception | None = None
        self.answer: Any = None

    def __call__(self, fn: str, **args: Any) -> Any:
        if self.fail is not None:
            raise self.fail
        self.calls.append((fn, args))
        return self.answer if self.answer is not None else {"id": args.get("p_order_id")}


def pull(world: World, **tables: list[dict[str, Any]]) -> None:
    """Rows as a pull brings them."""
    changes = {
        t: [{"version": 1, "deleted_at": None, **r} for r in rows] for t, rows in tables.items()
    }
    world.store.apply_page(cursor=99, after=None, epoch=1, revoked=[], changes=changes)


def order(world: World, status: str, days_ago: int, lines: list[int], **kw: Any) -> str:
    """An order to the dealer as the dealer's pull brings it; its id."""
    oid = uid()
    day = TODAY - dt.timedelta(days=days_ago)
    pull(
        world,
        orders=[{"id": oid, "customer_id": world.ids["R1"], "status": status,
                 "ordered_on": day.isoformat(), "submitted_at": f"{day.isoformat()}T02:00:00+00:00",
                 "ship_to_name": "联华便利店", "ship_to_address": "南京路1号",
                 "ship_to_contact": "王老板", "ship_to_phone": "13800000003", **kw}],
        order_lines=[{"id": f"{oid[:8]}-{i}", "order_id": oid, "product_id": world.ids[p],
                      "quantity": q, "unit_price": 45 if p == "P1" else 32.5,
                      "accepted_quantity": None}
                     for i, (p, q) in enumerate(zip(("P1", "P2"), lines, strict=False))],
    )  # fmt: skip
    return oid


@pytest.fixture
def world() -> World:
    return build(clock=Clock(NOW))


@pytest.fixture
def server() -> FakeServer:
    return FakeServer()


@pytest.fixture
def dealer(world: World, server: FakeServer) -> DealerOrderService:
    return DealerOrderService(world.store, world.user, world.clock, server)


def test_orders_are_grouped_by_what_the_dealer_has_to_do(
    world: World, dealer: DealerOrderService
) -> None:
    new = order(world, "submitted", 0, [5, 2])
    waited = order(world, "submitted", 3, [1])
    to_ship = order(world, "accepted", 1, [4])
    gone = order(world, "shipped", 2, [4])
    done = order(world, "received", 5, [1])
    rejected = order(world, "rejected", 1, [1], status_reason="欠款未结")
    order(world, "received", 90, [1])  # finished long ago: not listed
    order(world, "draft", 0, [1])  # never addressed to a dealer
    groups = dealer.grouped()
    assert [name for name, _ in groups] == ["submitted", "accepted", "shipped", "done"]
    ids = {name: [o["id"] for o in rows] for name, rows in groups}
    assert ids == {
        "submitted": [waited, new],  # the one waiting longest first
        "accepted": [to_ship],
        "shipped": [gone],
        "done": [rejected, done],  # newest first
    }
    first = dealer.order(new)
    assert first is not None
    assert [(x["product"], x["ordered"]) for x in first["lines"]] == [
        ("清泉源冰红茶", 5), ("清泉源饮用天然水", 2)]  # fmt: skip
    assert first["boxes"] == 7 and str(first["amount"]) == "290.00" and first["age_days"] == 0
    assert dealer.order(waited)["age_days"] == 3  # type: ignore[index]
    assert dealer.order("nope") is None


@pytest.mark.parametrize(
    ("typed", "reason", "key", "zh"),
    [
        ({0: "6"}, "", 0, "接单数量不能超过订购数量 5"),
        ({0: "-1"}, "x", 0, "数量不能为负数"),
        ({0: "2.5"}, "x", 0, "不能有小数"),
        ({0: "abc"}, "x", 0, "请输入数字"),
        ({0: "3"}, "", "reason", "减少数量时必须填写原因"),
        ({0: "3"}, "   ", "reason", "减少数量时必须填写原因"),
        ({0: "0", 1: "0"}, "缺货", "reason", "所有数量都为零，请改为拒单"),
        ({}, "x" * 4001, "reason", "不能超过4000字"),
    ],
)
def test_bad_accepted_quantities_send_nothing(
    world: World,
    dealer: DealerOrderService,
    server: FakeServer,
    typed: dict[int, str],
    reason: str,
    key: Any,
    zh: str,
) -> None:
    oid = order(world, "submitted", 0, [5, 2])
    line_ids = [x["id"] for x in dealer.order(oid)["lines"]]  # type: ignore[index]
    with pytest.raises(FieldErrors) as err:
        dealer.accept(oid, {line_ids[i]: v for i, v in typed.items()}, reason)
    field = key if key == "reason" else line_ids[key]
    assert zh in err.value.fields[field].zh and err.value.fields[field].en
    assert server.calls == []


def test_accepting_sends_only_the_lowered_lines_and_the_reason(
    world: World, dealer: DealerOrderService, server: FakeServer
) -> None:
    oid = order(world, "submitted", 0, [5, 2])
    first, second = (x["id"] for x in dealer.order(oid)["lines"])  # type: ignore[index]
    dealer.accept(oid, {first: "5", second: ""})  # as ordered: no reason needed
    dealer.accept(oid, {first: "3", second: "0"}, "  库存不足 ")
    assert server.calls == [
        ("accept_order", {"p_order_id": oid}),
        ("accept_order", {"p_order_id": oid, "p_reason": "库存不足",
                          "p_lines": [{"id": first, "quantity": 3}, {"id": second, "quantity": 0}]}),
    ]  # fmt: skip


def test_reject_and_ship_are_checked_first(
    world: World, dealer: DealerOrderService, server: FakeServer
) -> None:
    oid = order(world, "submitted", 4, [5])
    with pytest.raises(FieldErrors) as no_reason:
        dealer.reject(oid, "  ")
    assert no_reason.value.fields["reason"].zh == "拒单时必须填写原因"
    dealer.reject(oid, "欠款未结")
    shipped = order(world, "accepted", 4, [5])
    for typed, zh in [
        ("2099-01-01", "不能晚于今天"),
        ((TODAY - dt.timedelta(days=5)).isoformat(), "不能早于下单日期"),
        ("12/01", "日期格式"),
    ]:
        with pytest.raises(FieldErrors) as bad:
            dealer.ship(shipped, typed)
        assert zh in bad.value.fields["shipped_on"].zh
    dealer.ship(shipped)  # blank: today, from the one clock
    assert server.calls == [
        ("reject_order", {"p_order_id": oid, "p_reason": "欠款未结"}),
        ("ship_order", {"p_order_id": shipped, "p_shipped_on": TODAY.isoformat()}),
    ]
    with pytest.raises(FieldErrors):  # accepted already: not to be accepted again
        dealer.accept(shipped, {})


def test_offline_the_steps_are_refused_in_words_and_remembered(
    world: World, dealer: DealerOrderService, server: FakeServer
) -> None:
    oid = order(world, "submitted", 0, [5])
    assert not dealer.offline()
    server.fail = ConnectionLost("连接中断", "connection broke")
    with pytest.raises(NeedsConnection) as err:
        dealer.accept(oid, {})
    assert err.value.title_zh == "需联网" and "没有保存" in err.value.message_zh
    assert dealer.offline()
    assert world.store.pending_count() == 0  # nothing queued: the server owns the statuses
    server.fail = ServerRejected(
        "该订单当前为「已接单」", "this order is accepted", sqlstate="55000"
    )
    with pytest.raises(ServerRejected):  # a refusal is not a lost connection
        dealer.accept(oid, {})
    assert dealer.offline()  # still no answer from the server since the failure
    server.fail = None
    dealer.accept(oid, {})
    assert not dealer.offline()


def test_a_failed_sync_says_offline_too(world: World, dealer: DealerOrderService) -> None:
    world.store.set_state(last_error={"zh": "网络连接中断：连不上", "en": "Connection lost: x"})
    assert dealer.offline()
    world.store.set_state(last_error={"zh": "没有权限：不行", "en": "Not allowed: no"})
    assert not dealer.offline()


def test_the_reps_statuses_receipts_and_overdue_deliveries(
    world: World, server: FakeServer
) -> None:
    reps = OrderStatusService(world.store, world.user, world.clock, server)
    shipped = order(world, "shipped", 2, [5, 2])
    pull(world, order_lines=[  # the dealer accepted 3 of the 5, none of the 2
        {"id": f"{shipped[:8]}-0", "order_id": shipped, "product_id": world.ids["P1"],
         "quantity": 5, "unit_price": 45, "accepted_quantity": 3},
        {"id": f"{shipped[:8]}-1", "order_id": shipped, "product_id": world.ids["P2"],
         "quantity": 2, "unit_price": 32.5, "accepted_quantity": 0}])  # fmt: skip
    rejected = order(world, "rejected", 1, [1], status_reason="欠款未结")
    order(world, "cancelled", 20, [1])  # long ago: not on Today
    waiting = order(world, "submitted", 0, [1])
    got = reps.of_customer(world.ids["R1"])
    assert {o["id"] for o in got} >= {shipped, rejected, waiting}
    one = next(o for o in got if o["id"] == shipped)
    assert one["boxes"] == 3 and str(one["amount"]) == "135.00"  # what was accepted
    assert status_text(next(o for o in got if o["id"] == rejected)).zh == "已拒绝：欠款未结"
    assert status_text(one).en == "shipped"
    assert [o["id"] for o in reps.to_receive(world.ids["R1"])] == [shipped]
    assert reps.to_receive(world.ids["R2"]) == []
    assert [o["id"] for o in reps.for_today()] == [shipped, rejected, waiting]
    reps.receive(shipped)
    assert server.calls[-1] == ("receive_order", {"p_order_id": shipped})

    assert reps.overdue_cached() is None and reps.overdue_due()
    server.answer = [{"customer_name": "上海鑫源商贸", "doc_no": "D-1", "days_overdue": 2,
                      "shipped_on": dt.date(2026, 11, 20), "amount": 100}]  # fmt: skip
    rows = reps.fetch_overdue()
    assert server.calls[-1] == ("overdue_deliveries", {"p_as_of": TODAY.isoformat()})
    assert rows[0]["shipped_on"] == "2026-11-20" and not reps.overdue_due()
    server.fail = ConnectionLost("连接中断", "connection broke")
    with pytest.raises(ConnectionLost):
        reps.fetch_overdue()
    kept = reps.overdue_cached()
    assert kept is not None and kept[0] == rows and kept[1].startswith("2026-11-27T02:00")
