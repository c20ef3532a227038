"""Emoji next to Chinese: the emoji is drawn (bundled Noto Emoji), the Chinese beside it is drawn
exactly as without it, and no font the web client asks for is missing."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from PIL import Image, ImageChops

from tests.e2e.app_helpers import Phone, poll
from tests.e2e.conftest import SCREENSHOT_DIR

AM = "am-sh@demo.fieldsales.cn"
SEARCH = "搜索名称、编码、电话、地址"
TEXT = "手撕面包"
EMOJI = "🍞😀👍"
FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2", ".ttc")


def field_image(phone: Phone, value: str | None = None) -> Image.Image:
    """The search field (with value typed into it first, if given; not focused: no caret), as
    pixels."""
    if value is not None:
        phone.fill(SEARCH, value)
        phone.page.wait_for_timeout(600)
    box = poll(lambda: phone.field(SEARCH).bounding_box())  # a list refresh redraws the field
    assert box is not None
    phone.app.settle()
    png = phone.page.screenshot(clip=box)
    return Image.open(io.BytesIO(png)).convert("L")


def ink_columns(img: Image.Image, threshold: int = 120) -> list[int]:
    """The x of every pixel column holding dark pixels on the text's line (not the border or the
    floating label)."""
    w, h = img.size
    px = img.load()
    rows = range(int(h * 0.3), int(h * 0.8))
    # the outline's right edge and the clear button live in the last tenth
    return [x for x in range(6, int(w * 0.9)) if any(px[x, y] < threshold for y in rows)]


def drawn_after(img: Image.Image, x0: int) -> list[int]:
    """The inked pixel columns right of x0."""
    return [x for x in ink_columns(img) if x > x0]


def test_emoji_beside_chinese_draw_and_leave_the_chinese_alone(phone: Phone) -> None:
    missing: list[str] = []
    fonts: list[str] = []

    def seen(response: object) -> None:
        url, status = response.url, response.status  # type: ignore[attr-defined]
        if urlsplit(url).path.lower().endswith(FONT_SUFFIXES):
            fonts.append(url)
            if status >= 400:
                missing.append(f"{status} {url}")

    phone.page.on("response", seen)
    phone.open()
    phone.text("区域经理", exact=True).click()
    phone.sign_in(AM, first_tab="审批")
    phone.tab("客户").click()
    phone.field(SEARCH).wait_for()

    plain = field_image(phone, TEXT)
    ink = ink_columns(plain)
    assert ink, "the Chinese text was not drawn"
    end = ink[-1] + 2
    h = plain.size[1]

    # the emoji font is fetched when the first emoji needs it: until it arrives the emoji are
    # blanks, then they are drawn (ink after the Chinese)
    field_image(phone, TEXT + EMOJI)

    def emoji_drawn() -> Image.Image | None:
        img = field_image(phone)
        return img if len(drawn_after(img, end)) > 20 else None

    mixed = poll(emoji_drawn, timeout=45.0, interval=0.5)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    plain.save(SCREENSHOT_DIR / "emoji_field_plain.png")
    mixed.save(SCREENSHOT_DIR / "emoji_field_mixed.png")
    phone.shot("emoji_search.png")
    # the Chinese glyphs are the same pixels with the emoji after them
    diff = ImageChops.difference(plain.crop((0, 0, end, h)), mixed.crop((0, 0, end, h)))
    assert diff.getbbox() is None, f"the Chinese text changed next to an emoji: {diff.getbbox()}"

    assert not missing, f"font requests failed: {missing}"
    assert not [u for u in fonts if "notocoloremoji" in u or "notosanssc" in u], fonts
    # the 7.6 MB CJK font is fetched once (the manifest), not again by page.fonts
    assert [urlsplit(u).path for u in fonts].count("/fonts/NotoSansSC-Regular.ttf") == 1, fonts


def test_a_reload_asks_for_no_fallback_font(phone: Phone) -> None:
    """A reload (fonts from the browser's cache, the first frame sooner) drew the sign-in screen
    with a paragraph that did not list the CJK family: the engine went looking for Google's Noto
    Sans SC chunks every time. Registered as the engine's last-resort family, it never does."""
    fallback: list[str] = []
    phone.page.on("request", lambda r: fallback.append(r.url) if "notosanssc" in r.url else None)
    for _ in range(3):
        phone.open()
    assert not fallback, fallback
