"""Bottom sheets of the map: the tapped customer's card, outlets near me, filters, the legend."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from fieldapp.domain import legend
from fieldapp.services import formatting as fmt
from fieldapp.services.mapview import MapFilter, MapService, Nearby, Point, Summary
from fieldapp.services.warnings import KINDS
from fieldapp.sync.errors import ConnectionLost
from fieldapp.ui.map.map_marks import grade_text, legend_sheet, severity_text, tier_text
from fieldapp.ui.online import OnlineSection, offline_panel
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED, chips, grade_pill, pill, severity_color


class MapScreenBase(Screen):
    """The map screen as its sheets use it (map.MapScreen): its filter, service and actions."""

    flt: MapFilter
    rep_choices: list[tuple[str, str]] | None  # reps with names, once fetched

    @property
    def svc(self) -> MapService:
        """The map service of the signed-in user."""
        return self.phone.map

    def open_card(self, customer_id: str) -> None:
        """The full customer card."""
        raise NotImplementedError

    def start_visit(self, customer_id: str) -> None:
        """Start a visit at this outlet."""
        raise NotImplementedError

    def focus_point(self, p: Point) -> None:
        """Centre the map on a point."""
        raise NotImplementedError

    def set_filter(self, flt: MapFilter) -> None:
        """Show only what the filter lets through."""
        raise NotImplementedError


def _sheet(content: ft.Control) -> ft.BottomSheet:
    return ft.BottomSheet(
        show_drag_handle=True,
        content=ft.Container(
            width=640,  # as wide as the sheet may be (Material's limit); narrower screens clamp it
            padding=ft.Padding.only(left=16, right=16, bottom=20),
            content=content,
        ),
    )


def show_card(screen: MapScreenBase, s: Summary) -> ft.BottomSheet:
    """The tapped customer: name, grade, tier, warnings in a sentence, distance; open / visit."""
    lang = screen.lang
    p = s.point
    badges: list[ft.Control] = [pill(tier_text(p.tier, lang), ft.Colors.PRIMARY)]
    g = grade_pill(p.grade, lang)
    badges.append(g if g is not None else pill(grade_text(None, lang), MUTED))
    if p.severity != "none":  # the ring's colour; dark text on the light yellow and orange
        badges.append(
            ft.Container(
                padding=ft.Padding.symmetric(horizontal=8, vertical=2),
                border_radius=12,
                bgcolor=severity_color(p.severity),
                content=ft.Text(
                    screen.t("map_alert_pill", sev=severity_text(p.severity, lang)),
                    size=12,
                    color=ft.Colors.WHITE if p.severity == "high" else ft.Colors.BLACK,
                ),
            )
        )
    lines: list[ft.Control] = [
        ft.Text(
            p.name,
            size=18,
            weight=ft.FontWeight.W_600,
            max_lines=2,
            overflow=ft.TextOverflow.ELLIPSIS,
        ),
        ft.Row(wrap=True, spacing=6, run_spacing=6, controls=badges),
    ]
    if s.distance_m is not None:
        lines.append(
            ft.Text(screen.t("map_distance", d=fmt.distance(s.distance_m, lang)), color=MUTED)
        )
    if s.customer.get("address"):
        lines.append(
            ft.Text(
                s.customer["address"],
                size=13,
                color=MUTED,
                max_lines=2,
                overflow=ft.TextOverflow.ELLIPSIS,
            )
        )
    if not s.warnings:
        lines.append(ft.Text(screen.t("map_no_warning"), size=14, color=MUTED))
    for w, sentence in s.warnings[:2]:
        lines.append(
            ft.Row(
                vertical_alignment=ft.CrossAxisAlignment.START,
                controls=[
                    ft.Icon(
                        ft.Icons.WARNING_AMBER, size=18, color=severity_color(w.get("severity"))
                    ),
                    ft.Text(sentence(lang), size=14, expand=True),
                ],
            )
        )
    if len(s.warnings) > 2:
        lines.append(ft.Text(screen.t("map_more_warnings", n=len(s.warnings) - 2), color=MUTED))
    sheet: ft.BottomSheet

    def then(action: Callable[[], None]) -> Callable[[Any], None]:
        def go(e: Any) -> None:
            screen.shell.close_dialog(sheet)
            action()

        return go

    buttons: list[ft.Control] = [
        ft.FilledButton(
            content=screen.t("map_open"),
            icon=ft.Icons.STOREFRONT,
            tooltip=screen.t("map_open_tip"),
            on_click=then(lambda: screen.open_card(p.id)),
        )
    ]
    if screen.phone.user is not None and screen.phone.user.role == "rep":
        buttons.append(
            ft.OutlinedButton(
                content=screen.t("map_start_visit"),
                icon=ft.Icons.PLAY_ARROW,
                tooltip=screen.t("map_start_visit_tip"),
                on_click=then(lambda: screen.start_visit(p.id)),
            )
        )
    lines.append(ft.Row(wrap=True, spacing=8, controls=buttons))
    sheet = _sheet(ft.Column(tight=True, spacing=8, controls=lines))
    screen.shell.page.show_dialog(sheet)
    return sheet


def show_near(screen: MapScreenBase, found: list[Nearby]) -> ft.BottomSheet:
    """The nearest outlets with their distances; tapping one shows it on the map."""
    lang = screen.lang
    sheet: ft.BottomSheet

    def pick(n: Nearby) -> Callable[[Any], None]:
        def go(e: Any) -> None:
            screen.shell.close_dialog(sheet)
            screen.focus_point(n.point)

        return go

    rows: list[ft.Control] = [
        ft.ListTile(
            dense=True,
            leading=ft.Container(
                width=14,
                height=14,
                shape=ft.BoxShape.CIRCLE,
                bgcolor=legend.grade_swatch(n.point.grade).color,
                border=ft.Border.all(
                    legend.RINGS[n.point.severity].width, legend.RINGS[n.point.severity].color
                ),
            ),
            title=ft.Text(n.point.name, max_lines=1, overflow=ft.TextOverflow.ELLIPSIS),
            subtitle=ft.Text(
                f"{grade_text(n.point.grade, lang)} · {tier_text(n.point.tier, lang)}"
            ),
            trailing=ft.Text(fmt.distance(n.distance_m, lang), weight=ft.FontWeight.W_600),
            on_click=pick(n),
        )
        for n in found
    ]
    if not rows:
        rows.append(ft.Text(screen.t("map_near_none"), color=MUTED))
    sheet = _sheet(
        ft.Column(
            tight=True,
            spacing=0,
            scroll=ft.ScrollMode.AUTO,
            controls=[
                ft.Text(screen.t("map_near_title"), size=16, weight=ft.FontWeight.W_600),
                *rows,
            ],
        )
    )
    screen.shell.page.show_dialog(sheet)
    return sheet


def filter_content(screen: MapScreenBase, on_change: Callable[[MapFilter], None]) -> ft.Control:
    """Chips for tier, quadrant, warning kind and (managers) rep; grade is on the map itself."""
    lang = screen.lang
    flt = screen.flt
    en = lang == "en"

    def setter(field: str, cast: Callable[[str], Any] = str) -> Callable[[str | None], None]:
        def pick(value: str | None) -> None:
            on_change(MapFilter(**{**flt.__dict__, field: None if value is None else cast(value)}))

        return pick

    parts: list[ft.Control] = [
        ft.Text(
            screen.t("map_matching", n=screen.svc.index(flt)[1]),
            size=15,
            weight=ft.FontWeight.W_600,
            color=ft.Colors.PRIMARY,
        ),
        ft.Text(screen.t("map_filter_tier"), weight=ft.FontWeight.W_600),
        chips(
            [(str(k), s.label_en if en else s.label_zh) for k, s in legend.TIERS.items()],
            None if flt.tier is None else str(flt.tier),
            setter("tier", int),
        ),
        ft.Text(screen.t("map_filter_quadrant"), weight=ft.FontWeight.W_600),
        chips(
            [(k, v[1] if en else v[0]) for k, v in legend.QUADRANTS.items()],
            flt.quadrant,
            setter("quadrant"),
        ),
        ft.Text(screen.t("map_filter_kind"), weight=ft.FontWeight.W_600),
        chips([(k, m(lang)) for k, m in KINDS.items()], flt.kind, setter("kind")),
    ]
    if screen.svc.can_filter_reps():
        parts += [
            ft.Text(screen.t("map_filter_rep"), weight=ft.FontWeight.W_600),
            rep_chips(screen, setter("rep")),
        ]
    parts.append(
        ft.TextButton(
            content=screen.t("map_filter_clear"),
            icon=ft.Icons.FILTER_ALT_OFF,
            on_click=lambda e: on_change(MapFilter(grade=flt.grade)),
        )
    )
    return ft.Column(tight=True, spacing=8, scroll=ft.ScrollMode.AUTO, controls=parts)


def rep_chips(screen: MapScreenBase, pick: Callable[[str | None], None]) -> ft.Control:
    """The reps as chips; their names come from the server, so they load off the UI path
    (offline the reps are numbered, with Retry)."""
    svc, selected = screen.svc, screen.flt.rep

    def render(reps: list[tuple[str, str]]) -> ft.Control:
        row = chips(reps, selected, pick)
        if not reps or not all(name.startswith("#") for _, name in reps):
            screen.rep_choices = reps  # the sheet is rebuilt on every choice: no spinner then
            return row
        note = offline_panel(screen, ConnectionLost("", ""), section.load)
        return ft.Column(spacing=6, controls=[note, row])

    section = OnlineSection(screen, svc.reps, render, initial=screen.rep_choices, compact=True)
    return section.control


def show_filters(screen: MapScreenBase) -> ft.BottomSheet:
    """The filter sheet; it stays open and follows each choice."""
    holder = ft.Container()
    sheet = _sheet(holder)

    def changed(flt: MapFilter) -> None:
        screen.set_filter(flt)
        holder.content = filter_content(screen, changed)
        holder.update()

    holder.content = filter_content(screen, changed)
    screen.shell.page.show_dialog(sheet)
    return sheet


def show_legend(screen: MapScreenBase) -> ft.BottomSheet:
    """The legend in a sheet."""
    sheet = _sheet(
        ft.Column(tight=True, scroll=ft.ScrollMode.AUTO, controls=[legend_sheet(screen.lang)])
    )
    screen.shell.page.show_dialog(sheet)
    return sheet
