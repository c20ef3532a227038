"""The communication side of the demo (issue 18 part 2): a quarterly business meeting (季度座谈会)
in every area that has an area manager, with its dealers and reps attending and decisions — one
owned by the area's first rep and already overdue, so that rep's Today shows it — and customer
feedback scores (1–5) over the last twelve months with a trend (lower a year ago, better lately),
recorded as the customers' reps. Meetings and decisions go through the RPCs as the area manager,
feedback as the rep: the same paths and checks as the app."""

from __future__ import annotations

import datetime as dt
import random

import psycopg

from backend.demo_dealers import acting_as

MEETING_DAYS_AGO = 40  # the last quarterly meeting
DEALERS_PER_MEETING = 6
FEEDBACK_MONTHS = 12
DECISIONS = (  # (text, owner: rep|am, days after the meeting it is due, done)
    ("补齐重点网点冰红茶陈列，拍照上传", "rep", 30, False),  # overdue: 40 days ago + 30
    ("四季度回款计划逐户确认", "rep", 70, False),
    ("春节备货方案报区域经理", "am", 20, True),
)
AGENDA = "四季度销售回顾；回款与库存；明年一季度备货与促销安排"
MINUTES = "各经销商反馈：旺季前备货充足，希望加快促销费用兑现；公司说明新品上市计划。"
FEEDBACK_TEXTS = {
    1: "送货经常延误，断货两次",
    2: "促销费用兑现太慢",
    3: "价格体系还算稳定",
    4: "业务员拜访及时，服务好",
    5: "新品卖得好，希望加大支持",
}


def seed_meetings_demo(conn: psycopg.Connection, today: dt.date, seed: int = 18) -> int:
    """Meetings, decisions and feedback as of today; returns how many meetings were made."""
    rng = random.Random(seed)
    made = 0
    ams = conn.execute(
        "select id, area_id from public.profiles where role = 'area_manager' and active"
        " and area_id is not null order by email"
    ).fetchall()
    for am_id, area_id in ams:
        area = _subtree(conn, area_id)
        dealers = [r[0] for r in conn.execute(
            "select id from public.customers where area_id = any(%s) and tier = 1"
            " and status = 'active' and deleted_at is null order by code limit %s",
            (area, DEALERS_PER_MEETING),
        ).fetchall()]  # fmt: skip
        reps = [r[0] for r in conn.execute(
            "select id from public.profiles where role = 'rep' and active and area_id = any(%s)"
            " order by email",
            (area,),
        ).fetchall()]  # fmt: skip
        if not dealers or not reps:
            continue
        _meeting(conn, today, am_id, area_id, dealers, reps)
        made += 1
    _feedback(conn, today, rng)
    return made


def _subtree(conn: psycopg.Connection, area_id: str) -> list[str]:
    rows = conn.execute(
        "with recursive t as (select %s::uuid as id union"
        " select a.id from public.areas a join t on a.parent_id = t.id) select id from t",
        (area_id,),
    ).fetchall()
    return [r[0] for r in rows]


def _meeting(
    conn: psycopg.Connection,
    today: dt.date,
    am_id: str,
    area_id: str,
    dealers: list[str],
    reps: list[str],
) -> None:
    held = today - dt.timedelta(days=MEETING_DAYS_AGO)
    with acting_as(conn, am_id) as cur:
        cur.execute(
            "select id from public.meeting_save(p_meeting_id => null, p_area_id => %s,"
            " p_kind => 'quarterly', p_held_on => %s, p_place => '区域办事处会议室',"
            " p_agenda => %s, p_minutes => %s, p_customer_ids => %s, p_staff_ids => %s)",
            (area_id, held, AGENDA, MINUTES, dealers, reps),
        )
        meeting_id = cur.fetchone()[0]
        done = []
        for text, who, days, is_done in DECISIONS:
            owner = reps[0] if who == "rep" else am_id
            cur.execute(
                "select id from public.decision_add(%s, %s, %s, %s)",
                (meeting_id, text, owner, held + dt.timedelta(days=days)),
            )
            if is_done:
                done.append(cur.fetchone()[0])
        for decision_id in done:
            cur.execute("select public.decision_done(%s, '已下发备货方案')", (decision_id,))


def _feedback(conn: psycopg.Connection, today: dt.date, rng: random.Random) -> None:
    """Per dealer, one score a month on most months, drifting up over the year."""
    rows = conn.execute(
        "select c.id, c.owner_id from public.customers c"
        " join public.profiles p on p.id = c.owner_id"
        " where c.tier = 1 and c.status = 'active' and c.deleted_at is null and p.active"
        " and p.role in ('rep', 'area_manager') order by c.code"
    ).fetchall()
    by_owner: dict[str, list[str]] = {}
    for customer_id, owner_id in rows:
        by_owner.setdefault(owner_id, []).append(customer_id)
    for owner_id, customers in by_owner.items():
        with acting_as(conn, owner_id) as cur:
            for customer_id in customers:
                for back in range(FEEDBACK_MONTHS):
                    if rng.random() < 0.3:
                        continue
                    day = _month_back(today, back)
                    trend = 2.6 + 1.4 * (FEEDBACK_MONTHS - 1 - back) / (FEEDBACK_MONTHS - 1)
                    score = min(5, max(1, round(rng.gauss(trend, 0.9))))
                    cur.execute(
                        "insert into public.customer_feedback"
                        " (customer_id, score, body, recorded_on, recorded_by)"
                        " values (%s, %s, %s, %s, %s)",
                        (customer_id, score, FEEDBACK_TEXTS[score], day, owner_id),
                    )


def _month_back(today: dt.date, months: int) -> dt.date:
    """A day in the month `months` before today's (the 12th, or today in today's month)."""
    y, m = divmod(today.year * 12 + today.month - 1 - months, 12)
    day = dt.date(y, m + 1, 12)
    return min(day, today)
