"""Dealer ledgers (台账), monthly plans and contracts (合同), read and written online."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fieldapp.services.device import SignedIn
from fieldapp.store import Store


class LedgerService:
    """Ledgers and contracts for managers (the helper for issue 9 fills this in)."""

    def __init__(
        self,
        store: Store,
        user: SignedIn,
        now: Callable[[], dt.datetime],
        rpc: Callable[..., Any],
    ) -> None:
        self.store, self.user, self.now, self.rpc = store, user, now, rpc
