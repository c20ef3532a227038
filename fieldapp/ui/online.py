"""Online sections: what a screen asks the server for, fetched off the UI path with a deadline.

A section shows a spinner, then its content; when the server does not answer within
DEADLINE_S (or refuses), it shows "离线 — 显示本机已有的数据" with a Retry button, above what the
phone has itself. Nothing here blocks an event handler or a page update: the fetch runs on its
own thread, a timer gives up on it, and controls change under the shell's ui_lock. OnlineScreen
is a whole screen filled that way (the ledger and contract screens).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import flet as ft

from fieldapp.errors import FieldSalesError
from fieldapp.services.i18n import error_text
from fieldapp.services.phone import ONLINE_TIMEOUT_S
from fieldapp.sync.errors import ConnectionLost
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED

T = TypeVar("T")
log = logging.getLogger(__name__)
# the call itself gives up after ONLINE_TIMEOUT_S; a screen never waits longer than this
DEADLINE_S = ONLINE_TIMEOUT_S + 0.5


class TimedOut(ConnectionLost):
    """The server did not answer before the screen's deadline."""


def fetch_off_ui(
    fetch: Callable[[], T],
    done: Callable[[T | None, FieldSalesError | None], None],
    *,
    deadline: float = DEADLINE_S,
) -> None:
    """Run fetch() on its own thread; done(value, None) or done(None, error) comes once, from a
    worker thread, a TimedOut error when the deadline passes first. An answer that arrives after
    the deadline is still reported (done is called a second time) so late data replaces the
    offline state; a late error is dropped."""
    lock = threading.Lock()
    outcome: dict[str, bool] = {"settled": False, "timed_out": False}

    def report(value: T | None, error: FieldSalesError | None, *, timer: bool = False) -> None:
        with lock:
            if timer:
                if outcome["settled"]:
                    return
                outcome["timed_out"] = True
            elif outcome["settled"] or (outcome["timed_out"] and error is not None):
                return
            outcome["settled"] = not timer
        done(value, error)

    def work() -> None:
        try:
            value = fetch()
        except FieldSalesError as exc:
            report(None, exc)
        except Exception as exc:  # a bug must not leave the spinner turning forever
            log.exception("online fetch failed")
            report(None, FieldSalesError(str(exc), str(exc)))
        else:
            report(value, None)
        finally:
            timer.cancel()

    s = round(deadline)
    late = TimedOut(f"服务器在 {s} 秒内没有回应", f"the server did not answer in {s} s")
    timer = threading.Timer(deadline, lambda: report(None, late, timer=True))
    timer.daemon = True
    timer.start()
    threading.Thread(target=work, daemon=True, name="fieldsales-online").start()


def loading(screen: Screen, *, compact: bool = False) -> ft.Control:
    """A spinner with "loading from the server"."""
    ring = ft.ProgressRing(width=20, height=20, stroke_width=2) if compact else ft.ProgressRing()
    text = ft.Text(screen.t("online_loading"), color=MUTED, size=13 if compact else 14)
    if compact:
        return ft.Row(spacing=8, controls=[ring, text])
    return ft.Container(
        padding=40,
        alignment=ft.Alignment.TOP_CENTER,
        content=ft.Column(horizontal_alignment=ft.CrossAxisAlignment.CENTER, controls=[ring, text]),
    )


def offline_panel(
    screen: Screen, exc: FieldSalesError, retry: Callable[[], None], *, detail: str | None = None
) -> ft.Control:
    """ "Offline — showing what this phone has" (or the server's refusal) and a Retry button."""
    offline = isinstance(exc, ConnectionLost)
    title = screen.t("online_offline") if offline else error_text(exc, screen.lang)
    lines: list[ft.Control] = [
        ft.Text(title, color=ft.Colors.ON_ERROR_CONTAINER, size=14, weight=ft.FontWeight.W_600)
    ]
    if offline:
        lines.append(
            ft.Text(detail or screen.t("online_unreachable"), color=ft.Colors.ON_ERROR_CONTAINER)
        )
    return ft.Container(
        bgcolor=ft.Colors.ERROR_CONTAINER,
        border_radius=8,
        padding=ft.Padding.only(left=10, top=6, right=6, bottom=6),
        content=ft.Row(
            spacing=8,
            controls=[
                ft.Icon(
                    ft.Icons.CLOUD_OFF if offline else ft.Icons.ERROR_OUTLINE,
                    color=ft.Colors.ON_ERROR_CONTAINER,
                    size=20,
                ),
                ft.Column(spacing=2, expand=True, controls=lines),
                ft.FilledTonalButton(
                    content=screen.t("online_retry"),
                    icon=ft.Icons.REFRESH,
                    tooltip=screen.t("online_retry_tip"),
                    on_click=lambda e: retry(),
                ),
            ],
        ),
    )


class OnlineSection(Generic[T]):
    """A part of a screen filled from fetch() (which may call the server): a spinner (or the
    initial value), then render(value); offline, the offline panel above local() — what the phone
    has (built off the UI path too)."""

    def __init__(
        self,
        screen: Screen,
        fetch: Callable[[], T],
        render: Callable[[T], ft.Control],
        *,
        local: Callable[[], ft.Control | None] | None = None,
        initial: T | None = None,
        detail: str | None = None,
        compact: bool = False,
    ) -> None:
        self.screen = screen
        self.fetch, self.render, self.local = fetch, render, local
        self.detail, self.compact = detail, compact
        self.control = ft.Container(
            content=loading(screen, compact=compact) if initial is None else render(initial)
        )
        self._generation = 0
        self.load(show_spinner=False)

    def load(self, *, show_spinner: bool = True) -> None:
        """Fetch (again) and show the answer."""
        self._generation += 1
        generation = self._generation
        if show_spinner:
            self._show(loading(self.screen, compact=self.compact))
        fetch_off_ui(self.fetch, lambda value, error: self._done(generation, value, error))

    def _done(self, generation: int, value: Any, error: FieldSalesError | None) -> None:
        if generation != self._generation:
            return  # a newer fetch was started (Retry)
        if error is None:
            content = self.render(value)
        else:
            log.info("online section offline: %s", error.message_en)
            panel = offline_panel(self.screen, error, self.load, detail=self.detail)
            extra = self.local() if self.local is not None else None
            content = (
                panel
                if extra is None
                else ft.Column(
                    spacing=8,
                    horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
                    controls=[panel, extra],
                )
            )
        if generation == self._generation:
            self._show(content)

    def _show(self, content: ft.Control) -> None:
        with self.screen.shell.ui_lock:
            self.control.content = content
            with contextlib.suppress(RuntimeError):  # not on the page (yet, or any more)
                self.control.update()


class OnlineScreen(Screen):
    """A screen whose data comes from the server: load() runs off the UI path with a deadline
    (fieldapp.ui.online), the body shows a spinner meanwhile, the content when it came, or the
    offline panel with Retry when it failed."""

    offline_key = "lg_offline"  # what the offline panel says needs a connection
    reload_on_sync = False  # fetch again when a sync has run since the data came

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.data: Any = None
        self.error: FieldSalesError | None = None
        self._loading = False
        self._loaded_after: str | None = None  # the last sync before the data was fetched

    def _last_sync(self) -> str | None:
        return self.phone.store.sync_state().last_sync_at if self.reload_on_sync else None

    def load(self) -> Any:
        """Fetch what the screen shows (blocking; called off the UI thread)."""
        raise NotImplementedError

    def content(self, data: Any) -> ft.Control:
        """The screen's content for the loaded data."""
        raise NotImplementedError

    def body(self) -> ft.Control:
        """Spinner, offline panel or content."""
        if (
            self.reload_on_sync
            and self.data is not None
            and self._last_sync() != self._loaded_after
        ):
            self.data = None  # a sync brought news: fetch again
        if self.error is not None:
            panel = offline_panel(self, self.error, self.reload, detail=self.t(self.offline_key))
            return ft.ListView(padding=ft.Padding.all(16), controls=[panel])
        if self.data is None:
            self._start()
            return loading(self)
        return self.content(self.data)

    def reload(self) -> None:
        """Fetch again and show the result."""
        self.data, self.error = None, None
        self.refresh()

    def _start(self) -> None:
        if self._loading:
            return
        self._loading = True
        self._loaded_after = self._last_sync()

        def done(data: Any, error: FieldSalesError | None) -> None:
            self.data, self.error, self._loading = data, error, False
            self.refresh()

        fetch_off_ui(self.load, done)

    def run(self, work: Any, done: Any) -> None:
        """Do a server call off the UI thread; done(result) afterwards, errors as a toast."""

        def job() -> None:
            try:
                result = work()
            except FieldSalesError as exc:
                with self.shell.ui_lock:
                    self.shell.fail(exc)
                return
            done(result)

        self.shell.page.run_thread(job)
