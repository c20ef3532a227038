"""A refresh keeps a control that looks the same (with the new handler), so a tap is not lost."""

from __future__ import annotations

import flet as ft

from fieldapp.ui.kept import kept, kept_list
from fieldapp.ui.widgets import big_button


def _bar(text: str, handler: object, disabled: bool = False) -> ft.BottomAppBar:
    return ft.BottomAppBar(content=big_button(text, handler, tooltip=text, disabled=disabled))


def _button(bar: ft.BottomAppBar) -> ft.FilledButton:
    return bar.content.content  # type: ignore[union-attr,return-value]


def test_a_bar_that_looks_the_same_is_kept_with_the_new_handler() -> None:
    def first(e: object) -> None: ...

    def second(e: object) -> None: ...

    old, new = _bar("保存网点", first), _bar("保存网点", second)
    assert kept(old, new) is old
    assert _button(old).on_click is second


def test_a_bar_that_changed_is_replaced() -> None:
    def handler(e: object) -> None: ...

    old = _bar("保存网点", handler)
    for new in (_bar("保存", handler), _bar("保存网点", handler, disabled=True)):
        assert kept(old, new) is new
    assert kept(None, old) is old
    assert kept(old, None) is None


def test_actions_are_kept_one_by_one() -> None:
    def handler(e: object) -> None: ...

    gear = ft.IconButton(ft.Icons.SETTINGS_OUTLINED, tooltip="设置", on_click=handler)
    search = ft.IconButton(ft.Icons.SEARCH, tooltip="搜索", on_click=handler)
    new_gear = ft.IconButton(ft.Icons.SETTINGS_OUTLINED, tooltip="设置", on_click=handler)
    new_map = ft.IconButton(ft.Icons.MAP, tooltip="地图", on_click=handler)
    assert kept_list([gear, search], [new_gear, new_map]) == [gear, new_map]
    assert kept_list([], [new_gear]) == [new_gear]
