"""Approved visit plans for the demo reps (the demo workbook has none): a day of nearby stops,
so that a demo rep's Today is never empty. Service-side SQL, as a manager's approval would leave
the rows; `fieldsales demo` calls it on every start (reps who already plan that week are skipped).
"""

from __future__ import annotations

import datetime as dt

import psycopg

from fieldapp.domain.clock import monday
from fieldapp.domain.distance import haversine_m
from fieldapp.domain.route import Stop, optimize_route


def seed_today_plans(
    conn: psycopg.Connection, day: dt.date, stops: int = 6
) -> dict[str, list[str]]:
    """For every rep without a plan that week: an approved plan with `stops` nearby outlets on
    day, in optimised route order. Returns rep email → outlet codes in visiting order."""
    with conn.transaction():
        return _seed(conn, day, stops)


def _seed(conn: psycopg.Connection, day: dt.date, stops: int) -> dict[str, list[str]]:
    week = monday(day)
    out: dict[str, list[str]] = {}
    reps = conn.execute(
        "select p.id, p.email, p.area_id from profiles p where p.role = 'rep' and p.active"
        " and not exists (select from visit_plans v where v.rep_id = p.id and v.week_start = %s)"
        " order by p.email",
        (week,),
    ).fetchall()
    for rep_id, email, area_id in reps:
        outlets = conn.execute(
            "select id::text, code, lat, lng from customers where owner_id = %s and tier > 1"
            " and status = 'active' and lat is not null and deleted_at is null order by code",
            (rep_id,),
        ).fetchall()
        if not outlets:
            continue
        first = outlets[0]
        nearest = sorted(outlets, key=lambda o: haversine_m(first[2], first[3], o[2], o[3]))[:stops]
        route = optimize_route([Stop(o[0], o[2], o[3]) for o in nearest])
        approver = conn.execute(
            "select id from profiles where active and (role = 'manager' or (role = 'area_manager'"
            " and area_id = %s)) order by role = 'area_manager' desc limit 1",
            (area_id,),
        ).fetchone()[0]
        plan_id = conn.execute(
            "insert into visit_plans (rep_id, week_start, status, submitted_at, decided_by,"
            " decided_at, decision_comment) values (%s, %s, 'approved', now(), %s, now(), '同意')"
            " returning id",
            (rep_id, week, approver),
        ).fetchone()[0]
        codes = {o[0]: o[1] for o in nearest}
        for seq, customer_id in enumerate(route.order, start=1):
            conn.execute(
                "insert into visit_plan_stops (plan_id, customer_id, visit_date, seq)"
                " values (%s, %s, %s, %s)",
                (plan_id, customer_id, day, seq),
            )
        out[email] = [codes[c] for c in route.order]
    return out


def todays_routes(conn: psycopg.Connection, day: dt.date) -> dict[str, list[str]]:
    """Rep email → outlet codes planned for day, in route order (approved or not)."""
    rows = conn.execute(
        "select u.email, array_agg(c.code order by s.seq) from visit_plan_stops s"
        " join visit_plans p on p.id = s.plan_id join profiles u on u.id = p.rep_id"
        " join customers c on c.id = s.customer_id where s.visit_date = %s group by u.email",
        (day,),
    ).fetchall()
    return dict(rows)
