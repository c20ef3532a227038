"""A small server world for service tests against real PostgreSQL, built through the importer."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import psycopg

from backend.importer import import_frames
from fieldapp.domain.clock import monday

REP = "rep.sh@example.cn"
REP2 = "rep.zj@example.cn"
AM = "am.sh@example.cn"
SHOP = (31.2304, 121.4737)


def build_server(conn: psycopg.Connection, day: dt.date) -> dict[str, str]:
    """Areas, people, products and outlets (importer), plus an approved plan for day (SQL)."""
    users = [
        (REP, "李业务", "rep", "SH"),
        (REP2, "王业务", "rep", "ZJ"),
        (AM, "张经理", "area_manager", "SH"),
    ]
    import_frames(
        conn,
        {
            "areas": pd.DataFrame(
                [
                    {"code": "HD", "name": "华东", "parent_code": None},
                    {"code": "SH", "name": "上海", "parent_code": "HD"},
                    {"code": "ZJ", "name": "浙江", "parent_code": "HD"},
                ]
            ),
            "users": pd.DataFrame(
                [{"email": e, "full_name": n, "role": r, "area_code": a} for e, n, r, a in users]
            ),
            "products": pd.DataFrame(
                [
                    {
                        "sku": "QY-T01",
                        "name": "清泉源冰红茶",
                        "brand": "清泉源",
                        "spec": "500ml×15瓶",
                        "unit_price": 45,
                    },
                    {
                        "sku": "QY-W01",
                        "name": "清泉源饮用天然水",
                        "brand": "清泉源",
                        "spec": "550ml×24瓶",
                        "unit_price": 32.5,
                    },
                ]
            ),
            "customers": pd.DataFrame(
                [
                    {
                        "code": "D_SH",
                        "name": "上海鑫源商贸",
                        "tier": 1,
                        "area_code": "SH",
                        "owner_email": REP,
                        "credit_limit": 100000,
                        "lat": 31.24,
                        "lng": 121.48,
                        "phone": "13800000001",
                    },
                    {
                        "code": "S_SH",
                        "name": "浦东鑫源二批",
                        "tier": 2,
                        "parent_code": "D_SH",
                        "area_code": "SH",
                        "owner_email": REP,
                        "lat": 31.235,
                        "lng": 121.475,
                        "phone": "13800000002",
                    },
                    {
                        "code": "R_SH",
                        "name": "联华便利店(南京路店)",
                        "tier": 3,
                        "parent_code": "S_SH",
                        "area_code": "SH",
                        "owner_email": REP,
                        "lat": SHOP[0],
                        "lng": SHOP[1],
                        "phone": "13800000003",
                        "contact_name": "王老板",
                        "address": "上海市黄浦区南京东路1号",
                    },
                    {
                        "code": "D_ZJ",
                        "name": "杭州万家",
                        "tier": 1,
                        "area_code": "ZJ",
                        "owner_email": REP2,
                        "credit_limit": 80000,
                    },
                ]
            ),
        },
    )
    ids = {
        code: str(conn.execute("select id from customers where code = %s", (code,)).fetchone()[0])
        for code in ("D_SH", "S_SH", "R_SH", "D_ZJ")
    }
    rep, am = (
        str(conn.execute("select id from profiles where email = %s", (e,)).fetchone()[0])
        for e in (REP, AM)
    )
    ids["rep"], ids["am"] = rep, am
    ids["plan"] = str(
        conn.execute(
            "insert into visit_plans (rep_id, week_start, status, submitted_at, decided_by, decided_at)"
            " values (%s, %s, 'approved', now(), %s, now()) returning id",
            (rep, monday(day), am),
        ).fetchone()[0]
    )
    for seq, code in enumerate(("R_SH", "S_SH"), start=1):
        ids[f"stop{seq}"] = str(
            conn.execute(
                "insert into visit_plan_stops (plan_id, customer_id, visit_date, seq)"
                " values (%s, %s, %s, %s) returning id",
                (ids["plan"], ids[code], day, seq),
            ).fetchone()[0]
        )
    ids["P1"] = str(conn.execute("select id from products where sku = 'QY-T01'").fetchone()[0])
    ids["P2"] = str(conn.execute("select id from products where sku = 'QY-W01'").fetchone()[0])
    return ids
