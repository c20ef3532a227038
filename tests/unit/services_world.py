"""A small phone world for service tests: a real SQLite store filled the way a pull fills it."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from fieldapp.domain.clock import monday
from fieldapp.domain.clock import today as company_today
from fieldapp.services.device import DEMO, SignedIn
from fieldapp.services.position import Fix
from fieldapp.store import Store

NOW = dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.UTC)  # a Friday, 10:00 in Shanghai
SHOP = (31.2304, 121.4737)  # where store R1 is


def uid() -> str:
    """A fresh uuid as text."""
    return str(uuid.uuid4())


class Clock:
    """A settable clock for the services."""

    def __init__(self, t: dt.datetime = NOW) -> None:
        self.t = t

    def __call__(self) -> dt.datetime:
        return self.t

    def advance(self, seconds: float) -> None:
        """Move the clock forward."""
        self.t += dt.timedelta(seconds=seconds)


@dataclass
class World:
    """The store, the rep and the ids of the rows the tests use."""

    store: Store
    user: SignedIn
    clock: Clock
    ids: dict[str, str] = field(default_factory=dict)

    def fix(self, lat: float, lng: float, *, acc: float = 10.0, age_s: float = 5.0) -> Fix:
        """A GPS fix taken age_s seconds ago."""
        return Fix(lat, lng, acc, self.clock() - dt.timedelta(seconds=age_s))


def north(metres: float) -> tuple[float, float]:
    """A point metres north of SHOP."""
    return SHOP[0] + metres / 111_195.0, SHOP[1]


def _row(**kw: Any) -> dict[str, Any]:
    return {"version": 1, "deleted_at": None, **kw}


def build(store: Store | None = None, clock: Clock | None = None) -> World:
    """Fill a store as one pull from the server would: settings, products, customers, a plan."""
    store = store or Store.open(":memory:")
    clock = clock or Clock()
    rep = uid()
    ids = {k: uid() for k in ("area", "D1", "S1", "R1", "R2", "R9", "P1", "P2", "plan")}
    ids |= {"stop1": uid(), "stop2": uid(), "stop3": uid(), "warn": uid()}
    today = company_today(clock())

    def customer(
        key: str,
        tier: int,
        name: str,
        parent: str | None,
        lat: float,
        lng: float,
        phone: str,
        **kw: Any,
    ) -> dict[str, Any]:
        return _row(
            id=ids[key],
            code=key,
            name=name,
            tier=tier,
            parent_id=parent and ids[parent],
            owner_id=rep,
            area_id=ids["area"],
            status="active",
            lat=lat,
            lng=lng,
            phone=phone,
            address=f"上海市{name}路1号",
            contact_name="王老板",
            **kw,
        )

    changes = {
        "areas": [_row(id=ids["area"], code="SH", name="上海")],
        "settings": [
            _row(id="visit.checkin_radius_m", key="visit.checkin_radius_m", value=300),
            _row(id="visit.duplicate_radius_m", key="visit.duplicate_radius_m", value=200),
        ],
        "products": [
            _row(
                id=ids["P1"],
                sku="QY-T01",
                name="清泉源冰红茶",
                spec="500ml×15瓶",
                unit="箱",
                unit_price=45.0,
                active=True,
            ),
            _row(
                id=ids["P2"],
                sku="QY-W01",
                name="清泉源饮用天然水",
                spec="550ml×24瓶",
                unit="箱",
                unit_price=32.5,
                active=True,
            ),
        ],
        "customers": [
            customer("D1", 1, "上海鑫源商贸", None, 31.2400, 121.4800, "13800000001", grade=None),
            customer(
                "S1",
                2,
                "浦东鑫源二批",
                "D1",
                31.2350,
                121.4750,
                "13800000002",
                grade="B",
                quadrant="cultivate",
            ),
            customer(
                "R1",
                3,
                "联华便利店(南京路店)",
                "S1",
                *SHOP,
                "13800000003",
                grade="A",
                quadrant="core",
            ),
            customer(
                "R2",
                3,
                "好德超市",
                "D1",
                31.2280,
                121.4700,
                "021-62345678",
                grade="C",
                quadrant="dangerous",
            ),
            customer(
                "R9",
                3,
                "金桥食杂店",
                "D1",
                31.3000,
                121.6000,
                "13800000009",
                grade="D",
                quadrant="eliminate",
            ),
        ],
        "visit_plans": [
            _row(
                id=ids["plan"], rep_id=rep, week_start=monday(today).isoformat(), status="approved"
            ),
        ],
        "visit_plan_stops": [
            _row(
                id=ids["stop1"],
                plan_id=ids["plan"],
                customer_id=ids["R1"],
                visit_date=today.isoformat(),
                seq=1,
            ),
            _row(
                id=ids["stop2"],
                plan_id=ids["plan"],
                customer_id=ids["S1"],
                visit_date=today.isoformat(),
                seq=2,
            ),
            _row(
                id=ids["stop3"],
                plan_id=ids["plan"],
                customer_id=ids["R2"],
                visit_date=today.isoformat(),
                seq=3,
            ),
        ],
        "warnings": [
            _row(
                id=ids["warn"],
                customer_id=ids["R1"],
                kind="credit_over_limit",
                severity="high",
                status="open",
                owner_id=rep,
                figures={"balance": 123456.5, "credit_limit": 100000, "ratio": 1.234565},
                raised_at="2026-11-20T01:00:00+00:00",
            ),
        ],
    }
    store.apply_page(cursor=10, after=None, epoch=1, changes=changes, revoked=[])
    store.set_state(user_id=rep)
    user = SignedIn(rep, "rep@example.cn", "rep", "李业务", DEMO, "test", clock().isoformat())
    return World(store, user, clock, ids)
