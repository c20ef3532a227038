"""Sign-in: pick a demo user by role (demo mode) or email + password (Supabase)."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.errors import FieldSalesError
from fieldapp.services.demo import DemoUser, list_demo_users
from fieldapp.services.device import DEMO
from fieldapp.services.i18n import FieldErrors, error_text
from fieldapp.ui.screen import Screen
from fieldapp.ui.strings import other_lang, summary_label
from fieldapp.ui.theme import PRIMARY_COLOR
from fieldapp.ui.widgets import MUTED, FormState, big_button, card, chips, error_banner

ROLE_ORDER = ("rep", "area_manager", "manager", "dealer")


class SignInScreen(Screen):
    """The first screen until someone signs in."""

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.role = "rep"
        self.busy = False
        self.problem: str | None = None
        self.form = FormState()
        self._users: list[DemoUser] | None = None

    def title(self) -> str:
        """App name."""
        return self.t("app_title")

    def actions(self) -> list[ft.Control]:
        """The language switch."""
        return [
            ft.TextButton(
                content=self.t("lang_toggle"),
                icon=ft.Icons.TRANSLATE,
                icon_color=ft.Colors.WHITE,
                style=ft.ButtonStyle(color=ft.Colors.WHITE),
                tooltip=self.t("lang_toggle_tip"),
                on_click=lambda e: self.shell.set_language(other_lang(self.lang)),
            )
        ]

    def body(self) -> ft.Control:
        """The welcome card, then the demo users or the email form."""
        items: list[ft.Control] = [
            ft.Container(
                padding=ft.Padding.only(top=8, bottom=4),
                content=ft.Column(
                    spacing=4,
                    controls=[
                        ft.Text(self.t("signin_welcome"), size=22, weight=ft.FontWeight.W_600),
                        ft.Text(
                            self.t("signin_demo_hint" if self._demo else "signin_hint"),
                            size=14,
                            color=MUTED,
                        ),
                    ],
                ),
            )
        ]
        if self.problem:
            items.append(error_banner(self.problem))
        if self.busy:
            items.append(ft.ProgressBar(semantics_label=self.t("signing_in")))
        items += self._demo_picker() if self._demo else self._form()
        if self.shell.config.summary:
            items.append(self._summary(self.shell.config.summary))
        return ft.ListView(padding=ft.Padding.all(14), spacing=8, controls=items)

    @property
    def _demo(self) -> bool:
        return self.shell.config.server.mode == DEMO

    # -- demo ---------------------------------------------------------------------------------

    def _demo_users(self) -> list[DemoUser]:
        if self._users is None:
            self._users = self.shell.config.demo_users or list_demo_users(
                self.shell.config.server.database_url or ""
            )
        return self._users

    def _demo_picker(self) -> list[ft.Control]:
        try:
            users = self._demo_users()
        except FieldSalesError as exc:
            return [error_banner(error_text(exc, self.lang))]
        roles = [r for r in ROLE_ORDER if any(u.role == r for u in users)]

        def pick_role(value: str | None) -> None:
            self.role = value or self.role
            self.refresh()

        tiles: list[ft.Control] = []
        for u in users:
            if u.role != self.role:
                continue
            tiles.append(
                ft.ListTile(
                    leading=ft.CircleAvatar(
                        content=ft.Text(u.full_name[:1]),
                        bgcolor=PRIMARY_COLOR,
                        color=ft.Colors.WHITE,
                    ),
                    title=ft.Text(u.full_name, size=16),
                    subtitle=ft.Text(" · ".join(x for x in (u.area, u.email) if x), size=13),
                    trailing=ft.Icon(ft.Icons.LOGIN),
                    on_click=self._sign_in_as(u.email),
                    disabled=self.busy,
                )
            )
        return [
            ft.Text(self.t("signin_pick_role"), size=14, weight=ft.FontWeight.W_600),
            chips([(r, self.t(f"role_{r}")) for r in roles], self.role, pick_role),
            card(ft.Column(spacing=0, controls=tiles), padding=4),
        ]

    def _sign_in_as(self, email: str) -> Any:
        return lambda e: self._sign_in(email, "")

    # -- email + password ---------------------------------------------------------------------

    def _form(self) -> list[ft.Control]:
        form = self.form
        email = form.field("email", self.t("signin_email"), keyboard_type=ft.KeyboardType.EMAIL)
        password = form.field(
            "password",
            self.t("signin_password"),
            password=True,
            can_reveal_password=True,
            on_submit=lambda e: self._sign_in(form.get("email"), form.get("password")),
        )
        server = self.shell.config.server.label()
        return [
            card(
                email,
                password,
                ft.Text(f"{self.t('settings_server')}: {server}", size=12, color=MUTED),
                big_button(
                    self.t("signin_button"),
                    lambda e: self._sign_in(form.get("email"), form.get("password")),
                    icon=ft.Icons.LOGIN,
                    disabled=self.busy,
                ),
            )
        ]

    def _sign_in(self, email: str, password: str) -> None:
        if self.busy:
            return
        self.busy, self.problem = True, None
        self.form.errors = {}
        self.refresh()
        # signing in talks to the server: off the event loop, which serves every session
        self.shell.page.run_thread(self._sign_in_now, email, password)

    def _sign_in_now(self, email: str, password: str) -> None:
        try:
            self.phone.sign_in(email, password)
        except FieldErrors as exc:
            self.form.errors = {k: m(self.lang) for k, m in exc.fields.items()}
            self.busy = False
            self.refresh()
            return
        except FieldSalesError as exc:
            self.problem = error_text(exc, self.lang)
            self.busy = False
            self.refresh()
            return
        self.busy = False
        self.shell.show_home()
        self.shell.request_sync()

    def _summary(self, summary: dict[str, int]) -> ft.Control:
        rows: list[ft.Control] = []
        for key, count in summary.items():
            rows.append(
                ft.Row(
                    controls=[
                        ft.Text(summary_label(key, self.lang), expand=True, size=14),
                        ft.Text(f"{count:,}", size=14, weight=ft.FontWeight.W_600),
                    ]
                )
            )
        return card(*rows, title=self.t("summary_title"))
