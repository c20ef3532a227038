"""What one company costs on one PostgreSQL: bytes per row and per index of the main tables, a
rep's first pull and a day's incremental pull (rows, bytes, time), and the bytes of a kept photo —
the measured inputs of docs/scaling.md. Prints figures; not a test.

Run it on a throwaway default demo database (it adds rows and compacts tables):

    createdb wt_scale_demo
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/wt_scale_demo fieldsales demo --no-ui
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/wt_scale_demo \\
        .venv/bin/python -m benchmarks.bench_sizes [--photos-per-visit 2] [--runs 3]

It gives the rep with the most outlets 12 months of field history (as bench_sync does: 24 visits
each weekday, 3 stock counts a visit, an order of 2 lines at one visit in 3) and photo rows for
those visits (metadata only: photos and photo_files), pulls as that rep through the same
direct-PostgreSQL remote the benchmarks use, then compacts the tables (VACUUM FULL) and prints
bytes per row as loaded and compacted.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import statistics
import time
from typing import Any

import psycopg
from PIL import Image

from backend.db import configured_url
from benchmarks.bench_sync import ensure_field_history
from benchmarks.bench_watermark import photo
from fieldapp.services.watermark import QUALITY, burn
from fieldapp.sync.pg_remote import PgRemote

TABLES = (
    "public.customers", "public.shipments", "private.purchase_days", "public.sales_plans",
    "public.payments", "public.visits", "public.stock_counts", "public.orders",
    "public.order_lines", "public.photos", "public.photo_files", "public.warnings",
)  # fmt: skip
DAY = "bench-sizes-day"  # notes of the day-of-work visits
PAGE = 5000  # the phone's pull_limit (fieldapp/sync/engine.py)


def add_photos(conn: psycopg.Connection, rep_id: str, per_visit: int) -> None:
    """Photo rows (shelf photos 5 minutes after check-in) for the rep's visits that have none."""
    with conn.transaction():
        conn.execute(
            "create temp table new_photos on commit drop as"
            " select gen_random_uuid() as id, v.id as visit_id, v.customer_id,"
            "        v.checkin_at + interval '5 minutes' + k * interval '1 second' as taken_at"
            "   from visits v cross join generate_series(1, %s) k"
            "  where v.rep_id = %s and not exists (select from photos p where p.visit_id = v.id)",
            (per_visit, rep_id),
        )
        conn.execute(
            "insert into photos (id, customer_id, visit_id, kind, storage_path, taken_at, taken_by)"
            " select id, customer_id, visit_id, 'shelf', %s || '/' || id || '.jpg', taken_at, %s"
            "   from new_photos",
            (rep_id, rep_id),
        )
        conn.execute(
            "insert into photo_files (photo_id, mime, uploaded_by, size, sha256)"
            " select id, 'image/jpeg', %s, 3000000, encode(sha256(id::text::bytea), 'hex')"
            "   from new_photos",
            (rep_id,),
        )


def sizes(conn: psycopg.Connection) -> dict[str, tuple[int, int, int, int]]:
    """Per table: rows, heap bytes (with TOAST), index bytes, number of indexes."""
    out = {}
    for t in TABLES:
        out[t] = conn.execute(
            "select (select count(*) from " + t + "),"
            " pg_table_size(c.oid), pg_indexes_size(c.oid),"
            " (select count(*) from pg_index i where i.indrelid = c.oid)"
            " from pg_class c where c.oid = %s::regclass",
            (t,),
        ).fetchone()
    return out


def print_sizes(loaded: dict[str, Any], compact: dict[str, Any]) -> None:
    print("\nbytes per row (heap incl. TOAST + all indexes); as loaded → after VACUUM FULL")
    print(f"{'table':18}{'rows':>9}{'idx':>5}{'heap/row':>10}{'idx/row':>9}{'total/row':>11}"
          f"{'compact: heap':>15}{'idx':>6}{'total':>7}")  # fmt: skip
    for t in TABLES:
        n, heap, idx, k = loaded[t]
        _, cheap, cidx, _ = compact[t]
        if not n:
            print(f"{t.split('.')[1]:18}{0:>9}{k:>5}   (empty)")
            continue
        name = t.split(".")[1]
        print(
            f"{name:18}{n:>9,}{k:>5}{heap / n:>10.0f}{idx / n:>9.0f}{(heap + idx) / n:>11.0f}"
            f"{cheap / n:>15.0f}{cidx / n:>6.0f}{(cheap + cidx) / n:>7.0f}"
        )


def pull_all(remote: PgRemote, since: int = 0, after: str | None = None) -> dict[str, Any]:
    """Pull pages until done, as the phone does; rows per table, JSON bytes, gzip bytes, time."""
    rows: dict[str, int] = {}
    raw = packed = pages = revoked = 0
    t0 = time.perf_counter()
    while True:
        page = remote.pull(since, PAGE, after)
        pages += 1
        body = json.dumps(page, ensure_ascii=False, separators=(",", ":")).encode()
        raw += len(body)
        packed += len(gzip.compress(body, 6))
        for table, got in page["changes"].items():
            rows[table] = rows.get(table, 0) + len(got)
        revoked += len(page["revoked"])
        since, after = page["cursor"], page["after"]
        if not page["has_more"]:
            break
    return {"s": time.perf_counter() - t0, "rows": rows, "raw": raw, "gzip": packed,
            "pages": pages, "revoked": revoked, "cursor": since, "after": after}  # fmt: skip


def a_day_of_work(conn: psycopg.Connection, rep_id: str, per_visit: int) -> None:
    """One more working day for the rep, written on the server as its pushes would: 12 visits,
    3 stock counts each, photo rows, an order of 2 lines at one visit in 3."""
    with conn.transaction():
        conn.execute(
            "insert into visits (rep_id, customer_id, status, checkin_at, checkout_at,"
            "                    checkin_lat, checkin_lng, notes)"
            " select %(r)s, c.id, 'done', now() - interval '6 hours' + s * interval '20 min',"
            "        now() - interval '6 hours' + s * interval '20 min' + interval '15 min',"
            "        31.2, 121.5, %(mark)s"
            "   from generate_series(0, 11) s"
            "   join lateral (select id from customers where owner_id = %(r)s"
            "                 order by id offset s limit 1) c on true",
            {"r": rep_id, "mark": DAY},
        )
        conn.execute(
            "create temp table day on commit drop as select id, customer_id, checkin_at"
            " from visits where rep_id = %s and notes = %s and created_at = now()",
            (rep_id, DAY),
        )
        conn.execute(
            "insert into stock_counts (visit_id, customer_id, product_id, quantity, counted_at)"
            " select d.id, d.customer_id, p.id, 5, d.checkin_at + interval '5 minutes' from day d"
            " cross join (select id from products order by sku limit 3) p"
        )
        conn.execute(
            "with o as (insert into orders (customer_id, visit_id, rep_id, ordered_on, status)"
            "  select customer_id, id, %s, checkin_at::date, 'accepted' from day"
            "   where abs(hashtext(id::text)) %% 3 = 0 returning id)"
            " insert into order_lines (order_id, product_id, quantity, unit_price)"
            " select o.id, p.id, 3, p.unit_price from o"
            " cross join (select id, unit_price from products order by sku limit 2) p",
            (rep_id,),
        )
    add_photos(conn, rep_id, per_visit)


def a_move(conn: psycopg.Connection, rep_id: str) -> None:
    """Give the rep's largest dealer (with its outlets) to another rep of its area, rolled back:
    the rows re-stamped so that the new owner's phone pulls them, the revocations, the time; and
    bytes per sync_revocations row (20,000 inserted, rolled back)."""
    tables = ("customers", "visits", "stock_counts", "orders", "photos")
    conn.execute("begin")
    try:
        dealer, other = conn.execute(
            "select c.id, (select p.id from profiles p where p.role = 'rep' and p.id <> %(r)s"
            "               and p.area_id = c.area_id order by p.email limit 1)"
            "  from customers c where c.owner_id = %(r)s and c.parent_id is null"
            " order by (select count(*) from customers o where o.parent_id = c.id) desc limit 1",
            {"r": rep_id},
        ).fetchone()
        xid = conn.execute("select pg_current_xact_id()").fetchone()[0]
        t0 = time.perf_counter()
        conn.execute("update customers set owner_id = %s where id = %s", (other, dealer))
        took = time.perf_counter() - t0
        moved = [
            conn.execute(f"select count(*) from {t} where txid >= %s", (xid,)).fetchone()[0]
            for t in tables
        ]
        revoked = conn.execute("select count(*) from sync_revocations").fetchone()[0]
        n = 20_000
        conn.execute(
            "insert into sync_revocations (user_id, table_name, row_id)"
            " select %s, 'customers', gen_random_uuid() from generate_series(1, %s)",
            (rep_id, n),
        )
        heap, idx = conn.execute(
            "select pg_table_size('sync_revocations'), pg_indexes_size('sync_revocations')"
        ).fetchone()
    finally:
        conn.execute("rollback")
    print(f"moving the rep's largest dealer to another rep (rolled back): {took * 1000:.0f} ms,"
          " re-stamped " + ", ".join(f"{t} {m:,}" for t, m in zip(tables, moved, strict=True))
          + f"; {revoked} revocations; a revocation row {heap / n:.0f} B + index"
          f" {idx / n:.0f} B")  # fmt: skip


def photo_bytes() -> None:
    """Bytes of the watermarked JPEG the phone keeps, for bench_watermark's 12 MP photo, and the
    same photo scaled to a 2048 px long side first (a choice the app does not make today)."""
    data = photo()
    kept = burn(data, ["2026-12-10 10:05:09", "上海百联超市（南京东路店）", "张伟", "31.230400"])
    img = Image.open(io.BytesIO(data))
    img.thumbnail((2048, 2048))
    small = io.BytesIO()
    img.save(small, "JPEG", quality=QUALITY)
    scaled = burn(small.getvalue(), ["2026-12-10 10:05:09", "上海百联超市", "张伟", "31.2304"])
    print(f"\nphoto: bench_watermark's 4000×3000 (noise-heavy) camera JPEG"
          f" {len(data) / 1e6:.2f} MB;"
          f" kept after the watermark (quality {QUALITY}) {len(kept) / 1e6:.2f} MB;"
          f" scaled to 2048×1536 first {len(scaled) / 1e6:.2f} MB")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos-per-visit", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    url = configured_url()
    if not url:
        raise SystemExit("set DATABASE_URL to a throwaway demo database")
    with psycopg.connect(url, autocommit=True) as conn:
        rep_id, email, owned = conn.execute(
            "select p.id::text, p.email, count(*) from profiles p join customers c"
            " on c.owner_id = p.id where p.role = 'rep' and p.active"
            " group by 1, 2 order by 3 desc, 2 limit 1"
        ).fetchone()
        ensure_field_history(conn, rep_id)
        add_photos(conn, rep_id, args.photos_per_visit)
        conn.execute("vacuum analyze")
        print(f"rep {email}: owns {owned} customers directly")

        remote = PgRemote(url)
        remote.sign_in(email)
        firsts = [pull_all(remote) for _ in range(args.runs)]
        first = firsts[-1]
        total = sum(first["rows"].values()) + first["revoked"]
        runs = ", ".join(f"{f['s'] * 1000:.0f}" for f in firsts)
        print(f"first pull: {total:,} rows in {first['pages']} pages of {PAGE}, JSON"
              f" {first['raw'] / 1e6:.1f} MB (gzip {first['gzip'] / 1e6:.2f} MB), median"
              f" {statistics.median(f['s'] for f in firsts) * 1000:.0f} ms"
              f" (runs: {runs})")  # fmt: skip
        print("  rows: " + ", ".join(f"{t} {n:,}" for t, n in sorted(first["rows"].items())))
        nothing = [pull_all(remote, first["cursor"], first["after"])["s"] for _ in range(20)]
        print(f"incremental pull, nothing new: median {statistics.median(nothing) * 1000:.1f} ms")
        other_rep = conn.execute(
            "select id::text from profiles where role = 'rep' and active and id <> %s"
            " order by email limit 1",
            (rep_id,),
        ).fetchone()[0]
        a_day_of_work(conn, other_rep, args.photos_per_visit)
        theirs = [pull_all(remote, first["cursor"], first["after"]) for _ in range(5)]
        print(f"incremental pull after another rep's day of work (rows this rep may see):"
              f" {sum(theirs[0]['rows'].values())} rows, median"
              f" {statistics.median(t['s'] for t in theirs) * 1000:.1f} ms")  # fmt: skip
        a_day_of_work(conn, rep_id, args.photos_per_visit)
        day = pull_all(remote, first["cursor"], first["after"])
        print(f"incremental pull after a day of work: {sum(day['rows'].values()):,} rows,"
              f" JSON {day['raw'] / 1e3:.1f} kB (gzip {day['gzip'] / 1e3:.1f} kB),"
              f" {day['s'] * 1000:.0f} ms; "
              + ", ".join(f"{t} {n}" for t, n in sorted(day["rows"].items())))  # fmt: skip
        for role in ("area_manager", "manager"):
            who = conn.execute(
                "select email from profiles where role = %s and active order by email limit 1",
                (role,),
            ).fetchone()[0]
            other = PgRemote(url)
            other.sign_in(who)
            got = pull_all(other)
            other.close()
            print(f"first pull as {who}: {sum(got['rows'].values()):,} rows, JSON"
                  f" {got['raw'] / 1e6:.1f} MB, {got['s'] * 1000:.0f} ms")  # fmt: skip
        remote.close()
        loaded = sizes(conn)
        a_move(conn, rep_id)

        for t in TABLES:
            conn.execute(f"vacuum full analyze {t}")
        print_sizes(loaded, sizes(conn))
        dead = conn.execute(
            "select string_agg(format('%s %s', t, n), ', ') from (select 'customers' t,"
            " count(*) filter (where deleted_at is not null) n from customers union all"
            " select 'visits', count(*) filter (where deleted_at is not null) from visits union all"
            " select 'orders', count(*) filter (where deleted_at is not null) from orders) x"
        ).fetchone()[0]
        print(f"tombstones (deleted_at set, kept forever, pulled by a first pull): {dead}")
    photo_bytes()


if __name__ == "__main__":
    main()
