"""Phases of long work: times and counts per phase, plain lines off a terminal, a live bar and
a table on one. The clock is injected: a phase takes exactly as long as the test says."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from backend.progress import LivePhases, Phases, PhaseTime, PlainPhases, for_cli, plain_line


class FakeTimer:
    """A clock that moves only when the test moves it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_each_phase_records_its_time_and_rows() -> None:
    t = FakeTimer()
    phases = Phases(timer=t)
    with phases.step("stage shipments", total=10) as s:
        t.now += 2.0
        s.advance(4)
        s.advance(6)
    t.now += 0.5  # a gap between phases counts in the total, not in a phase
    with phases.step("classify"):
        t.now += 1.25
    with phases.step("stage support", total=0):
        pass
    assert phases.times == [
        PhaseTime("stage shipments", 2.0, 10),
        PhaseTime("classify", 1.25, None),
        PhaseTime("stage support", 0.0, 0),
    ]
    assert phases.times[0].rate == 5.0
    assert phases.times[1].rate is None  # counts nothing
    assert phases.times[2].rate is None  # took no measurable time
    assert phases.total_seconds() == 3.75


def test_a_phase_counted_without_a_total_has_rows() -> None:
    t = FakeTimer()
    phases = Phases(timer=t)
    with phases.step("read customers") as s:
        t.now += 4.0
        s.advance(1000)
    assert phases.times == [PhaseTime("read customers", 4.0, 1000)]
    assert phases.times[0].rate == 250.0


def test_a_failed_phase_is_not_recorded_and_the_error_goes_on() -> None:
    t = FakeTimer()
    phases = Phases(timer=t)
    with pytest.raises(ValueError, match="bad cell"), phases.step("validate", total=5):
        t.now += 1.0
        raise ValueError("bad cell")
    assert phases.times == []


def test_off_a_terminal_one_plain_line_per_finished_phase_then_the_total() -> None:
    t, out = FakeTimer(), io.StringIO()
    with PlainPhases(out, timer=t) as phases:
        with phases.step("merge customers", total=20_000) as s:
            t.now += 2.5
            s.advance(20_000)
        assert out.getvalue().splitlines() == [
            "  merge customers                  2.50 s       20,000 rows        8,000 rows/s"
        ]  # printed as the phase ends, not at the end
        with phases.step("classify"):
            t.now += 0.75
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert re.fullmatch(r"\s+classify\s+0\.75 s", lines[1])
    assert re.fullmatch(r"\s+合计 \| total\s+3\.25 s", lines[2])


def test_an_error_stops_the_lines_without_a_total() -> None:
    t, out = FakeTimer(), io.StringIO()
    with pytest.raises(RuntimeError), PlainPhases(out, timer=t) as phases:
        with phases.step("read workbook"):
            t.now += 1.0
        with phases.step("validate"):
            raise RuntimeError("refused")
    assert [line.split()[:2] for line in out.getvalue().splitlines()] == [["read", "workbook"]]


def test_the_cli_writes_plain_lines_when_its_stream_is_not_a_terminal() -> None:
    assert isinstance(for_cli(io.StringIO()), PlainPhases)


def test_on_a_terminal_a_live_bar_then_a_table_of_the_phases() -> None:
    t, out = FakeTimer(), io.StringIO()
    console = Console(file=out, force_terminal=True, width=100, color_system=None)
    assert isinstance(for_cli(out), PlainPhases)  # the same stream, not forced
    with LivePhases(console, timer=t) as phases:
        with phases.step("stage shipments", total=1_000_000) as s:
            t.now += 8.0
            s.advance(1_000_000)
        with phases.step("evaluate"):
            t.now += 0.5
    text = out.getvalue()
    table = text[text.index("time per phase") :]
    assert re.search(r"stage shipments\s*│\s*8\.00\s*│\s*1,000,000\s*│\s*125,000", table)
    assert re.search(r"evaluate\s*│\s*0\.50\s*│\s*│", table)
    assert re.search(r"合计 \| total\s*│\s*8\.50", table)


def test_a_plain_line_without_rows_has_no_rate() -> None:
    assert "rows" not in plain_line(PhaseTime("migrate", 0.04, None))
    assert plain_line(PhaseTime("validate", 0.0, 12)).endswith("12 rows")
