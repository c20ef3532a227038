"""Every RPC the API offers, called as PostgREST would, with arguments made from the access world.

`api_functions` lists, from the catalog, each public function that `authenticated` may execute
(so a new function is tried by default); `arguments` fills its parameters from the world by
name — a parameter it has no value for fails the test with the name to add here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from fieldapp.services.scorecards import KEYS
from tests.db.access_world import World
from tests.postgrest import request

# who is refused, by SQLSTATE: not allowed, not signed in (no active profile), not found/visible
REFUSED = {"42501", "28000", "P0002"}
CLIENT_ID = "6f1c2a52-1d5e-4c0a-9b3e-5a1c0e4d2b7f"
SCORECARD = KEYS  # the scorecard's indicators (fieldapp.services.scorecards)


@dataclass(frozen=True)
class Param:
    """One input parameter of a function."""

    name: str
    type: str  # as format_type spells it: uuid, text, date, jsonb, numeric, integer, ...
    has_default: bool


@dataclass(frozen=True)
class Function:
    """A public function that `authenticated` may execute."""

    name: str
    signature: str  # regprocedure, e.g. whoami()
    params: tuple[Param, ...]
    stable: bool  # stable or immutable: PostgREST runs it read-only, as for a GET


def api_functions(conn: psycopg.Connection) -> list[Function]:
    """Every function in public that `authenticated` may execute (directly or through PUBLIC)."""
    rows = conn.execute(
        """
        select p.proname, p.oid::regprocedure::text, p.pronargs, p.pronargdefaults,
               coalesce(p.proargnames, '{}'), coalesce(p.proargmodes, '{}'),
               array(select format_type(t.oid, null)
                       from unnest(p.proargtypes::oid[]) with ordinality t (oid, n)
                      order by t.n),
               p.provolatile in ('s', 'i')
          from pg_proc p join pg_namespace n on n.oid = p.pronamespace
         where n.nspname = 'public' and p.prokind = 'f'
           and has_function_privilege('authenticated', p.oid, 'execute')
         order by p.proname, p.oid
        """
    ).fetchall()
    found = []
    for name, signature, nargs, ndefaults, argnames, modes, types, stable in rows:
        # proargnames also names the OUT columns (RETURNS TABLE); only inputs are arguments
        modes = modes or ["i"] * len(argnames)
        inputs = [n for n, m in zip(argnames, modes, strict=True) if m in ("i", "b", "v")]
        params = tuple(Param(inputs[i], types[i], i >= nargs - ndefaults) for i in range(nargs))
        found.append(Function(name, signature, params, stable))
    return found


def _value(fn: str, p: Param, world: World) -> tuple[bool, Any]:
    """(known, value) of one parameter: a valid call, so that only who calls decides."""
    ids, users = world.ids, world.users
    per_function = {
        ("set_warning_status", "p_status"): "acknowledged",
        ("warning_add_note", "p_photo_ids"): "{" + ids["photos"] + "}",  # of its customer
        ("advance_contract", "p_status"): "in_review",
        ("record_photo_file", "p_photo_id"): ids["photos2"],  # taken by rep, no file yet
        ("accept_order", "p_lines"): None,  # as ordered
        ("case_service_step", "p_case_id"): ids["case_requests"],  # the world's repair
        ("case_service_step", "p_step"): "received",
        ("set_setting", "p_value"): {"A": 7, "B": 14, "C": 30, "D": 90},
        ("set_warning_threshold", "p_value"): 45,
        ("support_save", "p_kind"): "store_display",
        ("support_save", "p_planned_on"): ids["flag_day"],  # today
        ("support_complete", "p_done_on"): ids["flag_day"],
        ("support_complete", "p_cost"): 120,
        ("support_evaluate", "p_score"): 4,
        ("support_save", "p_support_id"): None,  # a new activity
        ("record_conduct_flag", "p_kind"): "dumping",
        ("record_conduct_flag", "p_note"): "低于指导价两成出货",
        ("exec_visit_plan", "p_planned_on"): ids["flag_day"],  # today
        ("exec_visit_plan", "p_executive_id"): None,  # the caller
        ("exec_visit_done", "p_done_on"): ids["flag_day"],  # before the planned day: 22023
        ("distribution_target_set", "p_area_id"): None,  # the dealer's target
        ("distribution_target_set", "p_dealer_id"): ids["D_SH"],
        ("meeting_save", "p_meeting_id"): None,  # a new meeting of p_area_id
        ("meeting_save", "p_kind"): "quarterly",
        ("meeting_save", "p_customer_ids"): "{" + ids["D_SH"] + "}",
        ("decision_add", "p_meeting_id"): ids["meetings"],
        ("decision_add", "p_owner_id"): users["rep"],
        ("display_compliance", "p_from"): "2026-01-01",
        ("display_compliance", "p_to"): "2026-12-31",
        ("competitor_summary", "p_from"): "2026-01-01",
        ("competitor_summary", "p_to"): "2026-12-31",
        ("competitor_reports_list", "p_from"): "2026-01-01",
        ("competitor_reports_list", "p_to"): "2026-12-31",
        ("display_template_save", "p_name"): "终端陈列",  # renames the world's template
        ("display_item_save", "p_item_id"): None,  # a new item of the world's template
        ("display_item_save", "p_kind"): "choice",
        ("display_item_save", "p_options"): "{上层,中层,底层}",
    }
    if (fn, p.name) in per_function:
        return True, per_function[fn, p.name]
    if p.name == "p_month":  # a date, or 'YYYY-MM' where it is text
        return True, "2026-01-01" if p.type == "date" else "2026-01"
    by_name: dict[str, Any] = {
        "p_plan_id": ids["visit_plans"],
        "p_comment": "路线可以",
        "p_decision": "approved",
        "p_shipment_id": ids["shipment"],
        "p_received_quantity": 10,
        "p_damaged_quantity": 0,
        "p_note": "已核对",
        "p_warning_id": ids["warnings"],
        "p_owner_id": users["am"],  # a real reassignment (the warning is the rep's)
        "p_day": "2026-11-30",
        "p_week_start": "2026-11-30",  # a Monday
        "p_rep_id": users["rep"],
        "p_since": 0,
        "p_limit": 100,
        "p_client_id": CLIENT_ID,
        "p_mutations": [],
        "p_kind": "churn",
        "p_figures": {"days_since": 120, "last_purchase": "2026-01-05"},
        "p_lang": "zh",
        "p_customer_id": ids["D_SH"],
        "p_contract_id": ids["contract"],
        "p_as_of": "2026-11-27",
        "p_days": 30,
        "p_year": 2026,
        "p_lines": [{"sku": "P1", "quantity": 1}],
        "p_photo_id": ids["photos"],
        "p_mime": "image/png",
        "p_size": 4,
        "p_sha256": "0" * 64,
        "p_order_id": ids["order_submitted"],
        "p_reason": "库存不足",
        "p_case_id": ids["cases"],
        "p_doc_no": "SO-SH",  # the world's unconfirmed delivery
        "p_photo_ids": "{}",
        "p_internal": False,
        "p_closed": True,
        "p_answer": "已补发，明天送到",
        "p_approved": True,
        "p_resolution": "已补发两箱",
        "p_key": "visit.frequency_days",
        "p_setting_key": "warning.churn.days",
        "p_scores": dict.fromkeys(SCORECARD, 4),
        "p_category": "collected",  # warning_resolve
        "p_elimination_id": ids["customer_eliminations"],  # the world's open request, by am
        "p_flagged_on": ids["flag_day"],  # today
        "p_support_id": ids["support_activities"],  # the world's planned training of D_SH
        "p_open_only": True,
        "p_area_id": ids["area_SH"],  # quadrant_matrix: the Shanghai area manager's own area
        "p_visit_id": ids["executive_visits"],  # the world's planned executive visit of D_SH
        "p_purpose": "年度合作洽谈",
        "p_outcome": "签订年度协议",
        "p_product_id": ids["product"],
        "p_dealer_id": ids["D_SH"],
        "p_target_pct": 65,
        "p_target_outlets": 3,
        "p_outbox_id": 1,  # notify_requeue: the world has no dead letter (55000, not a refusal)
        "p_name": "上海企业微信群",  # notify_channel_save: adds a WeCom bot for p_area_id
        "p_platform": "wecom",
        "p_webhook_ref": "env:SH_WECOM_URL",
        "p_held_on": "2026-11-20",  # meeting_save
        "p_place": "上海办事处",
        "p_agenda": "四季度铺货与回款",
        "p_minutes": "各经销商同意加快回款",
        "p_body": "补齐冰红茶陈列",  # decision_add
        "p_due_on": "2026-12-31",
        "p_decision_id": ids["meeting_decisions"],  # owned by rep
        "p_address": "上海市人民广场",  # geocode_lookup: the world's cached (not found) address
        "p_lat": 31.2304,  # geocode_near: People's Square, Shanghai
        "p_lng": 121.4737,
        "p_template_id": ids["display_templates"],  # the display check editor
        "p_item_id": ids["display_items"],
        "p_label": "货架位置",
        "p_up": False,
    }
    if p.name in by_name:
        return True, by_name[p.name]
    return False, None


def arguments(fn: Function, world: World) -> dict[str, tuple[Param, Any]]:
    """Named arguments for a call; parameters with a default and no value here are left out."""
    args = {}
    for p in fn.params:
        known, value = _value(fn.name, p, world)
        if known:
            args[p.name] = (p, value)
        else:
            assert p.has_default, (
                f"{fn.signature}: add a value for {p.name} ({p.type}) to tests/db/rpc_calls.py"
            )
    return args


def call(
    conn: psycopg.Connection,
    fn: Function,
    world: World,
    persona: str,
    *,
    commit: bool = False,
) -> str:
    """Call the function as the persona, the way PostgREST does; the outcome is "ok" (it
    answered, possibly with nothing) or the SQLSTATE of its error."""
    args = arguments(fn, world)
    query = sql.SQL("select * from public.{fn}({args})").format(
        fn=sql.Identifier(fn.name),
        args=sql.SQL(", ").join(
            sql.SQL("{} => %s::{}").format(sql.Identifier(name), sql.SQL(p.type))
            for name, (p, _v) in args.items()
        ),
    )
    params = [json.dumps(v) if isinstance(v, (dict, list)) else v for _p, v in args.values()]
    try:
        with request(conn, world.claims(persona), read_only=fn.stable, commit=commit) as cur:
            cur.execute(query, params)
            cur.fetchall()
    except psycopg.Error as exc:
        return exc.sqlstate or type(exc).__name__
    return "ok"
