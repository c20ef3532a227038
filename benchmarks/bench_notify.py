"""Group-bot delivery (issue 17's target: 1,000 queued notifications to a loopback bot in under
10 s, none twice): `backend.notify.run(once=True)` against a signed DingTalk loopback bot (the
tests' bot, which checks every body and signature), beside its baseline, 1,000 bare POSTs of
the same bodies to the same server with the same HTTP client. Medians of 3 runs.
Run: python -m benchmarks.bench_notify"""

from __future__ import annotations

import os
import statistics
import time

import httpx
import psycopg
from psycopg.conninfo import make_conninfo

from backend import clock
from backend.notify import build, run
from benchmarks.common import server_url
from tests.db.notify_bots import Bot, serve

DB = "fieldsales_bench_notify"
EVENTS = 1_000
RUNS = 3
SECRET = "SECbench0123456789"


def database() -> str:
    """An empty migrated database of its own."""
    from backend.migrate import migrate

    url = make_conninfo(server_url(), dbname=DB)
    with psycopg.connect(server_url(), autocommit=True) as admin:
        if not admin.execute("select 1 from pg_database where datname = %s", (DB,)).fetchone():
            admin.execute(f"create database {DB}")
    with psycopg.connect(url, autocommit=True) as conn:
        migrate(conn)
    return url


def fill(conn: psycopg.Connection) -> None:
    """EVENTS queued notifications for one signed DingTalk bot, due now."""
    conn.execute("delete from private.notify_outbox")
    conn.execute("delete from public.notify_channels")
    conn.execute(
        "insert into public.notify_channels (name, platform, webhook_ref, secret_ref)"
        " values ('基准群', 'dingtalk', 'env:BENCH_BOT_URL', 'env:BENCH_BOT_SECRET')"
    )
    conn.execute(
        """
        insert into private.notify_outbox (event, subject_id, customer_id, channel_id,
                                           dedupe_key, title, message, next_try_at)
        select 'warning_raised', gen_random_uuid(), gen_random_uuid(), ch.id,
               'bench:' || i, '【客户预警】客户' || i,
               '客户：客户' || i || E'\\n原因：已 128 天未进货（上次 2026-08-01）\\n负责人：李业务',
               private.company_now() - interval '1 second'
          from generate_series(1, %s) i, public.notify_channels ch
        """,
        (EVENTS,),
    )


def main() -> None:
    url = database()
    worker_times, bare_times = [], []
    with psycopg.connect(url, autocommit=True) as conn:
        for _ in range(RUNS):
            with serve(Bot("dingtalk", SECRET)) as bot:
                os.environ["BENCH_BOT_URL"] = bot.url
                os.environ["BENCH_BOT_SECRET"] = SECRET
                # baseline: the same number of bare POSTs (signed bodies) to the same server
                with httpx.Client(timeout=10) as client:
                    t0 = time.perf_counter()
                    for i in range(EVENTS):
                        r = build("dingtalk", bot.url, SECRET, f"t{i}", "m", clock.now())
                        client.post(r.url, json=r.body).raise_for_status()
                    bare_times.append(time.perf_counter() - t0)
                bot.delivered.clear()
                fill(conn)
                t0 = time.perf_counter()
                tally = run(conn, once=True)
                worker_times.append(time.perf_counter() - t0)
                sent = conn.execute(
                    "select count(*) from private.notify_outbox where status = 'sent'"
                ).fetchone()[0]
                assert tally.sent == EVENTS == sent, (tally, sent)
                assert bot.refused == [], bot.refused[:3]
                assert len(bot.delivered) == EVENTS == len(set(bot.delivered)), "sent twice"
    w, b = statistics.median(worker_times), statistics.median(bare_times)
    print(f"notify run --once, {EVENTS} notifications to a loopback DingTalk bot (signed):")
    ws, bs = [round(t, 2) for t in worker_times], [round(t, 2) for t in bare_times]
    print(f"  worker (claim, sign, POST, mark sent): median {w:.2f} s  runs {ws}")
    print(f"  baseline, {EVENTS} bare POSTs:          median {b:.2f} s  runs {bs}")
    print(f"  per notification {w / EVENTS * 1000:.2f} ms (bare POST {b / EVENTS * 1000:.2f} ms);"
          f" target < 10 s: {'met' if w < 10 else 'MISSED'}; none sent twice")  # fmt: skip


if __name__ == "__main__":
    main()
