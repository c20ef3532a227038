"""The company's clock on the service side: the one place the CLI, the importer, the demo and the
reports learn what day it is.

The instant is the same as the phone's (``fieldapp.domain.clock.system_now``: the machine's
clock, or ``FIELDSALES_NOW`` when set). The calendar is the company's: with a connection, the
zone of the setting ``company.timezone`` (the database's ``private.company_tz()``); without one
(a workbook written offline), the default zone.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

import psycopg

from fieldapp.domain.clock import DEFAULT_ZONE, frozen_at
from fieldapp.domain.clock import system_now as now

__all__ = ["freeze_sessions", "now", "today", "zone"]


def zone(conn: psycopg.Connection | None = None) -> ZoneInfo:
    """The company's time zone (the database's setting when connected)."""
    if conn is None:
        return ZoneInfo(DEFAULT_ZONE)
    return ZoneInfo(conn.execute("select private.company_tz()").fetchone()[0])


def today(conn: psycopg.Connection | None = None) -> dt.date:
    """The company's today."""
    return now().astimezone(zone(conn)).date()


def freeze_sessions() -> None:
    """With FIELDSALES_NOW set, make every later connection of this process (the CLI's, and the
    served app's direct-PostgreSQL remote) read the same instant as the database's calendar
    (``private.company_now``), through libpq's PGOPTIONS."""
    if frozen_at() is None:
        return
    option = f"-c fieldsales.now={now().isoformat()}"
    os.environ["PGOPTIONS"] = " ".join(filter(None, [os.environ.get("PGOPTIONS"), option]))
