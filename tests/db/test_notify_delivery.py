"""`fieldsales notify run` against loopback bots (tests/db/notify_bots.py) that check each
platform's documented body and signature: delivery, backoff on 5xx, timeouts and rate limits,
dead letters, masked logs, and a worker killed (SIGKILL) at each step."""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator

import psycopg
import pytest

from backend.notify import run
from tests.conftest import ROOT
from tests.db.notify_bots import Bot, serve

T = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
SECRET = "SECdeadbeef0123456789abcdef+/="  # with Base64-ish characters: URL-encoding matters
CUSTOMER = "00000000-0000-4000-8000-000000000001"


@pytest.fixture(params=["wecom", "dingtalk", "feishu"])
def bot(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Bot]:
    platform = request.param
    with serve(Bot(platform, None if platform == "wecom" else SECRET)) as b:
        monkeypatch.setenv("BOT_URL", b.url)
        monkeypatch.setenv("BOT_SECRET", SECRET)
        yield b


def queue(conn: psycopg.Connection, platform: str, n: int = 1) -> list[int]:
    """A channel for the platform and n queued notifications, due at T."""
    ch = conn.execute(
        "insert into notify_channels (name, platform, webhook_ref, secret_ref)"
        " values ('测试群', %s, 'env:BOT_URL', %s) returning id",
        (platform, None if platform == "wecom" else "env:BOT_SECRET"),
    ).fetchone()[0]
    return [
        conn.execute(
            "insert into private.notify_outbox (event, subject_id, customer_id, channel_id,"
            " dedupe_key, title, message, next_try_at, created_at)"
            " values ('warning_raised', gen_random_uuid(), %s, %s, %s, %s, %s, %s, %s)"
            " returning id",
            (CUSTOMER, ch, f"k{i}:{ch}", f"【客户预警】上海鑫源{i}",
             f"客户：上海鑫源{i}\n原因：已 128 天未进货\n负责人：李业务", T, T),
        ).fetchone()[0]
        for i in range(n)
    ]  # fmt: skip


def state(conn: psycopg.Connection, row: int) -> tuple:
    return conn.execute(
        "select status, tries, next_try_at, last_error from private.notify_outbox where id = %s",
        (row,),
    ).fetchone()


def at(t: dt.datetime) -> Callable[[], dt.datetime]:
    """A clock stopped at t."""
    return lambda: t


def test_each_platform_gets_its_documented_signed_request(
    conn: psycopg.Connection, bot: Bot
) -> None:
    rows = queue(conn, bot.platform, 3)
    tally = run(conn, now=at(T), timeout=2)
    assert bot.refused == [] and tally.sent == 3
    assert len(bot.delivered) == 3
    assert "上海鑫源0" in bot.delivered[0] and "已 128 天未进货" in bot.delivered[0]
    assert all(state(conn, r)[:2] == ("sent", 1) for r in rows)
    assert run(conn, now=at(T + dt.timedelta(days=1))).sent == 0  # sent is sent
    assert len(bot.delivered) == 3


def test_a_wrong_signature_is_a_dead_letter_at_once(
    conn: psycopg.Connection, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    if bot.platform == "wecom":
        monkeypatch.setenv("BOT_URL", bot.url.replace(bot.token, "WRONG-KEY"))
    else:
        monkeypatch.setenv("BOT_SECRET", "SECwrong")
    (row,) = queue(conn, bot.platform)
    assert run(conn, now=at(T)).dead == 1
    status, tries, _, error = state(conn, row)
    assert (status, tries) == ("dead", 1) and bot.delivered == []
    assert {"wecom": "93000", "dingtalk": "310000", "feishu": "19021"}[bot.platform] in error


@pytest.mark.parametrize("failure", ["5xx", "timeout", "ratelimit", "429"])
def test_failures_are_retried_with_backoff(
    conn: psycopg.Connection, bot: Bot, failure: str
) -> None:
    bot.script = [failure, failure]
    bot.hold = 1.0
    (row,) = queue(conn, bot.platform)
    assert run(conn, now=at(T), timeout=0.3).retried == 1
    assert state(conn, row)[:3] == ("queued", 1, T + dt.timedelta(seconds=30))
    assert run(conn, now=at(T + dt.timedelta(seconds=29)), timeout=0.3).retried == 0  # not due
    assert run(conn, now=at(T + dt.timedelta(seconds=30)), timeout=0.3).retried == 1
    status, tries, next_try, error = state(conn, row)  # the second wait is twice the first
    assert (status, tries, next_try) == ("queued", 2, T + dt.timedelta(seconds=90))
    expected = {"5xx": "HTTP 502", "timeout": "timeout", "ratelimit": "rate limited",
                "429": "HTTP 429"}  # fmt: skip
    assert expected[failure] in error
    assert run(conn, now=at(T + dt.timedelta(seconds=90)), timeout=0.3).sent == 1
    assert state(conn, row)[:2] == ("sent", 3) and len(bot.delivered) == 1


def test_dead_after_max_tries(conn: psycopg.Connection, bot: Bot) -> None:
    conn.execute("update settings set value = '3' where key = 'notify.max_tries'")
    bot.script = ["5xx"] * 10
    (row,) = queue(conn, bot.platform)
    now = T
    for tries in (1, 2):
        assert run(conn, now=at(now)).retried == 1
        now = state(conn, row)[2]
        assert state(conn, row)[1] == tries
    assert run(conn, now=at(now)).dead == 1
    assert state(conn, row)[:2] == ("dead", 3)
    assert run(conn, now=at(now + dt.timedelta(days=1))).dead == 0  # a dead letter stays dead
    assert bot.requests == 3 and bot.delivered == []


def test_urls_and_secrets_are_never_logged_nor_stored(
    conn: psycopg.Connection, bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="fieldsales.notify")
    bot.script = ["5xx"]
    rows = queue(conn, bot.platform, 2)
    run(conn, now=at(T))
    run(conn, now=at(T + dt.timedelta(minutes=5)))
    assert "sent to" in caplog.text and "failed" in caplog.text
    errors = " ".join(str(state(conn, r)[3]) for r in rows)
    for leak in (bot.token, SECRET, bot.url):
        assert leak not in caplog.text and leak not in errors
    assert f"…{bot.url[-4:]}" in caplog.text  # the masked form: host and last 4 characters


def test_a_missing_environment_variable_is_named_and_retried(
    conn: psycopg.Connection, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BOT_URL")
    (row,) = queue(conn, bot.platform)
    assert run(conn, now=at(T)).retried == 1
    assert "BOT_URL" in state(conn, row)[3] and bot.requests == 0


@pytest.mark.parametrize("step", ["claimed", "sent"])
def test_a_killed_worker_loses_nothing(
    conn: psycopg.Connection, db_url: str, bot: Bot, step: str
) -> None:
    """SIGKILL after the claim: nothing was sent and the next run sends it once. SIGKILL after
    the bot accepted but before the commit of 'sent': the documented at-least-once window — the
    next run sends it again (the only way to a duplicate, see backend/notify/worker.py)."""
    (row,) = queue(conn, bot.platform)
    env = os.environ | {
        "DATABASE_URL": db_url,
        "FIELDSALES_NOW": T.isoformat(),
        "FIELDSALES_NOTIFY_STOP_AT": step,
        "PYTHONPATH": str(ROOT),
    }
    worker = subprocess.Popen(
        [sys.executable, "-c", "from backend.cli import main; raise SystemExit(main())",
         "notify", "run", "--once", "--batch", "5", "--timeout", "2"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == f"notify: stopped at {step}"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    status, tries, lease_end, _ = state(conn, row)
    assert (status, tries) == ("queued", 1)
    assert len(bot.delivered) == (1 if step == "sent" else 0)
    # another worker before the lease ends takes nothing; after it, the row is sent
    assert run(conn, now=at(lease_end - dt.timedelta(seconds=1))).sent == 0
    assert run(conn, now=at(lease_end)).sent == 1
    assert state(conn, row)[:2] == ("sent", 2)
    assert len(bot.delivered) == (2 if step == "sent" else 1)
    assert run(conn, now=at(lease_end + dt.timedelta(days=1))).sent == 0


def test_a_stored_secret_is_used_and_bad_cli_input_changes_nothing(
    conn: psycopg.Connection,
    db_url: str,
    bot: Bot,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import io

    from backend.cli import main

    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setattr("sys.stdin", io.StringIO(bot.url + "\n"))
    assert main(["notify", "set-secret", "sh.bot.url"]) == 0
    assert bot.url not in capsys.readouterr().out  # never echoed
    queue(conn, bot.platform)
    conn.execute("update notify_channels set webhook_ref = 'secret:sh.bot.url'")
    monkeypatch.delenv("BOT_URL")
    assert run(conn, now=at(T)).sent == 1 and len(bot.delivered) == 1
    # bad input: refused in both languages, nothing stored
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    assert main(["notify", "set-secret", "empty.one"]) == 1  # an error: one line, exit 1
    assert "标准输入" in capsys.readouterr().err
    for argv in (["notify", "set-secret", "Bad Name"], ["notify", "run", "--batch", "0"]):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 2
        err = capsys.readouterr().err
        assert "|" in err and ("密钥名" in err or "整数" in err)
    names = conn.execute("select array_agg(name) from private.notify_secrets").fetchone()[0]
    assert names == ["sh.bot.url"]
