"""Long work (an import, the demo, an export, a report) in named phases, timed, with counts.

Library code takes an optional `Phases` and wraps each phase in `step`; the default records the
times and says nothing, so tests and the app are unaffected:

    with phases.step("merge customers", total=len(frame)) as s:
        ...
        s.advance(len(frame))

Only the CLI makes a visible one (`for_cli`): on a terminal a live bar (rich) for the phase under
way and, at the end, a table of how long each phase took; otherwise (a log, a pipe) one plain line
per finished phase with its time and rows per second, and a total. Both go to stderr, so stdout
keeps what a script reads. Phases are flat: a step inside another is timed on its own."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

Timer = Callable[[], float]


@dataclass(frozen=True)
class PhaseTime:
    """A finished phase: its name, seconds, and rows (None when it counts nothing)."""

    name: str
    seconds: float
    rows: int | None

    @property
    def rate(self) -> float | None:
        """Rows per second, when the phase counted rows and took measurable time."""
        if self.rows is None or self.seconds <= 0:
            return None
        return self.rows / self.seconds


class Step:
    """The phase under way: `advance(n)` counts n more rows done."""

    def __init__(self, phases: Phases, name: str, total: int | None) -> None:
        self._phases, self.name, self.total, self.done = phases, name, total, 0
        self.counted = total is not None

    def advance(self, n: int = 1) -> None:
        """Count n more rows (or items) done."""
        self.done += n
        self.counted = True
        self._phases._advanced(self, n)


class Phases:
    """Records how long each phase took and how many rows it did; shows nothing.

    Use as a context manager around the whole job: on a clean exit `close` reports the total
    (in the visible subclasses); on an error nothing more is said (the error is)."""

    def __init__(self, *, timer: Timer = time.perf_counter) -> None:
        self.timer = timer
        self.times: list[PhaseTime] = []
        self.started = timer()

    @contextmanager
    def step(self, name: str, total: int | None = None) -> Iterator[Step]:
        """Time one phase; `total` is the rows it will do, when known (for the bar)."""
        step = Step(self, name, total)
        self._begin(step)
        start = self.timer()
        try:
            yield step
        except BaseException:
            self._abort(step)
            raise
        done = PhaseTime(name, self.timer() - start, step.done if step.counted else None)
        self.times.append(done)
        self._end(step, done)

    def total_seconds(self) -> float:
        """Seconds since these phases were made (phases and the gaps between them)."""
        return self.timer() - self.started

    def close(self) -> None:
        """The job is done: report the phases (nothing here)."""

    def __enter__(self) -> Phases:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
        else:
            self._stop()

    # what the visible kinds do at each moment
    def _begin(self, step: Step) -> None:
        pass

    def _advanced(self, step: Step, n: int) -> None:
        pass

    def _end(self, step: Step, done: PhaseTime) -> None:
        pass

    def _abort(self, step: Step) -> None:
        pass

    def _stop(self) -> None:
        pass


def _count(n: float) -> str:
    return f"{n:,.0f}"


def plain_line(done: PhaseTime) -> str:
    """One finished phase as a line of a log: name, seconds, rows and rows per second."""
    line = f"  {done.name:<28} {done.seconds:>8.2f} s"
    if done.rows is not None:
        line += f" {_count(done.rows):>12} rows"
        if done.rate is not None:
            line += f" {_count(done.rate):>12} rows/s"
    return line


class PlainPhases(Phases):
    """One plain line per finished phase (for a log or a pipe), then the total."""

    def __init__(self, out: TextIO, *, timer: Timer = time.perf_counter) -> None:
        super().__init__(timer=timer)
        self.out = out

    def _end(self, step: Step, done: PhaseTime) -> None:
        print(plain_line(done), file=self.out, flush=True)

    def close(self) -> None:
        print(f"  {'合计 | total':<26} {self.total_seconds():>8.2f} s", file=self.out, flush=True)


class LivePhases(Phases):
    """A live bar (rich) for the phase under way; at the end, a table of all phases."""

    def __init__(self, console: Console, *, timer: Timer = time.perf_counter) -> None:
        super().__init__(timer=timer)
        self.console = console
        self.progress: Progress = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            RowsPerSecond(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            # lines printed to stdout go above the bar when both are this terminal; when stdout
            # is a file or a pipe they stay there (rich would send them to the bar's stream)
            redirect_stdout=sys.stdout.isatty(),
        )
        self._tasks: dict[int, TaskID] = {}

    def __enter__(self) -> Phases:
        self.progress.start()
        return self

    def _begin(self, step: Step) -> None:
        self._tasks[id(step)] = self.progress.add_task(step.name, total=step.total)

    def _advanced(self, step: Step, n: int) -> None:
        self.progress.advance(self._tasks[id(step)], n)

    def _end(self, step: Step, done: PhaseTime) -> None:
        self.progress.remove_task(self._tasks.pop(id(step)))

    def _abort(self, step: Step) -> None:
        self.progress.remove_task(self._tasks.pop(id(step)))

    def _stop(self) -> None:
        self.progress.stop()

    def close(self) -> None:
        self.progress.stop()
        self.console.print(summary_table(self.times, self.total_seconds()))


def summary_table(times: list[PhaseTime], total: float) -> Table:
    """How long each phase took, as a rich table (with the total)."""
    table = Table(title="用时 | time per phase", title_justify="left", show_footer=True)
    table.add_column("阶段 | phase", footer="合计 | total")
    table.add_column("s", justify="right", footer=f"{total:.2f}")
    table.add_column("rows", justify="right")
    table.add_column("rows/s", justify="right")
    for t in times:
        table.add_row(
            t.name,
            f"{t.seconds:.2f}",
            "" if t.rows is None else _count(t.rows),
            "" if t.rate is None else _count(t.rate),
        )
    return table


class RowsPerSecond(ProgressColumn):
    """The phase's speed in rows per second, once it is known."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{_count(speed)} rows/s", style="progress.data.speed")


def for_cli(stream: TextIO | None = None, *, timer: Timer = time.perf_counter) -> Phases:
    """The CLI's phases, to stderr: a live bar on a terminal, else one line per phase."""
    out = stream or sys.stderr
    console = Console(file=out)
    if console.is_terminal:
        return LivePhases(console, timer=timer)
    return PlainPhases(out, timer=timer)
