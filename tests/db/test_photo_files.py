"""put_photo_file: a photo's bytes follow its synced row, through the access rules; bad input
gets a clear error and writes nothing."""

from __future__ import annotations

import base64

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.postgrest import rpc

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    return build_world(conn)


def _files(conn: psycopg.Connection) -> list[tuple]:
    return conn.execute(
        "select photo_id::text, mime, md5(content), uploaded_by::text from photo_files"
        " order by photo_id"
    ).fetchall()


def test_the_photographer_uploads_once_and_the_area_manager_sees_it(
    conn: psycopg.Connection, world: World
) -> None:
    photo = world.ids["photos2"]
    args = {
        "p_photo_id": photo,
        "p_content": base64.b64encode(JPEG).decode(),
        "p_mime": "image/jpeg",
    }
    done = rpc(conn, "put_photo_file", args, world.claims("rep"))
    assert done == {"photo_id": photo, "size": len(JPEG)}
    before = _files(conn)
    assert rpc(conn, "put_photo_file", args, world.claims("rep")) == done  # a retry is a no-op
    assert _files(conn) == before
    back = conn.execute("select content from photo_files where photo_id = %s", (photo,)).fetchone()[
        0
    ]
    assert bytes(back) == JPEG and (photo, "image/jpeg") in {(f[0], f[1]) for f in before}
    # whoever sees the photo sees the file
    from tests.postgrest import request

    for persona, sees in (("am", True), ("mgr", True), ("rep2", False), ("dealer", False)):
        with request(conn, world.claims(persona), read_only=True) as cur:
            cur.execute("select 1 from photo_files where photo_id = %s", (photo,))
            assert (cur.fetchone() is not None) == sees, persona


@pytest.mark.parametrize(
    ("persona", "change", "sqlstate", "words"),
    [
        ("rep", {"p_content": "not base64 !!"}, "22023", "base64"),
        ("rep", {"p_content": ""}, "22023", "15 MB"),
        ("rep", {"p_mime": "image/gif"}, "22023", "JPEG"),
        ("rep", {"p_photo_id": "00000000-0000-4000-8000-000000000001"}, "P0002", "找不到"),
        ("rep2", {}, "P0002", "找不到"),  # another area's photo does not exist for them
        ("am", {}, "42501", None),  # sees the photo but did not take it
    ],
)
def test_bad_uploads_are_refused_and_write_nothing(
    conn: psycopg.Connection,
    world: World,
    persona: str,
    change: dict[str, str],
    sqlstate: str,
    words: str | None,
) -> None:
    args = {
        "p_photo_id": world.ids["photos2"],
        "p_content": base64.b64encode(JPEG).decode(),
        "p_mime": "image/jpeg",
    } | change
    before = _files(conn)
    with pytest.raises(psycopg.Error) as err:
        rpc(conn, "put_photo_file", args, world.claims(persona))
    assert err.value.sqlstate == sqlstate
    if words:
        assert words in f"{err.value.diag.message_primary} {err.value.diag.message_detail}"
    assert _files(conn) == before
