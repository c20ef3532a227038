"""Theme, colours and the bundled CJK font for the Flet app."""

from __future__ import annotations

import flet as ft

# The bundled Noto Sans SC (GBK subset) is registered under the name of the web engine's last-resort
# family, "Roboto": every paragraph lists Roboto after its own families, so text Flet lays out
# without the theme finds the Chinese glyphs too, instead of sending the engine after Google's
# Noto Sans SC chunks (404 with no_cdn; docs/flet-lessons.md).
FONT_FAMILY = "Roboto"
# Path relative to the assets directory (served at the web root in web mode).
FONT_ASSET = "/fonts/NotoSansSC-Regular.ttf"
# Emoji (monochrome Noto Emoji, the "emoji" subset of @fontsource/noto-emoji 5.3.2, SIL OFL 1.1,
# ~465 KB): the fallback of every text style, so Flutter web never goes looking for Noto Color
# Emoji on a CDN (404 with no_cdn) and never breaks the Chinese next to an emoji.
EMOJI_FAMILY = "NotoEmoji"
EMOJI_ASSET = "/fonts/NotoEmoji-Regular.woff2"
TEXT_STYLES = [
    "display_large",
    "display_medium",
    "display_small",
    "headline_large",
    "headline_medium",
    "headline_small",
    "title_large",
    "title_medium",
    "title_small",
    "label_large",
    "label_medium",
    "label_small",
    "body_large",
    "body_medium",
    "body_small",
]
PRIMARY_COLOR = "#1E5AA8"  # brand blue
SURFACE_TINT = "#F4F7FB"


def app_theme() -> ft.Theme:
    """Return the light Material 3 theme using the bundled Chinese font."""
    fallback = ft.TextStyle(font_family=FONT_FAMILY, font_family_fallback=[EMOJI_FAMILY])
    return ft.Theme(
        color_scheme_seed=PRIMARY_COLOR,
        font_family=FONT_FAMILY,
        use_material3=True,
        text_theme=ft.TextTheme(**{name: fallback for name in TEXT_STYLES}),
    )


def apply_theme(page: ft.Page) -> None:
    """Apply the app theme; on desktop, register the CJK and emoji fonts. The web client has them
    from assets/assets/FontManifest.json before its first frame (registering them again here
    downloaded the 7.6 MB font a second time)."""
    if not page.web:
        page.fonts = {FONT_FAMILY: FONT_ASSET, EMOJI_FAMILY: EMOJI_ASSET}
    page.theme = app_theme()
    page.theme_mode = ft.ThemeMode.LIGHT
    page.bgcolor = SURFACE_TINT
