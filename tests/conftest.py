"""Shared fixtures: a real PostgreSQL (DATABASE_URL or the embedded server) with fresh databases."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from backend.migrate import migrate

TEMPLATE = f"fieldsales_tpl_{os.getpid()}"


def embedded_data_dir() -> Path:
    """A folder for an embedded cluster, outside pytest's tmp tree: pgserver runs PostgreSQL as
    another user and widens the folder's parents, which pytest narrows again (0700) mid-run."""
    return Path(tempfile.mkdtemp(prefix="fieldsales-pg-"))


@pytest.fixture(scope="session")
def server_url() -> str:
    """The PostgreSQL server under test: DATABASE_URL when set, else a fresh embedded server."""
    from backend.db import configured_url, start_embedded

    return configured_url() or start_embedded(embedded_data_dir(), stop_at_exit=True)


@pytest.fixture(autouse=True)
def _own_environment() -> Iterator[None]:
    """Each test starts from the environment the run started with: a CLI called in-process
    (backend.cli.main) with FIELDSALES_NOW sets PGOPTIONS for every later connection of the
    process (clock.freeze_sessions), which would freeze the database's calendar of the tests
    after it at that instant (a visit photo then fell outside its visit at some hours)."""
    before = dict(os.environ)
    yield
    if os.environ != before:
        os.environ.clear()
        os.environ.update(before)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test by its folder (unit, db, sync, e2e), so that `-m` picks a layer."""
    for item in items:
        layer = Path(str(item.fspath)).parent.name
        if layer in ("unit", "db", "sync", "e2e"):
            item.add_marker(layer)


def _with_db(url: str, dbname: str) -> str:
    return make_conninfo(url, dbname=dbname)


@pytest.fixture(scope="session")
def template_db(server_url: str) -> Iterator[str]:
    """A migrated database used as the template of every test database."""
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"drop database if exists {TEMPLATE}")
        admin.execute(f"create database {TEMPLATE}")
    with psycopg.connect(_with_db(server_url, TEMPLATE)) as conn:
        migrate(conn)
    yield TEMPLATE
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"drop database if exists {TEMPLATE} with (force)")


@pytest.fixture
def db_url(server_url: str, template_db: str) -> Iterator[str]:
    """URL of a fresh, migrated database for one test; dropped afterwards."""
    name = f"fieldsales_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"create database {name} template {template_db}")
    yield _with_db(server_url, name)
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")


@pytest.fixture
def empty_db_url(server_url: str) -> Iterator[str]:
    """URL of a fresh database with nothing in it (not even migrations)."""
    name = f"fieldsales_e_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"create database {name}")
    yield _with_db(server_url, name)
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")


@pytest.fixture
def conn(db_url: str) -> Iterator[psycopg.Connection]:
    """An autocommit connection to a fresh migrated database."""
    with psycopg.connect(db_url, autocommit=True) as c:
        yield c


def dbname(url: str) -> str:
    """The database name in a URL."""
    return conninfo_to_dict(url)["dbname"]


ROOT = Path(__file__).resolve().parents[1]
