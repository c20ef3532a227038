"""New outlet (新建网点): the form with a message under each field and a duplicate warning."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.errors import FieldSalesError
from fieldapp.services.customers import TIERS
from fieldapp.services.geocoding import Located
from fieldapp.services.i18n import FieldErrors, error_text
from fieldapp.services.outlets import DuplicateSuspected, OutletForm
from fieldapp.sync.errors import ConnectionLost
from fieldapp.ui.online import fetch_off_ui
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import (
    MUTED,
    FormState,
    big_button,
    card,
    chips,
    error_banner,
    row_button,
)
from fieldapp.ui.widgets.photo import pick_photos
from fieldapp.ui.widgets.position import locate_then, position_buttons, position_line

TEXT_FIELDS = ("name", "contact_name", "phone", "address")
PROFILE_FIELDS = (
    "sub_distributor_count",
    "capital_10k",
    "hot_brands",
    "warehouse_m2",
    "vehicles",
    "staff",
    "management_flexibility",
)
NUMERIC = {
    "sub_distributor_count",
    "capital_10k",
    "warehouse_m2",
    "vehicles",
    "staff",
    "management_flexibility",
}


class NewOutletScreen(Screen):
    """Archive a new sub-distributor or store, owned by the rep, offline."""

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.tier = "3"
        self.status = "active"
        self.parent: dict[str, Any] | None = None
        self.form = FormState()
        self.exclusive = False
        self.photo: tuple[bytes, str] | None = None  # the storefront photo, saved with the outlet
        self.parent_list: ft.Column | None = None
        self.problem: str | None = None
        self._located_once = False
        self.geo_note: str | None = None  # what 根据地址定位 found (or why not)

    def title(self) -> str:
        """新建网点."""
        return self.t("new_outlet")

    def bottom(self) -> ft.Control | None:
        """Save, at the thumb."""
        return ft.BottomAppBar(
            padding=ft.Padding.symmetric(horizontal=12, vertical=8),
            height=76,
            content=big_button(
                self.t("save_outlet"),
                lambda e: self._save(False),
                icon=ft.Icons.SAVE,
                tooltip=self.t("save_outlet"),
            ),
        )

    def body(self) -> ft.Control:
        """Type, supplier, name and contact, address and position, business profile."""
        lang = self.lang
        form = self.form
        fields = {
            key: form.field(
                key,
                self.t(f"outlet_{key}"),
                keyboard_type=ft.KeyboardType.NUMBER
                if key in NUMERIC
                else (ft.KeyboardType.PHONE if key == "phone" else ft.KeyboardType.TEXT),
                helper=self.t("outlet_hot_brands_help") if key == "hot_brands" else None,
            )
            for key in TEXT_FIELDS + PROFILE_FIELDS
        }
        exclusive = ft.Checkbox(
            label=self.t("outlet_exclusive"), value=self.exclusive, on_change=self._exclusive
        )
        items: list[ft.Control] = []
        if self.problem:
            items.append(error_banner(self.problem))
        if form.errors:
            items.append(error_banner(self.t("fix_n_fields", n=len(form.errors))))
        tier_chips = chips([(str(k), TIERS[k](lang)) for k in (2, 3)], self.tier, self._pick_tier)
        status_chips = chips(
            [("active", self.t("status_active")), ("prospect", self.t("status_prospect"))],
            self.status,
            self._pick_status,
        )
        items.append(
            card(
                tier_chips,
                _error(form.errors.get("tier")),
                status_chips,
                title=self.t("outlet_type"),
            )
        )
        items.append(card(*(fields[k] for k in TEXT_FIELDS), title=self.t("outlet_basics")))
        items.append(self._parent_card())
        # the position card is updated in place (located, typed, 根据地址定位): a rebuilt body
        # would jump the form back to its top
        self._position_box = ft.Container(content=self._position_card())
        items.append(self._position_box)
        items.append(self._photo_card())
        items.append(
            ft.ExpansionTile(
                title=ft.Text(self.t("outlet_profile")),
                subtitle=ft.Text(self.t("optional"), size=12, color=MUTED),
                controls=[
                    ft.Container(
                        padding=ft.Padding.symmetric(horizontal=12, vertical=6),
                        content=ft.Column(
                            spacing=8,
                            controls=[*(fields[k] for k in PROFILE_FIELDS), exclusive],
                        ),
                    )
                ],
                expanded=any(k in form.errors for k in PROFILE_FIELDS),
            )
        )
        return ft.ListView(padding=ft.Padding.all(12), spacing=6, controls=items)

    def _parent_card(self) -> ft.Control:
        rows: list[ft.Control] = []
        if self.parent is not None:
            rows.append(
                ft.ListTile(
                    leading=ft.Icon(ft.Icons.CHECK_CIRCLE, color=ft.Colors.GREEN_700),
                    title=ft.Text(self.parent.get("name", "")),
                    subtitle=ft.Text(
                        f"{self.parent.get('code', '')} · "
                        f"{TIERS[self.parent.get('tier') or 1](self.lang)}"
                    ),
                    trailing=ft.IconButton(
                        ft.Icons.CLOSE,
                        tooltip=self.t("outlet_parent_clear"),
                        on_click=self._clear_parent,
                    ),
                )
            )
        else:
            search = self.form.field(
                "parent_search",
                self.t("outlet_parent_search"),
                prefix_icon=ft.Icons.SEARCH,
                dense=True,
                on_change=self._search_parent,
            )
            self.parent_list = ft.Column(spacing=0)
            self._fill_parents()
            rows += [search, self.parent_list]
        return card(*rows, _error(self.form.errors.get("parent_id")), title=self.t("outlet_parent"))

    def _fill_parents(self) -> None:
        if self.parent_list is None:
            return
        found = self.phone.outlets.parents(int(self.tier), self.form.get("parent_search"), limit=4)
        self.parent_list.controls = [
            ft.ListTile(
                dense=True,
                title=ft.Text(c.get("name", "")),
                subtitle=ft.Text(f"{c.get('code', '')} · {TIERS[c.get('tier') or 1](self.lang)}"),
                on_click=self._choose_parent(c),
            )
            for c in found
        ]

    def _search_parent(self, e: Any) -> None:
        self._fill_parents()
        if self.parent_list is not None:
            with self.shell.ui_lock:
                self.parent_list.update()

    def _exclusive(self, e: Any) -> None:
        self.exclusive = bool(e.control.value)

    def _choose_parent(self, c: dict[str, Any]) -> Any:
        def go(e: Any) -> None:
            self.parent = c
            self.form.errors.pop("parent_id", None)
            self.refresh()

        return go

    def _clear_parent(self, e: Any) -> None:
        self.parent = None
        self.refresh()

    def _position_card(self) -> ft.Control:
        locator = self.shell.locator
        return card(
            position_line(self.shell),
            *(
                [ft.Text(f"{locator.fix.lat:.6f}, {locator.fix.lng:.6f}", size=13, color=MUTED)]
                if locator.fix
                else []
            ),
            _error(self.form.errors.get("position")),
            position_buttons(self.shell, self._update_position, self._update_position),
            row_button(
                self.t("outlet_locate_address"),
                self._locate_address,
                icon=ft.Icons.TRAVEL_EXPLORE,
                tooltip=self.t("outlet_locate_address_tip"),
            ),
            *([ft.Text(self.geo_note, size=13, color=MUTED)] if self.geo_note else []),
            title=self.t("outlet_position"),
        )

    def _locate_address(self, e: Any) -> None:
        """根据地址定位 from the server's geocoder cache, off the UI path (online); offline or
        unknown it says so and nothing blocks."""
        svc, address = self.phone.geocoding, self.form.get("address")

        def done(found: Located | None, error: FieldSalesError | None) -> None:
            if isinstance(error, ConnectionLost):
                self.geo_note = self.t("outlet_locate_offline")
            elif error is not None:
                self.geo_note = error_text(error, self.lang)
            elif found is None:
                self.geo_note = self.t("outlet_locate_unknown")
            else:
                self.shell.locator.set_manual(found.fix)
                self.form.errors.pop("position", None)
                lat, lng = f"{found.fix.lat:.6f}", f"{found.fix.lng:.6f}"
                self.geo_note = self.t("outlet_locate_found", lat=lat, lng=lng)
            self._update_position()

        try:
            svc.check_address(address)  # an empty or over-long address: said at once
        except FieldSalesError as exc:
            done(None, exc)
            return
        self.geo_note = self.t("outlet_locating")
        self._update_position()
        fetch_off_ui(lambda: svc.locate(address), done)

    def _update_position(self) -> None:
        """Show the position card again where it is (the form keeps its scroll position); a
        rebuild when the form is not on the page."""
        box = getattr(self, "_position_box", None)
        with self.shell.ui_lock:
            try:
                if box is None or box.page is None:
                    raise RuntimeError("not on the page")
                box.content = self._position_card()
                box.update()
            except RuntimeError:
                self.refresh()

    def _photo_card(self) -> ft.Control:
        taken = self.photo is not None
        return card(
            ft.Row(
                controls=[
                    ft.Icon(ft.Icons.PHOTO_CAMERA if taken else ft.Icons.NO_PHOTOGRAPHY_OUTLINED),
                    ft.Text(
                        self.t("outlet_photo_taken" if taken else "outlet_photo_none"), expand=True
                    ),
                ]
            ),
            _error(self.form.errors.get("photo")),
            row_button(
                self.t("outlet_photo_replace" if taken else "add_photo"),
                self._add_photo,
                icon=ft.Icons.ADD_A_PHOTO_OUTLINED,
                tooltip=self.t("outlet_photo_replace" if taken else "add_photo"),
            ),
            title=self.t("outlet_photo"),
        )

    async def _add_photo(self, e: Any) -> None:
        photos = await pick_photos(self.shell, many=False)
        if photos:
            self.photo = photos[0]
            self.form.errors.pop("photo", None)
            self.refresh()

    def _pick_tier(self, value: str | None) -> None:
        if value and value != self.tier:
            self.tier = value
            if self.parent is not None and (self.parent.get("tier") or 9) >= int(value):
                self.parent = None
        self.refresh()

    def _pick_status(self, value: str | None) -> None:
        self.status = value or self.status
        self.refresh()

    def _form(self) -> OutletForm:
        values = {k: self.form.get(k) for k in TEXT_FIELDS + PROFILE_FIELDS}
        return OutletForm(
            tier=self.tier,
            parent_id=(self.parent or {}).get("id", ""),
            status=self.status,
            exclusive=self.exclusive,
            **values,
        )

    def _save(self, confirmed: bool) -> None:
        self.form.errors, self.problem = {}, None
        try:
            row = self.phone.outlets.create(
                self._form(),
                self.shell.locator.fix,
                confirm_duplicates=confirmed,
                photo=self.photo,
            )
        except FieldErrors as exc:
            self.form.errors = {k: m(self.lang) for k, m in exc.fields.items()}
            self.refresh()
            return
        except DuplicateSuspected as exc:
            self.refresh()  # clear the messages of the previous attempt
            self._ask_duplicates(exc)
            return
        except FieldSalesError as exc:
            self.problem = error_text(exc, self.lang)
            self.refresh()
            return
        self.shell.saved()
        self.shell.toast(self.t("outlet_saved", name=row["name"]))
        self.shell.open("customer_card", replace=True, customer_id=row["id"])

    def _ask_duplicates(self, exc: DuplicateSuspected) -> None:
        lines = "\n".join(
            f"· {d.customer.get('name', '')}（{d.why()(self.lang)}）" for d in exc.duplicates[:5]
        )
        self.shell.confirm(
            self.t("duplicate_title"),
            self.t("duplicate_text", lines=lines),
            self.t("create_anyway"),
            lambda: self._save(True),
        )

    def on_shown(self) -> None:
        """Locate the new outlet once when the form opens."""
        if not self._located_once:
            self._located_once = True
            locate_then(self.shell, self.refresh)


def _error(text: str | None) -> ft.Control:
    return ft.Text(text or "", color=ft.Colors.ERROR, size=12, visible=bool(text))
