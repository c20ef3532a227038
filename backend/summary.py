"""Counts of what the database holds, for the demo banner and the app's welcome screen."""

from __future__ import annotations

import psycopg

_COUNTS = {
    "areas": "select count(*) from public.areas",
    "reps": "select count(*) from public.profiles where role = 'rep'",
    "dealers": "select count(*) from public.customers where tier = 1",
    "outlets": "select count(*) from public.customers where tier > 1",
    "products": "select count(*) from public.products",
    "shipments": "select count(*) from public.shipments",
    "payments": "select count(*) from public.payments",
}


def database_summary(conn: psycopg.Connection) -> dict[str, int]:
    """Row counts of the main entities, keyed as the app's summary card expects."""
    return {key: conn.execute(query).fetchone()[0] for key, query in _COUNTS.items()}
