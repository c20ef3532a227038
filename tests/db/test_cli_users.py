"""`fieldsales user deactivate EMAIL` / `activate EMAIL`, as a user runs them (a subprocess), against
a real database and a small fake of Supabase Auth's admin API that holds the client to its
contract: PUT /auth/v1/admin/users/{id}, the service key in `apikey` and `Authorization: Bearer`,
a JSON body {"ban_duration": "876000h" | "none"} and nothing else."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import psycopg
import pytest

from tests.conftest import ROOT
from tests.db.access_world import EMAILS, build_world
from tests.postgrest import claims_for, request

SERVICE_KEY = "sb_secret_test-service-role-key"
USER_PATH = re.compile(r"^/auth/v1/admin/users/([0-9a-f-]{36})$")


class FakeAuth:
    """Supabase Auth's `PUT /auth/v1/admin/users/{id}`: enforces the contract, records the calls
    it accepted, and answers 500 when told to fail."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []  # (user id, body) of accepted calls
        self.refused: list[str] = []  # why a request broke the contract
        self.fail = False
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _refuse(self, status: int, why: str) -> None:
                fake.refused.append(why)
                self._answer(status, {"code": status, "error_code": "bad_request", "msg": why})

            def do_PUT(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                m = USER_PATH.match(self.path)
                if not m:
                    return self._refuse(404, f"no such path {self.path}")
                if self.headers.get("apikey") != SERVICE_KEY:
                    return self._refuse(401, "apikey is not the service key")
                if self.headers.get("Authorization") != f"Bearer {SERVICE_KEY}":
                    return self._refuse(401, "Authorization is not Bearer <service key>")
                if not (self.headers.get("Content-Type") or "").startswith("application/json"):
                    return self._refuse(400, "not JSON")
                try:
                    payload = json.loads(body)
                except ValueError:
                    return self._refuse(400, "body is not JSON")
                if payload not in ({"ban_duration": "876000h"}, {"ban_duration": "none"}):
                    return self._refuse(400, f"unexpected body {payload}")
                if fake.fail:
                    return self._answer(500, {"code": 500, "msg": "Database error updating user"})
                fake.calls.append((m.group(1), payload))
                banned = None if payload["ban_duration"] == "none" else "2126-12-06T00:00:00Z"
                return self._answer(
                    200,
                    {
                        "id": m.group(1),
                        "aud": "authenticated",
                        "role": "authenticated",
                        "email": "someone@example.cn",
                        "app_metadata": {},
                        "user_metadata": {},
                        "created_at": "2026-01-01T00:00:00Z",
                        "banned_until": banned,
                    },
                )

            def do_GET(self) -> None:
                self._refuse(405, f"{self.command} {self.path}")

            do_POST = do_PATCH = do_DELETE = do_GET

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def auth() -> Iterator[FakeAuth]:
    fake = FakeAuth()
    yield fake
    fake.close()


@pytest.fixture
def world_url(db_url: str) -> Iterator[tuple[str, dict[str, str]]]:
    """A database with the access world; its users' ids by persona."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        world = build_world(conn)
    yield db_url, world.users


def fieldsales(*args: str, url: str, supabase: dict[str, str] | None = None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPABASE_")}
    env |= {"DATABASE_URL": url, **(supabase or {})}
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _active(url: str) -> dict[str, bool]:
    with psycopg.connect(url) as conn:
        return dict(conn.execute("select email, active from profiles").fetchall())


def _customers_seen(url: str, user_id: str) -> int:
    with psycopg.connect(url, autocommit=True) as conn, request(conn, claims_for(user_id)) as cur:
        cur.execute("select count(*) as n from customers")
        return cur.fetchone()["n"]


def test_deactivate_bans_in_supabase_and_activate_lifts_it(world_url, auth: FakeAuth) -> None:
    url, users = world_url
    env = {"SUPABASE_URL": auth.url, "SUPABASE_SERVICE_ROLE_KEY": SERVICE_KEY}
    before = _active(url)
    assert _customers_seen(url, users["rep"]) == 2

    done = fieldsales("user", "deactivate", EMAILS["rep"].upper(), url=url, supabase=env)
    assert done.returncode == 0, done.stderr
    assert "deactivated" in done.stdout and "banned" in done.stdout
    assert auth.refused == []
    assert auth.calls == [(users["rep"], {"ban_duration": "876000h"})]
    assert _active(url) == before | {EMAILS["rep"]: False}
    assert _customers_seen(url, users["rep"]) == 0  # the database refuses the old token at once

    done = fieldsales("user", "activate", EMAILS["rep"], url=url, supabase=env)
    assert done.returncode == 0, done.stderr
    assert auth.calls[1:] == [(users["rep"], {"ban_duration": "none"})]
    assert _active(url) == before
    assert _customers_seen(url, users["rep"]) == 2


def test_an_unknown_email_is_a_clear_error_and_changes_nothing(world_url, auth: FakeAuth) -> None:
    url, _ = world_url
    env = {"SUPABASE_URL": auth.url, "SUPABASE_SERVICE_ROLE_KEY": SERVICE_KEY}
    before = _active(url)
    done = fieldsales("user", "deactivate", "nobody@example.cn", url=url, supabase=env)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert "找不到用户" in lines[0] and "no user has the email nobody@example.cn" in lines[0]
    assert auth.calls == [] and auth.refused == []
    assert _active(url) == before

    bad = fieldsales("user", "deactivate", "not-an-email", url=url, supabase=env)
    assert bad.returncode == 1 and "not an email address" in bad.stderr
    assert auth.calls == [] and _active(url) == before


@pytest.mark.parametrize("fault", ["auth fails", "wrong key", "auth down"])
def test_when_auth_does_not_take_the_ban_the_database_is_left_as_it_was(
    world_url, auth: FakeAuth, fault: str
) -> None:
    url, users = world_url
    env = {"SUPABASE_URL": auth.url, "SUPABASE_SERVICE_ROLE_KEY": SERVICE_KEY}
    if fault == "auth fails":
        auth.fail = True
    elif fault == "wrong key":
        env["SUPABASE_SERVICE_ROLE_KEY"] = "the-anon-key"
    else:
        auth.close()
    before = _active(url)
    done = fieldsales("user", "deactivate", EMAILS["dealer"], url=url, supabase=env)
    assert done.returncode == 1, done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert "Supabase Auth" in lines[0] and "the database was not changed" in lines[0]
    assert auth.calls == []
    assert _active(url) == before
    assert _customers_seen(url, users["rep"]) == 2


def test_without_supabase_the_database_alone_refuses_the_user(world_url) -> None:
    url, users = world_url
    done = fieldsales("user", "deactivate", EMAILS["am"], url=url)
    assert done.returncode == 0, done.stderr
    assert "no Supabase configured" in done.stdout
    assert _active(url)[EMAILS["am"]] is False
    assert _customers_seen(url, users["am"]) == 0
    # half a Supabase configuration is refused before anything changes
    half = fieldsales(
        "user", "activate", EMAILS["am"], url=url, supabase={"SUPABASE_URL": "http://127.0.0.1:9"}
    )
    assert half.returncode == 1 and "SUPABASE_SERVICE_ROLE_KEY" in half.stderr
    assert _active(url)[EMAILS["am"]] is False
