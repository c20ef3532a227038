"""Run the SQL warning evaluation and classification from Python, with the project's errors."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import pandas as pd
import psycopg

from fieldapp.errors import FieldSalesError, InvalidInput

# the warning kinds, in the order the CLI reports them (docs/warnings.md)
KINDS = (
    "credit_over_limit",
    "behind_plan",
    "below_last_year",
    "purchase_frequency_drop",
    "churn",
    "expense_over_budget",
    "expense_rising",
    "major_incident",
    "complaint_unanswered",
)
# above this many customers a re-evaluation runs as one full evaluation (same result, one scan)
FULL_RUN_ABOVE = 2000


class EvaluationFailed(FieldSalesError):
    """The database refused to evaluate warnings or classify customers."""

    title_zh = "预警评估失败"
    title_en = "Warning evaluation failed"


@dataclass(frozen=True)
class Change:
    """One warning raised, updated (new figures or severity) or cleared by an evaluation."""

    action: str  # raised | updated | cleared
    warning_id: UUID
    customer_id: UUID
    customer_code: str
    kind: str
    cause_key: str
    severity: str
    status: str
    figures: dict[str, Any]
    resolution: str | None
    message_zh: str
    message_en: str

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        out = dict(self.__dict__)
        out["warning_id"], out["customer_id"] = str(self.warning_id), str(self.customer_id)
        return out


@dataclass(frozen=True)
class Evaluation:
    """What one evaluation did, and the open warnings per kind afterwards."""

    as_of: dt.date
    changes: list[Change]
    open_by_kind: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def of(self, action: str) -> list[Change]:
        """The changes of one action (raised, updated, cleared)."""
        return [c for c in self.changes if c.action == action]


def _fail(exc: psycopg.Error) -> FieldSalesError:
    diag = exc.diag
    en = diag.message_primary or str(exc).strip() or type(exc).__name__
    zh = diag.message_detail or en
    if exc.sqlstate in ("22004", "P0002", "22023"):
        return InvalidInput(zh, en)
    return EvaluationFailed(zh, en)


_CHANGES = """
select e.action, e.warning_id, e.customer_id, c.code, e.kind, e.cause_key, e.severity,
       e.status, e.figures, e.resolution,
       public.warning_message(e.kind, e.figures, 'zh'),
       public.warning_message(e.kind, e.figures, 'en')
  from {call} e
  join public.customers c on c.id = e.customer_id
 order by e.action, c.code, e.kind, e.cause_key
"""


def evaluate(
    conn: psycopg.Connection,
    as_of: dt.date | None = None,
    customer_ids: Iterable[UUID] | None = None,
) -> Evaluation:
    """Evaluate warnings as of a date for every customer, or only the given ones, in one
    transaction; returns what was raised, updated and cleared."""
    if as_of is None:
        raise InvalidInput("必须指定评估日期", "as_of is required")
    ids = None if customer_ids is None else list(customer_ids)
    if ids is not None and len(ids) > FULL_RUN_ABOVE:
        ids = None
    call = (
        "public.evaluate_warnings(%s::date)"
        if ids is None
        else "public.evaluate_customer_warnings(%s::uuid[], %s::date)"
    )
    params: tuple[Any, ...] = (as_of,) if ids is None else (ids, as_of)
    started = time.perf_counter()
    try:
        with conn.transaction():
            rows = conn.execute(_CHANGES.format(call=call), params).fetchall()
            counts = conn.execute(
                "select kind, count(*) from public.warnings where status <> 'resolved'"
                " group by kind order by kind"
            ).fetchall()
    except psycopg.Error as exc:
        raise _fail(exc) from exc
    changes = [Change(*row) for row in rows]
    return Evaluation(as_of, changes, dict(counts), time.perf_counter() - started)


def escalate(conn: psycopg.Connection, at: dt.datetime | None = None) -> int:
    """Escalate the after-sales cases without progress (public.escalate_cases) as of an instant,
    by default the company clock's now; how many cases went up one level."""
    try:
        with conn.transaction():
            row = conn.execute("select public.escalate_cases(%s)", (at,)).fetchone()
    except psycopg.Error as exc:
        raise _fail(exc) from exc
    assert row is not None
    return int(row[0])


def evaluate_codes(conn: psycopg.Connection, codes: Iterable[str], as_of: dt.date) -> Evaluation:
    """Re-evaluate the customers with these codes (unknown codes are ignored)."""
    wanted = sorted(set(codes))
    if not wanted:
        return Evaluation(as_of, [])
    ids = [
        r[0]
        for r in conn.execute("select id from public.customers where code = any(%s)", (wanted,))
    ]
    return evaluate(conn, as_of, ids)


def customers_touched(frames: dict[str, pd.DataFrame]) -> set[str]:
    """Codes of the customers an import's sheets write to (whose warnings may have changed)."""
    codes: set[str] = set()
    for name, frame in frames.items():
        col = "code" if name == "customers" else "customer_code"
        if col in frame and name != "users":
            codes |= {str(c) for c in frame[col].dropna()}
    return codes


def classify(conn: psycopg.Connection, as_of: dt.date) -> dict[str, Any]:
    """Classify every customer as of a date (quadrant and grade, with history); the summary."""
    try:
        with conn.transaction():
            row = conn.execute("select public.classify_customers(%s::date)", (as_of,)).fetchone()
    except psycopg.Error as exc:
        raise _fail(exc) from exc
    assert row is not None
    return dict(row[0])
