"""Display compliance (陈列检查) and competitor (竞品上报) summaries for the reports: the rows
of the one figure each (public.display_compliance, public.competitor_summary) over a period, for
an area (its code) and the areas below it, or every area. The service side sees every customer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import psycopg

DISPLAY_SHEET = "陈列检查 Display"
COMPETITOR_SHEET = "竞品 Competitors"
# The display sheet's columns (display_compliance's, header zh/en, kind), shared by the visits
# report and the monthly report. The headline is the share of stores whose latest answer in the
# period is yes (stores_pct); the share of answers (yes_pct) follows as the secondary figure.
DISPLAY_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("template_name", "模板 Template", "text"), ("item_label", "检查项 Item", "text"),
    ("kind", "类型 Kind", "text"), ("tier", "级别 Tier", "qty"), ("grade", "等级 Grade", "text"),
    ("stores", "门店数 Stores", "qty"), ("stores_yes", "达标门店 Stores yes", "qty"),
    ("stores_pct", "门店达标率 % of stores", "pct"), ("answered", "回答数 Answers", "qty"),
    ("yes_count", "回答为是 Yes answers", "qty"), ("yes_pct", "回答为是的比例 % of answers", "pct"),
    ("avg_count", "平均数量 Avg count", "qty"),
)  # fmt: skip
DISPLAY_HEADERS = [h for _, h, _ in DISPLAY_COLUMNS]
COMPETITOR_HEADERS = [
    "品牌 Brand", "产品 Product", "上报数 Reports", "门店数 Stores", "平均价 Avg price",
    "最低价 Min", "最高价 Max", "平均排面 Avg facings", "有促销 With promotion",
]  # fmt: skip
_AREA = "(select id from public.areas where code = %s and deleted_at is null)"


def display_rows(
    conn: psycopg.Connection, start: dt.date, end: dt.date, area_code: str | None = None
) -> list[list[Any]]:
    """display_compliance's rows, one per item and tier/grade, in DISPLAY_COLUMNS' order."""
    cols = ", ".join(f"d.{c}" for c, _, _ in DISPLAY_COLUMNS)
    rows = conn.execute(
        f"select {cols} from public.display_compliance(%s, %s, {_AREA}) d",
        (start, end, area_code),
    ).fetchall()
    return [[_num(v) for v in r] for r in rows]


def competitor_rows(
    conn: psycopg.Connection, start: dt.date, end: dt.date, area_code: str | None = None
) -> list[list[Any]]:
    """competitor_summary's rows, one per brand and product."""
    rows = conn.execute(
        "select s.brand, s.product, s.reports, s.stores, s.avg_price, s.min_price, s.max_price,"
        " s.avg_facings, s.with_promotion"
        f" from public.competitor_summary(%s, %s, {_AREA}) s",
        (start, end, area_code),
    ).fetchall()
    return [[_num(v) for v in r] for r in rows]


def _num(v: Any) -> Any:
    """Decimals as floats (Excel numbers)."""
    from decimal import Decimal

    return float(v) if isinstance(v, Decimal) else v


def openpyxl_sheet(
    ws: Any, title: str, headers: Sequence[str], body: Sequence[Sequence[Any]]
) -> None:
    """A plain summary sheet: title, header row, the rows (the visits report's style)."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(list(headers))
    for cell in ws[3]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F6F5C")
    for row in body:
        ws.append(list(row))
    for c in range(1, len(headers) + 1):
        ws.column_dimensions[get_column_letter(c)].width = 22 if c <= 2 else 12
    ws.freeze_panes = "A4"
