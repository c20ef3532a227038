"""A deactivated user keeps nothing, and TRUNCATE is not the API roles' (docs/access.md,
"Deactivated users and sessions").

Generated from the catalog, so that a new table or function is tried by default: every table in
public (its insert and update from the access matrix), every function `authenticated` may
execute. Requests run as PostgREST runs them and commit, and every table's rows are compared
before and after: nothing may be written.
"""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from tests.db.access_world import World, world_database
from tests.db.rpc_calls import api_functions, call
from tests.db.test_access_matrix import MATRIX, _value
from tests.postgrest import request

INACTIVE = ("rep", "am", "mgr", "dealer")  # deactivated in the module's world
POLICY = "Only active users get in"


def _tables(conn: psycopg.Connection, schemas: tuple[str, ...] = ("public",)) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "select format('%%I.%%I', n.nspname, c.relname) from pg_class c"
            " join pg_namespace n on n.oid = c.relnamespace"
            " where n.nspname = any(%s) and c.relkind in ('r', 'p') order by 1",
            (list(schemas),),
        )
    ]


def _fingerprints(conn: psycopg.Connection, schemas: tuple[str, ...] = ("public",)) -> dict:
    """Each table's row count and a digest of all its rows (read as the superuser)."""
    return {
        t: conn.execute(
            sql.SQL(
                "select count(*), md5(coalesce(string_agg(x::text, '|' order by x::text), ''))"
                " from {} x"
            ).format(sql.SQL(t))
        ).fetchone()
        for t in _tables(conn, schemas)
    }


@pytest.fixture(scope="module")
def world_conn(server_url: str, template_db: str):
    """The access world with the rep, area manager, manager and dealer of Shanghai deactivated
    (as the service side does it), and what they saw while they were active."""
    with world_database(server_url, template_db, "act") as (conn, world):
        seen = {p: _visible(conn, world, p) for p in INACTIVE}
        conn.execute(
            "update profiles set active = false where id = any(%s::uuid[])",
            ([world.users[p] for p in INACTIVE],),
        )
        yield conn, world, seen


def _visible(conn: psycopg.Connection, world: World, persona: str) -> dict[str, int]:
    """Rows the persona reads in each public table."""
    counts = {}
    with request(conn, world.claims(persona), read_only=True) as cur:
        for t in _tables(conn):
            cur.execute(sql.SQL("select count(*) as n from {}").format(sql.SQL(t)))
            counts[t] = cur.fetchone()["n"]
    return counts


def test_every_table_with_row_level_security_has_the_active_user_policy(world_conn) -> None:
    conn, _, _ = world_conn
    rows = conn.execute(
        """
        select c.relname, c.relrowsecurity,
               exists (select from pg_policy p
                        where p.polrelid = c.oid and p.polname = %s and not p.polpermissive
                          and p.polcmd = '*' and p.polroles = array['authenticated'::regrole]::oid[]
                          and pg_get_expr(p.polqual, p.polrelid) like '%%private.active_user()%%'
                          and pg_get_expr(p.polwithcheck, p.polrelid)
                              like '%%private.active_user()%%')
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind in ('r', 'p')
        """,
        (POLICY,),
    ).fetchall()
    assert rows
    missing = sorted(t for t, rls, has in rows if not (rls and has))
    assert missing == [], (
        "tables without row level security or the restrictive active-user policy:"
        " run `select private.add_active_user_policies()` in the migration that adds them"
    )


def test_the_personas_saw_their_rows_while_active(world_conn) -> None:
    _, _, seen = world_conn
    assert seen["rep"]["public.customers"] >= 2 and seen["rep"]["public.visits"] >= 1
    assert seen["am"]["public.customers"] >= 2 and seen["mgr"]["public.customers"] == 3
    assert seen["dealer"]["public.shipments"] >= 1 and seen["dealer"]["public.products"] >= 1


@pytest.mark.parametrize("persona", INACTIVE)
def test_an_inactive_user_reads_nothing_in_any_table(world_conn, persona: str) -> None:
    conn, world, _ = world_conn
    visible = _visible(conn, world, persona)
    assert {t: n for t, n in visible.items() if n} == {}


def _write(conn, world: World, persona: str, table: str, op: str) -> str:
    """One committed write as the persona: "wrote" when a row came back, else the outcome."""
    case = MATRIX[table]
    t, k = sql.Identifier(table), sql.Identifier(case.key)
    target = world.ids[table]
    if op == "insert":
        values = [_value(v, world, persona) for v in case.insert.values()]
        query = sql.SQL("insert into public.{} ({}) values ({}) returning 1").format(
            t,
            sql.SQL(", ").join(map(sql.Identifier, case.insert)),
            sql.SQL(", ").join(sql.Placeholder() * len(values)),
        )
    elif op == "update":
        query = sql.SQL("update public.{} set " + case.update + " where {} = %s returning 1")
        query, values = query.format(t, k), [target]
    else:
        query = sql.SQL("delete from public.{} where {} = %s returning 1").format(t, k)
        values = [target]
    try:
        with request(conn, world.claims(persona), commit=True) as cur:
            cur.execute(query, values)
            return "wrote" if cur.fetchone() is not None else "nothing"
    except psycopg.Error as exc:
        return exc.sqlstate or type(exc).__name__


def test_an_inactive_user_writes_nothing_to_any_table(world_conn) -> None:
    conn, world, _ = world_conn
    tables = [t.removeprefix("public.") for t in _tables(conn)]
    assert set(tables) <= set(MATRIX), "add the new table to MATRIX in test_access_matrix.py"
    before = _fingerprints(conn)
    outcomes = {
        (persona, table, op): _write(conn, world, persona, table, op)
        for persona in INACTIVE
        for table in tables
        for op in ("insert", "update", "delete")
    }
    # refused: an error that says so, or (update, delete) no row reached
    wrong = {
        key: got
        for key, got in outcomes.items()
        if not (got in ("42501", "28000") or (key[2] != "insert" and got == "nothing"))
    }
    assert wrong == {}
    assert _fingerprints(conn) == before


def test_every_rpc_refuses_an_inactive_user(world_conn) -> None:
    conn, world, _ = world_conn
    functions = api_functions(conn)
    assert len(functions) >= 30
    before = _fingerprints(conn, ("public", "private"))
    wrong = {}
    for fn in functions:
        for persona in INACTIVE:
            got = call(conn, fn, world, persona, commit=True)
            if got not in ("28000", "42501"):
                wrong[fn.signature, persona] = got
    assert wrong == {}
    assert _fingerprints(conn, ("public", "private")) == before


@pytest.mark.parametrize("role", ["authenticated", "anon"])
def test_truncate_is_refused_to_the_api_roles_on_every_table(world_conn, role: str) -> None:
    conn, world, _ = world_conn
    claims = world.claims("rep2") if role == "authenticated" else None  # rep2 is still active
    tables = _tables(conn, ("public", "private"))
    assert any(t.startswith("private.") for t in tables)
    before = _fingerprints(conn, ("public", "private"))
    assert before["public.payments"][0] > 0 and before["public.customers"][0] > 0
    wrong = {}
    for t in tables:
        try:
            with request(conn, claims, commit=True) as cur:
                cur.execute(sql.SQL("truncate table {} cascade").format(sql.SQL(t)))
            wrong[t] = "truncated"
        except psycopg.Error as exc:
            if exc.sqlstate != "42501":
                wrong[t] = exc.sqlstate
    assert wrong == {}
    assert _fingerprints(conn, ("public", "private")) == before


def test_a_table_created_later_is_not_truncatable_by_the_api_roles_either(world_conn) -> None:
    """The default privileges of the role that runs the migrations (this connection's)."""
    conn, _, _ = world_conn
    with conn.transaction(force_rollback=True):
        conn.execute("create table public.zz_later (id int primary key)")
        rights = conn.execute(
            "select r, p, has_table_privilege(r, 'public.zz_later', p)"
            " from unnest(array['anon', 'authenticated']) r,"
            " unnest(array['select', 'insert', 'truncate', 'references', 'trigger']) p"
        ).fetchall()
    granted = {(r, p) for r, p, yes in rights if yes}
    assert granted == {("authenticated", "select"), ("authenticated", "insert")}
