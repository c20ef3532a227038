"""The phone's warning sentences are the server's: public.warning_message, word for word."""

from __future__ import annotations

import json

import psycopg
import pytest

from fieldapp.services.warnings import KINDS, open_warnings, reason, warning_message

SAMPLES: dict[str, list[dict]] = {
    "credit_over_limit": [
        {"balance": 123456.5, "credit_limit": 100000, "ratio": 1.234565},
        {"balance": 1000000.005, "credit_limit": 500000.0, "ratio": 2.0},
        {"balance": 5, "credit_limit": 1},  # no ratio
        {},
    ],
    "behind_plan": [
        {"year": 2026, "purchases": 81234.4, "plan_to_date": 200000, "attainment": 0.40617}
    ],
    "below_last_year": [{"purchases_90d": 1200, "last_year_90d": 10000.5, "ratio": 0.11999}],
    "purchase_frequency_drop": [
        {"days_since": 45, "last_purchase": "2026-10-13", "median_gap_days": 12.5}
    ],
    "churn": [{"days_since": 120, "last_purchase": "2026-07-30"}],
    "expense_over_budget": [
        {"period_start": "2026-10-01", "period_end": "2026-12-31", "spent": 9876.54, "budget": 5000}
    ],
    "expense_rising": [{"expenses_3m": 12000, "previous_3m": 3000.75}],
    "major_incident": [
        {"incident_kind": "theft", "occurred_on": "2026-11-20", "description": "仓库被盗"},
        {
            "incident_kind": "serious_illness",
            "occurred_on": "2026-11-21",
            "description": "老板住院",
        },
        {"incident_kind": "other_major", "occurred_on": "2026-11-22", "description": "火灾"},
    ],
    "complaint_unanswered": [
        {"complaints": 2, "days_overdue": 5, "oldest_due": "2026-11-22"},
        {"complaints": 1, "days_overdue": 1},
        {},
    ],
}


def test_every_kind_has_samples_and_a_name() -> None:
    assert set(SAMPLES) == set(KINDS)
    assert warning_message("no_such_kind", {}) is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sentences_match_the_server(conn: psycopg.Connection, lang: str) -> None:
    for kind, samples in SAMPLES.items():
        for figures in samples:
            server = conn.execute(
                "select public.warning_message(%s, %s::jsonb, %s)",
                (kind, json.dumps(figures), lang),
            ).fetchone()[0]
            assert warning_message(kind, figures, lang) == server, (kind, figures)


def test_reason_and_order() -> None:
    rows = [
        {"kind": "churn", "severity": "low", "status": "open", "figures": {"days_since": 99}},
        {"kind": "credit_over_limit", "severity": "high", "status": "acknowledged", "figures": {}},
        {"kind": "behind_plan", "severity": "medium", "status": "resolved"},
        {"kind": "mystery", "severity": "high", "status": "open"},
    ]
    live = open_warnings(rows)
    assert [w["kind"] for w in live] == ["credit_over_limit", "mystery", "churn"]
    assert reason(live[2]).zh.startswith("已 99 天未进货")
    assert reason(live[1]).en == "mystery"  # unknown kind: its name, never an empty line
