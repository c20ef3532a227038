"""A small world for access tests: two areas, each with a rep, an area manager, a dealer and its
records; a manager over both. Built as the service side would (importer + superuser SQL)."""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd
import psycopg
from psycopg.conninfo import make_conninfo

from backend.importer import import_frames
from tests.postgrest import claims_for

PERSONAS = ("rep", "rep2", "am", "am2", "mgr", "dealer", "dealer2", "anon")
EMAILS = {
    "rep": "rep.sh@example.cn",
    "rep2": "rep.zj@example.cn",
    "am": "am.sh@example.cn",
    "am2": "am.zj@example.cn",
    "mgr": "boss@example.cn",
    "dealer": "dealer.sh@example.cn",
    "dealer2": "dealer.zj@example.cn",
}


@dataclass
class World:
    """Ids of everything the access tests refer to."""

    users: dict[str, str]
    ids: dict[str, str]  # named rows: customer codes, tables' target rows

    def claims(self, persona: str) -> dict | None:
        """JWT claims of a persona (None for anon)."""
        if persona == "anon":
            return None
        return claims_for(self.users[persona], EMAILS[persona])


def _frames() -> dict[str, pd.DataFrame]:
    d = dt.date
    users = [
        ("rep", "李业务", "rep", "SH", None),
        ("rep2", "王业务", "rep", "ZJ", None),
        ("am", "张经理", "area_manager", "SH", None),
        ("am2", "赵经理", "area_manager", "ZJ", None),
        ("mgr", "陈总", "manager", None, None),
        ("dealer", "上海经销商", "dealer", None, "D_SH"),
        ("dealer2", "浙江经销商", "dealer", None, "D_ZJ"),
    ]
    return {
        "areas": pd.DataFrame(
            [
                {"code": "HD", "name": "华东", "parent_code": None},
                {"code": "SH", "name": "上海", "parent_code": "HD"},
                {"code": "ZJ", "name": "浙江", "parent_code": "HD"},
            ]
        ),
        "users": pd.DataFrame(
            [
                {"email": EMAILS[k], "full_name": n, "role": r, "area_code": a, "customer_code": c}
                for k, n, r, a, c in users
            ]
        ),
        "products": pd.DataFrame(
            [{"sku": "P1", "name": "冰红茶", "brand": "清泉", "spec": "500ml×15", "unit_price": 36}]
        ),
        "customers": pd.DataFrame(
            [
                {
                    "code": "D_SH",
                    "name": "上海鑫源",
                    "tier": 1,
                    "area_code": "SH",
                    "owner_email": EMAILS["rep"],
                    "credit_limit": 100000,
                },
                {
                    "code": "S_SH",
                    "name": "浦东二批",
                    "tier": 2,
                    "parent_code": "D_SH",
                    "area_code": "SH",
                    "owner_email": EMAILS["rep"],
                },
                {
                    "code": "D_ZJ",
                    "name": "杭州万家",
                    "tier": 1,
                    "area_code": "ZJ",
                    "owner_email": EMAILS["rep2"],
                    "credit_limit": 80000,
                },
            ]
        ),
        "contracts": pd.DataFrame(
            [
                {
                    "contract_no": "HT-SH",
                    "customer_code": "D_SH",
                    "status": "effective",
                    "signed_on": d(2026, 1, 2),
                    "custodian_email": EMAILS["mgr"],
                }
            ]
        ),
        "contract_lines": pd.DataFrame(
            [{"contract_no": "HT-SH", "line_no": 1, "sku": "P1", "quantity": 100, "unit_price": 35}]
        ),
        "plans": pd.DataFrame(
            [
                {
                    "customer_code": "D_SH",
                    "sku": "P1",
                    "month": d(2026, 1, 1),
                    "quantity": 10,
                    "amount": 360,
                }
            ]
        ),
        "shipments": pd.DataFrame(
            [
                {
                    "doc_no": "SO-SH",
                    "line_no": 1,
                    "customer_code": "D_SH",
                    "sku": "P1",
                    "shipped_on": d(2026, 1, 5),
                    "quantity": 10,
                    "unit_price": 36,
                }
            ]
        ),
        "payments": pd.DataFrame(
            [
                {
                    "reference": "PAY-SH",
                    "customer_code": "D_SH",
                    "paid_on": d(2026, 1, 9),
                    "amount": 360,
                }
            ]
        ),
        "returns": pd.DataFrame(
            [
                {
                    "reference": "RT-SH",
                    "customer_code": "D_SH",
                    "kind": "return",
                    "requested_on": d(2026, 1, 7),
                }
            ]
        ),
        "expenses": pd.DataFrame(
            [
                {
                    "reference": "EX-SH",
                    "customer_code": "D_SH",
                    "spent_on": d(2026, 1, 3),
                    "category": "promotion",
                    "amount": 100,
                }
            ]
        ),
        "budgets": pd.DataFrame(
            [
                {
                    "customer_code": "D_SH",
                    "period_start": d(2026, 1, 1),
                    "period_end": d(2026, 3, 31),
                    "amount": 900,
                }
            ]
        ),
        "incidents": pd.DataFrame(
            [
                {
                    "customer_code": "D_SH",
                    "occurred_on": d(2026, 1, 4),
                    "kind": "theft",
                    "description": "仓库被盗",
                    "reporter_email": EMAILS["rep"],
                }
            ]
        ),
        "evaluations": pd.DataFrame(
            [
                {
                    "customer_code": "D_SH",
                    "evaluated_on": d(2026, 1, 31),
                    "evaluator_email": EMAILS["am"],
                    **{
                        k: 3
                        for k in [
                            "enthusiasm",
                            "flexibility",
                            "distribution_capacity",
                            "capital_strength",
                            "hot_brands",
                            "logistics",
                            "credit",
                            "social_relations",
                            "sales_management",
                            "network",
                            "promotion_ability",
                            "after_sales",
                            "relationship",
                        ]
                    },
                }
            ]
        ),
    }


def build_world(conn: psycopg.Connection) -> World:
    """Import the base data, then add the field records the importer does not carry."""
    import_frames(conn, _frames())
    users = {
        k: str(conn.execute("select id from profiles where email = %s", (e,)).fetchone()[0])
        for k, e in EMAILS.items()
    }
    ids: dict[str, str] = {}

    def one(query: str, *params: object) -> str:
        return str(conn.execute(query, params).fetchone()[0])

    for code in ("D_SH", "S_SH", "D_ZJ"):
        ids[code] = one("select id from customers where code = %s", code)
    for code in ("HD", "SH", "ZJ"):
        ids[f"area_{code}"] = one("select id from areas where code = %s", code)
    ids["product"] = one("select id from products")
    d_sh, rep = ids["D_SH"], users["rep"]
    ids["contract"] = one("select id from contracts")
    ids["shipment"] = one("select id from shipments")
    ids["customer_contacts"] = one(
        "insert into customer_contacts (customer_id, name) values (%s, '刘老板') returning id", d_sh
    )
    ids["customer_notes"] = one(
        "insert into customer_notes (customer_id, author_id, kind, body)"
        " values (%s, %s, 'social_relations', '老板与税务局长是同学') returning id",
        d_sh,
        rep,
    )
    ids["photos"] = one(
        "insert into photos (customer_id, kind, storage_path, taken_by)"
        " values (%s, 'shelf', 'p/1.jpg', %s) returning id",
        d_sh,
        rep,
    )
    ids["photo_files"] = one(
        "insert into photo_files (photo_id, mime, size, sha256, uploaded_by)"
        " values (%s, 'image/jpeg', 4, encode(sha256('\\xffd8ffe0'::bytea), 'hex'), %s)"
        " returning photo_id",
        ids["photos"],
        rep,
    )
    ids["photos2"] = one(  # taken, its file not uploaded yet
        "insert into photos (customer_id, kind, storage_path, taken_by)"
        " values (%s, 'display', 'p/3.jpg', %s) returning id",
        d_sh,
        rep,
    )
    ids["contract_events"] = one(
        "insert into contract_events (contract_id, to_status, actor_id) values (%s, 'effective', %s)"
        " returning id",
        ids["contract"],
        users["mgr"],
    )
    ids["visit_plans"] = one(
        "insert into visit_plans (rep_id, week_start) values (%s, '2026-11-30') returning id", rep
    )
    ids["visit_plan_stops"] = one(
        "insert into visit_plan_stops (plan_id, customer_id, visit_date, seq)"
        " values (%s, %s, '2026-11-30', 1) returning id",
        ids["visit_plans"],
        d_sh,
    )
    ids["visit_plan_decisions"] = one(
        "insert into visit_plan_decisions (plan_id, rep_id, decided_by, decided_at, decision, comment)"
        " values (%s, %s, %s, now(), 'rejected', '路线太长') returning id",
        ids["visit_plans"],
        rep,
        users["am"],
    )
    ids["visits"] = one(
        "insert into visits (rep_id, customer_id, checkin_at) values (%s, %s, now()) returning id",
        rep,
        d_sh,
    )
    ids["stock_counts"] = one(
        "insert into stock_counts (visit_id, customer_id, product_id, quantity)"
        " values (%s, %s, %s, 5) returning id",
        ids["visits"],
        d_sh,
        ids["product"],
    )
    ids["display_templates"] = one(
        "insert into display_templates (name, tier) values ('经销商陈列', 1) returning id"
    )
    ids["display_items"] = one(
        "insert into display_items (template_id, sort, label, kind)"
        " values (%s, 1, 'POP', 'yes_no') returning id",
        ids["display_templates"],
    )
    ids["display_items2"] = one(
        "insert into display_items (template_id, sort, label, kind)"
        " values (%s, 2, '排面数', 'count') returning id",
        ids["display_templates"],
    )
    ids["display_answers"] = one(
        "insert into display_answers (visit_id, customer_id, item_id, yes_value, answered_by)"
        " values (%s, %s, %s, true, %s) returning id",
        ids["visits"],
        d_sh,
        ids["display_items"],
        rep,
    )
    ids["competitor_reports"] = one(
        "insert into competitor_reports (visit_id, customer_id, brand, product, shelf_price,"
        " facings, reported_by) values (%s, %s, '康师傅', '冰红茶', 3.5, 4, %s) returning id",
        ids["visits"],
        d_sh,
        rep,
    )
    ids["orders"] = one(
        "insert into orders (customer_id, rep_id, ordered_on) values (%s, %s, private.company_today()) returning id",
        d_sh,
        rep,
    )
    ids["order_lines"] = one(
        "insert into order_lines (order_id, product_id, quantity, unit_price) values (%s, %s, 2, 36)"
        " returning id",
        ids["orders"],
        ids["product"],
    )
    # an outlet's order submitted to its dealer D_SH (the order RPCs' target)
    ids["order_submitted"] = one(
        "insert into orders (customer_id, rep_id, ordered_on, status, supplier_id, submitted_at)"
        " values (%s, %s, private.company_today(), 'submitted', %s, now()) returning id",
        ids["S_SH"],
        rep,
        d_sh,
    )
    conn.execute(
        "insert into order_lines (order_id, product_id, quantity, unit_price) values (%s, %s, 3, 36)",
        (ids["order_submitted"], ids["product"]),
    )
    ids["support_activities"] = one(
        "insert into support_activities (customer_id, kind, title) values (%s, 'training', '产品培训')"
        " returning id",
        d_sh,
    )
    ids["complaints"] = one(
        "insert into complaints (customer_id, raised_by, raised_on, category, detail)"
        " values (%s, %s, private.company_today(), 'delivery', '到货晚了') returning id",
        d_sh,
        users["dealer"],
    )
    ids["customer_classifications"] = one(
        "insert into customer_classifications (customer_id, as_of, volume_12m, loyalty_score, quadrant, grade)"
        " values (%s, date '2026-01-01', 1000, 70, 'cultivate', 'B') returning id",  # before the import's own
        d_sh,
    )
    ids["warnings"] = one(
        "insert into warnings (customer_id, kind, cause_key, severity, owner_id, figures)"
        " values (%s, 'credit_over_limit', 'balance', 'high', %s, '{}') returning id",
        d_sh,
        rep,
    )
    for table in [
        "contract_lines",
        "sales_plans",
        "payments",
        "returns",
        "expenses",
        "expense_budgets",
        "incidents",
        "evaluations",
    ]:
        ids[table] = one(f"select id from {table}")  # the only row of each
    ids["warning_thresholds"] = one(
        "insert into warning_thresholds (setting_key, grade, value) values ('warning.churn.days', 'B', 60)"
        " returning id"
    )
    # the audit of that override (setting_changes is written by triggers only)
    ids["setting_changes"] = one(
        "select id from setting_changes where setting_key = 'warning.churn.days' and grade = 'B'"
    )
    ids["customer_conduct_flags"] = one(
        "insert into customer_conduct_flags (customer_id, kind, flagged_on, reported_by)"
        " values (%s, 'cross_territory', '2026-01-20', %s) returning id",
        d_sh,
        rep,
    )
    # a day a conduct flag may have whenever the tests run (not in the future, not over a year ago)
    ids["flag_day"] = one("select private.company_today()::text")
    ids["customer_eliminations"] = one(  # an open request of D_SH by its area manager
        "insert into customer_eliminations (customer_id, reason, requested_by)"
        " values (%s, '连续两年窜货，屡教不改', %s) returning id",
        d_sh,
        users["am"],
    )
    # a quarterly meeting of the SH area that D_SH attended, a decision owned by its rep, and
    # the rep's feedback of D_SH at it
    ids["meetings"] = one(
        "insert into meetings (area_id, kind, held_on, place, agenda, created_by)"
        " values (%s, 'quarterly', '2026-10-15', '上海', '四季度铺货', %s) returning id",
        ids["area_SH"],
        users["am"],
    )
    ids["meeting_attendees"] = one(
        "insert into meeting_attendees (meeting_id, customer_id) values (%s, %s) returning id",
        ids["meetings"],
        d_sh,
    )
    ids["meeting_decisions"] = one(
        "insert into meeting_decisions (meeting_id, body, owner_id, due_on, created_by)"
        " values (%s, '补齐冰红茶陈列', %s, '2026-11-15', %s) returning id",
        ids["meetings"],
        rep,
        users["am"],
    )
    ids["customer_feedback"] = one(
        "insert into customer_feedback (customer_id, score, body, meeting_id, recorded_on, recorded_by)"
        " values (%s, 4, '送货及时', %s, '2026-10-15', %s) returning id",
        d_sh,
        ids["meetings"],
        rep,
    )
    ids["sync_clients"] = one(
        "insert into sync_clients (client_id, user_id) values (gen_random_uuid(), %s) returning client_id",
        rep,
    )
    ids["sync_revocations"] = one(
        "insert into sync_revocations (user_id, table_name, row_id) values (%s, 'customers', %s) returning id",
        rep,
        ids["D_ZJ"],
    )
    # a second delivery of D_SH, confirmed by its dealer with a damaged box and a missing one:
    # the confirmation opens a delivery_discrepancy case (owner: the SH area manager)
    for line_no, qty in ((1, 10), (2, 5)):
        conn.execute(
            "insert into shipments (doc_no, line_no, customer_id, product_id, shipped_on, quantity,"
            " unit_price, amount) values ('SO-SH2', %s, %s, %s, '2025-12-20', %s, 36, %s)",
            (line_no, d_sh, ids["product"], qty, qty * 36),
        )
    ids["delivery_confirmations"] = one(
        "insert into delivery_confirmations (doc_no, lines, note, confirmed_by)"
        " select 'SO-SH2', jsonb_build_array(jsonb_build_object('shipment_id', s.id, 'damaged', 1,"
        " 'missing', 1)), '一箱破损，少一箱', %s from shipments s"
        " where s.doc_no = 'SO-SH2' and s.line_no = 1 returning id",
        users["dealer"],
    )
    ids["cases"] = one("select id from cases where doc_no = 'SO-SH2'")
    ids["case_lines"] = one("select id from case_lines where case_id = %s", ids["cases"])
    # the dealer's repair request for one box of SO-SH: the insert opens its case (same id)
    ids["case_requests"] = one(
        "insert into case_requests (customer_id, kind, lines, reason, requested_by)"
        " select %s, 'repair', jsonb_build_array(jsonb_build_object('shipment_id', s.id,"
        " 'quantity', 1)), '一箱漏液，请维修', %s from shipments s where s.doc_no = 'SO-SH'"
        " returning id",
        d_sh,
        users["dealer"],
    )
    ids["case_events"] = one("select id from case_events where case_id = %s", ids["cases"])
    ids["warning_events"] = one(  # written by the service side (people write through the desk)
        "insert into warning_events (warning_id, customer_id, action, note, to_status)"
        " values (%s, %s, 'note', '系统导入的跟进记录', 'open') returning id",
        ids["warnings"],
        d_sh,
    )
    ids["geocode_cache"] = one(  # written by `fieldsales geocode` (the service side) only
        "insert into geocode_cache (provider, address_key, address, status, reason)"
        " values ('nominatim', '上海市人民广场', '上海市人民广场', 'not_found', '无结果')"
        " returning id",
    )
    ids["notify_channels"] = one(  # inactive: queues nothing for the tests' own bots
        "insert into notify_channels (area_id, name, platform, webhook_ref, active)"
        " values (%s, '上海群', 'wecom', 'env:NOTIFY_SH_WECOM_URL', false) returning id",
        ids["area_SH"],
    )
    # an executive visit of D_SH planned by its area manager, and a distribution target of D_SH
    # (written the service side's way; people write both through their RPCs only)
    ids["executive_visits"] = one(
        "insert into executive_visits (customer_id, executive_id, planned_on, purpose, created_by)"
        " values (%s, %s, private.company_today() + 7, '年度合作洽谈', %s) returning id",
        d_sh,
        users["am"],
        users["am"],
    )
    ids["distribution_targets"] = one(
        "insert into distribution_targets (dealer_id, product_id, month, target_pct,"
        " target_outlets) values (%s, %s, '2026-01-01', 60, 2) returning id",
        d_sh,
        ids["product"],
    )
    ids["distribution_target_changes"] = one(  # its audit row (written by the trigger)
        "select id from distribution_target_changes where target_id = %s",
        ids["distribution_targets"],
    )
    ids["sync_meta"] = "epoch"
    ids["areas"] = ids["area_SH"]
    ids["profiles"] = rep
    ids["customers"] = d_sh
    ids["contracts"] = ids["contract"]
    ids["shipments"] = ids["shipment"]
    ids["products"] = ids["product"]
    ids["settings"] = "visit.checkin_radius_m"
    return World(users, ids)


@contextlib.contextmanager
def world_database(
    server_url: str, template_db: str, prefix: str
) -> Iterator[tuple[psycopg.Connection, World]]:
    """A database of its own (a clone of the migrated template) with the access world built in
    it; dropped afterwards. For a module's tests that each roll back what they do."""
    name = f"fieldsales_{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"create database {name} template {template_db}")
    try:
        with psycopg.connect(make_conninfo(server_url, dbname=name), autocommit=True) as conn:
            yield conn, build_world(conn)
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f"drop database if exists {name} with (force)")
