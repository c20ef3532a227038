"""The importer's limits: texts, whole boxes and ranges as the server's checks (compared with
the catalog), and area cycles (also through areas already in the database), each reported with
sheet, row and column while nothing is written."""

from __future__ import annotations

import re

import pandas as pd
import psycopg
import pytest

from backend.importer import ImportFailed, Problem, import_frames
from backend.importer.spec import SHEETS
from tests.db.limits_catalog import (
    NUMBER_TYPES,
    TEXT_TYPES,
    Column,
    checks_on,
    columns,
    text_limit,
)
from tests.fixtures import small_frames


def _problems(conn: psycopg.Connection, frames: dict[str, pd.DataFrame]) -> dict[tuple, Problem]:
    """Import frames that must fail; their problems by (sheet, row, column)."""
    with pytest.raises(ImportFailed) as failed:
        import_frames(conn, frames)
    return {(p.sheet, p.row, p.column): p for p in failed.value.problems}


def _areas(conn: psycopg.Connection) -> list[tuple]:
    return conn.execute(
        "select a.code, p.code from areas a left join areas p on p.id = a.parent_id order by 1"
    ).fetchall()


def test_the_importer_refuses_an_area_cycle_with_its_place(conn: psycopg.Connection) -> None:
    frames = small_frames()
    frames["areas"] = pd.DataFrame(
        [
            {"code": "HD", "name": "华东大区", "parent_code": "SH"},
            {"code": "SH", "name": "上海区", "parent_code": "HD"},
        ]
    )
    found = _problems(conn, frames)
    assert "HD → SH → HD" in found[("areas", 2, "parent_code")].en
    assert "循环" in found[("areas", 2, "parent_code")].zh
    assert ("areas", 3, "parent_code") in found
    assert _areas(conn) == []


def test_the_importer_refuses_an_area_cycle_through_the_database(conn: psycopg.Connection) -> None:
    import_frames(conn, small_frames(), evaluate=False)
    before = _areas(conn)
    # HD under a new area under SH, which the database has under HD
    frames = {
        "areas": pd.DataFrame(
            [
                {"code": "HD", "name": "华东大区", "parent_code": "PD"},
                {"code": "PD", "name": "浦东", "parent_code": "SH"},
            ]
        )
    }
    frames["users"] = small_frames()["users"]
    frames["products"] = small_frames()["products"]
    frames["customers"] = small_frames()["customers"]
    found = _problems(conn, frames)
    assert "HD → PD → SH → HD" in found[("areas", 2, "parent_code")].en
    assert _areas(conn) == before


def test_the_importer_refuses_long_texts_and_huge_or_fractional_boxes(
    conn: psycopg.Connection,
) -> None:
    frames = small_frames()
    frames["customers"].loc[0, "name"] = "鑫" * 201
    frames["customers"].loc[1, "hot_brands"] = "、".join(f"品牌{i}" for i in range(51))
    frames["plans"].loc[0, "quantity"] = 1e9
    frames["shipments"]["quantity"] = frames["shipments"]["quantity"].astype(float)
    frames["shipments"].loc[0, "quantity"] = 2.5
    frames["shipments"].loc[1, "unit_price"] = 2_000_000
    frames["payments"].loc[0, "note"] = "x" * 4001
    found = _problems(conn, frames)
    assert "200" in found[("customers", 2, "name")].en
    assert "50" in found[("customers", 3, "hot_brands")].en
    assert (
        "1,000,000" in found[("plans", 2, "quantity")].en
        or "1e+06" in found[("plans", 2, "quantity")].en
    )
    assert "whole" in found[("shipments", 2, "quantity")].en
    assert ("shipments", 3, "unit_price") in found
    assert "4,000" in found[("payments", 2, "note")].en
    assert conn.execute("select count(*) from customers").fetchone()[0] == 0


def _upper_bound(conn: psycopg.Connection, col: Column) -> float | None:
    """The smallest upper bound the column's own checks set."""
    bounds = [
        float(b)
        for d in checks_on(conn, col)
        for b in re.findall(r"\w+ <= \(?'?(-?[\d.]+)'?\)?", d)
    ]
    return min(bounds) if bounds else None


def test_the_importer_limits_are_the_servers(conn: psycopg.Connection) -> None:
    by_name = {(c.table, c.name): c for c in columns(conn, TEXT_TYPES + NUMBER_TYPES)}
    checked, problems = 0, []
    for sheet in SHEETS:
        for col in sheet.cols:
            target = by_name.get((sheet.table, col.db or col.name))
            if target is None or col.ref or col.kind in ("lat", "lng", "date", "month", "bool"):
                continue
            checked += 1
            if target.type in NUMBER_TYPES and col.kind in ("int", "decimal"):
                server = _upper_bound(conn, target)
                if server is None or col.max is None or float(col.max) != server:
                    problems.append(f"{sheet.name}.{col.name}: {col.max} vs server {server}")
                whole = target.name.endswith("quantity")
                if whole and col.kind != "int":
                    problems.append(f"{sheet.name}.{col.name}: boxes are whole")
            elif target.type in ("text", "text[]"):
                limit = text_limit(conn, target)
                server = 2000 if target.type == "text[]" else limit
                if col.max_len != server:
                    problems.append(f"{sheet.name}.{col.name}: {col.max_len} vs server {server}")
    assert checked > 80
    assert problems == [], "\n".join(problems)
