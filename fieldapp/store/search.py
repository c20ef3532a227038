"""The customers' search text: name, code, phone, address, contact and pinyin initials."""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any


@cache
def _pinyin_table() -> dict[int, str]:
    # pypinyin is pure Python and packs for mobile; without it search still works, minus initials
    try:
        from pypinyin.pinyin_dict import pinyin_dict
    except ImportError:  # pragma: no cover - depends on the installed packages
        return {}
    return pinyin_dict


def initials(text: str) -> str:
    """Pinyin initials of the Chinese characters in text (first reading), e.g. 上海 -> sh."""
    table = _pinyin_table()
    out = []
    for ch in text:
        reading = table.get(ord(ch))
        if reading:
            out.append(unicodedata.normalize("NFD", reading[0])[0])
    return "".join(out)


def search_text(row: dict[str, Any]) -> str:
    """What a customer is found by, lower-cased, fields separated by a unit separator."""
    parts = [str(row.get(k) or "") for k in ("name", "code", "phone", "address", "contact_name")]
    parts.append(initials(str(row.get("name") or "")))
    return "\x1f".join(parts).lower()
