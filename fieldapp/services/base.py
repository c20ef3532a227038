"""The base of the services other roles' screens use (plans, approvals, ledgers, the map)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldapp.domain import clock
from fieldapp.services.device import SignedIn
from fieldapp.store import Store


class UserService:
    """A service of the signed-in user: the phone's store, who they are, the phone's clock and
    online calls to the server (``rpc(fn, **args)``, see Phone.rpc), and the device's photos
    folder (None where photos cannot be kept)."""

    def __init__(
        self,
        store: Store,
        user: SignedIn,
        now: Callable[[], dt.datetime],
        rpc: Callable[..., Any],
        photos_dir: Path | None = None,
    ) -> None:
        self.store, self.user, self.now, self.rpc = store, user, now, rpc
        self.photos_dir = photos_dir
        self.setup()

    def setup(self) -> None:
        """The service's own state (caches); called once by the constructor."""

    def today(self) -> dt.date:
        """The company's today on the phone's clock."""
        return clock.today(self.now())

    def taker(self) -> str:
        """Who takes a photo, as its watermark names them."""
        return self.user.full_name or self.user.email
