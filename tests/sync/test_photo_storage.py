"""Photo files through both remotes: PgRemote writes a folder, SupabaseRemote writes Storage (the
fake, whose storage.objects policies are the migration's, run on the real database). Same
interface, same answers: upload, retry, refusal, and no upload for a photo the server refused."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from fieldapp.services.photos import PhotoUploads
from fieldapp.store import Store
from fieldapp.sync import Backoff, SyncEngine
from fieldapp.sync.errors import PermissionDenied, ServerRejected
from fieldapp.sync.pg_remote import PgRemote
from fieldapp.sync.remote import PHOTO_BUCKET
from fieldapp.sync.supabase_remote import SupabaseRemote
from tests.db.access_world import EMAILS, World, build_world
from tests.fake_storage import storage_template
from tests.fake_supabase import FakeSupabase
from tests.sync.helpers import wait_pullable

URL = "https://fieldsales-test.supabase.co"
PASSWORDS = {EMAILS[p]: f"pw-{p}-2026" for p in ("rep", "rep2", "am")}
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8
MB15 = 15 * 1024 * 1024


@pytest.fixture(scope="module")
def storage_tpl(server_url: str) -> Iterator[str]:
    with storage_template(server_url) as name:
        yield name


@dataclass
class Server:
    """One database, its world, remotes signed in as personas, and what the store holds."""

    kind: str
    conn: psycopg.Connection
    world: World
    remote: Callable[[str], Any]  # persona → a signed-in remote
    stored: Callable[[], dict[str, bytes]]  # storage path → bytes
    fake: FakeSupabase | None = None

    def files(self) -> list[tuple]:
        return self.conn.execute(
            "select photo_id::text, mime, size, sha256, storage_path from photo_files"
            " order by photo_id"
        ).fetchall()


@pytest.fixture(params=["pg", "supabase"])
def server(
    request: pytest.FixtureRequest, server_url: str, template_db: str, tmp_path: Path
) -> Iterator[Server]:
    """Plain PostgreSQL with PgRemote and a folder, or a Supabase-like database (storage schema)
    behind the fake with SupabaseRemote."""
    kind = request.param
    template = request.getfixturevalue("storage_tpl") if kind == "supabase" else template_db
    name = f"fieldsales_ph_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"create database {name} template {template}")
    url = make_conninfo(server_url, dbname=name)
    conn = psycopg.connect(url, autocommit=True)
    world = build_world(conn)
    made: list[Any] = []
    backoff = Backoff(attempts=3, sleep=lambda _s: None)
    if kind == "pg":
        folder = tmp_path / "photo-store"

        def remote(persona: str) -> Any:
            r = PgRemote(url, backoff=backoff, photo_store=folder)
            r.sign_in(EMAILS[persona])
            made.append(r)
            return r

        def stored() -> dict[str, bytes]:
            files = [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []
            return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}

        fake = None
    else:
        fake = FakeSupabase(url, PASSWORDS)

        def remote(persona: str) -> Any:
            r = SupabaseRemote(URL, fake.anon_key, transport=fake.transport, backoff=backoff)
            r.sign_in(EMAILS[persona], PASSWORDS[EMAILS[persona]])
            made.append(r)
            return r

        def stored() -> dict[str, bytes]:
            return {n: b for (bucket, n), b in fake.storage.blobs.items() if bucket == PHOTO_BUCKET}

    yield Server(kind, conn, world, remote, stored, fake)
    for r in made:
        r.close()
    if fake is not None:
        fake.close()
    conn.close()
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")


def test_the_photographer_uploads_and_whoever_sees_the_photo_reads_it(server: Server) -> None:
    photo, rep = server.world.ids["photos2"], server.world.users["rep"]
    path = server.remote("rep").put_photo(photo, JPEG, "image/jpeg")
    assert path == f"{rep}/{photo}.jpg"
    assert server.stored() == {path: JPEG}
    sha = hashlib.sha256(JPEG).hexdigest()
    assert (photo, "image/jpeg", len(JPEG), sha, path) in server.files()
    assert server.remote("am").get_photo(photo) == JPEG  # the rep's area manager
    with pytest.raises(ServerRejected) as err:  # another area's rep: no such photo for them
        server.remote("rep2").get_photo(photo)
    assert "找不到" in err.value.message_zh and "no file" in err.value.message_en


def test_a_retry_stores_nothing_twice_and_is_no_error(server: Server) -> None:
    photo = server.world.ids["photos2"]
    rep = server.remote("rep")
    if server.fake is not None:
        server.fake.fail_next_storage("lost")  # stored, then the answer is lost: retried → 409
    path = rep.put_photo(photo, JPEG, "image/jpeg")
    files, stored = server.files(), server.stored()
    assert rep.put_photo(photo, JPEG, "image/jpeg") == path  # the phone retries after a crash
    assert server.files() == files and server.stored() == stored == {path: JPEG}
    if server.fake is not None:
        uploads = [c.status for c in server.fake.calls if c.path.startswith("/storage/")]
        assert uploads == [200, 409, 409]  # stored once; the retries found it there
        count = server.conn.execute("select count(*) from storage.objects").fetchone()[0]
        assert count == 1


@pytest.mark.parametrize(
    ("case", "error", "zh", "en"),
    [
        ("gif", ServerRejected, "只支持", "JPEG, PNG or WebP"),
        ("html labelled png", ServerRejected, "不是 image/png", "not a image/png image"),
        ("too large", ServerRejected, "15 MB", "15 MB"),
        ("someone else's photo", PermissionDenied, "只有拍照的人", "photographer"),
        ("another area's photo", ServerRejected, "找不到", "not found"),
        ("other bytes for a stored file", ServerRejected, "不能替换", "another file"),
    ],
)
def test_bad_files_are_refused_clearly_and_nothing_is_stored(
    server: Server, case: str, error: type[Exception], zh: str, en: str
) -> None:
    world = server.world
    persona, photo, data, mime = "rep", world.ids["photos2"], JPEG, "image/jpeg"
    if case == "gif":
        data, mime = b"GIF89a" + JPEG, "image/gif"
    elif case == "html labelled png":  # the bytes decide, not the label
        data, mime = b"<html><script>alert(1)</script></html>", "image/png"
    elif case == "too large":
        data = JPEG + bytes(MB15)
    elif case == "someone else's photo":
        persona = "am"
    elif case == "another area's photo":
        persona = "rep2"
    elif case == "other bytes for a stored file":
        photo = world.ids["photos"]  # the world recorded another file for it
    remote = server.remote(persona)
    before = server.files()
    with pytest.raises(error) as err:
        remote.put_photo(photo, data, mime)
    assert zh in err.value.message_zh and en in err.value.message_en
    assert server.files() == before and server.stored() == {}


def test_storage_itself_refuses_what_was_not_recorded(server: Server) -> None:
    """Straight to the Storage API, past record_photo_file: the bucket's policies refuse."""
    if server.fake is None:
        pytest.skip("the folder is written only by PgRemote, after record_photo_file")
    photo, rep = server.world.ids["photos2"], server.world.users["rep"]
    remote = server.remote("rep")
    with pytest.raises(PermissionDenied) as err:
        remote._storage(
            lambda b: b.upload(f"{rep}/{photo}.jpg", JPEG, {"content-type": "image/jpeg"})
        )
    assert "row-level security" in err.value.message_en
    with pytest.raises(ServerRejected) as refused:
        remote._storage(
            lambda b: b.upload(f"{rep}/x.gif", b"GIF89a", {"content-type": "image/gif"})
        )
    assert refused.value.status == 415
    assert server.stored() == {}


def test_a_photo_whose_row_was_refused_is_not_uploaded(server: Server, tmp_path: Path) -> None:
    """PhotoUploads after a sync: the refused row's file is set aside, the good one goes."""
    remote = server.remote("rep")
    store = Store.open(tmp_path / "phone.db")
    engine = SyncEngine(store, remote)
    wait_pullable(server.conn)
    engine.sync()
    photos_dir = tmp_path / "photos"
    photos_dir.mkdir()
    ids = {}
    for name, customer in (("bad", "D_ZJ"), ("good", "D_SH")):
        ids[name] = store.new_id()
        store.write(
            "photos",
            {
                "id": ids[name],
                "customer_id": server.world.ids[customer],
                "kind": "storefront",
                "storage_path": f"customers/{ids[name]}.png",
                "taken_by": remote.session.user_id,
            },
        )
        (photos_dir / f"{ids[name]}.png").write_bytes(b"\x89PNG\r\n\x1a\n" + name.encode())
    report = engine.sync()
    assert (report.applied, report.rejected) == (1, 1)
    uploads = PhotoUploads(store, remote, photos_dir)
    assert uploads.upload() == 1
    good = f"{remote.session.user_id}/{ids['good']}.png"
    assert server.stored() == {good: b"\x89PNG\r\n\x1a\ngood"}
    assert (photos_dir / "unsent" / f"{ids['bad']}.png").exists()
    assert uploads.waiting() == [] and uploads.upload() == 0
    assert [f[0] for f in server.files()] == sorted([server.world.ids["photos"], ids["good"]])
    assert uploads.photo(ids["good"]) == b"\x89PNG\r\n\x1a\ngood"  # the phone's own copy
    store.close()


def test_users_list_only_what_they_see_and_remove_nothing(server: Server) -> None:
    """The bucket has no delete policy: a user's remove deletes nothing (storage-api answers the
    objects it deleted: none); list shows the objects the select policy lets them see."""
    if server.fake is None:
        pytest.skip("Supabase Storage only")
    photo, rep = server.world.ids["photos2"], server.world.users["rep"]
    path = server.remote("rep").put_photo(photo, JPEG, "image/jpeg")
    rep_remote = server.remote("rep")
    assert rep_remote._storage(lambda b: b.remove([path])) == []
    assert server.stored() == {path: JPEG}
    listed = rep_remote._storage(lambda b: b.list(rep))
    assert [(e["name"], e["id"] is not None) for e in listed] == [(f"{photo}.jpg", True)]
    top = rep_remote._storage(lambda b: b.list(""))
    assert [(e["name"], e["id"]) for e in top] == [(rep, None)]  # a folder
    assert server.remote("rep2")._storage(lambda b: b.list(rep)) == []  # sees no such photo
