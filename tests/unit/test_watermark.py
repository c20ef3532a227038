"""水印拍照: the watermark is burnt into the stored bytes (decoded again, the pixels differ where the
text is drawn and nowhere above the band), the original is not kept, and bad bytes are refused."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image, ImageChops

from fieldapp.errors import InvalidInput
from fieldapp.services.watermark import burn, watermark_lines

WHEN = dt.datetime(2026, 12, 10, 2, 5, 9, tzinfo=dt.UTC)  # 10:05:09 in Shanghai


def _photo(w: int = 800, h: int = 600) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (w, h), (90, 160, 90)).save(out, "JPEG", quality=95)
    return out.getvalue()


def test_lines_say_when_where_who() -> None:
    lines = watermark_lines(
        taken_at=WHEN, customer="百联超市", rep="张伟", lat=31.2304, lng=121.4737, accuracy_m=8.4
    )
    assert lines == ["2026-12-10 10:05:09", "百联超市", "张伟", "31.230400, 121.473700 ±8m"]
    bare = watermark_lines(
        taken_at=WHEN, customer="百联超市", rep="张伟", lat=None, lng=None, accuracy_m=None
    )
    assert "无定位" in bare[-1]


def test_the_watermark_is_in_the_stored_bytes() -> None:
    original = _photo()
    lines = watermark_lines(
        taken_at=WHEN, customer="百联超市", rep="张伟", lat=31.2304, lng=121.4737, accuracy_m=8
    )
    kept = burn(original, lines)
    assert kept != original
    before = Image.open(io.BytesIO(original)).convert("RGB")
    after = Image.open(io.BytesIO(kept)).convert("RGB")
    assert after.size == before.size
    diff = ImageChops.difference(before, after).convert("L")
    w, h = after.size
    band = diff.crop((0, h * 2 // 3, w, h))
    above = diff.crop((0, 0, w, h // 2))
    assert above.getextrema()[1] < 16  # the photo itself is untouched (JPEG noise only)
    # the text: bright pixels in the band where the photo had none
    lightest = after.crop((0, h * 2 // 3, w, h)).convert("L").point(lambda v: 255 if v > 200 else 0)
    white = lightest.histogram()[255]
    assert white > 300
    assert band.getextrema()[1] > 100


def test_orientation_and_modes() -> None:
    out = io.BytesIO()
    Image.new("RGBA", (200, 100), (10, 10, 10, 128)).save(out, "PNG")
    kept = burn(out.getvalue(), ["x"])
    assert Image.open(io.BytesIO(kept)).format == "JPEG"


def test_bad_bytes_are_refused() -> None:
    with pytest.raises(InvalidInput) as err:
        burn(b"\xff\xd8\xffjpeg", ["x"])
    assert err.value.message_zh == "照片无法读取"
