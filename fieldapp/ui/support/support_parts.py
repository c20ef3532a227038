"""The support desk's dialogs (online): plan an activity, mark one done, evaluate, cancel; and
the summary's and list's rows as cards on a phone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.services.support import KINDS, kind_label, status_label
from fieldapp.ui.order_parts import run_step
from fieldapp.ui.widgets import MUTED, FormState, card, pill
from fieldapp.ui.widgets.form_dialog import form_dialog, toggle_chips


def over_budget(row: dict[str, Any]) -> bool:
    """Whether an area's expenses in the period exceed its budgets overlapping it."""
    budget = float(row.get("budget") or 0)
    return budget > 0 and float(row.get("expenses") or 0) > budget


def summary_cards(screen: Any, rows: list[dict[str, Any]]) -> list[ft.Control]:
    """One card per area (phone): planned vs done, support cost, expenses vs budget."""
    out: list[ft.Control] = []
    for r in rows:
        if r.get("level") != "area":
            continue
        facts = [
            f"{screen.t('sup_col_planned')} {r.get('planned', 0)}",
            f"{screen.t('sup_col_done')} {r.get('done', 0)}",
            f"{screen.t('sup_col_cost')} {fmt.money(r.get('cost') or 0)}",
        ]
        money = (
            f"{screen.t('sup_col_expenses')} {fmt.money(r.get('expenses') or 0)}"
            f" / {screen.t('sup_col_budget')} {fmt.money(r.get('budget') or 0)}"
        )
        head: list[ft.Control] = [
            ft.Text(r.get("area_name") or "—", size=15, weight=ft.FontWeight.W_600, expand=True)
        ]
        if over_budget(r):
            head.append(pill(screen.t("sup_over_budget"), ft.Colors.RED_700))
        out.append(
            card(
                ft.Row(controls=head),
                ft.Text(" · ".join(facts), size=13),
                ft.Text(money, size=13, color=ft.Colors.RED_700 if over_budget(r) else MUTED),
            )
        )
    return out


def activity_cards(
    screen: Any, rows: list[dict[str, Any]], on_open: Callable[[dict[str, Any]], None]
) -> list[ft.Control]:
    """One tappable card per activity (phone)."""
    lang = screen.lang
    out: list[ft.Control] = []
    for r in rows[:100]:
        status = str(r.get("status"))
        name = f"{r.get('customer_name')} · {kind_label(str(r.get('kind')), lang)}"
        line = " · ".join(
            x
            for x in (
                fmt.day(r.get("done_on") or r.get("planned_on")),
                str(r.get("owner_name") or ""),
                fmt.money(r.get("cost") or 0) if r.get("cost") else "",
            )
            if x
        )
        out.append(
            ft.Container(
                on_click=lambda e, row=r: on_open(row),
                tooltip=name,
                content=card(
                    ft.Row(
                        controls=[
                            ft.Text(
                                name,
                                size=14,
                                weight=ft.FontWeight.W_600,
                                expand=True,
                            ),
                            pill(status_label(status, lang), MUTED),
                        ]
                    ),
                    ft.Text(line, size=13, color=MUTED),
                ),
            )
        )
    return out


def plan_dialog(screen: Any, again: Callable[[], None]) -> None:
    """计划支援: customer code, kind, title (optional), day."""
    lang = screen.lang
    form = FormState()
    form.values["day"] = screen.phone.support.today().isoformat()
    kind: set[str] = set()
    fields: list[ft.Control] = [
        form.field("customer", screen.t("sup_plan_customer")),
        toggle_chips([(k, m(lang)) for k, m in KINDS.items()], kind, one=True),
        form.field("title", screen.t("sup_plan_title")),
        form.field("day", screen.t("sup_plan_day")),
    ]

    def submit(form: FormState, close: Callable[[], None], failed: Any) -> None:
        found = screen.phone.support.find_customer(form.get("customer"))

        def done(_: Any) -> None:
            close()
            screen.shell.toast(screen.t("sup_planned"))
            again()

        chosen = next(iter(kind), None)
        cid = found["id"] if found else None
        values = (cid, chosen, form.get("title"), form.get("day").strip())
        run_step(screen, lambda: screen.phone.support.plan(*values), done, failed)

    form_dialog(screen, screen.t("sup_plan"), fields, form, submit)


def action_dialog(screen: Any, row: dict[str, Any], again: Callable[[], None]) -> None:
    """One activity: mark done (cost, materials, outcome), evaluate (score, note), or cancel —
    what its status allows and the caller may do."""
    form = FormState()
    status = str(row.get("status"))
    role = screen.phone.user.role if screen.phone.user else None
    sid = str(row["id"])
    head = ft.Text(
        f"{row.get('customer_name')} · {kind_label(str(row.get('kind')), screen.lang)}"
        f" · {status_label(status, screen.lang)}",
        size=14,
    )
    if status == "planned":
        form.values["cost"] = "0"
        fields = [
            head,
            form.field("cost", screen.t("sup_cost"), keyboard_type=ft.KeyboardType.NUMBER),
            form.field("materials", screen.t("sup_materials"), multiline=True, max_length=4000),
            form.field("outcome", screen.t("sup_outcome"), multiline=True, max_length=4000),
        ]

        def complete(form: FormState, close: Callable[[], None], failed: Any) -> None:
            values = (form.get("cost"), form.get("materials"), form.get("outcome"))
            run_step(
                screen,
                lambda: screen.phone.support.complete(sid, *values),
                _closing(screen, close, "sup_done", again),
                failed,
            )

        form_dialog(screen, screen.t("sup_mark_done"), fields, form, complete)
        return
    if status in ("done", "evaluated") and role in ("area_manager", "manager"):
        form.values["score"] = str(row.get("score") or "")
        fields = [
            head,
            form.field("score", screen.t("sup_score"), keyboard_type=ft.KeyboardType.NUMBER),
            form.field("note", screen.t("sup_note"), multiline=True, max_length=4000),
        ]

        def evaluate(form: FormState, close: Callable[[], None], failed: Any) -> None:
            values = (form.get("score").strip(), form.get("note"))
            run_step(
                screen,
                lambda: screen.phone.support.evaluate(sid, *values),
                _closing(screen, close, "sup_evaluated", again),
                failed,
            )

        form_dialog(screen, screen.t("sup_evaluate"), fields, form, evaluate)


def cancel_step(screen: Any, row: dict[str, Any], again: Callable[[], None]) -> None:
    """取消 a planned or done activity."""

    def done(_: Any) -> None:
        screen.shell.toast(screen.t("sup_cancelled"))
        again()

    sid = str(row["id"])
    run_step(screen, lambda: screen.phone.support.cancel(sid), done, lambda s, f: None)


def _closing(
    screen: Any, close: Callable[[], None], said: str, again: Callable[[], None]
) -> Callable[[Any], None]:
    def done(_: Any) -> None:
        close()
        screen.shell.toast(screen.t(said))
        again()

    return done
