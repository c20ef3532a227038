"""The dealer side of the demo (issue 16): what a dealer's app shows on a fresh machine."""

from __future__ import annotations

import datetime as dt

import psycopg

# deliveries shipped in the last week wait for the demo dealers' confirmation (some overdue);
# older demo shipments are history from before the app (setting delivery.confirm_from)
CONFIRM_WINDOW_DAYS = 7


def seed_dealer_demo(conn: psycopg.Connection, today: dt.date) -> None:
    """Start the confirmation of deliveries a week before today."""
    start = today - dt.timedelta(days=CONFIRM_WINDOW_DAYS)
    conn.execute(
        "update public.settings set value = to_jsonb(%s::text) where key = 'delivery.confirm_from'",
        (start.isoformat(),),
    )
