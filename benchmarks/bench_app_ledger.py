"""Time to open a dealer's ledger in the app (issue 9), at demo, large and national scale.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python -m benchmarks.bench_app_ledger [--scale demo|both|large|national]
        [--runs 9] [--web] [--web-runs 5]

Service: an area manager's phone (direct PostgreSQL remote, as `fieldsales demo` runs it) calls
LedgerService the way the screens do — the ledger tab (ledger_dealers + contracts needing
attention), one dealer's ledger (its year-to-date row + dealer_ledger), a month's lines, one
contract — median of --runs after one warm-up call, for the area's busiest dealer.
Web (--web, needs Chromium): the app served on the same database (serve_web, no data changes),
a 390×844 browser context signs in as the area manager, waits for the first sync, opens the
ledger tab; then, --web-runs times: tap the first dealer's card → its ledger loaded on screen
(the month list's heading; then its year-to-date purchases, equal to the database's), and back.
Data: demo = the default demo (40 dealers, 38,512 shipment lines) in its own database;
large = benchmarks.common.scale_database("large") (~20,000 outlets, 800 dealers, ~1 M shipment
lines); national = scale_database("national") (~100,000 outlets, 2,000 dealers, ~5 M lines);
both = demo then large (the default). As of AS_OF.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg
from psycopg.conninfo import make_conninfo

from benchmarks.common import AS_OF, add_scale_argument, scale_database, server_url, timed
from fieldapp.services.device import DEMO, PhoneFolder
from fieldapp.services.phone import Phone, ServerConfig
from fieldapp.ui.ledger.ledger_common import money

DEMO_DB = "fieldsales_bench_ledger_demo"
ROOT = Path(__file__).resolve().parents[1]


def demo_database() -> str:
    """URL of a migrated database holding the default demo (built once; rebuilt when its
    migrations no longer match the files)."""
    from backend.migrate import MigrationError

    try:
        return _demo_database(fresh=False)
    except MigrationError:
        return _demo_database(fresh=True)


def _demo_database(*, fresh: bool) -> str:
    from backend.demo import generate
    from backend.importer import import_frames
    from backend.migrate import migrate

    with psycopg.connect(server_url(), autocommit=True) as admin:
        if fresh:
            admin.execute(f"drop database if exists {DEMO_DB} with (force)")
        if not admin.execute("select 1 from pg_database where datname = %s", (DEMO_DB,)).fetchone():
            admin.execute(f"create database {DEMO_DB}")
    url = make_conninfo(server_url(), dbname=DEMO_DB)
    with psycopg.connect(url, autocommit=True) as conn:
        migrate(conn)
        if conn.execute("select not exists (select from public.customers)").fetchone()[0]:
            import_frames(conn, generate("default", seed=42, as_of=AS_OF), as_of=AS_OF)
            conn.execute("analyze")
    return url


def busiest(url: str) -> tuple[str, str, str, str]:
    """The area manager with the most dealers, and that area's busiest dealer: (email, dealer
    id, dealer name, effective contract id)."""
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "select p.email, c.id::text, c.name, k.id::text from profiles p"
            " join customers c on c.area_id = p.area_id and c.tier = 1"
            " join contracts k on k.customer_id = c.id and k.status = 'effective'"
            " join lateral (select count(*) n from shipments s where s.customer_id = c.id) s"
            " on true where p.role = 'area_manager' order by s.n desc limit 1"
        ).fetchone()
    return row[0], row[1], row[2], row[3]


def bench_service(url: str, runs: int) -> dict[str, float]:
    """Medians (ms) of the ledger service calls."""
    email, dealer, _name, contract = busiest(url)
    noon = dt.datetime.combine(AS_OF, dt.time(4), tzinfo=dt.UTC)
    with tempfile.TemporaryDirectory() as tmp:
        phone = Phone(PhoneFolder(Path(tmp)), ServerConfig(DEMO, url), now=lambda: noon)
        phone.sign_in(email)
        svc = phone.ledger
        calls = {
            "ledger tab (dealers + attention)": lambda: (svc.dealers(), svc.attention()),
            "open a dealer's ledger": lambda: svc.ledger(dealer),
            "a month's lines": lambda: svc.lines(dealer, AS_OF),
            "a contract": lambda: svc.contract(contract),
        }
        out = {}
        for name, fn in calls.items():
            fn()  # warm-up: plans cached, the connection open
            median, _ = timed(fn, runs)
            out[name] = median * 1000
        n = len(svc.dealers())
        phone.close()
    print(f"  area manager {email}: {n} dealers in scope")
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_web(url: str, runs: int) -> dict[str, float]:
    """Seconds: sign-in → synced, ledger tab → dealers, tap a dealer → its figures."""
    from playwright.sync_api import Locator, sync_playwright

    email = busiest(url)[0]
    with psycopg.connect(url) as conn:  # the first card of the ledger tab
        name, ytd = conn.execute(
            "select l.name, l.ytd_purchases from ledger_dealers(current_date) l"
            " join areas a on a.code = l.area_code join profiles p on p.area_id = a.id"
            " where p.email = %s order by l.area_code, l.code limit 1",
            (email,),
        ).fetchone()
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT), FLET_FORCE_WEB_SERVER="1")
    env["FIELDAPP_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-ledger-")
    code = f"from fieldapp.ui.app import serve_web; serve_web({port}, {{}}, database_url={url!r})"
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    out: dict[str, list[float]] = {"sign in → first sync done": [], "ledger tab → dealers": []}
    taps: list[float] = []
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium",
                headless=True,
                args=["--no-sandbox", "--disable-gpu"],
            )
            ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
            page = ctx.new_page()
            page.set_default_timeout(60_000)

            def shown(text: str) -> Locator:
                return page.get_by_text(text).or_(page.get_by_label(text)).first

            page.goto(f"http://127.0.0.1:{port}/")
            page.wait_for_selector("flt-semantics-placeholder", state="attached")
            page.evaluate("document.querySelector('flt-semantics-placeholder').click()")
            shown("区域经理").click()
            t0 = time.perf_counter()
            page.get_by_text(email).first.click()
            shown("已全部同步 · 上次同步 刚刚").wait_for()
            out["sign in → first sync done"].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            page.get_by_role("tab", name="台账").click()
            card = shown(name)
            card.wait_for()
            out["ledger tab → dealers"].append(time.perf_counter() - t0)
            for _ in range(runs):
                card = shown(name)
                card.wait_for()
                t0 = time.perf_counter()
                card.click()
                try:
                    shown("逐月台账").wait_for()  # only in the loaded ledger, after the figures
                except Exception:
                    page.screenshot(path=str(Path(tempfile.gettempdir()) / "bench_ledger.png"))
                    raise
                taps.append(time.perf_counter() - t0)
                shown(money(ytd)).wait_for()
                page.get_by_role("button", name=re.compile("^(Back|返回)$")).click()
                shown("逐月台账").wait_for(state="hidden")
                page.wait_for_timeout(500)  # the pop animation
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    result = {k: v[0] for k, v in out.items()}
    result["tap a dealer → its ledger on screen"] = statistics.median(taps)
    result["(max of the taps)"] = max(taps)
    return result


def main(argv: list[str] | None = None) -> int:
    """Print the figures."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    add_scale_argument(
        p, own={"demo": "the default demo", "both": "demo then large"}, default="both"
    )
    p.add_argument("--runs", type=int, default=9, help="timed service calls per figure")
    p.add_argument("--web", action="store_true", help="also time the app in Chromium")
    p.add_argument("--web-runs", type=int, default=5, help="taps on the dealer per scale")
    args = p.parse_args(argv)
    load = os.getloadavg()[0]
    print(f"$ .venv/bin/python -m benchmarks.bench_app_ledger {shlex.join(sys.argv[1:])}".rstrip())
    print(
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs,"
        f" load {load:.1f}, as of {AS_OF}"
    )
    scales = ("demo", "large") if args.scale == "both" else (args.scale,)
    for scale in scales:
        url = demo_database() if scale == "demo" else scale_database(scale)
        with psycopg.connect(url) as conn:
            dealers, lines = conn.execute(
                "select (select count(*) from customers where tier = 1),"
                " (select count(*) from shipments)"
            ).fetchone()
        print(f"\n{scale}: {dealers} dealers, {lines:,} shipment lines")
        for name, ms in bench_service(url, args.runs).items():
            print(f"  service  {name:40} median {ms:7.1f} ms")
        if args.web:
            for name, s in bench_web(url, args.web_runs).items():
                print(f"  browser  {name:40} {s:7.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
