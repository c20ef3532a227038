"""Sync for the screens: one status line, a run that reports progress, the conflicts list."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from fieldapp.errors import FieldSalesError
from fieldapp.services import formatting as fmt
from fieldapp.services import settings
from fieldapp.services.i18n import Msg
from fieldapp.services.photos import PhotoUploads
from fieldapp.store import Store
from fieldapp.sync import SyncEngine, SyncEvent, SyncReport, SyncStatus
from fieldapp.sync.errors import SyncBusy
from fieldapp.sync.remote import Remote

log = logging.getLogger(__name__)

EventSink = Callable[[SyncEvent], None]
TABLES: dict[str, Msg] = {
    "customers": Msg("网点资料", "Outlet"),
    "customer_contacts": Msg("联系人", "Contact"),
    "customer_notes": Msg("客户备注", "Customer note"),
    "photos": Msg("照片", "Photo"),
    "visit_plans": Msg("拜访计划", "Visit plan"),
    "visit_plan_stops": Msg("计划拜访点", "Plan stop"),
    "visits": Msg("拜访记录", "Visit"),
    "stock_counts": Msg("库存盘点", "Stock count"),
    "orders": Msg("订单", "Order"),
    "order_lines": Msg("订单明细", "Order line"),
    "incidents": Msg("重大事件", "Incident"),
    "complaints": Msg("投诉", "Complaint"),
}


@dataclass(frozen=True)
class ConflictView:
    """One thing the server decided against the phone, as the sync screen lists it."""

    id: int
    what: Msg  # the kind of record
    status: str  # conflict | rejected
    message: Msg  # what happened, one sentence
    reason: str | None  # the server's own words (English), for support
    at: str
    seen: bool


class SyncService:
    """Runs the sync engine for the signed-in user and describes its state in one line."""

    def __init__(
        self,
        store: Store,
        remote: Remote,
        ensure_session: Callable[[], None],
        now: Callable[[], dt.datetime],
        photos_dir: Path | None = None,
    ) -> None:
        self.store = store
        self.engine = SyncEngine(store, remote)
        self.photos = PhotoUploads(store, remote, photos_dir) if photos_dir else None
        self._ensure_session = ensure_session
        self._now = now
        self._lock = threading.Lock()

    def status(self) -> SyncStatus:
        """Pending count, phase, progress, last sync and last error."""
        return self.engine.status()

    def running(self) -> bool:
        """Whether a sync is running now."""
        return self.engine.status().running

    def sync(
        self, on_event: EventSink | None = None, cancel: threading.Event | None = None
    ) -> SyncReport:
        """Sign in again if needed, push the outbox, pull changes, then upload the photo files
        whose rows the server now has (blocking; run it off the UI)."""
        try:
            self._ensure_session()
        except FieldSalesError as exc:
            self._failed(exc, on_event)  # the engine never ran
            raise
        report = self.engine.sync(cancel, on_event)
        settings.use_company_zone(self.store)  # the company's calendar, as the server has it
        if self.photos is not None:
            try:
                self.photos.upload(cancel)
            except FieldSalesError as exc:
                self._failed(exc, on_event)
                raise
        return report

    def sync_now(self, wait_s: float = 30.0) -> None:
        """Push and pull now, blocking (after a sync already running, waiting up to wait_s for
        it): for an online call that names rows just queued, such as a note's photos."""
        deadline = time.monotonic() + wait_s
        while True:
            try:
                self.sync()
                return
            except SyncBusy:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def photo_bytes(self, ids: Iterable[str], *, ask_server: bool = True) -> dict[str, bytes]:
        """The bytes of those photos that can be read now: the phone's copy first, else the
        server's when asked (online; photos the user may see). The others are left out
        (offline, refused, not uploaded yet)."""
        uploads = self.photos
        if uploads is None:
            return {}
        read = uploads.photo if ask_server else uploads.local
        out: dict[str, bytes] = {}
        for photo_id in ids:
            try:
                data = read(photo_id)
            except FieldSalesError as exc:
                log.info("photo %s not shown: %s", photo_id, exc)
                continue
            if data is not None:
                out[photo_id] = data
        return out

    def _failed(self, exc: FieldSalesError, on_event: EventSink | None) -> None:
        """Record the reason where the status line shows it, and tell the screen."""
        zh, en = f"{exc.title_zh}：{exc.message_zh}", f"{exc.title_en}: {exc.message_en}"
        at = self._now().isoformat(timespec="seconds")
        self.store.set_state(last_error={"zh": zh, "en": en, "at": at})
        if on_event is not None:
            on_event(SyncEvent("failed", message_zh=zh, message_en=en))

    def line(self, lang: str, status: SyncStatus | None = None) -> str:
        """The always-visible status line: pending, last sync, or the error as a sentence."""
        st = status or self.status()
        en = lang == "en"
        if st.running:
            done = f" {st.done}/{st.total}" if st.total else (f" {st.done}" if st.done else "")
            if st.phase == "pushing":
                return f"Uploading…{done}" if en else f"正在上传…{done}"
            return f"Downloading…{done}" if en else f"正在下载…{done}"
        last = fmt.ago(st.last_sync_at, self._now(), lang)
        photos = len(self.photos.waiting()) if self.photos is not None else 0
        if st.pending or photos:
            head = f"{st.pending} to upload" if en else f"待上传 {st.pending} 条"
            if photos:
                head += f" + {photos} photo(s)" if en else f" + {photos} 张照片"
        else:
            head = "All synced" if en else "已全部同步"
        return f"{head} · {'last sync' if en else '上次同步'} {last}"

    def error(self, lang: str, status: SyncStatus | None = None) -> str | None:
        """The last sync error as a sentence, or None after a successful sync."""
        st = status or self.status()
        if not st.last_error:
            return None
        return st.last_error.get("en" if lang == "en" else "zh")

    def conflicts(self) -> list[ConflictView]:
        """What the server refused or overruled, newest first."""
        out = []
        for c in self.store.conflicts():
            out.append(
                ConflictView(
                    id=c.id,
                    what=TABLES.get(c.table, Msg(c.table, c.table)),
                    status=c.status,
                    message=Msg(c.message_zh, c.message_en),
                    reason=c.reason,
                    at=c.at,
                    seen=c.seen,
                )
            )
        return out

    def unseen_conflicts(self) -> int:
        """How many conflicts the user has not looked at."""
        return len(self.store.conflicts(unseen_only=True))

    def mark_seen(self) -> None:
        """The user has seen the conflicts list."""
        ids = [c.id for c in self.store.conflicts(unseen_only=True)]
        if ids:
            self.store.mark_conflicts_seen(ids)
