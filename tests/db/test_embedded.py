"""The embedded PostgreSQL (pgserver) starts on demand and takes the same migrations."""

from __future__ import annotations

import psycopg
import pytest

from backend.db import start_embedded
from backend.importer import import_frames
from backend.migrate import load_migrations, migrate
from tests.conftest import embedded_data_dir
from tests.fixtures import small_frames

pytestmark = pytest.mark.embedded


def test_embedded_server_starts_migrates_and_imports() -> None:
    data = embedded_data_dir() / "pgdata"
    url = start_embedded(data, stop_at_exit=True)
    with psycopg.connect(url, autocommit=True) as conn:
        assert migrate(conn) == [m.version for m in load_migrations()]
        assert migrate(conn) == []
        result = import_frames(conn, small_frames())
        assert result.inserted["customers"] == 3
        version = conn.execute("show server_version_num").fetchone()[0]
        assert int(version) >= 150000
    # started on demand: a second call reuses the running server
    assert start_embedded(data, stop_at_exit=True) == url
