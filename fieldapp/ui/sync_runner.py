"""Running the sync for the screens: off the UI thread, soon after a write, now and then;
its events drive the sync strip of every view."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from fieldapp.errors import FieldSalesError
from fieldapp.sync import SyncEvent
from fieldapp.ui.sync_strip import SyncStrip

if TYPE_CHECKING:
    from fieldapp.ui.screen import Host

log = logging.getLogger(__name__)
AFTER_WRITE_S = 2.0  # a sync shortly after the rep saved something


class SyncRunner:
    """One per shell: at most one sync at a time, another right after when asked meanwhile."""

    def __init__(self, shell: Host) -> None:
        self.shell = shell
        self._thread: threading.Thread | None = None
        self._again = False
        self._progress: float | None = None
        self._write_timer: threading.Timer | None = None

    def saved(self) -> None:
        """Something was written locally: show the new pending count, sync soon."""
        self.show_state()
        if self._write_timer is not None:
            self._write_timer.cancel()
        self._write_timer = threading.Timer(AFTER_WRITE_S, self.request)
        self._write_timer.daemon = True
        self._write_timer.start()

    def stop(self) -> None:
        """No more syncs (the session is over)."""
        if self._write_timer is not None:
            self._write_timer.cancel()

    def request(self) -> None:
        """Start a sync off the UI thread (or run another right after the current one)."""
        shell = self.shell
        if shell.closed or shell.phone is None or shell.phone.user is None:
            return
        if self._thread is not None and self._thread.is_alive():
            self._again = True
            return
        self._thread = threading.Thread(target=self._work, daemon=True, name="fieldsales-ui-sync")
        self._thread.start()

    def _work(self) -> None:
        shell = self.shell
        phone = shell.phone
        while True:
            self._again = False
            try:
                report = phone.sync.sync(on_event=self._on_event)
            except FieldSalesError:
                report = None  # recorded as the last error; the strip shows it
            except Exception:  # a bug: keep the app alive, the log has the traceback
                log.exception("sync crashed")
                report = None
            if phone is not shell.phone or phone.user is None:
                return
            self._progress = None
            brought = report is not None and bool(report.pulled or report.removed or report.revoked)
            if brought:
                try:
                    phone.customers.prepare_search()
                except Exception:  # signed out meanwhile, or a bug: the search builds it later
                    log.exception("search index not prepared")
            # rebuild lists before the strip says "synced", so what it says is what is shown
            self._refresh_lists(brought)
            self.show_state()
            if not self._again:
                return

    def _on_event(self, event: SyncEvent) -> None:
        self._progress = min(1.0, event.done / event.total) if event.total else None
        self.show_state()

    def _refresh_lists(self, brought: bool) -> None:
        """Lists when the sync brought or removed rows; screens showing the sync every time (an
        upload alone changes their pending count, last sync and button)."""
        stack = self.shell.stack
        for s in stack:
            if s.refresh_on_sync and (brought or s.shows_sync):
                s.stale = True
        top = stack[-1] if stack else None
        if top is not None and top.refresh_on_sync and (brought or top.shows_sync):
            self.shell.refresh(top)

    def show_state(self, update: bool = True) -> None:
        """Put the sync status on every view's strip (and redraw the top one)."""
        shell = self.shell
        if shell.phone is None or shell.phone.user is None:
            return
        try:
            sync = shell.phone.sync
            status = sync.status()
            line, error = sync.line(shell.lang, status), sync.error(shell.lang, status)
            conflicts = sync.unseen_conflicts()
        except FieldSalesError:
            return
        with shell.ui_lock:
            stack = list(shell.stack)
            for screen in stack:
                strip = screen.view.data[0] if screen.view is not None else None
                if not isinstance(strip, SyncStrip):
                    continue
                strip.show(
                    line,
                    running=status.running,
                    progress=self._progress,
                    pending=status.pending,
                    error=error,
                    conflicts=conflicts,
                    lang=shell.lang,
                )
                if update and screen is stack[-1]:
                    try:
                        strip.control.update()
                    except Exception:  # the view was replaced meanwhile
                        log.debug("strip update skipped", exc_info=True)
