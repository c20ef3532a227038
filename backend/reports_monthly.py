"""`fieldsales report monthly`: plan vs actual, receivables ageing, expenses vs budget,
distribution targets vs actual, customer feedback, display compliance and competitor reports
for one month, as a formatted Excel workbook.
The figures come from the ledger's SQL functions, `distribution_vs_target`, `feedback_summary`,
`display_compliance` and `competitor_summary`."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import psycopg

from backend import clock
from backend import reports_display as rd
from backend.ledger_export import temp_beside
from backend.progress import Phases
from fieldapp.errors import InvalidInput

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class View:
    """One sheet: its name, title, columns (name, header, kind) and colour rules."""

    name: str
    title: str
    cols: tuple[tuple[str, str, str], ...]  # (column, header zh/en, kind: text|money|qty|pct|date)
    freeze_cols: int


PLAN = View(
    "计划达成 Plan",
    "计划与实际（按经销商、产品）Plan vs actual by dealer and SKU",
    (
        ("area_code", "区域 Area", "text"), ("customer_code", "客户编码 Code", "text"),
        ("customer_name", "经销商 Dealer", "text"), ("sku", "产品编码 SKU", "text"),
        ("product_name", "品名 Product", "text"), ("spec", "规格 Spec", "text"),
        ("plan_quantity", "计划数量 Plan qty", "qty"), ("actual_quantity", "实际数量 Qty", "qty"),
        ("plan_amount", "本月计划 Plan", "money"), ("actual_amount", "本月实际 Actual", "money"),
        ("progress_pct", "完成率 Progress %", "pct"), ("ytd_plan", "累计计划 YTD plan", "money"),
        ("ytd_actual", "累计实际 YTD actual", "money"),
        ("ytd_progress_pct", "累计完成率 YTD %", "pct"),
        ("last_year_amount", "去年同期 Same month LY", "money"),
        ("last_year_ytd", "去年同期累计 YTD LY", "money"),
    ),
    6,
)  # fmt: skip
DEALERS = View(
    "经销商汇总 Dealers",
    "经销商汇总（与台账一致）Dealers: the ledger's month",
    (
        ("area_code", "区域 Area", "text"), ("customer_code", "客户编码 Code", "text"),
        ("customer_name", "经销商 Dealer", "text"), ("plan_amount", "本月计划 Plan", "money"),
        ("purchases", "本月进货 Purchases", "money"), ("progress_pct", "完成率 Progress %", "pct"),
        ("ytd_plan", "累计计划 YTD plan", "money"), ("ytd_purchases", "累计进货 YTD", "money"),
        ("ytd_progress_pct", "累计完成率 YTD %", "pct"),
        ("last_year_purchases", "去年同期 Same month LY", "money"),
        ("last_year_ytd", "去年同期累计 YTD LY", "money"), ("yoy_pct", "同比 vs LY %", "pct"),
        ("payments", "本月回款 Payments", "money"), ("credits", "退货折让 Credits", "money"),
        ("closing_balance", "月末应收 Balance", "money"),
        ("credit_limit", "信用额度 Credit limit", "money"),
        ("over_limit", "超额度 Over limit", "money"),
    ),
    3,
)  # fmt: skip
AGEING = View(
    "应收账龄 Ageing",
    "应收账款账龄（先进先出）Receivables ageing, FIFO",
    (
        ("area_code", "区域 Area", "text"), ("customer_code", "客户编码 Code", "text"),
        ("customer_name", "客户 Customer", "text"), ("balance", "应收余额 Balance", "money"),
        ("days_0_30", "0–30天", "money"), ("days_31_60", "31–60天", "money"),
        ("days_61_90", "61–90天", "money"), ("days_over_90", ">90天", "money"),
        ("credit_limit", "信用额度 Credit limit", "money"),
        ("over_limit", "超额度 Over limit", "money"),
        ("oldest_open", "最早未清 Oldest open", "date"),
    ),
    3,
)  # fmt: skip
EXPENSES = View(
    "费用预算 Expenses",
    "销售费用与预算 Expenses vs budget",
    (
        ("area_code", "区域 Area", "text"), ("customer_code", "客户编码 Code", "text"),
        ("customer_name", "客户 Customer", "text"), ("period_start", "预算起 From", "date"),
        ("period_end", "预算止 To", "date"), ("budget", "预算 Budget", "money"),
        ("spent_month", "本月费用 This month", "money"),
        ("spent_period", "期内累计 In period", "money"), ("remaining", "剩余 Remaining", "money"),
        ("used_pct", "使用率 Used %", "pct"),
    ),
    3,
)  # fmt: skip

DISTRIBUTION = View(
    "分销目标 Distribution",
    "分销目标与实际（铺货率、活跃网点）Distribution targets vs actual",
    (
        ("area_code", "区域 Area", "text"), ("customer_code", "客户编码 Code", "text"),
        ("customer_name", "经销商 Dealer", "text"), ("sku", "产品编码 SKU", "text"),
        ("product_name", "品名 Product", "text"), ("target_pct", "目标铺货率 Target %", "pct"),
        ("actual_pct", "实际铺货率 Actual %", "pct"), ("gap_pct", "差距 Gap %", "pct"),
        ("target_outlets", "目标网点 Target outlets", "qty"),
        ("actual_outlets", "实际网点 Actual outlets", "qty"),
        ("gap_outlets", "网点差距 Gap outlets", "qty"), ("met", "达成 Met", "text"),
    ),
    5,
)  # fmt: skip
FEEDBACK = View(
    "客户意见 Feedback",
    "客户意见（满意度1–5分，近12个月，feedback_summary）Customer feedback, last 12 months",
    (
        ("area_name", "区域 Area", "text"), ("month", "月份 Month", "text"),
        ("feedback_count", "评分条数 Scored", "qty"), ("average_score", "平均分 Average", "qty"),
        ("low_pct", "低分占比(1–2分) Low %", "pct"),
        ("unscored", "无评分的拜访意见 Visit notes without score", "qty"),
    ),
    2,
)  # fmt: skip
FEEDBACK_TEXTS = View(
    "意见明细 Feedback texts",
    "本月客户意见原文（含拜访记录中的客户反馈）Feedback this month, with the visits' notes",
    (
        ("day", "日期 Day", "date"), ("area_code", "区域 Area", "text"),
        ("customer_name", "客户 Customer", "text"), ("score", "评分 Score", "qty"),
        ("source", "来源 Source", "text"), ("text", "意见 Feedback", "text"),
    ),
    3,
)  # fmt: skip


DISPLAY = View(
    rd.DISPLAY_SHEET,
    "本月陈列检查（按检查项、级别、等级；门店达标率按各店本月最后一次回答，display_compliance）"
    "Display compliance this month: % of stores by each store's latest answer",
    rd.DISPLAY_COLUMNS,
    2,
)
COMPETITORS = View(
    "竞品 Competitors",
    "本月竞品上报（按品牌、产品，competitor_summary）Competitor reports this month",
    (
        ("brand", "品牌 Brand", "text"), ("product", "产品 Product", "text"),
        ("reports", "上报数 Reports", "qty"), ("stores", "门店数 Stores", "qty"),
        ("avg_price", "平均价 Avg price", "money"), ("min_price", "最低价 Min", "money"),
        ("max_price", "最高价 Max", "money"), ("avg_facings", "平均排面 Avg facings", "qty"),
        ("with_promotion", "有促销 With promotion", "qty"),
    ),
    2,
)  # fmt: skip


def parse_month(text: str) -> dt.date:
    """The first day of a YYYY-MM month; InvalidInput otherwise."""
    m = _MONTH.match(text or "")
    if not m or not 1 <= int(m.group(2)) <= 12 or not 2000 <= int(m.group(1)) <= 2100:
        raise InvalidInput(
            f"月份格式应为 YYYY-MM（如 2026-11）：{text!r}",
            f"the month must be YYYY-MM (e.g. 2026-11), got {text!r}",
        )
    return dt.date(int(m.group(1)), int(m.group(2)), 1)


def _check_area(conn: psycopg.Connection, area: str | None) -> None:
    if area is None:
        return
    found = conn.execute(
        "select 1 from public.areas where code = %s and deleted_at is null", (area,)
    ).fetchone()
    if not found:
        raise InvalidInput(f"找不到区域「{area}」", f"unknown area {area!r}")


def _query(conn: psycopg.Connection, query: str, params: tuple[Any, ...]) -> pd.DataFrame:
    cur = conn.execute(query, params)
    return pd.DataFrame(cur.fetchall(), columns=[c.name for c in cur.description], dtype=object)


def month_end(month: dt.date) -> dt.date:
    """The last day of the month."""
    nxt = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def report_frames(
    conn: psycopg.Connection,
    month: dt.date,
    area: str | None = None,
    progress: Phases | None = None,
) -> dict[str, pd.DataFrame]:
    """The report's views as frames keyed by sheet name (each a phase of `progress`)."""
    _check_area(conn, area)
    phases = progress or Phases()

    def run(view: View, make: Callable[..., pd.DataFrame], *args: Any) -> pd.DataFrame:
        with phases.step(f"query {view.name}") as s:
            frame = make(conn, *args)
            s.advance(len(frame))
        return frame

    plan = run(PLAN, _query, "select * from public.monthly_plan_actual(%s, %s)", (month, area))
    # the dealers' month from the ledger's own definition (private.ledger_months, of which
    # dealer_ledger returns a year), so the sheets agree with it by construction; one call for
    # all the report's dealers (the frame keeps the ledger's columns after customer_id)
    dealers = run(
        DEALERS,
        _query,
        "select a.code as area_code, c.code as customer_code, c.name as customer_name, l.*"
        " from private.ledger_months("
        "   array(select id from private.report_customers(%s, 1::smallint)), %s, %s) l"
        " join public.customers c on c.id = l.customer_id"
        " join public.areas a on a.id = c.area_id order by a.code, c.code",
        (area, month, month),
    )
    ageing = run(
        AGEING,
        _query,
        "select * from public.receivables_ageing(%s, %s)",
        (month_end(month), area),
    )
    expenses = run(
        EXPENSES, _query, "select * from public.expenses_vs_budget(%s, %s)", (month, area)
    )
    # the dealers with targets this month, against public.distribution_vs_target (the one
    # distribution figure, as of the month's last day), then the areas' targets
    # (public.area_distribution_vs_target)
    distribution = run(
        DISTRIBUTION,
        _query,
        "select a.code as area_code, c.code as customer_code, c.name as customer_name, d.sku,"
        " d.product_name, d.target_pct, d.actual_pct, d.gap_pct, d.target_outlets,"
        " d.actual_outlets, d.gap_outlets,"
        " case when d.met then '达成 met' else '未达成 missed' end as met"
        " from public.customers c join public.areas a on a.id = c.area_id"
        " cross join lateral public.distribution_vs_target(c.id, %s) d"
        " where c.id in (select id from private.report_customers(%s, 1::smallint))"
        " and exists (select from public.distribution_targets t"
        "             where t.dealer_id = c.id and t.month = %s)"
        " and d.target_pct is not null"
        # and the areas' own targets, against the same figure summed over their dealers
        " union all select a.code, '', '区域合计 Area', d.sku, d.product_name, d.target_pct,"
        " d.actual_pct, d.gap_pct, d.target_outlets, d.actual_outlets, d.gap_outlets,"
        " case when d.met then '达成 met' else '未达成 missed' end"
        " from public.areas a"
        " cross join lateral public.area_distribution_vs_target(a.id, %s) d"
        " where a.deleted_at is null"
        " and exists (select from public.distribution_targets t"
        "             where t.area_id = a.id and t.month = %s)"
        " and (%s::text is null or a.id in ("
        "   with recursive tree as (select x.id from public.areas x where x.code = %s"
        "   union select y.id from public.areas y join tree on y.parent_id = tree.id)"
        "   select id from tree))"
        " order by 1, 2, 4",
        (month, area, month, month, month, area, area),
    )
    return {
        PLAN.name: plan,
        DEALERS.name: dealers,
        AGEING.name: ageing,
        EXPENSES.name: expenses,
        DISTRIBUTION.name: distribution,
        FEEDBACK.name: run(FEEDBACK, feedback_frame, month, area),
        FEEDBACK_TEXTS.name: run(FEEDBACK_TEXTS, feedback_texts, month, area),
        DISPLAY.name: run(
            DISPLAY,
            _query,
            "select d.* from public.display_compliance(%s, %s,"
            " (select id from public.areas where code = %s and deleted_at is null)) d",
            (month, month_end(month), area),
        ),
        COMPETITORS.name: run(
            COMPETITORS,
            _query,
            "select s.* from public.competitor_summary(%s, %s,"
            " (select id from public.areas where code = %s and deleted_at is null)) s",
            (month, month_end(month), area),
        ),
    }


def feedback_frame(conn: psycopg.Connection, month: dt.date, area: str | None) -> pd.DataFrame:
    """public.feedback_summary over the 12 months up to the month's end: per area and month, and
    the area's whole period (月份 "合计 Total")."""
    start = dt.date(month.year - (month.month < 12), (month.month % 12) + 1, 1)
    frame = _query(
        conn,
        "select f.* from public.feedback_summary("
        " (select id from public.areas where code = %s and deleted_at is null), %s, %s) f",
        (area, start, month_end(month)),
    )
    frame["month"] = [f"{m:%Y-%m}" if m is not None else "合计 Total" for m in frame["month"]]
    frame["low_pct"] = [None if v is None else float(v) * 100 for v in frame["low_share"]]
    return frame


def feedback_texts(conn: psycopg.Connection, month: dt.date, area: str | None) -> pd.DataFrame:
    """The month's feedback as written: scored records, and the visits' free-text feedback
    (visits.feedback) of visits without a scored record, shown without a score."""
    return _query(
        conn,
        "select f.recorded_on as day, a.code as area_code, c.name as customer_name, f.score,"
        "  case when f.visit_id is not null then '拜访 visit'"
        "    when f.meeting_id is not null then '座谈会 meeting' else '其他 other' end as source,"
        "  f.body as text"
        " from public.customer_feedback f join public.customers c on c.id = f.customer_id"
        " join public.areas a on a.id = c.area_id"
        " where f.deleted_at is null and f.recorded_on between %s and %s"
        "   and c.id in (select id from private.report_customers(%s))"
        " union all "
        "select (v.checkin_at at time zone (select private.company_tz()))::date, a.code, c.name,"
        "  null,"
        "  '拜访记录 visit note', v.feedback"
        " from public.visits v join public.customers c on c.id = v.customer_id"
        " join public.areas a on a.id = c.area_id"
        " where v.deleted_at is null and length(btrim(coalesce(v.feedback, ''))) > 0"
        "   and (v.checkin_at at time zone (select private.company_tz()))::date between %s and %s"
        "   and c.id in (select id from private.report_customers(%s))"
        "   and not exists (select from public.customer_feedback f"
        "                    where f.visit_id = v.id and f.deleted_at is null)"
        " order by 1, 2, 3",
        (month, month_end(month), area, month, month_end(month), area),
    )


def _cell(value: Any, kind: str) -> Any:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if kind in ("money", "qty", "pct"):
        return float(value)
    return value


def _write_view(book: Any, view: View, frame: pd.DataFrame, subtitle: str, fmt: dict) -> None:
    ws = book.add_worksheet(view.name)
    ws.write(0, 0, view.title, fmt["title"])
    ws.write(1, 0, subtitle, fmt["note"])
    header_row = 2
    for j, (_, header, kind) in enumerate(view.cols):
        ws.write(header_row, j, header, fmt["header"])
        ws.set_column(j, j, {"text": 14, "date": 12, "pct": 11}.get(kind, 15))
    ws.set_column(2, 2, 26)
    for i, row in enumerate(frame[[c for c, _, _ in view.cols]].itertuples(index=False), 1):
        for j, ((_, _, kind), value) in enumerate(zip(view.cols, row, strict=True)):
            v = _cell(value, kind)
            if v is None:
                ws.write_blank(header_row + i, j, None, fmt[kind])
            elif kind == "date":
                ws.write_datetime(header_row + i, j, dt.datetime.combine(v, dt.time()), fmt[kind])
            else:
                ws.write(header_row + i, j, v, fmt[kind])
    last = header_row + max(len(frame), 1)
    ws.freeze_panes(header_row + 1, view.freeze_cols)
    ws.autofilter(header_row, 0, last, len(view.cols) - 1)
    ws.set_row(header_row, 30)
    _colour(ws, view, header_row + 1, last, fmt)


def _colour(ws: Any, view: View, first: int, last: int, fmt: dict) -> None:
    """Red for behind plan and over the limit or budget, green for on plan."""
    col = {c: j for j, (c, _, _) in enumerate(view.cols)}

    def rule(name: str, criteria: str, value: float, style: str) -> None:
        if name in col:
            j = col[name]
            ws.conditional_format(
                first, j, last, j,
                {"type": "cell", "criteria": criteria, "value": value, "format": fmt[style]},
            )  # fmt: skip

    for name in ("progress_pct", "ytd_progress_pct"):
        rule(name, "<", 80, "bad")
        if name in col:
            j = col[name]
            ws.conditional_format(
                first, j, last, j,
                {"type": "cell", "criteria": "between", "minimum": 80, "maximum": 99.99,
                 "format": fmt["warn"]},
            )  # fmt: skip
        rule(name, ">=", 100, "good")
    rule("over_limit", ">", 0, "bad")
    rule("days_over_90", ">", 0, "warn")
    rule("used_pct", ">", 100, "bad")
    rule("remaining", "<", 0, "bad")
    rule("gap_pct", "<", 0, "bad")


def write_report(frames: dict[str, pd.DataFrame], path: Path, subtitle: str) -> None:
    """Write the views as a formatted workbook, atomically (temp file, then rename)."""
    import xlsxwriter

    if path.suffix.lower() != ".xlsx":
        raise InvalidInput(f"输出文件须为 .xlsx：{path.name}", f"the output must be .xlsx: {path}")
    tmp = temp_beside(path)
    try:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_numbers": False})
        base = {"font_name": "Microsoft YaHei", "font_size": 10}
        fmt = {
            "title": book.add_format({**base, "bold": True, "font_size": 14}),
            "note": book.add_format({**base, "font_color": "#666666", "italic": True}),
            "header": book.add_format({**base, "bold": True, "bg_color": "#B3202A",
                                       "font_color": "#FFFFFF", "border": 1, "text_wrap": True,
                                       "valign": "vcenter", "align": "center"}),
            "text": book.add_format(base),
            "date": book.add_format({**base, "num_format": "yyyy-mm-dd"}),
            "money": book.add_format({**base, "num_format": "#,##0.00;[Red]-#,##0.00"}),
            "qty": book.add_format({**base, "num_format": "#,##0.###"}),
            "pct": book.add_format({**base, "num_format": '0.0"%"'}),
            "bad": book.add_format({"bg_color": "#F8CBAD", "font_color": "#9C0006"}),
            "warn": book.add_format({"bg_color": "#FFEB9C", "font_color": "#9C5700"}),
            "good": book.add_format({"bg_color": "#C6EFCE", "font_color": "#006100"}),
        }  # fmt: skip
        for view in (DEALERS, PLAN, AGEING, EXPENSES, DISTRIBUTION, FEEDBACK, FEEDBACK_TEXTS,
                     DISPLAY, COMPETITORS):  # fmt: skip
            _write_view(book, view, frames[view.name], subtitle, fmt)
        book.close()
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def monthly_report(
    conn: psycopg.Connection,
    month_text: str,
    path: Path,
    area: str | None = None,
    progress: Phases | None = None,
) -> dict[str, int]:
    """Build and write the monthly report; rows per sheet. Nothing is written on bad input."""
    month = parse_month(month_text)
    phases = progress or Phases()
    frames = report_frames(conn, month, area, phases)
    subtitle = (
        f"月份 Month {month:%Y-%m}　区域 Area {area or '全部 all'}　"
        f"账龄截至 Ageing as of {month_end(month):%Y-%m-%d}　"
        f"生成 Generated {clock.now().astimezone(clock.zone(conn)):%Y-%m-%d %H:%M}"
    )
    with phases.step("write workbook", total=sum(map(len, frames.values()))) as s:
        write_report(frames, path, subtitle)
        s.advance(s.total or 0)
    return {name: len(frame) for name, frame in frames.items()}
