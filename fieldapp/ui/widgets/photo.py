"""Picking a photo: the camera roll or the camera on phones, a file dialog on desktop/web."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import flet as ft

from fieldapp.ui.strings import t

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
