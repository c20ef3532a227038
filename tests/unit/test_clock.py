"""The phone's company calendar: zones, days, weeks and the frozen clock."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from fieldapp.domain import clock
from fieldapp.errors import InvalidInput


@pytest.fixture(autouse=True)
def default_zone() -> None:
    clock.use_zone(None)


def test_days_and_weeks_are_the_companys() -> None:
    t = dt.datetime(2026, 11, 30, 16, 30, tzinfo=dt.UTC)  # 00:30 on 1 December in Shanghai
    assert clock.today(t) == dt.date(2026, 12, 1) and clock.local(t).hour == 0
    assert clock.monday(dt.date(2026, 12, 6)) == dt.date(2026, 11, 30)  # a Sunday's Monday
    assert clock.day_start(dt.date(2026, 12, 1)) == dt.datetime(2026, 11, 30, 16, tzinfo=dt.UTC)
    assert clock.day_of(dt.datetime(2026, 11, 30, 16, 30)) == dt.date(2026, 12, 1)  # naive: UTC
    clock.use_zone("Europe/London")
    assert clock.today(t) == dt.date(2026, 11, 30)
    assert str(clock.use_zone("Mars/Olympus")) == clock.DEFAULT_ZONE  # unknown: the default


def test_frozen_clock_runs_on_from_its_instant(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.NOW_ENV, "2026-12-01T23:30:00+08:00")
    t = clock.system_now()
    assert dt.timedelta(0) <= t - dt.datetime(2026, 12, 1, 15, 30, tzinfo=dt.UTC)
    assert t.tzinfo == dt.UTC
    # a fix the device stamped a second ago is a second old on the frozen clock too
    fix_at = clock.from_device(dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
    assert dt.timedelta(seconds=0.5) < clock.system_now() - fix_at < dt.timedelta(seconds=5)
    monkeypatch.setenv(clock.NOW_ENV, "2026-12-01 23:30")
    with pytest.raises(InvalidInput) as exc:
        clock.system_now()
    assert "带时区" in exc.value.message_zh and "with a zone" in exc.value.message_en
    monkeypatch.delenv(clock.NOW_ENV)
    assert abs(clock.system_now() - dt.datetime.now(dt.UTC)) < dt.timedelta(seconds=5)


def test_one_clock_per_side() -> None:
    """Only the clock helpers read the machine's clock: any other `datetime.now()` or
    `date.today()` would stamp or date something off the company's (frozen) clock."""
    root = Path(__file__).resolve().parents[2]
    helpers = {root / "fieldapp/domain/clock.py", root / "backend/clock.py"}
    pattern = re.compile(r"\b(datetime\.now|datetime\.utcnow|date\.today)\(")
    found = [
        f"{path.relative_to(root)}:{n}"
        for folder in ("fieldapp", "backend")
        for path in sorted((root / folder).rglob("*.py"))
        if path not in helpers
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert not found, f"read the clock through fieldapp.domain.clock / backend.clock: {found}"
