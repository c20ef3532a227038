"""App shell: the single placeholder screen and the web/desktop entry points."""

from __future__ import annotations

import os
from pathlib import Path

import flet as ft

from fieldapp.ui.strings import DEFAULT_LANG, other_lang, summary_label, t
from fieldapp.ui.theme import PRIMARY_COLOR, apply_theme

ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"

SUMMARY_ICONS: dict[str, ft.IconData] = {
    "areas": ft.Icons.MAP_OUTLINED,
    "reps": ft.Icons.BADGE_OUTLINED,
    "dealers": ft.Icons.WAREHOUSE_OUTLINED,
    "outlets": ft.Icons.STOREFRONT_OUTLINED,
    "products": ft.Icons.INVENTORY_2_OUTLINED,
    "shipments": ft.Icons.LOCAL_SHIPPING_OUTLINED,
    "payments": ft.Icons.PAYMENTS_OUTLINED,
}


def _summary_row(key: str, count: int, lang: str) -> ft.Control:
    """One line of the demo data overview: icon, label and count."""
    label = summary_label(key, lang)
    return ft.Container(
        padding=ft.Padding.symmetric(vertical=10, horizontal=4),
        content=ft.Row(
            spacing=12,
            controls=[
                ft.Icon(SUMMARY_ICONS.get(key, ft.Icons.LABEL_OUTLINE), color=PRIMARY_COLOR),
                ft.Text(label, size=15, expand=True),
                ft.Text(f"{count:,}", size=16, weight=ft.FontWeight.W_600),
            ],
        ),
    )


def _summary_card(summary: dict[str, int], lang: str) -> ft.Control:
    """Card listing the counts of the demo data set."""
    rows: list[ft.Control] = []
    for i, (key, count) in enumerate(summary.items()):
        if i:
            rows.append(ft.Divider(height=1))
        rows.append(_summary_row(key, count, lang))
    if not rows:
        rows.append(ft.Text(t("summary_empty", lang)))
    return ft.Card(
        content=ft.Container(
            padding=ft.Padding.symmetric(vertical=12, horizontal=16),
            content=ft.Column(
                spacing=0,
                controls=[
                    ft.Text(t("summary_title", lang), size=17, weight=ft.FontWeight.W_600),
                    ft.Container(height=6),
                    *rows,
                ],
            ),
        ),
    )


def _welcome_card(lang: str) -> ft.Control:
    """Card greeting the user and saying the demo data is ready."""
    return ft.Card(
        content=ft.Container(
            padding=16,
            content=ft.Column(
                spacing=8,
                controls=[
                    ft.Text(t("welcome_title", lang), size=20, weight=ft.FontWeight.W_600),
                    ft.Row(
                        spacing=8,
                        controls=[
                            ft.Icon(ft.Icons.CHECK_CIRCLE, color=ft.Colors.GREEN_600, size=20),
                            ft.Text(t("welcome_ready", lang), size=15),
                        ],
                    ),
                    ft.Text(t("welcome_hint", lang), size=13, color=ft.Colors.ON_SURFACE_VARIANT),
                ],
            ),
        ),
    )


def build(page: ft.Page, summary: dict[str, int] | None = None) -> None:
    """Build the placeholder home screen on ``page``."""
    state = {"lang": DEFAULT_LANG}
    page.title = t("window_title")
    apply_theme(page)
    page.padding = 0

    def toggle_language(e: ft.Event[ft.TextButton]) -> None:
        """Switch between Chinese and English and redraw."""
        state["lang"] = other_lang(state["lang"])
        render()
        page.update()

    def render() -> None:
        """(Re)create every control in the current language."""
        lang = state["lang"]
        page.appbar = ft.AppBar(
            title=ft.Text(t("app_title", lang), weight=ft.FontWeight.W_600),
            bgcolor=PRIMARY_COLOR,
            color=ft.Colors.WHITE,
            actions=[
                ft.TextButton(
                    content=t("lang_toggle", lang),
                    icon=ft.Icons.TRANSLATE,
                    icon_color=ft.Colors.WHITE,
                    style=ft.ButtonStyle(color=ft.Colors.WHITE),
                    tooltip=t("lang_toggle_tip", lang),
                    on_click=toggle_language,
                ),
                ft.Container(width=8),
            ],
        )
        cards: list[ft.Control] = [_welcome_card(lang)]
        if summary is not None:
            cards.append(_summary_card(summary, lang))
        page.controls.clear()
        page.controls.append(
            ft.SafeArea(
                expand=True,
                content=ft.ListView(
                    expand=True,
                    padding=ft.Padding.all(12),
                    controls=[
                        # Full width on phones, a centred column on tablets and desktops.
                        ft.ResponsiveRow(
                            alignment=ft.MainAxisAlignment.CENTER,
                            controls=[
                                ft.Column(
                                    col={"xs": 12, "md": 9, "lg": 6}, spacing=8, controls=cards
                                )
                            ],
                        )
                    ],
                ),
            )
        )

    render()
    page.update()


def serve_web(
    port: int,
    summary: dict[str, int] | None = None,
    open_browser: bool = False,
    host: str = "127.0.0.1",
    assets_dir: str | Path | None = None,
) -> None:
    """Serve the app as a web app on ``host:port`` (blocks until interrupted)."""
    if not open_browser:
        # Flet opens a browser for AppView.WEB_BROWSER unless it is forced into server mode.
        os.environ["FLET_FORCE_WEB_SERVER"] = "1"
    ft.run(
        lambda page: build(page, summary),
        view=ft.AppView.WEB_BROWSER,
        port=port,
        host=host,
        no_cdn=True,
        assets_dir=str(Path(assets_dir).resolve() if assets_dir else ASSETS_DIR),
    )


def run_desktop(
    summary: dict[str, int] | None = None, assets_dir: str | Path | None = None
) -> None:
    """Run the app in a native Flet window (needs flet-desktop and a display)."""
    ft.run(
        lambda page: build(page, summary),
        view=ft.AppView.FLET_APP,
        assets_dir=str(Path(assets_dir).resolve() if assets_dir else ASSETS_DIR),
    )
