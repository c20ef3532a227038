"""Entry points: the app on a page (build), served as a web app (serve_web), or a desktop window.

Modes: demo (a database URL is given: pick a demo user; the direct-PostgreSQL remote) or
Supabase (SUPABASE_URL and SUPABASE_ANON_KEY: email + password). Each phone (each browser in
web mode) keeps its store under the data directory.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import traceback
from pathlib import Path
from typing import Any

import flet as ft

from fieldapp.ui.config import AppConfig, config_from_env
from fieldapp.ui.shell import Shell

ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"
log = logging.getLogger(__name__)


async def build(
    page: ft.Page, summary: dict[str, int] | None = None, config: AppConfig | None = None
) -> None:
    """Start the app on page: sign-in, or the signed-in user's home screen."""
    shell = Shell(page, config or config_from_env(summary))
    await shell.start()


def _dump_threads(signum: int, frame: Any) -> None:
    """Every thread's Python stack (its innermost frames), to stderr (the served app's log)."""
    names = {t.ident: t.name for t in threading.enumerate()}
    for ident, top in sys._current_frames().items():
        print(f"--- thread {names.get(ident, ident)}", file=sys.stderr)
        traceback.print_stack(top, limit=6, file=sys.stderr)
    sys.stderr.flush()


def serve_web(
    port: int,
    summary: dict[str, int] | None = None,
    open_browser: bool = False,
    host: str = "127.0.0.1",
    assets_dir: str | Path | None = None,
    *,
    database_url: str | None = None,
    store_dir: str | Path | None = None,
) -> None:
    """Serve the app as a web app on host:port (blocks until interrupted). SIGUSR1 writes every
    thread's stack to stderr (what a stuck server is doing: `kill -USR1 <pid>`)."""
    if hasattr(signal, "SIGUSR1"):
        signal.signal(signal.SIGUSR1, _dump_threads)
    # the app's own events (sessions starting, disconnecting, closing) in the server's log
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("fieldapp").addHandler(handler)
    logging.getLogger("fieldapp").setLevel(logging.INFO)
    if not open_browser:
        # Flet opens a browser for AppView.WEB_BROWSER unless it is forced into server mode.
        os.environ["FLET_FORCE_WEB_SERVER"] = "1"
    config = config_from_env(summary, database_url=database_url, store_dir=store_dir)

    async def main(page: ft.Page) -> None:
        await build(page, summary, config)

    ft.run(
        main,
        view=ft.AppView.WEB_BROWSER,
        port=port,
        host=host,
        no_cdn=True,
        # skwasm (AUTO's choice in Chromium) could stop redrawing its canvas: docs/flet-lessons.md
        web_renderer=ft.WebRenderer.CANVAS_KIT,
        assets_dir=str(Path(assets_dir).resolve() if assets_dir else ASSETS_DIR),
    )


def run_desktop(
    summary: dict[str, int] | None = None,
    assets_dir: str | Path | None = None,
    *,
    database_url: str | None = None,
    store_dir: str | Path | None = None,
) -> None:
    """Run the app in a native Flet window (needs flet-desktop and a display)."""
    config = config_from_env(summary, database_url=database_url, store_dir=store_dir)

    async def main(page: ft.Page) -> None:
        await build(page, summary, config)

    ft.run(
        main,
        view=ft.AppView.FLET_APP,
        assets_dir=str(Path(assets_dir).resolve() if assets_dir else ASSETS_DIR),
    )
