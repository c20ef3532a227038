"""Plan versus actual of a week as a formatted Excel workbook: one row per rep, a team sheet, the
week's customer feedback (客户意见: the visits' feedback text and scores), and the week's display
compliance (陈列检查) and competitor summary (竞品)."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg.rows import dict_row

from backend import reports_display as rd
from fieldapp.domain.plan_actual import PlanActual
from fieldapp.errors import InvalidInput

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")

PLAN_STATUS_ZH = {
    "draft": "草稿",
    "submitted": "待审批",
    "approved": "已批准",
    "rejected": "已驳回",
    "withdrawn": "已撤回",
    None: "无计划",
}


def parse_week(text: str) -> dt.date:
    """The Monday of --week: an ISO week YYYY-Www, or a date YYYY-MM-DD (its week)."""
    value = (text or "").strip()
    m = _ISO_WEEK.match(value)
    try:
        if m:
            return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        day = dt.date.fromisoformat(value) if re.match(r"^\d{4}-\d{2}-\d{2}$", value) else None
    except ValueError:
        day = None
    if day is None:
        raise InvalidInput(
            f"周次无效：{text!r}，应为 YYYY-Www（如 2026-W49）或 YYYY-MM-DD",
            f"invalid week {text!r}: use YYYY-Www (e.g. 2026-W49) or YYYY-MM-DD",
        )
    return day - dt.timedelta(days=day.isoweekday() - 1)


def area_ids(conn: psycopg.Connection, code: str) -> list[str]:
    """Ids of the area with this code and every area below it; InvalidInput when unknown."""
    rows = conn.execute(
        """
        with recursive tree as (
          select id from public.areas where code = %s and deleted_at is null
          union
          select a.id from public.areas a join tree t on a.parent_id = t.id
          where a.deleted_at is null
        )
        select id::text from tree
        """,
        (code,),
    ).fetchall()
    if not rows:
        raise InvalidInput(f"找不到区域“{code}”", f"unknown area {code!r}")
    return [r[0] for r in rows]


def fetch_plan_vs_actual(
    conn: psycopg.Connection, week_start: dt.date, area_code: str | None = None
) -> list[PlanActual]:
    """public.plan_vs_actual of the week, optionally only reps of an area (and areas below)."""
    wanted = set(area_ids(conn, area_code)) if area_code else None
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute("select * from public.plan_vs_actual(%s)", (week_start,))
        rows = cur.fetchall()
    return [
        PlanActual.from_row(r) for r in rows if wanted is None or str(r["area_id"] or "") in wanted
    ]


FEEDBACK_HEADERS = ["日期 Day", "区域 Area", "业务员 Rep", "客户 Customer", "评分 Score",
                    "客户反馈 Feedback"]  # fmt: skip


def fetch_feedback(
    conn: psycopg.Connection, week_start: dt.date, area_code: str | None = None
) -> list[list[Any]]:
    """The week's visits with feedback: the visit's own feedback text (visits.feedback) and the
    score and text recorded at it (customer_feedback), one row per visit, by day."""
    wanted = area_ids(conn, area_code) if area_code else None
    rows = conn.execute(
        """
        select (v.checkin_at at time zone (select private.company_tz()))::date, a.code, p.full_name,
               c.name,
               f.score, concat_ws(' / ', nullif(btrim(coalesce(v.feedback, '')), ''),
                                  nullif(btrim(coalesce(f.body, '')), ''))
          from public.visits v
          join public.customers c on c.id = v.customer_id
          left join public.areas a on a.id = c.area_id
          left join public.profiles p on p.id = v.rep_id
          left join lateral (select x.score, x.body from public.customer_feedback x
                              where x.visit_id = v.id and x.deleted_at is null
                              order by x.created_at desc limit 1) f on true
         where v.deleted_at is null
           and (v.checkin_at at time zone (select private.company_tz()))::date between %s and %s
           and (length(btrim(coalesce(v.feedback, ''))) > 0 or f.score is not null)
           and (%s::uuid[] is null or c.area_id = any(%s::uuid[]))
         order by 1, 2, 3, 4
        """,
        (week_start, week_start + dt.timedelta(days=6), wanted, wanted),
    ).fetchall()
    return [list(r) for r in rows]


@dataclass(frozen=True)
class TeamRow:
    """Totals of a group of reps (an area, or everyone)."""

    label: str
    reps: int
    planned: int
    done: int
    empty: int
    missed: int
    pending: int
    unplanned: int
    offsite: int
    visits: int
    empty_visits: int
    avg_duration_min: float | None

    @property
    def done_ratio(self) -> float | None:
        """Done as a share of planned (None without a plan)."""
        return self.done / self.planned if self.planned else None


def team_rows(rows: Sequence[PlanActual]) -> list[TeamRow]:
    """One total per area, then the whole team; durations weighted by timed visits."""
    groups: dict[str, list[PlanActual]] = {}
    for r in rows:
        groups.setdefault(f"{r.area_name or '—'} ({r.area_code or '-'})", []).append(r)
    out = [_total(label, members) for label, members in groups.items()]
    out.append(_total("全部 Total", list(rows)))
    return out


def _total(label: str, rows: Sequence[PlanActual]) -> TeamRow:
    timed = sum(r.timed_visits for r in rows)
    minutes = sum((r.avg_duration_min or 0) * r.timed_visits for r in rows)
    return TeamRow(
        label=label,
        reps=len(rows),
        planned=sum(r.planned for r in rows),
        done=sum(r.done for r in rows),
        empty=sum(r.empty for r in rows),
        missed=sum(r.missed for r in rows),
        pending=sum(r.pending for r in rows),
        unplanned=sum(r.unplanned for r in rows),
        offsite=sum(r.offsite for r in rows),
        visits=sum(r.visits for r in rows),
        empty_visits=sum(r.empty_visits for r in rows),
        avg_duration_min=round(minutes / timed, 1) if timed else None,
    )


COUNT_HEADERS = [
    ("计划拜访 Planned", "planned"),
    ("已完成 Done", "done"),
    ("已拜访·无记录 Visited, nothing recorded", "empty"),
    ("未完成 Missed", "missed"),
    ("待拜访 Pending", "pending"),
    ("计划外 Unplanned", "unplanned"),
    ("异地签到 Off-site", "offsite"),
    ("拜访次数 Visits", "visits"),
    ("无记录拜访 Empty visits", "empty_visits"),
]
REP_HEADERS = [
    "区域 Area",
    "业务员 Rep",
    "计划状态 Plan",
    *(h for h, _ in COUNT_HEADERS),
    "完成率 Completion",
    "平均时长(分钟) Avg min",
]
TEAM_HEADERS = [
    "区域 Area",
    "业务员数 Reps",
    *(h for h, _ in COUNT_HEADERS),
    "完成率 Completion",
    "平均时长(分钟) Avg min",
]


def write_workbook(
    rows: Sequence[PlanActual],
    week_start: dt.date,
    path: Path,
    feedback: Sequence[Sequence[Any]] = (),
    display: Sequence[Sequence[Any]] = (),
    competitors: Sequence[Sequence[Any]] = (),
) -> None:
    """Write the sheets to path (via a temporary file, so a failure leaves nothing)."""
    from openpyxl import Workbook

    wb = Workbook()
    iso = week_start.isocalendar()
    title = (
        f"拜访计划执行情况 Plan vs actual — {iso.year}-W{iso.week:02d}"
        f" ({week_start} – {week_start + dt.timedelta(days=6)})"
    )
    reps = wb.active
    reps.title = "业务员 By rep"
    body = [
        [
            f"{r.area_name or '—'} ({r.area_code or '-'})",
            r.rep_name,
            f"{PLAN_STATUS_ZH.get(r.plan_status, r.plan_status)} {r.plan_status or 'none'}",
            *(getattr(r, k) for _, k in COUNT_HEADERS),
            r.done_ratio,
            r.avg_duration_min,
        ]
        for r in rows
    ]
    _sheet(reps, title, REP_HEADERS, body, first_number_col=4)
    team = wb.create_sheet("团队 Team")
    team_body = [
        [
            t.label,
            t.reps,
            *(getattr(t, k) for _, k in COUNT_HEADERS),
            t.done_ratio,
            t.avg_duration_min,
        ]
        for t in team_rows(rows)
    ]
    _sheet(team, title, TEAM_HEADERS, team_body, first_number_col=2, bold_last=True)
    said = wb.create_sheet("客户意见 Feedback")
    _feedback_sheet(said, title, feedback)
    # 陈列检查 and 竞品 of the week: the one figure each (backend/reports_display.py)
    shown = wb.create_sheet(rd.DISPLAY_SHEET)
    rd.openpyxl_sheet(shown, title + " — 陈列检查 Display", rd.DISPLAY_HEADERS, display)
    rivals = wb.create_sheet(rd.COMPETITOR_SHEET)
    rd.openpyxl_sheet(rivals, title + " — 竞品 Competitors", rd.COMPETITOR_HEADERS, competitors)
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".visits-", suffix=".xlsx", dir=path.parent or Path("."))
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _feedback_sheet(ws: Any, title: str, body: Sequence[Sequence[Any]]) -> None:
    """The week's feedback: one row per visit, the text wrapped."""
    from openpyxl.styles import Alignment, Font, PatternFill

    ws["A1"] = title + " — 客户意见 Feedback"
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(FEEDBACK_HEADERS)
    for cell in ws[3]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F6F5C")
    for row in body:
        ws.append(list(row))
        ws.cell(row=ws.max_row, column=6).alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row=ws.max_row, column=1).number_format = "yyyy-mm-dd"
    for col, width in zip("ABCDEF", (12, 10, 12, 22, 8, 60), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A4"


def _sheet(
    ws: Any,
    title: str,
    headers: list[str],
    body: list[list[Any]],
    *,
    first_number_col: int,
    bold_last: bool = False,
) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(headers)
    header_row = 3
    for cell in ws[header_row]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F6F5C")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in body:
        ws.append(row)
    n = len(headers)
    for r in range(header_row + 1, header_row + 1 + len(body)):
        for c in range(first_number_col, n + 1):
            cell = ws.cell(row=r, column=c)
            if c == n - 1:
                cell.number_format = "0.0%"
            elif c == n:
                cell.number_format = "0.0"
            else:
                cell.number_format = "#,##0"
        if bold_last and r == header_row + len(body):
            for c in range(1, n + 1):
                ws.cell(row=r, column=c).font = Font(bold=True)
    for c in range(1, n + 1):
        ws.column_dimensions[get_column_letter(c)].width = 22 if c <= 3 else 14
    ws.row_dimensions[header_row].height = 32
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3 if first_number_col > 2 else 2)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(n)}{header_row + len(body)}"


def visits_report(
    conn: psycopg.Connection, week: str, output: Path, area_code: str | None = None
) -> list[PlanActual]:
    """Validate --week and --area, read plan_vs_actual and write the workbook; returns the rows."""
    week_start = parse_week(week)
    output = Path(output)
    if output.suffix.lower() != ".xlsx":
        raise InvalidInput(
            f"输出文件应以 .xlsx 结尾：{output}", f"the output file must end in .xlsx: {output}"
        )
    if not output.parent.exists() and str(output.parent) not in ("", "."):
        raise InvalidInput(
            f"输出目录不存在：{output.parent}", f"the output folder does not exist: {output.parent}"
        )
    rows = fetch_plan_vs_actual(conn, week_start, area_code)
    end = week_start + dt.timedelta(days=6)
    write_workbook(
        rows,
        week_start,
        output,
        fetch_feedback(conn, week_start, area_code),
        rd.display_rows(conn, week_start, end, area_code),
        rd.competitor_rows(conn, week_start, end, area_code),
    )
    return rows
