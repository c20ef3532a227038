"""Quadrants and grades (客户分类): volume x loyalty, evaluation scores, and the history of moves."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import psycopg
import pytest

from backend.risk import classify
from fieldapp.errors import InvalidInput
from tests.db.warnings_world import D, World, day


def _world() -> World:
    """Four dealers in one area: big and small, loyal and not (see docs/warnings.md)."""
    w = World()
    months = [dt.date(2025 + (10 + m) // 12, (10 + m) % 12 + 1, 1) for m in range(12)]  # 2025-11 ..
    w.customer("BIGLOYAL", exclusive=True, since=day("2020-01-01"))
    w.customer("BIGDIS")
    for m in months:
        w.plan("BIGLOYAL", m, 10_000).ship("BIGLOYAL", m.replace(day=15), 10_000)
        w.plan("BIGDIS", m, 10_000)
        if m >= day("2026-02-01"):
            w.ship("BIGDIS", m.replace(day=15), 10_000)  # 9 months, never paid
    w.pay("BIGLOYAL", D, 120_000)
    w.evaluation("BIGLOYAL", day("2026-10-01"), 5)
    w.customer("SMALLLOYAL", exclusive=True, since=day("2020-01-01"))
    w.ship("SMALLLOYAL", day("2026-06-01"), 1000).pay("SMALLLOYAL", day("2026-06-20"), 1000)
    w.evaluation("SMALLLOYAL", day("2026-10-01"), 1)
    w.customer("SMALLDIS").ship("SMALLDIS", day("2026-05-01"), 500)
    return w


def _rows(conn: psycopg.Connection, as_of: dt.date) -> dict[str, tuple[object, ...]]:
    rows = conn.execute(
        "select c.code, cc.quadrant, cc.grade, cc.loyalty_score, cc.volume_12m"
        " from public.customer_classifications cc join public.customers c on c.id = cc.customer_id"
        " where cc.as_of = %s",
        (as_of,),
    ).fetchall()
    return {r[0]: r[1:] for r in rows}


def test_evaluation_scores_and_grades_come_from_the_weights(conn: psycopg.Connection) -> None:
    w = World().customer("E").evaluation("E", day("2026-01-01"), 4)
    w.evaluation("E", day("2026-06-01"), 5, credit=1)  # credit weighs 14: 100 - 14 x 4 / 5
    w.evaluation("E", day("2026-09-01"), 3)
    w.load(conn)
    rows = conn.execute(
        "select score, grade from public.evaluations order by evaluated_on"
    ).fetchall()
    assert [(float(s), g) for s, g in rows] == [(80.0, "B"), (88.8, "A"), (60.0, "C")]


def test_quadrants_grades_and_loyalty(conn: psycopg.Connection) -> None:
    _world().load(conn)
    summary = classify(conn, D)
    assert summary["classified"] == 4
    assert summary["quadrants"] == {"core": 1, "dangerous": 1, "cultivate": 1, "eliminate": 1}
    got = _rows(conn, D)
    assert {code: (q, g) for code, (q, g, _, _) in got.items()} == {
        "BIGLOYAL": ("core", "A"),  # evaluation score 100
        "BIGDIS": ("dangerous", "B"),  # no evaluation: second of four by volume
        "SMALLLOYAL": ("cultivate", "D"),  # evaluation score 20
        "SMALLDIS": ("eliminate", "D"),  # smallest volume
    }
    assert float(got["BIGLOYAL"][2]) == 100.0
    # no plan: attainment is left out; 0.7 x 100 (measured) + 0.3 x 0 (evaluation all ones)
    assert float(got["SMALLLOYAL"][2]) == 70.0
    assert float(got["BIGDIS"][2]) < 60 and float(got["SMALLDIS"][2]) < 60
    assert float(got["BIGLOYAL"][3]) == 110_000.0  # 2025-12-15 .. 2026-10-15
    customers = conn.execute("select code, quadrant, grade from public.customers order by code")
    assert [(c, q, g) for c, q, g in customers] == [
        ("BIGDIS", "dangerous", "B"),
        ("BIGLOYAL", "core", "A"),
        ("SMALLDIS", "eliminate", "D"),
        ("SMALLLOYAL", "cultivate", "D"),
    ]


def test_history_shows_who_moved(conn: psycopg.Connection) -> None:
    ids = _world().load(conn)
    classify(conn, D)
    classify(conn, D)  # the same date again replaces, it does not add
    assert conn.execute("select count(*) from public.customer_classifications").fetchone()[0] == 4
    # BIGDIS pays everything, signs an exclusive contract: loyal now
    conn.execute("update public.customers set exclusive = true where id = %s", (ids["BIGDIS"],))
    conn.execute(
        "insert into public.payments (reference, customer_id, paid_on, amount)"
        " values ('PAY-ALL', %s, %s, 90000)",
        (ids["BIGDIS"], day("2026-12-01")),
    )
    later = day("2026-12-31")
    summary = classify(conn, later)
    assert summary["moved_quadrant"] == 1 and summary["moved_grade"] == 0
    moves = conn.execute(
        "select c.code, m.previous_quadrant, m.quadrant, m.previous_as_of, m.as_of"
        " from public.customer_classification_moves m"
        " join public.customers c on c.id = m.customer_id"
    ).fetchall()
    assert moves == [("BIGDIS", "dangerous", "core", D, later)]
    assert conn.execute("select count(*) from public.customer_classifications").fetchone()[0] == 8


def test_conduct_flags_lower_loyalty(conn: psycopg.Connection) -> None:
    ids = _world().load(conn)
    flag = (
        "insert into public.customer_conduct_flags (customer_id, kind, flagged_on)"
        " values (%s, %s, %s)"
    )
    conn.execute(flag, (ids["SMALLLOYAL"], "cross_territory", day("2026-09-01")))
    classify(conn, D)
    # one flag costs half the conduct weight: 0.7 x (30 + 15 + 15 + 7.5) / 75 x 100
    assert _rows(conn, D)["SMALLLOYAL"][:3] == ("cultivate", "D", Decimal("63.0"))
    conn.execute(flag, (ids["SMALLLOYAL"], "dumping", day("2026-10-01")))
    conn.execute(flag, (ids["SMALLLOYAL"], "dumping", day("2025-10-01")))  # over a year ago
    classify(conn, D)
    assert _rows(conn, D)["SMALLLOYAL"][:3] == ("eliminate", "D", Decimal("56.0"))


def test_classify_needs_a_date(conn: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.NullValueNotAllowed):
        conn.execute("select public.classify_customers(null)")
    with pytest.raises(InvalidInput):
        classify(conn, None)  # type: ignore[arg-type]
