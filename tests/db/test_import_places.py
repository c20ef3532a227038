"""The importer fills blank province/city/district from the coordinates, offline (issue 19):
only blanks, never a place the sheet gives or one set earlier; none for a point in the sea."""

from __future__ import annotations

import pandas as pd
import psycopg
import pytest

from backend.importer import ImportFailed, import_frames
from tests.fixtures import small_frames


def _places(conn: psycopg.Connection) -> dict[str, tuple[str | None, str | None, str | None]]:
    rows = conn.execute("select code, province, city, district from customers").fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def test_blank_places_are_filled_from_coordinates(conn: psycopg.Connection) -> None:
    frames = small_frames()
    extra = pd.DataFrame(
        [
            {"code": "R900", "name": "西湖边小卖部", "tier": 1, "area_code": "SH",
             "lat": 30.2590, "lng": 120.1300},
            {"code": "R901", "name": "海上补给点", "tier": 1, "area_code": "SH",
             "lat": 31.0, "lng": 123.5},  # the East China Sea
            {"code": "R902", "name": "中山陵小店", "tier": 1, "area_code": "SH",
             "lat": 32.0580, "lng": 118.8450, "district": "自填区"},  # given: kept
        ]
    )  # fmt: skip
    frames["customers"] = pd.concat([frames["customers"], extra], ignore_index=True)
    import_frames(conn, frames, evaluate=False)
    got = _places(conn)
    assert got["D001"] == ("上海市", "上海市", "黄浦区")  # 31.23, 121.47: People's Square
    assert got["S001"] == ("上海市", "上海市", "浦东新区")
    assert got["R900"] == ("浙江省", "杭州市", "西湖区")
    assert got["R901"] == (None, None, None)  # not invented
    assert got["R902"] == ("江苏省", "南京市", "自填区")


def test_a_place_set_earlier_is_not_overwritten(conn: psycopg.Connection) -> None:
    import_frames(conn, small_frames(), evaluate=False)
    conn.execute("update customers set district = '手填区' where code = 'D001'")
    conn.execute("update customers set province = null, city = null where code = 'S001'")
    import_frames(conn, small_frames(), evaluate=False)  # no place columns in the sheet
    got = _places(conn)
    assert got["D001"] == ("上海市", "上海市", "手填区")
    assert got["S001"] == ("上海市", "上海市", "浦东新区")  # the blanks filled again


def test_a_too_long_place_is_refused_with_its_column(conn: psycopg.Connection) -> None:
    frames = small_frames()
    n = len(frames["customers"])
    frames["customers"]["district"] = ["区" * 201] + [None] * (n - 1)
    with pytest.raises(ImportFailed) as got:
        import_frames(conn, frames, evaluate=False)
    assert [p.column for p in got.value.problems] == ["district"]
    assert conn.execute("select count(*) from customers").fetchone() == (0,)


def test_a_phone_pushes_a_new_outlet_with_its_place(conn: psycopg.Connection) -> None:
    """The new-outlet form's province/city/district reach the server through sync_push (the
    columns are writable like the address)."""
    import json
    import uuid

    from tests.db.access_world import build_world
    from tests.postgrest import rpc

    world = build_world(conn)
    new = {
        "id": str(uuid.uuid4()), "code": "N-PLACE-1", "name": "人民广场新店", "tier": 2,
        "parent_id": world.ids["D_SH"], "area_id": world.ids["area_SH"],
        "owner_id": world.users["rep"], "status": "prospect", "address": "人民大道 1 号",
        "lat": 31.2304, "lng": 121.4737,
        "province": "上海市", "city": "上海市", "district": "黄浦区",
    }  # fmt: skip
    mutation = {"id": 1, "table": "customers", "op": "upsert", "row": new}
    result = rpc(
        conn,
        "sync_push",
        {"p_client_id": str(uuid.uuid4()), "p_mutations": json.dumps([mutation])},
        world.claims("rep"),
    )
    assert [r["status"] for r in result["results"]] == ["applied"], result
    assert _places(conn)["N-PLACE-1"] == ("上海市", "上海市", "黄浦区")
