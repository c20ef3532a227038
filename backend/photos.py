"""Photo files on the service side: copy the bytes the database kept from before photo storage
(private.photo_file_backlog) to storage, verify the stored files' bytes, and prune the objects
of photos that are gone.

Storage is Supabase Storage's bucket `visit-photos` (SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY
set) or, without Supabase, the photo folder the direct-PostgreSQL remote writes
(FIELDAPP_PHOTO_STORE, fieldapp/sync/pg_remote.py). Both are written once, never replaced.
Every photo is moved in its own short transaction: a crash loses nothing, a rerun continues.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import psycopg

from fieldapp.errors import FieldSalesError
from fieldapp.sync.pg_remote import PhotoFolder, photo_store_dir
from fieldapp.sync.remote import PHOTO_BUCKET, image_mime

if TYPE_CHECKING:
    import httpx

_LIST_PAGE = 1000  # storage-api's largest page for `list`
_REMOVE_BATCH = 1000  # and the most prefixes one `remove` takes


class StorageFailed(FieldSalesError):
    """Photo storage could not be read or written."""

    title_zh = "照片存储出错"
    title_en = "Photo storage failed"


class PhotoStorage(Protocol):
    """What the commands need of a store of photo files, keyed by storage path."""

    where: str

    def upload(self, path: str, data: bytes, mime: str) -> bool:
        """Store new bytes at the path (never replacing): True when stored, False when the path
        already holds a file (of any bytes)."""
        ...

    def download(self, path: str) -> bytes | None:
        """The bytes at the path, or None when nothing is stored there."""
        ...

    def list_paths(self) -> list[str]:
        """Every `<uploader>/<file>` path in the store."""
        ...

    def remove(self, paths: list[str]) -> None:
        """Remove the files at the paths (a missing one is no error)."""
        ...


class FolderStorage:
    """The photo folder of plain PostgreSQL deployments (PgRemote's PhotoFolder)."""

    def __init__(self, root: Path) -> None:
        self.folder = PhotoFolder(root)
        self.where = f"文件夹 | folder {root}"

    def upload(self, path: str, data: bytes, mime: str) -> bool:
        if self.folder._path(path).exists():
            return False
        try:
            self.folder.write(path, data)
        except FieldSalesError as exc:
            if getattr(exc, "sqlstate", None) == "23505":  # written meanwhile by someone else
                return False
            raise StorageFailed(exc.message_zh, exc.message_en) from exc
        return True

    def download(self, path: str) -> bytes | None:
        target = self.folder._path(path)
        try:
            return target.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StorageFailed(
                f"无法读取 {target}：{exc}", f"cannot read {target}: {exc}"
            ) from exc

    def list_paths(self) -> list[str]:
        root = self.folder.root
        if not root.is_dir():
            return []
        found = []
        for uploader in sorted(root.iterdir()):
            if not uploader.is_dir() or uploader.name.startswith("."):
                continue
            for item in sorted(uploader.iterdir()):
                # dot files are PhotoFolder's unfinished writes, not objects
                if item.is_file() and not item.name.startswith("."):
                    found.append(f"{uploader.name}/{item.name}")
        return found

    def remove(self, paths: list[str]) -> None:
        for path in paths:
            target = self.folder._path(path)
            try:
                target.unlink(missing_ok=True)
            except OSError as exc:
                raise StorageFailed(
                    f"无法删除 {target}：{exc}", f"cannot remove {target}: {exc}"
                ) from exc
            with contextlib.suppress(OSError):  # an uploader's folder goes with its last file
                target.parent.rmdir()


class SupabaseStorage:
    """The bucket `visit-photos` through supabase-py's storage client, with the service key."""

    def __init__(
        self, url: str, service_key: str, *, transport: httpx.BaseTransport | None = None
    ) -> None:
        import httpx
        from supabase.lib.client_options import SyncClientOptions

        from supabase import create_client

        self.where = f"Supabase Storage {url} ({PHOTO_BUCKET})"
        self._http = httpx.Client(transport=transport, timeout=120.0)
        options = SyncClientOptions(
            httpx_client=self._http, auto_refresh_token=False, persist_session=False
        )
        try:
            client = create_client(url, service_key, options=options)
        except Exception as exc:  # SupabaseException for a malformed URL or key
            raise StorageFailed(
                f"Supabase 地址或服务密钥无效：{exc}", f"invalid Supabase URL or service key: {exc}"
            ) from exc
        self._bucket = client.storage.from_(PHOTO_BUCKET)

    def close(self) -> None:
        """Close the HTTP connections."""
        self._http.close()

    def _run(self, what: str, op: Any, *, missing_ok: bool = False) -> Any:
        import httpx
        from storage3.exceptions import StorageApiError

        try:
            return op(self._bucket)
        except StorageApiError as exc:
            status = str(exc.status)
            if missing_ok and status == "404":
                return None
            if status == "409" and what == "upload":
                return False
            raise StorageFailed(
                f"照片存储拒绝了{_ZH_OPS[what]}（HTTP {status}：{exc.message}）",
                f"photo storage refused the {what} (HTTP {status}, {exc.code}: {exc.message})",
            ) from exc
        except httpx.HTTPError as exc:
            raise StorageFailed(
                f"无法连接照片存储：{type(exc).__name__}",
                f"cannot reach photo storage: {type(exc).__name__}: {exc}",
            ) from exc

    def upload(self, path: str, data: bytes, mime: str) -> bool:
        options = {"content-type": mime, "upsert": "false"}
        answer = self._run("upload", lambda b: b.upload(path, data, options))
        return answer is not False  # 409: the object exists already

    def download(self, path: str) -> bytes | None:
        return self._run("download", lambda b: b.download(path), missing_ok=True)

    def _list(self, prefix: str) -> Iterator[dict[str, Any]]:
        offset = 0
        while True:
            options = {"limit": _LIST_PAGE, "offset": offset, "sortBy": {"column": "name"}}
            page = self._run("list", lambda b: b.list(prefix, options))  # noqa: B023 (called now)
            yield from page
            if len(page) < _LIST_PAGE:
                return
            offset += len(page)

    def list_paths(self) -> list[str]:
        found = []
        for top in self._list(""):
            if top.get("id") is not None:
                continue  # a file outside any uploader's folder is no photo object
            for item in self._list(top["name"]):
                if item.get("id") is not None:
                    found.append(f"{top['name']}/{item['name']}")
        return found

    def remove(self, paths: list[str]) -> None:
        for start in range(0, len(paths), _REMOVE_BATCH):
            batch = paths[start : start + _REMOVE_BATCH]
            self._run("remove", lambda b: b.remove(batch))  # noqa: B023 (called now)


_ZH_OPS = {"upload": "上传", "download": "下载", "list": "列出文件", "remove": "删除"}


def storage_from_env(
    conn: psycopg.Connection | None = None, environ: Mapping[str, str] | None = None
) -> PhotoStorage:
    """Supabase Storage when SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY are set, else the photo
    folder (FIELDAPP_PHOTO_STORE). A half-configured Supabase, or a database with a storage
    schema but no Supabase settings, is an error rather than a silent write to a local folder."""
    env = os.environ if environ is None else environ
    url, key = env.get("SUPABASE_URL"), env.get("SUPABASE_SERVICE_ROLE_KEY")
    if url and key:
        return SupabaseStorage(url, key)
    if url:
        raise StorageFailed(
            "已设置 SUPABASE_URL，但缺少 SUPABASE_SERVICE_ROLE_KEY（服务密钥，只放在环境变量中）",
            "SUPABASE_URL is set but SUPABASE_SERVICE_ROLE_KEY is not (the service key, from the"
            " environment only)",
        )
    if conn is not None and conn.execute("select to_regnamespace('storage')").fetchone()[0]:
        raise StorageFailed(
            "这个数据库使用 Supabase Storage：请设置 SUPABASE_URL 和 SUPABASE_SERVICE_ROLE_KEY",
            "this database uses Supabase Storage: set SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY",
        )
    if "FIELDAPP_PHOTO_STORE" in env:
        return FolderStorage(Path(env["FIELDAPP_PHOTO_STORE"]))
    return FolderStorage(photo_store_dir())


# -- move-backlog ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    """A photo that was not moved (its backlog row is kept), and why."""

    photo_id: str
    storage_path: str
    reason_zh: str
    reason_en: str


@dataclass
class MoveReport:
    """What move_backlog did (or, dry-run, would do)."""

    dry_run: bool
    moved: list[str] = field(default_factory=list)  # photo ids
    already: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    planned: list[tuple[str, str, int]] = field(default_factory=list)  # id, path, size


class _Refused(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def _matches(data: bytes, size: int, sha256: str) -> bool:
    return len(data) == size and hashlib.sha256(data).hexdigest() == sha256


def _check_backlog(data: bytes, mime: str, size: int, sha: str) -> None:
    """_Refused unless the backlog bytes are those photo_files recorded and an image of its
    type by their first bytes (never by the label: docs/access.md, Limits)."""
    if not _matches(data, size, sha):
        raise _Refused(
            f"积压的字节与 photo_files 不符（大小 {len(data)}/{size}，SHA-256 不同），未上传",
            f"the backlog bytes do not match photo_files (size {len(data)} vs {size}, or the"
            " SHA-256 differs); not uploaded",
        )
    if image_mime(data) != mime:
        raise _Refused(
            f"积压的字节不是 {mime} 图片，未上传",
            f"the backlog bytes are not a {mime} image; not uploaded",
        )


def _move_one(
    storage: PhotoStorage, path: str, mime: str, size: int, sha: str, data: bytes
) -> bool:
    """Upload and verify one photo's bytes; True when stored now, False when already there."""
    _check_backlog(data, mime, size, sha)
    try:
        stored = storage.upload(path, data, mime)
        back = storage.download(path)
    except FieldSalesError as exc:
        raise _Refused(exc.message_zh, exc.message_en) from exc
    if back is None:
        raise _Refused("上传后在存储中找不到文件", "the file is not in storage after the upload")
    if not _matches(back, size, sha):
        if stored:
            raise _Refused("存储中的文件与校验值不符", "the stored file does not match its SHA-256")
        raise _Refused(
            "存储中已有另一份文件（不能替换）",
            "another file is already stored at this path (it is never replaced)",
        )
    return stored


def move_backlog(
    conn: psycopg.Connection, storage: PhotoStorage, *, dry_run: bool = False
) -> MoveReport:
    """Copy every backlog row's bytes to storage at its photo's storage_path, verify them (size
    and SHA-256 of photo_files) and delete the row, one photo per transaction. A row that does
    not match, or whose upload fails, is reported and kept. Needs an autocommit connection."""
    report = MoveReport(dry_run=dry_run)
    ids = [
        r[0]
        for r in conn.execute(
            "select photo_id::text from private.photo_file_backlog order by photo_id"
        )
    ]
    for photo_id in ids:
        with conn.transaction():
            row = conn.execute(
                "select f.storage_path, f.mime, f.size, f.sha256, b.content"
                " from private.photo_file_backlog b join public.photo_files f using (photo_id)"
                " where b.photo_id = %s for update of b skip locked",
                (photo_id,),
            ).fetchone()
            if row is None:  # moved meanwhile by another run (or deleted with its photo)
                continue
            path, mime, size, sha, content = row
            data = bytes(content)
            if dry_run:
                try:
                    _check_backlog(data, mime, size, sha)
                    report.planned.append((photo_id, path, size))
                except _Refused as why:
                    report.failed.append(Failure(photo_id, path, why.zh, why.en))
                continue
            try:
                stored = _move_one(storage, path, mime, size, sha, data)
            except _Refused as why:
                report.failed.append(Failure(photo_id, path, why.zh, why.en))
                continue
            conn.execute("delete from private.photo_file_backlog where photo_id = %s", (photo_id,))
        (report.moved if stored else report.already).append(photo_id)
    return report


# -- verify ------------------------------------------------------------------------------------


@dataclass
class VerifyReport:
    """What verify read: stored files checked, and those that are not what photo_files says."""

    checked: int = 0
    bad: list[Failure] = field(default_factory=list)


def verify(conn: psycopg.Connection, storage: PhotoStorage) -> VerifyReport:
    """Read every stored file that a photo_files row points at and check it: its size and
    SHA-256 as recorded, an image of the recorded type by its first bytes. Storage accepts any
    bytes at a recorded path from a client that bypasses the app (docs/access.md, Limits): this
    is where the server side finds them. Files not uploaded yet are skipped; nothing changes."""
    report = VerifyReport()
    present = set(storage.list_paths())
    rows = conn.execute(
        "select photo_id::text, storage_path, mime, size, sha256 from public.photo_files"
        " order by photo_id"
    ).fetchall()
    for photo_id, path, mime, size, sha in rows:
        if path not in present:
            continue
        data = storage.download(path)
        if data is None:  # removed since the listing
            continue
        report.checked += 1
        if not _matches(data, size, sha):
            why = ("存储中的文件与校验值不符", "the stored file does not match its SHA-256")
        elif image_mime(data) != mime:
            why = (f"存储中的文件不是 {mime} 图片", f"the stored file is not a {mime} image")
        else:
            continue
        report.bad.append(Failure(photo_id, path, *why))
    return report


# -- prune -------------------------------------------------------------------------------------


@dataclass
class PruneReport:
    """What prune removed (or, dry-run, would remove)."""

    dry_run: bool
    listed: int = 0
    orphans: list[str] = field(default_factory=list)  # paths without a photo_files row
    expired: list[tuple[str, str]] = field(default_factory=list)  # (photo id, path) removed
    rows_deleted: int = 0
    objects_removed: int = 0


_EXPIRED = (
    "select f.photo_id::text, f.storage_path from public.photo_files f"
    " join public.photos p on p.id = f.photo_id"
    " where p.deleted_at < private.company_now() - make_interval(days => %s)"
)


def prune(
    conn: psycopg.Connection,
    storage: PhotoStorage,
    *,
    older_than_days: int = 30,
    dry_run: bool = False,
) -> PruneReport:
    """Remove the objects of photos that are gone: those without a photo_files row, and those
    whose photo was soft-deleted more than `older_than_days` ago by the company clock (with their
    photo_files rows). A file that a live row points at is never removed."""
    if older_than_days < 0:
        raise ValueError("older_than_days must be 0 or more")
    report = PruneReport(dry_run=dry_run)
    listed = storage.list_paths()  # before reading the rows: a row always precedes its object
    report.listed = len(listed)
    known = {r[0] for r in conn.execute("select storage_path from public.photo_files")}
    report.orphans = [p for p in listed if p not in known]
    present = set(listed)
    expired = conn.execute(_EXPIRED + " order by f.photo_id", (older_than_days,)).fetchall()
    if dry_run:
        report.expired = [(pid, path) for pid, path in expired]
        report.rows_deleted = len(expired)
        report.objects_removed = len(report.orphans) + sum(p in present for _, p in expired)
        return report
    if report.orphans:
        # once more, right before: a path that a row points at now is not an orphan
        claimed = {
            r[0]
            for r in conn.execute(
                "select storage_path from public.photo_files where storage_path = any(%s)",
                (report.orphans,),
            )
        }
        report.orphans = [p for p in report.orphans if p not in claimed]
        storage.remove(report.orphans)
        report.objects_removed += len(report.orphans)
    for photo_id, path in expired:
        with conn.transaction():
            # still long deleted (not restored meanwhile): lock the rows, then row and object go
            still = conn.execute(
                _EXPIRED + " and f.photo_id = %s for update of f, p", (older_than_days, photo_id)
            ).fetchone()
            if still is None:
                continue
            conn.execute("delete from public.photo_files where photo_id = %s", (photo_id,))
            if path in present:
                storage.remove([path])
                report.objects_removed += 1
        report.expired.append((photo_id, path))
        report.rows_deleted += 1
    return report
