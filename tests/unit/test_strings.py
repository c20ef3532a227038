"""Unit tests of the UI string tables."""

from __future__ import annotations

from fieldapp.ui.strings import STRINGS, other_lang, summary_label, t


def test_zh_and_en_have_same_keys() -> None:
    """Every key exists in both languages."""
    assert set(STRINGS["zh"]) == set(STRINGS["en"])


def test_no_empty_strings() -> None:
    """No translation is blank."""
    for lang, table in STRINGS.items():
        assert all(v.strip() for v in table.values()), lang


def test_lookup_and_fallbacks() -> None:
    """Known keys translate; unknown languages fall back to Chinese, unknown keys to the key."""
    assert t("tab_today") == "今日"
    assert t("tab_today", "en") == "Today"
    assert t("tab_today", "fr") == "今日"
    assert t("no_such_key", "en") == "no_such_key"
    assert summary_label("dealers", "zh") == "经销商"
    assert summary_label("visits", "zh") == "visits"
    assert other_lang("zh") == "en" and other_lang("en") == "zh"
