"""Fixtures for browser tests: the Flet web app in a subprocess and headless Debian Chromium."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from psycopg.conninfo import make_conninfo

from backend.clock import today as company_today
from fieldapp.domain.clock import NOW_ENV

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "test-output" / "screenshots"
CHROMIUM_PATH = Path(os.environ.get("FIELDAPP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE_VIEWPORT = {"width": 390, "height": 844}
SERVER_START_TIMEOUT_S = 120.0  # includes importing the demo data
#: Every browser test runs on the company's current day at 00:30 in Shanghai (16:30 UTC the day
#: before): the hour at which the company's, UTC's and most machines' calendars disagree. The
#: served app's clock (FIELDSALES_NOW) starts there and runs on; the database's calendar reads it.
E2E_TODAY = company_today()
E2E_NOW = dt.datetime.combine(E2E_TODAY, dt.time(0, 30), ZoneInfo("Asia/Shanghai"))
BOOT_TIMEOUT_MS = 45_000  # 2 shared cores: a frame may wait seconds, so the waits are generous
SEMANTICS_RETRY_MS = 5_000  # how long to wait for the semantics tree before clicking again

FONT_PATH = "/fonts/NotoSansSC-Regular.ttf"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
#: Requests the Flet 1.0.5 web client makes to the internet even with ``no_cdn=True``. They are
#: aborted in every test (as if offline) and the app must work without them.
#: - Rive's native runtime: main.dart.js hard-codes this jsdelivr URL and loads it at startup.
KNOWN_EXTERNAL_PREFIXES = ("https://cdn.jsdelivr.net/npm/@rive-app/flutter-native-wasm@",)


def is_loopback_url(url: str) -> bool:
    """Return True for loopback http(s)/ws URLs and for data:/blob: URLs."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob") or parts.hostname in LOOPBACK_HOSTS


def _free_port() -> int:
    """Return a TCP port that is free on the loopback interface right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    """Poll ``url`` until it answers with HTTP 200, failing early if ``proc`` died."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"web app exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError) as exc:
            last_error = exc
        time.sleep(0.2)
    raise TimeoutError(f"web app at {url} did not answer in {timeout:.0f}s: {last_error}")


def _start_demo(db_url: str, log_path: Path, *extra: str, data_dir: Path | None = None) -> Any:
    """`fieldsales demo` on db_url with the e2e clock (a subprocess writing to log_path)."""
    env = dict(os.environ)
    env["DATABASE_URL"] = db_url
    env[NOW_ENV] = E2E_NOW.isoformat()
    if data_dir is not None:
        env["FIELDAPP_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "FLET_SERVER_PORT", "FLET_SERVER_IP",
                "FLET_ASSETS_DIR", "FLET_WEB_APP_PATH"):  # fmt: skip
        env.pop(var, None)
    log = log_path.open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "backend.cli", "demo", *extra],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def settle_disk(server_url: str) -> None:
    """Write out what the database tests and the clone left dirty before a browser test taps:
    otherwise a checkpoint and the kernel's writeback run during the test, the app's fsyncs
    (the phone's store, each commit) wait seconds behind them, and the app seems to hang."""
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute("checkpoint")  # needs a superuser (or pg_checkpoint): the test server
    os.sync()


@pytest.fixture(scope="session")
def demo_template(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database that `fieldsales demo --no-ui` migrated and filled, as of the e2e clock: the
    template every browser test module's database is cloned from."""
    import psycopg

    name = f"fieldsales_e2e_tpl_{os.getpid()}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")
        admin.execute(f"create database {name}")
    log_path = tmp_path_factory.mktemp("demo") / "demo.log"
    proc = _start_demo(make_conninfo(server_url, dbname=name), log_path, "--no-ui")
    if proc.wait(timeout=SERVER_START_TIMEOUT_S) != 0:
        pytest.fail(f"fieldsales demo --no-ui failed:\n{log_path.read_text(errors='replace')}")
    settle_disk(server_url)
    yield name
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")


@pytest.fixture(scope="module")
def demo_db_url(
    server_url: str, demo_template: str, request: pytest.FixtureRequest
) -> Iterator[str]:
    """This test module's own copy of the demo database, its calendar frozen at E2E_NOW."""
    import psycopg

    name = f"fieldsales_e2e_{os.getpid()}_{request.module.__name__.rsplit('.', 1)[-1][:30]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")
        admin.execute(f"create database {name} template {demo_template}")
        admin.execute(f"alter database {name} set fieldsales.now = '{E2E_NOW.isoformat()}'")
    settle_disk(server_url)
    yield make_conninfo(server_url, dbname=name)
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")


@pytest.fixture(scope="module")
def phones_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where this module's served app keeps each browser's phone store (FIELDAPP_DATA_DIR)."""
    return tmp_path_factory.mktemp("phones")


@dataclass
class ServedApp:
    """The served app of one test module: its URL and its log."""

    url: str
    log: Path
    pid: int


@pytest.fixture(scope="module")
def served_app(
    demo_db_url: str, tmp_path_factory: pytest.TempPathFactory, phones_dir: Path
) -> Iterator[ServedApp]:
    """Run the main job, `fieldsales demo`, on this module's database and serve the app."""
    with serve_demo(demo_db_url, tmp_path_factory, phones_dir) as app:
        yield app


@contextlib.contextmanager
def serve_demo(
    db_url: str, tmp_path_factory: pytest.TempPathFactory, phones_dir: Path
) -> Iterator[ServedApp]:
    """`fieldsales demo --port P` on db_url until the block ends (fails the test if it won't
    start, with its log)."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("webapp") / "server.log"
    proc = _start_demo(db_url, log_path, "--port", str(port), data_dir=phones_dir)
    url = f"http://127.0.0.1:{port}/"
    try:
        try:
            _wait_http(url, proc, SERVER_START_TIMEOUT_S)
        except (RuntimeError, TimeoutError) as exc:
            pytest.fail(f"{exc}\n--- server log ---\n{log_path.read_text(errors='replace')}")
        yield ServedApp(url, log_path, proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@pytest.fixture(scope="module")
def app_url(served_app: ServedApp) -> str:
    """The URL of this module's served app."""
    return served_app.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Launch Debian's headless Chromium once per session (fails if it is missing)."""
    if not CHROMIUM_PATH.exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM_PATH}: install it with `apt-get install -y chromium` "
            "(or set FIELDAPP_CHROMIUM to a Chromium binary). Browser tests never skip.",
            pytrace=False,
        )
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM_PATH), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class AppPage:
    """A phone-sized page on the app plus the URLs it requested."""

    page: Page
    url: str
    requests: list[str] = field(default_factory=list)
    finished: set[str] = field(default_factory=set)
    boot_seconds: float | None = None

    def open(self, wait_for_text: str, timeout_ms: int = BOOT_TIMEOUT_MS) -> float:
        """Load the app, enable semantics, wait for text and the CJK font; return seconds taken."""
        page = self.page
        start = time.monotonic()
        page.goto(self.url, wait_until="load")
        # Flutter web paints on a canvas; its accessibility DOM (what get_by_text sees) only
        # appears once the hidden "enable accessibility" placeholder has been clicked.
        page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=timeout_ms)
        text = page.get_by_text(wait_for_text).first
        deadline = start + timeout_ms / 1000
        while True:
            # a click that lands before Flutter listens to it is lost: click until it took
            page.evaluate("document.querySelector('flt-semantics-placeholder')?.click()")
            try:
                text.wait_for(state="visible", timeout=SEMANTICS_RETRY_MS)
                break
            except PlaywrightTimeout:
                if time.monotonic() > deadline:
                    raise
        # Texts exist in the semantics tree before the 7.6 MB font has arrived; until then
        # the canvas shows blanks, so wait for the font download too.
        while not self.font_loaded():
            if time.monotonic() > deadline:
                raise TimeoutError(f"{FONT_PATH} was not loaded within {timeout_ms} ms")
            page.wait_for_timeout(50)
        self.settle()
        self.boot_seconds = time.monotonic() - start
        return self.boot_seconds

    def font_loaded(self) -> bool:
        """Return True once the bundled CJK font has been downloaded."""
        return any(urlsplit(u).path == FONT_PATH for u in self.finished)

    def settle(self, timeout_s: float = 5.0, interval_ms: int = 150) -> bytes:
        """Wait until two consecutive screenshots are identical (the canvas stopped changing)."""
        prev = self.page.screenshot()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(interval_ms)
            cur = self.page.screenshot()
            if cur == prev:
                return cur
            prev = cur
        return prev

    def screenshot(self, name: str) -> Path:
        """Save a screenshot of the settled page under test-output/screenshots/."""
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / name
        path.write_bytes(self.settle())
        return path

    def external_requests(self) -> list[str]:
        """Return every requested URL that is not on loopback."""
        return [u for u in self.requests if not is_loopback_url(u)]

    def unexpected_external_requests(self) -> list[str]:
        """Return non-loopback requests other than the known Flet ones."""
        return [u for u in self.external_requests() if not u.startswith(KNOWN_EXTERNAL_PREFIXES)]


@pytest.fixture
def app_page(browser: Browser, app_url: str) -> Iterator[AppPage]:
    """A fresh browser context and page at phone size (390×844) pointed at the app."""
    context = browser.new_context(
        viewport=PHONE_VIEWPORT, device_scale_factor=2, is_mobile=False, locale="zh-CN"
    )
    # Behave as if offline: anything leaving loopback is aborted (and recorded by the test).
    context.route(lambda url: not is_loopback_url(url), lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(BOOT_TIMEOUT_MS)
    app = AppPage(page=page, url=app_url)
    page.on("request", lambda req: app.requests.append(req.url))
    page.on("requestfinished", lambda req: app.finished.add(req.url))
    try:
        yield app
    finally:
        context.close()


@pytest.fixture(scope="module")
def demo_plans(app_url: str, demo_db_url: str) -> dict[str, list[str]]:
    """Today's approved plans that `fieldsales demo` seeded (rep email → outlet codes in route
    order); fails when it seeded none."""
    import psycopg

    from backend.demo_plans import todays_routes

    with psycopg.connect(demo_db_url, autocommit=True) as conn:
        routes = todays_routes(conn, E2E_TODAY)
    assert routes, "fieldsales demo seeded no plans for today"
    return routes


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """A failed browser test's report says what the server was doing and what each page showed."""
    report = yield
    if report.failed and report.when == "call" and "served_app" in item.funcargs:
        report.sections.append(("what the server was doing", _diagnosis(item)))
    if report.failed and report.when == "call" and "browser" in item.funcargs:
        report.sections.append(("what each open page showed", _screens(item)))
    return report


SCREEN_TEXTS_JS = """() => Array.from(document.querySelectorAll('flt-semantics'))
  .map(e => e.getAttribute('aria-label') || (e.childElementCount ? '' : e.textContent.trim()))
  .filter(Boolean).map(t => t.replace(/\\s+/g, ' ').slice(0, 80)).slice(0, 60)"""


def _screens(item: pytest.Item) -> str:
    """For a failed browser test: every open page (the test may drive several phones) saved as
    a screenshot under test-output/failures/, and the texts its semantics tree held."""
    failures = SCREENSHOT_DIR.parent / "failures"
    failures.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    pages = [p for c in item.funcargs["browser"].contexts for p in c.pages if not p.is_closed()]
    for i, page in enumerate(pages):
        path = failures / f"{item.name}-{i}.png"
        try:  # a hung page must not add an error to the failure
            page.screenshot(path=str(path), timeout=5000)
            texts = page.evaluate(SCREEN_TEXTS_JS)
        except Exception as exc:
            lines.append(f"page {i}: unavailable ({exc})")
            continue
        lines.append(f"page {i} ({path.name}): " + " ‖ ".join(texts))
    return "\n".join(lines) or "no open page"


def _diagnosis(item: pytest.Item) -> str:
    """Every open transaction of the cluster (with the xids and xmins that hold pulls back) and
    the end of the served app's log, for a failed browser test."""
    import psycopg

    lines = []
    try:
        with psycopg.connect(item.funcargs["server_url"], autocommit=True) as conn:
            for row in conn.execute(
                "select datname, pid, state, backend_xid, backend_xmin,"
                " round(extract(epoch from now() - xact_start)::numeric, 1),"
                " wait_event_type, wait_event, left(regexp_replace(query, '\\s+', ' ', 'g'), 90)"
                " from pg_stat_activity where xact_start is not null and pid <> pg_backend_pid()"
                " order by xact_start"
            ):
                lines.append(" | ".join("" if v is None else str(v) for v in row))
    except psycopg.Error as exc:
        lines.append(f"pg_stat_activity unavailable: {exc}")
    app = item.funcargs["served_app"]
    before = len(app.log.read_bytes())
    with contextlib.suppress(ProcessLookupError):
        os.kill(app.pid, signal.SIGUSR1)  # the app writes every thread's stack to its log
        time.sleep(1.0)
    text = app.log.read_bytes()
    tail = text[:before].decode(errors="replace").splitlines()[-30:]
    stacks = text[before:].decode(errors="replace").splitlines()
    return "\n".join(["open transactions (db | pid | state | xid | xmin | s | wait):", *lines,
                      "--- served app log (last 30 lines) ---", *tail,
                      "--- served app threads (SIGUSR1) ---", *stacks])  # fmt: skip


@contextlib.contextmanager
def new_phone(browser: Browser, app_url: str, phones_dir: Path) -> Iterator[Any]:
    """A phone: a fresh browser context at 390×844 that lets the app read a (test-set) position."""
    from tests.e2e.app_helpers import PEOPLES_SQUARE, Phone

    context = browser.new_context(
        viewport=PHONE_VIEWPORT,
        device_scale_factor=2,
        is_mobile=False,
        locale="zh-CN",
        permissions=["geolocation"],
        geolocation=PEOPLES_SQUARE,
    )
    context.route(lambda url: not is_loopback_url(url), lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(BOOT_TIMEOUT_MS)
    app = AppPage(page=page, url=app_url)
    page.on("request", lambda req: app.requests.append(req.url))
    page.on("requestfinished", lambda req: app.finished.add(req.url))
    try:
        yield Phone(app, context, phones_dir)
    finally:
        context.close()


@pytest.fixture
def phone(browser: Browser, app_url: str, phones_dir: Path, demo_plans: dict) -> Iterator[Any]:
    """A phone on this module's served app."""
    with new_phone(browser, app_url, phones_dir) as one:
        yield one


@pytest.fixture
def second_phone(browser: Browser, app_url: str, phones_dir: Path) -> Iterator[Any]:
    """Another phone (its own browser context) on the same served app: a second user."""
    with new_phone(browser, app_url, phones_dir) as one:
        yield one
