"""Demo executive visits (高层拜访) and distribution targets (分销目标), issue 18 part 3.

Executive visits: the first demo dealers of each area get one planned for next week by the area
manager over them (through exec_visit_plan, as the app plans one) and one done last month (written
the service side's way: the RPC takes no plan in the past). Targets: this month's, per dealer and
the first SKUs, set by a manager through distribution_target_set (so the audit names them), some
below the dealer's actual distribution (met) and some above it (missed); the actual is read from
private.distribution, the one definition."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import psycopg

DEALERS_PER_AREA = 2  # dealers with executive visits in each area
TARGET_DEALERS = 6  # dealers with distribution targets
TARGET_SKUS = 3  # the SKUs each of those has targets for
DISTRIBUTION_DAYS = 90  # the ledger's window


def seed_exec_demo(conn: psycopg.Connection, today: dt.date) -> tuple[int, int]:
    """Executive visits and distribution targets for the demo; (visits, targets) written."""
    return _visits(conn, today), _targets(conn, today)


def acting_as(conn: psycopg.Connection, user_id: str) -> Any:
    """demo_dealers.acting_as (imported late: demo_dealers calls this module)."""
    from backend.demo_dealers import acting_as as act

    return act(conn, user_id)


def _visits(conn: psycopg.Connection, today: dt.date) -> int:
    rows = conn.execute(
        """
        select c.id, c.area_id, m.id as executive
          from (select c.*, row_number() over (partition by c.area_id order by c.code) as n
                  from public.customers c
                 where c.tier = 1 and c.deleted_at is null and c.status = 'active') c
          cross join lateral (
            select p.id from public.profiles p
             where p.active and p.role = 'area_manager'
               and p.id = any(private.area_managers_over(c.area_id))
             order by p.email limit 1) m
         where c.n <= %s
         order by c.code
        """,
        (DEALERS_PER_AREA,),
    ).fetchall()
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=12)
    n = 0
    for i, (customer, _area, executive) in enumerate(rows):
        with acting_as(conn, executive) as cur:
            cur.execute(
                "select id from public.exec_visit_plan(p_customer_id => %s, p_planned_on => %s,"
                " p_purpose => %s)",
                (customer, today + dt.timedelta(days=7 + i % 3), PURPOSES[i % len(PURPOSES)]),
            )
        done_on = last_month + dt.timedelta(days=i % 5)
        conn.execute(
            "insert into public.executive_visits (customer_id, executive_id, planned_on, purpose,"
            " status, done_on, outcome, created_by) values (%s, %s, %s, %s, 'done', %s, %s, %s)",
            (customer, executive, done_on, PURPOSES[(i + 1) % len(PURPOSES)], done_on,
             OUTCOMES[i % len(OUTCOMES)], executive),
        )  # fmt: skip
        n += 2
    return n


def _targets(conn: psycopg.Connection, today: dt.date) -> int:
    manager = conn.execute(
        "select id from public.profiles where role = 'manager' and active order by email limit 1"
    ).fetchone()
    dealers = [
        r[0]
        for r in conn.execute(
            "select id from public.customers where tier = 1 and deleted_at is null"
            " and status = 'active' order by code"
        ).fetchall()
    ][:TARGET_DEALERS]
    if manager is None or not dealers:
        return 0
    actual = conn.execute(
        "select customer_id, product_id, coalesce(distribution_pct, 0), carrying"
        " from private.distribution(%s, %s, %s::uuid[])",
        (today, DISTRIBUTION_DAYS, dealers),
    ).fetchall()
    # per dealer, the SKUs its outlets carry most (a target on a SKU nobody carries says little)
    picked = []
    for dealer in dealers:
        mine = sorted((r for r in actual if r[0] == dealer and r[3] > 0), key=lambda r: -r[2])
        picked += mine[:TARGET_SKUS]
    month = today.replace(day=1)
    n = 0
    with acting_as(conn, manager[0]) as cur:
        for i, (dealer, product, pct, carrying) in enumerate(picked):
            met = i % 2 == 0  # every other one met, the others missed
            target = max(Decimal(0), pct - 5) if met else min(Decimal(100), pct + 15)
            outlets = max(0, carrying - 1) if met else carrying + 2
            cur.execute(
                "select id from public.distribution_target_set(p_product_id => %s, p_month => %s,"
                " p_target_pct => %s, p_target_outlets => %s, p_dealer_id => %s)",
                (product, month, round(Decimal(target), 1), outlets, dealer),
            )
            n += 1
    return n


PURPOSES = (
    "年度合作洽谈，争取新品首批铺货",
    "回访重点客户，了解库存与回款",
    "协调区域窜货问题，重申价格体系",
    "旺季备货沟通，确认促销支持",
)
OUTCOMES = (
    "签订年度协议，新品首批进货200箱",
    "约定月底前结清欠款，加大陈列",
    "经销商承诺不再跨区出货",
)
