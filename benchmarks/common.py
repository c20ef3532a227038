"""Shared benchmark plumbing: the large demo database, timing with medians."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable

import psycopg
from psycopg.conninfo import make_conninfo

from backend.db import configured_url
from backend.migrate import MigrationError, migrate

LARGE_DB = "fieldsales_bench_large"
AS_OF = dt.date(2026, 11, 27)  # fixed, so every benchmark sees the same data


def server_url() -> str:
    """The benchmark server: DATABASE_URL, else the local PostgreSQL on 127.0.0.1."""
    return configured_url() or "postgresql://postgres@127.0.0.1:5432/postgres"


def large_database(*, fresh: bool = False) -> str:
    """URL of a migrated database holding the large demo (~20,000 outlets), built once and
    rebuilt when asked or when its migrations no longer match the files."""
    with psycopg.connect(server_url(), autocommit=True) as admin:
        admin.execute("select pg_advisory_lock(727002)")
        try:
            url = make_conninfo(server_url(), dbname=LARGE_DB)
            try:
                _build_large(admin, url, fresh)
            except MigrationError:  # built from migrations that were edited since: start over
                _build_large(admin, url, True)
        finally:
            admin.execute("select pg_advisory_unlock(727002)")
    return url


def _build_large(admin: psycopg.Connection, url: str, fresh: bool) -> None:
    from backend.demo import generate
    from backend.importer import import_frames

    exists = admin.execute("select 1 from pg_database where datname = %s", (LARGE_DB,)).fetchone()
    if exists and fresh:
        admin.execute(f"drop database {LARGE_DB} with (force)")
        exists = None
    if not exists:
        admin.execute(f"create database {LARGE_DB}")
    with psycopg.connect(url, autocommit=True) as conn:
        migrate(conn)
        if conn.execute("select not exists (select from public.customers)").fetchone()[0]:
            import_frames(conn, generate("large", seed=42, as_of=AS_OF), as_of=AS_OF)
            conn.execute("analyze")


def timed(fn: Callable[[], object], runs: int = 5) -> tuple[float, list[float]]:
    """Median and all wall times (seconds) of fn over several runs."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times
