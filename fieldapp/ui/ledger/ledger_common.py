"""What the online ledger and contract screens share: loading off the UI path with a deadline,
the offline panel with a retry button (fieldapp.ui.online), figures and progress bars."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import flet as ft

from fieldapp.errors import FieldSalesError
from fieldapp.services import formatting as fmt
from fieldapp.services.ledger import progress_fraction
from fieldapp.ui.online import fetch_off_ui, loading, offline_panel
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED, STATUS_COLORS

GOOD, BEHIND, BAD = STATUS_COLORS["done"], STATUS_COLORS["in_progress"], STATUS_COLORS["missed"]


class OnlineScreen(Screen):
    """A screen whose data comes from the server: load() runs off the UI path with a deadline
    (fieldapp.ui.online), the body shows a spinner meanwhile, the content when it came, or the
    offline panel with Retry when it failed."""

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.data: Any = None
        self.error: FieldSalesError | None = None
        self._loading = False

    def load(self) -> Any:
        """Fetch what the screen shows (blocking; called off the UI thread)."""
        raise NotImplementedError

    def content(self, data: Any) -> ft.Control:
        """The screen's content for the loaded data."""
        raise NotImplementedError

    def body(self) -> ft.Control:
        """Spinner, offline panel or content."""
        if self.error is not None:
            panel = offline_panel(self, self.error, self.reload, detail=self.t("lg_offline"))
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


def money(value: Decimal | None) -> str:
    """An amount, or a dash."""
    return "—" if value is None else fmt.money(value)


def pct(value: Decimal | None) -> str:
    """A percentage with one decimal, or a dash."""
    return "—" if value is None else f"{value:.1f}%"


def progress_color(value: Decimal | None) -> str:
    """Green from 100 %, amber from 80 %, red below."""
    if value is None:
        return MUTED
    return GOOD if value >= 100 else BEHIND if value >= 80 else BAD


def progress_bar(
    actual: Decimal | None, plan: Decimal | None, label: str, *, color: str | None = None
) -> ft.Control:
    """A thin bar of actual against plan (full at 100 %), coloured by progress unless given."""
    frac = progress_fraction(actual, plan)
    pc = None if frac is None or not plan else 100 * (actual or 0) / plan
    return ft.ProgressBar(
        value=frac or 0,
        color=color or progress_color(pc),
        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
        bar_height=8,
        border_radius=4,
        semantics_label=label,
    )


def figure(label: str, value: str, *, color: str | None = None, size: int = 15) -> ft.Control:
    """A small caption above a number."""
    return ft.Column(
        spacing=0,
        controls=[
            ft.Text(label, size=12, color=MUTED),
            ft.Text(value, size=size, weight=ft.FontWeight.W_600, color=color),
        ],
    )


def figures(*items: ft.Control) -> ft.Control:
    """Figures side by side, wrapping on a narrow phone."""
    return ft.ResponsiveRow(run_spacing=6, controls=[ft.Container(col=4, content=i) for i in items])
