"""Meetings, pure: overdue counts calendar days on the company's today (whatever the hour), and a
satisfaction score is a whole number from 1 to 5."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldapp.domain import clock
from fieldapp.domain.meetings import days_overdue, kind_name, valid_score


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        ("2026-12-04T15:59:00+00:00", 0),  # 23:59 on the 4th in Shanghai: due today
        ("2026-12-04T16:01:00+00:00", 1),  # 00:01 on the 5th in Shanghai (still the 4th in UTC)
        ("2026-12-07T16:30:00+00:00", 4),
        ("2026-11-30T02:00:00+00:00", 0),  # before the due date: not negative
    ],
)
def test_overdue_counts_calendar_days_on_the_company_clock(utc: str, expected: int) -> None:
    today = clock.today(dt.datetime.fromisoformat(utc))
    assert days_overdue(dt.date(2026, 12, 4), today) == expected


@pytest.mark.parametrize(
    ("score", "ok"), [(1, True), (5, True), (0, False), (6, False), (3.0, False), (True, False),
                      ("4", False), (None, False)],
)  # fmt: skip
def test_a_score_is_a_whole_number_from_one_to_five(score: object, ok: bool) -> None:
    assert valid_score(score) is ok


def test_kind_names() -> None:
    assert kind_name("half_year", "zh") == "半年度座谈会"
    assert kind_name("annual", "en") == "Annual meeting"
    assert kind_name("weird", "zh") == "weird"
