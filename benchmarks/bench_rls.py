"""RLS cost at the large demo scale: a rep's "my customers" and an area manager's "all in my
area", and their shipments, through the policies (as PostgREST runs them) vs the same rows read
as service_role with the filter written out.
Run: python -m benchmarks.bench_rls [--scale large|national]"""

from __future__ import annotations

import argparse
import json

import psycopg

from benchmarks.common import add_scale_argument, scale_database, timed

COLUMNS = "id, code, name, tier, grade, quadrant, status, lat, lng, address, phone, parent_id"
RUNS = 30


def _as_user(conn: psycopg.Connection, user_id: str, query: str, params: tuple = ()) -> int:
    with conn.transaction(force_rollback=True):
        conn.execute("set transaction read only")
        conn.execute("select set_config('role', 'authenticated', true)")
        claims = json.dumps({"sub": user_id, "role": "authenticated"})
        conn.execute("select set_config('request.jwt.claims', %s, true)", (claims,))
        return len(conn.execute(query, params).fetchall())


def _as_service(conn: psycopg.Connection, query: str, params: tuple = ()) -> int:
    with conn.transaction(force_rollback=True):
        conn.execute("set transaction read only")
        conn.execute("select set_config('role', 'service_role', true)")
        return len(conn.execute(query, params).fetchall())


def main() -> None:
    """Print medians, ratios and the scale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_scale_argument(parser)
    url = scale_database(parser.parse_args().scale)
    with psycopg.connect(url, autocommit=True) as conn:
        customers, shipments = conn.execute(
            "select (select count(*) from customers), (select count(*) from shipments)"
        ).fetchone()
        rep, rep_count = conn.execute(
            "select owner_id::text, count(*) from customers group by 1 order by 2 desc limit 1"
        ).fetchone()
        am, area = conn.execute(
            "select p.id::text, p.area_id from profiles p join customers c on c.area_id = p.area_id"
            " where p.role = 'area_manager' group by 1, 2 order by count(*) desc limit 1"
        ).fetchone()
        mine = (
            "with recursive mine as (select id from customers where owner_id = %s union"
            " select c.id from customers c join mine m on c.parent_id = m.id)"
        )
        tree = (
            "with recursive tree as (select %s::uuid as id union select a.id from areas a"
            " join tree t on a.parent_id = t.id)"
        )
        in_area = "select id from customers where area_id in (select id from tree)"
        everything = f"select {COLUMNS} from customers"
        # shipments: the policy `customer_id in (select private.staff_customer_ids())`, the
        # predicate most tables share, on the largest table
        lines = "select id, customer_id, shipped_on, amount from shipments"
        cases = [
            ("rep: my customers", lambda: _as_user(conn, rep, everything),
             lambda: _as_service(conn, f"{mine} {everything} where id in (select id from mine)",
                                 (rep,))),
            ("area manager: all in area", lambda: _as_user(conn, am, everything),
             lambda: _as_service(conn, f"{tree} {everything} where id in ({in_area})", (area,))),
            ("rep: my shipments", lambda: _as_user(conn, rep, lines),
             lambda: _as_service(
                 conn, f"{mine} {lines} where customer_id in (select id from mine)", (rep,))),
            ("area manager: shipments", lambda: _as_user(conn, am, lines),
             lambda: _as_service(
                 conn, f"{tree} {lines} where customer_id in ({in_area})", (area,))),
        ]  # fmt: skip
        print(f"scale: {customers} customers, {shipments} shipment lines; medians of {RUNS} runs")
        print(f"{'query':28} {'rows':>6} {'RLS ms':>8} {'service ms':>11} {'ratio':>6}")
        for name, with_rls, baseline in cases:
            rows = with_rls()
            assert rows == baseline(), f"{name}: RLS and the written-out filter disagree"
            rls, _ = timed(with_rls, RUNS)
            base, _ = timed(baseline, RUNS)
            print(f"{name:28} {rows:>6} {rls * 1000:>8.1f} {base * 1000:>11.1f} {rls / base:>6.2f}")
        print(f"(the rep owns {rep_count} customers directly)")


if __name__ == "__main__":
    main()
