"""Meetings and feedback, pure: the meeting kinds, calendar days overdue, feedback checks."""

from __future__ import annotations

import datetime as dt

KINDS: tuple[str, ...] = ("quarterly", "half_year", "annual", "ad_hoc")
KIND_NAMES: dict[str, tuple[str, str]] = {
    "quarterly": ("季度座谈会", "Quarterly meeting"),
    "half_year": ("半年度座谈会", "Half-year meeting"),
    "annual": ("年度座谈会", "Annual meeting"),
    "ad_hoc": ("临时座谈会", "Ad hoc meeting"),
}
SCORES: tuple[int, ...] = (1, 2, 3, 4, 5)
LOW_SCORE = 2  # 1–2 count as low in feedback_summary


def days_overdue(due_on: dt.date, today: dt.date) -> int:
    """Calendar days past the due date on the company's today (0 on the due date and before):
    a decision due on the 5th is 1 day overdue on the 6th, whatever the hour."""
    return max((today - due_on).days, 0)


def kind_name(kind: str, lang: str) -> str:
    """The meeting kind in the language (the code itself when unknown)."""
    zh, en = KIND_NAMES.get(kind, (kind, kind))
    return en if lang == "en" else zh


def valid_score(score: object) -> bool:
    """A satisfaction score: a whole number from 1 to 5 (True/False are not scores)."""
    return isinstance(score, int) and not isinstance(score, bool) and score in SCORES
