"""`fieldsales photos move-backlog` and `photos prune` (backend/photos.py), on a database that
had photo bytes before photo storage (migrated up to before 20261201110000, photos inserted with
their bytes, then the rest), against both stores: the photo folder, and Supabase Storage through
the fake (the real storage.objects rows and policies; the service key bypasses RLS as on
Supabase). What moved is read back through the phone's own get_photo."""

from __future__ import annotations

import functools
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from backend import photos
from backend.cli import main
from backend.migrate import MIGRATIONS_DIR, migrate
from backend.photos import FolderStorage, PhotoStorage, StorageFailed, SupabaseStorage
from fieldapp.sync import Backoff
from fieldapp.sync.pg_remote import PgRemote
from fieldapp.sync.remote import PHOTO_BUCKET
from fieldapp.sync.supabase_remote import SupabaseRemote
from tests.fake_storage import STORAGE_SQL
from tests.fake_supabase import FakeSupabase

URL = "https://fieldsales-test.supabase.co"
EMAIL, PASSWORD = "old@example.cn", "pw-old-2026"
MIMES = ("image/jpeg", "image/png", "image/jpeg", "image/webp")
EXT = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


SIGNATURE = {
    "image/jpeg": b"\xff\xd8\xff\xe0",
    "image/png": b"\x89PNG\r\n\x1a\n",
    "image/webp": b"RIFF\x24\x00\x00\x00WEBPVP8 ",
}


def _bytes(i: int) -> bytes:
    """The i-th photo's file: an image of its type by its first bytes, different for each."""
    return SIGNATURE[MIMES[i]] + bytes([i]) * 64 + bytes(range(256)) * (i + 1)


def _build(conn: psycopg.Connection, earlier: Path) -> dict[str, Any]:
    """Migrate up to before photo storage, insert photos with their bytes, migrate the rest."""
    migrate(conn, earlier)
    user = conn.execute(
        "insert into auth.users (email) values (%s) returning id::text", (EMAIL,)
    ).fetchone()[0]
    conn.execute(
        "insert into profiles (id, email, full_name, role) values (%s, %s, '老', 'manager')",
        (user, EMAIL),
    )
    area = conn.execute("insert into areas (code, name) values ('A', '甲') returning id")
    customer = conn.execute(
        "insert into customers (code, name, tier, area_id) values ('C1', '店', 1, %s) returning id",
        (area.fetchone()[0],),
    ).fetchone()[0]
    ids = []
    for i, mime in enumerate(MIMES):
        photo = conn.execute(
            "insert into photos (customer_id, kind, storage_path, taken_by)"
            " values (%s, 'shelf', %s, %s) returning id::text",
            (customer, f"p/{i}", user),
        ).fetchone()[0]
        conn.execute(
            "insert into photo_files (photo_id, mime, content, uploaded_by) values (%s, %s, %s, %s)",
            (photo, mime, _bytes(i), user),
        )
        ids.append(photo)
    migrate(conn)
    return {"user": user, "ids": ids}


@pytest.fixture(scope="module")
def templates(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """Two databases with a backlog: plain PostgreSQL, and one with Supabase's storage schema."""
    earlier = tmp_path_factory.mktemp("migrations")
    for sql in sorted(MIGRATIONS_DIR.glob("*.sql")):
        if sql.name < "20261201110000":
            shutil.copy(sql, earlier / sql.name)
    made = {}
    try:
        for kind in ("pg", "supabase"):
            name = f"fieldsales_bl_{uuid.uuid4().hex[:10]}"
            with psycopg.connect(server_url, autocommit=True) as admin:
                admin.execute(f"create database {name}")
            made[kind] = {"name": name}
            with psycopg.connect(make_conninfo(server_url, dbname=name), autocommit=True) as c:
                if kind == "supabase":
                    c.execute(
                        resources.files("backend").joinpath("sql/auth_compat.sql").read_text()
                    )
                    c.execute(STORAGE_SQL)
                made[kind] |= _build(c, earlier)
        yield made
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            for t in made.values():
                admin.execute(f"drop database if exists {t['name']} with (force)")


@dataclass
class Setup:
    """A database with a backlog, its store, and how to look at both."""

    kind: str
    url: str
    conn: psycopg.Connection
    user: str
    ids: list[str]  # in backlog order (photo_id)
    storage: PhotoStorage
    folder: Path
    stored: Callable[[], dict[str, bytes]]
    read_back: Callable[[str], bytes]  # the phone's get_photo
    fake: FakeSupabase | None = None
    order: list[int] = field(default_factory=list)  # the template's photo index, per position

    def path(self, i: int) -> str:
        return f"{self.user}/{self.ids[i]}.{EXT[MIMES[self.original(i)]]}"

    def original(self, i: int) -> int:
        return self.order[i]

    def data(self, i: int) -> bytes:
        return _bytes(self.original(i))

    def backlog(self) -> list[str]:
        return [
            r[0]
            for r in self.conn.execute(
                "select photo_id::text from private.photo_file_backlog order by photo_id"
            )
        ]

    def files(self) -> list[tuple]:
        return self.conn.execute(
            "select photo_id::text, storage_path from photo_files order by photo_id"
        ).fetchall()


@pytest.fixture(params=["pg", "supabase"])
def setup(
    request: pytest.FixtureRequest, server_url: str, templates: dict, tmp_path: Path
) -> Iterator[Setup]:
    kind = request.param
    tpl = templates[kind]
    name = f"fieldsales_b_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"create database {name} template {tpl['name']}")
    url = make_conninfo(server_url, dbname=name)
    conn = psycopg.connect(url, autocommit=True)
    folder = tmp_path / "photo-store"
    order = sorted(range(len(MIMES)), key=lambda i: tpl["ids"][i])
    ids = [tpl["ids"][i] for i in order]
    closers: list[Any] = []
    backoff = Backoff(attempts=1, sleep=lambda _s: None)
    fake = None
    if kind == "pg":
        storage: PhotoStorage = FolderStorage(folder)

        def stored() -> dict[str, bytes]:
            files = [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []
            return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}

        def read_back(photo_id: str) -> bytes:
            remote = PgRemote(url, photo_store=folder, backoff=backoff)
            closers.append(remote)
            remote.sign_in(EMAIL)
            return remote.get_photo(photo_id)
    else:
        fake = FakeSupabase(url, {EMAIL: PASSWORD})
        storage = SupabaseStorage(URL, fake.service_key, transport=fake.transport)
        closers.append(storage)

        def stored() -> dict[str, bytes]:
            rows = {
                r[0]
                for r in conn.execute(
                    "select name from storage.objects where bucket_id = %s", (PHOTO_BUCKET,)
                )
            }
            blobs = {n: b for (bk, n), b in fake.storage.blobs.items() if bk == PHOTO_BUCKET}
            assert set(blobs) == rows  # the fake's bytes and its object rows agree
            return blobs

        def read_back(photo_id: str) -> bytes:
            remote = SupabaseRemote(URL, fake.anon_key, transport=fake.transport, backoff=backoff)
            closers.append(remote)
            remote.sign_in(EMAIL, PASSWORD)
            return remote.get_photo(photo_id)

    yield Setup(kind, url, conn, tpl["user"], ids, storage, folder, stored, read_back, fake, order)
    for c in closers:
        c.close()
    if fake is not None:
        fake.close()
    conn.close()
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")


# -- move-backlog --------------------------------------------------------------------------------


def test_the_backlog_moves_and_the_phone_reads_it_back(setup: Setup) -> None:
    assert setup.backlog() == setup.ids
    report = photos.move_backlog(setup.conn, setup.storage)
    assert (report.moved, report.already, report.failed) == (setup.ids, [], [])
    assert setup.backlog() == []
    expected = {setup.path(i): setup.data(i) for i in range(len(setup.ids))}
    assert setup.stored() == expected
    for i, photo_id in enumerate(setup.ids):
        assert setup.read_back(photo_id) == setup.data(i)
    # a rerun finds nothing to do and changes nothing
    files = setup.files()
    again = photos.move_backlog(setup.conn, setup.storage)
    assert (again.moved, again.already, again.failed) == ([], [], [])
    assert setup.stored() == expected and setup.files() == files


def test_a_file_stored_before_a_crash_counts_as_done(setup: Setup) -> None:
    """The last run stored photo 1 and died before deleting its row: the rerun checks it."""
    assert setup.storage.upload(setup.path(1), setup.data(1), MIMES[setup.original(1)])
    report = photos.move_backlog(setup.conn, setup.storage)
    assert report.already == [setup.ids[1]]
    assert report.moved == [setup.ids[0], *setup.ids[2:]]
    assert report.failed == [] and setup.backlog() == []
    assert len(setup.stored()) == len(setup.ids)


def test_a_corrupted_row_is_reported_and_kept_while_the_others_move(setup: Setup) -> None:
    bad = setup.ids[1]
    setup.conn.execute(
        "update private.photo_file_backlog set content = content || '\\x00'::bytea"
        " where photo_id = %s",
        (bad,),
    )
    corrupt = bytes(
        setup.conn.execute(
            "select content from private.photo_file_backlog where photo_id = %s", (bad,)
        ).fetchone()[0]
    )
    report = photos.move_backlog(setup.conn, setup.storage)
    assert report.moved == [setup.ids[0], *setup.ids[2:]]
    assert [(f.photo_id, f.storage_path) for f in report.failed] == [(bad, setup.path(1))]
    assert "SHA-256" in report.failed[0].reason_en and "不符" in report.failed[0].reason_zh
    assert setup.backlog() == [bad]  # kept, bytes and all
    assert (
        bytes(setup.conn.execute("select content from private.photo_file_backlog").fetchone()[0])
        == corrupt
    )
    assert setup.path(1) not in setup.stored()  # nothing written for it


def test_other_bytes_already_at_the_path_are_a_failure_not_a_replacement(setup: Setup) -> None:
    other = b"\xff\xd8\xff\xe0 something else"
    assert setup.storage.upload(setup.path(0), other, MIMES[setup.original(0)])
    report = photos.move_backlog(setup.conn, setup.storage)
    assert [f.photo_id for f in report.failed] == [setup.ids[0]]
    assert "another file" in report.failed[0].reason_en
    assert setup.backlog() == [setup.ids[0]]
    assert setup.stored()[setup.path(0)] == other
    assert report.moved == setup.ids[1:]


def test_a_backlog_row_whose_bytes_are_no_image_is_kept(setup: Setup) -> None:
    html = b"<html><script>alert(1)</script></html>"
    _record(setup, 2, html)
    setup.conn.execute(
        "update private.photo_file_backlog set content = %s where photo_id = %s",
        (html, setup.ids[2]),
    )
    report = photos.move_backlog(setup.conn, setup.storage)
    assert [(f.photo_id, f.reason_en) for f in report.failed] == [
        (
            setup.ids[2],
            f"the backlog bytes are not a {MIMES[setup.original(2)]} image; not uploaded",
        )
    ]
    assert setup.backlog() == [setup.ids[2]] and setup.path(2) not in setup.stored()


def _record(setup: Setup, i: int, data: bytes) -> None:
    """photo_files says what a client claimed: these bytes' size and SHA-256 (record_photo_file
    sees no bytes)."""
    setup.conn.execute(
        "update photo_files set size = %s, sha256 = encode(sha256(%s), 'hex') where photo_id = %s",
        (len(data), data, setup.ids[i]),
    )


def _store_past_the_app(setup: Setup, path: str, data: bytes) -> None:
    """Bytes written straight into storage: a file in the folder; a Storage upload, which checks
    only the label."""
    if setup.fake is None:
        (setup.folder / path).parent.mkdir(parents=True, exist_ok=True)
        (setup.folder / path).write_bytes(data)
    else:
        assert setup.storage.upload(path, data, "image/jpeg")


def test_verify_finds_bytes_stored_past_the_app(
    setup: Setup, cli: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    """A client that bypasses the app records HTML's size and SHA-256 as an image and stores the
    HTML straight in storage; another stores bytes other than those it recorded."""
    html = b"<html><script>alert(1)</script></html>"
    _record(setup, 0, html)
    setup.conn.execute(
        "delete from private.photo_file_backlog where photo_id = %s", (setup.ids[0],)
    )
    _store_past_the_app(setup, setup.path(0), html)
    _store_past_the_app(setup, setup.path(1), SIGNATURE[MIMES[setup.original(1)]] + b"other")
    photos.move_backlog(setup.conn, setup.storage)
    stored, files = setup.stored(), setup.files()
    report = photos.verify(setup.conn, setup.storage)
    assert report.checked == 4
    assert [(f.photo_id, f.reason_en) for f in report.bad] == [
        (setup.ids[0], f"the stored file is not a {MIMES[setup.original(0)]} image"),
        (setup.ids[1], "the stored file does not match its SHA-256"),
    ]
    assert cli("verify") == 1
    out = capsys.readouterr().out
    assert "checked: 4" in out and "not as recorded: 2" in out
    assert f"{setup.ids[0]}  {setup.path(0)}: 存储中的文件不是" in out
    assert (setup.stored(), setup.files()) == (stored, files)  # it changes nothing


class _FailsAt:
    """A store whose upload of one path breaks: before writing, or after (the answer is lost)."""

    def __init__(self, inner: PhotoStorage, path: str, *, after_write: bool) -> None:
        self.inner, self.path, self.after_write = inner, path, after_write
        self.where = inner.where

    def upload(self, path: str, data: bytes, mime: str) -> bool:
        if path == self.path and not self.after_write:
            raise StorageFailed("存储断开", "storage went away")
        stored = self.inner.upload(path, data, mime)
        if path == self.path:
            raise StorageFailed("存储断开", "storage went away")
        return stored

    def download(self, path: str) -> bytes | None:
        return self.inner.download(path)

    def list_paths(self) -> list[str]:
        return self.inner.list_paths()

    def remove(self, paths: list[str]) -> None:
        self.inner.remove(paths)


@pytest.mark.parametrize("after_write", [False, True], ids=["before-write", "answer-lost"])
def test_a_storage_failure_mid_way_keeps_that_row(setup: Setup, after_write: bool) -> None:
    failing = _FailsAt(setup.storage, setup.path(2), after_write=after_write)
    report = photos.move_backlog(setup.conn, failing)
    assert [(f.photo_id, f.reason_en) for f in report.failed] == [
        (setup.ids[2], "storage went away")
    ]
    assert report.moved == [setup.ids[0], setup.ids[1], setup.ids[3]]
    assert setup.backlog() == [setup.ids[2]]
    assert (setup.path(2) in setup.stored()) is after_write
    rerun = photos.move_backlog(setup.conn, setup.storage)
    assert (rerun.moved, rerun.already) == (
        ([], [setup.ids[2]]) if after_write else ([setup.ids[2]], [])
    )
    assert setup.backlog() == [] and setup.read_back(setup.ids[2]) == setup.data(2)


def test_supabase_storage_unavailable_keeps_the_rows(setup: Setup) -> None:
    """The fake's own faults: 503 on the first upload, a lost answer (stored) on the next."""
    if setup.fake is None:
        pytest.skip("Supabase Storage only")
    setup.fake.fail_next_storage("503")
    report = photos.move_backlog(setup.conn, setup.storage)
    assert [f.photo_id for f in report.failed] == [setup.ids[0]]
    assert "HTTP 503" in report.failed[0].reason_en
    assert setup.backlog() == [setup.ids[0]] and report.moved == setup.ids[1:]
    setup.fake.fail_next_storage("lost")
    lost = photos.move_backlog(setup.conn, setup.storage)
    assert [f.photo_id for f in lost.failed] == [setup.ids[0]]
    assert "cannot reach" in lost.failed[0].reason_en
    assert setup.backlog() == [setup.ids[0]]
    done = photos.move_backlog(setup.conn, setup.storage)
    assert (done.moved, done.already, done.failed) == ([], [setup.ids[0]], [])
    assert setup.backlog() == [] and setup.read_back(setup.ids[0]) == setup.data(0)


def test_dry_run_writes_nothing(setup: Setup) -> None:
    report = photos.move_backlog(setup.conn, setup.storage, dry_run=True)
    assert report.planned == [
        (pid, setup.path(i), len(setup.data(i))) for i, pid in enumerate(setup.ids)
    ]
    assert (report.moved, report.already, report.failed) == ([], [], [])
    assert setup.backlog() == setup.ids and setup.stored() == {}


# -- prune ---------------------------------------------------------------------------------------


def _deleted_days_ago(conn: psycopg.Connection, photo_id: str, days: int) -> None:
    conn.execute(
        "update photos set deleted_at = private.company_now() - make_interval(days => %s)"
        " where id = %s",
        (days, photo_id),
    )


def test_prune_removes_exactly_the_orphaned_and_long_deleted_objects(setup: Setup) -> None:
    photos.move_backlog(setup.conn, setup.storage)
    conn, ids = setup.conn, setup.ids
    conn.execute("delete from photos where id = %s", (ids[0],))  # its photo_files row goes too
    _deleted_days_ago(conn, ids[1], 40)
    _deleted_days_ago(conn, ids[2], 10)  # deleted, but recently: kept
    stray = f"{uuid.uuid4()}/{uuid.uuid4()}.jpg"  # never had a row
    assert setup.storage.upload(stray, b"\xff\xd8\xffstray", "image/jpeg")
    if setup.kind == "pg":  # an unfinished write of PhotoFolder is not an object
        (setup.folder / setup.user / ".x.jpg.1.2.tmp").write_bytes(b"half")
    dry = photos.prune(conn, setup.storage, dry_run=True)
    assert sorted(dry.orphans) == sorted([setup.path(0), stray])
    assert dry.expired == [(ids[1], setup.path(1))] and dry.objects_removed == 3
    assert len(setup.stored()) == 5 + (setup.kind == "pg")
    assert len(setup.files()) == 3

    report = photos.prune(conn, setup.storage)
    assert sorted(report.orphans) == sorted([setup.path(0), stray])
    assert report.expired == [(ids[1], setup.path(1))]
    assert (report.rows_deleted, report.objects_removed) == (1, 3)
    left = {p: b for p, b in setup.stored().items() if not p.endswith(".tmp")}
    assert left == {setup.path(2): setup.data(2), setup.path(3): setup.data(3)}
    assert setup.files() == sorted([(ids[2], setup.path(2)), (ids[3], setup.path(3))])
    assert setup.read_back(ids[3]) == setup.data(3)  # the live photo still reads
    again = photos.prune(conn, setup.storage)
    assert (again.orphans, again.expired, again.objects_removed) == ([], [], 0)
    # a shorter grace period takes the recently deleted one too
    short = photos.prune(conn, setup.storage, older_than_days=5)
    assert short.expired == [(ids[2], setup.path(2))]
    assert set(setup.stored()) - {p for p in setup.stored() if p.endswith(".tmp")} == {
        setup.path(3)
    }


def test_prune_drops_the_row_of_a_long_deleted_photo_still_in_the_backlog(setup: Setup) -> None:
    _deleted_days_ago(setup.conn, setup.ids[0], 31)
    report = photos.prune(setup.conn, setup.storage)
    assert report.expired == [(setup.ids[0], setup.path(0))] and report.objects_removed == 0
    assert setup.backlog() == setup.ids[1:]  # its bytes went with its row
    assert setup.stored() == {}


# -- the command ---------------------------------------------------------------------------------


@pytest.fixture
def cli(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> Callable[..., int]:
    """Run `fieldsales …` in-process against the setup's database and store."""
    monkeypatch.setenv("DATABASE_URL", setup.url)
    monkeypatch.delenv("FIELDSALES_NOW", raising=False)
    if setup.fake is None:
        monkeypatch.delenv("SUPABASE_URL", raising=False)
        monkeypatch.delenv("SUPABASE_SERVICE_ROLE_KEY", raising=False)
        monkeypatch.setenv("FIELDAPP_PHOTO_STORE", str(setup.folder))
    else:
        monkeypatch.setenv("SUPABASE_URL", URL)
        monkeypatch.setenv("SUPABASE_SERVICE_ROLE_KEY", setup.fake.service_key)
        made = functools.partial(SupabaseStorage, transport=setup.fake.transport)
        monkeypatch.setattr(photos, "SupabaseStorage", made)

    def run(*args: str) -> int:
        try:
            return main(["photos", *args])
        except SystemExit as done:
            return int(done.code or 0)

    return run


def test_the_commands_print_what_they_did(
    setup: Setup, cli: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("move-backlog", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "would move (nothing written): 4" in out and all(p in out for p in setup.ids)
    assert setup.stored() == {} and setup.backlog() == setup.ids
    setup.conn.execute(
        "update private.photo_file_backlog set content = '\\x00'::bytea where photo_id = %s",
        (setup.ids[3],),
    )
    assert cli("move-backlog") == 1  # one failed
    out = capsys.readouterr().out
    assert "moved: 3" in out and "already there: 0" in out and "failed: 1" in out
    assert f"{setup.ids[3]}  {setup.path(3)}: 积压的字节与 photo_files 不符" in out
    assert ("Supabase Storage" if setup.fake else str(setup.folder)) in out
    assert setup.backlog() == [setup.ids[3]]
    _deleted_days_ago(setup.conn, setup.ids[0], 45)
    assert cli("prune") == 0
    out = capsys.readouterr().out
    assert "files in storage: 3" in out and "files without a photo row: 0" in out
    assert "photos deleted over 30 days ago: 1" in out and setup.ids[0] in out
    assert set(setup.stored()) == {setup.path(1), setup.path(2)}


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (("prune", "--older-than-days", "-1"), "天数不能为负", "days must be 0 or more"),
        (("prune", "--older-than-days", "soon"), "天数须为整数", "whole number"),
        (("prune", "--force"), "不认识的参数", "unrecognized arguments: --force"),
        (("move-backlog", "--all"), "不认识的参数", "unrecognized arguments: --all"),
    ],
)
def test_bad_arguments_are_one_bilingual_line_and_change_nothing(
    setup: Setup,
    cli: Callable[..., int],
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    zh: str,
    en: str,
) -> None:
    photos.move_backlog(setup.conn, setup.storage)
    setup.conn.execute("delete from photos where id = %s", (setup.ids[0],))  # an orphan to prune
    before = (setup.stored(), setup.files(), setup.backlog())
    assert cli(*args) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert zh in err and en in err and "参数有误 | invalid arguments" in err
    assert (setup.stored(), setup.files(), setup.backlog()) == before


def test_a_half_configured_supabase_is_refused_before_any_move(
    setup: Setup,
    cli: Callable[..., int],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if setup.fake is None:  # a service URL without its key
        monkeypatch.setenv("SUPABASE_URL", URL)
        words = ("SUPABASE_SERVICE_ROLE_KEY", "缺少")
    else:  # a database with Supabase Storage, but no Supabase settings: not a local folder
        monkeypatch.delenv("SUPABASE_URL")
        monkeypatch.delenv("SUPABASE_SERVICE_ROLE_KEY")
        monkeypatch.setenv("FIELDAPP_PHOTO_STORE", str(setup.folder))
        words = ("set SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY", "请设置")
    assert cli("move-backlog") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and all(w in err[0] for w in words)
    assert setup.backlog() == setup.ids and setup.stored() == {}
    assert not setup.folder.exists()
