"""Every table x every persona x select/insert/update/delete, from one declarative table.

Each target row belongs to the Shanghai side of the world (dealer D_SH, owned by `rep`, area SH,
under `am`); `rep2`, `am2`, `dealer2` are the Zhejiang side. Letters: S select, I insert (a row
like the target, with the persona as author where the table has one), U update, D delete.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
from psycopg import sql

from tests.db.access_world import PERSONAS, World, world_database
from tests.postgrest import request


@dataclass(frozen=True)
class Case:
    """How to touch one table, and what each persona may do."""

    update: str  # "column = value" — harmless, valid for the target row
    insert: dict[str, Any]  # new row; "$me" = the persona, "@name" = a world id
    expect: str  # per persona, in PERSONAS order, separated by spaces; "-" for nothing
    key: str = "id"


MATRIX: dict[str, Case] = {
    #                    rep     rep2   am      am2    mgr     dealer  dealer2 anon
    "areas": Case("name = '上海区'", {"code": "NEW", "name": "新区", "parent_id": "@area_HD"},
                  "S       S      S       S      SIUD    -       -       -"),
    "profiles": Case("phone = '13900000000'", {"id": "$me", "email": "x@example.cn",
                     "full_name": "某", "role": "rep", "area_id": "@area_SH"},
                     "SU      S      S       S      S       -       -       -"),
    # an owner is a rep or area manager of the area (not the manager inserting it)
    "customers": Case("address = '新地址'", {"code": "NEW1", "name": "新网点", "tier": 2,
                      "parent_id": "@D_SH", "owner_id": "@user:rep", "area_id": "@area_SH"},
                      "SIU     -      SIU     -      SIUD    -       -       -"),
    "customer_contacts": Case("title = '店长'", {"customer_id": "@D_SH", "name": "新联系人"},
                              "SIUD    -      SIUD    -      SIUD    -       -       -"),
    "customer_notes": Case("body = '改'", {"customer_id": "@D_SH", "author_id": "$me",
                           "kind": "standing", "body": "口碑好"},
                           "SIUD    -      SI      -      SID     -       -       -"),
    "photos": Case("kind = 'display'", {"customer_id": "@D_SH", "kind": "shelf",
                   "storage_path": "p/2.jpg", "taken_by": "$me"},
                   # a dealer adds photos of its own company; it reads only its people's
                   "SIUD    -      SI      -      SID     I       -       -"),
    # a file follows its photo: seen by who sees the photo, uploaded by its photographer only
    "photo_files": Case("mime = 'image/png'", {"photo_id": "@photos2", "mime": "image/png",
                        "size": 4, "sha256": "0" * 64, "uploaded_by": "$me"},
                        "SI      -      S       -      S       -       -       -",
                        key="photo_id"),
    "products": Case("name = '冰红茶2'", {"sku": "P9", "name": "新品", "brand": "清泉",
                     "spec": "1L", "unit_price": 5},
                     "S       S      S       S      SIUD    S       S       -"),
    "contracts": Case("quality_terms = '国标'", {"contract_no": "HT-NEW", "customer_id": "@D_SH"},
                      "S       -      SI      -      SI      S       -       -"),
    # the world's contract is effective: nobody edits it or its goods (amend_contract instead)
    "contract_lines": Case("variety = '茶'", {"contract_id": "@contract", "line_no": 2,
                           "quantity": 1, "unit_price": 1},
                           "S       -      S       -      S       S       -       -"),
    "contract_events": Case("note = '改'", {"contract_id": "@contract", "to_status": "signed",
                            "actor_id": "$me"},
                            "S       -      S       -      S       -       -       -"),
    "sales_plans": Case("schedule = '上旬'", {"customer_id": "@D_SH", "product_id": "@product",
                        "month": "2026-02-01", "quantity": 1, "amount": 36},
                        "S       -      SIUD    -      SIUD    S       -       -"),
    # a dealer's direct update obeys confirm_delivery: quantities, and a note for a shortfall
    "shipments": Case("received_quantity = 9, damaged_quantity = 0, discrepancy_note = '少一箱'", {"doc_no": "SO-N", "line_no": 1,
                      "customer_id": "@D_SH", "product_id": "@product", "shipped_on": "2026-02-01",
                      "quantity": 1, "unit_price": 36, "amount": 36},
                      "S       -      S       -      SIUD    SU      -       -"),
    "payments": Case("note = '转账'", {"reference": "PAY-N", "customer_id": "@D_SH",
                     "paid_on": "2026-02-01", "amount": 10},
                     "S       -      S       -      SIUD    S       -       -"),
    "returns": Case("reason = '临期'", {"reference": "RT-N", "customer_id": "@D_SH",
                    "kind": "exchange", "requested_on": "2026-02-01"},
                    "SI      -      SIU     -      SIUD    SI      -       -"),
    "complaints": Case("investigation = '已查'", {"customer_id": "@D_SH", "raised_by": "$me",
                       "raised_on": "2026-02-01", "category": "product", "detail": "漏液"},
                       "SIU     -      SIU     -      SIUD    SI      -       -"),
    "support_activities": Case("title = '陈列指导'", {"customer_id": "@D_SH",
                               "kind": "store_display", "title": "POP"},
                               "SIU     -      SIUD    -      SIUD    -       -       -"),
    "expenses": Case("description = '试吃'", {"reference": "EX-N", "customer_id": "@D_SH",
                     "spent_on": "2026-02-01", "category": "promotion", "amount": 1},
                     "S       -      SIU     -      SIUD    -       -       -"),
    "expense_budgets": Case("amount = 1000", {"customer_id": "@D_SH",
                            "period_start": "2026-04-01", "period_end": "2026-06-30", "amount": 1},
                            "S       -      S       -      SIUD    -       -       -"),
    "incidents": Case("description = '已报警'", {"customer_id": "@D_SH", "occurred_on": "2026-02-01",
                      "kind": "accident", "description": "车祸", "reported_by": "$me"},
                      "SIU     -      SIU     -      SIUD    -       -       -"),
    "evaluations": Case("comment = '良好'", {"customer_id": "@D_SH", "evaluator_id": "$me",
                        "evaluated_on": "2026-02-28", **{k: 3 for k in ["enthusiasm", "flexibility", "distribution_capacity", "capital_strength", "hot_brands", "logistics", "credit", "social_relations", "sales_management", "network", "promotion_ability", "after_sales", "relationship"]}},
                        "S       -      SIU     -      SID     -       -       -"),
    "customer_classifications": Case("grade = 'A'", {"customer_id": "@D_SH", "as_of": "2026-02-01",
                                     "volume_12m": 1, "loyalty_score": 1, "quadrant": "core",
                                     "grade": "A"},
                                     "S       -      S       -      S       -       -       -"),
    "warnings": Case("notes = '已电话联系'", {"customer_id": "@D_SH", "kind": "churn",
                     "cause_key": "x", "severity": "low", "figures": "{}"},
                     "S       -      S       -      S       -       -       -"),
    # the history of a warning: read like warnings, written only by the desk's RPCs
    "warning_events": Case("note = '改'", {"warning_id": "@warnings", "customer_id": "@D_SH",
                           "action": "note", "note": "已联系"},
                           "S       -      S       -      S       -       -       -"),
    "settings": Case("description = '签到半径'", {"key": "new.setting", "value": "1",
                     "description": "d"},
                     "S       S      S       S      SIUD    -       -       -", key="key"),
    # (a soft delete by update needs the delete policy: tests/db/test_access_references.py)
    "visit_plans": Case("updated_at = now()", {"rep_id": "$me", "week_start": "2026-12-07"},
                        "SIUD    I      SU      -      SU      -       -       -"),
    "visit_plan_stops": Case("seq = 2", {"plan_id": "@visit_plans", "customer_id": "@D_SH",
                             "visit_date": "2026-12-01", "seq": 3},
                             "SIUD    -      S       -      S       -       -       -"),
    "visit_plan_decisions": Case("comment = '改'", {"plan_id": "@visit_plans", "rep_id": "$me",
                                 "decided_by": "$me", "decided_at": "2026-11-27T09:00:00+08",
                                 "decision": "approved"},
                                 "S       -      S       -      S       -       -       -"),
    "visits": Case("notes = '顺利'", {"rep_id": "$me", "customer_id": "@D_SH",
                   "checkin_at": "2026-11-27T09:00:00+08"},
                   "SIUD    -      SI      -      SI      -       -       -"),
    "stock_counts": Case("quantity = 7", {"visit_id": "@visits", "customer_id": "@D_SH",
                         "product_id": "@product", "quantity": 1},
                         "SIUD    -      S       -      S       -       -       -"),
    # display checks (陈列检查): staff read templates and items, managers write them; answers and
    # competitor reports (竞品上报) follow the visit: its rep writes them, staff read them
    "display_templates": Case("name = '改'", {"name": "门店陈列", "tier": 3},
                              "S       S      S       S      SIUD    -       -       -"),
    "display_items": Case("label = '改'", {"template_id": "@display_templates", "label": "价签",
                          "kind": "yes_no"},
                          "S       S      S       S      SIUD    -       -       -"),
    "display_answers": Case("yes_value = false", {"visit_id": "@visits", "customer_id": "@D_SH",
                            "item_id": "@display_items2", "count_value": 3},
                            "SIU     -      S       -      S       -       -       -"),
    "competitor_reports": Case("brand = '统一'", {"visit_id": "@visits", "customer_id": "@D_SH",
                               "brand": "统一", "shelf_price": 3, "reported_by": "$me"},
                               "SIU     -      S       -      S       -       -       -"),
    "orders": Case("note = '加急'", {"customer_id": "@D_SH", "rep_id": "$me",
                   "ordered_on": "2026-11-27"},
                   "SIUD    -      SI      -      SI      -       -       -"),
    "order_lines": Case("quantity = 3", {"order_id": "@orders", "product_id": "@product",
                        "quantity": 1, "unit_price": 36},
                        "SIUD    -      S       -      S       -       -       -"),
    "warning_thresholds": Case("note = '重点客户'", {"setting_key": "warning.churn.days",
                               "grade": "C", "value": 120},
                               "S       S      S       S      SIUD    -       -       -"),
    "customer_conduct_flags": Case("note = '已核实'", {"customer_id": "@D_SH",
                                   "kind": "dumping", "flagged_on": "@flag_day",
                                   "reported_by": "$me"},
                                   "SIU     -      SIU     -      SIUD    -       -       -"),
    # elimination requests (淘汰) are written by their RPCs only
    "customer_eliminations": Case("reason = '改'", {"customer_id": "@D_SH", "reason": "淘汰",
                                  "requested_by": "$me"},
                                  "S       -      S       -      S       -       -       -"),
    # executive visits (高层拜访): read by staff who see the customer, written by their RPCs
    # only; dealers read none
    "executive_visits": Case("purpose = '改'", {"customer_id": "@D_SH", "executive_id": "$me",
                             "planned_on": "2027-01-04", "purpose": "拜访",
                             "created_by": "$me"},
                             "S       -      S       -      S       -       -       -"),
    # distribution targets (分销目标) and their audit: read by staff in scope, written by
    # distribution_target_set (and the audit trigger) only
    "distribution_targets": Case("target_pct = 70", {"dealer_id": "@D_SH",
                                 "product_id": "@product", "month": "2026-02-01",
                                 "target_pct": 50, "target_outlets": 1},
                                 "S       -      S       -      S       -       -       -"),
    "distribution_target_changes": Case("new_pct = 70", {"target_id": "@new_uuid",
                                        "dealer_id": "@D_SH", "product_id": "@product",
                                        "month": "2026-02-01", "new_pct": 50},
                                        "S       -      S       -      S       -       -       -"),
    # meetings (业务座谈会) and who attended are written by their RPCs only; a dealer reads those
    # it attended. A decision's owner (rep), the area manager and managers mark it done
    # (status only: section 4 of 20261212100000_meetings.sql)
    "meetings": Case("place = '改'", {"area_id": "@area_SH", "kind": "ad_hoc",
                     "held_on": "2026-11-01", "agenda": "议题"},
                     "S       -      S       -      S       S       -       -"),
    "meeting_attendees": Case("deleted_at = null", {"meeting_id": "@meetings",
                              "customer_id": "@S_SH"},
                              "S       -      S       -      S       S       -       -"),
    "meeting_decisions": Case("status = 'done'", {"meeting_id": "@meetings", "body": "决议",
                              "owner_id": "$me", "due_on": "2026-12-01"},
                              "SU      -      SU      -      SU      S       -       -"),
    # feedback (客户意见): staff record it for customers they see, its recorder corrects it, a
    # dealer reads its own; nobody deletes one
    "customer_feedback": Case("body = '改'", {"customer_id": "@D_SH", "score": 3,
                              "body": "价格偏高", "recorded_by": "$me"},
                              "SIU     -      SI      -      SI      S       -       -"),
    # a dealer confirms its own deliveries (once: nobody changes a confirmation); cases and
    # their lines and history are written by the case RPCs only
    "delivery_confirmations": Case("note = '改'", {"doc_no": "SO-SH", "customer_id": "@D_SH"},
                                   "S       -      S       -      S       SI      -       -"),
    "cases": Case("detail = '改'", {"kind": "complaint", "customer_id": "@D_SH", "title": "漏液"},
                  "S       -      S       -      S       S       -       -"),
    "case_lines": Case("quantity = 3", {"case_id": "@cases", "customer_id": "@D_SH",
                       "quantity": 1},
                       "S       -      S       -      S       S       -       -"),
    "case_events": Case("note = '改'", {"case_id": "@cases", "customer_id": "@D_SH",
                        "action": "note", "note": "已联系"},
                        "S       -      S       -      S       S       -       -"),
    # a dealer raises requests for its own company, staff for customers they see; nobody changes
    # one (its case was opened from it)
    "case_requests": Case("reason = '改'", {"customer_id": "@D_SH", "kind": "complaint",
                          "reason": "漏液"},
                          "SI      -      SI      -      SI      SI      -       -"),
    "sync_clients": Case("last_mutation_id = 5", {"client_id": "@new_uuid", "user_id": "$me"},
                         "SIUD    I      I       I      I       I       I       -",
                         key="client_id"),
    "sync_revocations": Case("row_id = user_id", {"user_id": "$me", "table_name": "customers",
                             "row_id": "@D_SH"},
                             "S       -      -       -      -       -       -       -"),
    # group bots: managers only; nobody else reads one (docs/notify.md)
    # the audit of settings and thresholds: written by triggers only, read by managers
    "setting_changes": Case("new_value = '1'", {"setting_key": "x.y", "new_value": "1"},
                            "-       -      -       -      S       -       -       -"),
    "notify_channels": Case("name = '上海群二'", {"name": "新群", "platform": "wecom",
                            "webhook_ref": "env:NEW_BOT"},
                            "-       -      -       -      SIUD    -       -       -"),
    # the geocoder's cache: reference data read by staff, written by `fieldsales geocode` only
    "geocode_cache": Case("reason = '改'", {"provider": "amap", "address_key": "新地址",
                          "address": "新地址", "status": "not_found", "reason": "无结果"},
                          "S       S      S       S      S       -       -       -"),
    "sync_meta": Case("value = 9", {"key": "other", "value": 1},
                      "S       S      S       S      S       S       S       -", key="key"),
}  # fmt: skip


@pytest.fixture(scope="module")
def world_conn(server_url: str, template_db: str):
    """One database with the access world for the whole module (every check rolls back)."""
    with world_database(server_url, template_db, "acl") as conn_world:
        yield conn_world


def _value(v: Any, world: World, persona: str) -> Any:
    if v == "$me":
        return world.users.get(persona, "00000000-0000-4000-8000-000000000000")
    if v == "@new_uuid":
        return str(uuid.uuid4())
    if isinstance(v, str) and v.startswith("@user:"):
        return world.users[v.removeprefix("@user:")]
    if isinstance(v, str) and v.startswith("@"):
        return world.ids[v[1:]]
    return v


def _allowed(
    conn: psycopg.Connection, world: World, table: str, case: Case, persona: str, op: str
) -> bool:
    """Try one operation as the persona inside a rolled-back request."""
    target = world.ids[table]
    t, k = sql.Identifier(table), sql.Identifier(case.key)
    if op == "S":
        query, params = sql.SQL("select 1 from public.{} where {} = %s").format(t, k), [target]
    elif op == "U":
        query = sql.SQL(
            "update public.{} set " + case.update + " where {} = %s returning 1"
        ).format(t, k)
        params = [target]
    elif op == "D":
        query, params = (
            sql.SQL("delete from public.{} where {} = %s returning 1").format(t, k),
            [target],
        )
    else:
        cols = list(case.insert)
        query = sql.SQL("insert into public.{} ({}) values ({}) returning 1").format(
            t,
            sql.SQL(", ").join(map(sql.Identifier, cols)),
            sql.SQL(", ").join(sql.Placeholder() * len(cols)),
        )
        params = [_value(case.insert[c], world, persona) for c in cols]
    try:
        with request(conn, world.claims(persona)) as cur:
            cur.execute(query, params)
            if cur.fetchone() is not None:
                return True
            if op != "D":
                return False
            # synced tables turn an allowed delete into a tombstone
            cur.execute("reset role")
            cur.execute(
                sql.SQL(
                    "select to_jsonb(t) ->> 'deleted_at' as gone from public.{} t where {} = %s"
                ).format(t, k),
                [target],
            )
            row = cur.fetchone()
            return row is not None and row["gone"] is not None
    except psycopg.errors.InsufficientPrivilege:
        return False
    except psycopg.errors.ForeignKeyViolation:
        if op == "D":
            return True  # the rules let it through; other rows still refer to the target
        raise


def test_the_matrix_covers_every_table(world_conn) -> None:
    conn, _ = world_conn
    tables = {
        r[0] for r in conn.execute("select tablename from pg_tables where schemaname = 'public'")
    }
    assert tables == set(MATRIX), "add the new table to MATRIX with what each persona may do"


@pytest.mark.parametrize("table", sorted(MATRIX))
def test_access(world_conn, table: str) -> None:
    conn, world = world_conn
    case = MATRIX[table]
    expected = dict(zip(PERSONAS, case.expect.split(), strict=True))
    got = {}
    for persona in PERSONAS:
        letters = "".join(op for op in "SIUD" if _allowed(conn, world, table, case, persona, op))
        got[persona] = letters or "-"
    assert got == expected
