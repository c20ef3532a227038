"""What the order screens of both sides share (the dealer's 订单, the rep's card, Today and visit):
an order's status pill, and running an online order step off the UI path — its field errors
under the fields, "需联网" when there is no server, a sync right after a success."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from fieldapp.errors import FieldSalesError
from fieldapp.services.i18n import FieldErrors, Msg, error_text
from fieldapp.services.order_common import STATUS_COLORS, status_text
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import pill


def status_pill(
    order: dict[str, Any], lang: str, words: dict[str, Msg] | None = None
) -> ft.Control:
    """The order's status as a pill (the dealer's own words when given), filled once decided."""
    status = order.get("status") or "draft"
    word = (words or {}).get(status) or status_text({"status": status})
    return pill(word(lang), STATUS_COLORS.get(status, "#5F6B7A"), filled=status != "submitted")


def with_reason(order: dict[str, Any], lang: str) -> str:
    """已拒绝：欠款未结 — the rep's words for the status, with its reason."""
    return status_text(order)(lang)


def run_step(
    screen: Screen,
    work: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[str, dict[str, str]], None],
) -> None:
    """Run work() (an online order step) on a worker thread. Success: done(answer) and a sync to
    pull what the server changed; bad input: failed(sentence, errors per field); no server or a
    refusal: failed(the sentence, {}) and a toast. Every callback runs under the shell's lock."""
    shell = screen.shell

    def job() -> None:
        try:
            answer = work()
        except FieldErrors as exc:
            fields = {k: m(screen.lang) for k, m in exc.fields.items()}
            with shell.ui_lock:
                failed(next(iter(fields.values())), fields)
            return
        except FieldSalesError as exc:
            said = error_text(exc, screen.lang)
            with shell.ui_lock:
                failed(said, {})
                shell.toast(said, error=True)
            return
        with shell.ui_lock:
            done(answer)
        shell.request_sync()  # the order's new status and lines, and the rep's side

    shell.page.run_thread(job)
