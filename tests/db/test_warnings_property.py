"""Property: on random small histories the SQL evaluation and the pandas twin agree exactly —
the same warnings (customer, kind, cause, severity) with the same figures. The histories include
after-sales cases, for complaint_unanswered."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg.conninfo import make_conninfo

from tests.db.warnings_world import World
from tests.oracle import conditions, load_frames, load_warnings, raised

AMOUNTS = st.one_of(
    st.sampled_from([1, 100, 250, 500, 999.99, 1000, 1200, 2500, 7000, 10_000, 12_345.67]),
    st.integers(1, 2_000_000).map(lambda c: c / 100),
)
KEYS = [
    ("warning.behind_plan.tolerance", [0, 0.1, 0.25, 0.5, 1]),
    ("warning.below_last_year.tolerance", [0, 0.3, 0.5]),
    ("warning.below_last_year.min_amount", [0, 100, 5000]),
    ("warning.frequency_drop.factor", [0.5, 1, 1.5, 3]),
    ("warning.churn.days", [1, 30, 60, 200]),
    ("warning.expense_rising.tolerance", [0, 0.5]),
    ("warning.expense_rising.min_amount", [0, 1000]),
    ("warning.credit.high_ratio", [1, 1.5]),
    ("warning.major_incident.days", [1, 10, 365]),
]


@pytest.fixture(scope="module")
def shared(server_url: str, template_db: str) -> Iterator[psycopg.Connection]:
    """One database for every example; tables are emptied between examples."""
    name = f"fieldsales_p_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"create database {name} template {template_db}")
    with psycopg.connect(make_conninfo(server_url, dbname=name), autocommit=True) as conn:
        yield conn
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")


ZONE = ZoneInfo("Asia/Shanghai")  # the company's time zone (the setting's default)


@st.composite
def complaints(draw: st.DrawFn, codes: list[str], as_of: dt.date) -> list[dict[str, Any]]:
    """After-sales cases around D: complaints (and a few other kinds, which never count) opened,
    due, answered and closed at whole hours of the company's days, so that some fall exactly on
    D's bounds; a few soft-deleted."""
    out = []
    for _ in range(draw(st.integers(0, 8))):
        opened = dt.datetime.combine(
            as_of + dt.timedelta(days=draw(st.integers(-20, 3))),
            dt.time(draw(st.sampled_from([0, 9, 23]))),
            ZONE,
        )
        due = opened + dt.timedelta(days=draw(st.sampled_from([1, 3, 7])))
        answered = closed = None
        if draw(st.booleans()):
            answered = opened + dt.timedelta(hours=draw(st.sampled_from([1, 24, 24 * 5, 24 * 12])))
            if draw(st.booleans()):
                closed = answered + dt.timedelta(hours=draw(st.sampled_from([0, 24, 24 * 4])))
        out.append(
            {
                "code": draw(st.sampled_from(codes)),
                "kind": draw(st.sampled_from(["complaint"] * 4 + ["return", "incident"])),
                "severity": draw(st.sampled_from(["low", "medium", "high"])),
                "opened": opened,
                "due": due,
                "answered": answered,
                "closed": closed,
                "deleted": draw(st.sampled_from([False] * 5 + [True])),
            }
        )
    return out


def add_cases(conn: psycopg.Connection, ids: dict[str, Any], cases: list[dict[str, Any]]) -> None:
    """Write the cases as the service side would (the status follows answer and closing)."""
    for c in cases:
        status = "closed" if c["closed"] else "resolved" if c["answered"] else "open"
        conn.execute(
            "insert into public.cases (kind, customer_id, severity, status, opened_at, due_at,"
            " title, answer, answered_at, closed_at, deleted_at) values (%s, %s, %s, %s, %s, %s,"
            " '投诉', %s, %s, %s, case when %s then now() end)",
            (
                c["kind"], ids[c["code"]], c["severity"], status, c["opened"], c["due"],
                "已答复" if c["answered"] else None, c["answered"], c["closed"], c["deleted"],
            ),
        )  # fmt: skip


@st.composite
def histories(draw: st.DrawFn) -> tuple[World, dt.date, list[tuple[str, Any, Any]], list[str]]:
    """A world of 1-4 dealers (one may have a sub-distributor), D, overrides and mutations."""
    as_of = draw(st.dates(dt.date(2027, 11, 1), dt.date(2028, 3, 31)))
    day = st.integers(-800, 20).map(lambda n: as_of + dt.timedelta(days=n))
    near = st.integers(-200, 10).map(lambda n: as_of + dt.timedelta(days=n))
    n = draw(st.integers(1, 4))
    codes = [f"C{i}" for i in range(n)]
    w = World()
    for code in codes:
        w.customer(
            code,
            credit_limit=draw(st.sampled_from([0, 500, 2000, 10_000, 1_000_000])),
            grade=draw(st.sampled_from([None, "A", "B"])),
            status=draw(st.sampled_from(["active"] * 4 + ["suspended", "eliminated"])),
        )
    buyers = list(codes)
    if draw(st.booleans()):
        w.customer("S0", tier=2, parent="C0", credit_limit=draw(st.sampled_from([0, 1000])))
        buyers.append("S0")
    who = st.sampled_from(buyers)
    # purchases on a few repeated rhythms, so that gaps and medians repeat
    for _ in range(draw(st.integers(0, 30))):
        code = draw(who)
        seller = draw(st.sampled_from([None, "C0"])) if code == "S0" else None
        base, step, k = (
            draw(day),
            draw(st.sampled_from([1, 7, 10, 30, 91])),
            draw(st.integers(1, 4)),
        )
        for i in range(k):
            w.ship(code, base + dt.timedelta(days=i * step), draw(AMOUNTS), seller=seller)
    for _ in range(draw(st.integers(0, 6))):
        w.pay(draw(who), draw(day), draw(AMOUNTS))
    for _ in range(draw(st.integers(0, 4))):
        w.ret(
            draw(who),
            draw(day),
            draw(AMOUNTS),
            kind=draw(st.sampled_from(["return", "credit_note", "exchange"])),
            status=draw(st.sampled_from(["accepted", "completed", "rejected", "requested"])),
        )
    plans = draw(st.sets(st.tuples(who, st.integers(-14, 1)), max_size=8))
    for code, m in plans:
        first = as_of.replace(day=1)
        month = dt.date(first.year + (first.month - 1 + m) // 12, (first.month - 1 + m) % 12 + 1, 1)
        w.plan(code, month, draw(AMOUNTS))
    for _ in range(draw(st.integers(0, 8))):
        w.expense(draw(who), draw(near), draw(AMOUNTS))
    budgets = draw(st.sets(st.tuples(who, st.integers(-120, 5)), max_size=3))
    for code, start in budgets:
        begin = as_of + dt.timedelta(days=start)
        end = begin + dt.timedelta(days=draw(st.sampled_from([0, 30, 91, 200])))
        w.budget(code, begin, end, draw(AMOUNTS))
    incidents = draw(st.sets(st.tuples(who, st.integers(-120, 5), st.sampled_from(
        ["theft", "accident", "family_split", "serious_illness", "other_major", "minor"]
    )), max_size=4))  # fmt: skip
    for code, off, kind in incidents:
        w.incident(code, as_of + dt.timedelta(days=off), kind)
    overrides = []
    for key, values in draw(st.lists(st.sampled_from(KEYS), max_size=3, unique_by=lambda k: k[0])):
        target = draw(st.sampled_from(["A", "B", *buyers]))
        overrides.append((key, target, draw(st.sampled_from(values))))
    mutations = draw(
        st.lists(st.sampled_from(["soft_delete", "restore", "move", "reprice", "drop"]), max_size=3)
    )
    w.cases = draw(complaints(buyers, as_of))  # type: ignore[attr-defined]
    return w, as_of, overrides, mutations


MUTATIONS = {
    "soft_delete": "update public.shipments set deleted_at = now() where id in"
    " (select id from public.shipments order by doc_no limit 2)",
    "restore": "update public.shipments set deleted_at = null where doc_no = (select min(doc_no) from public.shipments)",
    "move": "update public.shipments set shipped_on = shipped_on - 3 where id in"
    " (select id from public.shipments order by doc_no desc limit 3)",
    "reprice": "update public.shipments set amount = amount + 0.01 where id in"
    " (select id from public.shipments order by amount limit 2)",
    "drop": "delete from public.shipments where id in"
    " (select id from public.shipments order by doc_no desc limit 1)",
}


def _plain(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def _load(conn: psycopg.Connection, history: tuple[Any, ...]) -> dict[str, Any]:
    """Empty the tables and write the history; the customers' ids by code."""
    world, _as_of, overrides, mutations = history
    conn.execute(
        "truncate public.shipments, public.customers, public.areas, public.products,"
        " public.profiles, public.warnings, public.warning_thresholds cascade"
    )
    ids = world.load(conn)
    add_cases(conn, ids, world.cases)
    for key, target, value in overrides:
        if target in ("A", "B"):
            conn.execute(
                "insert into public.warning_thresholds (setting_key, grade, value) values (%s, %s, %s)",
                (key, target, value),
            )
        else:
            conn.execute(
                "insert into public.warning_thresholds (setting_key, customer_id, value)"
                " values (%s, %s, %s)",
                (key, ids[target], value),
            )
    for m in mutations:
        conn.execute(MUTATIONS[m])
    return ids


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_sql_and_pandas_agree(shared: psycopg.Connection, history: tuple[Any, ...]) -> None:
    conn, as_of = shared, history[1]
    _load(conn, history)
    sql = conn.execute(
        "select customer_id::text, kind, cause_key, severity, figures"
        " from public.evaluate_warnings(%s) where action = 'raised'",
        (as_of,),
    ).fetchall()
    twin = conditions(load_frames(conn), as_of)
    got_sql = {(c, k, key): (sev, fig) for c, k, key, sev, fig in sql}
    got_twin = {
        (c, k, key): (sev, {name: _plain(v) for name, v in fig.items()})
        for c, k, key, sev, fig in twin.itertuples(index=False, name=None)
    }
    assert got_sql == got_twin


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories(), st.data())
def test_snooze_and_re_raise_agree(
    shared: psycopg.Connection, history: tuple[Any, ...], data: st.DataObject
) -> None:
    """After a first evaluation, some warnings are resolved by hand (on a day up to 20 days
    before D, at a whole hour), some of those then seen cleared, some with an older resolved
    one of the same cause; with a drawn warning.snooze_days, a second evaluation as of the same
    D raises exactly what the pandas twin says, linked to the same predecessors."""
    conn, as_of = shared, history[1]
    _load(conn, history)
    snooze = data.draw(st.sampled_from([1, 7, 14, 30]), label="snooze")
    conn.execute("update public.settings set value = %s where key = 'warning.snooze_days'",
                 (str(snooze),))  # fmt: skip
    conn.execute("select count(*) from public.evaluate_warnings(%s)", (as_of,))
    opened = conn.execute(
        "select id, customer_id, kind, cause_key from public.warnings"
        " where status <> 'resolved' order by kind, cause_key, customer_id"
    ).fetchall()
    for wid, customer, kind, key in opened:
        what = data.draw(st.sampled_from(["keep", "hand", "hand", "cleared", "twice"]))
        if what == "keep":
            continue
        days = data.draw(st.integers(0, 20 if snooze < 30 else 40))
        hour = data.draw(st.sampled_from([0, 9, 23]))
        at = dt.datetime.combine(as_of - dt.timedelta(days=days), dt.time(hour), ZONE)
        conn.execute(
            "update public.warnings set status = 'resolved', resolved_at = %s, resolution = '手工',"
            " cleared_at = case when %s then %s end where id = %s",
            (at, what == "cleared", at, wid),
        )
        if what == "twice":  # an earlier hand-resolved warning of the same cause
            earlier = at - dt.timedelta(days=data.draw(st.integers(0, 30)), hours=1)
            conn.execute(
                "insert into public.warnings (customer_id, kind, cause_key, severity, status,"
                " resolved_at, resolution, raised_at) values (%s, %s, %s, 'low', 'resolved',"
                " %s, '手工', %s)",
                (customer, kind, key, earlier, earlier),
            )
    expected = raised(
        conditions(load_frames(conn), as_of), load_warnings(conn), as_of, snooze, ZONE
    )
    ids = [
        r[0]
        for r in conn.execute(
            "select warning_id from public.evaluate_warnings(%s) where action = 'raised'", (as_of,)
        ).fetchall()
    ]
    got = set(
        conn.execute(
            "select customer_id::text, kind, cause_key, previous_id::text from public.warnings"
            " where id = any(%s)",
            (ids,),
        ).fetchall()
    )
    assert got == set(expected.itertuples(index=False, name=None))
