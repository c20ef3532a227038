"""The embedded PostgreSQL (pgserver) starts on demand and takes the same migrations."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from backend.db import start_embedded
from backend.importer import import_frames
from backend.migrate import load_migrations, migrate
from tests.fixtures import small_frames

pytestmark = pytest.mark.embedded


def test_embedded_server_starts_migrates_and_imports(tmp_path: Path) -> None:
    url = start_embedded(tmp_path / "pgdata", stop_at_exit=True)
    with psycopg.connect(url, autocommit=True) as conn:
        assert migrate(conn) == [m.version for m in load_migrations()]
        assert migrate(conn) == []
        result = import_frames(conn, small_frames())
        assert result.inserted["customers"] == 3
        version = conn.execute("show server_version_num").fetchone()[0]
        assert int(version) >= 150000
    # started on demand: a second call reuses the running server
    assert start_embedded(tmp_path / "pgdata", stop_at_exit=True) == url
