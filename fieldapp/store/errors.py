"""Errors of the phone's local store (part of the project's one error family)."""

from __future__ import annotations

from fieldapp.errors import FieldSalesError, InvalidInput


class StoreError(FieldSalesError):
    """The local database could not be opened, migrated or written."""

    title_zh = "本地数据出错"
    title_en = "Local data error"


class UnknownTable(InvalidInput):
    """A write named a table the phone does not keep or may not change."""

    def __init__(self, table: str) -> None:
        super().__init__(f"不能在手机上修改“{table}”", f"the phone cannot change '{table}'")
        self.table = table


class BadRow(InvalidInput):
    """A row to write is not a JSON object with an id."""
