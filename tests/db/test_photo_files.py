"""Photo files: the database keeps what a file is (record_photo_file), never its bytes; the bytes
go to Storage under policies that read the same rows. Bad input gets a clear error and writes
nothing; the bytes stored before the change are kept."""

from __future__ import annotations

import hashlib
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from backend.migrate import MIGRATIONS_DIR, migrate
from tests.db.access_world import World, build_world
from tests.fake_storage import storage_template
from tests.postgrest import request, rpc

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4
MB15 = 15 * 1024 * 1024


def record_args(photo: str, data: bytes = JPEG, mime: str = "image/jpeg") -> dict:
    """record_photo_file's arguments for these bytes."""
    return {
        "p_photo_id": photo,
        "p_mime": mime,
        "p_size": len(data),
        "p_sha256": hashlib.sha256(data).hexdigest(),
    }


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    return build_world(conn)


def _files(conn: psycopg.Connection) -> list[tuple]:
    return conn.execute(
        "select photo_id::text, mime, size, sha256, storage_path, uploaded_by::text"
        " from photo_files order by photo_id"
    ).fetchall()


def test_the_photographer_records_once_and_the_area_manager_sees_it(
    conn: psycopg.Connection, world: World
) -> None:
    photo, rep = world.ids["photos2"], world.users["rep"]
    path = rpc(conn, "record_photo_file", record_args(photo), world.claims("rep"))
    assert path == f"{rep}/{photo}.jpg"
    before = _files(conn)
    assert (photo, "image/jpeg", len(JPEG), hashlib.sha256(JPEG).hexdigest(), path, rep) in before
    # a retry (the answer was lost) is the same answer and changes nothing
    assert rpc(conn, "record_photo_file", record_args(photo), world.claims("rep")) == path
    assert _files(conn) == before
    # no bytes in the database any more
    assert conn.execute(
        "select count(*) from information_schema.columns where table_name = 'photo_files'"
        " and data_type = 'bytea'"
    ).fetchone() == (0,)
    # whoever sees the photo sees its file's metadata (and so its object)
    seers = (("rep", True), ("am", True), ("mgr", True), ("rep2", False), ("dealer", False))
    for persona, sees in seers:
        if sees:
            meta = rpc(conn, "photo_file", {"p_photo_id": photo}, world.claims(persona))
            assert (meta["storage_path"], meta["bucket"], meta["size"]) == (
                path,
                "visit-photos",
                len(JPEG),
            )
        else:
            with pytest.raises(psycopg.errors.NoDataFound):
                rpc(conn, "photo_file", {"p_photo_id": photo}, world.claims(persona))


OTHER = b"\x89PNG" + b"another file"


@pytest.mark.parametrize(
    ("persona", "change", "sqlstate", "words"),
    [
        ("rep", {"p_mime": "image/gif"}, "22023", ("JPEG", "只支持")),
        ("rep", {"p_size": MB15 + 1}, "22023", ("15 MB", "15 MB 以内")),
        ("rep", {"p_size": 0}, "22023", ("15 MB", "不能为空")),
        ("rep", {"p_sha256": "abc"}, "22023", ("SHA-256", "校验值")),
        ("rep", {"p_mime": None}, "22023", ("required", "缺少")),
        ("rep", {"p_photo_id": "00000000-0000-4000-8000-000000000001"}, "P0002", ("not found", "找不到")),
        ("rep2", {}, "P0002", ("not found", "找不到")),  # another area's photo does not exist for them
        ("am", {}, "42501", ("photographer", "只有拍照的人")),  # sees the photo, did not take it
        ("rep", {"p_photo_id": "@photos"}, "23505", ("another file", "不能替换")),
    ],
)  # fmt: skip
def test_bad_records_are_refused_and_write_nothing(
    conn: psycopg.Connection,
    world: World,
    persona: str,
    change: dict,
    sqlstate: str,
    words: tuple[str, str],
) -> None:
    args = record_args(world.ids["photos2"]) | change
    if change.get("p_photo_id") == "@photos":  # has a file already (the world's): other bytes
        args = record_args(world.ids["photos"], OTHER, "image/png")
    before = _files(conn)
    with pytest.raises(psycopg.Error) as err:
        rpc(conn, "record_photo_file", args, world.claims(persona))
    assert err.value.sqlstate == sqlstate
    english, chinese = words
    assert english in err.value.diag.message_primary
    assert chinese in err.value.diag.message_detail
    assert _files(conn) == before


def test_a_deleted_photo_gets_no_file(conn: psycopg.Connection, world: World) -> None:
    photo = world.ids["photos2"]
    conn.execute("update photos set deleted_at = now() where id = %s", (photo,))
    with pytest.raises(psycopg.errors.NoDataFound):
        rpc(conn, "record_photo_file", record_args(photo), world.claims("rep"))
    assert (
        conn.execute("select count(*) from photo_files where photo_id = %s", (photo,)).fetchone()[0]
        == 0
    )


def test_plain_postgresql_has_no_storage_and_no_bucket(conn: psycopg.Connection) -> None:
    assert conn.execute("select to_regnamespace('storage')").fetchone() == (None,)


def test_bytes_uploaded_before_are_kept_out_of_the_api(empty_db_url: str, tmp_path: Path) -> None:
    """Migrating a database that has photo bytes: metadata stays, bytes move to a private table."""
    earlier = tmp_path / "migrations"
    earlier.mkdir()
    for sql in sorted(MIGRATIONS_DIR.glob("*.sql")):
        if sql.name < "20261201110000":
            shutil.copy(sql, earlier / sql.name)
    with psycopg.connect(empty_db_url, autocommit=True) as conn:
        migrate(conn, earlier)
        user = conn.execute(
            "insert into auth.users (email) values ('old@example.cn') returning id"
        ).fetchone()[0]
        conn.execute(
            "insert into profiles (id, email, full_name, role) values (%s, 'old@example.cn', '老',"
            " 'manager')",
            (user,),
        )
        area = conn.execute("insert into areas (code, name) values ('A', '甲') returning id")
        customer = conn.execute(
            "insert into customers (code, name, tier, area_id) values ('C1', '店', 1, %s)"
            " returning id",
            (area.fetchone()[0],),
        ).fetchone()[0]
        photo = conn.execute(
            "insert into photos (customer_id, kind, storage_path, taken_by)"
            " values (%s, 'shelf', 'p/1.jpg', %s) returning id",
            (customer, user),
        ).fetchone()[0]
        conn.execute(
            "insert into photo_files (photo_id, mime, content, uploaded_by)"
            " values (%s, 'image/jpeg', %s, %s)",
            (photo, JPEG, user),
        )
        assert "20261201110000" in migrate(conn)
        row = conn.execute(
            "select f.size, f.sha256, f.storage_path, b.content from photo_files f"
            " join private.photo_file_backlog b using (photo_id)"
        ).fetchone()
    assert row[:3] == (len(JPEG), hashlib.sha256(JPEG).hexdigest(), f"{user}/{photo}.jpg")
    assert bytes(row[3]) == JPEG


# -- Supabase Storage: the bucket's policies, on a database with a storage schema -----------------


@pytest.fixture(scope="module")
def storage_tpl(server_url: str) -> Iterator[str]:
    with storage_template(server_url) as name:
        yield name


@pytest.fixture
def sconn(server_url: str, storage_tpl: str) -> Iterator[psycopg.Connection]:
    name = f"fieldsales_s_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"create database {name} template {storage_tpl}")
    try:
        with psycopg.connect(make_conninfo(server_url, dbname=name), autocommit=True) as c:
            yield c
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f"drop database if exists {name} with (force)")


def _put_object(conn: psycopg.Connection, world: World, persona: str, name: str) -> bool:
    """Insert an object row as storage-api does (as the caller, RLS on); True when allowed."""
    claims = world.claims(persona)
    try:
        with request(conn, claims, commit=True) as cur:
            cur.execute(
                "insert into storage.objects (bucket_id, name, owner) values"
                " ('visit-photos', %s, %s) returning id",
                (name, (claims or {}).get("sub")),
            )
            return cur.fetchone() is not None
    except psycopg.errors.InsufficientPrivilege:
        return False


def _sees_object(conn: psycopg.Connection, world: World, persona: str, name: str) -> bool:
    with request(conn, world.claims(persona), read_only=True) as cur:
        cur.execute(
            "select 1 from storage.objects where bucket_id = 'visit-photos' and name = %s", (name,)
        )
        return cur.fetchone() is not None


def test_the_bucket_and_its_policies_follow_the_photo_rows(sconn: psycopg.Connection) -> None:
    world = build_world(sconn)
    assert sconn.execute(
        "select public, file_size_limit, allowed_mime_types from storage.buckets"
        " where id = 'visit-photos'"
    ).fetchone() == (False, MB15, ["image/jpeg", "image/png", "image/webp"])
    policies = sconn.execute(
        "select cmd, roles::text[] from pg_policies where schemaname = 'storage' order by cmd"
    ).fetchall()
    assert policies == [("INSERT", ["authenticated"]), ("SELECT", ["authenticated"])]

    photo, rep = world.ids["photos2"], world.users["rep"]
    path = f"{rep}/{photo}.jpg"
    # nothing recorded yet: not even the photographer may write the object
    assert not _put_object(sconn, world, "rep", path)
    assert rpc(sconn, "record_photo_file", record_args(photo), world.claims("rep")) == path
    # only its photographer, only at the recorded path
    assert not _put_object(sconn, world, "am", path)
    assert not _put_object(sconn, world, "rep2", path)
    assert not _put_object(sconn, world, "anon", path)
    assert not _put_object(sconn, world, "rep", f"{rep}/{uuid.uuid4()}.jpg")
    assert not _put_object(sconn, world, "rep", f"{world.users['am']}/{photo}.jpg")
    assert _put_object(sconn, world, "rep", path)
    with pytest.raises(psycopg.errors.UniqueViolation):  # written once
        _put_object(sconn, world, "rep", path)
    # whoever sees the photo reads the object
    seen = {p: _sees_object(sconn, world, p, path) for p in ("rep", "am", "mgr", "rep2", "am2")}
    assert seen == {"rep": True, "am": True, "mgr": True, "rep2": False, "am2": False}
    assert not _sees_object(sconn, world, "dealer", path)
