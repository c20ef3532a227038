"""The case desk (issue 16's target: a manager's list under 200 ms): public.case_desk as the
manager and as the busiest area manager, under RLS as PostgREST runs it, against its baseline,
the same query run as service_role without policies. The data: the default demo with its demo
cases, plus CASES synthetic cases (a quarter open) with three events each spread over every
customer — many more cases than a company of the default demo's size keeps. With --scale large
or national: a copy of that scale's demo database (benchmarks.common.scale_copy,
fieldsales_bench_cases_<scale>; large: ~20,000 outlets, 800 dealers, ~1 M shipment lines;
national: ~100,000 outlets, 2,000 dealers, ~5 M lines) with the same synthetic cases added once.
Run: python -m benchmarks.bench_case_desk [--scale default|large|national]"""

from __future__ import annotations

import argparse
import json

import psycopg
from psycopg.conninfo import make_conninfo

from benchmarks.common import add_scale_argument, scale_copy, server_url, timed

DB = "fieldsales_bench_cases"  # the default demo's; a scale's copy is DB_<scale>
CASES = 40_000
RUNS = 15
DESK = """
select k.id, k.kind, k.status, k.severity, k.customer_id, c.code, c.name, k.owner_id,
       p.full_name, k.escalation_level, k.title, k.opened_at, k.due_at,
       coalesce(k.last_at, k.opened_at), k.status not in ('resolved', 'closed')
       and k.due_at < now() as overdue
  from public.cases k
  join public.customers c on c.id = k.customer_id
  left join public.profiles p on p.id = k.owner_id
 where k.deleted_at is null and k.status <> 'closed'
 order by 15 desc, k.due_at nulls last, k.opened_at, k.id
"""
# before 20261210510000_case_last_at: each case's last progress aggregated from its events
DESK_BEFORE = DESK.replace("coalesce(k.last_at", "coalesce(e.last_at").replace(
    " where k.deleted_at",
    " left join lateral (select max(ev.at) as last_at from public.case_events ev"
    " where ev.case_id = k.id) e on true where k.deleted_at",
)


def database() -> str:
    """The benchmark database: the default demo plus the synthetic cases, built once."""
    from backend import clock
    from backend.demo import generate
    from backend.demo_dealers import seed_dealer_demo
    from backend.importer import import_frames
    from backend.migrate import migrate

    url = make_conninfo(server_url(), dbname=DB)
    with psycopg.connect(server_url(), autocommit=True) as admin:
        if not admin.execute("select 1 from pg_database where datname = %s", (DB,)).fetchone():
            admin.execute(f"create database {DB}")
    with psycopg.connect(url, autocommit=True) as conn:
        migrate(conn)
        if conn.execute("select not exists (select from public.customers)").fetchone()[0]:
            today = clock.today(conn)
            import_frames(conn, generate("default", seed=42, as_of=today), evaluate=False)
            seed_dealer_demo(conn, today)
            add_cases(conn)
            conn.execute("analyze")
    return url


def add_cases(conn: psycopg.Connection) -> bool:
    """The synthetic cases and their events, spread over every customer, unless the database
    has them already; whether they were added."""
    if conn.execute(
        "select exists (select from public.cases where title like '合成售后单%%')"
    ).fetchone()[0]:
        return False
    conn.execute(
        """
        with cs as (select id, row_number() over (order by code) - 1 as i,
                           count(*) over () as n from public.customers)
        insert into public.cases (kind, customer_id, severity, status, title, due_at,
                                  opened_at, closed_at, owner_id, answer, answered_at)
        select (array['return', 'exchange', 'repair', 'packaging_exchange',
                      'complaint'])[1 + g %% 5],
               cs.id, 'medium', case when g %% 4 = 0 then 'open' else 'closed' end,
               '合成售后单 ' || g, now() - make_interval(days => g %% 30),
               now() - make_interval(days => 3 + g %% 30),
               case when g %% 4 = 0 then null else now() end,
               private.case_owner_for(cs.id), '已处理', now()
          from generate_series(1, %s) g join cs on cs.i = g %% cs.n
        """,
        (CASES,),
    )
    conn.execute(
        "insert into public.case_events (case_id, customer_id, action, note, at)"
        " select k.id, k.customer_id, 'note', '跟进',"
        " k.opened_at + make_interval(hours => i) from public.cases k,"
        " generate_series(1, 3) i where k.title like '合成售后单%%'"
    )
    return True


def scaled(scale: str) -> str:
    """A copy of the scale's demo database with the synthetic cases (the shared database stays
    as the other benchmarks expect it), made once."""
    url = scale_copy(scale, DB)
    with psycopg.connect(url, autocommit=True) as conn:
        if add_cases(conn):
            conn.execute("analyze")
    return url


def _as(conn: psycopg.Connection, role: str, sql: str, user: str | None = None) -> int:
    with conn.transaction(force_rollback=True):
        conn.execute("set transaction read only")
        conn.execute("select set_config('role', %s, true)", (role,))
        if user is not None:
            claims = json.dumps({"sub": user, "role": role})
            conn.execute("select set_config('request.jwt.claims', %s, true)", (claims,))
        return len(conn.execute(sql).fetchall())


def main() -> None:
    """Print the medians (ms) and row counts of each caller beside the baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_scale_argument(
        parser, own={"default": "the default demo with the synthetic cases"}, default="default"
    )
    scale = parser.parse_args().scale
    url = database() if scale == "default" else scaled(scale)
    with psycopg.connect(url, autocommit=True) as conn:
        total, open_ = conn.execute(
            "select count(*), count(*) filter (where status <> 'closed') from cases"
        ).fetchone()
        manager = conn.execute("select id::text from profiles where role = 'manager'").fetchone()[0]
        am = conn.execute(
            "select p.id::text from profiles p join cases k on k.owner_id = p.id"
            " where p.role = 'area_manager' group by 1 order by count(*) desc limit 1"
        ).fetchone()[0]
        print(f"{scale}: cases {total:,} ({open_:,} not closed)")
        desk = "select * from public.case_desk()"
        rows = [
            ("baseline: the query as service_role", "service_role", DESK, None),
            ("before: events aggregated per case, ditto", "service_role", DESK_BEFORE, None),
            ("case_desk() as the manager", "authenticated", desk, manager),
            ("case_desk() as the busiest area manager", "authenticated", desk, am),
        ]
        for label, role, sql, user in rows:
            n = _as(conn, role, sql, user)
            median, _ = timed(lambda r=role, s=sql, u=user: _as(conn, r, s, u), RUNS)
            print(f"{label:42} {median * 1000:8.1f} ms  ({n:,} rows)")


if __name__ == "__main__":
    main()
