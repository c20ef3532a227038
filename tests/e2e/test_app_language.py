"""Every word on screen is in the app's language: visible texts and the labels a screen reader
reads come from the string tables, including Flutter's own (back, dialogs, dismissing a sheet)."""

from __future__ import annotations

import re

from playwright.sync_api import Page

from tests.e2e.app_helpers import Phone

#: English-looking words that are right in the Chinese UI: names, units, codes.
ALLOWED = {"OSM", "OpenStreetMap", "GPS", "English", "km", "FieldSales"}
WORD = re.compile(r"[A-Za-z]{3,}")


def english_words(page: Page) -> set[str]:
    """Words of three or more Latin letters in the accessibility tree's labels and texts that
    are not data (an email, a code) or one of the allowed names."""
    texts: list[str] = page.evaluate(
        """() => [...document.querySelectorAll('flt-semantics, flt-semantics *')]
              .flatMap(e => [e.getAttribute('aria-label') || '',
                             e.childElementCount === 0 ? (e.textContent || '') : ''])
              .filter(t => t.trim())"""
    )
    found = set()
    for text in texts:
        text = re.sub(r"\S+@\S+|[A-Z]{1,3}-?\d+\S*|https?://\S+", " ", text)  # emails, codes
        if "©" in text:
            continue  # a tile provider's credit line, in the provider's words
        found |= {w for w in WORD.findall(text) if w not in ALLOWED}
    return found


def test_the_chinese_ui_says_nothing_in_english(phone: Phone) -> None:
    phone.open()
    phone.sign_in("rep03@demo.fieldsales.cn")
    page = phone.page
    seen: dict[str, set[str]] = {"today": english_words(page)}
    phone.tab("客户").click()
    phone.see("找到")  # the list has come
    seen["customers"] = english_words(page)
    page.get_by_label("设置", exact=True).click()
    phone.see("地图底图")
    seen["settings"] = english_words(page)
    back = page.get_by_role("button", name="返回")  # Flutter's own back button, in Chinese
    back.wait_for()
    back.click()
    phone.tab("同步").click()
    phone.see("上次同步")
    seen["sync"] = english_words(page)
    phone.tab("地图").click()
    page.get_by_role("button", name=re.compile(r"^(网点|聚合) ")).first.wait_for()
    seen["map"] = english_words(page)
    page.get_by_label("筛选", exact=True).click()  # a modal sheet over the map
    phone.see("预警")
    seen["map filters"] = english_words(page)
    assert {k: v for k, v in seen.items() if v} == {}
