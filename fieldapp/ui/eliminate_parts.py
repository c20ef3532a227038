"""Eliminate (淘汰) and conduct flags (窜货, 砸价) on the customer card and the 工作台 desk:
申请淘汰 (area managers; an open request shows instead, with 撤回 for its requester), 记录窜货/砸价
(reps and area managers: kind chips, day, note, photos), and the desk's open requests, which a
manager confirms or refuses with a note. Every call is online (fieldapp.services.eliminations)
and runs off the UI path (run_step); a wrong field keeps its dialog open with the reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.services.eliminations import FLAG_KINDS, PHOTO_KINDS
from fieldapp.ui.online import OnlineSection
from fieldapp.ui.order_parts import run_step
from fieldapp.ui.widgets import MUTED, FormState, card, row_button
from fieldapp.ui.widgets.form_dialog import form_dialog, toggle_chips

FLAGGERS = ("rep", "area_manager")


def _role(screen: Any) -> str | None:
    user = screen.phone.user
    return user.role if user is not None else None


# -- the customer card ---------------------------------------------------------------------------


def customer_actions(screen: Any, customer: dict[str, Any]) -> ft.Control | None:
    """淘汰与违规 on the card: 申请淘汰 (area managers, online) and 记录窜货/砸价 (reps and area
    managers); None for everyone else."""
    role = _role(screen)
    if role not in FLAGGERS:
        return None
    cid, name = str(customer["id"]), customer.get("name") or ""
    items: list[ft.Control] = []
    if role == "area_manager" and customer.get("status") != "eliminated":
        holder: dict[str, OnlineSection[Any]] = {}
        section: OnlineSection[Any] = OnlineSection(
            screen,
            lambda: screen.phone.eliminations.requests(cid),
            lambda rows: _request_state(screen, cid, name, rows, lambda: holder["s"].load()),
            compact=True,
        )
        holder["s"] = section
        items.append(section.control)
    items.append(
        row_button(
            screen.t("el_flag"),
            lambda e: flag_dialog(screen, cid),
            icon=ft.Icons.REPORT_OUTLINED,
            tooltip=screen.t("el_flag"),
        )
    )
    return card(*items, title=screen.t("el_card"))


def _request_state(
    screen: Any, cid: str, name: str, rows: list[dict[str, Any]], again: Callable[[], None]
) -> ft.Control:
    """The open request (with 撤回 for its requester), or the 申请淘汰 button."""
    if not rows:
        return row_button(
            screen.t("el_request"),
            lambda e: request_dialog(screen, cid, name, again),
            icon=ft.Icons.PERSON_REMOVE_OUTLINED,
            tooltip=screen.t("el_request"),
        )
    r = rows[0]
    lines: list[ft.Control] = [
        ft.Text(
            screen.t(
                "el_pending",
                who=r.get("requested_by_name") or "—",
                day=fmt.day(r.get("requested_at")),
            ),
            size=14,
            weight=ft.FontWeight.W_600,
            color=ft.Colors.ORANGE_800,
        ),
        ft.Text(r.get("reason") or "", size=14),
    ]
    user = screen.phone.user
    if user is not None and str(r.get("requested_by")) == str(user.user_id):
        lines.append(
            row_button(
                screen.t("el_withdraw"),
                lambda e: _withdraw(screen, str(r["id"]), again),
                icon=ft.Icons.UNDO,
                tooltip=screen.t("el_withdraw"),
            )
        )
    return ft.Column(spacing=6, controls=lines)


def request_dialog(screen: Any, cid: str, name: str, again: Callable[[], None]) -> None:
    """申请淘汰: the reason (required)."""
    form = FormState()
    fields: list[ft.Control] = [
        ft.Text(name, size=15, weight=ft.FontWeight.W_600),
        form.field("reason", screen.t("el_reason"), multiline=True, min_lines=3, max_length=4000),
    ]

    def submit(form: FormState, close: Callable[[], None], failed: Any) -> None:
        def done(_: Any) -> None:
            close()
            screen.shell.toast(screen.t("el_requested"))
            again()

        reason = form.get("reason")
        run_step(screen, lambda: screen.phone.eliminations.request(cid, reason), done, failed)

    form_dialog(screen, screen.t("el_request"), fields, form, submit)


def _withdraw(screen: Any, elimination_id: str, again: Callable[[], None]) -> None:
    def done(_: Any) -> None:
        screen.shell.toast(screen.t("el_withdrawn"))
        again()

    run_step(
        screen, lambda: screen.phone.eliminations.withdraw(elimination_id), done, lambda s, f: None
    )


def flag_dialog(screen: Any, cid: str) -> None:
    """记录窜货/砸价: kind chips, the day (today by default), a note, photos the server has."""
    lang = screen.lang
    form = FormState()
    form.values["day"] = screen.phone.eliminations.today().isoformat()
    kind: set[str] = set()
    picked: set[str] = set()
    photos = screen.phone.eliminations.flag_photos(cid)[:12]
    photo_options = []
    for p in photos:
        what = PHOTO_KINDS.get(str(p.get("kind")))
        label = screen.t(
            "el_photo", day=fmt.day(p.get("taken_at")), kind=what(lang) if what else ""
        )
        photo_options.append((str(p["id"]), label))
    fields: list[ft.Control] = [
        ft.Text(screen.t("el_flag_kind"), size=13, color=MUTED),
        toggle_chips([(k, m(lang)) for k, m in FLAG_KINDS.items()], kind, one=True),
        form.field("day", screen.t("el_flag_day")),
        form.field("note", screen.t("el_flag_note"), multiline=True, min_lines=2, max_length=4000),
        ft.Text(screen.t("el_flag_photos"), size=13, color=MUTED),
        toggle_chips(photo_options, picked, one=False)
        if photo_options
        else ft.Text(screen.t("el_flag_no_photos"), size=13, color=MUTED),
    ]

    def submit(form: FormState, close: Callable[[], None], failed: Any) -> None:
        chosen = next(iter(kind), None)

        def done(_: Any) -> None:
            close()
            word = FLAG_KINDS[str(chosen)](lang)
            screen.shell.toast(screen.t("el_flagged", kind=word))

        values = (chosen, form.get("day").strip(), form.get("note"), sorted(picked))
        run_step(screen, lambda: screen.phone.eliminations.flag(cid, *values), done, failed)

    form_dialog(screen, screen.t("el_flag"), fields, form, submit)


# -- the desk ------------------------------------------------------------------------------------


def desk_requests(screen: Any) -> ft.Control | None:
    """淘汰申请 on the 工作台 desk (managers: confirm or refuse; area managers: their areas' open
    requests); None for everyone else. Online, a section of its own."""
    if _role(screen) not in ("area_manager", "manager"):
        return None
    holder: dict[str, OnlineSection[Any]] = {}
    section: OnlineSection[Any] = OnlineSection(
        screen,
        lambda: screen.phone.eliminations.requests(),
        lambda rows: _desk_rows(screen, rows, lambda: holder["s"].load()),
        compact=True,
    )
    holder["s"] = section
    return section.control


def _desk_rows(screen: Any, rows: list[dict[str, Any]], again: Callable[[], None]) -> ft.Control:
    if not rows:
        return ft.Container()  # nothing waiting: the desk shows only its warnings
    manager = _role(screen) == "manager"
    items: list[ft.Control] = []
    for r in rows:
        name = r.get("customer_name") or ""
        line = screen.t(
            "el_desk_line",
            area=r.get("area_name") or "—",
            who=r.get("requested_by_name") or "—",
            day=fmt.day(r.get("requested_at")),
        )
        body: list[ft.Control] = [
            ft.Container(
                on_click=lambda e, cid=str(r["customer_id"]): screen.shell.open(
                    "customer_card", customer_id=cid
                ),
                tooltip=screen.t("el_open_card", name=name),
                content=ft.Text(
                    f"{name} · {r.get('customer_code') or ''}", size=15, weight=ft.FontWeight.W_600
                ),
            ),
            ft.Text(r.get("reason") or "", size=14),
            ft.Text(line, size=12, color=MUTED),
        ]
        if manager:
            body.append(
                ft.Row(
                    spacing=8,
                    controls=[
                        row_button(
                            screen.t(step),
                            lambda e, row=r, s=step: decide_dialog(screen, row, s, again),
                            icon=icon,
                            tooltip=f"{screen.t(step)}：{name}",
                        )
                        for step, icon in (
                            ("el_confirm", ft.Icons.PERSON_REMOVE),
                            ("el_refuse", ft.Icons.UNDO),
                        )
                    ],
                )
            )
        items.append(ft.Column(spacing=4, controls=body))
    return card(*items, title=screen.t("el_desk", n=len(rows)))


def decide_dialog(screen: Any, row: dict[str, Any], step: str, again: Callable[[], None]) -> None:
    """确认淘汰 or 驳回, with a note (required to refuse)."""
    approved = step == "el_confirm"
    name = row.get("customer_name") or ""
    form = FormState()
    fields: list[ft.Control] = [
        ft.Text(name, size=15, weight=ft.FontWeight.W_600),
        ft.Text(row.get("reason") or "", size=14),
        form.field(
            "note", screen.t("el_decide_note"), multiline=True, min_lines=2, max_length=4000
        ),
    ]

    def submit(form: FormState, close: Callable[[], None], failed: Any) -> None:
        def done(_: Any) -> None:
            close()
            screen.shell.toast(screen.t("el_confirmed" if approved else "el_refused", name=name))
            again()

        note, eid = form.get("note"), str(row["id"])
        run_step(
            screen, lambda: screen.phone.eliminations.decide(eid, approved, note), done, failed
        )

    form_dialog(screen, screen.t(step), fields, form, submit)
