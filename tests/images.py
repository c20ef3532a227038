"""Real images for tests that keep photos (every kept photo is decoded and watermarked)."""

from __future__ import annotations

import io

from PIL import Image


def jpeg(size: tuple[int, int] = (320, 240), color: tuple[int, int, int] = (40, 120, 200)) -> bytes:
    """A plain JPEG of this size and colour."""
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG")
    return out.getvalue()


def png(size: tuple[int, int] = (200, 150), color: tuple[int, int, int] = (200, 80, 40)) -> bytes:
    """A plain PNG of this size and colour."""
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()
