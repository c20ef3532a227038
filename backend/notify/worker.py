"""Deliver the notification outbox (private.notify_outbox) to the group bots.

The guarantee, honestly: **at least once, and once in practice.** A worker claims due rows in
a short transaction (``for update skip locked``): it adds one to ``tries`` and moves
``next_try_at`` to the end of a lease, then commits, sends, and marks each row ``sent`` in its
own commit right after the bot answers. None of these bots offers a dedupe key on its side, so
no design can be exactly-once against a kill at the wrong instant:
- killed after the claim, before the POST: nothing reached the group; the lease ends and the row
  is due again (a later run sends it once). Nothing is lost.
- killed after the bot accepted the POST, before the ``sent`` commit: the row is due again when
  the lease ends and the group gets the message a second time. This window is one round trip to
  PostgreSQL (about a millisecond); it is the only way to a duplicate.
- marking before sending would close that window by losing the message instead; we do not.
Two workers never hold the same row (skip locked + the lease), so running several is safe as
long as a batch is sent within its lease (``lease_seconds`` grows with the batch and timeout).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
import psycopg

from backend import clock
from backend.notify.platforms import Outcome, build, mask, read_answer, scrub

log = logging.getLogger("fieldsales.notify")

BACKOFF_BASE_S = 30  # first retry after 30 s, then 60, 120 … up to an hour
BACKOFF_CAP_S = 3600
STOP_ENV = "FIELDSALES_NOTIFY_STOP_AT"  # tests only: "claimed" or "sent" halts the worker there


@dataclass
class Job:
    """One claimed outbox row with its channel."""

    id: int
    platform: str
    webhook_ref: str
    secret_ref: str | None
    active: bool
    title: str
    message: str
    tries: int


@dataclass
class Tally:
    """What one run did."""

    sent: int = 0
    retried: int = 0
    dead: int = 0
    errors: list[str] = field(default_factory=list)


def backoff(tries: int) -> dt.timedelta:
    """The wait after the `tries`-th failed attempt: 30 s × 2^(tries − 1), at most an hour."""
    return dt.timedelta(seconds=min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** max(0, tries - 1)))


_CLAIM = """
with due as (
  select o.id from private.notify_outbox o
   where o.status = 'queued' and o.next_try_at <= %(now)s
   order by o.next_try_at, o.id
   limit %(n)s
   for update skip locked)
update private.notify_outbox o
   set tries = o.tries + 1, claimed_by = %(me)s, lease_until = %(until)s, next_try_at = %(until)s
  from due, public.notify_channels ch
 where o.id = due.id and ch.id = o.channel_id
returning o.id, ch.platform, ch.webhook_ref, ch.secret_ref, ch.active, o.title, o.message, o.tries
"""


def claim(
    conn: psycopg.Connection, now: dt.datetime, n: int, lease: dt.timedelta, me: str
) -> list[Job]:
    """Claim up to n due rows for a lease (committed before anything is sent)."""
    with conn.transaction():
        rows = conn.execute(_CLAIM, {"now": now, "n": n, "me": me, "until": now + lease})
        jobs = [Job(*r) for r in rows.fetchall()]
    return sorted(jobs, key=lambda j: j.id)


def max_tries(conn: psycopg.Connection) -> int:
    """The setting notify.max_tries (default 8)."""
    row = conn.execute(
        "select (value #>> '{}')::integer from public.settings"
        " where key = 'notify.max_tries' and deleted_at is null"
    ).fetchone()
    return int(row[0]) if row else 8


def resolve(conn: psycopg.Connection, ref: str | None) -> str | None:
    """The value behind `env:NAME` or `secret:name`; a missing one is a LookupError."""
    if ref is None:
        return None
    kind, _, name = ref.partition(":")
    if kind == "env":
        value = os.environ.get(name, "").strip()
        if not value:
            raise LookupError(f"环境变量 {name} 未设置 | environment variable {name} is not set")
        return value
    row = conn.execute("select value from private.notify_secrets where name = %s", (name,))
    found = row.fetchone()
    if found is None:
        raise LookupError(f"密钥 {name} 不存在 | secret {name} is not stored")
    return str(found[0])


def send(client: httpx.Client, job: Job, webhook: str, secret: str | None) -> Outcome:
    """POST one message; network errors and timeouts are retried, with no URL in the error."""
    request = build(job.platform, webhook, secret, job.title, job.message, clock.now())
    try:
        answer = client.post(request.url, json=request.body)
    except httpx.TimeoutException as exc:
        return Outcome(False, True, f"timeout ({type(exc).__name__})")
    except httpx.HTTPError as exc:
        return Outcome(False, True, f"network error ({type(exc).__name__})")
    return read_answer(job.platform, answer.status_code, answer.content)


def _halt_here(step: str) -> None:
    """Test hook: with FIELDSALES_NOTIFY_STOP_AT=step, say so and wait to be killed."""
    if os.environ.get(STOP_ENV) == step:
        sys.stdout.write(f"notify: stopped at {step}\n")
        sys.stdout.flush()
        time.sleep(3600)


def _finish(
    conn: psycopg.Connection, job: Job, out: Outcome, now: dt.datetime, limit: int, t: Tally
) -> None:
    if out.delivered:
        conn.execute(
            "update private.notify_outbox set status = 'sent', sent_at = %s, lease_until = null,"
            " last_error = null where id = %s and status = 'queued'",
            (now, job.id),
        )
        t.sent += 1
        return
    error = (out.error or "error")[:500]
    if out.retry and job.tries < limit:
        conn.execute(
            "update private.notify_outbox set next_try_at = %s, lease_until = null,"
            " last_error = %s where id = %s and status = 'queued'",
            (now + backoff(job.tries), error, job.id),
        )
        t.retried += 1
    else:
        conn.execute(
            "update private.notify_outbox set status = 'dead', lease_until = null,"
            " last_error = %s where id = %s and status = 'queued'",
            (error, job.id),
        )
        t.dead += 1
    t.errors.append(error)


def run(
    conn: psycopg.Connection,
    *,
    once: bool = True,
    batch: int = 20,
    timeout: float = 10.0,
    poll: float = 5.0,
    now: Callable[[], dt.datetime] = clock.now,
) -> Tally:
    """Deliver due rows until none is left (once) or forever (polling every `poll` seconds)."""
    me = f"{socket.gethostname()}:{os.getpid()}"
    lease = dt.timedelta(seconds=30 + batch * timeout * 2)
    tally = Tally()
    limit = max_tries(conn)
    with httpx.Client(timeout=timeout) as client:
        while True:
            jobs = claim(conn, now(), batch, lease, me)
            if not jobs:
                if once:
                    return tally
                time.sleep(poll)
                continue
            _halt_here("claimed")
            for job in jobs:
                webhook = secret = None
                try:
                    webhook = resolve(conn, job.webhook_ref)
                    secret = resolve(conn, job.secret_ref)
                    if not job.active:
                        out = Outcome(False, False, "群机器人已停用 | the group bot is inactive")
                    else:
                        out = send(client, job, webhook or "", secret)
                except LookupError as exc:
                    out = Outcome(False, True, str(exc))
                if out.delivered:
                    _halt_here("sent")
                out = Outcome(out.delivered, out.retry, scrub(out.error or "", webhook, secret))
                _finish(conn, job, out, now(), limit, tally)
                target = mask(webhook) if webhook else job.webhook_ref
                if out.delivered:
                    log.info("notification %s sent to %s %s", job.id, job.platform, target)
                else:
                    log.warning(
                        "notification %s to %s %s failed (try %s): %s",
                        job.id,
                        job.platform,
                        target,
                        job.tries,
                        out.error,
                    )
