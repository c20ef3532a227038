"""References, guarded writes and keys (issue 14, classes 2–4), tried as PostgREST runs them.

The foreign keys and keys come from the catalog, the personas that may write a table from the
access matrix: a new foreign key or table is tried by default. Each refusal is checked for its
SQLSTATE and message and for nothing written (the request commits when the statement passes).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pandas as pd
import psycopg
import pytest
from psycopg import sql

from backend.importer import ImportFailed, import_frames
from tests.db.access_world import PERSONAS, World, world_database
from tests.db.test_access_matrix import MATRIX, _value
from tests.postgrest import request, rpc

RLS = 'new row violates row-level security policy for table "{}"'


@pytest.fixture(scope="module")
def world_conn(server_url: str, template_db: str):
    """The access world plus a Zhejiang row in every table a Shanghai persona may write."""
    with world_database(server_url, template_db, "ref") as (conn, world):
        _zhejiang_rows(conn, world)
        yield conn, world


def _zhejiang_rows(conn: psycopg.Connection, w: World) -> None:
    """What rep2 and dealer2 own: out of scope for the Shanghai personas."""
    zj, rep2, d2, p = w.ids["D_ZJ"], w.users["rep2"], w.users["dealer2"], w.ids["product"]

    def one(query: str, *params: object) -> str:
        return str(conn.execute(query, params).fetchone()[0])

    z = {}
    z["contracts"] = one(
        "insert into contracts (contract_no, customer_id, status, signed_on)"
        " values ('HT-ZJ', %s, 'effective', '2026-01-02')"
        " returning id",
        zj,
    )
    z["shipments"] = one(
        "insert into shipments (doc_no, line_no, customer_id, product_id, shipped_on, quantity,"
        " unit_price, amount) values ('SO-ZJ', 1, %s, %s, '2026-01-05', 4, 36, 144) returning id",
        zj,
        p,
    )
    z["visit_plans"] = one(
        "insert into visit_plans (rep_id, week_start) values (%s, '2026-11-30') returning id", rep2
    )
    z["visit_plan_stops"] = one(
        "insert into visit_plan_stops (plan_id, customer_id, visit_date, seq)"
        " values (%s, %s, '2026-11-30', 1) returning id",
        z["visit_plans"],
        zj,
    )
    z["visits"] = one(
        "insert into visits (rep_id, customer_id, checkin_at) values (%s, %s, now()) returning id",
        rep2,
        zj,
    )
    z["orders"] = one(
        "insert into orders (customer_id, rep_id, ordered_on) values (%s, %s, '2026-11-27')"
        " returning id",
        zj,
        rep2,
    )
    z["support_activities"] = one(
        "insert into support_activities (customer_id, kind, title) values (%s, 'training', '培训')"
        " returning id",
        zj,
    )
    z["photos"] = one(
        "insert into photos (customer_id, kind, storage_path, taken_by)"
        " values (%s, 'shelf', 'p/zj.jpg', %s) returning id",
        zj,
        rep2,
    )
    simple = {
        "customer_contacts": ("customer_id, name", "%s, '王老板'", (zj,)),
        "customer_notes": ("customer_id, author_id, kind, body", "%s, %s, 'general', '浙江'",
                           (zj, rep2)),
        "stock_counts": ("visit_id, customer_id, product_id, quantity", "%s, %s, %s, 1",
                         (z["visits"], zj, p)),
        "order_lines": ("order_id, product_id, quantity, unit_price", "%s, %s, 1, 36",
                        (z["orders"], p)),
        "returns": ("reference, customer_id, kind, requested_on", "'RT-ZJ', %s, 'return', '2026-01-07'",
                    (zj,)),
        "complaints": ("customer_id, raised_by, raised_on, category, detail",
                       "%s, %s, '2026-01-07', 'delivery', '晚了'", (zj, d2)),
        "expenses": ("reference, customer_id, spent_on, category, amount",
                     "'EX-ZJ', %s, '2026-01-03', 'promotion', 1", (zj,)),
        "incidents": ("customer_id, occurred_on, kind, description, reported_by",
                      "%s, '2026-01-04', 'theft', '失窃', %s", (zj, rep2)),
        "evaluations": ("customer_id, evaluated_on, evaluator_id, " + ", ".join(_SCORES),
                        "%s, '2026-01-31', %s, " + ", ".join("3" for _ in _SCORES),
                        (zj, w.users["am2"])),
        "sales_plans": ("customer_id, product_id, month, quantity, amount",
                        "%s, %s, '2026-01-01', 1, 36", (zj, p)),
        "customer_conduct_flags": ("customer_id, kind, flagged_on, reported_by",
                                   "%s, 'dumping', private.company_today(), %s", (zj, rep2)),
        "customer_feedback": ("customer_id, score, body, recorded_by", "%s, 2, '价格偏高', %s",
                              (zj, rep2)),
        "sync_clients": ("client_id, user_id", "gen_random_uuid(), %s", (rep2,)),
    }  # fmt: skip
    for table, (cols, values, params) in simple.items():
        key = "client_id" if table == "sync_clients" else "id"
        z[table] = one(f"insert into {table} ({cols}) values ({values}) returning {key}", *params)
    z["photo_files"] = one(
        "insert into photo_files (photo_id, mime, size, sha256, uploaded_by)"
        " values (%s, 'image/jpeg', 4, repeat('0', 64), %s) returning photo_id",
        z["photos"],
        rep2,
    )
    w.ids.update({f"zj_{k}": v for k, v in z.items()})


_SCORES = ["enthusiasm", "flexibility", "distribution_capacity", "capital_strength", "hot_brands",
           "logistics", "credit", "social_relations", "sales_management", "network",
           "promotion_ability", "after_sales", "relationship"]  # fmt: skip


# -- helpers -------------------------------------------------------------------------------------


def _key(table: str) -> str:
    return MATRIX[table].key


def _may(table: str, persona: str, op: str) -> bool:
    """What the access matrix says the persona may do to the table."""
    letters = dict(zip(PERSONAS, MATRIX[table].expect.split(), strict=True))[persona]
    return op in letters


def _snapshot(conn: psycopg.Connection, table: str) -> str:
    """Every row of a table as the service side sees it (to prove nothing was written)."""
    return conn.execute(
        sql.SQL("select md5(coalesce(string_agg(to_jsonb(t)::text, ',' order by to_jsonb(t)::text),"
                " '')) from public.{} t").format(sql.Identifier(table))
    ).fetchone()[0]  # fmt: skip


def _attempt(
    conn: psycopg.Connection, world: World, persona: str, query: sql.Composable, params: list
) -> tuple[str, str] | None:
    """Run one statement as the persona, committing if it passes; (sqlstate, message) or None."""
    try:
        with request(conn, world.claims(persona), commit=True) as cur:
            cur.execute(query, params)
            if cur.rowcount == 0:
                return ("0 rows", "")
    except psycopg.Error as exc:
        return (exc.sqlstate or "", exc.diag.message_primary or "")
    return None


def _insert(table: str, row: dict[str, Any], *, upsert: str | None = None) -> sql.Composable:
    cols = list(row)
    query = sql.SQL("insert into public.{} ({}) values ({})").format(
        sql.Identifier(table),
        sql.SQL(", ").join(map(sql.Identifier, cols)),
        sql.SQL(", ").join(sql.Placeholder() * len(cols)),
    )
    if upsert:  # PostgREST's Prefer: resolution=merge-duplicates, updating that column
        query += sql.SQL(" on conflict ({}) do update set {} = excluded.{}").format(
            sql.Identifier(_key(table)), sql.Identifier(upsert), sql.Identifier(upsert)
        )
    return query


def _base_row(world: World, table: str, persona: str) -> dict[str, Any]:
    return {c: _value(v, world, persona) for c, v in MATRIX[table].insert.items()}


def _unseen(conn: psycopg.Connection, world: World, persona: str, table: str, key: str) -> Any:
    """A row of the table that exists but that the persona cannot see (None: it sees them all)."""
    every = [
        r[0]
        for r in conn.execute(
            sql.SQL("select {k}::text from public.{t} order by 1").format(
                k=sql.Identifier(key), t=sql.Identifier(table)
            )
        )
    ]
    with request(conn, world.claims(persona), read_only=True) as cur:
        cur.execute(
            sql.SQL("select {k}::text as k from public.{t}").format(
                k=sql.Identifier(key), t=sql.Identifier(table)
            )
        )
        seen = {r["k"] for r in cur.fetchall()}
    if persona == "dealer" and table == "customers":
        seen.add(world.ids["D_SH"])  # its own company, which it may name
    return next((k for k in every if k not in seen), None)


def _writable_foreign_keys(conn: psycopg.Connection) -> list[tuple[str, str, str, str, str]]:
    """(table, column, referenced table, referenced column, I|U) for every foreign key column
    of a public table that the API role may write: a column privilege and a policy for it."""
    return conn.execute(
        """
        select c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, fa.attname, op
          from pg_constraint c
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
          join pg_attribute fa on fa.attrelid = c.confrelid and fa.attnum = c.confkey[1]
          cross join (values ('I', 'INSERT'), ('U', 'UPDATE')) ops(op, priv)
         where c.contype = 'f' and c.connamespace = 'public'::regnamespace
           and c.confrelid::regclass::text not like 'auth.%%'
           and has_column_privilege('authenticated', c.conrelid, a.attname, priv)
           and exists (select from pg_policies p where p.schemaname = 'public'
                        and p.tablename = c.conrelid::regclass::text and p.cmd in (priv, 'ALL'))
         order by 1, 2, 5
        """
    ).fetchall()


# -- class 2: references -------------------------------------------------------------------------


def test_every_public_table_has_the_write_guard_first(world_conn) -> None:
    conn, _ = world_conn
    rows = conn.execute(
        """
        select c.relname, (select min(t.tgname) from pg_trigger t
                            where t.tgrelid = c.oid and not t.tgisinternal
                              and t.tgtype & 2 = 2 and t.tgtype & 1 = 1)
          from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
        """
    ).fetchall()
    missing = [t for t, first in rows if first != f"{t}_00_guard_write"]
    assert missing == [], "run select private.install_write_guards() after adding the table"
    # the generated functions are those of the catalog as it is now (keys, foreign keys)
    stale = conn.execute(
        """
        select c.relname from pg_class c cross join private.write_guard_source(c.oid) s
         where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
           and ((s.guard, s.probe) is distinct from (
                (select prosrc from pg_proc where oid = to_regprocedure(
                   format('private.%I()', 'guard_write_' || c.relname))),
                (select prosrc from pg_proc where oid = to_regprocedure(
                   format('private.%I(integer, %s)', 'key_taken_' || c.relname, c.oid::regclass))))
            or not exists (select from pg_trigger t where t.tgrelid = c.oid
                            and t.tgname = c.relname || '_00_guard_write'
                            and t.tgfoid = to_regprocedure(
                                  format('private.%I()', 'guard_write_' || c.relname))))
        """
    ).fetchall()
    assert stale == [], "run select private.install_write_guards() after changing keys"


def test_every_writable_reference_refuses_unseen_and_unknown_rows_alike(world_conn) -> None:
    conn, world = world_conn
    fks = _writable_foreign_keys(conn)
    assert len(fks) > 40  # the catalog query found the foreign keys
    failures: list[str] = []
    tried = 0
    for table, col, ref_table, ref_col, op in fks:
        for persona in PERSONAS:
            if not _may(table, persona, op):
                continue
            targets = {"unknown": str(uuid.uuid4())}
            unseen = _unseen(conn, world, persona, ref_table, ref_col)
            if unseen is not None:
                targets["unseen"] = unseen
            answers = {}
            for kind, value in targets.items():
                before = _snapshot(conn, table)
                if op == "I":
                    row = _base_row(world, table, persona) | {col: value}
                    query, params = _insert(table, row), list(row.values())
                else:
                    query = sql.SQL("update public.{} set {} = %s where {} = %s").format(
                        sql.Identifier(table), sql.Identifier(col), sql.Identifier(_key(table))
                    )
                    params = [value, world.ids[table]]
                answers[kind] = _attempt(conn, world, persona, query, params)
                if answers[kind] is None:
                    failures.append(f"{persona} {op} {table}.{col} -> {kind} {ref_table}: written")
                elif _snapshot(conn, table) != before:
                    failures.append(f"{persona} {op} {table}.{col} -> {kind}: changed the table")
            tried += 1
            if len(set(answers.values())) > 1:
                failures.append(f"{persona} {op} {table}.{col}: {answers} differ (a probe)")
    assert tried > 60
    assert failures == []


def test_references_that_make_no_sense_for_the_role_are_refused(world_conn) -> None:
    conn, world = world_conn
    u, ids = world.users, world.ids
    before = _snapshot(conn, "customers"), _snapshot(conn, "contracts")
    wrong = [
        ("am", "update customers set owner_id = %s where code = 'S_SH'", [u["dealer"]]),
        ("am", "update customers set owner_id = %s where code = 'S_SH'", [u["rep2"]]),
        ("mgr", "update customers set owner_id = %s where code = 'S_SH'", [u["dealer"]]),
        ("mgr", "update customers set owner_id = %s where code = 'S_SH'", [u["rep2"]]),
        ("am", "insert into contracts (contract_no, customer_id, custodian_id)"
               " values ('HT-X', %s, %s)", [ids["D_SH"], u["dealer"]]),
        ("mgr", "insert into contracts (contract_no, customer_id, custodian_id)"
                " values ('HT-X', %s, %s)", [ids["D_SH"], u["dealer2"]]),
        ("mgr", "insert into contracts (contract_no, customer_id, previous_id)"
                " values ('HT-X', %s, %s)", [ids["D_SH"], ids["zj_contracts"]]),
        ("am", "update warnings set owner_id = %s where id = %s", [u["dealer"], ids["warnings"]]),
    ]  # fmt: skip
    for persona, query, params in wrong:
        got = _attempt(conn, world, persona, sql.SQL(query), params)
        assert got is not None and got[0] == "42501", (persona, query, got)
    assert (_snapshot(conn, "customers"), _snapshot(conn, "contracts")) == before
    # the service side gets the data rules too
    for query, params in (
        ("update customers set owner_id = %s where code = 'S_SH'", [u["dealer"]]),
        ("update customers set owner_id = %s where code = 'S_SH'", [u["rep2"]]),
        ("update contracts set custodian_id = %s where id = %s", [u["dealer"], ids["contracts"]]),
        ("update contracts set previous_id = %s where id = %s", [ids["zj_contracts"], ids["contracts"]]),
    ):  # fmt: skip
        with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
            conn.execute(query, params)
    assert (_snapshot(conn, "customers"), _snapshot(conn, "contracts")) == before
    # what makes sense still works: an owner of the area, staff as custodian
    assert _attempt(conn, world, "am", sql.SQL(
        "update customers set owner_id = %s where code = 'S_SH' returning 1"), [u["am"]]) is None  # fmt: skip
    conn.execute("update customers set owner_id = %s where code = 'S_SH'", (u["rep"],))


def test_the_importer_refuses_a_dealer_as_owner_with_its_place(conn) -> None:
    frames = {
        "areas": pd.DataFrame([{"code": "SH", "name": "上海", "parent_code": None}]),
        "products": pd.DataFrame([{"sku": "P1", "name": "茶", "brand": "清泉", "spec": "1L",
                                   "unit_price": 5}]),
        "users": pd.DataFrame([
            {"email": "d@example.cn", "full_name": "经销", "role": "dealer", "area_code": None,
             "customer_code": "D1"}]),
        "customers": pd.DataFrame([
            {"code": "D1", "name": "鑫源", "tier": 1, "area_code": "SH",
             "owner_email": "d@example.cn"}]),
    }  # fmt: skip
    with pytest.raises(ImportFailed) as failed:
        import_frames(conn, frames, evaluate=False)
    where = [(p.sheet, p.row, p.column) for p in failed.value.problems]
    assert where == [("customers", 2, "owner_email")]
    assert conn.execute("select count(*) from customers").fetchone()[0] == 0


def test_a_rep_cannot_probe_or_use_an_unseen_parent(world_conn) -> None:
    conn, world = world_conn
    before = _snapshot(conn, "customers")
    answers = set()
    for parent in (world.ids["D_ZJ"], str(uuid.uuid4())):
        row = {"code": "X2", "name": "网点", "tier": 2, "parent_id": parent,
               "owner_id": world.users["rep"], "area_id": world.ids["area_SH"]}  # fmt: skip
        answers.add(_attempt(conn, world, "rep", _insert("customers", row), list(row.values())))
    assert answers == {("42501", RLS.format("customers"))}
    assert _snapshot(conn, "customers") == before


def _push(conn: psycopg.Connection, world: World, persona: str, mutations: list[dict]) -> list:
    client = str(uuid.uuid4())
    for i, m in enumerate(mutations, 1):
        m["id"] = i
    out = rpc(conn, "sync_push", {"p_client_id": client, "p_mutations": json.dumps(mutations)},
              world.claims(persona))  # fmt: skip
    return out["results"]


def test_sync_push_rejects_a_visit_or_note_at_another_reps_customer(world_conn) -> None:
    conn, world = world_conn
    zj = world.ids["D_ZJ"]
    before = _snapshot(conn, "visits"), _snapshot(conn, "customer_notes")
    results = _push(conn, world, "rep", [
        {"table": "visits", "op": "upsert", "row": {"id": str(uuid.uuid4()), "rep_id": world.users["rep"],
         "customer_id": zj, "checkin_at": "2026-11-27T09:00:00+08"}},
        {"table": "visits", "op": "upsert", "row": {"id": world.ids["visits"], "customer_id": zj}},
        {"table": "customer_notes", "op": "upsert",
         "row": {"id": world.ids["customer_notes"], "customer_id": zj}},
    ])  # fmt: skip
    assert [(r["status"], r["sqlstate"]) for r in results] == [("rejected", "42501")] * 3
    with (
        request(conn, world.claims("rep"), commit=True) as cur,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        cur.execute(
            "update customer_notes set customer_id = %s where id = %s",
            (zj, world.ids["customer_notes"]),
        )
    assert (_snapshot(conn, "visits"), _snapshot(conn, "customer_notes")) == before


# -- class 3: writes that bypass their RPC ------------------------------------------------------

# (table, row, assignment, personas without the right) — from docs/access.md: deleting customers,
# delivery confirmation, plan status, warning status and owner, contract status, grades/quadrants
GUARDED = [
    ("customers", "D_SH", "deleted_at = now()", ("rep", "am")),
    ("customers", "D_SH", "grade = 'A'", ("rep", "am", "mgr")),
    ("customers", "D_SH", "quadrant = 'core'", ("rep", "am", "mgr")),
    ("shipments", "shipment", "received_quantity = 0, damaged_quantity = 999999", ("dealer",)),
    ("shipments", "shipment", "received_quantity = 5, damaged_quantity = 0", ("dealer",)),
    ("shipments", "shipment", "discrepancy_note = '无'", ("dealer",)),
    ("visit_plans", "visit_plans", "status = 'approved'", ("rep",)),
    ("visit_plans", "empty_plan", "status = 'submitted'", ("rep",)),
    ("visit_plans", "visit_plans", "deleted_at = now()", ("am", "mgr")),
    ("warnings", "warnings", "status = 'resolved'", ("rep", "am", "mgr")),
    ("warnings", "warnings", "owner_id = '{am}'", ("rep",)),
    ("contracts", "contracts", "status = 'terminated'", ("am", "dealer")),
    (
        "contracts",
        "draft",
        "status = 'signed', signed_on = '2026-02-01', signed_place = '上海'",
        ("am",),
    ),
    ("complaints", "complaints", "deleted_at = now()", ("rep", "am")),
]


def test_guarded_columns_are_refused_by_direct_writes_and_by_sync_push(world_conn) -> None:
    conn, world = world_conn
    ids = dict(world.ids)
    ids["empty_plan"] = str(conn.execute(
        "insert into visit_plans (rep_id, week_start) values (%s, '2026-12-07') returning id",
        (world.users["rep"],)).fetchone()[0])  # fmt: skip
    ids["draft"] = str(conn.execute(
        "insert into contracts (contract_no, customer_id, status) values ('HT-D', %s, 'in_review')"
        " returning id", (ids["D_SH"],)).fetchone()[0])  # fmt: skip
    pushable = {r[0] for r in conn.execute("select name from private.sync_tables where pushable")}
    failures = []
    for table, target, assignment, personas in GUARDED:
        assignment = assignment.format(am=world.users["am"])
        for persona in personas:
            before = _snapshot(conn, table)
            query = sql.SQL(f"update public.{{}} set {assignment} where id = %s").format(
                sql.Identifier(table)
            )
            if _attempt(conn, world, persona, query, [ids[target]]) is None:
                failures.append(f"{persona}: update {table} set {assignment}: applied")
            if table in pushable:
                fields = _as_json(conn, assignment)  # the same values, as a phone pushes them
                op = "delete" if "deleted_at" in fields else "upsert"
                results = _push(conn, world, persona, [
                    {"table": table, "op": op, "row": {"id": ids[target], **fields}}])  # fmt: skip
                if results[0]["status"] != "rejected":
                    failures.append(f"{persona}: sync_push {op} {table} {fields}: {results[0]}")
            if _snapshot(conn, table) != before:
                failures.append(f"{persona}: {table} {assignment}: changed the table")
    assert failures == []
    # the right people still do it: a manager deletes a customer, a dealer confirms properly
    ok = sql.SQL("update public.shipments set received_quantity = 10, damaged_quantity = 0"
                 " where id = %s returning 1")  # fmt: skip
    assert _attempt(conn, world, "dealer", ok, [ids["shipment"]]) is None


def _as_json(conn: psycopg.Connection, assignment: str) -> dict[str, Any]:
    """ "a = 1, b = now()" as the JSON object {"a": 1, "b": "…"}."""
    pairs = [part.split(" = ", 1) for part in assignment.split(", ")]
    select = ", ".join(f"{expr} as {col}" for col, expr in pairs)
    return conn.execute(f"select to_jsonb(x) from (select {select}) x").fetchone()[0]


# -- class 4: existence probes -------------------------------------------------------------------


def _insertable_uuid_tables(conn: psycopg.Connection) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            """
            select c.relname from pg_class c
              join pg_constraint k on k.conrelid = c.oid and k.contype = 'p'
              join pg_attribute a on a.attrelid = c.oid and a.attnum = k.conkey[1]
             where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
               and cardinality(k.conkey) = 1 and a.atttypid = 'uuid'::regtype
               and has_any_column_privilege('authenticated', c.oid, 'INSERT')
             order by 1
            """
        )
    ]


def test_an_unseen_id_answers_like_any_policy_refusal(world_conn) -> None:
    conn, world = world_conn
    tables = _insertable_uuid_tables(conn)
    assert {"customers", "visits", "sync_clients", "photo_files"} <= set(tables)
    pushable = {r[0] for r in conn.execute("select name from private.sync_tables where pushable")}
    failures, tried = [], 0
    for table in tables:
        key = _key(table)
        for persona in PERSONAS:
            if not _may(table, persona, "I"):
                continue
            taken = _unseen(conn, world, persona, table, key)
            if taken is None:
                continue  # sees every row: no id of this table is hidden from it
            row = _base_row(world, table, persona)
            fresh = row | {key: str(uuid.uuid4())} if key != "photo_id" else row
            control = _attempt(conn, world, persona, _insert(table, fresh), list(fresh.values()))
            assert control is None or control[0] == "23505", (table, persona, control)
            _undo(conn, table, key, fresh[key])
            updatable = next(
                (c for c in row if c != key and conn.execute(
                    "select has_column_privilege('authenticated', %s::regclass, %s, 'UPDATE')",
                    (f"public.{table}", c)).fetchone()[0]),
                None,
            )  # fmt: skip
            for upsert in (None, updatable) if updatable else (None,):
                before = _snapshot(conn, table)
                bad = row | {key: taken}
                got = _attempt(conn, world, persona, _insert(table, bad, upsert=upsert),
                               list(bad.values()))  # fmt: skip
                tried += 1
                if got != ("42501", RLS.format(table)):
                    failures.append(f"{persona} {table} upsert={upsert}: {got}")
                if _snapshot(conn, table) != before:
                    failures.append(f"{persona} {table}: changed the table")
            if table in pushable:
                results = _push(conn, world, persona, [
                    {"table": table, "op": "upsert", "row": {**row, "id": taken}}])  # fmt: skip
                if (results[0]["status"], results[0].get("reason")) != (
                    "rejected",
                    RLS.format(table),
                ):
                    failures.append(f"{persona} sync_push {table}: {results[0]}")
    assert tried > 20
    assert failures == []
    # a natural key too: a rep naming an unseen customer's code hears the same
    row = {"code": "D_ZJ", "name": "网点", "tier": 2, "parent_id": world.ids["D_SH"],
           "owner_id": world.users["rep"], "area_id": world.ids["area_SH"]}  # fmt: skip
    assert _attempt(conn, world, "rep", _insert("customers", row), list(row.values())) == (
        "42501", RLS.format("customers"))  # fmt: skip


def _undo(conn: psycopg.Connection, table: str, key: str, value: str) -> None:
    """Remove a control row the service side way (the tombstone trigger lets it through)."""
    conn.execute(
        sql.SQL("delete from public.{} where {} = %s").format(
            sql.Identifier(table), sql.Identifier(key)
        ),
        [value],
    )


def test_a_row_key_never_changes_through_the_api(world_conn) -> None:
    conn, world = world_conn
    before = _snapshot(conn, "visits")
    for target in (world.ids["zj_visits"], str(uuid.uuid4())):
        got = _attempt(conn, world, "rep", sql.SQL("update visits set id = %s where id = %s"),
                       [target, world.ids["visits"]])  # fmt: skip
        assert got is not None and got[0] == "42501"
    assert _snapshot(conn, "visits") == before
