"""Apply supabase/migrations in order, each in its own transaction, and record what ran."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import psycopg

from fieldapp.errors import FieldSalesError

MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "supabase" / "migrations"
_NAME = re.compile(r"^(\d{14})_([a-z0-9_]+)\.sql$")
_LOCK_KEY = 727_001  # pg_advisory_lock key: one migrator at a time


class MigrationError(FieldSalesError):
    """A migration file is malformed, was edited after it ran, or failed to apply."""

    title_zh = "数据库迁移失败"
    title_en = "Migration failed"


@dataclass(frozen=True)
class Migration:
    """One file of supabase/migrations."""

    version: str
    name: str
    sql: str


def load_migrations(folder: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The migration files in version order; a badly named file is an error."""
    found = []
    for path in sorted(folder.glob("*.sql")):
        m = _NAME.match(path.name)
        if not m:
            raise MigrationError(
                f"迁移文件名不合规范：{path.name}（应为 <14位时间戳>_<主题>.sql）",
                f"migration file {path.name} is not named <14-digit timestamp>_<topic>.sql",
            )
        found.append(Migration(m.group(1), m.group(2), path.read_text(encoding="utf-8")))
    return found


def is_supabase(conn: psycopg.Connection) -> bool:
    """True on a Supabase database (it has the supabase_admin role)."""
    row = conn.execute("select exists (select from pg_roles where rolname = 'supabase_admin')")
    return bool(row.fetchone()[0])


def migrate(conn: psycopg.Connection, folder: Path = MIGRATIONS_DIR) -> list[str]:
    """Apply pending migrations; return the versions applied (empty when up to date)."""
    migrations = load_migrations(folder)
    conn.autocommit = True
    conn.execute("select pg_advisory_lock(%s)", (_LOCK_KEY,))
    try:
        with conn.transaction():
            conn.execute(
                "create schema if not exists supabase_migrations;"
                "create table if not exists supabase_migrations.schema_migrations"
                " (version text primary key, statements text[], name text)"
            )
            if not is_supabase(conn):
                _apply_auth_compat(conn)
        applied = {
            version: statements
            for version, statements in conn.execute(
                "select version, statements from supabase_migrations.schema_migrations"
            )
        }
        done = []
        for mig in migrations:
            if mig.version in applied:
                if applied[mig.version] and applied[mig.version] != [mig.sql]:
                    raise MigrationError(
                        f"迁移 {mig.version}_{mig.name} 在执行后被修改过；请新建迁移文件",
                        f"migration {mig.version}_{mig.name} was edited after it was applied;"
                        " add a new migration instead",
                    )
                continue
            try:
                with conn.transaction():
                    conn.execute(mig.sql)
                    conn.execute(
                        "insert into supabase_migrations.schema_migrations"
                        " (version, name, statements) values (%s, %s, %s)",
                        (mig.version, mig.name, [mig.sql]),
                    )
            except psycopg.Error as exc:
                raise MigrationError(
                    f"迁移 {mig.version}_{mig.name} 执行失败，未做任何更改：{exc}",
                    f"migration {mig.version}_{mig.name} failed and was rolled back: {exc}",
                ) from exc
            done.append(mig.version)
        return done
    finally:
        conn.execute("select pg_advisory_unlock(%s)", (_LOCK_KEY,))


_COMPAT = ("00000000000000", "auth_compat")  # recorded like a migration, before every migration


def _apply_auth_compat(conn: psycopg.Connection) -> None:
    """Apply the auth compatibility layer once: run again, its default grants would undo the
    hardening of later migrations (access_control revokes anon's default table rights). A
    database that has the layer from before it was recorded is recorded without running it."""
    version, name = _COMPAT
    if conn.execute(
        "select exists (select from supabase_migrations.schema_migrations where version = %s)",
        (version,),
    ).fetchone()[0]:
        return
    sql = resources.files("backend").joinpath("sql/auth_compat.sql").read_text()
    if conn.execute("select to_regprocedure('auth.uid()') is null").fetchone()[0]:
        conn.execute(sql)
    conn.execute(
        "insert into supabase_migrations.schema_migrations (version, name, statements)"
        " values (%s, %s, %s)",
        (version, name, [sql]),
    )
