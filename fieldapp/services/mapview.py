"""Customers on the map (地图): clusters per viewport, filters, near me, today's route."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fieldapp.services.device import SignedIn
from fieldapp.store import Store


class MapService:
    """The map of the signed-in user (the helper for issue 7 fills this in)."""

    def __init__(
        self,
        store: Store,
        user: SignedIn,
        now: Callable[[], dt.datetime],
        rpc: Callable[..., Any],
    ) -> None:
        self.store, self.user, self.now, self.rpc = store, user, now, rpc
