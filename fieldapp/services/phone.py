"""One phone: its files, the signed-in user, the local store, the remote and the services."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from fieldapp.domain import clock
from fieldapp.errors import FieldSalesError
from fieldapp.services import settings
from fieldapp.services.customers import CustomerService
from fieldapp.services.device import DEMO, SUPABASE, PhoneFolder, SignedIn
from fieldapp.services.i18n import FieldErrors, Msg
from fieldapp.services.outlets import OutletService
from fieldapp.services.phone_more import MoreServices
from fieldapp.services.sync import SyncService
from fieldapp.services.today import TodayService
from fieldapp.services.visits import VisitService
from fieldapp.store import Store
from fieldapp.sync.errors import AuthFailed
from fieldapp.sync.remote import Remote

S = TypeVar("S")  # a service class
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# how long a screen waits for an online call (connect, and the statement or HTTP request); sync's
# pulls and pushes have their own, longer limits
ONLINE_TIMEOUT_S = 3.0


def utcnow() -> dt.datetime:
    """The current time in UTC (the services' default clock; FIELDSALES_NOW freezes it)."""
    return clock.system_now()


@dataclass(frozen=True)
class ServerConfig:
    """Which server the phone syncs with, and how it signs in."""

    mode: str  # demo: direct PostgreSQL, pick a user; supabase: email + password
    database_url: str | None = None
    supabase_url: str | None = None
    supabase_key: str | None = None

    def label(self) -> str:
        """The server's address without user name or password."""
        if self.mode == SUPABASE:
            return self.supabase_url or "—"
        host, port, db = _conninfo_parts(self.database_url or "")
        return f"PostgreSQL {host}{':' + port if port else ''}/{db}"


def _conninfo_parts(conninfo: str) -> tuple[str, str, str]:
    """Host, port and database of a PostgreSQL URL or key=value string (never the password)."""
    from urllib.parse import parse_qs, urlsplit

    if "://" in conninfo:
        try:
            parts = urlsplit(conninfo)
            query = parse_qs(parts.query)
            host = parts.hostname or query.get("host", [""])[0]
            port = str(parts.port or "")
        except ValueError:
            return "?", "", ""
        return host or "localhost", port, parts.path.lstrip("/")
    pairs = dict(re.findall(r"(\w+)\s*=\s*('(?:[^'\\]|\\.)*'|\S+)", conninfo))
    values = {k: v.strip("'") for k, v in pairs.items()}
    return values.get("host") or "localhost", values.get("port", ""), values.get("dbname", "")


def make_remote(server: ServerConfig) -> Remote:
    """The Remote for a server config (imports psycopg or supabase only when used)."""
    if server.mode == DEMO:
        from fieldapp.sync.pg_remote import PgRemote

        return PgRemote(server.database_url or "", call_timeout=ONLINE_TIMEOUT_S)
    from fieldapp.sync.supabase_remote import SupabaseRemote

    return SupabaseRemote(
        server.supabase_url or "", server.supabase_key or "", call_timeout=ONLINE_TIMEOUT_S
    )


class UnsyncedWork(FieldSalesError):
    """Signing out would delete changes the server has not received."""

    title_zh = "还有未上传的数据"
    title_en = "Unsynced changes"

    def __init__(self, pending: int) -> None:
        super().__init__(
            f"还有 {pending} 条修改没有上传到服务器，退出登录会删除它们",
            f"{pending} change(s) have not reached the server; signing out deletes them",
        )
        self.pending = pending


class NotSignedIn(FieldSalesError):
    """A screen asked for data before anyone signed in."""

    title_zh = "未登录"
    title_en = "Not signed in"


class Phone(MoreServices):
    """Everything one phone runs for its user; screens hold one of these."""

    def __init__(
        self,
        device: PhoneFolder,
        server: ServerConfig,
        *,
        remote_factory: Callable[[ServerConfig], Remote] = make_remote,
        now: Callable[[], dt.datetime] = utcnow,
    ) -> None:
        self.device = device
        self.server = server
        self.now = now
        self._remote_factory = remote_factory
        self.user: SignedIn | None = None
        self._store: Store | None = None
        self._remote: Remote | None = None
        self._svc: _Services | None = None
        self._more: dict[str, Any] = {}  # the services of other roles' screens, made when used

    # -- session --------------------------------------------------------------------------------

    def restore(self) -> SignedIn | None:
        """Open the saved session and store, offline; None when nobody is signed in."""
        who = self.device.load_session()
        if who is None or who.mode != self.server.mode:
            return None
        self._open(who)
        return who

    def sign_in(self, email: str, password: str = "") -> SignedIn:
        """Sign in (demo: by email alone; Supabase: email + password) and open the user's store."""
        email = email.strip()
        problems: dict[str, Msg] = {}
        if not EMAIL.match(email):
            problems["email"] = Msg("请输入有效的邮箱地址", "Enter a valid email address")
        if self.server.mode == SUPABASE and not password:
            problems["password"] = Msg("请输入密码", "Enter your password")
        if problems:
            raise FieldErrors(problems)
        remote = self._remote_factory(self.server)
        try:
            session = remote.sign_in(email, password)
        except BaseException:
            remote.close()
            raise
        who = SignedIn(
            user_id=session.user_id,
            email=session.email,
            role=session.role,
            full_name=session.full_name,
            mode=self.server.mode,
            server=self.server.label(),
            signed_in_at=self.now().isoformat(timespec="seconds"),
        )
        self._claim_store(who)
        self.device.save_session(who)
        self.device.save_token(remote.refresh_token)
        self._open(who, remote)
        return who

    def _claim_store(self, who: SignedIn) -> None:
        """The store on this phone must be empty or this user's; another's is wiped if synced."""
        if not self.device.store_path.exists():
            return
        store = Store.open(self.device.store_path)
        try:
            owner, pending = store.sync_state().user_id, store.pending_count()
        finally:
            store.close()
        if owner is None or owner == who.user_id:
            return
        if pending:
            raise AuthFailed(
                f"手机上有另一个账号的 {pending} 条未上传数据，请先用该账号登录并同步",
                f"this phone holds {pending} unsynced change(s) of another account; sign in"
                " with that account and sync first",
            )
        self.device.wipe_store()

    def _open(self, who: SignedIn, remote: Remote | None = None) -> None:
        self.device.ensure()
        self.close()
        self.user = who
        self._store = Store.open(self.device.store_path)
        self._remote = remote or self._remote_factory(self.server)

    def ensure_session(self) -> None:
        """Make sure the remote is signed in before a sync (demo: again by email)."""
        if self.user is None or self._remote is None:
            raise NotSignedIn("请先登录", "please sign in first")
        if self._remote.session is None:
            if self.user.mode == DEMO:
                self._remote.sign_in(self.user.email, "")
                return
            self._resume()
        # the token rotates when the access token is refreshed: keep the newest for a restart
        token = self._remote.refresh_token
        if token and token != self.device.load_token():
            self.device.save_token(token)

    def _resume(self) -> None:
        """Supabase mode after a restart: sign in again with the saved refresh token."""
        assert self._remote is not None and self.user is not None
        ask = AuthFailed("请在设置中重新输入密码后同步", "enter your password again to sync")
        token = self.device.load_token()
        if token is None:
            raise ask
        try:
            session = self._remote.resume(token)
        except AuthFailed as exc:
            self.device.save_token(None)  # revoked or used up: the password is needed
            raise ask from exc
        if session.user_id != self.user.user_id:
            self.device.save_token(None)
            raise AuthFailed("这是另一个账号", "that is a different account")

    def reauthenticate(self, password: str) -> None:
        """Sign the remote in again with the password (Supabase mode, after a restart)."""
        if self.user is None or self._remote is None:
            raise NotSignedIn("请先登录", "please sign in first")
        if not password:
            raise FieldErrors({"password": Msg("请输入密码", "Enter your password")})
        session = self._remote.sign_in(self.user.email, password)
        if session.user_id != self.user.user_id:
            raise AuthFailed("这是另一个账号", "that is a different account")
        self.device.save_token(self._remote.refresh_token)

    def rpc(self, fn: str, **args: Any) -> Any:
        """Call a server function now (screens that only work online: approvals, ledgers);
        raises ConnectionLost when the server is out of reach (within ONLINE_TIMEOUT_S once
        signed in). Blocking: screens call it off the UI path (fieldapp.ui.online)."""
        self.ensure_session()
        assert self._remote is not None
        return self._remote.call(fn, args)

    def pending(self) -> int:
        """Changes waiting for the server."""
        return self.store.pending_count()

    def sign_out(self, *, force: bool = False) -> None:
        """Forget the user and delete the local store; refuses with UnsyncedWork unless force."""
        if self._store is not None:
            pending = self._store.pending_count()
            if pending and not force:
                raise UnsyncedWork(pending)
        self.close()
        self.device.wipe_store()
        self.device.forget_session()
        self.user = None

    def close(self) -> None:
        """Close the store and the server connection."""
        self._svc = None
        self._more.clear()
        if self._store is not None:
            self._store.close()
            self._store = None
        if self._remote is not None:
            self._remote.close()
            self._remote = None

    # -- services --------------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        """The local store of the signed-in user."""
        if self._store is None:
            raise NotSignedIn("请先登录", "please sign in first")
        return self._store

    def _services(self) -> _Services:
        if self._svc is None:
            if self._store is None or self._remote is None or self.user is None:
                raise NotSignedIn("请先登录", "please sign in first")
            store, user, now = self._store, self.user, self.now
            settings.use_company_zone(store)
            self._svc = _Services(
                sync=SyncService(
                    store, self._remote, self.ensure_session, now, self.device.photos_dir
                ),
                customers=CustomerService(store, now),
                today=TodayService(store, user, now),
                visits=VisitService(store, user, now, self.device.photos_dir),
                outlets=OutletService(store, user, now, self.device.photos_dir),
            )
        return self._svc

    @property
    def sync(self) -> SyncService:
        """Sync status, runs and conflicts."""
        return self._services().sync

    @property
    def customers(self) -> CustomerService:
        """Customer search and cards."""
        return self._services().customers

    @property
    def today(self) -> TodayService:
        """Today's approved route."""
        return self._services().today

    @property
    def visits(self) -> VisitService:
        """The visit flow."""
        return self._services().visits

    @property
    def outlets(self) -> OutletService:
        """New outlets with validation and duplicate checks."""
        return self._services().outlets

    def _service(self, name: str, make: Callable[..., S]) -> S:
        """A service of the signed-in user, made once: make(store, user, now, rpc, photos_dir)."""
        if name not in self._more:
            if self._store is None or self.user is None:
                raise NotSignedIn("请先登录", "please sign in first")
            self._more[name] = make(
                self._store, self.user, self.now, self.rpc, self.device.photos_dir
            )
        return cast(S, self._more[name])


@dataclass(frozen=True)
class _Services:
    sync: SyncService
    customers: CustomerService
    today: TodayService
    visits: VisitService
    outlets: OutletService
