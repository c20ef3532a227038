"""Workbooks as offices keep them: the unambiguous forms people type, turned into the
importer's own, and every change counted for the import's report (docs/data-format.md).

Accepted: a title above the header, a total row at the end, spaces around a value, full-width
characters in codes, numbers and dates (NFKC), thousands separators and a ¥ sign on amounts,
year-first dates as text (2025/8/5, 2025年8月5日) and Excel date serials in General cells.
Refused, with the value quoted: what could mean two things (1/2/2026: January or February?).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

# kind -> (Chinese, English) for the report
KINDS: dict[str, tuple[str, str]] = {
    "header_row": ("表头上方的标题行已跳过", "title rows above the header skipped"),
    "total_row": ("末尾的合计行已跳过", "total row at the end skipped"),
    "header_name": ("列名已规范化（全角/空格）", "column name normalised (full-width/spaces)"),
    "trimmed": ("去掉首尾空格", "leading/trailing spaces trimmed"),
    "full_width": ("全角字符转为半角", "full-width characters made half-width"),
    "thousands": ("去掉千位分隔符", "thousands separators removed"),
    "currency": ("去掉货币符号 ¥/元", "currency sign ¥/元 removed"),
    "date_text": ("文本日期（如 2025/8/5）", "date as text (e.g. 2025/8/5)"),
    "date_chinese": ("中文日期（如 2025年8月5日）", "date in Chinese (e.g. 2025年8月5日)"),
    "excel_serial": ("Excel 日期序号（常规格式）", "Excel date serial in a General cell"),
}
ROW_KINDS = {"header_row", "total_row"}  # counted in rows; the others in cells

HEADER_SEARCH = 5  # the header is looked for among the first rows
TOTAL = re.compile(r"^(合计|总计|小计|共计|total|grand total|subtotal)[:：]?$", re.IGNORECASE)
# exact cells a total row starts with anywhere in a sheet (a fast hash lookup at any size)
_TOTAL_CELLS = {
    f"{w}{c}"
    for word in ("合计", "总计", "小计", "共计", "Total", "Grand total", "Subtotal")
    for w in {word, word.lower(), word.upper()}
    for c in ("", ":", "：")
}
_NUMBER = re.compile(
    r"^(?P<sign>[-+]?)(?P<cur>¥?)\s*(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?\s*(?P<yuan>元?)$"
)
_YMD = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$")
_YMD_ZH = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]$")
_YM = re.compile(r"^(\d{4})([-/.])(\d{1,2})$")
_YM_ZH = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$|^\d{4}-\d{2}$")
# day and month in an order nobody can tell: 1/2/2026, 01.02.26, 5-8-2025
AMBIGUOUS_DATE = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# serials taken as dates: 1900-03-01 .. 2100-12-31 (smaller or larger numbers are not dates)
SERIALS = (61, 73415)


@dataclass(frozen=True)
class Normalised:
    """One kind of change made in one column (or, for header/total rows, one sheet)."""

    sheet: str
    column: str | None
    kind: str
    count: int  # cells; rows for header_row and total_row

    def __str__(self) -> str:
        zh, en = KINDS[self.kind]
        where = self.sheet + (f" / {self.column}" if self.column else "")
        if self.kind == "header_row":
            n = self.count + 1
            return f"[{where}] 表头在第 {n} 行，跳过上方 {self.count} 行 | header on row {n}, {en}"
        unit_zh, unit_en = ("行", "row(s)") if self.kind in ROW_KINDS else ("格", "cell(s)")
        return f"[{where}] {zh}：{self.count} {unit_zh} | {en}: {self.count} {unit_en}"


class Tally:
    """Counts of changes per sheet, column and kind, in the order first seen."""

    def __init__(self) -> None:
        self._counts: dict[tuple[str, str | None, str], int] = {}

    def add(self, sheet: str, column: str | None, counts: dict[str, int]) -> None:
        for kind, n in counts.items():
            if n:
                key = (sheet, column, kind)
                self._counts[key] = self._counts.get(key, 0) + int(n)

    def items(self) -> list[Normalised]:
        return [Normalised(s, c, k, n) for (s, c, k), n in self._counts.items()]


def nfkc(text: str) -> str:
    """Full-width letters, digits and signs as their ordinary forms ('Ｄ００１' -> 'D001')."""
    return unicodedata.normalize("NFKC", text) if not text.isascii() else text


def header_text(value: object) -> str:
    return nfkc(str(value)).strip()


# -- sheets: the header row and the total row -------------------------------------------------


def find_header(frame: pd.DataFrame, names: set[str]) -> tuple[pd.DataFrame, int]:
    """The frame with its real header row as columns, and that row's Excel number.

    Row 1 stays the header when one of its cells is a known column name. Otherwise the first of
    rows 2..HEADER_SEARCH naming the most known columns is the header; the rows above it are a
    title. The data's index stays 'Excel row - 2', as for a header on row 1."""
    if any(header_text(h) in names for h in frame.columns) or frame.empty:
        return frame, 1
    best, at = 0, None
    for i in range(min(HEADER_SEARCH - 1, len(frame))):
        hits = sum(isinstance(v, str) and header_text(v) in names for v in frame.iloc[i])
        if hits > best:
            best, at = hits, i
    if at is None:
        return frame, 1
    seen: dict[str, int] = {}
    columns = []
    for j, value in enumerate(frame.iloc[at]):
        text = f"Unnamed: {j}" if pd.isna(value) else header_text(value)
        seen[text] = seen.get(text, -1) + 1
        columns.append(text if not seen[text] else f"{text}.{seen[text]}")  # as pandas would
    body = frame.iloc[at + 1 :].copy()
    body.columns = columns
    body.index = range(at + 1, at + 1 + len(body))
    return body, at + 2


def _first_cell(row: pd.Series) -> object:
    present = row[row.notna()]
    for value in present:
        if not (isinstance(value, str) and not value.strip()):
            return value
    return None


def _is_total(value: object) -> bool:
    if not isinstance(value, str):
        return False
    return bool(TOTAL.match(re.sub(r"\s+", "", nfkc(value))))


def total_rows(frame: pd.DataFrame) -> tuple[list[int], int, list[int]]:
    """Index labels of the trailing total rows with the blank rows among them, how many of them
    are total rows, and the labels of total rows elsewhere.

    A row is a total row when its first non-empty cell is 合计, 总计, 小计 (or Total...). Only
    those at the end are skipped; one in the middle is a mistake to show."""
    tail: list[int] = []
    for label in reversed(frame.index):
        first = _first_cell(frame.loc[label])
        if first is None or _is_total(first):
            tail.append(label)
            continue
        break
    totals = sum(_is_total(_first_cell(frame.loc[label])) for label in tail)
    if not totals:
        tail = []  # blank rows alone at the end are left as they always were
    rest = frame.drop(index=tail)
    marked = pd.Series(False, index=rest.index)
    pending = pd.Series(True, index=rest.index)  # rows whose first cell is not found yet
    for col in range(rest.shape[1]):  # column by column: one pass over the rows, at any size
        cells = rest.iloc[:, col]
        here = pending & cells.notna()
        marked[here] = cells[here].isin(_TOTAL_CELLS)
        pending &= ~here
        if not pending.any():
            break
    return sorted(tail), totals, list(rest.index[marked])


# -- cells ---------------------------------------------------------------------------------------


def texts(
    raw: pd.Series, *, wide: bool, weights: np.ndarray | None = None
) -> tuple[pd.Series, dict[str, int]]:
    """Cells as text, trimmed; with `wide`, NFKC too (codes, emails, phones, choices).

    Whole floats lose their '.0' (Excel stores 1001 as 1001.0). Free text keeps its full-width
    punctuation: （）and ，are right in a Chinese name or note. `weights`: how many cells each
    one stands for (distinct.py), for the counts."""
    present = raw.notna()
    w = _weights(raw, weights)
    if pd.api.types.infer_dtype(raw, skipna=True) == "string":
        text = raw.astype("string")
    else:
        text = raw.map(_text, na_action="ignore").astype("string")
    counts: dict[str, int] = {}
    if wide:
        odd = ~text.str.isascii().fillna(True).astype(bool)
        if odd.any():
            fixed = text[odd].map(nfkc)
            changed = (fixed != text[odd]).to_numpy(dtype=bool, na_value=False)
            counts["full_width"] = int(w[odd.to_numpy(dtype=bool)][changed].sum())
            text = text.copy()
            text[odd] = fixed
    stripped = text.str.strip()
    counts["trimmed"] = int(w[(stripped != text).to_numpy(dtype=bool, na_value=False)].sum())
    return stripped.astype(object).where(present, None), counts


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def numbers(
    raw: pd.Series, *, money: bool, weights: np.ndarray | None = None
) -> tuple[pd.Series, dict[str, int]]:
    """Cells as floats (NaN where not a number). Text may carry thousands separators grouped by
    three ('66,814.00') and, where `money`, a ¥ before or 元 after; '1,20' stays refused.
    `weights`: how many cells each one stands for, for the counts."""
    num = pd.to_numeric(raw, errors="coerce")
    kind = pd.api.types.infer_dtype(raw, skipna=True)
    counts: dict[str, int] = {}
    if kind in ("integer", "floating", "mixed-integer-float", "decimal", "empty", "boolean"):
        return num, counts
    w = _weights(raw, weights)
    for at in np.flatnonzero(raw.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)):
        parsed = _number(raw.iloc[at], money, counts, int(w[at]))
        if parsed is not None:  # else as pandas read it ('1e3' is a number, '1,20' is not)
            num.iloc[at] = parsed
    return num, counts


def _number(value: str, money: bool, counts: dict[str, int], weight: int = 1) -> float | None:
    text = nfkc(value)
    found = []
    if text != value:
        found.append("full_width")
    if text.strip() != text:
        found.append("trimmed")
    m = _NUMBER.match(text.strip())
    if m is None or ((m["cur"] or m["yuan"]) and not money):
        return None
    if "," in m["int"]:
        found.append("thousands")
    if m["cur"] or m["yuan"]:
        found.append("currency")
    for kind in found:
        counts[kind] = counts.get(kind, 0) + weight
    return float(f"{m['sign']}{m['int'].replace(',', '')}{m['frac'] or ''}")


def dates(
    raw: pd.Series, *, month: bool, weights: np.ndarray | None = None
) -> tuple[pd.Series, dict[str, int], pd.Series]:
    """Cells as timestamps (NaT where not a date), the counts, and which cells are ambiguous.

    Date cells pass as they are; whole numbers are Excel serials; text may be ISO (2025-08-05,
    also 2025-8-5), 2025/8/5, 2025.8.5, 2025年8月5日 (and, for months, 2025/8, 2025年8月).
    `weights`: how many cells each one stands for, for the counts."""
    ambiguous = pd.Series(False, index=raw.index)
    if pd.api.types.is_datetime64_any_dtype(raw):
        return raw, {}, ambiguous
    inferred = pd.api.types.infer_dtype(raw, skipna=True)
    if inferred in ("datetime64", "datetime", "date", "empty"):  # date cells, as Excel keeps them
        return pd.to_datetime(raw, errors="coerce", format="ISO8601"), {}, ambiguous
    counts: dict[str, int] = {}
    kinds = raw.map(_cell_kind) if inferred != "string" else raw.notna().map({True: "text"})
    out = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
    other = kinds == "other"
    if other.any():  # date and datetime cells among others
        out[other] = pd.to_datetime(raw[other], errors="coerce", format="ISO8601")
    text = kinds == "text"
    iso = text & raw.astype("string").str.fullmatch(r"\d{4}-\d{2}-\d{2}").fillna(False)
    if iso.any():  # the documented form, at any size
        out[iso] = pd.to_datetime(raw[iso], errors="coerce", format="%Y-%m-%d")
    w = _weights(raw, weights)
    for at in np.flatnonzero((kinds == "number").to_numpy(dtype=bool)):
        out.iloc[at] = _serial(raw.iloc[at], counts, int(w[at]))
    for at in np.flatnonzero((text & ~iso).to_numpy(dtype=bool)):
        value = raw.iloc[at]
        if AMBIGUOUS_DATE.match(nfkc(value).strip()):
            ambiguous.iloc[at] = True
        else:
            out.iloc[at] = _date_text(value, month, counts, int(w[at]))
    return out, counts, ambiguous


def _cell_kind(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "blank"
    if isinstance(value, str):
        return "text"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "number"
    return "other"


def _serial(value: float, counts: dict[str, int], weight: int = 1) -> pd.Timestamp | None:
    if not float(value).is_integer() or not SERIALS[0] <= value <= SERIALS[1]:
        return None
    counts["excel_serial"] = counts.get("excel_serial", 0) + weight
    return pd.Timestamp(_EXCEL_EPOCH + dt.timedelta(days=int(value)))


def _date_text(
    value: str, month: bool, counts: dict[str, int], weight: int = 1
) -> pd.Timestamp | None:
    text = nfkc(value)
    found = ["full_width"] if text != value else []
    if text.strip() != text:
        found.append("trimmed")
    text = text.strip()
    parts: tuple[str, ...] | None = None
    form = ""
    if _ISO.match(text):
        parts = tuple(text.split("-"))
    elif m := _YMD.match(text):
        parts, form = (m[1], m[3], m[4]), "date_text"
    elif m := _YMD_ZH.match(text):
        parts, form = (m[1], m[2], m[3]), "date_chinese"
    elif month and (m := _YM.match(text)):
        parts, form = (m[1], m[3]), "date_text"
    elif month and (m := _YM_ZH.match(text)):
        parts, form = (m[1], m[2]), "date_chinese"
    if parts is None:  # other ISO 8601 forms, as before (20250805, 2025-08-05T09:00)
        stamp = pd.to_datetime(text, errors="coerce", format="ISO8601")
        parsed = None if pd.isna(stamp) else pd.Timestamp(stamp)
    else:
        if not _ISO.match(text):
            found.append(form)
        try:
            parsed = pd.Timestamp(dt.date(*(int(p) for p in (*parts, "1")[:3])))
        except ValueError:
            parsed = None
    if parsed is not None:
        for kind in found:
            counts[kind] = counts.get(kind, 0) + weight
    return parsed


def _weights(raw: pd.Series, weights: np.ndarray | None) -> np.ndarray:
    return np.ones(len(raw), dtype=np.int64) if weights is None else np.asarray(weights)
