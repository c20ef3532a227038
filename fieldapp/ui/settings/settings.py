"""Settings (设置): language, account, server, sign-out (which guards unsynced work)."""

from __future__ import annotations

import contextlib
from typing import Any

import flet as ft

from fieldapp.errors import FieldSalesError
from fieldapp.services.device import SUPABASE
from fieldapp.services.i18n import error_text
from fieldapp.services.phone import UnsyncedWork
from fieldapp.services.settings import tile_choices
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED, big_button, card, chips, labelled, row_button


class SettingsScreen(Screen):
    """Language, who is signed in, which server, sign out."""

    tab = None  # opened from the gear on every tab

    def title(self) -> str:
        """设置."""
        return self.t("tab_settings")

    def body(self) -> ft.Control:
        """Language chips, account and server facts, sign-out."""
        user = self.phone.user
        assert user is not None
        items: list[ft.Control] = [
            card(
                chips([("zh", "中文"), ("en", "English")], self.lang, self._language),
                title=self.t("language"),
            ),
            card(
                labelled(
                    self.t("account_name"), user.full_name or "—", icon=ft.Icons.BADGE_OUTLINED
                ),
                labelled(self.t("account_email"), user.email, icon=ft.Icons.EMAIL_OUTLINED),
                labelled(self.t("account_role"), self.t(f"role_{user.role}") if user.role else "—"),
                title=self.t("account"),
            ),
            *([self._tiles_card()] if "map" in self.shell.tabs() else []),
            *([self._policy_card()] if user.role == "manager" else []),
            *([self._calendar_card()] if user.role != "dealer" else []),
            card(
                labelled(self.t("settings_mode"), self.t(f"mode_{user.mode}")),
                # the company's server by its address; a demo's database is no one's business
                *(
                    [labelled(self.t("settings_server"), user.server, icon=ft.Icons.DNS_OUTLINED)]
                    if user.mode == SUPABASE
                    else []
                ),
                *([self._password_row()] if user.mode == SUPABASE else []),
                title=self.t("settings_server"),
            ),
            big_button(
                self.t("sign_out"),
                self._sign_out,
                icon=ft.Icons.LOGOUT,
                tonal=True,
                tooltip=self.t("sign_out_tip"),
            ),
        ]
        return ft.ListView(padding=ft.Padding.all(12), spacing=6, controls=items)

    def _calendar_card(self) -> ft.Control:
        """工作日历: where the holidays come from and which rules count working days."""
        own = len(self.phone.plans.calendar().overrides)
        return ft.ExpansionTile(  # folded: sign-out stays on a phone's screen
            title=ft.Text(self.t("cal_title"), weight=ft.FontWeight.BOLD),
            subtitle=ft.Text(self.t("cal_short"), size=12, color=MUTED),
            controls=[
                ft.Container(
                    padding=ft.Padding.symmetric(horizontal=16, vertical=6),
                    content=ft.Column(
                        spacing=8,
                        controls=[
                            ft.Text(self.t("cal_source", n=own), size=13),
                            ft.Text(self.t("cal_rules"), size=13, color=MUTED),
                            *(
                                ft.Text(self.t(f"cal_rule_{k}"), size=13, color=MUTED)
                                for k in ("visit", "warning", "contract", "other")
                            ),
                        ],
                    ),
                )
            ],
        )

    def _policy_card(self) -> ft.Control:
        """Managers: the rule numbers of the whole app (管理设置)."""
        return card(
            ft.Text(self.t("po_open_tip"), size=13, color=MUTED),
            row_button(
                self.t("po_title"),
                lambda e: self.shell.open("policy"),
                icon=ft.Icons.TUNE,
                tooltip=self.t("po_title"),
            ),
            title=self.t("po_title"),
        )

    def _tiles_card(self) -> ft.Control:
        """The map's base map: OpenStreetMap, AMap, Tianditu or none (short chip labels)."""
        options: list[tuple[str | None, str]] = [
            (k, self.t(f"map_tiles_{k}")) for k in tile_choices()
        ]
        return card(
            chips(options, self.phone.map.tiles(), self._tiles),
            ft.Text(self.t("map_tiles_hint"), size=12, color=MUTED),
            title=self.t("map_tiles"),
        )

    def _tiles(self, value: str | None) -> None:
        if value is None:  # the chosen chip tapped again: keep it
            return
        try:
            self.phone.map.set_tiles(value)
        except FieldSalesError as exc:
            self.shell.fail(exc)
            return
        for s in self.shell.stack:  # the map below redraws with the new tiles
            if s is not self:
                s.stale = True
        label = self.t(f"map_tiles_{value}")
        self.shell.toast(self.t("map_tiles_saved", name=label))
        self.refresh()

    def _language(self, value: str | None) -> None:
        if value and value != self.lang:
            self.shell.set_language(value)

    def _password_row(self) -> ft.Control:
        field = ft.TextField(
            label=self.t("signin_password"), password=True, can_reveal_password=True
        )

        def go(e: Any) -> None:
            try:
                self.phone.reauthenticate(field.value or "")
            except FieldSalesError as exc:
                field.error = error_text(exc, self.lang)
                field.update()
                return
            self.shell.toast(self.t("reauth_ok"))
            self.shell.request_sync()

        field.on_submit = go
        return ft.Column(
            controls=[
                ft.Text(self.t("reauth_hint"), size=13),
                field,
                ft.OutlinedButton(content=self.t("reauth"), on_click=go),
            ]
        )

    def _sign_out(self, e: Any) -> None:
        if self.phone.pending():
            # upload first (off the event loop); offline this fails fast and the dialog asks
            self.shell.toast(self.t("sync_started"))
            self.shell.page.run_thread(self._upload_then_ask)
        else:
            self._ask()

    def _upload_then_ask(self) -> None:
        with contextlib.suppress(FieldSalesError):
            self.phone.sync.sync()
        self._ask()

    def _ask(self) -> None:
        pending = self.phone.pending()
        if pending:
            self.shell.confirm(
                self.t("unsynced_title"),
                self.t("unsynced_text", n=pending),
                self.t("sign_out_anyway"),
                self._force_sign_out,
                danger=True,
            )
            return
        self.shell.confirm(
            self.t("sign_out"), self.t("sign_out_text"), self.t("sign_out"), self._plain_sign_out
        )

    def _plain_sign_out(self) -> None:
        try:
            self.phone.sign_out()
        except UnsyncedWork:  # something was saved meanwhile: ask again
            self._ask()
            return
        self.shell.show_signin()

    def _force_sign_out(self) -> None:
        self.phone.sign_out(force=True)
        self.shell.show_signin()
