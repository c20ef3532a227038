"""Which warnings an evaluation raises, in pandas: the twin of the raising step of
private.evaluate_warnings_core (snooze and re-raise, docs/warnings.md "How warnings live").

`raised(conds, warnings, as_of, snooze_days, zone)` takes the conditions that hold as of D (from
`conditions`) and the warnings as they were before the evaluation, and returns the causes raised
with the warning each one names as its predecessor (`previous_id`, None for a new episode).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd
import psycopg

CAUSE = ["customer_id", "kind", "cause_key"]


def load_warnings(conn: psycopg.Connection) -> pd.DataFrame:
    """Every warning: id, cause, status, resolved_at and cleared_at (UTC instants)."""
    rows = conn.execute(
        "select id::text, customer_id::text, kind, cause_key, status, resolved_at, cleared_at"
        " from public.warnings"
    ).fetchall()
    columns = ["id", *CAUSE, "status", "resolved_at", "cleared_at"]
    return pd.DataFrame(rows, columns=columns)


def raised(
    conds: pd.DataFrame,
    warnings: pd.DataFrame,
    as_of: dt.date,
    snooze_days: int,
    zone: ZoneInfo,
) -> pd.DataFrame:
    """The causes an evaluation as of D raises: customer_id, kind, cause_key, previous_id.

    A holding cause is raised unless it has an unresolved warning, or a warning resolved by hand
    (resolved, cleared_at empty) whose company resolution day + snooze_days is after D. The new
    warning's previous_id is the latest such hand-resolved warning of the cause (by resolved_at,
    then id), whatever its day; a cause whose warnings were all cleared has none."""
    if conds.empty:
        return pd.DataFrame(columns=[*CAUSE, "previous_id"])
    causes = conds[CAUSE].drop_duplicates()
    w = warnings.copy()
    open_ = w[w["status"] != "resolved"][CAUSE].drop_duplicates()
    by_hand = w[(w["status"] == "resolved") & w["cleared_at"].isna()].copy()
    by_hand["resolved_on"] = [
        pd.Timestamp(t).tz_convert(zone).date() for t in by_hand["resolved_at"]
    ]
    held = pd.Series(
        [as_of < r + dt.timedelta(days=snooze_days) for r in by_hand["resolved_on"]],
        index=by_hand.index,
        dtype=bool,
    )
    quiet = by_hand.loc[held, CAUSE].drop_duplicates()
    out = causes.merge(open_, on=CAUSE, how="left", indicator="o")
    out = out[out["o"] == "left_only"].drop(columns="o")
    out = out.merge(quiet, on=CAUSE, how="left", indicator="q")
    out = out[out["q"] == "left_only"].drop(columns="q")
    latest = (
        by_hand.sort_values(["resolved_at", "id"], ascending=False)
        .drop_duplicates(CAUSE)[[*CAUSE, "id"]]
        .rename(columns={"id": "previous_id"})
    )
    out = out.merge(latest, on=CAUSE, how="left")
    out["previous_id"] = out["previous_id"].astype(object).where(out["previous_id"].notna(), None)
    return out.reset_index(drop=True)
