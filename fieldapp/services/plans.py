"""The rep's weekly visit plans (拜访计划): suggestions, days, route order, submission."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fieldapp.services.device import SignedIn
from fieldapp.store import Store


class PlanService:
    """Planning for the signed-in rep (the helper for issue 8 fills this in)."""

    def __init__(
        self,
        store: Store,
        user: SignedIn,
        now: Callable[[], dt.datetime],
        rpc: Callable[..., Any],
    ) -> None:
        self.store, self.user, self.now, self.rpc = store, user, now, rpc
