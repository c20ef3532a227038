"""The check-in's nearby address (附近地址): the server's geocoder cache (geocode_near), read
off the UI path beside the distance sentence; offline it says so and check-in goes on."""

from __future__ import annotations

import contextlib
from typing import Any

import flet as ft

from fieldapp.errors import FieldSalesError
from fieldapp.services import formatting as fmt
from fieldapp.services.position import Fix
from fieldapp.sync.errors import ConnectionLost
from fieldapp.ui.online import fetch_off_ui
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED


def near_address_line(screen: Screen, fix: Fix) -> ft.Control:
    """A line filled when the server answers: the nearest known address and how far it is."""
    line = ft.Text("", size=13, color=MUTED, visible=False)
    svc = screen.phone.geocoding

    def done(found: Any, error: FieldSalesError | None) -> None:
        if isinstance(error, ConnectionLost):
            line.value = screen.t("checkin_near_offline")
        elif error is not None:
            return  # not a staff member, or another refusal: nothing to add
        elif found is None:
            line.value = screen.t("checkin_near_none")
        else:
            address, metres = found
            line.value = screen.t(
                "checkin_near_address", address=address, d=fmt.distance(metres, screen.lang)
            )
        line.visible = True
        with screen.shell.ui_lock, contextlib.suppress(RuntimeError):  # not on the page any more
            line.update()

    fetch_off_ui(lambda: svc.near(fix), done)
    return line
