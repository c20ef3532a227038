"""Positions on the device: flet-geolocator where there is GPS (phones, browsers), else typed."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any

import flet as ft

from fieldapp.domain import clock
from fieldapp.services.i18n import Msg
from fieldapp.services.position import GPS, Fix

log = logging.getLogger(__name__)
TIMEOUT_S = 12.0


class Locator:
    """Asks the device for a fix; remembers the last one and why the last attempt failed."""

    def __init__(self) -> None:
        self.fix: Fix | None = None
        self.problem: Msg | None = None
        self.busy = False
        self._geo = None
        self._unsupported = False

    def _geolocator(self) -> Any:
        if self._geo is None and not self._unsupported:
            try:
                import flet_geolocator as fg

                self._geo = fg.Geolocator()
            except Exception:  # not bundled in this client
                log.exception("no geolocator")
                self._unsupported = True
        return self._geo

    def attach(self) -> None:
        """Register the geolocator with the page early, so the first fix does not wait for it."""
        self._geolocator()

    async def locate(self) -> Fix | None:
        """A fresh GPS fix, or None with self.problem saying why (no GPS, denied, timeout)."""
        geo = self._geolocator()
        if geo is None:
            self.problem = Msg(
                "这台设备没有 GPS 定位，请手动输入坐标", "This device has no GPS: type the position"
            )
            return None
        self.busy = True
        try:
            import flet_geolocator as fg

            status = await asyncio.wait_for(geo.get_permission_status(), TIMEOUT_S)
            if status in (fg.GeolocatorPermissionStatus.DENIED,):
                status = await asyncio.wait_for(geo.request_permission(), TIMEOUT_S)
            if status in (
                fg.GeolocatorPermissionStatus.DENIED,
                fg.GeolocatorPermissionStatus.DENIED_FOREVER,
            ):
                self.problem = Msg(
                    "没有定位权限：请在设置中允许定位，或手动输入坐标",
                    "No permission to use the location: allow it in settings, or type the position",
                )
                return None
            p = await asyncio.wait_for(geo.get_current_position(), TIMEOUT_S)
        except TimeoutError:
            self.problem = Msg(
                "定位超时，请到开阔处重试或手动输入坐标",
                "Locating timed out: try again in the open, or type the position",
            )
            return None
        except Exception as exc:  # the platform's own error (denied, unsupported, no service)
            self.problem = Msg(
                f"无法获取 GPS 定位（{exc}），可以手动输入坐标",
                f"Could not get a GPS position ({exc}); you can type it",
            )
            return None
        finally:
            self.busy = False
        if p.latitude is None or p.longitude is None:
            self.problem = Msg("定位结果无效", "The position is not valid")
            return None
        at = clock.from_device(p.timestamp) if p.timestamp else clock.system_now()
        accuracy = float(p.accuracy) if p.accuracy is not None else None
        self.fix = Fix(float(p.latitude), float(p.longitude), accuracy, at, GPS)
        self.problem = None
        return self.fix

    def set_manual(self, fix: Fix) -> None:
        """Use a position the user typed."""
        self.fix = fix
        self.problem = None

    def describe(self, lang: str, now: dt.datetime) -> str:
        """One line about the current position."""
        en = lang == "en"
        if self.busy:
            return "Locating…" if en else "正在定位…"
        if self.fix is None:
            if self.problem is not None:
                return self.problem(lang)
            return "No position yet" if en else "尚未定位"
        age = max(0, int(self.fix.age_s(now)))
        if self.fix.source != GPS:
            return "Typed position" if en else "手动输入的位置"
        acc = (
            ""
            if self.fix.accuracy_m is None
            else f" ±{int(self.fix.accuracy_m)} {'m' if en else '米'}"
        )
        when = f"{age} s ago" if en else f"{age} 秒前"
        return f"GPS{acc} · {when}"

    def dialog_fields(self) -> tuple[ft.TextField, ft.TextField]:
        """Two fields for typing a position (prefilled with the last fix)."""
        lat = ft.TextField(
            label="纬度 latitude",
            keyboard_type=ft.KeyboardType.NUMBER,
            value="" if self.fix is None else f"{self.fix.lat:.6f}",
        )
        lng = ft.TextField(
            label="经度 longitude",
            keyboard_type=ft.KeyboardType.NUMBER,
            value="" if self.fix is None else f"{self.fix.lng:.6f}",
        )
        return lat, lng
