"""Risk early warnings (预警) and customer classification: run the SQL evaluation, or its pandas
twin. Named `risk` rather than `warnings` so that it can never shadow Python's own module."""

from __future__ import annotations

from backend.risk.evaluate import (
    Change,
    Evaluation,
    EvaluationFailed,
    classify,
    customers_touched,
    evaluate,
    evaluate_codes,
)
from backend.risk.frames import Frames, load_frames
from backend.risk.rules import KINDS, conditions

__all__ = [
    "KINDS",
    "Change",
    "Evaluation",
    "EvaluationFailed",
    "Frames",
    "classify",
    "conditions",
    "customers_touched",
    "evaluate",
    "evaluate_codes",
    "load_frames",
]
