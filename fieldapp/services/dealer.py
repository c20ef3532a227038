"""The dealer's own side of the app (经销商): its account, read online from the server."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fieldapp.services.base import UserService
from fieldapp.services.ledger import server_numbers
from fieldapp.store import deliveries as deliveries_repo
from fieldapp.store import preferences

COMPANY_PREF = "dealer.customer_id"  # the dealer's own company, remembered for offline


class DealerService(UserService):
    """What a dealer reads about itself: everything through the server's RPC functions."""

    def account(self, as_of: dt.date | None = None) -> dict[str, Any] | None:
        """The dealer's balance against its credit limit, month and year plan progress, payments,
        contract and open credit warnings (public.dealer_account); None when there is no row."""
        rows = self.rpc("dealer_account", p_as_of=(as_of or self.today()).isoformat()) or []
        if not rows:
            return None
        row = server_numbers(rows[0])
        if row.get("customer_id"):
            preferences.put(self.store, COMPANY_PREF, str(row["customer_id"]))
        row["credit_warnings"] = list(row.get("credit_warnings") or [])
        return row

    def company_id(self) -> str | None:
        """The dealer's own company (customer id) as this phone knows it: from the last account
        read online, else from its deliveries; None before either."""
        known = preferences.get(self.store, COMPANY_PREF)
        if known:
            return str(known)
        lines = deliveries_repo.manufacturer_lines(self.store)
        return str(lines[0]["customer_id"]) if lines else None
