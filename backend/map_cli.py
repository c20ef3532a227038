"""`fieldsales map export`: the CLI side of the shareable HTML map (wired in by backend.cli)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from fieldapp.domain.legend import TILES


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `map export [--area A] [--rep EMAIL] [--tiles T] [--offline] -o FILE` to the CLI."""
    tasks = sub.add_parser("map", help="customer maps").add_subparsers(
        required=True, metavar="TASK"
    )
    exp = tasks.add_parser(
        "export",
        help="write a single-file HTML map of the customers (folium)",
        description="Customers coloured by grade and alert, clustered, with key figures per "
        "customer, layers per grade and warning kind, and a purchases heat map.",
    )
    exp.add_argument("-o", "--output", type=Path, required=True, help="the .html file to write")
    exp.add_argument("--area", help="area code (includes its sub-areas)")
    exp.add_argument("--rep", metavar="EMAIL", help="only this rep's customers")
    exp.add_argument("--tiles", choices=tuple(TILES), default="osm", help="base map (osm)")
    exp.add_argument(
        "--offline",
        action="store_true",
        help="embed Leaflet in the file so it works without internet (tiles still need it)",
    )
    exp.add_argument("--as-of", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (today)")
    exp.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    """Export the map and print what was written."""
    from backend.db import connect
    from backend.map_export import export_map

    with connect(autocommit=True) as conn:
        stats = export_map(
            conn,
            args.output,
            area=args.area,
            rep=args.rep,
            tiles=args.tiles,
            offline=args.offline,
            as_of=args.as_of,
        )
    print(
        f"已写入 | written {stats.path}  ({stats.bytes / 1e6:.1f} MB, {stats.seconds:.1f} s)\n"
        f"  客户 customers {stats.customers:>9,}\n"
        f"  上图 on map    {stats.on_map:>9,}\n"
        f"  无坐标 no GPS  {stats.without_position:>9,}\n"
        f"  有预警 warned  {stats.with_warnings:>9,}"
    )
    return 0
