"""Fixtures for sync tests: access_world on a fresh database, and phones signed in to it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.sync.helpers import Phone, persona_phone


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    """access_world (two areas, reps, managers, dealers) built through the importer."""
    return build_world(conn)


@pytest.fixture
def phone(db_url: str, world: World, tmp_path: Path) -> Iterator[Callable[..., Phone]]:
    """Make phones: phone("rep"), phone("rep", "second") … each with its own SQLite file."""
    made: list[Phone] = []

    def make(persona: str, name: str | None = None, **kw: object) -> Phone:
        p = persona_phone(db_url, persona, tmp_path / f"{name or persona}-{len(made)}.db", **kw)
        made.append(p)
        return p

    yield make
    for p in made:
        p.close()
