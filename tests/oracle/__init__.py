"""The warning rules in pandas: an independent twin of the SQL evaluation, used by the tests as
their oracle and by benchmarks/bench_warnings.py as its baseline (never by the product)."""

from __future__ import annotations

from tests.oracle.frames import Frames, load_frames
from tests.oracle.lifecycle import load_warnings, raised
from tests.oracle.rules import conditions

__all__ = ["Frames", "conditions", "load_frames", "load_warnings", "raised"]
