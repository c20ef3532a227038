"""Entry point for `flet run` and `flet build` (the packaged phone and desktop app)."""

import flet as ft

from fieldapp.ui.app import build

if __name__ == "__main__":
    ft.run(build, assets_dir="../assets")
