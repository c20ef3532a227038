"""`fieldsales route optimize STOPS.csv`: the shortest visiting order of a file of stops."""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
from pathlib import Path

from fieldapp.domain.distance import check_point
from fieldapp.domain.route import LatLng, Route, Stop, optimize_route
from fieldapp.errors import InvalidInput

COLUMNS = ("id", "lat", "lng")
_RANGE = {"lat": 90.0, "lng": 180.0}


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Add `route optimize STOPS.csv [--start LAT,LNG] [--end LAT,LNG] [--json]` to the CLI."""
    route = sub.add_parser("route", help="visit routes")
    tasks = route.add_subparsers(required=True, metavar="TASK")
    opt = tasks.add_parser(
        "optimize",
        help="shortest order to visit the stops in a CSV file",
        description="Print the shortest order found to visit every stop once, and its length. "
        "Without --end the route ends at the last stop.",
    )
    opt.add_argument(
        "stops", type=Path, metavar="STOPS.csv", help="UTF-8 CSV with columns id, lat, lng (WGS-84)"
    )
    opt.add_argument(
        "--start",
        metavar="LAT,LNG",
        help="fixed start, e.g. 30.2741,120.1551 (--start=-33.9,151.2)",
    )
    opt.add_argument("--end", metavar="LAT,LNG", help="fixed end, e.g. the office")
    opt.add_argument("--json", action="store_true", help="print JSON instead of text")
    opt.set_defaults(run=run_optimize)


def run_optimize(args: argparse.Namespace) -> int:
    """Read the stops, optimise their order and print it; returns the exit code."""
    stops = read_stops(args.stops)
    start = parse_lat_lng(args.start, "--start") if args.start is not None else None
    end = parse_lat_lng(args.end, "--end") if args.end is not None else None
    route = optimize_route(stops, start, end)
    print(route_json(route, start, end) if args.json else route_text(route, start, end))
    return 0


def parse_lat_lng(text: str, option: str) -> LatLng:
    """'30.27,120.15' as (lat, lng); InvalidInput naming the option when it is not one."""
    parts = text.replace("，", ",").split(",")
    try:
        lat, lng = (float(p) for p in parts)
    except ValueError:
        raise InvalidInput(
            f"{option} 应为“纬度,经度”，如 30.2741,120.1551，而不是“{text}”",
            f"{option} must be LAT,LNG such as 30.2741,120.1551, not {text!r}",
        ) from None
    check_point(lat, lng, option, option)
    return lat, lng


def read_stops(path: Path) -> list[Stop]:
    """The stops of a CSV file (id, lat, lng; UTF-8, BOM allowed); errors name row and column."""
    reader = csv.reader(io.StringIO(_read_text(path), newline=""))
    where = path.name
    try:
        header = next((r for r in reader if any(c.strip() for c in r)), None)
        if header is None:
            raise InvalidInput(f"{where} 是空文件", f"{where} is empty")
        index = _column_index(header, where, reader.line_num)
        stops: list[Stop] = []
        first_row: dict[str, int] = {}
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            row = reader.line_num
            values = {c: cells[i].strip() if i < len(cells) else "" for c, i in index.items()}
            stop_id = values["id"]
            if not stop_id:
                raise _cell_error(where, row, "id", "为空", "is empty")
            if stop_id in first_row:
                raise _cell_error(
                    where,
                    row,
                    "id",
                    f"“{stop_id}”与第 {first_row[stop_id]} 行重复",
                    f"{stop_id!r} repeats row {first_row[stop_id]}",
                )
            first_row[stop_id] = row
            lat = _coordinate(values["lat"], where, row, "lat")
            lng = _coordinate(values["lng"], where, row, "lng")
            stops.append(Stop(stop_id, lat, lng))
    except csv.Error as exc:
        raise InvalidInput(
            f"{where} 第 {reader.line_num} 行不是有效的 CSV：{exc}",
            f"{where} row {reader.line_num} is not valid CSV: {exc}",
        ) from None
    if not stops:
        raise InvalidInput(f"{where} 只有表头，没有站点", f"{where} has a header but no stops")
    return stops


def route_text(route: Route, start: LatLng | None, end: LatLng | None) -> str:
    """The route as lines for a terminal: start, numbered stops, end, total in km."""
    lines = [f"路线 | route: {len(route.order)} 个站点 | stops"]
    if start is not None:
        lines.append(f"  起点 | start  {start[0]:.6f},{start[1]:.6f}")
    lines += [f"  {k:>4}  {stop_id}" for k, stop_id in enumerate(route.order, 1)]
    if end is not None:
        lines.append(f"  终点 | end    {end[0]:.6f},{end[1]:.6f}")
    lines.append(f"总里程 | total length: {route.length_m / 1000:.2f} km")
    return "\n".join(lines)


def route_json(route: Route, start: LatLng | None, end: LatLng | None) -> str:
    """The route as a JSON object: order, length_m, length_km, start, end."""
    return json.dumps(
        {
            "order": route.order,
            "length_m": round(route.length_m, 1),
            "length_km": round(route.length_m / 1000, 3),
            "start": list(start) if start is not None else None,
            "end": list(end) if end is not None else None,
        },
        ensure_ascii=False,
    )


def _read_text(path: Path) -> str:
    """The file decoded as UTF-8 (a BOM is dropped); InvalidInput when unreadable."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(
            f"无法读取 {path}：{exc.strerror}", f"cannot read {path}: {exc.strerror}"
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise InvalidInput(
            f"{path.name} 第 {row} 行不是 UTF-8 编码（请另存为 CSV UTF-8）",
            f"{path.name} row {row} is not UTF-8 (save it as CSV UTF-8)",
        ) from None


def _column_index(header: list[str], where: str, row: int) -> dict[str, int]:
    """Position of each needed column in the header row; InvalidInput names what is missing."""
    names = [h.strip().lower() for h in header]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        cols = ", ".join(missing)
        raise InvalidInput(
            f"{where} 第 {row} 行（表头）缺少列 {cols}（需要 id, lat, lng）",
            f"{where} row {row} (header): missing column {cols} (need id, lat, lng)",
        )
    for c in COLUMNS:
        if names.count(c) > 1:
            raise _cell_error(where, row, c, "列名出现了两次", "column appears twice")
    return {c: names.index(c) for c in COLUMNS}


def _coordinate(text: str, where: str, row: int, column: str) -> float:
    """The cell as degrees within range; InvalidInput naming row and column otherwise."""
    if not text:
        raise _cell_error(where, row, column, "为空", "is empty")
    try:
        value = float(text)
    except ValueError:
        raise _cell_error(
            where, row, column, f"“{text}”不是数字", f"{text!r} is not a number"
        ) from None
    if not math.isfinite(value):
        raise _cell_error(
            where, row, column, f"“{text}”不是有限数字", f"{text!r} is not a finite number"
        )
    limit = _RANGE[column]
    if not -limit <= value <= limit:
        raise _cell_error(
            where,
            row,
            column,
            f"{text} 超出范围 [-{limit:g}, {limit:g}]",
            f"{text} is outside [-{limit:g}, {limit:g}]",
        )
    return value


def _cell_error(where: str, row: int, column: str, zh: str, en: str) -> InvalidInput:
    """An InvalidInput that starts with the file, row and column."""
    return InvalidInput(
        f"{where} 第 {row} 行 {column} 列：{zh}", f"{where} row {row}, column {column}: {en}"
    )
