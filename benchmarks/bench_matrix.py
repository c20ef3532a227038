"""The quadrant matrix (issue 17's target: the company's matrix drawn in under 500 ms at the large
scale; issue 20: at national scale too): public.quadrant_matrix as PostgREST runs it (role
authenticated, the JWT claims set, read only) for the manager (the company, ~19,000 classified
customers at large scale, ~100,000 at national: the binned grid) and for the busiest area
manager (their areas), then the screen's controls built from the answer
(fieldapp.ui.warnings.matrix.build, at 1280 px and at 390 px) and encoded as Flet sends them to
the browser (msgpack), beside the baseline measured in the same run: the plain read of the latest
classification (customer_classifications of the latest date, with area and tier: no ranks, no
movers, no JSON). The data: a copy of the scale's demo database (benchmarks.common.scale_copy,
fieldsales_bench_matrix_<scale>; large: ~20,000 outlets, 800 dealers, ~1 M shipment lines;
national: ~100,000 outlets, 2,000 dealers, ~5 M lines) classified a second time three months
earlier and again on AS_OF, so that there are movers; the shared database stays as the other
benchmarks expect it.
Run: python -m benchmarks.bench_matrix [--runs 9] [--scale large|national]"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

import msgpack
import psycopg
from flet.controls.base_control import BaseControl
from flet.messaging.protocol import configure_encode_object_for_msgpack

from benchmarks.common import AS_OF, add_scale_argument, scale_copy, timed
from fieldapp.services.quadrant_matrix import MAX_MOVERS, MAX_POINTS
from fieldapp.ui.strings import t as translate

DB = "fieldsales_bench_matrix"  # + _<scale>
EARLIER = AS_OF - dt.timedelta(days=91)
TARGET_MS = 500.0
BASELINE = (
    "select cc.customer_id, cc.volume_12m, cc.loyalty_score, cc.quadrant, c.area_id, c.tier"
    " from public.customer_classifications cc join public.customers c on c.id = cc.customer_id"
    " where cc.as_of = (select max(as_of) from public.customer_classifications)"
)
# the screen's call (fieldapp.services.quadrant_matrix: QuadrantMatrixService.matrix)
MATRIX = "select public.quadrant_matrix(p_max_points => {points}, p_max_movers => {movers})"


def database(scale: str = "large") -> str:
    """The copy of the scale's database, migrated to the files, with two classification runs."""
    from backend.risk import classify

    url = scale_copy(scale, DB)
    with psycopg.connect(url, autocommit=True) as conn:
        runs = conn.execute("select count(distinct as_of) from customer_classifications")
        if runs.fetchone()[0] < 2:
            classify(conn, EARLIER)
            classify(conn, AS_OF)  # customers' quadrants follow the latest run again
        conn.execute("vacuum (analyze) public.customer_classifications")
    return url


def _as(conn: psycopg.Connection, query: str, role: str, user: str | None) -> Any:
    with conn.transaction(force_rollback=True):
        conn.execute("set transaction read only")
        conn.execute("select set_config('role', %s, true)", (role,))
        if user is not None:
            claims = json.dumps({"sub": user, "role": role})
            conn.execute("select set_config('request.jwt.claims', %s, true)", (claims,))
        rows = conn.execute(query).fetchall()
        return rows[0][0] if "quadrant_matrix" in query else rows


def t(key: str, **values: Any) -> str:
    """The screen's t() in Chinese."""
    text = translate(key, "zh")
    return text.format(**values) if values else text


def build(data: dict[str, Any], width: float) -> BaseControl:
    """The screen's content for the answer at a window width."""
    from fieldapp.ui.warnings.matrix import build as build_screen

    return build_screen(data, t, width=width, wide=width >= 1000)


def stacked(data: dict[str, Any], width: float = 640.0, height: float = 420.0) -> BaseControl:
    """The alternative the canvas replaced: one positioned Container per customer in a Stack."""
    import flet as ft

    from fieldapp.ui.warnings.matrix_parts import COLORS

    return ft.Stack(
        width=width,
        height=height,
        controls=[
            ft.Container(
                left=float(x) * width,
                top=(1 - float(y) / 100) * height,
                width=6,
                height=6,
                border_radius=3,
                bgcolor=COLORS[q],
            )
            for x, y, q in data["points"]
        ],
    )


def encode(control: BaseControl) -> bytes:
    """The control tree as Flet's transport packs it for the browser."""
    return msgpack.packb(control, default=configure_encode_object_for_msgpack(BaseControl))


def count(control: Any) -> int:
    """Controls in the tree (canvas shapes included)."""
    n, todo = 0, [control]
    while todo:
        c = todo.pop()
        n += 1
        for name in ("controls", "shapes"):
            todo += list(getattr(c, name, None) or [])
        for name in ("content", "title", "leading", "trailing"):
            child = getattr(c, name, None)
            if isinstance(child, BaseControl):
                todo.append(child)
    return n


def row(label: str, median: float, runs: list[float], extra: str = "") -> None:
    spread = ", ".join(f"{x * 1000:.0f}" for x in runs)
    print(f"{label:52} {median * 1000:8.1f} ms  {extra}(runs: {spread})")


def main() -> None:
    """Print the medians (ms) of each step beside the baseline, and the total per caller."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    add_scale_argument(parser)
    args = parser.parse_args()
    runs = args.runs
    url = database(args.scale)
    with psycopg.connect(url, autocommit=True) as conn:
        customers = conn.execute("select count(*) from customers").fetchone()[0]
        dates = conn.execute("select array_agg(distinct as_of) from customer_classifications")
        manager = conn.execute(
            "select id::text from profiles where role = 'manager' and active order by id limit 1"
        ).fetchone()[0]
        am = conn.execute(
            "select p.id::text from profiles p join customers c on c.area_id = p.area_id"
            " where p.role = 'area_manager' and p.active group by 1 order by count(*) desc limit 1"
        ).fetchone()[0]
        when = dates.fetchone()[0]
        print(f"{args.scale}: customers {customers:,}; classified on {when}; {runs} runs each")
        base = _as(conn, BASELINE, "authenticated", manager)
        median, times = timed(lambda: _as(conn, BASELINE, "authenticated", manager), runs)
        row(
            "baseline: the latest classification, plain read",
            median,
            times,
            f"({len(base):,} rows) ",
        )
        callers = (
            ("the manager (company)", manager, MAX_POINTS),
            ("the busiest area manager", am, MAX_POINTS),
            ("the busiest area manager, every point (p_max_points 5000)", am, 5000),
        )
        for who, user, points in callers:
            query = MATRIX.format(points=points, movers=MAX_MOVERS)
            data = _as(conn, query, "authenticated", user)
            size = len(json.dumps(data, ensure_ascii=False).encode())
            shape = (
                f"{data['mode']}: {len(data['points']):,} points, {len(data['cells']):,} cells, "
                f"{len(data['movers']):,} of {data['movers_total']:,} movers; {size / 1024:.0f} KB"
            )
            print(f"\n{who}: {data['total']:,} customers, {shape}")
            rpc_s, times = timed(lambda q=query, u=user: _as(conn, q, "authenticated", u), runs)
            row("  quadrant_matrix() RPC", rpc_s, times)
            for width in (1280.0, 390.0):
                tree = build(data, width)
                build_s, times = timed(lambda w=width, d=data: build(d, w), runs)
                row(f"  build the screen's controls at {width:.0f} px", build_s, times,
                    f"({count(tree):,} controls) ")  # fmt: skip
                wire = encode(tree)
                enc_s, times = timed(lambda tr=tree: encode(tr), runs)
                row(f"  encode them for the browser at {width:.0f} px", enc_s, times,
                    f"({len(wire) / 1024:.0f} KB) ")  # fmt: skip
                total = (rpc_s + build_s + enc_s) * 1000
                verdict = "under" if total < TARGET_MS else "OVER"
                print(f"  = RPC + build + encode at {width:.0f} px: {total:.0f} ms "
                      f"({verdict} the {TARGET_MS:.0f} ms target)")  # fmt: skip
            if data["points"]:  # the scatter alone: canvas Points against stacked containers
                from fieldapp.ui.warnings.matrix_parts import scatter

                for label, make in (
                    (
                        "canvas (one Points shape per quadrant)",
                        lambda d=data: scatter(d, t, 640, 420),
                    ),
                    ("stacked containers (one per customer)", lambda d=data: stacked(d)),
                ):
                    both, times = timed(lambda m=make: encode(m()), runs)
                    size = len(encode(make())) / 1024
                    row(
                        f"  scatter only, build + encode: {label}", both, times, f"({size:.0f} KB) "
                    )


if __name__ == "__main__":
    main()
