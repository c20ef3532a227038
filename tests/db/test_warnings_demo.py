"""The demo's pattern dealers raise the warnings they were built for, and no other dealer raises
any; the pandas twin agrees with SQL on the whole demo."""

from __future__ import annotations

import psycopg

from backend.demo import PATTERNS, generate
from backend.importer import import_frames
from backend.risk import evaluate
from tests.db.warnings_world import D
from tests.oracle import conditions, load_frames


def test_demo_patterns_raise_their_kinds(conn: psycopg.Connection) -> None:
    import_frames(conn, generate("default", seed=42, as_of=D), evaluate=False)
    result = evaluate(conn, D)
    assert result.of("raised") and not result.of("cleared")
    by_dealer: dict[str, set[str]] = {}
    for change in result.of("raised"):
        if change.customer_code.startswith("D"):
            by_dealer.setdefault(change.customer_code, set()).add(change.kind)
    for kind, dealers in PATTERNS.items():
        for code in dealers:
            assert kind in by_dealer.get(code, set()), f"{code} should raise {kind}"
    patterned = {code for dealers in PATTERNS.values() for code in dealers}
    assert set(by_dealer) <= patterned, "a dealer without a pattern raised a warning"

    assert evaluate(conn, D).changes == []  # idempotent on the demo too
    twin = conditions(load_frames(conn), D)
    sql = {(str(c.customer_id), c.kind, c.cause_key) for c in result.of("raised")}
    assert set(zip(twin.customer_id, twin.kind, twin.cause_key, strict=True)) == sql
