"""The visit's 陈列 section: the display check (陈列检查) of the template that fits the customer,
answered item by item (yes/no and choice by a tap, counts and texts with 保存, a photo item by
taking a display photo), and structured competitor reports (竞品上报) with a photo. Everything is
written to the phone and pushed with the visit's other records."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.errors import FieldSalesError
from fieldapp.services.i18n import FieldErrors, error_text
from fieldapp.store.display import Item
from fieldapp.ui.widgets import MUTED, card, chips, row_button
from fieldapp.ui.widgets.photo import pick_photos

CR_FIELDS = ("cr_brand", "cr_product", "cr_price", "cr_promotion", "cr_facings")


class DisplaySection:
    """Typed values live in the visit's FormState (keys dc_<item id>, cr_*)."""

    def __init__(self, sections: Any) -> None:  # visit_sections.Sections (no import circle)
        self.sections = sections
        self.cr_photo_id: str | None = None

    def build(self, visit: dict[str, Any]) -> list[ft.Control]:
        """The display check card and the competitor report card."""
        return [self._check(visit), self._competitor(visit)]

    # -- 陈列检查 ------------------------------------------------------------------------------

    def _check(self, visit: dict[str, Any]) -> ft.Control:
        s = self.sections
        template, items, given = s.screen.phone.display.sheet(visit["id"])
        if template is None:
            return card(ft.Text(s.t("dc_none"), size=14, color=MUTED), title=s.t("dc_title"))
        rows: list[ft.Control] = [
            ft.Text(s.t("dc_hint"), size=13, color=MUTED),
            ft.Text(s.t("dc_answered", n=len(given), total=len(items)), size=14),
        ]
        for item in items:
            rows.append(self._item(item, given.get(item["id"])))
        return card(*rows, title=f"{s.t('dc_title')} · {template.get('name', '')}")

    def _item(self, item: Item, answer: dict[str, Any] | None) -> ft.Control:
        s = self.sections
        kind, label, key = item.get("kind"), item.get("label", ""), f"dc_{item['id']}"
        done = ft.Icon(
            ft.Icons.CHECK_CIRCLE if answer else ft.Icons.RADIO_BUTTON_UNCHECKED,
            color=ft.Colors.GREEN if answer else MUTED,
            size=18,
            tooltip=label,
        )
        head = ft.Row([done, ft.Text(label, size=14, weight=ft.FontWeight.W_500)], spacing=6)
        error = s.form.errors.get(key)
        body: list[ft.Control] = []
        if kind == "yes_no":
            now = None if answer is None else ("yes" if answer.get("yes_value") else "no")
            body.append(
                chips(
                    [("yes", s.t("dc_yes")), ("no", s.t("dc_no"))],
                    now,
                    lambda v, it=item: self._save(it, None if v is None else v == "yes"),
                )
            )
        elif kind == "choice":
            now = None if answer is None else answer.get("choice_value")
            options = [(o, o) for o in item.get("options") or []]
            body.append(chips(options, now, lambda v, it=item: self._save(it, v)))
        elif kind == "photo":
            text = s.t("dc_photo_done") if answer else s.t("dc_take_photo")
            body.append(
                row_button(
                    text,
                    self._photo_handler(item),
                    icon=ft.Icons.PHOTO_CAMERA_OUTLINED,
                    tooltip=f"{s.t('dc_take_photo')}：{label}",
                )
            )
        else:
            if answer and key not in s.form.values:
                value = answer.get("count_value" if kind == "count" else "text_value")
                s.form.set(key, "" if value is None else str(value))
            field = s.form.field(
                key,
                s.t("dc_count_label", label=label) if kind == "count" else label,
                keyboard_type=ft.KeyboardType.NUMBER if kind == "count" else None,
                dense=True,
            )
            field.on_submit = lambda e, it=item, k=key: self._save(it, s.form.get(k))
            body += [
                field,
                row_button(
                    s.t("dc_save_item", label=label),
                    lambda e, it=item, k=key: self._save(it, s.form.get(k)),
                    icon=ft.Icons.SAVE_OUTLINED,
                    tooltip=s.t("dc_save_tip"),
                ),
            ]
        if error and kind not in ("count", "text"):
            body.append(ft.Text(error, size=12, color=ft.Colors.ERROR))
        return ft.Column([head, *body], spacing=4)

    def _save(self, item: Item, value: Any) -> bool:
        s = self.sections
        key = f"dc_{item['id']}"
        s.form.errors.pop(key, None)
        if value is None:
            return False
        try:
            s.screen.phone.display.answer(s.visit_id, item, value)
        except FieldSalesError as exc:
            s.form.errors[key] = error_text(exc, s.screen.lang)
            s.screen.refresh()
            return False
        s.screen.shell.saved()
        s.screen.shell.toast(s.t("dc_saved", label=item.get("label", "")))
        s.screen.refresh()
        return True

    def _photo_handler(self, item: Item) -> Any:
        """An async click handler (Flet awaits it) taking the item's photo."""

        async def take(e: Any) -> None:
            await self._photo(item)

        return take

    async def _photo(self, item: Item) -> None:
        s = self.sections
        picked = await pick_photos(s.screen.shell, many=False)
        if not picked:
            return
        data, ext = picked[0]
        try:
            photo = s.screen.phone.visits.add_photo(
                s.visit_id, data, kind="display", ext=ext, fix=s.screen.shell.locator.fix
            )
        except FieldSalesError as exc:
            s.screen.shell.fail(exc)
            return
        self._save(item, photo["id"])

    # -- 竞品上报 ------------------------------------------------------------------------------

    def _competitor(self, visit: dict[str, Any]) -> ft.Control:
        s = self.sections
        form = s.form
        number = ft.KeyboardType.NUMBER
        fields = [
            form.field("cr_brand", s.t("cr_brand"), dense=True, on_change=self._fixed("cr_brand")),
            form.field(
                "cr_product", s.t("cr_product"), dense=True, on_change=self._fixed("cr_product")
            ),
            form.field(
                "cr_price",
                s.t("cr_price"),
                keyboard_type=number,
                dense=True,
                on_change=self._fixed("cr_price"),
            ),
            form.field(
                "cr_facings",
                s.t("cr_facings"),
                keyboard_type=number,
                dense=True,
                on_change=self._fixed("cr_facings"),
            ),
            form.field(
                "cr_promotion",
                s.t("cr_promotion"),
                multiline=True,
                max_lines=3,
                on_change=self._fixed("cr_promotion"),
            ),
        ]
        done = s.screen.phone.display.reports(visit["id"])
        recorded: list[ft.Control] = []
        if done:
            recorded.append(ft.Text(s.t("cr_at_visit"), size=13, color=MUTED))
            recorded += [
                ft.Text(
                    "· "
                    + s.t(
                        "cr_line",
                        brand=r.get("brand", ""),
                        product=r.get("product") or "",
                        price=r.get("shelf_price") if r.get("shelf_price") is not None else "-",
                        facings=r.get("facings") if r.get("facings") is not None else "-",
                    )
                    + (f" · {r['promotion']}" if r.get("promotion") else ""),
                    size=13,
                )
                for r in done
            ]
        photo_text = s.t("cr_photo_ready") if self.cr_photo_id else s.t("cr_photo")
        return card(
            ft.Text(s.t("cr_hint"), size=13, color=MUTED),
            *fields,
            ft.Row(
                wrap=True,
                spacing=8,
                controls=[
                    row_button(
                        photo_text,
                        self._competitor_photo,
                        icon=ft.Icons.ADD_A_PHOTO_OUTLINED,
                        tooltip=s.t("cr_photo"),
                    ),
                    row_button(
                        s.t("cr_save"),
                        self._report,
                        icon=ft.Icons.STOREFRONT_OUTLINED,
                        tooltip=s.t("cr_save"),
                    ),
                ],
            ),
            *recorded,
            title=s.t("cr_title"),
        )

    def _fixed(self, key: str) -> Any:
        """A change handler: the field's message goes once the rep types again."""

        def changed(e: Any) -> None:
            if self.sections.form.errors.pop(key, None) is not None:
                e.control.error = None
                e.control.update()

        return changed

    async def _competitor_photo(self, e: Any) -> None:
        s = self.sections
        picked = await pick_photos(s.screen.shell, many=False)
        if not picked:
            return
        data, ext = picked[0]
        try:
            photo = s.screen.phone.visits.add_photo(
                s.visit_id, data, kind="competitor", ext=ext, fix=s.screen.shell.locator.fix
            )
        except FieldSalesError as exc:
            s.screen.shell.fail(exc)
            return
        self.cr_photo_id = photo["id"]
        s.screen.refresh()

    def _report(self, e: Any) -> None:
        s = self.sections
        form = s.form
        for key in CR_FIELDS:
            form.errors.pop(key, None)
        try:
            s.screen.phone.display.report_competitor(
                s.visit_id,
                brand=form.get("cr_brand"),
                product=form.get("cr_product"),
                price=form.get("cr_price"),
                promotion=form.get("cr_promotion"),
                facings=form.get("cr_facings"),
                photo_id=self.cr_photo_id,
            )
        except FieldErrors as exc:
            for field, msg in exc.fields.items():
                form.errors[f"cr_{field}"] = msg(s.screen.lang)
            s.screen.refresh()
            return
        except FieldSalesError as exc:
            s.screen.shell.fail(exc)
            return
        for key in CR_FIELDS:
            form.values.pop(key, None)
        self.cr_photo_id = None
        s.screen.shell.saved()
        s.screen.shell.toast(s.t("cr_saved"))
        s.screen.refresh()
