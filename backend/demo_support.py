"""The support side of the demo (issue 18, 辅导支援): a few activities per area this month — some
planned (one overdue), some done with their cost, materials and outcome, one evaluated — and one
area whose dealers' support spending goes over their expense budgets, so that the 辅导支援 desk
shows planned vs done and one area over budget, and the expense warnings see the support cost
(each done activity's cost is its expense row: docs/figures.md)."""

from __future__ import annotations

import datetime as dt

import psycopg

# (kind, title, days before today it was done (None: planned), days ahead it is planned, cost,
#  materials, outcome, score)
ACTIVITIES = (
    (
        "training",
        "新品知识与推销话术培训",
        6,
        None,
        1200,
        "培训手册30本、样品2箱",
        "业务员能讲清三款新品卖点",
        4,
    ),
    (
        "store_display",
        "门店陈列与POP指导",
        3,
        None,
        860,
        "POP海报20张、价格牌50个",
        "主通道堆头两处",
        None,
    ),
    ("promotion", "周末试饮促销", None, 4, 0, None, None, None),
    ("management", "月度销售目标与计划辅导", None, 9, 0, None, None, None),
    ("information", "同业动态与价格信息通报", None, -3, 0, None, None, None),  # overdue plan
)
OVER_BUDGET_AREA = 0  # the first area (by code) spends over its dealers' budgets


def seed_support_demo(conn: psycopg.Connection, today: dt.date) -> int:
    """Add the demo's support activities (the service side's way); returns how many."""
    month_start = today.replace(day=1)
    areas = conn.execute(
        "select a.id from public.areas a where a.parent_id is not null and a.deleted_at is null"
        " order by a.code"
    ).fetchall()
    n = 0
    for i, (area_id,) in enumerate(areas):
        dealers = conn.execute(
            "select c.id, c.owner_id from public.customers c where c.area_id = %s and c.tier = 1"
            " and c.status = 'active' and c.deleted_at is null order by c.code limit 3",
            (area_id,),
        ).fetchall()
        area_budget = float(
            conn.execute(
                "select coalesce(sum(b.amount), 0) from public.expense_budgets b"
                " join public.customers c on c.id = b.customer_id where c.area_id = %s"
                " and b.period_start <= %s and b.period_end >= %s and b.deleted_at is null",
                (area_id, today, month_start),
            ).fetchone()[0]
        )
        for j, (cid, owner) in enumerate(dealers):
            for kind, title, done_ago, ahead, cost, materials, outcome, score in ACTIVITIES:
                if (j + len(title)) % 3 == 2:  # not every dealer gets every activity
                    continue
                done_on = (
                    None if done_ago is None else max(month_start, today - dt.timedelta(done_ago))
                )
                planned_on = (
                    (done_on or today) if ahead is None else today + dt.timedelta(days=ahead)
                )
                status = "planned" if done_on is None else ("evaluated" if score else "done")
                conn.execute(
                    "insert into public.support_activities (customer_id, kind, title, planned_on,"
                    " done_on, cost, status, owner_id, materials, outcome, score, evaluation_note,"
                    " evaluated_by, evaluated_at) values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
                    " %s, %s, case when %s::smallint is not null then (select p.id from"
                    " public.profiles p where p.role = 'area_manager' and p.area_id = %s limit 1)"
                    " end, case when %s::smallint is not null then private.company_now() end)",
                    (cid, kind, title, planned_on, done_on, cost, status, owner, materials,
                     outcome, score, "讲解清楚，店员参与度高" if score else None, score, area_id,
                     score),
                )  # fmt: skip
                n += 1
            if i == OVER_BUDGET_AREA:  # a big advertising push: the area spends over budget
                conn.execute(
                    "insert into public.support_activities (customer_id, kind, title, planned_on,"
                    " done_on, cost, status, owner_id, materials, outcome) values (%s,"
                    " 'advertising_pr', '门头广告与社区广告投放', %s, %s, %s, 'done', %s,"
                    " '门头灯箱1个、社区电梯广告4周', '新品知名度提升，进货量待观察')",
                    (cid, today, today, round(area_budget * 1.1 / len(dealers)), owner),
                )
                n += 1
    conn.commit()
    return n
