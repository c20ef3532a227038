"""Customers on the phone: search with filters, grouped dealer → sub-distributor → store; cards."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from fieldapp.domain import legend
from fieldapp.services.i18n import Msg
from fieldapp.services.orders import order_total
from fieldapp.services.position import Fix, distance_to
from fieldapp.services.warnings import open_warnings, reason
from fieldapp.store import Store

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
FEW_MATCHES = 400  # up to this many matches are sorted in Python (see _matching_ids)
_OPEN_WARNINGS = "select customer_id from warnings where deleted = 0 and status <> 'resolved'"


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

    customer: dict[str, Any]
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


@dataclass
class CustomerCard:
    """Everything the customer card shows."""

    customer: dict[str, Any]
    parent: dict[str, Any] | None
    contacts: list[dict[str, Any]]
    distance_m: float | None
    warnings: list[tuple[dict[str, Any], Msg]]
    visits: list[dict[str, Any]]
    orders: list[tuple[dict[str, Any], float]]
    stock: list[tuple[dict[str, Any], dict[str, Any] | None]]  # (count, product)
    children: int = 0
    pending: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _placeholders(n: int) -> str:
    return ", ".join("?" * n)


class CustomerService:
    """Reads customers from the local store (works offline)."""

    def __init__(self, store: Store, now: Callable[[], dt.datetime]) -> None:
        self.store = store
        self.now = now

    def get(self, customer_id: str) -> dict[str, Any] | None:
        """One customer, or None."""
        return self.store.get("customers", customer_id)

    def search(
        self, flt: CustomerFilter, *, limit: int = 60, here: Fix | None = None
    ) -> SearchResult:
        """Customers matching every word (name, code, phone, address, contact, pinyin initials)
        and the filters, with their dealer and sub-distributor as group headers."""
        started = time.perf_counter()
        ids, more = self._matching_ids(flt, limit)
        by_id = self._by_ids(ids)
        hits = [by_id[i] for i in ids if i in by_id]
        rows = self._grouped(hits, here)
        return SearchResult(rows, len(hits), more, (time.perf_counter() - started) * 1000)

    def _matching_ids(self, flt: CustomerFilter, limit: int) -> tuple[list[str], bool]:
        """The first `limit` matches by name, and whether there are more.

        A plain scan stops after FEW_MATCHES + 1 matches; when fewer match, they are sorted
        here. When many match, walking the name index finds the first ones at once. (Sorting
        thousands of matches by a JSON field costs ~40 ms on 20,000 outlets; walking the index
        for a rare match costs ~30 ms: each way is fast only for one of the cases.)
        """
        where, params = self._where(flt)
        cond = " and ".join(where)
        with self.store.reading() as conn:
            found = conn.execute(
                f"select id, name from customers where deleted = 0 and {cond} limit ?",
                [*params, FEW_MATCHES + 1],
            ).fetchall()
            if len(found) > FEW_MATCHES:
                found = conn.execute(
                    f"select id, name from customers where deleted = 0 and {cond}"
                    " order by name limit ?",
                    [*params, limit + 1],
                ).fetchall()
        found.sort(key=lambda r: (r[1] or "", r[0]))
        return [r[0] for r in found[:limit]], len(found) > limit

    @staticmethod
    def _where(flt: CustomerFilter) -> tuple[list[str], list[Any]]:
        where: list[str] = ["1 = 1"]
        params: list[Any] = []
        for word in flt.text.lower().split():
            where.append("search like ? escape '\\'")
            params.append(_like(word))
        if flt.tier is not None:
            where.append("tier = ?")
            params.append(flt.tier)
        if flt.grade:
            where.append("grade = ?")
            params.append(flt.grade)
        if flt.quadrant:
            where.append("quadrant = ?")
            params.append(flt.quadrant)
        if flt.warning:
            where.append(f"id in ({_OPEN_WARNINGS})")
        return where, params

    def _by_ids(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        if not ids:
            return {}
        rows = self.store.query("customers", f"id in ({_placeholders(len(ids))})", list(ids))
        return {r["id"]: r for r in rows}

    def _grouped(self, hits: list[dict[str, Any]], here: Fix | None) -> list[CustomerRow]:
        """Matched customers under their ancestors: dealer, then sub-distributors, then stores."""
        known = {c["id"]: c for c in hits}
        matched = set(known)
        wanted = {c.get("parent_id") for c in hits} - set(known) - {None}
        for _ in range(2):  # at most two levels above a store
            found = self._by_ids(sorted(wanted))  # type: ignore[arg-type]
            known.update(found)
            wanted = {c.get("parent_id") for c in found.values()} - set(known) - {None}
            if not wanted:
                break
        children: dict[str | None, list[dict[str, Any]]] = {}
        for c in known.values():
            parent = c.get("parent_id")
            children.setdefault(parent if parent in known else None, []).append(c)
        for kids in children.values():
            kids.sort(key=lambda c: (c.get("tier") or 9, c.get("name") or ""))
        counts = self._warning_counts(list(known))
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

    def _warning_counts(self, ids: list[str]) -> dict[str, int]:
        if not ids:
            return {}
        with self.store.reading() as c:
            found = c.execute(
                "select customer_id, count(*) from warnings where deleted = 0"
                f" and status <> 'resolved' and customer_id in ({_placeholders(len(ids))})"
                " group by customer_id",
                ids,
            ).fetchall()
        return dict(found)

    def card(self, customer_id: str, here: Fix | None = None) -> CustomerCard | None:
        """The customer card: profile, contacts, distance, warnings with reasons, history."""
        c = self.get(customer_id)
        if c is None:
            return None
        store = self.store
        parent = self.get(c["parent_id"]) if c.get("parent_id") else None
        contacts = store.query("customer_contacts", "customer_id = ?", [customer_id], order="name")
        warnings = [
            (w, reason(w))
            for w in open_warnings(store.query("warnings", "customer_id = ?", [customer_id]))
        ]
        visits = store.query(
            "visits", "customer_id = ?", [customer_id], order="checkin_at desc", limit=5
        )
        orders = []
        for o in store.query(
            "orders", "customer_id = ?", [customer_id], order="ordered_on desc", limit=5
        ):
            lines = store.query("order_lines", "order_id = ?", [o["id"]])
            orders.append((o, float(order_total(lines))))
        products = {p["id"]: p for p in store.query("products")}
        stock = [
            (s, products.get(s.get("product_id", "")))
            for s in store.query(
                "stock_counts", "customer_id = ?", [customer_id], order="counted_at desc", limit=12
            )
        ]
        with store.reading() as conn:
            kids = conn.execute(
                "select count(*) from customers where deleted = 0 and parent_id = ?", (customer_id,)
            ).fetchone()[0]
        return CustomerCard(
            customer=c,
            parent=parent,
            contacts=contacts,
            distance_m=distance_to(here, c),
            warnings=warnings,
            visits=visits,
            orders=orders,
            stock=stock,
            children=int(kids),
            pending=store.has_pending("customers", customer_id),
        )
