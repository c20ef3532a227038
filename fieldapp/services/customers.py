"""Customers on the phone: search with filters, grouped dealer → sub-distributor → store; cards."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fieldapp.domain import clock, legend
from fieldapp.services.i18n import Msg
from fieldapp.services.orders import order_total
from fieldapp.services.position import Fix, distance_to
from fieldapp.services.warnings import open_warnings, reason
from fieldapp.store import Store, customers, find_index, orders, visits, warnings
from fieldapp.store.customers import Contact, Customer
from fieldapp.store.orders import Order, Product
from fieldapp.store.visits import StockCount, Visit
from fieldapp.store.warnings import Warning

TIERS: dict[int, Msg] = {
    1: Msg("经销商", "Dealer"),
    2: Msg("二批", "Sub-distributor"),
    3: Msg("终端", "Store"),
}
QUADRANTS: dict[str, Msg] = {k: Msg(*v) for k, v in legend.QUADRANTS.items()}
STATUSES: dict[str, Msg] = {
    "prospect": Msg("潜在", "Prospect"),
    "active": Msg("合作中", "Active"),
    "suspended": Msg("暂停", "Suspended"),
    "eliminated": Msg("已淘汰", "Eliminated"),
}
GRADES = ("A", "B", "C", "D")


@dataclass(frozen=True)
class CustomerFilter:
    """What the rep typed and picked on the customers screen."""

    text: str = ""
    tier: int | None = None
    grade: str | None = None
    quadrant: str | None = None
    warning: bool = False


@dataclass(frozen=True)
class CustomerRow:
    """One line of the grouped list: a customer, its depth in the tree, whether it matched."""

    customer: Customer
    depth: int
    matched: bool
    warnings: int
    distance_m: float | None


@dataclass
class SearchResult:
    """The grouped list, how many customers matched (up to the limit) and how long it took."""

    rows: list[CustomerRow]
    matched: int
    more: bool
    ms: float


@dataclass(frozen=True)
class WarningItem:
    """One open warning of the worklist on Today: its customer, its reason, whether overdue."""

    warning: Warning
    customer: Customer | None
    reason: Msg
    overdue: bool


@dataclass
class CustomerCard:
    """Everything the customer card shows."""

    customer: Customer
    parent: Customer | None
    contacts: list[Contact]
    distance_m: float | None
    warnings: list[tuple[Warning, Msg]]
    visits: list[Visit]
    orders: list[tuple[Order, float]]
    stock: list[tuple[StockCount, Product | None]]  # (count, product)
    children: int = 0
    pending: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class CustomerService:
    """Reads customers from the local store (works offline)."""

    def __init__(self, store: Store, now: Callable[[], dt.datetime]) -> None:
        self.store = store
        self.now = now

    def get(self, customer_id: str) -> Customer | None:
        """One customer, or None."""
        return customers.get(self.store, customer_id)

    def search(
        self, flt: CustomerFilter, *, limit: int = 60, here: Fix | None = None
    ) -> SearchResult:
        """Customers matching every word (name, code, phone, address, contact, pinyin initials)
        and the filters, with their dealer and sub-distributor as group headers."""
        started = time.perf_counter()
        ids, more = find_index.matching_ids(
            self.store,
            words=flt.text.lower().split(),
            tier=flt.tier,
            grade=flt.grade,
            quadrant=flt.quadrant,
            warning=flt.warning,
            limit=limit,
        )
        by_id = customers.by_ids(self.store, ids)
        hits = [by_id[i] for i in ids if i in by_id]
        rows = self._grouped(hits, here)
        return SearchResult(rows, len(hits), more, (time.perf_counter() - started) * 1000)

    def prepare_search(self) -> None:
        """Build the search index now if the customers changed (after a sync, off the UI
        thread: 0.4 s for 100,000 outlets, which the next search then does not wait for)."""
        find_index.index_of(self.store)

    def _grouped(self, hits: list[Customer], here: Fix | None) -> list[CustomerRow]:
        """Matched customers under their ancestors: dealer, then sub-distributors, then stores."""
        known = {c["id"]: c for c in hits}
        matched = set(known)
        wanted = {p for c in hits if (p := c.get("parent_id"))} - set(known)
        for _ in range(2):  # at most two levels above a store
            found = customers.by_ids(self.store, sorted(wanted))
            known.update(found)
            wanted = {p for c in found.values() if (p := c.get("parent_id"))} - set(known)
            if not wanted:
                break
        children: dict[str | None, list[Customer]] = {}
        for c in known.values():
            parent = c.get("parent_id")
            children.setdefault(parent if parent in known else None, []).append(c)
        for kids in children.values():
            kids.sort(key=lambda c: (c.get("tier") or 9, c.get("name") or ""))
        counts = warnings.open_counts(self.store, list(known))
        rows: list[CustomerRow] = []

        def walk(parent: str | None, depth: int) -> None:
            for c in children.get(parent, []):
                rows.append(
                    CustomerRow(
                        c, depth, c["id"] in matched, counts.get(c["id"], 0), distance_to(here, c)
                    )
                )
                walk(c["id"], depth + 1)

        walk(None, 0)
        return rows

    def warning_worklist(self) -> list[WarningItem]:
        """The open warnings of the phone's customers, overdue first (past the due day the
        server set, on the company clock), then the most severe and the oldest."""
        today = dt.date.isoformat(clock.today(self.now()))
        items = [
            WarningItem(w, self.get(w["customer_id"]), reason(w), _past(w.get("due_on"), today))
            for w in open_warnings(warnings.open_all(self.store))
        ]
        return sorted(items, key=lambda i: not i.overdue)  # stable: severity order kept

    def card(self, customer_id: str, here: Fix | None = None) -> CustomerCard | None:
        """The customer card: profile, contacts, distance, warnings with reasons, history."""
        c = self.get(customer_id)
        if c is None:
            return None
        store = self.store
        parent_id = c.get("parent_id")
        parent = self.get(parent_id) if parent_id else None
        warned = [(w, reason(w)) for w in open_warnings(warnings.of_customer(store, customer_id))]
        taken = [
            (o, float(order_total(orders.lines(store, o["id"]))))
            for o in orders.of_customer(store, customer_id, limit=5)
        ]
        products = {p["id"]: p for p in orders.products(store)}
        stock = [
            (s, products.get(s.get("product_id", "")))
            for s in visits.stock_of_customer(store, customer_id, limit=12)
        ]
        return CustomerCard(
            customer=c,
            parent=parent,
            contacts=customers.contacts(store, customer_id),
            distance_m=distance_to(here, c),
            warnings=warned,
            visits=visits.of_customer(store, customer_id, limit=5),
            orders=taken,
            stock=stock,
            children=customers.children_count(store, customer_id),
            pending=store.has_pending("customers", customer_id),
        )


def _past(due_on: str | None, today: str) -> bool:
    """Overdue: the due day (ISO) is before today (a warning without one never is)."""
    return bool(due_on) and str(due_on) < today
