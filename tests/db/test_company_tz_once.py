"""Issue 20: the company's time zone is read once per call of a report function, not once per
visit. private.company_tz() cannot be inlined (security definer), so an expression such as
`checkin_at at time zone private.company_tz()` in a query called it for every row it met
(~5.5 µs each). Counted with track_functions: the calls must not grow with the visits."""

from __future__ import annotations

from collections.abc import Callable, Sized

import psycopg

from backend.map_export import load_customers
from tests.db.access_world import World
from tests.db.test_display_checks import _template
from tests.db.test_display_compliance import _answer, world  # noqa: F401 (fixture)
from tests.db.test_map_export import AS_OF, shop  # noqa: F401 (fixture)

DECEMBER = ("2026-12-01", "2026-12-31")
DISPLAY = "select * from public.display_compliance(%s, %s)"
FEEDBACK = "select * from public.feedback_summary(null, %s, %s)"


def _tz_calls(conn: psycopg.Connection, run: Callable[[], Sized]) -> int:
    """How many times private.company_tz() ran while run() did (counted in one transaction);
    run must find something."""
    count = (
        "select coalesce(sum(calls), 0) from pg_stat_xact_user_functions"
        " where schemaname = 'private' and funcname = 'company_tz'"
    )
    with conn.transaction():
        conn.execute("set local track_functions = 'all'")
        before = conn.execute(count).fetchone()[0]
        rows = run()
        after = conn.execute(count).fetchone()[0]
    assert len(rows) > 0  # the report found the visits
    return int(after - before)


def test_report_functions_read_the_time_zone_once_whatever_the_visits(
    conn: psycopg.Connection,
    world: World,  # noqa: F811
) -> None:
    pop = _template(conn)["yes_no"]
    calls: dict[str, list[int]] = {"display": [], "feedback": []}
    for day in ("2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"):
        _answer(conn, world, pop, "D_SH", day, True)
        conn.execute("update visits set feedback = '货架太乱' where feedback is null")
        calls["display"].append(_tz_calls(conn, lambda: conn.execute(DISPLAY, DECEMBER).fetchall()))
        calls["feedback"].append(
            _tz_calls(conn, lambda: conn.execute(FEEDBACK, DECEMBER).fetchall())
        )
    # one visit or five: the same number of reads
    assert len(set(calls["display"])) == 1 and len(set(calls["feedback"])) == 1, calls
    assert calls["display"][0] <= 2 and calls["feedback"][0] <= 3, calls


def test_the_map_export_reads_the_time_zone_once(shop: psycopg.Connection) -> None:  # noqa: F811
    """The export's one query (every customer's last visit as a local date), whatever the
    number of customers."""
    few = _tz_calls(shop, lambda: load_customers(shop, AS_OF))
    shop.execute(
        "insert into public.customers (code, name, tier, area_id, owner_id)"
        " select 'TZ' || g, '经销商' || g, 1, c.area_id, c.owner_id"
        "   from public.customers c, generate_series(1, 60) g where c.code = 'D001'"
    )
    many = _tz_calls(shop, lambda: load_customers(shop, AS_OF))
    assert few == many <= 2, (few, many)
