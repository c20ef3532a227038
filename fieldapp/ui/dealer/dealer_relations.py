"""The dealer's meetings, feedback and support on its account tab (账户): 座谈会 — the meetings its
company attended with their decisions, and 我的评价 (its own feedback), from the phone's store;
厂家支援 — the support its company received, online (public.support_list as the dealer: never the
internal score or evaluation note), "联网后显示" without a connection."""

from __future__ import annotations

import contextlib
from decimal import Decimal
from typing import Any

import flet as ft

from fieldapp.domain.meetings import KIND_NAMES
from fieldapp.errors import FieldSalesError
from fieldapp.services.meetings import AttendedMeeting
from fieldapp.services.support import kind_label, status_label
from fieldapp.ui.ledger.ledger_common import BAD, BEHIND, GOOD, money
from fieldapp.ui.online import fetch_off_ui, loading
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED, card, empty, heading, pill

MINUTES_SHORT = 2  # lines of the minutes shown before 展开纪要
MINUTES_FIT = 40  # characters that fit in those two lines on a phone: no 展开纪要 needed
SUPPORT_STATUS_COLORS = {"planned": BEHIND, "done": GOOD, "evaluated": GOOD, "cancelled": BAD}


def relations(screen: Screen, *, online: bool = True) -> list[ft.Control]:
    """The 座谈会 and 我的评价 cards from the store, then 厂家支援 (fetched when online)."""
    company = screen.phone.dealer.company_id()
    meetings = screen.phone.meetings
    items: list[ft.Control] = [heading(screen.t("dr_meetings"))]
    attended = meetings.attended(company)
    items += [_meeting(screen, m) for m in attended] or [empty(screen.t("dr_no_meetings"))]
    items.append(_feedback(screen, meetings.own_feedback(company)))
    items.append(heading(screen.t("dr_support")))
    items.append(SupportSection(screen).control if online else _offline(screen))
    return items


def _line(text: str, *, size: int = 14, color: str | None = None, **kw: Any) -> ft.Text:
    return ft.Text(text, size=size, color=color, **kw)


def _meeting(screen: Screen, a: AttendedMeeting) -> ft.Control:
    m = a.meeting
    names = KIND_NAMES.get(m.get("kind") or "")
    kind = (names[1] if screen.lang == "en" else names[0]) if names else m.get("kind") or ""
    lines: list[ft.Control] = [
        _line(
            screen.t("dr_meeting_line", kind=kind, day=m.get("held_on") or "—"),
            size=15,
            weight=ft.FontWeight.W_600,
        ),
    ]
    if m.get("place"):
        lines.append(_line(screen.t("dr_place", place=m["place"]), size=13, color=MUTED))
    lines.append(_line(screen.t("dr_agenda", agenda=m.get("agenda") or "")))
    if m.get("minutes"):
        lines.append(_minutes(screen, m["minutes"] or ""))
    if a.decisions:
        lines.append(_line(screen.t("dr_decisions", n=len(a.decisions)), size=13, color=MUTED))
    for d in a.decisions:
        done = d.get("status") == "done"
        lines.append(
            ft.Row(
                spacing=8,
                vertical_alignment=ft.CrossAxisAlignment.START,
                controls=[
                    ft.Column(
                        spacing=2,
                        expand=True,
                        controls=[
                            _line(d.get("body") or ""),
                            _line(
                                screen.t("dr_due", day=d.get("due_on") or "—"),
                                size=12,
                                color=MUTED,
                            ),
                        ],
                    ),
                    pill(screen.t("dr_done" if done else "dr_open"), GOOD if done else BEHIND),
                ],
            )
        )
    return card(*lines)


def _minutes(screen: Screen, minutes: str) -> ft.Control:
    """The minutes, two lines at first; 展开纪要 shows them whole (when they are longer)."""
    text = ft.Text(
        screen.t("dr_minutes", minutes=minutes),
        size=13,
        max_lines=MINUTES_SHORT,
        overflow=ft.TextOverflow.ELLIPSIS,
    )
    if len(minutes) <= MINUTES_FIT:
        return text
    toggle = ft.TextButton(content=screen.t("dr_minutes_more"), tooltip=screen.t("dr_minutes_tip"))

    def flip(e: Any) -> None:
        short = text.max_lines is None
        text.max_lines = MINUTES_SHORT if short else None
        toggle.content = screen.t("dr_minutes_more" if short else "dr_minutes_less")
        with screen.shell.ui_lock, contextlib.suppress(RuntimeError):
            text.update()
            toggle.update()

    toggle.on_click = flip
    return ft.Column(spacing=0, controls=[text, toggle])


def _feedback(screen: Screen, rows: list[Any]) -> ft.Control:
    lines: list[ft.Control] = []
    for f in rows:
        score = int(f.get("score") or 0)
        lines.append(
            ft.Row(
                spacing=8,
                vertical_alignment=ft.CrossAxisAlignment.START,
                controls=[
                    pill(
                        screen.t("dr_score", score=score),
                        GOOD if score >= 4 else BEHIND if score == 3 else BAD,
                        tooltip=screen.t("dr_score_tip", score=score),
                    ),
                    ft.Column(
                        spacing=2,
                        expand=True,
                        controls=[
                            _line(f.get("recorded_on") or "", size=12, color=MUTED),
                            *([_line(f["body"])] if f.get("body") else []),
                        ],
                    ),
                ],
            )
        )
    return card(*(lines or [_line(screen.t("dr_no_feedback"), color=MUTED)]),
                title=screen.t("dr_feedback"))  # fmt: skip


def _offline(screen: Screen) -> ft.Control:
    return card(
        ft.Row(
            spacing=8,
            controls=[
                ft.Icon(ft.Icons.CLOUD_OFF, size=18, color=MUTED),
                _line(screen.t("dr_support_offline"), color=MUTED),
            ],
        )
    )


def _support(screen: Screen, s: dict[str, Any]) -> ft.Control:
    status = s.get("status") or ""
    day = (
        screen.t("dr_done_on", day=s["done_on"])
        if s.get("done_on")
        else screen.t("dr_planned_on", day=s["planned_on"])
        if s.get("planned_on")
        else ""
    )
    cost = s.get("cost")
    lines: list[ft.Control] = [
        ft.Row(
            spacing=8,
            controls=[
                _line(
                    kind_label(s.get("kind") or "", screen.lang),
                    size=15,
                    weight=ft.FontWeight.W_600,
                    expand=True,
                ),
                pill(status_label(status, screen.lang), SUPPORT_STATUS_COLORS.get(status, MUTED)),
            ],
        ),
        _line(
            " · ".join(
                x
                for x in (
                    day,
                    screen.t("dr_cost", amount=money(Decimal(str(cost)))) if cost else "",
                )
                if x
            ),
            size=13,
            color=MUTED,
        ),
    ]
    if s.get("title"):
        lines.insert(1, _line(str(s["title"])))
    if s.get("materials"):
        lines.append(_line(screen.t("dr_materials", text=s["materials"]), size=13))
    if s.get("outcome"):
        lines.append(_line(screen.t("dr_outcome", text=s["outcome"]), size=13))
    return card(*lines)


class SupportSection:
    """厂家支援: a spinner, then the support received; "联网后显示" when the server fails."""

    def __init__(self, screen: Screen) -> None:
        self.screen = screen
        self.control = ft.Container(content=loading(screen, compact=True))
        fetch_off_ui(screen.phone.support.received, self._done)

    def _done(self, rows: list[dict[str, Any]] | None, error: FieldSalesError | None) -> None:
        s = self.screen
        if error is not None or rows is None:
            content = _offline(s)
        elif not rows:
            content = empty(s.t("dr_no_support"))
        else:
            content = ft.Column(spacing=0, controls=[_support(s, r) for r in rows])
        with s.shell.ui_lock:
            self.control.content = content
            with contextlib.suppress(RuntimeError):  # not on the page (yet, or any more)
                self.control.update()
