"""Helpers for the field-app browser tests: a phone in a browser context, and database probes."""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import psycopg
from playwright.sync_api import BrowserContext, Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.conftest import E2E_TODAY

if TYPE_CHECKING:
    from tests.e2e.conftest import AppPage

T = TypeVar("T")
OPEN_TIMEOUT_MS = 60_000  # Flutter's first load on a busy 2-core machine
PEOPLES_SQUARE = {"latitude": 31.2304, "longitude": 121.4737, "accuracy": 15}


#: The app bar's back button. While its tooltip shows (the pointer rests where the previous
#: screen's back button was), Flutter's semantics node owns the tooltip's text (aria-owns), so
#: the button's accessible name is "返回 返回": both names are the same button.
BACK = re.compile(r"^(Back|返回)(\s+(Back|返回))?$")
SEARCH = "搜索名称、编码、电话、地址"  # the 客户 tab's search field


def poll(fn: Callable[[], T | None], timeout: float = 45.0, interval: float = 0.05) -> T:
    """Call fn until it returns something truthy; fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = fn()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(interval)


def shown(page: Page, text: str, exact: bool = False) -> Locator:
    """Text on screen: Flutter puts texts merged into a semantics node into its aria-label. A
    space in text also matches the no-break space the app puts between a number and its unit."""
    if " " in text:
        pattern = r"\s".join(re.escape(part) for part in text.split(" "))
        found = re.compile(f"^{pattern}$" if exact else pattern)
        return page.get_by_text(found).or_(page.get_by_label(found)).first
    return page.get_by_text(text, exact=exact).or_(page.get_by_label(text, exact=exact)).first


def reopen(page: Page, url: str, text: str, timeout_s: float = 45.0) -> Locator:
    """Open the app in another tab of the same phone until text shows: the semantics
    placeholder is clicked again until the tree appears (a click before Flutter listens is
    lost, and after the database tests Flutter may take seconds to listen)."""
    page.goto(url)
    page.wait_for_selector("flt-semantics-placeholder", state="attached")
    found = shown(page, text)
    deadline = time.monotonic() + timeout_s
    while True:
        page.evaluate("document.querySelector('flt-semantics-placeholder')?.click()")
        try:
            found.wait_for(state="visible", timeout=5_000)
            return found
        except PlaywrightTimeout:
            if time.monotonic() > deadline:
                raise


@dataclass
class Phone:
    """The app in one browser context (one phone): sign in, tap, type, look, photograph."""

    app: AppPage
    context: BrowserContext
    phones_dir: Path

    @property
    def page(self) -> Page:
        """The Playwright page."""
        return self.app.page

    def open(self, text: str = "登录销售通") -> float:
        """Load the app and wait for text (and the CJK font); returns seconds taken."""
        return self.app.open(text, timeout_ms=OPEN_TIMEOUT_MS)

    def sign_in(self, email: str, first_tab: str = "今日") -> None:
        """Demo sign-in: tap the user, wait for the home screen and the first sync."""
        self.page.get_by_text(email).first.click()
        self.tab(first_tab).wait_for()
        self.wait_synced()

    def tab(self, name: str) -> Locator:
        """A navigation tab: in the bottom bar, or (windows 1000 px wide and more) in the side
        rail, whose destinations are buttons named "审批 第 1 个标签，共 5 个"."""
        rail = re.compile(rf"^{re.escape(name)}\s第 \d+ 个标签")
        return self.page.get_by_role("tab", name=name).or_(
            self.page.get_by_role("button", name=rail)
        )

    def button(self, name: str, exact: bool = True) -> Locator:
        """A button by its accessible name."""
        return self.page.get_by_role("button", name=name, exact=exact)

    def field(self, label: str) -> Locator:
        """A text field by its label."""
        return self.page.get_by_role("textbox", name=label, exact=True)

    def text(self, text: str, exact: bool = False) -> Locator:
        """Visible text (see shown())."""
        return shown(self.page, text, exact)

    def see(self, text: str, timeout_ms: int = 45_000) -> Locator:
        """Wait until the text is visible; returns it."""
        found = self.text(text)
        found.wait_for(state="visible", timeout=timeout_ms)
        return found

    def reveal(self, locator: Locator, steps: int = 15, dy: int = 300) -> Locator:
        """Scroll the screen (mouse wheel, as a finger would) until the control is on it:
        down first, then back up (Flutter only puts what is on screen into its DOM). After each
        turn of the wheel it looks for up to 0.75 s: on a busy machine Flutter draws late, and a
        control drawn after the next turn would be scrolled past."""
        try:
            locator.first.wait_for(state="visible", timeout=1500)
            return locator.first
        except PlaywrightTimeout:
            pass
        for direction in (1, -1):
            for _ in range(steps):
                self.page.mouse.move(195, 500)
                self.page.mouse.wheel(0, direction * dy)
                for _ in range(3):
                    self.page.wait_for_timeout(250)
                    if locator.count() and locator.first.is_visible():
                        return self._still(locator.first)
        locator.first.wait_for(state="visible", timeout=2000)
        return locator.first

    def _still(self, locator: Locator) -> Locator:
        """The control once it stops moving: a turn of the wheel scrolls on for a moment, and a
        tap aimed at where the control was lands on whatever has moved there."""
        last = None
        for _ in range(20):
            box = locator.bounding_box()
            if box is not None and box == last:
                break
            last = box
            self.page.wait_for_timeout(150)
        return locator

    def above_the_bar(self, locator: Locator, room: int = 60, bar: int = 90) -> None:
        """Scroll (mouse wheel) until the control, and room px under it (a note it shows), are
        in the window above a screen's bottom bar (bar px): a form's ListView keeps controls
        below the window in the semantics tree, where reveal() takes them for visible, and a
        screenshot would not show them."""
        height = self.page.viewport_size["height"] if self.page.viewport_size else 844
        for _ in range(20):
            box = locator.first.bounding_box() if locator.count() else None
            if (
                box is not None
                and box["y"] > 150
                and box["y"] + box["height"] + room < height - bar
            ):
                self.page.wait_for_timeout(300)
                return
            self.page.mouse.move(195, 500)
            self.page.mouse.wheel(0, -120 if box is not None and box["y"] <= 150 else 120)
            self.page.wait_for_timeout(250)
        raise AssertionError("the control never scrolled into the window above the bottom bar")

    def tops(self, locators: list[Locator]) -> list[float]:
        """The y of each control, read together: a screen refreshed by a sync or a position fix
        replaces its DOM, so a box read between two lookups can be missing; read again."""

        def read() -> list[float] | None:
            boxes = [loc.bounding_box() for loc in locators]
            return None if None in boxes else [b["y"] for b in boxes if b is not None]

        return poll(read)

    def value(self, label: str) -> str:
        """What a text field holds (Flutter fills the DOM input only while it has the focus)."""
        f = self.reveal(self.field(label))
        self.focus(f, label)
        value = f.input_value()
        for _ in range(20):  # Flutter copies its text into the input a frame after the focus
            if value:
                break
            self.page.wait_for_timeout(50)
            value = f.input_value()
        self.page.keyboard.press("Tab")
        return value

    def focus(self, locator: Locator, label: str) -> None:
        """Tap a text field until Flutter has given it the keyboard focus (the first tap on a
        new screen often only wakes Flutter's text input up)."""
        for _ in range(5):
            locator.click()
            for _ in range(20):
                if self.page.evaluate("document.activeElement.getAttribute('aria-label')") == label:
                    return
                self.page.wait_for_timeout(50)
        raise AssertionError(f"the field {label!r} never got the focus")

    def fill(self, label: str, value: str, *, leave: bool = True) -> None:
        """Type into a field like a person (tap, replace, type) and leave it.

        Flutter web ignores a value set on a field it has not focused yet (Playwright's fill()),
        so the field is tapped until it has the focus, then typed into.
        """
        self.fill_in(self.field(label), label, value, leave=leave)

    def fill_in(self, field: Locator, label: str, value: str, *, leave: bool = True) -> None:
        """fill() for a located field (one of several with the same label)."""
        field = self.reveal(field)
        for _ in range(3):
            self.focus(field, label)
            self.page.keyboard.press("Control+A")
            self.page.keyboard.type(value, delay=20)
            self.page.wait_for_timeout(100)
            if field.input_value() == value:
                break
        if leave:
            self.page.keyboard.press("Tab")

    def open_card(self, query: str, name: str) -> None:
        """Search the 客户 tab and open the customer's card: the list redraws as the search is
        typed, so the row is tapped once it stops moving, and again if the card did not open."""
        self.fill(SEARCH, query, leave=False)
        row = self.page.get_by_role("button", name=re.compile(re.escape(name))).first
        back = self.page.get_by_role("button", name=BACK)
        for _ in range(4):
            self._still(self.reveal(row)).click()
            try:
                back.first.wait_for(state="visible", timeout=4000)
                return
            except PlaywrightTimeout:
                continue
        raise AssertionError(f"the card of {name} did not open")

    def check_in_at_first_stop(self, demo_db_url: str, email: str) -> dict[str, Any]:
        """Sign in as the rep 30 m from the first stop of their route and check in there (the
        visit opens on its stock section); the stop."""
        with psycopg.connect(demo_db_url) as conn:
            stop = first_stop(conn, email)
        self.context.set_geolocation(near(stop["lat"], stop["lng"], north_m=30, accuracy=9))
        self.open()
        self.sign_in(email)
        self.see("GPS ±9 米")
        self.button(f"开始拜访：{stop['name']}").click()
        self.see("在签到范围 300 米内")
        self.button("签到").click()
        self.see("按产品填写现有库存")
        return stop

    def wait_synced(self, timeout: float = 30.0) -> None:
        """Wait until the sync strip says everything is uploaded."""
        page = self.page
        page.get_by_text("已全部同步 · 上次同步 刚刚").or_(
            page.get_by_text("All synced · last sync just now")
        ).first.wait_for(timeout=timeout * 1000)

    def shot(self, name: str) -> Path:
        """A settled phone-size screenshot (pointer parked where it shows no tooltip)."""
        self.page.mouse.move(385, 330)
        self.page.wait_for_timeout(400)
        return self.app.screenshot(name)

    def device_id(self) -> str:
        """This browser's phone id (kept in localStorage by SharedPreferences)."""
        raw = self.page.evaluate("localStorage.getItem('flutter.fieldsales.device')")
        return json.loads(raw) if raw and raw.startswith('"') else raw

    def store(self) -> sqlite3.Connection:
        """The phone's SQLite store, read-only."""
        path = self.phones_dir / self.device_id() / "store.db"
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)


def first_stop(conn: psycopg.Connection, email: str) -> dict[str, Any]:
    """Today's first planned stop of a rep: outlet id, name, lat, lng."""
    row = conn.execute(
        "select c.id::text, c.name, c.lat, c.lng, c.code from visit_plan_stops s"
        " join visit_plans p on p.id = s.plan_id join profiles u on u.id = p.rep_id"
        " join customers c on c.id = s.customer_id"
        " where u.email = %s and s.visit_date = %s and p.status = 'approved' order by s.seq limit 1",
        (email, E2E_TODAY),
    ).fetchone()
    return {"id": row[0], "name": row[1], "lat": row[2], "lng": row[3], "code": row[4]}


def near(lat: float, lng: float, north_m: float = 20.0, accuracy: float = 8.0) -> dict[str, float]:
    """A browser geolocation north_m metres north of a point."""
    return {"latitude": lat + north_m / 111_195.0, "longitude": lng, "accuracy": accuracy}
