"""A Remote over a direct PostgreSQL connection, acting as the signed-in user as PostgREST would.

For a trusted LAN or the demo: "signing in" looks the user up by email in public.profiles and
does NOT check a password (the database connection itself is the credential). Every call then
runs exactly like a PostgREST request: one transaction, role `authenticated` and the JWT claims
set locally, the function called with named arguments, read-only for the stable sync_pull.
psycopg is imported only when this module is used, so the packed phone app never needs it.
Photo files go to a folder on disk (PhotoFolder), where Supabase would use its Storage bucket.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from fieldapp.sync.errors import (
    AuthFailed,
    ConnectionLost,
    ProtocolError,
    ServerRejected,
    SyncError,
    from_sqlstate,
)
from fieldapp.sync.remote import (
    Backoff,
    Session,
    check_image,
    checked_photo,
    photo_file_args,
)

if TYPE_CHECKING:
    import psycopg

STATEMENT_TIMEOUT = "8s"  # as for `authenticated` on Supabase


def photo_store_dir() -> Path:
    """Where photo files go without Supabase: FIELDAPP_PHOTO_STORE, else `photo-store` beside
    the phones' data dir (FIELDAPP_DATA_DIR, default ~/.fieldsales/phones)."""
    import os

    chosen = os.environ.get("FIELDAPP_PHOTO_STORE")
    if chosen:
        return Path(chosen)
    phones = (
        os.environ.get("FIELDAPP_DATA_DIR")
        or os.environ.get("FLET_APP_STORAGE_DATA")
        or Path.home() / ".fieldsales" / "phones"
    )
    return Path(phones).resolve().parent / "photo-store"


class PhotoFolder:
    """The bytes of photo files under one folder, at the storage paths the server hands out.

    Who may write or read a path is decided before, by record_photo_file and photo_file on the
    server; this only keeps bytes. A file is written once (atomically) and never replaced."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, storage_path: str) -> Path:
        parts = PurePosixPath(storage_path).parts
        if not parts or storage_path.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise ProtocolError(
                f"服务器给出的存储路径无效：{storage_path!r}",
                f"the server gave an invalid storage path: {storage_path!r}",
            )
        return self.root.joinpath(*parts)

    def write(self, storage_path: str, data: bytes) -> None:
        """Store the bytes at the path; the same bytes again are a no-op, others an error."""
        import hashlib
        import os

        target = self._path(storage_path)
        check_image(data, storage_path)
        if target.exists():
            if hashlib.sha256(target.read_bytes()).digest() == hashlib.sha256(data).digest():
                return
            raise ServerRejected(
                f"存储中已有另一份照片文件：{storage_path}",
                f"another file is already stored at {storage_path}",
                sqlstate="23505",
            )
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
        except OSError as exc:
            raise SyncError(
                f"无法写入照片存储 {self.root}：{exc}", f"cannot write the photo store: {exc}"
            ) from exc

    def read(self, storage_path: str) -> bytes:
        """The bytes stored at the path (ServerRejected P0002 when they are not there)."""
        try:
            return self._path(storage_path).read_bytes()
        except FileNotFoundError as exc:
            raise ServerRejected(
                f"照片文件不在存储中：{storage_path}",
                f"the photo file is not in the store: {storage_path}",
                sqlstate="P0002",
            ) from exc


class PgRemote:
    """sync_pull / sync_push over psycopg, with the caller's role and claims set locally."""

    def __init__(
        self,
        url: str,
        *,
        backoff: Backoff | None = None,
        connect_timeout: int = 10,
        photo_store: Path | None = None,
        call_timeout: float | None = None,
    ):
        self._url = url
        self.photos = PhotoFolder(photo_store or photo_store_dir())
        self._backoff = backoff or Backoff()
        self._connect_timeout = connect_timeout
        # online calls (`call`: screens wait for them): one attempt, connect and statement each
        # bounded by this; sync's pulls and pushes keep connect_timeout and STATEMENT_TIMEOUT
        self._call_timeout = call_timeout
        self._conn: psycopg.Connection | None = None
        self._session: Session | None = None
        self._functions: dict[str, tuple[bool, bool, frozenset[str]]] = {}
        # one connection shared by the sync thread and online screens: one request at a time
        self._lock = threading.RLock()

    @property
    def session(self) -> Session | None:
        """The signed-in user, or None."""
        return self._session

    def _connection(self, timeout: float | None = None) -> psycopg.Connection:
        import psycopg

        if self._conn is None or self._conn.closed:
            # libpq counts whole seconds and treats less than 2 as 2
            seconds = self._connect_timeout if timeout is None else max(2, round(timeout))
            try:
                self._conn = psycopg.connect(self._url, autocommit=True, connect_timeout=seconds)
            except psycopg.OperationalError as exc:
                raise ConnectionLost(
                    "无法连接服务器，数据已保存在手机上，稍后会自动重试",
                    f"cannot reach the server (data is kept on the phone): {_first_line(exc)}",
                ) from exc
        return self._conn

    def close(self) -> None:
        """Close the connection."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def sign_in(self, email: str, password: str = "") -> Session:
        """Look the user up by email (no password check: trusted LAN/demo mode only)."""

        def once() -> Session:
            row = self._guard(
                lambda conn: conn.execute(
                    "select id::text, email, role, full_name, active from public.profiles"
                    " where lower(email) = lower(%s)",
                    (email.strip(),),
                ).fetchone()
            )
            if row is None:
                raise AuthFailed(f"找不到用户 {email}", f"no user with the email {email}")
            if not row[4]:
                raise AuthFailed(f"账号 {email} 已停用", f"the account {email} is disabled")
            return Session(user_id=row[0], email=row[1], role=row[2], full_name=row[3])

        self._session = self._backoff.run(once)
        return self._session

    @property
    def refresh_token(self) -> str | None:
        """None: demo mode signs in again by email."""
        return None

    def resume(self, refresh_token: str) -> Session:
        """Not used in demo mode (there are no tokens)."""
        raise AuthFailed("请重新登录", "please sign in again")

    def pull(self, since: int, limit: int, after: str | None) -> dict[str, Any]:
        """One page of public.sync_pull, read-only."""
        return self._rpc(
            "select public.sync_pull(p_since => %s::bigint, p_limit => %s::integer,"
            " p_after => %s::text)",
            (since, limit, after),
            read_only=True,
        )

    def push(self, client_id: str, mutations: list[dict[str, Any]]) -> dict[str, Any]:
        """public.sync_push of a batch (retried on transport errors: pushes are idempotent)."""
        return self._rpc(
            "select public.sync_push(p_client_id => %s::uuid, p_mutations => %s::jsonb)",
            (client_id, json.dumps(mutations, ensure_ascii=False)),
            read_only=False,
        )

    def call(self, fn: str, args: dict[str, Any]) -> Any:
        """POST /rpc/<fn> as PostgREST answers it: rows as a list, a row as a dict, a scalar
        (an online call: one attempt within the online-call timeout)."""
        return self._call(fn, args, timeout=self._call_timeout)

    def _call(self, fn: str, args: dict[str, Any], *, timeout: float | None = None) -> Any:
        from psycopg import sql

        retset, read_only, jsonb_args = self._function(fn)
        row = sql.SQL("to_jsonb(r)")
        query = sql.SQL("select {agg} from public.{fn}({args}) r").format(
            agg=sql.SQL("coalesce(jsonb_agg({}), '[]'::jsonb)").format(row) if retset else row,
            fn=sql.Identifier(fn),
            args=sql.SQL(", ").join(sql.SQL("{} => %s").format(sql.Identifier(k)) for k in args),
        )
        # JSON as PostgREST passes it: a jsonb parameter gets any JSON value, a scalar too
        params = tuple(
            json.dumps(v)
            if isinstance(v, dict | list) or (k in jsonb_args and v is not None)
            else v
            for k, v in args.items()
        )
        result = self._run(query, params, read_only=read_only, timeout=timeout)
        # a scalar function's row is {"fn": value}
        if isinstance(result, dict) and list(result) == [fn]:
            return result[fn]
        return result

    def put_photo(self, photo_id: str, data: bytes, mime: str) -> str:
        """record_photo_file as the user, then the bytes into the photo folder; the path."""
        # part of a sync (photos follow their rows): retried like a push, not an online call
        path = self._call("record_photo_file", photo_file_args(photo_id, data, mime))
        if not isinstance(path, str):
            raise ProtocolError("服务器返回的数据格式不对", f"unexpected answer: {path!r:.80}")
        self.photos.write(path, data)
        return path

    def get_photo(self, photo_id: str) -> bytes:
        """The bytes of a photo's file that the user may see (photo_file decides), checked
        against the recorded SHA-256."""
        meta = self.call("photo_file", {"p_photo_id": photo_id})
        return checked_photo(self.photos.read(meta["storage_path"]), meta)

    def _function(self, fn: str) -> tuple[bool, bool, frozenset[str]]:
        """Whether the public function returns a set, whether it is read-only, and the names of
        its jsonb parameters."""
        if fn not in self._functions:
            row = self._guard(
                lambda conn: conn.execute(
                    "select p.proretset, p.provolatile in ('s', 'i'),"
                    " array(select x.n from unnest(p.proargnames, p.proargtypes::oid[]) x (n, t)"
                    "        where x.t = 'jsonb'::regtype)"
                    " from pg_proc p"
                    " join pg_namespace n on n.oid = p.pronamespace"
                    " where n.nspname = 'public' and p.proname = %s limit 1",
                    (fn,),
                ).fetchone(),
                self._call_timeout,
            )
            if row is None:
                raise ProtocolError(
                    f"服务器没有函数 {fn}", f"the server has no function {fn} (is it up to date?)"
                )
            self._functions[fn] = (bool(row[0]), bool(row[1]), frozenset(row[2] or ()))
        return self._functions[fn]

    def _rpc(self, query: str, params: tuple[Any, ...], *, read_only: bool) -> dict[str, Any]:
        result = self._run(query, params, read_only=read_only)
        if not isinstance(result, dict):
            raise ProtocolError(
                "服务器返回的数据格式不对", f"unexpected answer from the server: {result!r:.80}"
            )
        return result

    def _run(
        self, query: Any, params: tuple[Any, ...], *, read_only: bool, timeout: float | None = None
    ) -> Any:
        session = self._session
        if session is None:
            raise AuthFailed("请先登录", "not signed in")
        claims = json.dumps(
            {
                "sub": session.user_id,
                "role": "authenticated",
                "email": session.email,
                "aud": "authenticated",
            }
        )

        def call(conn: psycopg.Connection) -> Any:
            with conn.transaction():
                if read_only:
                    conn.execute("set transaction read only")
                conn.execute(
                    "select set_config('role', 'authenticated', true),"
                    " set_config('request.jwt.claims', %s, true),"
                    " set_config('statement_timeout', %s, true)",
                    (claims, STATEMENT_TIMEOUT if timeout is None else f"{timeout * 1000:.0f}ms"),
                )
                row = conn.execute(query, params).fetchone()
            return None if row is None else row[0]

        if timeout is not None:
            return self._guard(call, timeout)  # an online call: one attempt, the user waits
        return self._backoff.run(lambda: self._guard(call))

    def _guard(self, call: Any, timeout: float | None = None) -> Any:
        """Run call(connection); driver errors become project errors (a broken link is dropped)."""
        with self._lock:
            return self._guarded(call, timeout)

    def _guarded(self, call: Any, timeout: float | None = None) -> Any:
        import psycopg

        conn = self._connection(timeout)
        try:
            return call(conn)
        except psycopg.OperationalError as exc:
            if exc.sqlstate and not exc.sqlstate.startswith("08") and not conn.broken:
                raise _translate(exc) from exc
            self.close()
            raise ConnectionLost(
                "与服务器的连接中断，稍后会自动重试",
                f"the connection to the server broke: {_first_line(exc)}",
            ) from exc
        except psycopg.Error as exc:
            raise _translate(exc) from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _translate(exc: Any) -> Exception:
    diag = exc.diag
    return from_sqlstate(
        exc.sqlstate, diag.message_primary or _first_line(exc), diag.message_detail
    )
