"""The support desk (issue 18's target: an area manager's 辅导支援 list under 200 ms at the large
scale): public.support_summary (this month, per area and owner) and public.support_list (the
newest 200 activities) as the busiest area manager and as the manager, as PostgREST runs them
(role authenticated, the JWT claims set, read only), beside the baseline, the same two calls as
service_role (no caller checks, no scope filter). The data: its own database with the large demo
(~20,000 outlets, benchmarks.common's generator and date) and support activities on every dealer
and on one outlet in five (planned, done with cost, evaluated, cancelled), made once; the shared
large database is left alone.
Run: python -m benchmarks.bench_support"""

from __future__ import annotations

import json

import psycopg
from psycopg.conninfo import make_conninfo

from benchmarks.common import AS_OF, server_url, timed

DB = "fieldsales_bench_support"
RUNS = 15
SUMMARY = "select count(*) from public.support_summary(null, %s, %s)"
LIST = "select count(*) from public.support_list(p_limit => 200)"
MONTH = (AS_OF.replace(day=1), AS_OF)


def database() -> str:
    """The benchmark's database, built once (migrated to the files each run)."""
    from backend.demo import generate
    from backend.importer import import_frames
    from backend.migrate import MigrationError, migrate

    url = make_conninfo(server_url(), dbname=DB)
    with psycopg.connect(server_url(), autocommit=True) as admin:
        if not admin.execute("select 1 from pg_database where datname = %s", (DB,)).fetchone():
            admin.execute(f"create database {DB}")
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            migrate(conn)
    except MigrationError:  # built from migrations edited since: start over
        with psycopg.connect(server_url(), autocommit=True) as admin:
            admin.execute(f"drop database {DB} with (force)")
            admin.execute(f"create database {DB}")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"set fieldsales.now = '{AS_OF.isoformat()}T12:00:00+08:00'")
        migrate(conn)
        if conn.execute("select not exists (select from public.customers)").fetchone()[0]:
            import_frames(conn, generate("large", seed=42, as_of=AS_OF), as_of=AS_OF)
        if conn.execute("select not exists (select from public.support_activities)").fetchone()[0]:
            _activities(conn)
        conn.execute("analyze public.support_activities, public.expenses")
    return url


def _activities(conn: psycopg.Connection) -> None:
    """Support on every dealer and one outlet in five over the last three months and the next."""
    conn.execute(
        """
        insert into public.support_activities (customer_id, kind, title, planned_on, done_on,
                                               cost, status, owner_id, materials, outcome)
        select c.id, (array['training', 'management', 'sales_activity', 'advertising_pr',
                            'store_display', 'promotion', 'information'])[1 + (k + n) %% 7],
               '支援 ' || n, d, case when d <= %(as_of)s and n %% 5 <> 0 then d end,
               case when d <= %(as_of)s and n %% 5 <> 0 then 200 + (n * 37) %% 3000 else 0 end,
               case when d > %(as_of)s or n %% 5 = 0 then 'planned' else 'done' end,
               c.owner_id, '物料', '效果'
          from (select c.*, row_number() over (order by c.id) as n from public.customers c
                 where c.tier = 1 or c.code like '%%0') c
         cross join generate_series(0, 2) k
         cross join lateral (select (%(as_of)s::date - 80 + ((c.n * 13 + k * 31) %% 110)::int)::date
                             as d) x
        """,
        {"as_of": AS_OF},
    )


def _call(conn: psycopg.Connection, query: str, role: str, user: str | None, *args: object) -> int:
    with conn.transaction(force_rollback=True), conn.cursor() as cur:
        cur.execute("set transaction read only")
        cur.execute(f"set local fieldsales.now = '{AS_OF.isoformat()}T12:00:00+08:00'")
        cur.execute("select set_config('role', %s, true)", (role,))
        if user is not None:
            claims = json.dumps({"sub": user, "role": role})
            cur.execute("select set_config('request.jwt.claims', %s, true)", (claims,))
        row = cur.execute(query, args).fetchone()
        return int(row[0]) if row else 0


def main() -> None:
    """Print the medians (ms) of the desk's two calls per caller beside the baseline."""
    url = database()
    with psycopg.connect(url, autocommit=True) as conn:
        customers = conn.execute("select count(*) from customers").fetchone()[0]
        acts = conn.execute("select count(*) from support_activities").fetchone()[0]
        manager = conn.execute(
            "select id::text from profiles where role = 'manager' and active order by id limit 1"
        ).fetchone()[0]
        am = conn.execute(
            "select p.id::text from profiles p join customers c on c.area_id = p.area_id"
            " join support_activities s on s.customer_id = c.id"
            " where p.role = 'area_manager' and p.active group by 1 order by count(*) desc limit 1"
        ).fetchone()[0]
        print(f"customers {customers:,}; support activities {acts:,}; as of {AS_OF}")
        callers = [
            ("baseline: as service_role", "service_role", None),
            ("as the busiest area manager", "authenticated", am),
            ("as the manager", "authenticated", manager),
        ]
        for label, role, user in callers:
            for name, query, args in (
                ("support_summary", SUMMARY, MONTH),
                ("support_list", LIST, ()),
            ):
                n = _call(conn, query, role, user, *args)

                def once(q: str = query, r: str = role, u: str | None = user,
                         a: tuple[object, ...] = args) -> None:  # fmt: skip
                    _call(conn, q, r, u, *a)

                median, runs = timed(once, RUNS)
                spread = ", ".join(f"{t * 1000:.0f}" for t in runs)
                print(f"{name:16} {label:30} {median * 1000:8.1f} ms  ({n:,} rows; runs: {spread})")

            def both(r: str = role, u: str | None = user) -> None:
                _call(conn, SUMMARY, r, u, *MONTH)
                _call(conn, LIST, r, u)

            median, runs = timed(both, RUNS)
            print(f"{'the desk (both)':16} {label:30} {median * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
