"""Keep a control across a refresh when it looks the same, so a tap on it is not dropped.

A control replaced by a refresh gets a new node in Flutter's semantics tree, and a tap that lands
while the old node is still in the page (a sync or a position fix refilling the screen) does
nothing (docs/flet-lessons.md). `kept(old, new)` returns `old`, with `new`'s event handlers,
when the two trees differ only in their handlers; otherwise `new`.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

import flet as ft

C = TypeVar("C", bound=ft.BaseControl)


def _fields(c: ft.BaseControl) -> list[str]:
    return [f.name for f in dataclasses.fields(c) if not f.name.startswith("_")]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, ft.BaseControl) or isinstance(b, ft.BaseControl):
        if type(a) is not type(b):
            return False
        return all(
            name.startswith("on_") or _same(getattr(a, name), getattr(b, name))
            for name in _fields(a)
        )
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def _take_handlers(old: Any, new: Any) -> None:
    if isinstance(old, ft.BaseControl):
        for name in _fields(old):
            if name.startswith("on_"):
                setattr(old, name, getattr(new, name))
            else:
                _take_handlers(getattr(old, name), getattr(new, name))
    elif isinstance(old, list | tuple):
        for x, y in zip(old, new, strict=True):
            _take_handlers(x, y)


def kept(old: C | None, new: C | None) -> C | None:
    """`old` with `new`'s handlers when both look the same (same types and values), else `new`."""
    if old is None or new is None or old is new or not _same(old, new):
        return new
    _take_handlers(old, new)
    return old


def kept_list(old: list[ft.Control], new: list[ft.Control]) -> list[ft.Control]:
    """`kept` for each position of a list of controls (an app bar's actions)."""
    return [kept(old[i], c) if i < len(old) else c for i, c in enumerate(new)]  # type: ignore[misc]
