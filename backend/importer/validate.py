"""Check a workbook completely before anything is written, and say where each problem is."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from backend.importer.distinct import Distinct, all_within, distinct
from backend.importer.normalize import (
    Normalised,
    Tally,
    dates,
    find_header,
    header_text,
    numbers,
    texts,
    total_rows,
)
from backend.importer.spec import MAX_ITEMS, REF_KEYS, SHEETS, SHEETS_BY_NAME, Col, Sheet

_CODE_CHARS, _CODE_LEN = "A-Za-z0-9_.-", 32
_CODE = re.compile(rf"^[{_CODE_CHARS}]{{1,{_CODE_LEN}}}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+() -]{5,20}$")
_TRUE = {"1", "true", "yes", "y", "是", "t"}
_FALSE = {"0", "false", "no", "n", "否", "f"}
_LIST_SPLIT = re.compile(r"\s*[,，、;；]\s*")
# kinds whose text is read NFKC-normalised ('Ｄ００１' is D001); free text keeps its （），
_WIDE = {"code", "email", "phone", "enum"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the workbook, with its place (Excel row numbers, header is row 1)."""

    sheet: str
    row: int | None
    column: str | None
    zh: str
    en: str

    def where(self) -> str:
        """'sheet customers, row 7, column lat' in a compact form."""
        parts = [self.sheet]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(self.column)
        return " / ".join(parts)

    def __str__(self) -> str:
        return f"[{self.where()}] {self.zh} | {self.en}"


@dataclass
class Checked:
    """A validated workbook: typed frames (only the columns present) per sheet."""

    frames: dict[str, pd.DataFrame]


def _rows(index: pd.Index) -> list[int]:
    return [int(i) + 2 for i in index]


class Validator:
    """Collects problems while turning raw sheets into typed frames."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.tally = Tally()  # what was normalised on the way (normalize.py)

    def normalised(self) -> list[Normalised]:
        """Every normalisation made, per sheet (in the spec's order), column and kind."""
        order = {s.name: i for i, s in enumerate(SHEETS)}
        return sorted(self.tally.items(), key=lambda n: order.get(n.sheet, len(order)))

    def add(self, sheet: str, row: int | None, column: str | None, zh: str, en: str) -> None:
        self.problems.append(Problem(sheet, row, column, zh, en))

    def add_rows(self, sheet: str, mask: pd.Series, column: str, zh: str, en: str) -> None:
        for row in _rows(mask[mask].index):
            self.add(sheet, row, column, zh, en)

    def add_values(
        self, sheet: str, raw: pd.Series, mask: pd.Series, column: str, zh: str, en: str
    ) -> None:
        """A problem per marked cell, its value quoted."""
        for label in mask[mask].index:
            value = _quote(raw[label])
            self.add(sheet, int(label) + 2, column, f"{zh}：「{value}」", f'{en}: "{value}"')

    # -- workbook and headers ------------------------------------------------------------------

    def sheets(self, raw: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
        """Match sheet names (English or Chinese) and headers to the spec."""
        by_alias = {s.name: s for s in SHEETS} | {s.zh: s for s in SHEETS}
        out: dict[str, pd.DataFrame] = {}
        for name, frame in raw.items():
            sheet = by_alias.get(str(name).strip())
            if sheet is None:
                known = ", ".join(s.name for s in SHEETS)
                self.add(
                    str(name),
                    None,
                    None,
                    f"未知的工作表（可用：{known}）",
                    f"unknown sheet (known: {known})",
                )
                continue
            if sheet.name in out:
                self.add(sheet.name, None, None, "工作表重复", "the sheet appears twice")
                continue
            out[sheet.name] = self._headers(sheet, frame)
        for sheet in SHEETS:
            if sheet.required and sheet.name not in out:
                self.add(
                    sheet.name,
                    None,
                    None,
                    f"缺少必需的工作表「{sheet.name}」（{sheet.zh}）",
                    f"required sheet '{sheet.name}' ({sheet.zh}) is missing",
                )
        return out

    def _headers(self, sheet: Sheet, frame: pd.DataFrame) -> pd.DataFrame:
        alias = {c.name: c.name for c in sheet.cols} | {c.zh: c.name for c in sheet.cols}
        frame, at = find_header(frame, set(alias))
        if at > 1:
            self.tally.add(sheet.name, None, {"header_row": at - 1})
        else:
            frame = frame.reset_index(drop=True)
        frame = self._totals(sheet, frame)
        renamed: dict[object, str] = {}
        keep = []
        for header in frame.columns:
            text = header_text(header)
            if text != str(header).strip() and text in alias:
                self.tally.add(sheet.name, alias[text], {"header_name": 1})
            if text.startswith("Unnamed:") and frame[header].isna().all():
                continue  # an empty column Excel left behind
            name = alias.get(text)
            if name is None:
                self.add(sheet.name, at, text, "未知的列", "unknown column")
                continue
            if name in renamed.values():
                self.add(sheet.name, at, text, "列重复", "the column appears twice")
                continue
            renamed[header] = name
            keep.append(header)
        frame = frame[keep].rename(columns=renamed)
        for col in sheet.cols:
            if col.required and col.name not in frame.columns:
                self.add(
                    sheet.name,
                    at,
                    col.name,
                    f"缺少必需的列（{col.zh}）",
                    "required column is missing",
                )
        return frame

    def _totals(self, sheet: Sheet, frame: pd.DataFrame) -> pd.DataFrame:
        """Skip the total row at the end; one anywhere else is a problem (and not read further)."""
        tail, totals, middle = total_rows(frame)
        self.tally.add(sheet.name, None, {"total_row": totals})
        for label in middle:
            self.add(
                sheet.name,
                int(label) + 2,
                None,
                "合计行只能在表格末尾（中间的合计行会被当作数据）",
                "a total row is only skipped at the end of the sheet; this one is among the data",
            )
        return frame.drop(index=[*tail, *middle])

    # -- cells ---------------------------------------------------------------------------------

    def cells(self, sheet: Sheet, frame: pd.DataFrame) -> pd.DataFrame:
        """Parse every present column to its type; blank required cells are problems.

        Each column's distinct cells are parsed once (distinct.py); results, problems (every
        row named) and the normalisation counts (every cell counted) go back to the rows."""
        out = pd.DataFrame(index=frame.index)
        for col in sheet.cols:
            if col.name not in frame.columns:
                continue
            raw = frame[col.name]
            cells = distinct(raw)
            if col.required:
                self.add_rows(
                    sheet.name, cells.blank, col.name, "必填项为空", "required value is missing"
                )
            # a blank cell stays blank: the default is for new rows, an existing row keeps its
            # value (upsert.py)
            out[col.name] = self._parse(sheet, col, raw, cells)
        return out

    def _parse(self, sheet: Sheet, col: Col, raw: pd.Series, cells: Distinct) -> pd.Series:
        """The column's values, typed: `cells.values` are read, problems are of `cells.rows`."""
        name, values, weights = sheet.name, cells.values, cells.weights
        if col.kind in ("int", "decimal", "lat", "lng"):
            num, counts = numbers(values, money=col.kind == "decimal", weights=weights)
            num = num.astype(float)  # as with a blank among them: 5 and 5.0 alike are 5.0
            self.tally.add(name, col.name, counts)
            self.add_values(
                name, raw, cells.rows(num.isna()), col.name, "应为数字", "must be a number"
            )
            if col.kind == "int":
                frac = num.notna() & (num != np.floor(num.fillna(0)))
                self.add_rows(
                    name, cells.rows(frac), col.name, "应为整数", "must be a whole number"
                )
            low, high = col.min, col.max
            if col.kind == "lat":
                low, high = -90, 90
            if col.kind == "lng":
                low, high = -180, 180
            if low is not None:
                bad = cells.rows(num < low if not col.min_exclusive else num <= low)
                op_zh, op_en = ("大于", "above") if col.min_exclusive else ("不小于", "at least")
                self.add_rows(name, bad, col.name, f"应{op_zh} {low:g}", f"must be {op_en} {low:g}")
            if high is not None:
                self.add_rows(
                    name,
                    cells.rows(num > high),
                    col.name,
                    f"应不大于 {high:g}",
                    f"must be at most {high:g}",
                )
            if col.kind == "int":
                num = num.round().astype("Int64").astype(object)
            return cells.expand(num.astype(object).where(num.notna(), None))
        if col.kind in ("date", "month"):
            parsed, counts, ambiguous = dates(values, month=col.kind == "month", weights=weights)
            self.tally.add(name, col.name, counts)
            self.add_values(
                name,
                raw,
                cells.rows(ambiguous),
                col.name,
                "日期的日月顺序不明确，请写成 年-月-日（如 2026-01-02）",
                "ambiguous date, day and month could be either way: write it year first"
                " (YYYY-MM-DD)",
            )
            self.add_values(
                name,
                raw,
                cells.rows(parsed.isna() & ~ambiguous),
                col.name,
                "应为日期（YYYY-MM-DD）" if col.kind == "date" else "应为月份（YYYY-MM）",
                "must be a date (YYYY-MM-DD)"
                if col.kind == "date"
                else "must be a month (YYYY-MM)",
            )
            if col.kind == "month":
                not_first = cells.rows(parsed.notna() & (parsed.dt.day != 1))
                self.add_rows(
                    name, not_first, col.name, "月份应为当月第一天", "a month must be its first day"
                )
            return cells.expand(parsed.dt.date.astype(object).where(parsed.notna(), None))
        if col.kind == "bool":
            text = texts(values, wide=True)[0].astype("string").str.lower()
            truth = text.isin(_TRUE)
            false = text.isin(_FALSE)
            self.add_rows(
                name,
                cells.rows(~truth & ~false),
                col.name,
                "应为 是/否",
                "must be yes/no (true/false)",
            )
            return cells.expand(truth.astype(object))
        if col.kind == "code" and all_within(values, _CODE_CHARS, min(_CODE_LEN, col.max_len)):
            return cells.expand(values)  # as codes usually are: nothing to read or refuse
        text, counts = texts(values, wide=col.kind in _WIDE, weights=weights)
        self.tally.add(name, col.name, counts)
        self.add_rows(
            name,
            cells.rows(text.astype("string").str.len() > col.max_len),
            col.name,
            f"不能超过 {col.max_len} 个字",
            f"at most {col.max_len:,} characters",
        )
        if col.kind == "enum":
            labels = {v: k for k, v in col.choices.items()} | {k: k for k in col.choices}
            mapped = text.map(labels)
            allowed = "、".join(col.choices)
            self.add_rows(
                name,
                cells.rows(mapped.isna()),
                col.name,
                f"取值无效（可用：{allowed}）",
                f"not one of: {', '.join(col.choices)}",
            )
            return cells.expand(mapped.astype(object).where(mapped.notna(), None))
        if col.kind == "list":
            items = text.map(lambda s: tuple(p for p in _LIST_SPLIT.split(s) if p))
            self.add_rows(
                name,
                cells.rows(items.map(len) > MAX_ITEMS),
                col.name,
                f"最多 {MAX_ITEMS} 项",
                f"at most {MAX_ITEMS} items",
            )
            return cells.expand(items)
        pattern = {"code": _CODE, "email": _EMAIL, "phone": _PHONE}.get(col.kind)
        if col.kind == "email":
            text = text.str.lower()
        if pattern is not None:
            ok = text.astype("string").str.fullmatch(pattern.pattern)
            zh, en = {
                "code": (
                    "编码只能包含字母、数字、_ . -（最多32位）",
                    "code must be 1-32 letters, digits, _ . -",
                ),
                "email": ("邮箱格式不正确", "not a valid email address"),
                "phone": ("电话号码格式不正确", "not a valid phone number"),
            }[col.kind]
            self.add_rows(name, cells.rows(~ok.fillna(False).astype(bool)), col.name, zh, en)
        return cells.expand(text)

    # -- rows, keys and references -------------------------------------------------------------

    def keys(self, sheet: Sheet, frame: pd.DataFrame) -> None:
        """A natural key appears once per sheet."""
        if not all(k in frame.columns for k in sheet.key):
            return
        keyed = frame[list(sheet.key)]
        # typed columns hold one type each: equal keys are equal values (hashed, not printed)
        dup = keyed.notna().all(axis=1) & keyed.duplicated(keep="first")
        label = "+".join(sheet.key)
        self.add_rows(
            sheet.name, dup, label, "重复的记录（与上面某行相同）", "duplicate of an earlier row"
        )

    def references(self, frames: dict[str, pd.DataFrame], existing: dict[str, set[str]]) -> None:
        """Every reference names a row of this workbook or one already in the database."""
        for sheet_name, frame in frames.items():
            sheet = SHEETS_BY_NAME[sheet_name]
            for col in sheet.cols:
                if col.ref is None or col.name not in frame.columns:
                    continue
                target = frames.get(col.ref)
                key = REF_KEYS[col.ref]
                known = set(existing.get(col.ref, set()))
                if target is not None and key in target.columns:
                    known |= present_values(target[key])
                value = frame[col.name]
                bad = value.notna() & ~value.isin(known)
                ref_zh = SHEETS_BY_NAME[col.ref].zh
                self.add_rows(
                    sheet.name,
                    bad,
                    col.name,
                    f"引用的{ref_zh}不存在（工作簿和数据库中都没有）",
                    f"refers to a {col.ref} row that is in neither the workbook nor the database",
                )


def present_values(column: pd.Series) -> set:
    """A typed column's distinct non-blank values (hashed in C first: a million rows hold
    few)."""
    return set(pd.Series(column.unique(), dtype=object).dropna())


def _quote(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"
