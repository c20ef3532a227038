"""UI string tables (Chinese default, English) and the lookup function ``t``."""

from __future__ import annotations

from fieldapp.ui import (
    strings_bounds,
    strings_cases,
    strings_dealer,
    strings_dealer_relations,
    strings_desk,
    strings_display,
    strings_eliminate,
    strings_exec,
    strings_ledger,
    strings_map,
    strings_matrix,
    strings_meetings,
    strings_orders,
    strings_plans,
    strings_scorecards,
    strings_support,
    strings_warnings,
)
from fieldapp.ui.strings_app import PAIRS

DEFAULT_LANG = "zh"

STRINGS: dict[str, dict[str, str]] = {
    "zh": {
        "window_title": "销售通 FieldSales",
        "app_title": "销售通",
        "summary_title": "演示数据概览",
        "lang_toggle": "English",
        "lang_toggle_tip": "切换到英文界面",
        "summary.areas": "区域",
        "summary.reps": "业务员",
        "summary.dealers": "经销商",
        "summary.outlets": "二批/终端网点",
        "summary.products": "产品",
        "summary.shipments": "出货记录",
        "summary.payments": "回款记录",
    },
    "en": {
        "window_title": "销售通 FieldSales",
        "app_title": "FieldSales",
        "summary_title": "Demo data overview",
        "lang_toggle": "中文",
        "lang_toggle_tip": "Switch to Chinese",
        "summary.areas": "Areas",
        "summary.reps": "Sales reps",
        "summary.dealers": "Dealers",
        "summary.outlets": "Sub-distributors / outlets",
        "summary.products": "Products",
        "summary.shipments": "Shipments",
        "summary.payments": "Payments",
    },
}

# one table per part of the app; a key defined twice is a bug
for _pairs in (
    PAIRS,
    strings_map.PAIRS,
    strings_plans.PAIRS,
    strings_ledger.PAIRS,
    strings_dealer.PAIRS,
    strings_dealer_relations.PAIRS,
    strings_desk.PAIRS,
    strings_cases.PAIRS,
    strings_orders.PAIRS,
    strings_warnings.PAIRS,
    strings_scorecards.PAIRS,
    strings_eliminate.PAIRS,
    strings_matrix.PAIRS,
    strings_exec.PAIRS,
    strings_support.PAIRS,
    strings_display.PAIRS,
    strings_meetings.PAIRS,
    strings_bounds.PAIRS,
):
    for _key, (_zh, _en) in _pairs.items():
        assert _key not in STRINGS["zh"], f"UI string {_key} is defined twice"
        STRINGS["zh"][_key] = _zh
        STRINGS["en"][_key] = _en

LANGUAGES: tuple[str, ...] = tuple(STRINGS)


def t(key: str, lang: str = DEFAULT_LANG) -> str:
    """Translate ``key`` into ``lang``, falling back to Chinese, then to the key itself."""
    table = STRINGS.get(lang, STRINGS[DEFAULT_LANG])
    if key in table:
        return table[key]
    return STRINGS[DEFAULT_LANG].get(key, key)


def summary_label(key: str, lang: str = DEFAULT_LANG) -> str:
    """Return the label of a summary count key; unknown keys are shown as the key name."""
    return t(f"summary.{key}", lang) if f"summary.{key}" in STRINGS[DEFAULT_LANG] else key


def other_lang(lang: str) -> str:
    """Return the language the toggle switches to."""
    return "en" if lang == "zh" else "zh"
