"""`fieldsales warnings evaluate|classify`: run the SQL warning evaluation or the classification."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from backend import clock
from backend.risk import KINDS, Evaluation, classify, escalate, evaluate

_SHOWN = 50  # changes listed per action without --json
_ACTIONS = (("raised", "新增预警"), ("updated", "数据更新"), ("cleared", "自动解除"))


def add_parser(sub: Any) -> None:
    """Add `warnings evaluate` and `warnings classify` to an argparse subparsers object."""
    warnings = sub.add_parser("warnings", help="risk early warnings and customer classification")
    tasks = warnings.add_subparsers(required=True, metavar="TASK")
    ev = tasks.add_parser(
        "evaluate",
        help="escalate after-sales cases without progress (as of now), then evaluate every"
        " customer's warnings (idempotent) and queue the overdue ones for the group bots",
    )
    ev.add_argument("--as-of", type=as_of_date, default=None, help="YYYY-MM-DD (default: today)")
    ev.add_argument("--json", action="store_true", help="print the result as JSON")
    ev.set_defaults(run=run_evaluate)
    cl = tasks.add_parser("classify", help="classify customers into quadrants and grades")
    cl.add_argument("--as-of", type=as_of_date, default=None, help="YYYY-MM-DD (default: today)")
    cl.add_argument("--json", action="store_true", help="print the result as JSON")
    cl.set_defaults(run=run_classify)


def as_of_date(text: str) -> dt.date:
    """Parse --as-of; a bad date is an argparse error in Chinese and English."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日期无效：{text!r}，应为 YYYY-MM-DD（如 2026-11-27）"
            f" | invalid date {text!r}: use YYYY-MM-DD (e.g. 2026-11-27)"
        ) from None


def _connect() -> Any:
    from backend.db import connect
    from backend.migrate import migrate

    conn = connect(autocommit=True)
    migrate(conn)
    return conn


def run_evaluate(args: argparse.Namespace) -> int:
    """Escalate the cases without progress, evaluate warnings as of --as-of, then queue the
    group-bot notifications of the warnings overdue on that day; print what was escalated,
    raised, updated, cleared and queued. Escalation writes history, so it runs at the
    company clock's now (FIELDSALES_NOW when set) whatever --as-of says."""
    from backend.notify.queue import queue_overdue
    from backend.progress import for_cli

    with _connect() as conn, for_cli() as phases:
        with phases.step("escalate cases"):
            escalated = escalate(conn)
        as_of = args.as_of or clock.today(conn)
        with phases.step("evaluate"):
            result = evaluate(conn, as_of)
        with phases.step("queue overdue notifications"):
            overdue = queue_overdue(conn, as_of)  # the same D as the evaluation
    if args.json:
        out = _as_json(result) | {"escalated_cases": escalated, "overdue_notifications": overdue}
        print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    else:
        sys.stdout.write(f"售后单升级 | cases escalated: {escalated}\n")
        sys.stdout.write(render(result))
        sys.stdout.write(f"逾期预警推送 | overdue warnings queued for the group bots: {overdue}\n")
    return 0


def run_classify(args: argparse.Namespace) -> int:
    """Classify customers as of --as-of and print the counts per quadrant and grade."""
    with _connect() as conn:
        summary = classify(conn, args.as_of or clock.today(conn))
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
        return 0
    print(f"客户分类完成 | customers classified as of {summary['as_of']}: {summary['classified']}")
    print(
        "  象限 | quadrant   "
        + "  ".join(f"{k} {v}" for k, v in sorted(summary["quadrants"].items()))
    )
    print(
        "  等级 | grade      " + "  ".join(f"{k} {v}" for k, v in sorted(summary["grades"].items()))
    )
    print(
        f"  变动 | moved      quadrant {summary['moved_quadrant']}  grade {summary['moved_grade']}"
    )
    return 0


def _as_json(result: Evaluation) -> dict[str, Any]:
    out: dict[str, Any] = {"as_of": result.as_of.isoformat(), "seconds": round(result.seconds, 3)}
    for action, _ in _ACTIONS:
        out[action] = [c.as_json() for c in result.of(action)]
    out["open_by_kind"] = result.open_by_kind
    return out


def render(result: Evaluation) -> str:
    """The human-readable report: a table per kind, then the changes (at most 50 per action)."""
    lines = [
        f"预警评估完成 | warnings evaluated as of {result.as_of} in {result.seconds:.2f} s",
        f"  {'kind':26}{'raised':>8}{'updated':>9}{'cleared':>9}{'open':>7}",
    ]
    for kind in KINDS:
        counts = [sum(1 for c in result.of(a) if c.kind == kind) for a, _ in _ACTIONS]
        lines.append(
            f"  {kind:26}{counts[0]:>8}{counts[1]:>9}{counts[2]:>9}"
            f"{result.open_by_kind.get(kind, 0):>7}"
        )
    for action, zh in _ACTIONS:
        changes = result.of(action)
        if not changes:
            continue
        lines.append(f"{zh} | {action}: {len(changes)}")
        for c in changes[:_SHOWN]:
            text = c.message_zh if action != "cleared" else f"{c.resolution} — {c.message_zh}"
            lines.append(
                f"  {c.customer_code:10} {c.kind:24} {c.severity:6} {text} | {c.message_en}"
            )
        if len(changes) > _SHOWN:
            rest = len(changes) - _SHOWN
            lines.append(
                f"  …另有 {rest} 条（用 --json 查看全部）| … and {rest} more (--json for all)"
            )
    if not result.changes:
        lines.append("没有变化 | nothing changed")
    return "\n".join(lines) + "\n"
