"""Shared benchmark plumbing: the large and national demo databases, timing with medians."""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable

import psycopg
from psycopg.conninfo import make_conninfo

from backend.db import configured_url
from backend.migrate import MigrationError, migrate

LARGE_DB = "fieldsales_bench_large"
NATIONAL_DB = "fieldsales_bench_national"
DATABASES = {"large": LARGE_DB, "national": NATIONAL_DB}  # scale -> database, built once
AS_OF = dt.date(2026, 11, 27)  # fixed, so every benchmark sees the same data
_LOCKS = {"large": 727002, "national": 727003}


def server_url() -> str:
    """The benchmark server: DATABASE_URL, else the local PostgreSQL on 127.0.0.1."""
    return configured_url() or "postgresql://postgres@127.0.0.1:5432/postgres"


def add_scale_argument(
    parser: argparse.ArgumentParser, *, own: dict[str, str] | None = None, default: str = "large"
) -> None:
    """--scale large|national (default large) for a benchmark that runs on a demo database;
    `own` adds the benchmark's own choices (choice -> what it means) before them."""
    own = own or {}
    parser.add_argument(
        "--scale",
        choices=(*own, *DATABASES),
        default=default,
        help="".join(f"{k}: {v}; " for k, v in own.items())
        + "large: ~20,000 outlets, 800 dealers, ~1 M shipment lines; national: ~100,000 outlets,"
        " 2,000 dealers, ~5 M lines (its database is built once per machine, which takes many"
        " minutes)",
    )


def large_database(*, fresh: bool = False) -> str:
    """URL of a migrated database holding the large demo (~20,000 outlets), built once and
    rebuilt when asked or when its migrations no longer match the files."""
    return scale_database("large", fresh=fresh)


def national_database(*, fresh: bool = False) -> str:
    """URL of a migrated database holding the national demo (~100,000 outlets, ~5 M shipment
    lines), built once per machine like the large one (the build prints its phases)."""
    return scale_database("national", fresh=fresh)


def scale_database(scale: str = "large", *, fresh: bool = False) -> str:
    """URL of the benchmark database of a demo scale (large or national), built once."""
    name = DATABASES[scale]
    with psycopg.connect(server_url(), autocommit=True) as admin:
        admin.execute("select pg_advisory_lock(%s)", (_LOCKS[scale],))
        try:
            url = make_conninfo(server_url(), dbname=name)
            try:
                _build(admin, scale, url, fresh)
            except MigrationError:  # built from migrations that were edited since: start over
                _build(admin, scale, url, True)
        finally:
            admin.execute("select pg_advisory_unlock(%s)", (_LOCKS[scale],))
    return url


def scale_copy(scale: str, prefix: str) -> str:
    """URL of `<prefix>_<scale>`, a copy of the scale's database (CREATE DATABASE … TEMPLATE) for
    a benchmark that adds to it, so the shared one stays as the other benchmarks expect it: made
    once and migrated to the files; made again when a migration it ran was edited since."""
    name = f"{prefix}_{scale}"
    url = make_conninfo(server_url(), dbname=name)
    try:
        return _copy(scale, name, url)
    except MigrationError:
        with psycopg.connect(server_url(), autocommit=True) as admin:
            admin.execute(f"drop database {name} with (force)")
        return _copy(scale, name, url)


def _copy(scale: str, name: str, url: str) -> str:
    with psycopg.connect(server_url(), autocommit=True) as admin:
        if not admin.execute("select 1 from pg_database where datname = %s", (name,)).fetchone():
            scale_database(scale)  # the source, built and migrated to the files
            admin.execute(f"create database {name} template {DATABASES[scale]}")
    with psycopg.connect(url, autocommit=True) as conn:
        migrate(conn)
    return url


def _build(admin: psycopg.Connection, scale: str, url: str, fresh: bool) -> None:
    from backend.demo import generate
    from backend.importer import import_frames
    from backend.progress import PlainPhases

    name = DATABASES[scale]
    exists = admin.execute("select 1 from pg_database where datname = %s", (name,)).fetchone()
    if exists and fresh:
        admin.execute(f"drop database {name} with (force)")
        exists = None
    if not exists:
        admin.execute(f"create database {name}")
    with psycopg.connect(url, autocommit=True) as conn:
        migrate(conn)
        if conn.execute("select not exists (select from public.customers)").fetchone()[0]:
            print(f"building {name} (the {scale} demo as of {AS_OF})", file=sys.stderr)
            with PlainPhases(sys.stderr) as phases:
                with phases.step("generate"):
                    frames = generate(scale, seed=42, as_of=AS_OF)
                import_frames(conn, frames, as_of=AS_OF, progress=phases)
                del frames
                with phases.step("analyze"):
                    conn.execute("analyze")


def timed(fn: Callable[[], object], runs: int = 5) -> tuple[float, list[float]]:
    """Median and all wall times (seconds) of fn over several runs."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times
