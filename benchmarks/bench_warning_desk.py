"""The warnings desk (issue 17's target: a manager's desk list under 200 ms at the large scale;
issue 20: at national scale too):
public.warning_desk as the manager and as the busiest area manager, as PostgREST runs it (role
authenticated, the JWT claims set, read only), beside its baseline, the same call as
service_role (no caller checks, no scope filter: every open warning). The data: a copy of the
scale's demo database (benchmarks.common.scale_copy, fieldsales_bench_warning_desk_<scale>, its
open warnings as the demo evaluation raised them; large: ~20,000 outlets, 800 dealers, ~1 M
shipment lines, ~5,000 open warnings; national: ~100,000 outlets, 2,000 dealers, ~5 M lines), so
the shared database stays as the other benchmarks expect it.
The manager's rows are then drawn as the desk's table at a desk-size window (built and packed as
Flet sends them to the browser): the list's whole cost is the call plus that.
Run: python -m benchmarks.bench_warning_desk [--scale large|national]"""

from __future__ import annotations

import argparse
import json

import psycopg
from psycopg.rows import dict_row

from benchmarks.common import AS_OF, add_scale_argument, scale_copy, timed

DB = "fieldsales_bench_warning_desk"  # + _<scale>
RUNS = 15
DESK = "select * from public.warning_desk(%s)"


def database(scale: str = "large") -> str:
    """The copy of the scale's database, made once and migrated to the files."""
    url = scale_copy(scale, DB)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("vacuum (analyze) public.warnings")
    return url


def _rows(conn: psycopg.Connection, role: str, user: str | None) -> list[dict]:
    with conn.transaction(force_rollback=True), conn.cursor(row_factory=dict_row) as cur:
        cur.execute("set transaction read only")
        cur.execute("select set_config('role', %s, true)", (role,))
        if user is not None:
            claims = json.dumps({"sub": user, "role": role})
            cur.execute("select set_config('request.jwt.claims', %s, true)", (claims,))
        return cur.execute(DESK, (AS_OF,)).fetchall()


def _as(conn: psycopg.Connection, role: str, user: str | None) -> int:
    return len(_rows(conn, role, user))


def _table(rows: list[dict]) -> int:
    """The desk's table of these rows, built and packed for the browser (bytes)."""
    import msgpack
    from flet.controls.base_control import BaseControl
    from flet.messaging.protocol import configure_encode_object_for_msgpack

    from fieldapp.ui.strings import t
    from fieldapp.ui.warnings.desk import desk_columns
    from fieldapp.ui.widgets.table import data_table

    def zh(key: str, **values: object) -> str:
        return t(key, "zh").format(**values) if values else t(key, "zh")

    table = data_table(
        desk_columns(zh, "zh"), rows, None, print, print, zh("tb_total"), zh("tb_cut")
    )
    packed = msgpack.packb(table, default=configure_encode_object_for_msgpack(BaseControl))
    return len(packed)


def main() -> None:
    """Print the medians (ms) and row counts of each caller beside the baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_scale_argument(parser)
    scale = parser.parse_args().scale
    url = database(scale)
    with psycopg.connect(url, autocommit=True) as conn:
        total, open_ = conn.execute(
            "select count(*), count(*) filter (where status <> 'resolved') from warnings"
        ).fetchone()
        customers = conn.execute("select count(*) from customers").fetchone()[0]
        manager = conn.execute(
            "select id::text from profiles where role = 'manager' and active order by id limit 1"
        ).fetchone()[0]
        am = conn.execute(
            "select p.id::text from profiles p join customers c on c.area_id = p.area_id"
            " join warnings w on w.customer_id = c.id and w.status <> 'resolved'"
            " where p.role = 'area_manager' and p.active group by 1 order by count(*) desc limit 1"
        ).fetchone()[0]
        print(
            f"{scale}: customers {customers:,}; warnings {total:,} ({open_:,} open); as of {AS_OF}"
        )
        rows = [
            ("baseline: warning_desk() as service_role", "service_role", None),
            ("warning_desk() as the manager", "authenticated", manager),
            ("warning_desk() as the busiest area manager", "authenticated", am),
        ]
        for label, role, user in rows:
            n = _as(conn, role, user)
            median, runs = timed(lambda r=role, u=user: _as(conn, r, u), RUNS)
            spread = ", ".join(f"{t * 1000:.0f}" for t in runs)
            print(f"{label:44} {median * 1000:8.1f} ms  ({n:,} rows; runs: {spread})")
        rows_ = _rows(conn, "authenticated", manager)
        size = _table(rows_)
        median, runs = timed(lambda: _table(rows_), RUNS)
        spread = ", ".join(f"{t * 1000:.0f}" for t in runs)
        label = "the manager's table at a desk (build + pack)"
        print(f"{label:44} {median * 1000:8.1f} ms  ({size:,} bytes; runs: {spread})")


if __name__ == "__main__":
    main()
