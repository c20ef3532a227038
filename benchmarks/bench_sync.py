"""Offline sync at the large demo scale, direct-PostgreSQL remote on loopback: a rep's first full
pull into an empty phone (the next page fetched while one is applied, beside one page at a time;
with --link-ms also over a phone's slow link), pushing 1,000 queued mutations, an incremental pull
with nothing new, and 20 phones syncing at once for a bounded time (p50/p95 latencies, and
nothing lost).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python -m benchmarks.bench_sync [--seconds 60] [--phones 20] [--runs 3] \\
            [--scale large|national] [--link-ms 150]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psycopg

from benchmarks.common import AS_OF, add_scale_argument, scale_database
from fieldapp.store import Store, customers, orders
from fieldapp.sync import SyncEngine
from fieldapp.sync.pg_remote import PgRemote
from tests.sync import fieldwork as visits

HISTORY = "bench-history"  # notes of the generated visits (the idempotence marker)
PUSHED = "bench-push"  # notes of visits pushed by this benchmark (removed afterwards)


def ensure_field_history(conn: psycopg.Connection, rep_id: str) -> None:
    """12 months of one rep's visits, stock counts and orders, generated once (idempotent)."""
    if conn.execute(
        "select exists (select from visits where rep_id = %s and notes = %s)", (rep_id, HISTORY)
    ).fetchone()[0]:
        return
    with conn.transaction():
        conn.execute(
            "create temp table mine on commit drop as"
            " with recursive m as (select id from customers where owner_id = %s"
            "   union select c.id from customers c join m on c.parent_id = m.id)"
            " select id, (row_number() over (order by id) - 1)::int as n from m",
            (rep_id,),
        )
        # 24 visits each weekday for a year, going round the rep's outlets
        conn.execute(
            """
            insert into visits (rep_id, customer_id, status, checkin_at, checkout_at,
                                checkin_lat, checkin_lng, notes)
            select %(rep)s, m.id, 'done',
                   d + time '08:30' + s * interval '20 minutes',
                   d + time '08:45' + s * interval '20 minutes', 31.2, 121.5, %(mark)s
              from (select d::date as d, (row_number() over (order by d) - 1)::int as k
                      from generate_series(%(start)s::date, %(end)s::date, interval '1 day') d
                     where extract(isodow from d) < 6) days
              cross join generate_series(0, 23) s
              join mine m on m.n = (days.k * 24 + s) %% (select count(*) from mine)
            """,
            {
                "rep": rep_id,
                "mark": HISTORY,
                "start": AS_OF.replace(year=AS_OF.year - 1),
                "end": AS_OF,
            },
        )
        conn.execute(
            """
            insert into stock_counts (visit_id, customer_id, product_id, quantity, counted_at)
            select v.id, v.customer_id, p.id, (abs(hashtext(v.id::text || p.sku)) %% 60),
                   v.checkin_at + interval '5 minutes'
              from visits v
              cross join (select id, sku from products order by sku limit 3) p
             where v.rep_id = %s and v.notes = %s
            """,
            (rep_id, HISTORY),
        )
        conn.execute(
            """
            with o as (
              insert into orders (customer_id, visit_id, rep_id, ordered_on, status)
              select v.customer_id, v.id, v.rep_id, v.checkin_at::date, 'accepted'
                from visits v
               where v.rep_id = %s and v.notes = %s and abs(hashtext(v.id::text)) %% 3 = 0
              returning id)
            insert into order_lines (order_id, product_id, quantity, unit_price)
            select o.id, p.id, 1 + abs(hashtext(o.id::text || p.sku)) %% 20, p.unit_price
              from o cross join (select id, sku, unit_price from products order by sku limit 2) p
            """,
            (rep_id, HISTORY),
        )
    conn.execute("analyze visits, stock_counts, orders, order_lines")


def copy_baseline(url: str, user_id: str, role: str = "rep") -> tuple[float, int]:
    """The same rows as a first pull, each synced table's visible rows as the user reads them
    (row level security, the table's pull filter), by `COPY (select …) TO STDOUT`: the time,
    and the rows copied."""
    claims = json.dumps({"sub": user_id, "role": "authenticated", "aud": "authenticated"})
    with psycopg.connect(url) as conn:
        tables = conn.execute(
            "select name, coalesce(pull_filter, 'true') from private.sync_tables"
            " where roles is null or %s = any(roles) order by ord",
            (role,),
        ).fetchall()
        t0, copied = time.perf_counter(), 0
        with conn.transaction():
            conn.execute("select set_config('role', 'authenticated', true),"
                         " set_config('request.jwt.claims', %s, true)", (claims,))  # fmt: skip
            for name, where in tables:
                query = f"copy (select * from public.{name} t where {where}) to stdout"
                with conn.cursor().copy(query) as copy:
                    copied += sum(bytes(block).count(b"\n") for block in copy)
        return time.perf_counter() - t0, copied


def _ms(samples: list[float]) -> str:
    return (
        f"{statistics.median(samples) * 1000:7.0f} ms (runs: "
        + ", ".join(f"{s * 1000:.0f}" for s in samples)
        + ")"
    )


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def _queue_work(
    store: Store,
    rep_id: str,
    customer_ids: list[str],
    product_ids: list[str],
    mutations: int,
    rng: random.Random,
    mark: str,
) -> list[str]:
    """Queue offline visits (check-in, two stock counts, check-out) until `mutations` are queued."""
    made = []
    while store.pending_count() + 4 <= mutations:
        v = visits.check_in(
            store, rep_id=rep_id, customer_id=rng.choice(customer_ids), lat=31.2, lng=121.5
        )
        for p in rng.sample(product_ids, 2):
            visits.count_stock(store, v, p, rng.randint(0, 40))
        visits.check_out(store, v["id"], notes=mark)
        made.append(v["id"])
    return made


class TimedRemote:
    """A PgRemote that records how long each push and pull took."""

    def __init__(self, inner: PgRemote, link_s: float = 0.0) -> None:
        self.inner = inner
        self.link_s = link_s  # a phone's link: added to each pull (its round trip and transfer)
        self.push_s: list[float] = []
        self.pull_s: list[float] = []
        self.first_pull_at: float | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def push(self, client_id: str, mutations: list[dict[str, Any]]) -> dict[str, Any]:
        t0 = time.perf_counter()
        try:
            return self.inner.push(client_id, mutations)
        finally:
            self.push_s.append(time.perf_counter() - t0)

    def pull(self, since: int, limit: int, after: str | None) -> dict[str, Any]:
        t0 = time.perf_counter()
        if self.first_pull_at is None:
            self.first_pull_at = t0
        try:
            time.sleep(self.link_s)
            return self.inner.pull(since, limit, after)
        finally:
            self.pull_s.append(time.perf_counter() - t0)


def _phone_loop(
    url: str, email: str, rep_id: str, path: Path, deadline: float, seed: int, out: dict[str, Any]
) -> None:
    rng = random.Random(seed)
    remote = PgRemote(url)
    remote.sign_in(email)
    store = Store.open(path)
    timed = TimedRemote(remote)
    engine = SyncEngine(store, timed)  # type: ignore[arg-type]
    try:
        t0 = time.perf_counter()
        engine.sync()
        out["first_pull_s"] = time.perf_counter() - t0
        timed.pull_s.clear()
        mine = [c["id"] for c in customers.owned_by(store, rep_id)]
        products = [p["id"] for p in orders.products(store)]
        made: list[str] = []
        syncs = 0
        while time.monotonic() < deadline:
            made += _queue_work(store, rep_id, mine, products, rng.choice([4, 8, 12]), rng, PUSHED)
            engine.sync()
            syncs += 1
            time.sleep(rng.uniform(0.05, 0.3))  # a phone is not a tight loop
        engine.sync()
        out.update(
            made=made,
            syncs=syncs,
            push_s=timed.push_s,
            pull_s=timed.pull_s,
            client_id=store.sync_state().client_id,
            seq=store.sync_state().mutation_seq,
            pending=store.pending_count(),
            conflicts=len(store.conflicts()),
            unacked=sum(not (store.get("visits", v) or {}).get("version") for v in made),
        )
    except Exception as exc:  # report, do not hang the benchmark
        out["error"] = repr(exc)
    finally:
        store.close()
        remote.close()


def main() -> None:
    """Print the scale, then medians against the targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--phones", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--link-ms", type=float, default=0.0, help="the first pull again over a link this slow"
    )
    add_scale_argument(parser)
    args = parser.parse_args()
    url = scale_database(args.scale)
    tmp = Path(tempfile.mkdtemp(prefix="bench_sync_"))
    with psycopg.connect(url, autocommit=True) as conn:
        reps = conn.execute(
            "select p.id::text, p.email, count(*) from profiles p join customers c"
            " on c.owner_id = p.id where p.role = 'rep' and p.active"
            " group by 1, 2 order by 3 desc, 2"
        ).fetchall()
        rep_id, email, owned = reps[0]
        ensure_field_history(conn, rep_id)
        conn.execute("delete from visits where notes = %s", (PUSHED,))  # an earlier run's
        total = conn.execute("select count(*) from customers").fetchone()[0]
        counts = conn.execute(
            "select (select count(*) from visits where rep_id = %(r)s),"
            " (select count(*) from stock_counts s join visits v on v.id = s.visit_id"
            "   where v.rep_id = %(r)s),"
            " (select count(*) from orders where rep_id = %(r)s),"
            " (select count(*) from order_lines l join orders o on o.id = l.order_id"
            "   where o.rep_id = %(r)s)",
            {"r": rep_id},
        ).fetchone()
    print(
        f"scale: {total} customers, {len(reps)} reps; benchmark rep {email} owns {owned}"
        f" outlets with {counts[0]} visits, {counts[1]} stock counts, {counts[2]} orders,"
        f" {counts[3]} order lines (12 months)"
    )

    pg = PgRemote(url)
    pg.sign_in(email)

    # 1 first full pull into an empty phone store: the next page fetched while one is applied,
    # beside one page at a time (the baseline), alternating; over loopback and, with --link-ms,
    # over a phone's link (that much added to each pull)
    link_s = args.link_ms / 1000
    for link in (0.0, link_s) if link_s else (0.0,):
        firsts: dict[bool, list[float]] = {True: [], False: []}
        calls, report = [], None
        for i in range(args.runs):
            for ahead in (True, False):
                remote = TimedRemote(pg, link)
                store = Store.open(tmp / f"first{i}{ahead}{link}.db")
                engine = SyncEngine(store, remote, pull_ahead=ahead)  # type: ignore[arg-type]
                t0 = time.perf_counter()
                report = engine.sync()
                firsts[ahead].append(time.perf_counter() - t0)
                if ahead and not link:
                    calls.append(sum(remote.pull_s))
                    shutil.copy(tmp / f"first{i}{ahead}{link}.db", tmp / f"first{i}.db")
                store.close()
        assert report is not None
        where = f"over a {link * 1000:.0f} ms link" if link else "loopback"
        print(
            f"first full pull, {where} ({report.pulled} rows, {report.pages} pages of"
            f" {engine.pull_limit}): {_ms(firsts[True])}   target < 1000 ms\n"
            f"  baseline, one page at a time: {_ms(firsts[False])}"
        )
        if calls:
            print(f"  of which waiting for sync_pull: {_ms(calls)}")
            copies = [copy_baseline(url, rep_id) for _ in range(args.runs)]
            print(
                f"  baseline, COPY (select …) TO STDOUT of the same tables as the rep"
                f" ({copies[0][1]} rows): {_ms([c[0] for c in copies])}"
            )

    # 1b an area manager's first pull, the server's part (sync_pull page after page)
    with psycopg.connect(url) as conn:
        am_id, am_email = conn.execute(
            "select id::text, email from profiles where role = 'area_manager' and active"
            " order by email limit 1"
        ).fetchone()
    am = PgRemote(url)
    am.sign_in(am_email)
    am_pulls, am_rows = [], 0
    for _ in range(args.runs):
        t0, since, after, am_rows = time.perf_counter(), 0, None, 0
        while True:
            page = am.pull(since, 5000, after)
            am_rows += sum(len(rows) for rows in page["changes"].values())
            since, after = page["cursor"], page["after"]
            if not page["has_more"]:
                break
        am_pulls.append(time.perf_counter() - t0)
    am.close()
    am_copies = [copy_baseline(url, am_id, "area_manager")[0] for _ in range(args.runs)]
    print(
        f"an area manager's first pull, sync_pull only ({am_rows} rows): {_ms(am_pulls)}\n"
        f"  baseline, COPY (select …) TO STDOUT of the same tables: {_ms(am_copies)}"
    )

    # 2 pushing 1,000 queued offline mutations (the following pull timed apart)
    pushes, wholes, in_push = [], [], []
    customer_ids: list[str] = []
    for i in range(args.runs):
        path = tmp / f"push{i}.db"
        shutil.copy(tmp / "first0.db", path)
        store = Store.open(path)
        store.new_client()  # a copy must not reuse the original's client id
        if not customer_ids:
            customer_ids = [c["id"] for c in customers.owned_by(store, rep_id)]
        products = [p["id"] for p in orders.products(store)]
        _queue_work(store, rep_id, customer_ids, products, 1000, random.Random(i), PUSHED)
        queued = store.pending_count()
        remote = TimedRemote(pg)
        t0 = time.perf_counter()
        report = SyncEngine(store, remote).sync()  # type: ignore[arg-type]
        wholes.append(time.perf_counter() - t0)
        pushes.append((remote.first_pull_at or t0) - t0)
        in_push.append(sum(remote.push_s))
        assert report.applied == queued == 1000 and store.pending_count() == 0, report
        store.close()
    print(f"push 1,000 queued mutations (batches of 200): {_ms(pushes)}   target < 300 ms")
    print(f"  of which waiting for sync_push: {_ms(in_push)}")
    print(f"  the whole sync, with the pull that follows: {_ms(wholes)}")

    # 3 incremental pull with nothing new
    store = Store.open(tmp / "push0.db")
    engine = SyncEngine(store, pg)
    engine.sync()
    incs = []
    for _ in range(20):
        t0 = time.perf_counter()
        report = engine.sync()
        incs.append(time.perf_counter() - t0)
    store.close()
    print(
        f"incremental sync, nothing new ({report.pages} page): median"
        f" {statistics.median(incs) * 1000:.1f} ms, p95 {_pct(incs, 0.95):.1f} ms"
        "   target < 30 ms"
    )
    pg.close()

    # 4 phones at once
    others = [r for r in reps[1:] if r[0] != rep_id][: args.phones]
    deadline = time.monotonic() + args.seconds
    results: list[dict[str, Any]] = [{} for _ in others]
    threads = [
        threading.Thread(
            target=_phone_loop,
            args=(url, r[1], r[0], tmp / f"phone{k}.db", deadline, k, results[k]),
        )
        for k, r in enumerate(others)
    ]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(args.seconds + 300)
    elapsed = time.perf_counter() - t0
    errors = [r["error"] for r in results if "error" in r]
    push_s = [s for r in results for s in r.get("push_s", [])]
    pull_s = [s for r in results for s in r.get("pull_s", [])]
    made = {v for r in results for v in r.get("made", [])}
    with psycopg.connect(url, autocommit=True) as conn:
        on_server = conn.execute(
            "select count(*) from visits where notes = %s and id = any(%s::uuid[])",
            (PUSHED, list(made)),
        ).fetchone()
        seqs = dict(
            conn.execute(
                "select client_id::text, last_mutation_id from sync_clients"
                " where client_id = any(%s::uuid[])",
                ([r["client_id"] for r in results if "client_id" in r],),
            ).fetchall()
        )
        conn.execute("delete from visits where notes = %s", (PUSHED,))
    lost = len(made) - on_server[0]
    behind = sum(1 for r in results if "client_id" in r and seqs.get(r["client_id"]) != r["seq"])
    stale = sum(1 for r in results if r.get("pending") or r.get("conflicts"))
    unacked = sum(r.get("unacked", 0) for r in results)
    print(
        f"{len(others)} phones syncing at once for {args.seconds:.0f} s (wall {elapsed:.0f} s):"
        f" {sum(r.get('syncs', 0) for r in results)} syncs, {len(push_s)} pushes,"
        f" {len(pull_s)} pulls, {len(made)} visits created"
    )
    if push_s and pull_s:
        print(
            f"  push latency p50 {_pct(push_s, 0.5):.0f} ms, p95 {_pct(push_s, 0.95):.0f} ms;"
            f" pull latency p50 {_pct(pull_s, 0.5):.0f} ms, p95 {_pct(pull_s, 0.95):.0f} ms"
        )
        firsts20 = [r["first_pull_s"] for r in results if "first_pull_s" in r]
        print(
            f"  their first full pulls (all at once): median"
            f" {statistics.median(firsts20) * 1000:.0f} ms"
        )
    print(
        f"  visits lost on the server: {lost}; phones whose last acknowledged mutation id"
        f" differs from their own: {behind}; phones with pending or conflicts:"
        f" {stale}, own visits the server has not acknowledged: {unacked}, errors: {errors or 0}"
    )
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
