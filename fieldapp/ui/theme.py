"""Theme, colours and the bundled CJK font for the Flet app."""

from __future__ import annotations

import flet as ft

FONT_FAMILY = "NotoSansSC"
# Path relative to the assets directory (served at the web root in web mode).
FONT_ASSET = "/fonts/NotoSansSC-Regular.ttf"
PRIMARY_COLOR = "#1E5AA8"  # brand blue
SURFACE_TINT = "#F4F7FB"


def app_theme() -> ft.Theme:
    """Return the light Material 3 theme using the bundled Chinese font."""
    return ft.Theme(color_scheme_seed=PRIMARY_COLOR, font_family=FONT_FAMILY, use_material3=True)


def apply_theme(page: ft.Page) -> None:
    """Register the CJK font on the page and apply the app theme."""
    page.fonts = {FONT_FAMILY: FONT_ASSET}
    page.theme = app_theme()
    page.theme_mode = ft.ThemeMode.LIGHT
    page.bgcolor = SURFACE_TINT
