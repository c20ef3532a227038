"""Picking a photo: the camera roll or the camera on phones, a file dialog on desktop/web."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import flet as ft

from fieldapp.ui.strings import t
from fieldapp.ui.widgets import card, row_button

if TYPE_CHECKING:
    from fieldapp.ui.screen import Host

log = logging.getLogger(__name__)


async def pick_photos(shell: Host, *, many: bool = True) -> list[tuple[bytes, str]]:
    """The picked images as (bytes, extension); empty when cancelled or impossible (said)."""
    picker = ft.FilePicker()
    try:
        files = await picker.pick_files(
            file_type=ft.FilePickerFileType.IMAGE, with_data=True, allow_multiple=many
        )
    except Exception as exc:  # no picker on this platform
        log.warning("file picker failed: %s", exc)
        shell.toast(t("photo_unavailable", shell.lang), error=True)
        return []
    return [
        (f.bytes or (Path(f.path).read_bytes() if f.path else b""), Path(f.name).suffix or "jpg")
        for f in files or []
    ]


def thumbnails(images: list[bytes], *, size: int = 72, label: str = "") -> ft.Control:
    """A wrapping row of square thumbnails (the photos themselves, cropped to fit)."""
    return ft.Row(
        wrap=True,
        spacing=6,
        run_spacing=6,
        controls=[
            ft.Image(
                src=data,
                width=size,
                height=size,
                fit=ft.BoxFit.COVER,
                border_radius=6,
                semantics_label=f"{label} {n}".strip(),
            )
            for n, data in enumerate(images, start=1)
        ],
    )


def photos_card(
    lang: str,
    photos: list[tuple[bytes, str]],
    add: Callable[[Any], Any],
    clear: Callable[[Any], Any],
    *,
    title: str,
    error: str | None = None,
) -> ft.Control:
    """A form's photos: how many are picked and their thumbnails, 添加照片 and 清除照片."""
    picked = t("photos_picked", lang).format(n=len(photos)) if photos else t("photos_none", lang)
    add_text, clear_text = t("add_photo", lang), t("photos_clear", lang)
    buttons = [row_button(add_text, add, icon=ft.Icons.ADD_A_PHOTO_OUTLINED, tooltip=add_text)]
    if photos:
        buttons.append(
            row_button(clear_text, clear, icon=ft.Icons.DELETE_OUTLINE, tooltip=clear_text)
        )
    rows: list[ft.Control] = [ft.Text(picked, size=14)]
    if photos:
        rows.append(thumbnails([data for data, _ in photos], label=title))
    if error:
        rows.append(ft.Text(error, color=ft.Colors.ERROR, size=12))
    rows.append(ft.Row(wrap=True, spacing=8, controls=buttons))
    return card(*rows, title=title)
