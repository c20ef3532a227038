"""After a sync the runner rebuilds what it changed: lists when rows came or went, the sync
screen after every sync (an upload alone changes its pending count, last sync and button)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from fieldapp.ui.screen import Screen
from fieldapp.ui.sync.sync import SyncScreen
from fieldapp.ui.sync_runner import SyncRunner


class ListScreen(Screen):
    refresh_on_sync = True


class FormScreen(Screen):
    pass


def runner(top: type[Screen]) -> tuple[SyncRunner, Any, list[Screen]]:
    refreshed: list[Screen] = []
    shell = SimpleNamespace(stack=[], refresh=refreshed.append)
    shell.stack = [ListScreen(shell), SyncScreen(shell), top(shell)]
    return SyncRunner(shell), shell, refreshed  # type: ignore[arg-type]


def test_an_upload_alone_rebuilds_the_sync_screen_not_the_lists() -> None:
    sync, shell, refreshed = runner(SyncScreen)
    for s in shell.stack:
        s.stale = False
    sync._refresh_lists(False)
    assert refreshed == [shell.stack[-1]]
    assert [s.stale for s in shell.stack] == [False, True, True]


def test_rows_brought_rebuild_the_lists_and_the_sync_screen_but_not_a_form() -> None:
    sync, shell, refreshed = runner(FormScreen)
    for s in shell.stack:
        s.stale = False
    sync._refresh_lists(True)
    assert refreshed == []  # a form on top is never rebuilt under the typing hand
    assert [s.stale for s in shell.stack] == [True, True, False]
