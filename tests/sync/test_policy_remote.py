"""Policy settings and scorecards through the real remotes (issue 17): a jsonb argument goes as
JSON whatever its shape (a number setting too), the way PostgREST passes it."""

from __future__ import annotations

import psycopg
import pytest

from fieldapp.errors import FieldSalesError
from fieldapp.services.scorecards import KEYS
from tests.db.access_world import World


def test_a_number_setting_and_a_scorecard_go_through_the_direct_remote(
    conn: psycopg.Connection, world: World, phone
) -> None:
    mgr = phone("mgr")
    row = mgr.remote.call("set_setting", {"p_key": "visit.checkin_radius_m", "p_value": 450})
    assert row["value"] == 450
    row = mgr.remote.call(
        "set_setting",
        {"p_key": "returns.window_days", "p_value": {"A": 60, "B": 45, "C": 30, "D": 20}},
    )
    assert row["value"]["D"] == 20
    with pytest.raises(FieldSalesError):  # refused by the server's rule, in the project's words
        mgr.remote.call("set_setting", {"p_key": "visit.checkin_radius_m", "p_value": 1})
    value = "select value from settings where key = 'visit.checkin_radius_m'"
    assert conn.execute(value).fetchone()[0] == 450
    out = phone("am").remote.call(
        "submit_evaluation",
        {"p_customer_id": world.ids["D_SH"], "p_scores": dict.fromkeys(KEYS, 4), "p_notes": None},
    )
    assert (out["score"], out["grade"]) == (80, "B")
