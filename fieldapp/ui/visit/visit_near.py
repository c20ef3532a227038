"""The check-in's place: the district from the packaged boundaries (offline too) and the nearby
address (附近地址) from the server's geocoder cache (geocode_near, filled from addresses and by
`fieldsales geocode --reverse` from where reps check in), read off the UI path beside the
distance sentence; offline the address line says so and check-in goes on."""

from __future__ import annotations

import contextlib
from typing import Any

import flet as ft

from fieldapp.domain import districts
from fieldapp.domain.districts import Place
from fieldapp.errors import FieldSalesError
from fieldapp.services import formatting as fmt
from fieldapp.services.position import Fix
from fieldapp.sync.errors import ConnectionLost
from fieldapp.ui.online import fetch_off_ui
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED


def near_address_line(screen: Screen, fix: Fix) -> ft.Control:
    """Two lines filled off the UI path: the district the position is in (from the packaged
    boundaries, so offline too) and, when the server answers, the nearest known address and how
    far it is."""
    line = ft.Text("", size=13, color=MUTED, visible=False)
    place_line = ft.Text("", size=13, color=MUTED, visible=False)
    svc = screen.phone.geocoding

    def placed(place: Place | None, error: FieldSalesError | None) -> None:
        if place is None:
            return  # outside the packaged boundaries: nothing to add
        place_line.value = screen.t("checkin_place", place=place.text())
        place_line.visible = True
        with screen.shell.ui_lock, contextlib.suppress(RuntimeError):
            place_line.update()

    def done(found: Any, error: FieldSalesError | None) -> None:
        if isinstance(error, ConnectionLost):
            line.value = screen.t("checkin_near_offline")
        elif error is not None:
            return  # not a staff member, or another refusal: nothing to add
        elif found is None:
            line.value = screen.t("checkin_near_none")
        else:
            address, metres = found
            line.value = (
                screen.t("checkin_here_address", address=address)
                if metres < 1
                else screen.t(
                    "checkin_near_address", address=address, d=fmt.distance(metres, screen.lang)
                )
            )
        line.visible = True
        with screen.shell.ui_lock, contextlib.suppress(RuntimeError):  # not on the page any more
            line.update()

    fetch_off_ui(lambda: districts.locate(fix.lat, fix.lng), placed)
    fetch_off_ui(lambda: svc.near(fix), done)
    return ft.Column([place_line, line], spacing=2, tight=True)
