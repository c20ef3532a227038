"""陈列模板: managers edit the display check templates reps answer at visits (工作台 → 陈列模板,
on top of the desk). The templates (name, tier, grade, active, items) in a list; a template's
form and its items (label, kind, options, required), added, edited, moved up or down and removed
(the server keeps a removed item, deleted). On a phone the list, then the chosen template; at a
desk (1000 px and wider) the list beside the editor. Online: the server's display_template_* and
display_item_* functions (fieldapp/services/display_templates.py); a bad field is named under
the field in both languages and nothing is sent."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.services.display_templates import KIND_ORDER, split_options
from fieldapp.services.i18n import FieldErrors, Msg
from fieldapp.ui.desk_parts import refresh_action
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.widgets import MUTED, FormState, chips, pill, row_button

NEW = "new"  # the selected "template" while a new one is being entered


def both(m: Msg) -> str:
    """A message in both languages, for a field."""
    return f"{m.zh} / {m.en}"


class DisplayTemplatesScreen(OnlineScreen):
    """The templates and the chosen one's editor."""

    offline_key = "tp_offline"

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.selected: str | None = None  # a template id, NEW, or None (the list on a phone)
        self.tform = FormState()
        self.tier: int | None = None
        self.grade: str | None = None
        self.active = True
        self.item_id: str | None = None  # the item being edited; NEW for a new one
        self.iform = FormState()
        self.kind = "yes_no"
        self.required = True

    def title(self) -> str:
        """陈列检查模板."""
        return self.t("tp_title")

    def actions(self) -> list[ft.Control]:
        """Fetch again."""
        return [refresh_action(self)]

    @property
    def svc(self) -> Any:
        """The template editor service."""
        return self.phone.display_templates

    def load(self) -> dict[str, Any]:
        """The templates, and the chosen one's items."""
        chosen = self.selected not in (None, NEW)
        return {
            "templates": self.svc.templates(),
            "items": self.svc.items(self.selected) if chosen else [],
        }

    # -- layout -----------------------------------------------------------------------------------

    def content(self, data: dict[str, Any]) -> ft.Control:
        """The list and the editor side by side at a desk; one of them on a phone."""
        templates: list[dict[str, Any]] = data["templates"]
        if self.selected not in (None, NEW) and not any(
            t["id"] == self.selected for t in templates
        ):
            self.selected = None
        if not getattr(self.shell, "wide", False):
            if self.selected is None:
                return self._scroll(self._list(templates))
            back = ft.TextButton(
                content=self.t("tp_list"),
                icon=ft.Icons.ARROW_BACK,
                tooltip=self.t("tp_list_tip"),
                on_click=lambda e: self._pick(None),
            )
            return self._scroll([back, *self._editor(templates, data["items"])])
        right = (
            self._editor(templates, data["items"])
            if self.selected is not None
            else [ft.Text(self.t("tp_pick"), color=MUTED)]
        )
        return ft.Row(
            expand=True,
            vertical_alignment=ft.CrossAxisAlignment.START,
            controls=[
                ft.Container(width=380, content=self._scroll(self._list(templates))),
                ft.VerticalDivider(width=1),
                ft.Container(expand=True, content=self._scroll(right)),
            ],
        )

    def _scroll(self, controls: list[ft.Control]) -> ft.Control:
        # a Column, not a ListView: fields scrolled out of a ListView are disposed (flet-lessons)
        return ft.Column(
            scroll=ft.ScrollMode.AUTO,
            expand=True,
            controls=[ft.Container(padding=12, content=ft.Column(spacing=8, controls=controls))],
        )

    # -- the list ---------------------------------------------------------------------------------

    def _tier_text(self, tier: int | None) -> str:
        return self.t(f"tp_tier_{tier}") if tier else self.t("tp_all")

    def _list(self, templates: list[dict[str, Any]]) -> list[ft.Control]:
        items: list[ft.Control] = [
            row_button(
                self.t("tp_new"),
                lambda e: self._pick(NEW),
                icon=ft.Icons.ADD,
                tooltip=self.t("tp_new_tip"),
            )
        ]
        if not templates:
            items.append(ft.Text(self.t("tp_empty"), color=MUTED))
        for t in templates:
            line = self.t(
                "tp_line",
                tier=self._tier_text(t.get("tier")),
                grade=t.get("grade") or self.t("tp_all_grades"),
                items=t.get("items", 0),
                required=t.get("required", 0),
            )
            head: list[ft.Control] = [
                ft.Text(t["name"], size=15, weight=ft.FontWeight.W_600, expand=True)
            ]
            if not t.get("active", True):
                head.append(pill(self.t("tp_inactive"), "#5F6B7A"))
            chosen = t["id"] == self.selected
            items.append(
                ft.Container(
                    tooltip=t["name"],
                    on_click=lambda e, tid=t["id"]: self._pick(tid),
                    border_radius=12,
                    padding=12,
                    bgcolor=ft.Colors.PRIMARY_CONTAINER if chosen else ft.Colors.SURFACE_CONTAINER,
                    content=ft.Column(
                        spacing=2,
                        controls=[ft.Row(controls=head), ft.Text(line, size=13, color=MUTED)],
                    ),
                )
            )
        return items

    def _pick(self, template_id: str | None) -> None:
        self.selected, self.item_id = template_id, None
        self.tform, self.iform = FormState(), FormState()
        template = next(
            (t for t in (self.data or {}).get("templates", []) if t["id"] == template_id), {}
        )
        self.tform.set("name", template.get("name", ""))
        self.tier, self.grade = template.get("tier"), template.get("grade")
        self.active = template.get("active", True)
        self.reload()

    # -- the editor -------------------------------------------------------------------------------

    def _editor(self, templates: list[dict[str, Any]], items: list[dict[str, Any]]) -> list[Any]:
        t = self.t
        name = self.tform.field("name", t("tp_name"), max_length=200, tooltip=t("tp_name"))
        tiers: list[tuple[str | None, str]] = [(None, t("tp_all"))] + [
            (str(n), t(f"tp_tier_{n}")) for n in (1, 2, 3)
        ]
        grades: list[tuple[str | None, str]] = [(None, t("tp_all_grades"))] + [
            (g, g) for g in "ABCD"
        ]
        # not a Card: a card's texts join its field's accessible name (flet-lessons)
        form = ft.Column(
            spacing=8,
            controls=[
                ft.Text(
                    t("tp_new") if self.selected == NEW else t("tp_title"),
                    size=16,
                    weight=ft.FontWeight.W_600,
                ),
                name,
                ft.Text(t("tp_tier"), size=13, color=MUTED),
                chips(tiers, None if self.tier is None else str(self.tier), self._set_tier),
                ft.Text(t("tp_grade"), size=13, color=MUTED),
                chips(grades, self.grade, self._set_grade),
                ft.Switch(
                    label=t("tp_active"),
                    value=self.active,
                    on_change=lambda e: setattr(self, "active", bool(e.control.value)),
                ),
                ft.FilledButton(
                    content=t("tp_save"),
                    icon=ft.Icons.SAVE,
                    tooltip=t("tp_save_tip"),
                    on_click=self._save_template,
                ),
            ],
        )
        if self.selected == NEW:
            return [form]
        lines: list[ft.Control] = [ft.Text(t("tp_items_hint"), size=13, color=MUTED)]
        if not items:
            lines.append(ft.Text(t("tp_no_items"), color=MUTED))
        for n, item in enumerate(items):
            if item["id"] == self.item_id:
                lines.append(self._item_form(item))
            else:
                lines.append(self._item_row(item, n, len(items)))
        if self.item_id == NEW:
            lines.append(self._item_form(None))
        elif self.item_id is None:
            lines.append(
                row_button(
                    t("tp_add_item"),
                    lambda e: self._edit_item(None),
                    icon=ft.Icons.ADD,
                    tooltip=t("tp_add_item_tip"),
                )
            )
        heading = ft.Text(t("tp_items"), size=16, weight=ft.FontWeight.W_600)
        # not a Card either: a card merges its buttons into one label (flet-lessons)
        return [form, ft.Divider(), heading, *lines]

    def _set_tier(self, value: str | None) -> None:
        self.tier = int(value) if value else None
        self.refresh()

    def _set_grade(self, value: str | None) -> None:
        self.grade = value
        self.refresh()

    def _item_row(self, item: dict[str, Any], n: int, count: int) -> ft.Control:
        t, label = self.t, item["label"]
        facts = [
            t(f"tp_kind_{item['kind']}"),
            t("tp_required" if item["required"] else "tp_optional"),
        ]
        if item.get("options"):
            facts.append("、".join(item["options"]))
        if item.get("answers"):
            facts.append(t("tp_answers", n=item["answers"]))

        def icon(name: Any, key: str, handler: Any, disabled: bool = False) -> ft.Control:
            return ft.IconButton(
                name, tooltip=t(key, label=label), on_click=handler, disabled=disabled
            )

        return ft.Container(
            padding=ft.Padding.symmetric(vertical=4),
            content=ft.Row(
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
                controls=[
                    ft.Column(
                        spacing=2,
                        expand=True,
                        controls=[
                            ft.Text(f"{n + 1}. {label}", size=15, weight=ft.FontWeight.W_600),
                            ft.Text(" · ".join(facts), size=13, color=MUTED),
                        ],
                    ),
                    icon(ft.Icons.ARROW_UPWARD, "tp_up", lambda e: self._move(item, True), n == 0),
                    icon(
                        ft.Icons.ARROW_DOWNWARD,
                        "tp_down",
                        lambda e: self._move(item, False),
                        n == count - 1,
                    ),
                    icon(ft.Icons.EDIT_OUTLINED, "tp_edit", lambda e: self._edit_item(item)),
                    icon(ft.Icons.DELETE_OUTLINE, "tp_remove", lambda e: self._remove(item)),
                ],
            ),
        )

    def _edit_item(self, item: dict[str, Any] | None) -> None:
        self.item_id = item["id"] if item else NEW
        self.iform = FormState()
        self.iform.set("label", (item or {}).get("label", ""))
        self.iform.set("options", "\n".join((item or {}).get("options") or []))
        self.kind = (item or {}).get("kind", "yes_no")
        self.required = (item or {}).get("required", True)
        self.refresh()

    def _item_form(self, item: dict[str, Any] | None) -> ft.Control:
        t = self.t
        options = self.iform.field(
            "options",
            t("tp_options"),
            multiline=True,
            min_lines=3,
            tooltip=t("tp_options"),
            visible=self.kind == "choice",
        )
        kinds = ft.Row(wrap=True, spacing=6, run_spacing=6)

        def pick(kind: str) -> None:  # in place: the typed label stays where it is
            self.kind = kind
            for chip in kinds.controls:
                chip.selected = chip.data == kind
            options.visible = kind == "choice"
            kinds.update()
            options.update()

        kinds.controls = [
            ft.Chip(
                label=t(f"tp_kind_{k}"),
                data=k,
                selected=k == self.kind,
                show_checkmark=False,
                selected_color=ft.Colors.PRIMARY_CONTAINER,
                on_select=lambda e, k=k: pick(k),
            )
            for k in KIND_ORDER
        ]
        title = t("tp_item_edit", label=item["label"]) if item else t("tp_item_new")
        return ft.Container(
            border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
            border_radius=12,
            padding=12,
            content=ft.Column(
                spacing=8,
                controls=[
                    ft.Text(title, size=15, weight=ft.FontWeight.W_600),
                    self.iform.field("label", t("tp_label"), max_length=200, tooltip=t("tp_label")),
                    ft.Text(t("tp_kind"), size=13, color=MUTED),
                    kinds,
                    options,
                    ft.Switch(
                        label=t("tp_required"),
                        value=self.required,
                        on_change=lambda e: setattr(self, "required", bool(e.control.value)),
                    ),
                    ft.Row(
                        wrap=True,
                        controls=[
                            ft.FilledButton(
                                content=t("tp_save_item"),
                                icon=ft.Icons.SAVE,
                                tooltip=t("tp_save_item_tip"),
                                on_click=self._save_item,
                            ),
                            ft.TextButton(
                                content=t("cancel"),
                                tooltip=t("cancel"),
                                on_click=lambda e: self._cancel_item(),
                            ),
                        ],
                    ),
                ],
            ),
        )

    def _cancel_item(self) -> None:
        self.item_id = None
        self.refresh()

    # -- writes -----------------------------------------------------------------------------------

    def _save_template(self, e: Any) -> None:
        from fieldapp.services.display_templates import check_template

        try:
            check_template(self.tform.get("name"), self.tier, self.grade)
        except FieldErrors as exc:
            self.tform.errors = {k: both(m) for k, m in exc.fields.items()}
            self.refresh()
            return
        self.tform.errors = {}
        tid = None if self.selected == NEW else self.selected
        name = self.tform.get("name").strip()

        def work() -> str:
            return str(
                self.svc.save_template(
                    tid, name=name, tier=self.tier, grade=self.grade, active=self.active
                )
            )

        def done(new_id: str) -> None:
            with self.shell.ui_lock:
                self.selected = new_id
                self.shell.toast(self.t("tp_saved", name=name))
                self.reload()

        self.run(work, done)

    def _save_item(self, e: Any) -> None:
        from fieldapp.services.display_templates import check_item

        options = split_options(self.iform.get("options"))
        label = self.iform.get("label")
        try:
            check_item(label, self.kind, options)
        except FieldErrors as exc:
            self.iform.errors = {k: both(m) for k, m in exc.fields.items()}
            self.refresh()
            return
        self.iform.errors = {}
        tid, iid = str(self.selected), None if self.item_id == NEW else self.item_id
        kind, required = self.kind, self.required

        def work() -> str:
            return str(
                self.svc.save_item(
                    tid, iid, label=label, kind=kind, options=options, required=required
                )
            )

        def done(_id: str) -> None:
            with self.shell.ui_lock:
                self.item_id = None
                self.shell.toast(self.t("tp_item_saved", label=label.strip()))
                self.reload()

        self.run(work, done)

    def _move(self, item: dict[str, Any], up: bool) -> None:
        def done(_place: int) -> None:
            with self.shell.ui_lock:
                self.reload()

        self.run(lambda: self.svc.move(item["id"], up), done)

    def _remove(self, item: dict[str, Any]) -> None:
        label = item["label"]

        def go() -> None:
            def done(_none: Any) -> None:
                with self.shell.ui_lock:
                    self.item_id = None
                    self.shell.toast(self.t("tp_removed", label=label))
                    self.reload()

            self.run(lambda: self.svc.remove(item["id"]), done)

        self.shell.confirm(
            self.t("tp_remove", label=label),
            self.t("tp_remove_q", label=label),
            self.t("tp_remove", label=label),
            go,
            danger=True,
        )
