"""水印拍照: the phone burns a watermark into a photo when it is taken — time, customer, rep,
coordinates and accuracy — on a dark band at the bottom of the image, with Pillow. The watermarked
JPEG is what is kept (the original is not): it is what auditors expect to see.

The band's height follows the image (about 1/24 of its shorter side per line), so a 12-megapixel
photo and a thumbnail both read. Chinese text needs the app's Noto Sans SC (assets/fonts); where
the font is missing (a test without assets), Pillow's own font is used and the text still shows.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from fieldapp.domain import clock
from fieldapp.errors import InvalidInput

FONT = Path(__file__).resolve().parents[2] / "assets" / "fonts" / "NotoSansSC-Regular.ttf"
QUALITY = 88  # JPEG quality of the kept photo
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@lru_cache(maxsize=8)
def _font(size: int) -> Font:
    try:
        return ImageFont.truetype(str(FONT), size)
    except OSError:
        return ImageFont.load_default(size)


def watermark_lines(
    *,
    taken_at: dt.datetime,
    customer: str,
    rep: str,
    lat: float | None,
    lng: float | None,
    accuracy_m: float | None,
) -> list[str]:
    """The watermark's lines: company-time stamp, customer, rep, position (or 无定位)."""
    when = clock.local(taken_at).strftime("%Y-%m-%d %H:%M:%S")
    if lat is None or lng is None:
        where = "无定位 no position"
    else:
        acc = f" ±{accuracy_m:.0f}m" if accuracy_m is not None else ""
        where = f"{lat:.6f}, {lng:.6f}{acc}"
    return [when, f"{customer}"[:60], f"{rep}"[:60], where]


def readable(data: bytes) -> None:
    """InvalidInput when the bytes are not an image Pillow can read (checked without decoding
    the pixels, before anything is kept)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise InvalidInput("照片无法读取", "the photo cannot be read") from exc


def burn(data: bytes, lines: Sequence[str]) -> bytes:
    """The photo with the lines drawn on a dark band at its bottom, as JPEG bytes (upright: the
    EXIF orientation is applied first). InvalidInput when the bytes are not an image."""
    try:
        opened = Image.open(io.BytesIO(data))
        opened.load()
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise InvalidInput("照片无法读取", "the photo cannot be read") from exc
    image: Image.Image = ImageOps.exif_transpose(opened)
    if image.mode != "RGB":
        image = image.convert("RGB")
    w, h = image.size
    size = max(12, min(w, h) // 24)
    pad = max(4, size // 3)
    band_h = pad * 2 + len(lines) * (size + pad // 2)
    top = max(0, h - band_h)
    # darken the band (cheap: only the band is blended, never the whole photo)
    band = image.crop((0, top, w, h))
    band = Image.blend(band, Image.new("RGB", band.size, (0, 0, 0)), 0.55)
    image.paste(band, (0, top))
    draw = ImageDraw.Draw(image)
    font = _font(size)
    y = top + pad
    for line in lines:
        draw.text((pad * 2, y), line, fill=(255, 255, 255), font=font)
        y += size + pad // 2
    out = io.BytesIO()
    image.save(out, "JPEG", quality=QUALITY)
    return out.getvalue()
