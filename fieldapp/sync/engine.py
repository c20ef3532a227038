"""The sync engine: push the outbox in batches, then pull until done, off the UI thread."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from fieldapp.domain import clock
from fieldapp.errors import FieldSalesError
from fieldapp.store import Store
from fieldapp.store.answers import PushOutcome
from fieldapp.store.outbox import Mutation
from fieldapp.sync.errors import AuthFailed, ProtocolError, SyncBusy, SyncError
from fieldapp.sync.events import IDLE, PULLING, PUSHING, SyncEvent, SyncReport, SyncStatus
from fieldapp.sync.protocol import Page, parse_page, parse_push
from fieldapp.sync.remote import Remote

log = logging.getLogger(__name__)

EventSink = Callable[[SyncEvent], None]


class _Cancelled(Exception):
    """Raised between steps when the caller asked to stop."""


@dataclass
class SyncJob:
    """A sync running on its own thread."""

    thread: threading.Thread
    cancel_event: threading.Event

    def cancel(self) -> None:
        """Stop after the current step (never inside a transaction)."""
        self.cancel_event.set()

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the thread; True when it has finished."""
        self.thread.join(timeout)
        return not self.thread.is_alive()


class SyncEngine:
    """Pushes queued mutations and pulls changes for the signed-in user of a Remote."""

    def __init__(
        self,
        store: Store,
        remote: Remote,
        *,
        push_batch: int = 200,
        pull_limit: int = 5000,
        settle_wait: float = 5.0,
        pull_ahead: bool = True,
    ) -> None:
        self.store = store
        self.pull_ahead = pull_ahead  # fetch the next page while applying one (off: one at a time)
        self.remote = remote
        self.push_batch = push_batch
        self.pull_limit = pull_limit
        self.settle_wait = settle_wait
        self._running = threading.Lock()
        self._phase = IDLE
        self._done = 0
        self._total: int | None = None

    def status(self) -> SyncStatus:
        """Pending count, phase and progress, last successful sync and last error."""
        st = self.store.sync_state()
        return SyncStatus(
            running=self._running.locked(),
            phase=self._phase,
            done=self._done,
            total=self._total,
            pending=self.store.pending_count(),
            last_sync_at=st.last_sync_at,
            last_error=st.last_error,
        )

    def run_in_background(self, on_event: EventSink | None = None) -> SyncJob:
        """Start sync() on a daemon thread; progress and the outcome arrive as events."""
        cancel = threading.Event()

        def work() -> None:
            try:
                self.sync(cancel, on_event)
            except SyncBusy as exc:
                self._post(
                    on_event,
                    SyncEvent("busy", message_zh=exc.message_zh, message_en=exc.message_en),
                )
            except FieldSalesError:
                pass  # already recorded and posted as a failed event

        thread = threading.Thread(target=work, name="fieldsales-sync", daemon=True)
        thread.start()
        return SyncJob(thread, cancel)

    def sync(
        self, cancel: threading.Event | None = None, on_event: EventSink | None = None
    ) -> SyncReport:
        """Push everything queued, then pull until the server has nothing more; returns a report.

        Cancellation is honoured between steps only. Failures are recorded as the store's last
        error, posted as a failed event and raised as fieldapp.errors subclasses.
        """
        if not self._running.acquire(blocking=False):
            raise SyncBusy("已有同步正在进行", "a sync is already running")
        report = SyncReport()
        started = time.perf_counter()
        try:
            self._post(on_event, SyncEvent("started"))
            self._check_owner()
            self._push_all(report, cancel, on_event)
            self._pull_all(report, cancel, on_event)
            self.store.purge_revoked()
            self.store.set_state(last_sync_at=_now(), last_error=None)
            report.seconds = time.perf_counter() - started
            self._post(on_event, SyncEvent("finished", report=report))
            return report
        except _Cancelled:
            self.store.purge_revoked()
            report.cancelled = True
            report.seconds = time.perf_counter() - started
            self._post(on_event, SyncEvent("cancelled", report=report))
            return report
        except FieldSalesError as exc:
            self._fail(exc, on_event)
            raise
        except Exception as exc:  # a bug: keep the traceback in the log, not on the screen
            log.exception("sync failed unexpectedly")
            error = SyncError(
                f"同步时发生意外错误（{type(exc).__name__}），数据仍保存在手机上",
                f"unexpected error during sync ({type(exc).__name__}); the data is kept on the"
                " phone",
            )
            self._fail(error, on_event)
            raise error from exc
        finally:
            self._phase, self._done, self._total = IDLE, 0, None
            self._running.release()

    # -- steps ---------------------------------------------------------------------------------

    def _check_owner(self) -> None:
        session = self.remote.session
        if session is None:
            raise AuthFailed("请先登录", "please sign in first")
        owner = self.store.sync_state().user_id
        if owner is None:
            self.store.set_state(user_id=session.user_id)
        elif owner != session.user_id:
            raise SyncError(
                "手机上的数据属于另一个账号，请用该账号登录",
                "the data on this phone belongs to another account; sign in with that account",
            )

    def _push_all(
        self, report: SyncReport, cancel: threading.Event | None, sink: EventSink | None
    ) -> None:
        client_id = self.store.sync_state().client_id
        self._phase, self._done, self._total = PUSHING, 0, self.store.pending_count()
        while True:
            _check(cancel)
            batch = self.store.next_batch(self.push_batch)
            if not batch:
                return
            last, answers = parse_push(self.remote.push(client_id, [m.wire() for m in batch]))
            if last > self.store.sync_state().mutation_seq:
                # The server saw more of this client's mutations than this store ever numbered:
                # the store is a copy (a restored backup) whose original went on syncing. Its
                # answers are all `duplicate` of someone else's edits; start as a new client.
                log.warning("client %s is a copy; registering as a new client", client_id)
                client_id = self.store.new_client()
                continue
            outcome = self.store.apply_answers(batch, answers, last)
            if outcome.answered == 0:
                raise ProtocolError(
                    "服务器没有回答任何一条上传的变更",
                    "the server answered none of the pushed mutations",
                )
            _count(report, outcome)
            self._done += outcome.answered
            self._total = max(self._total or 0, self._done + self.store.pending_count())
            self._post(sink, SyncEvent("progress", PUSHING, self._done, self._total))
            if outcome.conflict or outcome.rejected:
                n = outcome.conflict + outcome.rejected
                self._post(
                    sink,
                    SyncEvent(
                        "conflicts",
                        PUSHING,
                        self._done,
                        self._total,
                        f"{n} 条修改未被服务器接受，详见同步记录",
                        f"{n} change(s) were not accepted by the server; see the sync log",
                    ),
                )
            if outcome.uncertain:  # learn what the duplicates produced before sending later edits
                self._settle(outcome.uncertain, report, cancel, sink)
                self._phase = PUSHING

    def _settle(
        self,
        uncertain: list[Mutation],
        report: SyncReport,
        cancel: threading.Event | None,
        sink: EventSink | None,
    ) -> None:
        """Pull until the rows of uncertain duplicates show their effect (bounded wait).

        A pull only returns transactions older than every running one, so a long transaction
        anywhere on the server can hide the duplicate's effect for a while.
        """
        deadline = time.monotonic() + self.settle_wait
        while True:
            self._pull_all(report, cancel, sink)
            uncertain = self.store.settle(uncertain)
            if not uncertain or time.monotonic() > deadline:
                return
            time.sleep(0.2)

    def _pull_all(
        self, report: SyncReport, cancel: threading.Event | None, sink: EventSink | None
    ) -> None:
        """Pull until the server has nothing more. The next page is asked for as soon as a page
        has come, while this one is applied (the request needs only the page's cursor): the
        phone's work overlaps the server's and the network's. A page is applied, and its cursor
        stored, strictly in order; a page asked for before an epoch reset is dropped."""
        self._phase, self._done, self._total = PULLING, 0, None
        ahead = _Ahead(self.remote, self.pull_limit)
        try:
            st = self.store.sync_state()
            ahead.ask(st.cursor, st.after)
            while True:
                _check(cancel)
                asked, page = ahead.take()
                advanced = (page.cursor, page.after) != asked
                if page.has_more and advanced and self.pull_ahead:
                    ahead.ask(page.cursor, page.after)
                outcome = self.store.apply_page(
                    cursor=page.cursor,
                    after=page.after,
                    epoch=page.epoch,
                    changes=page.changes,
                    revoked=page.revoked,
                )
                report.pages += 1
                if outcome.reset:
                    report.resets += 1
                    if report.resets > 3:
                        raise ProtocolError(
                            "服务器的同步纪元不停变化", "the server's sync epoch keeps changing"
                        )
                    ahead.drop()  # asked with the old epoch's cursor
                    st = self.store.sync_state()
                    ahead.ask(st.cursor, st.after)
                    continue
                report.pulled += outcome.rows
                report.removed += outcome.removed
                report.revoked += outcome.revoked
                self._done += page.size
                self._post(sink, SyncEvent("progress", PULLING, self._done, None))
                if not page.has_more:
                    return
                if not advanced:
                    raise ProtocolError(
                        "服务器的同步游标没有前进", "the server's sync cursor did not advance"
                    )
                if not self.pull_ahead:
                    ahead.ask(page.cursor, page.after)
        finally:
            ahead.close()

    # -- reporting ---------------------------------------------------------------------------

    def _fail(self, exc: FieldSalesError, sink: EventSink | None) -> None:
        zh = f"{exc.title_zh}：{exc.message_zh}"
        en = f"{exc.title_en}: {exc.message_en}"
        try:
            self.store.set_state(last_error={"zh": zh, "en": en, "at": _now()})
        except FieldSalesError:
            log.exception("could not record the sync error")
        self._post(sink, SyncEvent("failed", self._phase, self._done, self._total, zh, en))

    @staticmethod
    def _post(sink: EventSink | None, event: SyncEvent) -> None:
        if sink is None:
            return
        try:
            sink(event)
        except Exception:  # a broken listener must not break the sync
            log.exception("sync event listener failed")


class _Ahead:
    """At most one page being fetched on its own thread while the sync thread applies the last."""

    def __init__(self, remote: Remote, limit: int) -> None:
        self.remote, self.limit = remote, limit
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldsales-pull")
        self._asked: tuple[int, str | None] = (0, None)
        self._future: Future[Page] | None = None

    def ask(self, cursor: int, after: str | None) -> None:
        """Start fetching the page after (cursor, after)."""
        self._asked = (cursor, after)
        self._future = self._pool.submit(
            lambda: parse_page(self.remote.pull(cursor, self.limit, after))
        )

    def take(self) -> tuple[tuple[int, str | None], Page]:
        """The request and the page it brought (waiting for it; its error raised here)."""
        assert self._future is not None
        future, self._future = self._future, None
        return self._asked, future.result()

    def drop(self) -> None:
        """Forget the page being fetched: its answer and its error are dropped."""
        if self._future is not None:
            self._future.cancel()
            self._future = None

    def close(self) -> None:
        """Drop what is being fetched; the thread ends when its call returns."""
        self.drop()
        self._pool.shutdown(wait=False)


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise _Cancelled


def _count(report: SyncReport, outcome: PushOutcome) -> None:
    report.applied += outcome.applied
    report.duplicate += outcome.duplicate
    report.conflict += outcome.conflict
    report.rejected += outcome.rejected


def _now() -> str:
    return clock.system_now().isoformat(timespec="seconds")
