"""Push 1,000 mutations in one `sync_push` call, beside a plain multi-row insert of the same rows.

A day offline, as a phone queues it: per visit a check-in, stock counts, a draft order with two
lines on every third visit, a shelf photo and the check-out (1,000 mutations in all). Each run is
one request the way PostgREST makes it (role and JWT claims set locally, as the rep) and is rolled
back, so every run pushes into the same database. The baseline inserts the same rows as the
database owner with one `INSERT ... SELECT FROM jsonb_populate_recordset` per table (the
check-outs as one `UPDATE ... FROM`), triggers and RLS included, also rolled back.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python -m benchmarks.bench_push [--runs 7] [--mutations 1000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import time
import uuid
from typing import Any

import psycopg

from benchmarks.common import AS_OF, large_database

TABLES = ("visits", "orders", "order_lines", "stock_counts", "photos")


def day_offline(
    rep_id: str, customer_ids: list[str], products: list[tuple[str, float]], n: int, seed: int
) -> list[dict[str, Any]]:
    """`n` mutations numbered 1..n, in the order a phone's outbox holds them."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    start = dt.datetime.combine(AS_OF, dt.time(8, 30), dt.timezone(dt.timedelta(hours=8)))
    k = 0
    while True:
        at = start + dt.timedelta(minutes=20 * k)
        vid, cid = str(uuid.uuid4()), rng.choice(customer_ids)
        work: list[tuple[str, dict[str, Any]]] = [
            ("visits", {"id": vid, "rep_id": rep_id, "customer_id": cid,
                        "status": "in_progress", "checkin_at": at.isoformat(),
                        "checkin_lat": 31.2, "checkin_lng": 121.5})]  # fmt: skip
        for pid, _ in rng.sample(products, 2):
            work.append(("stock_counts", {"id": str(uuid.uuid4()), "visit_id": vid,
                         "customer_id": cid, "product_id": pid, "quantity": rng.randint(0, 40),
                         "counted_at": (at + dt.timedelta(minutes=5)).isoformat()}))  # fmt: skip
        if k % 3 == 0:
            oid = str(uuid.uuid4())
            work.append(("orders", {"id": oid, "customer_id": cid, "visit_id": vid,
                         "rep_id": rep_id, "ordered_on": AS_OF.isoformat(),
                         "status": "draft"}))  # fmt: skip
            for pid, price in rng.sample(products, 2):
                work.append(("order_lines", {"id": str(uuid.uuid4()), "order_id": oid,
                             "product_id": pid, "quantity": rng.randint(1, 20),
                             "unit_price": price}))  # fmt: skip
        pho = str(uuid.uuid4())
        work.append(("photos", {"id": pho, "customer_id": cid, "visit_id": vid,
                     "storage_path": f"{rep_id}/{pho}.jpg",
                     "kind": "shelf", "taken_at": (at + dt.timedelta(minutes=8)).isoformat(),
                     "taken_by": rep_id}))  # fmt: skip
        work.append(("visits", {"id": vid, "status": "done",
                     "checkout_at": (at + dt.timedelta(minutes=15)).isoformat(),
                     "notes": "bench-push"}))  # fmt: skip
        for table, row in work[: n - len(out)]:  # the last visit may stay open
            out.append({"id": len(out) + 1, "table": table, "op": "upsert", "row": row})
        if len(out) == n:
            return out
        k += 1


def push_once(conn: psycopg.Connection, claims: dict, mutations: list[dict]) -> tuple[float, dict]:
    """One sync_push request as the rep, rolled back; seconds and the answer."""
    with conn.transaction(force_rollback=True):
        conn.execute("select set_config('role', 'authenticated', true)")
        conn.execute("select set_config('request.jwt.claims', %s, true)", (json.dumps(claims),))
        t0 = time.perf_counter()
        answer = conn.execute(
            "select public.sync_push(%s::uuid, %s::jsonb)",
            (str(uuid.uuid4()), json.dumps(mutations, ensure_ascii=False)),
        ).fetchone()[0]
        return time.perf_counter() - t0, answer


def insert_once(conn: psycopg.Connection, mutations: list[dict]) -> float:
    """The baseline: the same rows, one multi-row statement per table, rolled back."""
    first: dict[str, list[dict]] = {t: [] for t in TABLES}
    seen: set[str] = set()
    checkouts = []
    for m in mutations:
        if m["row"]["id"] in seen:
            checkouts.append(m["row"])
        else:
            seen.add(m["row"]["id"])
            first[m["table"]].append(m["row"])
    with conn.transaction(force_rollback=True):
        t0 = time.perf_counter()
        for table, rows in first.items():
            if not rows:
                continue
            cols = ", ".join(rows[0])
            conn.execute(
                f"insert into public.{table} ({cols}) select {cols}"
                f" from jsonb_populate_recordset(null::public.{table}, %s::jsonb)",
                (json.dumps(rows),),
            )
        conn.execute(
            "update public.visits v set status = r.status, checkout_at = r.checkout_at,"
            " notes = r.notes from jsonb_populate_recordset(null::public.visits, %s::jsonb) r"
            " where v.id = r.id",
            (json.dumps(checkouts),),
        )
        return time.perf_counter() - t0


def _ms(samples: list[float]) -> str:
    runs = ", ".join(f"{s * 1000:.0f}" for s in samples)
    return f"{statistics.median(samples) * 1000:6.0f} ms (runs: {runs})"


def main() -> None:
    """Print the batch, then both medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--mutations", type=int, default=1000)
    parser.add_argument("--url", help="a migrated database with the demo (default: the large demo)")
    args = parser.parse_args()
    url = args.url or large_database()
    with psycopg.connect(url) as conn:
        rep_id, email, owned = conn.execute(
            "select p.id::text, p.email, count(*) from profiles p join customers c"
            " on c.owner_id = p.id where p.role = 'rep' and p.active and c.status <> 'eliminated'"
            " group by 1, 2 order by 3 desc, 2 limit 1"
        ).fetchone()
        customer_ids = [
            r[0]
            for r in conn.execute(
                "select id::text from customers where owner_id = %s and status <> 'eliminated'"
                " and deleted_at is null order by id",
                (rep_id,),
            )
        ]
        products = [
            (r[0], float(r[1]))
            for r in conn.execute("select id::text, unit_price from products order by sku")
        ]
        total = conn.execute("select count(*) from customers").fetchone()[0]
        conn.commit()
        claims = {"sub": rep_id, "role": "authenticated", "email": email, "aud": "authenticated"}
        mutations = day_offline(rep_id, customer_ids, products, args.mutations, 1)
        counts: dict[str, int] = {}
        for m in mutations:
            counts[m["table"]] = counts.get(m["table"], 0) + 1
        print(
            f"scale: {total} customers; rep {email} owns {owned};"
            f" {len(mutations)} mutations: {counts}"
        )
        pushes, inserts = [], []
        for _ in range(args.runs):
            seconds, answer = push_once(conn, claims, mutations)
            statuses = {r["status"] for r in answer["results"]}
            assert statuses == {"applied"}, [
                r for r in answer["results"] if r["status"] != "applied"
            ][:3]
            pushes.append(seconds)
            inserts.append(insert_once(conn, mutations))
    print(f"push {len(mutations):,} mutations (one sync_push): {_ms(pushes)}   target < 300 ms")
    print(f"  baseline, multi-row insert of the same rows:  {_ms(inserts)}")


if __name__ == "__main__":
    main()
