"""The app shell: sign-in or the signed-in app, navigation, the sync strip, dialogs, sync runs."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import threading
import uuid
from collections.abc import Callable
from typing import Any

import flet as ft

from fieldapp.domain import clock
from fieldapp.errors import FieldSalesError
from fieldapp.services.device import PhoneFolder
from fieldapp.services.i18n import error_text
from fieldapp.services.phone import Phone
from fieldapp.ui.config import AppConfig
from fieldapp.ui.kept import kept, kept_list
from fieldapp.ui.locate import Locator
from fieldapp.ui.navigation import DEFAULT_TABS, TABS, nav_bar, rail, side_by_side
from fieldapp.ui.routes import make_screen
from fieldapp.ui.screen import Screen
from fieldapp.ui.strings import DEFAULT_LANG, t
from fieldapp.ui.sync_runner import SyncRunner
from fieldapp.ui.sync_strip import SyncStrip
from fieldapp.ui.theme import PRIMARY_COLOR, apply_theme

log = logging.getLogger(__name__)
LOCALES = {"zh": ft.Locale("zh", "CN"), "en": ft.Locale("en", "US")}
PREF_DEVICE, PREF_LANG = "fieldsales.device", "fieldsales.lang"
AUTO_SYNC_S = 60.0  # a quiet sync now and then while the app is open
DIALOG_CLOSE_S = 0.3  # a dialog's closing animation
PREF_TIMEOUT_S, PREF_ATTEMPTS = 3.0, 5
WIDE_PX = 1000  # from this window width on, a navigation rail at the side instead of the bar
PANE_PX = 420  # at a desk, the width of a list shown beside its detail


class Shell:
    """Owns the page: which screens are stacked, the language, the phone and its sync."""

    def __init__(self, page: ft.Page, config: AppConfig) -> None:
        self.page = page
        self.config = config
        self.lang = DEFAULT_LANG
        self.phone: Phone = None  # type: ignore[assignment]  # set in start()
        self.locator = Locator()
        self.stack: list[Screen] = []
        self.ui_lock = threading.RLock()  # page updates come from handlers and the sync thread
        self._prefs: ft.SharedPreferences | None = None
        self.syncer = SyncRunner(self)
        self._connected = True
        self.closed = False
        self.wide = False  # a desk-size window: the tabs are a rail at the side

    # -- start --------------------------------------------------------------------------------

    async def start(self) -> None:
        """Set up the page, find this device's folder and show sign-in or the app."""
        page = self.page
        page.title = t("window_title")
        apply_theme(page)
        page.padding = 0
        page.on_view_pop = self._on_view_pop
        page.on_connect = self._on_connect
        page.on_disconnect = self._on_disconnect
        page.on_close = self._on_close
        page.on_resize = self._on_resize
        self.wide = (page.width or 0) >= WIDE_PX
        # a splash first: the services below must be on the client before they are called
        page.views.clear()
        splash = ft.View(route="/", controls=[ft.ProgressBar()], bgcolor=ft.Colors.SURFACE)
        page.views.append(splash)
        page.update()
        self._prefs = ft.SharedPreferences()
        self.locator.attach()
        device_id = await self._pref(PREF_DEVICE)
        if not device_id:
            device_id = uuid.uuid4().hex
            await self._pref(PREF_DEVICE, device_id)
        lang = await self._pref(PREF_LANG)
        self.lang = lang if lang in ("zh", "en") else DEFAULT_LANG
        self._apply_locale()
        log.info("session %s: started on phone %s", page.session.id, device_id)
        device = PhoneFolder.in_dir(self.config.data_dir, str(device_id))
        self.phone = Phone(device, self.config.server)
        try:
            who = self.phone.restore()
        except FieldSalesError as exc:
            who = None
            self.toast(error_text(exc, self.lang))
        if who is None:
            self.show_signin()
        else:
            self.show_home()
            self.request_sync()
        page.run_task(self._ticker)

    async def _pref(self, key: str, value: str | None = None) -> Any:
        """Read (or write) a preference; a call the client has not answered is asked again (a
        call made while the service is still being mounted gets no answer at all)."""
        assert self._prefs is not None
        for attempt in range(PREF_ATTEMPTS):
            try:
                call = self._prefs.get(key) if value is None else self._prefs.set(key, value)
                return await asyncio.wait_for(call, PREF_TIMEOUT_S)
            except TimeoutError:
                log.warning("preference %s: no answer (attempt %d)", key, attempt + 1)
        return None

    async def _ticker(self) -> None:
        while not self.closed:
            await asyncio.sleep(AUTO_SYNC_S)
            if self._connected and not self.closed and self.phone.user is not None:
                self.request_sync()

    def _on_connect(self, e: Any) -> None:
        log.info("session %s: client reconnected", self.page.session.id)
        self._connected = True  # a web tab came back (reload, woken laptop): catch up
        self.request_sync()

    def _on_disconnect(self, e: Any) -> None:
        log.info("session %s: client disconnected", self.page.session.id)
        self._connected = False  # no background syncs for a closed tab

    def _on_close(self, e: Any) -> None:
        """The web session expired: release the store and the server connection."""
        log.info("session %s: closed", self.page.session.id)
        self.closed = True
        self.syncer.stop()
        if self.phone is not None:
            self.phone.close()

    # -- navigation -----------------------------------------------------------------------------

    def tabs(self) -> tuple[str, ...]:
        """The bottom-navigation tabs of the signed-in user's role."""
        role = self.phone.user.role if self.phone.user else None
        return TABS.get(role or "", DEFAULT_TABS)

    def show_signin(self) -> None:
        """The sign-in screen (nothing else on the stack)."""
        self.stack = [make_screen(self, "signin")]
        self.render()

    def show_home(self, tab: str | None = None) -> None:
        """The root screen of a tab (the first tab by default; a tab's route is its name)."""
        self.stack = [make_screen(self, tab or self.tabs()[0])]
        self.render()

    def _open_sync(self) -> None:
        """The sync screen: its tab, or on top of the current screen where it is not a tab."""
        if "sync" in self.tabs():
            self.show_home("sync")
        elif not self.stack or self.stack[-1].tab != "sync":
            self.open("sync")

    def open_settings(self) -> None:
        """Settings on top of the current tab (the back arrow returns to it)."""
        self.open("settings")

    def open(self, route: str, /, *, replace: bool = False, **args: Any) -> None:
        """Open the screen registered as route (fieldapp.ui.routes) with its arguments, on top of
        the current one or instead of it."""
        screen = make_screen(self, route, **args)
        if replace:
            self.replace(screen)
        else:
            self.push(screen)

    def open_beside(self, screen: Screen, route: str, /, **args: Any) -> None:
        """A list's detail: beside the list at a desk (in place of the detail shown there), on
        top of it on a phone."""
        detail = make_screen(self, route, **args)
        detail.beside = True  # drawn beside the list whenever the window is desk-size
        if self.wide and screen.split and self.stack and self.stack[0] is screen:
            self.stack = [screen, detail]
            self.render()
        else:
            self.push(detail)

    def _lister(self, index: int) -> Screen | None:
        """The list drawn beside the screen at index: at a desk, the tab's list (split) under
        the detail it opened (other screens on top of it take the whole window)."""
        if self.wide and index == 1 and len(self.stack) > 1 and self.stack[0].split:
            return self.stack[0] if self.stack[1].beside else None
        return None

    def push(self, screen: Screen) -> None:
        """Open a screen on top of the current one."""
        self.stack.append(screen)
        self.render()

    def pop(self, *, refresh: bool = True) -> None:
        """Close the top screen (the one below is rebuilt to show what changed)."""
        if len(self.stack) > 1:
            self.stack.pop()
            if refresh:
                self.stack[-1].stale = True
        self.render()

    def replace(self, screen: Screen) -> None:
        """Swap the top screen for another."""
        self.stack[-1] = screen
        self.render()

    def refresh(self, screen: Screen | None = None) -> None:
        """Rebuild a screen's content (the top one now; others when they come back on top)."""
        target = screen or (self.stack[-1] if self.stack else None)
        if target is None:
            return
        with self.ui_lock:  # checked under the lock: a view being built now is refilled after
            target.stale = True
            top = self.stack[-1] if self.stack else None
            beside = top is not None and top.view is not None and target is self._lister(1)
            if beside:  # the list drawn beside its detail (the top screen): only the list pane
                left = top.view.data[4]
                self._fill_pane(left, target)
                left.update()
                return
            if target is not top or target.view is None:
                return
            self._fill_view(target, target.view)
            self._show_sync_state(update=False)
            target.view.update()

    def set_language(self, lang: str) -> None:
        """Switch language everywhere and remember it."""
        self.lang = lang
        self._apply_locale()
        if self._prefs is not None:
            self.page.run_task(self._pref, PREF_LANG, lang)
        for s in self.stack:
            s.view = None
        self.render()

    def _apply_locale(self) -> None:
        """Flutter's own words (the back button, dialogs, dismissing a sheet — what a screen
        reader says) in the app's language, not always in English."""
        self.page.locale_configuration = ft.LocaleConfiguration(
            supported_locales=list(LOCALES.values()), current_locale=LOCALES[self.lang]
        )

    def _on_view_pop(self, e: ft.ViewPopEvent) -> None:
        self.pop()

    def render(self) -> None:
        """Put the stack's views on the page: built when new, refilled in place when stale."""
        with self.ui_lock:
            views = []
            for i, screen in enumerate(self.stack):
                if screen.view is None:
                    screen.view = self._build_view(screen, i)
                elif screen.stale:
                    self._fill_view(screen, screen.view)
                views.append(screen.view)
            self.page.views.clear()
            self.page.views.extend(views)
            self._show_sync_state(update=False)
            self.page.update()
        top = self.stack[-1] if self.stack else None
        if top is not None:
            top.on_shown()

    def _build_view(self, screen: Screen, index: int) -> ft.View:
        """A screen's view, once: the strip, app bar and navigation stay; the body is refilled."""
        signed_in = self.phone is not None and self.phone.user is not None
        strip = SyncStrip(lambda e: self._open_sync()) if signed_in else None
        body = ft.Container(expand=True)
        view = ft.View(
            route=f"/{index}",
            padding=0,
            spacing=0,
            bgcolor=ft.Colors.SURFACE,
            appbar=ft.AppBar(
                title=ft.Text(
                    "", weight=ft.FontWeight.W_600, no_wrap=True, overflow=ft.TextOverflow.ELLIPSIS
                ),
                bgcolor=PRIMARY_COLOR,
                color=ft.Colors.WHITE,
            ),
            controls=[*([strip.control] if strip else []), body],
        )
        lister = self._lister(index) if signed_in else None
        left = ft.Container(width=PANE_PX) if lister is not None else None
        if left is not None:  # the list at the left, this detail beside it
            view.controls = [*view.controls[:-1], side_by_side(left, body)]
        tab_screen = lister or screen
        home = index == 0 or lister is not None
        if home and signed_in and self.wide and tab_screen.tab is not None:
            view.controls = [
                side_by_side(
                    rail(self.tabs(), tab_screen.tab, self.lang, self.show_home),
                    ft.Column(expand=True, spacing=0, controls=view.controls),
                )
            ]
        elif index == 0 and signed_in:
            view.navigation_bar = nav_bar(self.tabs(), screen.tab, self.lang, self.show_home)
        gear = ft.IconButton(
            ft.Icons.SETTINGS_OUTLINED,
            icon_color=ft.Colors.WHITE,
            tooltip=t("tab_settings", self.lang),
            on_click=lambda e: self.open_settings(),
        )
        view.data = (strip, body, gear, ft.Container(width=4), left)
        self._fill_view(screen, view)
        return view

    def _fill_view(self, screen: Screen, view: ft.View) -> None:
        """Rebuild what a screen shows from its services, inside its existing view."""
        _strip, body, gear, edge, left = view.data
        screen.pane = False
        body.content = self._content(screen)
        lister = self._lister(self.stack.index(screen)) if screen in self.stack else None
        if left is not None and lister is not None:
            self._fill_pane(left, lister)
        appbar = view.appbar
        assert isinstance(appbar, ft.AppBar) and isinstance(appbar.title, ft.Text)
        appbar.title.value = screen.title()
        signed_in = self.phone is not None and self.phone.user is not None
        actions = [*screen.actions(), *([gear] if screen.tab is not None and signed_in else [])]
        appbar.actions = [*kept_list(appbar.actions or [], actions), edge]
        view.bottom_appbar = kept(view.bottom_appbar, screen.bottom())
        view.floating_action_button = kept(view.floating_action_button, screen.fab())
        screen.stale = False

    def _content(self, screen: Screen) -> ft.Control:
        """A screen's body, or what went wrong building it."""
        try:
            return screen.body()
        except FieldSalesError as exc:
            from fieldapp.ui.widgets import error_banner

            return ft.Container(padding=12, content=error_banner(error_text(exc, self.lang)))

    def _fill_pane(self, left: ft.Container, lister: Screen) -> None:
        """The list beside its detail, built narrow."""
        lister.pane = True  # until it is drawn in its own view again
        left.content = self._content(lister)

    def _on_resize(self, e: Any) -> None:
        """Between phone and desk sizes, the tabs move from the bottom bar to a side rail."""
        wide = (e.width or 0) >= WIDE_PX
        if wide != self.wide:
            self.wide = wide
            for s in self.stack:
                s.view = None
            self.render()

    # -- feedback -------------------------------------------------------------------------------

    def toast(self, text: str, *, error: bool = False) -> None:
        """A short message at the bottom of the screen."""
        self.page.show_dialog(
            ft.SnackBar(
                content=ft.Text(text, color=ft.Colors.ON_ERROR if error else None),
                bgcolor=ft.Colors.ERROR if error else None,
                duration=ft.Duration(milliseconds=5000 if error else 3000),
            )
        )

    def fail(self, exc: FieldSalesError) -> None:
        """Tell the user what went wrong, as a sentence."""
        self.toast(error_text(exc, self.lang), error=True)

    def confirm(
        self, title: str, text: str, ok: str, on_ok: Callable[[], Any], *, danger: bool = False
    ) -> None:
        """Ask before doing something (the OK button names the action)."""

        def close(e: Any) -> None:
            self.close_dialog(dialog)

        def accept(e: Any) -> None:
            self.close_dialog(dialog)

            async def after_close() -> None:
                # a view replaced while the dialog is still closing would leave it on screen
                await asyncio.sleep(DIALOG_CLOSE_S)
                on_ok()

            self.page.run_task(after_close)

        style = ft.ButtonStyle(bgcolor=ft.Colors.RED_700) if danger else None
        dialog = ft.AlertDialog(
            modal=True,
            title=ft.Text(title),
            content=ft.Text(text),
            actions=[
                ft.TextButton(content=t("cancel", self.lang), on_click=close),
                ft.FilledButton(content=ok, on_click=accept, style=style),
            ],
        )
        self.page.show_dialog(dialog)

    def close_dialog(self, dialog: ft.DialogControl) -> None:
        """Close this dialog (page.pop_dialog() would close the newest, maybe a toast)."""
        if dialog.open:
            dialog.open = False
            with self.ui_lock:
                dialog.update()

    def now(self) -> dt.datetime:
        """The phone's clock (UTC)."""
        return self.phone.now() if self.phone is not None else clock.system_now()

    # -- sync (see sync_runner) -------------------------------------------------------------------

    def saved(self) -> None:
        """Something was written locally: show the new pending count, sync soon."""
        self.syncer.saved()

    def request_sync(self) -> None:
        """Start a sync off the UI thread (or run another right after the current one)."""
        self.syncer.request()

    def _show_sync_state(self, update: bool = True) -> None:
        self.syncer.show_state(update)
