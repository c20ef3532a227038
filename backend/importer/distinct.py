"""A column's distinct cells: each is parsed once and its result taken back to its rows.

A million-row sheet has few distinct values per column (30 SKUs, 20,000 customer codes, a few
hundred dates and prices), so validate.py parses `values` (thousands of cells, not a million) and
`expand`s the results and `rows` the problems through `codes`, which pandas finds in a C hash
table (pd.factorize). The normalisation report counts cells, not distinct values: `count`
weighs a value by the rows it stands for.

1, 1.0 and True are equal (and hash alike) in Python, yet a text column reads them as "1", "1"
and "True": cells of different Python types stay distinct values (`distinct` factorizes the
type too). A column whose cells all share one kind (infer_dtype, C-level) skips that step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

# infer_dtype answers for a column whose equal cells are also alike: no need to split by type.
# Whole numbers as int and float (Excel's 12 and 12.5 in one price column) may share a value:
# 12 and 12.0 read alike as a number, a date serial and a text ('12'), and problems quote each
# row's own cell.
_ALIKE = {
    *("string", "bytes", "integer", "floating", "mixed-integer-float", "boolean"),
    *("datetime", "date", "empty"),
}
_TYPE = np.frompyfunc(type, 1, 1)


@dataclass(frozen=True)
class Distinct:
    """One column as its distinct non-blank cells and, per row, which of them it holds."""

    codes: np.ndarray  # per row: the position of its cell in `values`, -1 for a blank cell
    values: pd.Series  # the distinct non-blank cells (object), indexed 0..n-1
    weights: np.ndarray  # per value: how many rows hold it
    index: pd.Index  # the rows' labels

    @property
    def blank(self) -> pd.Series:
        """Per row: the cell is empty (missing, or only spaces)."""
        return pd.Series(self.codes < 0, index=self.index)

    def rows(self, per_value: pd.Series | np.ndarray) -> pd.Series:
        """Per row: its value is marked (`per_value`: a flag per value; missing is False)."""
        marked = _flags(per_value)
        if not marked.any():
            return pd.Series(np.zeros(len(self.codes), dtype=bool), index=self.index)
        return pd.Series(np.append(marked, False)[self.codes], index=self.index)

    def count(self, per_value: pd.Series | np.ndarray) -> int:
        """How many rows hold a marked value."""
        return int(self.weights[_flags(per_value)].sum())

    def expand(self, per_value: pd.Series) -> pd.Series:
        """Per row: the result of its value (`per_value`, one per value); None for a blank."""
        results = np.empty(len(self.values) + 1, dtype=object)
        results[:-1] = per_value.to_numpy(dtype=object)
        results[-1] = None  # code -1 picks the last
        return pd.Series(results[self.codes], index=self.index, dtype=object)


def distinct(column: pd.Series) -> Distinct:
    """The column's distinct cells; missing cells and text of spaces only are blank."""
    cells = column.to_numpy(dtype=object) if _as_objects(column) else column
    codes, uniques = pd.factorize(cells)
    values = np.asarray(uniques, dtype=object)
    kind = pd.api.types.infer_dtype(values, skipna=True) if cells.dtype == object else ""
    if kind and kind not in _ALIKE:
        codes, values = _by_type(np.asarray(cells), codes)
    blank = _blank(values, kind)
    if blank.any():  # '' and '   ' are blank cells
        keep = np.flatnonzero(~blank)
        remap = np.full(len(values) + 1, -1, dtype=np.intp)  # the last stays -1 for code -1
        remap[keep] = np.arange(len(keep))
        codes, values = remap[codes], values[keep]
    codes = np.asarray(codes, dtype=np.intp)
    weights = np.bincount(codes[codes >= 0], minlength=len(values))
    return Distinct(codes, pd.Series(values, dtype=object), weights, column.index)


def all_within(values: pd.Series, chars: str, longest: int) -> bool:
    """Every value is text of 1..`longest` characters out of `chars` (a regular-expression
    class body such as 'A-Za-z0-9_.-'): checked over all values at once, at C speed, rather
    than with a call per value."""
    if pd.api.types.infer_dtype(values, skipna=False) not in ("string", "empty"):
        return False
    if not len(values):
        return True
    lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    if lengths.min() < 1 or lengths.max() > longest:
        return False
    joined = "\n".join(values)
    if joined.count("\n") != len(values) - 1:
        return False  # a value holds a newline itself
    return re.search(f"[^\n{chars}]", joined) is None


def _as_objects(column: pd.Series) -> bool:
    """Text columns hash faster as Python objects; numbers and timestamps stay typed."""
    return column.dtype == object or isinstance(column.dtype, pd.StringDtype)


def _by_type(cells: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes and values again, with equal cells of different types (1, 1.0, True) apart."""
    types, _ = pd.factorize(_TYPE(cells))
    pair = np.where(codes < 0, -1, codes.astype(np.int64) * (int(types.max()) + 1) + types)
    pairs, _ = pd.factorize(pair)  # -1 (blank) is a value here: set back below
    first = pd.Series(pairs).drop_duplicates().index.to_numpy()  # in order of appearance
    present = pair[first] >= 0
    remap = np.full(len(first) + 1, -1, dtype=np.intp)
    remap[np.flatnonzero(present)] = np.arange(int(present.sum()))
    return remap[pairs], cells[first[present]]


def _blank(values: np.ndarray, kind: str) -> np.ndarray:
    """Which values are text of spaces only (or empty); `kind`: their infer_dtype, '' if typed."""
    if kind == "string":  # str.isspace is what str.strip() strips
        spaces = np.fromiter(map(str.isspace, values), dtype=bool, count=len(values))
        return spaces | (values == "")
    if not kind or kind in _ALIKE:  # numbers, dates: no text among them
        return np.zeros(len(values), dtype=bool)
    return np.fromiter(
        (isinstance(v, str) and not v.strip() for v in values), dtype=bool, count=len(values)
    )


def _flags(per_value: pd.Series | np.ndarray) -> np.ndarray:
    if isinstance(per_value, pd.Series):
        return per_value.to_numpy(dtype=bool, na_value=False)
    return np.asarray(per_value, dtype=bool)
