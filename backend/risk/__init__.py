"""Risk early warnings (预警) and customer classification: run the SQL evaluation. Named `risk`
rather than `warnings` so that it can never shadow Python's own module. (Its pandas twin, the
tests' oracle and the benchmark's baseline, lives in tests/oracle.)"""

from __future__ import annotations

from backend.risk.evaluate import (
    KINDS,
    Change,
    Evaluation,
    EvaluationFailed,
    classify,
    customers_touched,
    escalate,
    evaluate,
    evaluate_codes,
)

__all__ = [
    "KINDS",
    "Change",
    "Evaluation",
    "EvaluationFailed",
    "classify",
    "customers_touched",
    "escalate",
    "evaluate",
    "evaluate_codes",
]
