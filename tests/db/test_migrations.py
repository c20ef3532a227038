"""Migrations: apply on an empty database, re-run is a no-op, RLS everywhere, edits detected."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import psycopg
import pytest

from backend.migrate import MIGRATIONS_DIR, MigrationError, load_migrations, migrate
from backend.schema import pg_dump


def _schema_fingerprint(conn: psycopg.Connection) -> list[tuple]:
    return conn.execute(
        "select table_schema, table_name, column_name, data_type from information_schema.columns"
        " where table_schema in ('public', 'auth', 'private') order by 1, 2, 3"
    ).fetchall()


def schema_dump(url: str) -> str:
    """`pg_dump --schema-only` of a database, owners and the migrator's bookkeeping included."""
    return pg_dump(url, "--no-comments")


def test_a_second_migrate_leaves_the_schema_exactly_as_it_was(empty_db_url: str) -> None:
    with psycopg.connect(empty_db_url, autocommit=True) as conn:
        migrate(conn)
        first = schema_dump(empty_db_url)
        assert migrate(conn) == []
        assert schema_dump(empty_db_url) == first
        # a database that got the auth layer before it was recorded: recorded, not run again
        conn.execute(
            "delete from supabase_migrations.schema_migrations where version = '00000000000000'"
        )
        assert migrate(conn) == []
        assert conn.execute(
            "select name from supabase_migrations.schema_migrations where version = '00000000000000'"
        ).fetchone() == ("auth_compat",)
    assert schema_dump(empty_db_url) == first
    # anon gets no rights by default on tables a later migration creates (access_control)
    assert "GRANT ALL ON TABLES TO anon" not in first


def test_migrations_apply_on_empty_database_and_second_run_is_noop(empty_db_url: str) -> None:
    with psycopg.connect(empty_db_url, autocommit=True) as conn:
        applied = migrate(conn)
        assert applied == [m.version for m in load_migrations()]
        before = _schema_fingerprint(conn)
        recorded = conn.execute(
            "select count(*) from supabase_migrations.schema_migrations"
        ).fetchone()
        assert migrate(conn) == []
        assert _schema_fingerprint(conn) == before
        again = conn.execute(
            "select count(*) from supabase_migrations.schema_migrations"
        ).fetchone()
        assert again == recorded


def test_every_api_table_has_row_level_security(conn: psycopg.Connection) -> None:
    tables = conn.execute(
        "select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace"
        " where n.nspname = 'public' and c.relkind in ('r', 'p')"
    ).fetchall()
    assert len(tables) >= 25
    assert [name for name, rls in tables if not rls] == []


def test_rls_check_fails_when_a_table_lacks_it(conn: psycopg.Connection) -> None:
    conn.execute("create table public.sneaky (id int)")
    off = conn.execute(
        "select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
        " where n.nspname = 'public' and c.relkind = 'r' and not c.relrowsecurity"
    ).fetchall()
    assert off == [("sneaky",)]


_BARE_CALL = re.compile(r"(?<!SELECT )\b\w+\.\w+\(")  # schema.function( not after SELECT


def _policies_calling_per_row(conn: psycopg.Connection) -> list[tuple[str, str, str]]:
    """Policies that call a function outside a `(select ...)`: it would run once per row."""
    with conn.transaction():
        conn.execute("set local search_path = ''")  # every function named with its schema
        rows = conn.execute(
            "select tablename, policyname, concat_ws(' ', qual, with_check) from pg_policies"
        ).fetchall()
    return sorted((t, p, m.group()) for t, p, text in rows for m in _BARE_CALL.finditer(text))


def test_policies_call_helpers_once_per_statement(conn: psycopg.Connection) -> None:
    assert len(conn.execute("select from pg_policies").fetchall()) > 150
    assert _policies_calling_per_row(conn) == []
    conn.execute(
        "create function public.sees(c uuid) returns boolean language sql stable"
        " as 'select c in (select private.staff_customer_ids())'"
    )
    conn.execute(
        'create policy "Per row" on public.visits for select to authenticated'
        " using (sees(customer_id) or (select private.is_manager()))"
    )
    assert _policies_calling_per_row(conn) == [("visits", "Per row", "public.sees(")]


def test_api_roles_without_a_profile_get_nothing(conn: psycopg.Connection) -> None:
    conn.execute("insert into public.areas (code, name) values ('SH', '上海区')")
    with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
        conn.execute("set local role anon")
        conn.execute("select count(*) from public.areas")
    stranger = '{"sub": "7d2f1d1e-0000-4000-8000-000000000009", "role": "authenticated"}'
    with conn.transaction(force_rollback=True):
        conn.execute("set local role authenticated")
        conn.execute("select set_config('request.jwt.claims', %s, true)", (stranger,))
        assert conn.execute("select count(*) from public.areas").fetchone()[0] == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("insert into public.areas (code, name) values ('X', 'x')")


def test_auth_helpers_read_postgrest_claims_and_tolerate_pooled_empty_settings(
    conn: psycopg.Connection,
) -> None:
    with conn.transaction():
        conn.execute("select set_config('request.jwt.claims', '', true)")
        assert conn.execute("select auth.uid(), auth.role(), auth.jwt()").fetchone() == (
            None,
            None,
            None,
        )
        conn.execute(
            "select set_config('request.jwt.claims', %s, true)",
            ('{"sub": "7d2f1d1e-0000-4000-8000-000000000001", "role": "authenticated"}',),
        )
        uid, role, jwt = conn.execute("select auth.uid()::text, auth.role(), auth.jwt()").fetchone()
        assert uid == "7d2f1d1e-0000-4000-8000-000000000001"
        assert role == "authenticated"
        assert jwt["role"] == "authenticated"


def test_constraints_reject_invalid_rows(conn: psycopg.Connection) -> None:
    conn.execute("insert into public.areas (code, name) values ('SH', '上海区')")
    area = conn.execute("select id from public.areas").fetchone()[0]
    bad = [
        "insert into public.customers (code, name, tier, area_id, lat, lng) values ('A', 'a', 1, %s, 91, 0)",
        "insert into public.customers (code, name, tier, area_id) values ('B', 'b', 4, %s)",
        "insert into public.customers (code, name, tier, area_id) values ('C', 'c', 2, %s)",
        "insert into public.customers (code, name, tier, area_id, status) values ('D', 'd', 1, %s, 'gone')",
    ]
    for statement in bad:
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(statement, (area,))
    conn.execute(
        "insert into public.customers (code, name, tier, area_id) values ('D1', 'd', 1, %s)",
        (area,),
    )
    dealer = conn.execute("select id from public.customers where code = 'D1'").fetchone()[0]
    conn.execute(
        "insert into public.products (sku, name, brand, spec, unit_price) values ('P', 'p', 'b', 's', 1)"
    )
    product = conn.execute("select id from public.products").fetchone()[0]
    with pytest.raises(psycopg.errors.CheckViolation):
        conn.execute(
            "insert into public.shipments (doc_no, line_no, customer_id, product_id, shipped_on, quantity,"
            " unit_price, amount) values ('X', 1, %s, %s, private.company_today(), -1, 1, 1)",
            (dealer, product),
        )
    # a tier-2 outlet cannot hang under another tier-2 outlet
    conn.execute(
        "insert into public.customers (code, name, tier, area_id, parent_id) values ('S1', 's', 2, %s, %s)",
        (area, dealer),
    )
    s1 = conn.execute("select id from public.customers where code = 'S1'").fetchone()[0]
    with pytest.raises(psycopg.errors.CheckViolation):
        conn.execute(
            "insert into public.customers (code, name, tier, area_id, parent_id) values ('S2', 's', 2, %s, %s)",
            (area, s1),
        )


def test_an_edited_migration_is_refused(empty_db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, folder)
    with psycopg.connect(empty_db_url, autocommit=True) as conn:
        migrate(conn, folder)
        first = sorted(folder.glob("*.sql"))[0]
        first.write_text(first.read_text() + "\n-- sneaky edit\n")
        with pytest.raises(MigrationError, match="edited"):
            migrate(conn, folder)


def test_a_failing_migration_changes_nothing(empty_db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, folder)
    (folder / "29990101000000_broken.sql").write_text(
        "create table public.half_done (id int);\nselect no_such_function();\n"
    )
    with psycopg.connect(empty_db_url, autocommit=True) as conn:
        with pytest.raises(MigrationError, match="broken"):
            migrate(conn, folder)
        assert conn.execute("select to_regclass('public.half_done')").fetchone()[0] is None
        versions = [
            r[0] for r in conn.execute("select version from supabase_migrations.schema_migrations")
        ]
        assert "29990101000000" not in versions
        assert sorted(versions) == ["00000000000000"] + [m.version for m in load_migrations()]


def test_badly_named_migration_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "001_init.sql").write_text("select 1;")
    with pytest.raises(MigrationError, match=r"001_init\.sql"):
        load_migrations(tmp_path)
