"""Bilingual messages for the services: every user-facing sentence comes in Chinese and English."""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.errors import FieldSalesError, InvalidInput


@dataclass(frozen=True)
class Msg:
    """One sentence in Chinese and English."""

    zh: str
    en: str

    def __call__(self, lang: str) -> str:
        """The sentence in lang (English for "en", Chinese otherwise)."""
        return self.en if lang == "en" else self.zh


def error_text(exc: FieldSalesError, lang: str) -> str:
    """A project error as one sentence with its title, in lang."""
    if lang == "en":
        return f"{exc.title_en}: {exc.message_en}"
    return f"{exc.title_zh}：{exc.message_zh}"


class FieldErrors(InvalidInput):
    """A form with invalid fields: a message per field, shown under the field."""

    def __init__(self, fields: dict[str, Msg]) -> None:
        first = next(iter(fields.values()))
        super().__init__(first.zh, first.en)
        self.fields = fields
