"""Read the tables the warning rules need into DataFrames (the pandas twin's only I/O)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import pandas as pd
import psycopg

# Money is read as text and kept as int64 cents, so that sums and comparisons are exact.
_QUERIES: dict[str, str] = {
    # live: evaluated at all (an eliminated customer's debt is still watched); active: every rule
    "customers": "select id, grade, credit_limit, owner_id, deleted_at is null as live,"
    " (deleted_at is null and status <> 'eliminated') as active from public.customers",
    "shipments": "select customer_id, shipped_on, amount, seller_id is null as billed"
    " from public.shipments where deleted_at is null",
    "payments": "select customer_id, paid_on, amount from public.payments where deleted_at is null",
    "returns": "select customer_id, kind, status, decided_on, amount from public.returns"
    " where deleted_at is null",
    "plans": "select customer_id, month, amount from public.sales_plans where deleted_at is null",
    "expenses": "select customer_id, spent_on, amount from public.expenses"
    " where deleted_at is null",
    "budgets": "select customer_id, period_start, period_end, amount from public.expense_budgets"
    " where deleted_at is null",
    "incidents": "select id, customer_id, kind, occurred_on, description from public.incidents"
    " where deleted_at is null",
    # complaint cases: instants as microseconds since the epoch (UTC), turned into company days
    # by the twin itself (company.timezone), not by the server
    "cases": "select customer_id, severity, (extract(epoch from due_at) * 1000000)::bigint as due,"
    " (extract(epoch from answered_at) * 1000000)::bigint as answered,"
    " (extract(epoch from closed_at) * 1000000)::bigint as closed"
    " from public.cases where deleted_at is null and kind = 'complaint'",
    "settings": "select key, value #>> '{}' as value from public.settings",
    "thresholds": "select setting_key, grade, customer_id, value from public.warning_thresholds",
}
_DATES = {
    "shipments": ["shipped_on"],
    "payments": ["paid_on"],
    "returns": ["decided_on"],
    "plans": ["month"],
    "expenses": ["spent_on"],
    "budgets": ["period_start", "period_end"],
    "incidents": ["occurred_on"],
}
_MONEY = {
    "customers": ["credit_limit"],
    "shipments": ["amount"],
    "payments": ["amount"],
    "returns": ["amount"],
    "plans": ["amount"],
    "expenses": ["amount"],
    "budgets": ["amount"],
}
_BOOLS = {"customers": ["live", "active"], "shipments": ["billed"]}
_MICROS = {"cases": ["due", "answered", "closed"]}  # float64: exact below 2**53 µs (year 2255)


@dataclass(frozen=True)
class Frames:
    """The tables as frames: dates as int64 day numbers (days since 1970-01-01), money in cents."""

    tables: dict[str, pd.DataFrame]

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


def day_number(value: object) -> int:
    """A date as days since 1970-01-01."""
    return int(np.datetime64(value, "D").astype("int64"))


def cents(text: pd.Series) -> pd.Series:
    """numeric(14,2) text ('123.45') as int64 cents."""
    if len(text) == 0:
        return pd.Series(np.zeros(0, dtype="int64"), index=text.index)
    return text.str.replace(".", "", regex=False).astype("int64")


def _copy(conn: psycopg.Connection, query: str) -> pd.DataFrame:
    buf = io.BytesIO()
    with (
        conn.cursor() as cur,
        cur.copy(f"copy ({query}) to stdout with (format csv, header)") as cp,
    ):
        for chunk in cp:
            buf.write(chunk)
    buf.seek(0)
    return pd.read_csv(buf, dtype=str, keep_default_na=False, na_values=[""])


def load_frames(conn: psycopg.Connection) -> Frames:
    """Every table the rules read, live rows only, typed for exact arithmetic."""
    tables: dict[str, pd.DataFrame] = {}
    for name, query in _QUERIES.items():
        frame = _copy(conn, query)
        for col in _DATES.get(name, []):
            days = pd.to_datetime(frame[col], format="%Y-%m-%d").to_numpy("datetime64[D]")
            frame[col] = days.astype("int64")  # NaT becomes the smallest int64
            frame.loc[frame[col] == np.iinfo("int64").min, col] = np.nan
        for col in _MONEY.get(name, []):
            frame[col] = cents(frame[col])
        for col in _BOOLS.get(name, []):
            frame[col] = frame[col] == "t"
        for col in _MICROS.get(name, []):
            frame[col] = pd.to_numeric(frame[col]).astype("float64")
        tables[name] = frame
    return Frames(tables)
