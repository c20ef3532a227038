"""The electronic map at scale (issue 7): one viewport of clustering at 20,000 outlets, the HTML
export of 50,000 customers, and how soon that file is usable in Chromium (issue 20: the same at
the national scale, against its targets).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python -m benchmarks.bench_map [--fresh] [--scale large|national]

Data: clustering uses the positions of the large demo (~20,000 outlets, `large_database()`).
The export uses a scratch database, `fieldsales_bench_map50k`, built once by this script
(`--fresh` rebuilds it): 50,000 synthetic customers written straight with SQL (1,000 dealers,
9,000 sub-distributors, 40,000 stores round 30 Chinese cities), ~0.9 M shipment lines over 15
months, payments, monthly plans, visits, and open warnings on ~17 % of them. It does not go
through the importer on purpose: it is bulk scratch data for timing, never product data.
With --scale national both use the national demo (~100,000 outlets, `national_database()`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import os
import random
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg
from psycopg.conninfo import make_conninfo

from backend.map_export import export_map
from backend.migrate import MigrationError, migrate
from benchmarks.common import AS_OF, DATABASES, add_scale_argument, scale_database, server_url
from fieldapp.domain.cluster import ClusterIndex, Place

BIG_DB = "fieldsales_bench_map50k"
TARGET_CLUSTER_S, TARGET_EXPORT_S, TARGET_BROWSER_S = 0.050, 5.0, 3.0  # issue 7, 50,000
# issue 20, national scale (~100,000 outlets): every viewport under 20 ms, the export under 4 s
NATIONAL_CLUSTER_S, NATIONAL_EXPORT_S = 0.020, 4.0
CITIES = [
    (31.23, 121.47), (39.90, 116.40), (23.13, 113.26), (22.54, 114.06), (30.57, 104.07),
    (30.59, 114.30), (34.34, 108.94), (29.56, 106.55), (30.27, 120.15), (32.06, 118.80),
    (39.13, 117.20), (41.80, 123.43), (45.80, 126.53), (28.23, 112.94), (34.75, 113.62),
    (36.65, 117.12), (36.07, 120.38), (25.04, 102.71), (26.07, 119.30), (24.48, 118.09),
    (31.82, 117.23), (28.68, 115.86), (38.04, 114.51), (37.87, 112.55), (22.82, 108.32),
    (26.65, 106.63), (36.06, 103.83), (43.83, 87.62), (40.84, 111.75), (43.82, 125.32),
]  # fmt: skip
KINDS = ["credit_over_limit", "behind_plan", "below_last_year", "purchase_frequency_drop",
         "churn", "expense_over_budget", "expense_rising", "major_incident"]  # fmt: skip


def _line(label: str, seconds: float, target: float, extra: str = "") -> None:
    verdict = "ok" if seconds <= target else "OVER"
    print(
        f"  {label:52} {seconds * 1000:9.1f} ms  target {target * 1000:6.0f} ms  {verdict}{extra}"
    )


# 1 clustering ---------------------------------------------------------------------------------


def _large_url(scale: str = "large") -> str:
    """The large (or national) demo; an existing copy is used as is while a migration is being
    reworked."""
    try:
        return scale_database(scale)
    except MigrationError as exc:
        print(f"  ({scale} demo not migrated: {exc}; using it as it is)")
        return make_conninfo(server_url(), dbname=DATABASES[scale])


def bench_cluster(scale: str = "large") -> None:
    """Median time of one viewport query at 20,000 (or 100,000) outlets, cold (first at a zoom)
    and warm."""
    with psycopg.connect(_large_url(scale), autocommit=True) as conn:
        rows = conn.execute(
            """select c.id::text, c.lat, c.lng,
                      coalesce(max(w.severity) filter (where w.status <> 'resolved'), 'none')
               from public.customers c left join public.warnings w on w.customer_id = c.id
               where c.lat is not null group by c.id"""
        ).fetchall()
    rnd = random.Random(7)  # the demo may have no open warnings yet: give some an alert
    alerts = ["none"] * 8 + ["low", "medium", "high"]
    places = [
        Place(i, lat, lng, a if a != "none" else rnd.choice(alerts)) for i, lat, lng, a in rows
    ]
    print(f"\n1. clustering one viewport, {len(places):,} outlets of the large demo")
    t0 = time.perf_counter()
    index = ClusterIndex(places)
    print(f"  index (project every outlet): {(time.perf_counter() - t0) * 1000:.1f} ms")
    # centre every camera on the densest town: the biggest cluster at zoom 8
    town = max(index.query(35, 105, 8, 1e7, 1e7).clusters, key=lambda c: c.count)
    lat0, lng0 = town.lat, town.lng
    print(f"  cameras centred on ({lat0:.3f}, {lng0:.3f}), {town.count:,} outlets nearby")
    worst_cold = worst_warm = 0.0
    for name, (w, h) in {"phone 390x844": (390, 844), "desktop 1280x800": (1280, 800)}.items():
        for zoom in (4.0, 6.5, 9.0, 11.0, 12.5, 14.0, 16.0, 18.0):
            fresh = ClusterIndex(places)
            t0 = time.perf_counter()
            fresh.query(lat0, lng0, zoom, w, h)
            cold = time.perf_counter() - t0
            samples = []
            for _ in range(200):
                t0 = time.perf_counter()
                view = index.query(lat0, lng0, zoom, w, h)
                samples.append(time.perf_counter() - t0)
            med = statistics.median(samples)
            worst_cold, worst_warm = max(worst_cold, cold), max(worst_warm, med)
            print(
                f"  {name:17} zoom {zoom:4.1f}: median {med * 1000:6.2f} ms, first query "
                f"(builds the zoom's grid) {cold * 1000:6.1f} ms -> {len(view.clusters)} clusters"
                f" + {len(view.points)} points for {view.total:,} outlets"
            )
    target = NATIONAL_CLUSTER_S if scale == "national" else TARGET_CLUSTER_S
    _line("slowest viewport, median of 200 (grids built)", worst_warm, target)
    _line("slowest first query at a zoom (builds its grid)", worst_cold, target)
    t0 = time.perf_counter()
    ClusterIndex(places).warm()
    print(f"  warm() every zoom 0-17 up front: {(time.perf_counter() - t0) * 1000:.0f} ms")


# 2 the 50,000-customer database -----------------------------------------------------------------


def _uuid(rnd: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rnd.getrandbits(128), version=4)


def _position(rnd: random.Random) -> tuple[float, float]:
    lat, lng = rnd.choice(CITIES)
    spread = 1.0 if rnd.random() < 0.2 else 0.15  # a fifth out of town
    return round(lat + rnd.gauss(0, spread), 6), round(lng + rnd.gauss(0, spread), 6)


def _fill(conn: psycopg.Connection) -> None:
    """50,000 synthetic customers and their history, in bulk."""
    rnd = random.Random(50_000)
    areas = [(_uuid(rnd), f"BA{i:02d}", f"测试大区{i:02d}") for i in range(10)]
    reps = [
        (_uuid(rnd), f"rep{i:02d}@bench.cn", f"业务员{i:02d}", areas[i % 10][0]) for i in range(60)
    ]
    with conn.cursor() as cur:
        with cur.copy("copy public.areas (id, code, name) from stdin") as cp:
            for row in areas:
                cp.write_row(row)
        with cur.copy("copy auth.users (id, email) from stdin") as cp:
            for r in reps:
                cp.write_row(r[:2])
        with cur.copy(
            "copy public.profiles (id, email, full_name, role, area_id) from stdin"
        ) as cp:
            for r in reps:
                cp.write_row((r[0], r[1], r[2], "rep", r[3]))
        cur.execute(
            "insert into public.products (sku, name, brand, spec, unit_price)"
            " select 'BP' || i, '商品' || i, '品牌' || (i % 4), '500ml×12', 20 + i"
            " from generate_series(1, 20) i"
        )
        parents: list[uuid.UUID] = []
        for tier, count in ((1, 1_000), (2, 9_000), (3, 40_000)):
            mine = []
            cols = "id, code, name, tier, parent_id, owner_id, area_id, lat, lng, credit_limit,"
            cols += " grade, quadrant"
            with cur.copy(f"copy public.customers ({cols}) from stdin") as cp:
                for i in range(count):
                    cid, rep = _uuid(rnd), rnd.choice(reps)
                    lat, lng = _position(rnd)
                    grade = rnd.choice(["A", "B", "B", "C", "C", "D", None])
                    quadrant = rnd.choice(["core", "dangerous", "cultivate", "eliminate"])
                    parent = rnd.choice(parents) if tier > 1 else None
                    limit = {1: 500_000, 2: 100_000, 3: 20_000}[tier]
                    cp.write_row(
                        (cid, f"B{tier}{i:05d}", f"测试客户{tier}-{i:05d}号商行", tier, parent,
                         rep[0], rep[3], lat, lng, limit, grade, quadrant)
                    )  # fmt: skip
                    mine.append(cid)
            parents = mine
        print("    customers written; shipments, payments, plans, visits, warnings …", flush=True)
        cur.execute("select setseed(0.5)")
        cur.execute(
            """
            insert into public.shipments (doc_no, line_no, customer_id, seller_id, product_id,
                                          shipped_on, quantity, unit_price, amount)
            select 'BS' || c.code || '-' || g, 1, c.id, c.parent_id,
                   pa.ids[1 + (random() * 19)::int], %(as_of)s::date - (random() * 450)::int,
                   q, 36, q * 36
            from public.customers c
            cross join (select array_agg(id order by sku) ids from public.products) pa
            cross join lateral generate_series(1, case c.tier when 1 then 60 when 2 then 30
                                                  else 14 end) g
            cross join lateral (select (1 + random() * 40)::int as q) r
            """,
            {"as_of": AS_OF},
        )
        cur.execute(
            """
            insert into public.payments (reference, customer_id, paid_on, amount)
            select 'BY' || c.code || '-' || g, c.id, %(as_of)s::date - (random() * 400)::int,
                   (c.credit_limit * (0.1 + random() * 0.4))::numeric(14, 2)
            from public.customers c cross join generate_series(1, 5) g
            """,
            {"as_of": AS_OF},
        )
        cur.execute(
            """
            insert into public.sales_plans (customer_id, product_id, month, quantity, amount)
            select c.id, (select min(id::text)::uuid from public.products),
                   (date_trunc('month', %(as_of)s::date) - make_interval(months => m))::date,
                   100, case c.tier when 1 then 60000 else 12000 end
            from public.customers c cross join generate_series(0, 11) m
            where c.tier < 3
            """,
            {"as_of": AS_OF},
        )
        cur.execute(
            """
            insert into public.visits (rep_id, customer_id, status, checkin_at)
            select c.owner_id, c.id, 'done', %(as_of)s::timestamptz - random() * interval '120 days'
            from public.customers c cross join generate_series(1, 3) g
            """,
            {"as_of": AS_OF},
        )
        cur.execute(
            """
            insert into public.warnings (customer_id, kind, cause_key, severity)
            select c.id, (%(kinds)s::text[])[1 + (abs(hashtext(c.code)) + k) %% 8], 'bench',
                   (array['low', 'medium', 'high'])[1 + abs(hashtext(c.code || k)) %% 3]
            from public.customers c cross join generate_series(0, 1) k
            where abs(hashtext(c.code)) %% 6 = 0 and (k = 0 or abs(hashtext(c.code)) %% 24 = 0)
            """,
            {"kinds": KINDS},
        )
    conn.execute("analyze")


def big_database(fresh: bool) -> str:
    """URL of the 50,000-customer scratch database, built once."""
    with psycopg.connect(server_url(), autocommit=True) as admin:
        admin.execute("select pg_advisory_lock(727007)")
        try:
            exists = admin.execute("select 1 from pg_database where datname = %s", (BIG_DB,))
            if exists.fetchone() and fresh:
                admin.execute(f"drop database {BIG_DB} with (force)")
            if not admin.execute(
                "select 1 from pg_database where datname = %s", (BIG_DB,)
            ).fetchone():
                admin.execute(f"create database {BIG_DB}")
            url = make_conninfo(server_url(), dbname=BIG_DB)
            with psycopg.connect(url, autocommit=True) as conn:
                try:
                    migrate(conn)
                except MigrationError as exc:  # a migration reworked in place; data still fine
                    print(f"  ({BIG_DB} not migrated: {exc}; using it as it is)")
                if conn.execute("select not exists (select from public.customers)").fetchone()[0]:
                    t0 = time.perf_counter()
                    print(f"  building {BIG_DB} (once) …", flush=True)
                    with conn.transaction():
                        _fill(conn)
                    print(f"  built in {time.perf_counter() - t0:.0f} s")
        finally:
            admin.execute("select pg_advisory_unlock(727007)")
    return url


# 3 export and the browser -------------------------------------------------------------------------


def bench_export(url: str, folder: Path, target: float) -> tuple[Path, int]:
    """Median export time of all customers, online and offline; returns the offline file and
    how many customers it holds."""
    with psycopg.connect(url, autocommit=True) as conn:
        n, lines = conn.execute(
            "select (select count(*) from public.customers),"
            " (select count(*) from public.shipments)"
        ).fetchone()
        print(f"\n2. export of {n:,} customers ({lines:,} shipment lines) to one HTML file")
        out = folder / "map.html"
        for offline in (False, True):
            times, stats = [], None
            for _ in range(3):
                t0 = time.perf_counter()
                stats = export_map(conn, out, offline=offline, as_of=AS_OF)
                times.append(time.perf_counter() - t0)
            assert stats is not None
            runs = ", ".join(f"{t:.2f}" for t in times)
            _line(
                f"export {'--offline' if offline else '(CDN links)'}",
                statistics.median(times),
                target,
                f"  ({stats.bytes / 1e6:.1f} MB, {stats.on_map:,} on map; runs {runs} s)",
            )
    return out, n


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def bench_browser(page_file: Path, customers: int) -> None:
    """Time from navigation to markers/clusters drawn, in headless Chromium, offline."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM_ARGS, CHROMIUM_PATH, is_loopback_url

    handler = functools.partial(_Quiet, directory=str(page_file.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{page_file.name}"
    print(
        f"\n3. the offline file of {customers:,} customers in headless Chromium"
        " (1280x800, loopback only)"
    )
    walls, insides = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM_PATH), headless=True, args=CHROMIUM_ARGS
        )
        for _ in range(5):
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            context.route(lambda u: not is_loopback_url(u), lambda route: route.abort())
            page = context.new_page()
            t0 = time.perf_counter()
            page.goto(url, wait_until="commit")
            page.wait_for_function(
                "window.fieldsalesMap && window.fieldsalesMap.ready", timeout=60_000
            )
            page.wait_for_selector(".fs-cluster, .fs-marker")
            walls.append(time.perf_counter() - t0)
            insides.append(page.evaluate("performance.now()") / 1000)
            icons = page.evaluate("document.querySelectorAll('.leaflet-marker-icon').length")
            context.close()
        browser.close()
    server.shutdown()
    print(f"  {icons} cluster/marker icons drawn for {page_file.stat().st_size / 1e6:.1f} MB")
    _line(
        "navigation -> markers/clusters drawn (wall)",
        statistics.median(walls),
        TARGET_BROWSER_S,
        f"  (runs {', '.join(f'{t:.2f}' for t in walls)} s;"
        f" in-page clock {statistics.median(insides):.2f} s)",
    )


def main() -> None:
    """Run the three measurements and print them against their targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help=f"rebuild {BIG_DB}")
    add_scale_argument(parser)
    args = parser.parse_args()
    load = "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    print(f"as of {AS_OF}; {dt.datetime.now():%Y-%m-%d %H:%M}; {os.cpu_count()} CPUs, {load}")
    bench_cluster(args.scale)
    url = _large_url(args.scale) if args.scale == "national" else big_database(args.fresh)
    with tempfile.TemporaryDirectory() as tmp:
        national = args.scale == "national"
        target = NATIONAL_EXPORT_S if national else TARGET_EXPORT_S
        bench_browser(*bench_export(url, Path(tmp), target))
    print("\nload average at the end {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
