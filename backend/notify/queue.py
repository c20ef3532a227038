"""What the service side queues itself: the overdue sweep (the raised and escalated events are
queued by triggers in the database, in the transaction that makes them)."""

from __future__ import annotations

import datetime as dt

import psycopg

from fieldapp.errors import InvalidInput


def queue_overdue(conn: psycopg.Connection, as_of: dt.date) -> int:
    """Queue a notification per channel for each warning overdue as of the company day `as_of`
    (public.queue_overdue_notifications); how many were queued (each once, ever)."""
    try:
        with conn.transaction():
            row = conn.execute("select public.queue_overdue_notifications(%s)", (as_of,)).fetchone()
    except psycopg.errors.NullValueNotAllowed as exc:
        raise InvalidInput("必须指定日期 as_of", "as_of is required") from exc
    assert row is not None
    return int(row[0])
