"""`fieldsales route optimize`: good files print the route, bad files say which row and column."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pytest

from backend.route_cli import add_parser
from fieldapp.errors import FieldSalesError

GOOD = """id,name,lat,lng
A01,西湖店,30.2590,120.1480
A02,武林店,30.2750,120.1650
A03,滨江店,30.2080,120.2110
A04,城西店,30.2900,120.0800
"""


def run(argv: list[str]) -> int:
    """Parse and run like the `fieldsales` command: errors become one line on stderr, exit 1."""
    parser = argparse.ArgumentParser(prog="fieldsales")
    add_parser(parser.add_subparsers(required=True, metavar="COMMAND"))
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except FieldSalesError as exc:
        print(exc.one_line(), file=sys.stderr)
        return 1


def write(tmp_path: Path, text: str, *, bom: bool = False, name: str = "stops.csv") -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


@pytest.mark.parametrize("bom", [False, True])
def test_prints_order_and_length(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bom: bool
) -> None:
    path = write(tmp_path, GOOD.replace("\n", "\r\n") if bom else GOOD, bom=bom)
    assert run(["route", "optimize", str(path), "--start", "30.2741,120.1551"]) == 0
    out = capsys.readouterr().out
    assert "起点 | start  30.274100,120.155100" in out
    for stop_id in ("A01", "A02", "A03", "A04"):
        assert stop_id in out
    assert "总里程 | total length:" in out and out.rstrip().endswith("km")


def test_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, GOOD)
    argv = ["route", "optimize", str(path), "--start=30.2741,120.1551", "--end", "30.30,120.10"]
    assert run([*argv, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"order", "length_m", "length_km", "start", "end"}
    assert sorted(result["order"]) == ["A01", "A02", "A03", "A04"]
    assert result["start"] == [30.2741, 120.1551]
    assert result["end"] == [30.30, 120.10]
    assert result["length_km"] == pytest.approx(result["length_m"] / 1000, abs=1e-3)
    assert 10_000 < result["length_m"] < 60_000


def test_without_start_the_path_is_open(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = "id,lat,lng\n" + "".join(f"P{k},30.27,{120.10 + k * 0.01:.2f}\n" for k in (3, 0, 2, 1))
    assert run(["route", "optimize", str(write(tmp_path, line)), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["order"] in (["P0", "P1", "P2", "P3"], ["P3", "P2", "P1", "P0"])
    assert result["start"] is None and result["end"] is None


BAD = [  # file text, words the message must contain (row and column, zh and en)
    ("", ["stops.csv", "空文件", "is empty"]),
    ("\n\n", ["空文件", "is empty"]),
    ("id,lat,lng\n", ["没有站点", "no stops"]),
    ("id,lat\nA,30.1\n", ["第 1 行", "row 1", "缺少列 lng", "missing column lng"]),
    ("name,lat,lng\nA,30.1,120.1\n", ["row 1", "missing column id"]),
    (
        "id,lat,lng\nA,30.1,120.1\nB,北纬30,120.2\n",
        ["第 3 行 lat 列", "row 3, column lat", "not a number"],
    ),
    ("id,lat,lng\nA,30.1,\n", ["第 2 行 lng 列", "row 2, column lng", "is empty"]),
    ("id,lat,lng\nA,30.1\n", ["row 2, column lng", "is empty"]),
    ("id,lat,lng\nA,95,120.1\n", ["row 2, column lat", "outside [-90, 90]"]),
    ("id,lat,lng\nA,30.1,-180.5\n", ["row 2, column lng", "outside [-180, 180]"]),
    ("id,lat,lng\nA,nan,120.1\n", ["row 2, column lat", "not a finite number"]),
    ("id,lat,lng\nA,30.1,inf\n", ["row 2, column lng", "not a finite number"]),
    ("id,lat,lng\n,30.1,120.1\n", ["第 2 行 id 列", "row 2, column id", "is empty"]),
    (
        "id,lat,lng\nA,30.1,120.1\n\nA,30.2,120.2\n",
        ["row 4, column id", "'A' repeats row 2", "与第 2 行重复"],
    ),
    ("id,lat,lat,lng\nA,30.1,30.1,120.1\n", ["row 1, column lat", "appears twice"]),
]


@pytest.mark.parametrize(("text", "words"), BAD, ids=[str(k) for k in range(len(BAD))])
def test_bad_file_names_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, words: list[str]
) -> None:
    assert run(["route", "optimize", str(write(tmp_path, text))]) != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.strip()
    assert "\n" not in err and err.startswith("输入有误：")
    for word in words:
        assert word in err


def test_not_utf8_names_the_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("id,lat,lng\nA,30.1,120.1\n西湖,30.2,120.2\n".encode("gbk"))
    assert run(["route", "optimize", str(path)]) != 0
    err = capsys.readouterr().err
    assert "row 3" in err and "UTF-8" in err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["route", "optimize", str(tmp_path / "nope.csv")]) != 0
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("option", "value", "word"),
    [
        ("--start", "30.27", "must be LAT,LNG"),
        ("--start", "30.27;120.15", "must be LAT,LNG"),
        ("--end", "30.27,200", "outside [-180, 180]"),
        ("--end", "abc,120.1", "must be LAT,LNG"),
    ],
)
def test_bad_start_or_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, word: str
) -> None:
    path = write(tmp_path, GOOD)
    assert run(["route", "optimize", str(path), option, value]) != 0
    err = capsys.readouterr().err
    assert option in err and word in err
