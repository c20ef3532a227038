"""A killed import does not keep running on the server: the importer's sessions have the server
check for a vanished client while a statement runs (client_connection_check_interval), so the
backend ends within seconds of the client, instead of going on for minutes holding its locks and
the sync horizon."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid

import psycopg

from backend.db import CLIENT_CHECK_INTERVAL
from backend.importer import import_frames
from tests.conftest import ROOT
from tests.fixtures import small_frames

LOCKED = "public.areas, public.profiles, public.products, public.customers"


def _backend_waiting(obs: psycopg.Connection, app: str, child: subprocess.Popen) -> int:
    """The pid of the child's backend once it waits on the held lock."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        row = obs.execute(
            "select pid from pg_stat_activity where application_name = %s"
            " and wait_event_type = 'Lock'",
            (app,),
        ).fetchone()
        if row:
            return row[0]
        assert child.poll() is None, f"the child ended first: {child.communicate()}"
        time.sleep(0.1)
    raise AssertionError("the child's statement never reached the lock")


def _seconds_until_gone(obs: psycopg.Connection, pid: int, limit: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if obs.execute("select 1 from pg_stat_activity where pid = %s", (pid,)).fetchone() is None:
            return time.monotonic() - started
        time.sleep(0.1)
    return None


def _kill_while_blocked(db_url: str, command: list[str]) -> tuple[float | None, int]:
    """Run the command while another session holds the tables the import reads; once its
    backend waits on them, SIGKILL the client, and time how long the backend lives on (within
    10 s; None when longer). The lock is held throughout, so only the client check ends it."""
    app = f"fieldsales-killed-{uuid.uuid4().hex[:8]}"
    env = os.environ | {"DATABASE_URL": db_url, "PGAPPNAME": app}
    with psycopg.connect(db_url) as holder, psycopg.connect(db_url, autocommit=True) as obs:
        holder.execute(f"lock table {LOCKED} in access exclusive mode")
        child = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        try:
            pid = _backend_waiting(obs, app, child)
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        gone = _seconds_until_gone(obs, pid, 10.0)
        if gone is None:
            obs.execute("select pg_terminate_backend(%s)", (pid,))
        holder.rollback()
    return gone, pid


def test_a_killed_import_ends_its_server_backend_within_seconds(db_url: str) -> None:
    workbook = str(ROOT / "docs" / "example-workbook.xlsx")
    gone, _ = _kill_while_blocked(db_url, [sys.executable, "-m", "backend.cli", "import", workbook])
    assert gone is not None, "the killed import's backend was still there after 10 s"
    assert gone < 10


def test_without_the_check_a_killed_client_leaves_its_backend_running(db_url: str) -> None:
    """The control: the same blocked statement from a plain connection outlives its client."""
    plain = (
        "import os, psycopg; psycopg.connect(os.environ['DATABASE_URL']).execute("
        + repr(f"select count(*) from {LOCKED.split(', ')[0]}")
        + ")"
    )
    started = time.monotonic()
    app = f"fieldsales-plain-{uuid.uuid4().hex[:8]}"
    env = os.environ | {"DATABASE_URL": db_url, "PGAPPNAME": app}
    with psycopg.connect(db_url) as holder, psycopg.connect(db_url, autocommit=True) as obs:
        holder.execute(f"lock table {LOCKED} in access exclusive mode")
        child = subprocess.Popen([sys.executable, "-c", plain], env=env)
        try:
            pid = _backend_waiting(obs, app, child)
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        gone = _seconds_until_gone(obs, pid, 5.0)  # more than twice the importer's interval
        obs.execute("select pg_terminate_backend(%s)", (pid,))
        holder.rollback()
    assert gone is None, "a plain session ended by itself: the test above would prove nothing"
    assert time.monotonic() - started < 60


def test_the_importer_sets_the_check_on_its_session(conn: psycopg.Connection) -> None:
    assert conn.execute("show client_connection_check_interval").fetchone()[0] == "0"
    import_frames(conn, small_frames(), evaluate=False)
    assert conn.execute("show client_connection_check_interval").fetchone()[0] == (
        CLIENT_CHECK_INTERVAL
    )
