"""Customer search (filters, grouping, speed) and the customer card, on a real SQLite store."""

from __future__ import annotations

import pytest

from fieldapp.services.customers import CustomerFilter, CustomerService
from fieldapp.services.position import Fix
from fieldapp.store import Store
from tests.unit.services_world import SHOP, World, build, uid


@pytest.fixture
def world() -> World:
    return build()


def names(result) -> list[tuple[int, str, bool]]:
    return [(r.depth, r.customer["name"], r.matched) for r in result.rows]


def test_search_finds_by_name_code_phone_address_and_pinyin_initials(world: World) -> None:
    svc = CustomerService(world.store, world.clock)
    for text in ("联华", "R1", "13800000003", "南京路", "lhbld", "LHBLD"):
        hits = [r.customer["code"] for r in svc.search(CustomerFilter(text)).rows if r.matched]
        assert hits == ["R1"], text
    assert [
        r.customer["code"] for r in svc.search(CustomerFilter("鑫源 二批")).rows if r.matched
    ] == ["S1"]
    assert svc.search(CustomerFilter("%")).rows == []  # LIKE wildcards are literal


def test_results_are_grouped_dealer_sub_distributor_store(world: World) -> None:
    svc = CustomerService(world.store, world.clock)
    assert names(svc.search(CustomerFilter("联华"))) == [
        (0, "上海鑫源商贸", False),
        (1, "浦东鑫源二批", False),
        (2, "联华便利店(南京路店)", True),
    ]
    everything = names(svc.search(CustomerFilter()))
    assert everything == [
        (0, "上海鑫源商贸", True),
        (1, "浦东鑫源二批", True),
        (2, "联华便利店(南京路店)", True),
        (1, "好德超市", True),
        (1, "金桥食杂店", True),
    ]


def test_filters_tier_grade_quadrant_and_warning(world: World) -> None:
    svc = CustomerService(world.store, world.clock)

    def matched(**kw) -> list[str]:
        return [r.customer["code"] for r in svc.search(CustomerFilter(**kw)).rows if r.matched]

    assert matched(tier=3) == ["R1", "R2", "R9"]  # in tree order: R1 sits under S1
    assert matched(grade="C") == ["R2"]
    assert matched(quadrant="core") == ["R1"]
    assert matched(warning=True) == ["R1"]
    assert matched(tier=3, grade="A", warning=True) == ["R1"]
    assert matched(tier=2, grade="A") == []
    rows = svc.search(CustomerFilter(warning=True)).rows
    assert [r.warnings for r in rows if r.matched] == [1]


def test_distance_from_here_and_the_limit(world: World) -> None:
    svc = CustomerService(world.store, world.clock)
    here = Fix(*SHOP, 10.0, world.clock())
    result = svc.search(CustomerFilter(tier=3), here=here, limit=2)
    assert result.more and result.matched == 2
    r1 = next(r for r in result.rows if r.customer["code"] == "R1")
    assert r1.distance_m == pytest.approx(0, abs=0.5)


def test_customer_card_shows_warning_reason_contacts_and_history(world: World) -> None:
    svc = CustomerService(world.store, world.clock)
    card = svc.card(world.ids["R1"], Fix(SHOP[0] + 0.001, SHOP[1], 10.0, world.clock()))
    assert card.customer["code"] == "R1" and card.parent["code"] == "S1"
    assert card.distance_m == pytest.approx(111, abs=1)
    ((warning, reason),) = card.warnings
    assert warning["kind"] == "credit_over_limit"
    assert reason.zh == "应收余额 123,456.50 元，超过信用额度 100,000.00 元（123.5%）"
    assert reason.en == (
        "Receivable balance 123,456.50 CNY is over the credit limit of 100,000.00 CNY (123.5%)"
    )
    assert card.visits == [] and card.orders == [] and card.stock == []
    assert svc.card(uid()) is None


def fill(store: Store, n: int) -> None:
    """n outlets under 200 dealers, named and addressed like the demo's, in pulled pages."""
    import random

    rnd = random.Random(7)
    brands = ["联华", "好德", "可的", "罗森", "全家", "华联", "世纪联华", "快客", "金桥", "鑫源"]
    kinds = ["便利店", "超市", "食杂店", "烟酒店", "副食店", "小卖部"]
    roads = ["南京路", "淮海路", "四川北路", "延安路", "张杨路", "世纪大道", "长寿路", "天山路"]
    dealers = [str(i) for i in range(200)]
    rows = [
        {
            "id": d,
            "code": f"D{i:03d}",
            "name": f"上海{brands[i % 10]}商贸{i}",
            "tier": 1,
            "version": 1,
            "lat": 31.2,
            "lng": 121.4,
        }
        for i, d in enumerate(dealers)
    ]
    for i in range(n):
        rows.append(
            {
                "id": uid(),
                "code": f"R{i:05d}",
                "tier": 3,
                "version": 1,
                "name": f"{rnd.choice(brands)}{rnd.choice(kinds)}({rnd.choice(roads)}{i}号店)",
                "address": f"上海市{rnd.choice(roads)}{rnd.randint(1, 2000)}号",
                "phone": f"139{rnd.randint(0, 10**8 - 1):08d}",
                "contact_name": "张老板",
                "parent_id": rnd.choice(dealers),
                "grade": rnd.choice("ABCD"),
                "quadrant": rnd.choice(["core", "dangerous", "cultivate", "eliminate"]),
                "lat": 31.0 + rnd.random(),
                "lng": 121.0 + rnd.random(),
            }
        )
    for start in range(0, len(rows), 5000):
        store.apply_page(
            cursor=start + 1,
            after=None,
            epoch=1,
            revoked=[],
            changes={"customers": rows[start : start + 5000]},
        )


def test_search_over_20000_outlets_finds_rows(tmp_path) -> None:
    """Every query answers over a large store (how fast: benchmarks/bench_app.py)."""
    store = Store.open(tmp_path / "big.db")
    fill(store, 20_000)
    svc = CustomerService(store, lambda: None)  # type: ignore[arg-type]
    queries = [
        CustomerFilter("联华"),
        CustomerFilter("南京路 便利"),
        CustomerFilter("1390"),
        CustomerFilter("hd"),
        CustomerFilter(tier=3, grade="A"),
        CustomerFilter(),
    ]
    for q in queries:
        assert svc.search(q).rows


def test_todays_warning_worklist_puts_the_overdue_first(world: World) -> None:
    """我的客户预警 on Today: every open warning of the phone's customers with its customer and
    reason; overdue ones (the company day after the server's due day, even near midnight) first,
    then by severity; resolved ones are not on it."""
    import datetime as dt

    from fieldapp.domain.clock import today as company_today

    world.clock.t = dt.datetime(2026, 11, 27, 15, 59, tzinfo=dt.UTC)  # 23:59 in Shanghai
    today = company_today(world.clock())
    r2 = world.ids["R2"]

    def warning(severity: str, due: dt.date, status: str = "open") -> dict:
        return {"id": uid(), "version": 1, "customer_id": r2, "kind": "churn",
                "severity": severity, "status": status, "due_on": due.isoformat(),
                "figures": {"days": 120}, "raised_at": "2026-11-01T01:00:00+00:00"}  # fmt: skip

    late = warning("low", today - dt.timedelta(days=1))
    world.store.apply_page(
        cursor=70,
        after=None,
        epoch=1,
        revoked=[],
        changes={"warnings": [late, warning("medium", today), warning("high", today, "resolved")]},
    )
    svc = CustomerService(world.store, world.clock)
    items = svc.warning_worklist()
    # the world's own high credit warning of R1 (no due day), then R2's two open ones
    assert [(i.warning["severity"], i.overdue) for i in items] == [
        ("low", True),
        ("high", False),
        ("medium", False),
    ]
    assert items[0].customer is not None and items[0].customer["id"] == r2
    assert items[1].reason.zh.startswith("应收余额")
    world.clock.t += dt.timedelta(minutes=2)  # 00:01: the next company day
    assert [(i.warning["severity"], i.overdue) for i in svc.warning_worklist()] == [
        ("medium", True),  # due yesterday now: overdue, and more severe than the other one
        ("low", True),
        ("high", False),
    ]
