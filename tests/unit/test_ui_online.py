"""fetch_off_ui: an online fetch off the UI path answers once, a deadline turns into offline."""

from __future__ import annotations

import contextlib
import threading
import time

from fieldapp.errors import FieldSalesError
from fieldapp.sync.errors import ConnectionLost
from fieldapp.ui.online import TimedOut, fetch_off_ui


def collect() -> tuple[list[tuple[object, object]], threading.Event, object]:
    seen: list[tuple[object, object]] = []
    event = threading.Event()

    def done(value: object, error: object) -> None:
        seen.append((value, error))
        event.set()

    return seen, event, done


def test_an_answer_in_time_is_reported_once() -> None:
    seen, event, done = collect()
    fetch_off_ui(lambda: 42, done, deadline=1.0)
    assert event.wait(2)
    time.sleep(1.2)  # the deadline passes: nothing more
    assert seen == [(42, None)]


def test_an_error_is_reported() -> None:
    seen, event, done = collect()

    def fail() -> None:
        raise ConnectionLost("断了", "broken")

    fetch_off_ui(fail, done, deadline=1.0)
    assert event.wait(2)
    time.sleep(1.2)
    assert len(seen) == 1 and isinstance(seen[0][1], ConnectionLost)


def test_a_bug_is_an_error_not_a_spinner_forever() -> None:
    seen, event, done = collect()
    fetch_off_ui(lambda: 1 / 0, done, deadline=1.0)
    assert event.wait(2)
    assert isinstance(seen[0][1], FieldSalesError)


def test_the_deadline_goes_offline_and_a_late_answer_still_shows() -> None:
    seen, event, done = collect()
    release = threading.Event()

    def slow() -> str:
        release.wait(5)
        return "late"

    started = time.monotonic()
    fetch_off_ui(slow, done, deadline=0.3)
    assert event.wait(2)
    assert time.monotonic() - started < 1.0
    assert seen[0][0] is None and isinstance(seen[0][1], TimedOut)
    assert isinstance(seen[0][1], ConnectionLost)  # shown as offline
    release.set()
    time.sleep(0.3)
    assert seen[1:] == [("late", None)]


def test_a_late_error_is_dropped() -> None:
    seen, event, done = collect()
    release = threading.Event()

    def slow() -> None:
        release.wait(5)
        raise ConnectionLost("断了", "broken")

    fetch_off_ui(slow, done, deadline=0.2)
    assert event.wait(2)
    release.set()
    time.sleep(0.3)
    assert len(seen) == 1 and isinstance(seen[0][1], TimedOut)


def test_supabase_online_calls_get_the_short_http_timeout() -> None:
    import httpx

    from fieldapp.sync import supabase_remote as sr

    request = httpx.Request("POST", "http://example.invalid/rest/v1/rpc/x")
    sr._online_timeout(request)
    assert "timeout" not in request.extensions
    sr._ONLINE.timeout = 3.0
    try:
        sr._online_timeout(request)
    finally:
        sr._ONLINE.timeout = None
    assert request.extensions["timeout"] == httpx.Timeout(3.0).as_dict()


def test_pg_online_calls_connect_with_the_short_timeout(monkeypatch) -> None:
    import psycopg

    from fieldapp.services.phone import ONLINE_TIMEOUT_S, ServerConfig, make_remote
    from fieldapp.sync.pg_remote import PgRemote

    seen: dict[str, object] = {}

    def connect(url: str, **kw: object) -> object:
        seen.update(kw)
        raise psycopg.OperationalError("no route to host")

    monkeypatch.setattr(psycopg, "connect", connect)
    remote = make_remote(ServerConfig("demo", database_url="postgresql://x@10.255.255.1/db"))
    assert isinstance(remote, PgRemote)
    with contextlib.suppress(FieldSalesError):
        remote.call("whoami", {})
    assert seen["connect_timeout"] == round(ONLINE_TIMEOUT_S)
