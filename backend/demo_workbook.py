"""The demo frames as Excel workbooks: one, or several when shipments overflow a sheet."""

from __future__ import annotations

import itertools
import pathlib

import numpy as np
import pandas as pd

from backend.importer.spec import SHEETS
from backend.ledger_export import write_sheet
from backend.progress import Phases

EXCEL_ROWS = 1_048_575  # data rows an Excel sheet holds under its header


def workbooks(
    frames: dict[str, pd.DataFrame], limit: int = EXCEL_ROWS
) -> list[dict[str, pd.DataFrame]]:
    """The frames as one workbook or, when the shipments outgrow a sheet (national scale),
    several: the first with every sheet, each further one with the required sheets (areas,
    users, products, customers) and the next whole months of shipments, in date order."""
    s = frames["shipments"]
    if len(s) <= limit:
        return [frames]
    month = s["shipped_on"].to_numpy().astype("datetime64[M]")
    if (np.diff(month.astype(int)) < 0).any():
        raise ValueError("shipments must be in date order to split by month")
    starts = [*np.flatnonzero(np.r_[True, month[1:] != month[:-1]]).tolist(), len(s)]
    cuts = [0]
    for a, b in itertools.pairwise(starts):
        if b - a > limit:
            raise ValueError(f"one month holds {b - a:,} shipment lines, over {limit:,}")
        if b - cuts[-1] > limit:
            cuts.append(a)
    cuts.append(len(s))
    base = {x.name: frames[x.name] for x in SHEETS if x.required}
    parts = [s.iloc[a:b].reset_index(drop=True) for a, b in itertools.pairwise(cuts)]
    first = {name: parts[0] if name == "shipments" else f for name, f in frames.items()}
    return [first] + [base | {"shipments": p} for p in parts[1:]]


def workbook_paths(path: pathlib.Path, n: int) -> list[pathlib.Path]:
    """OUT.xlsx, then OUT-2.xlsx, OUT-3.xlsx … for the further workbooks."""
    return [path] + [path.with_name(f"{path.stem}-{i}{path.suffix}") for i in range(2, n + 1)]


def write_workbook(
    frames: dict[str, pd.DataFrame], path: pathlib.Path, progress: Phases | None = None
) -> None:
    """Write one sheet per frame (English headers, no index), dates as Excel dates."""
    fmt = "YYYY-MM-DD"
    with (
        pd.ExcelWriter(path, engine="xlsxwriter", date_format=fmt, datetime_format=fmt) as xl,
        (progress or Phases()).step("write workbook", total=sum(map(len, frames.values()))) as s,
    ):
        for name, frame in frames.items():
            write_sheet(xl, name, frame, s)
