"""The meeting form's attendees: the dealers as chips (many may be chosen) and, under them, a
satisfaction score (1–5) per chosen dealer — its feedback at the meeting (客户意见). Both change
in place (the form is long: a rebuild would scroll it back to the top)."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from fieldapp.domain.meetings import SCORES
from fieldapp.ui.widgets import MUTED


def _chip(
    text: str,
    value: str,
    selected: bool,
    on_pick: Callable[[str], None],
    tooltip: str | None = None,
) -> ft.Chip:
    return ft.Chip(
        label=text,
        tooltip=tooltip,
        data=value,
        selected=selected,
        show_checkmark=False,
        selected_color=ft.Colors.PRIMARY_CONTAINER,
        on_select=lambda e: on_pick(value),
    )


def attendees(
    t: Callable[..., str],
    options: list[tuple[str, str]],
    chosen: set[str],
    scores: dict[str, int],
) -> list[ft.Control]:
    """The dealer chips, then a box with a score row per chosen dealer."""
    names = dict(options)
    box = ft.Column(spacing=4)

    def score_rows() -> list[ft.Control]:
        picked = [cid for cid, _ in options if cid in chosen]
        if not picked:
            return []
        rows: list[ft.Control] = [ft.Text(t("mt_scores"), size=13, color=MUTED)]
        for cid in picked:
            rows.append(_score_row(t, names[cid], cid, scores))
        return rows

    row = ft.Row(wrap=True, spacing=6, run_spacing=6)

    def pick(cid: str) -> None:
        if cid in chosen:
            chosen.discard(cid)
            scores.pop(cid, None)
        else:
            chosen.add(cid)
        for chip in row.controls:
            chip.selected = chip.data in chosen
        box.controls = score_rows()
        row.update()
        box.update()

    row.controls = [_chip(name, cid, cid in chosen, pick) for cid, name in options]
    box.controls = score_rows()
    return [row, box]


def _score_row(t: Callable[..., str], name: str, cid: str, scores: dict[str, int]) -> ft.Control:
    line = ft.Row(wrap=True, spacing=4, run_spacing=4)

    def pick(value: str) -> None:
        n = int(value)
        if scores.get(cid) == n:
            scores.pop(cid)
        else:
            scores[cid] = n
        for chip in line.controls:
            chip.selected = chip.data == str(scores.get(cid))
        line.update()

    line.controls = [
        _chip(
            t("fb_score_n", n=n),
            str(n),
            scores.get(cid) == n,
            pick,
            tooltip=t("mt_score_tip", name=name, n=n),
        )
        for n in SCORES
    ]
    return ft.Column(spacing=2, controls=[ft.Text(name, size=13), line])
