"""Small hand-made histories for the warning tests, loaded through the one importer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from uuid import UUID

import pandas as pd
import psycopg

from backend.importer import import_frames

D = dt.date(2026, 11, 27)
REP = "rep@example.cn"


def day(text: str) -> dt.date:
    """A date from YYYY-MM-DD."""
    return dt.date.fromisoformat(text)


class World:
    """Builds workbook frames row by row; `load` imports them and returns customer ids by code."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {
            "areas": [{"code": "A1", "name": "测试区"}],
            "users": [
                {"email": "boss@example.cn", "full_name": "王总", "role": "manager"},
                {"email": REP, "full_name": "李明", "role": "rep", "area_code": "A1"},
            ],
            "products": [
                {
                    "sku": "P1",
                    "name": "冰红茶",
                    "brand": "清泉",
                    "spec": "500ml×15",
                    "unit_price": 1,
                }
            ],
            "customers": [],
        }
        self._n = 0

    def _add(self, sheet: str, row: dict[str, Any]) -> None:
        self.rows.setdefault(sheet, []).append(row)

    def _ref(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}{self._n:05d}"

    def customer(self, code: str, *, tier: int = 1, parent: str | None = None, **kw: Any) -> World:
        """A customer owned by the rep (tier 1 unless told; lower tiers need a parent). The credit
        limit is ten million unless told, so that only the credit tests see credit warnings."""
        kw.setdefault("credit_limit", 10_000_000)
        self._add(
            "customers",
            {
                "code": code,
                "name": f"客户{code}",
                "tier": tier,
                "parent_code": parent,
                "owner_email": REP,
                "area_code": "A1",
                **kw,
            },
        )
        return self

    def ship(self, code: str, on: dt.date, amount: float, *, seller: str | None = None) -> World:
        """One shipment line of the given amount to the customer."""
        self._add(
            "shipments",
            {
                "doc_no": self._ref("SO"),
                "line_no": 1,
                "customer_code": code,
                "seller_code": seller,
                "sku": "P1",
                "shipped_on": on,
                "quantity": 1,
                "unit_price": amount,
                "amount": amount,
            },
        )
        return self

    def ships(self, code: str, days: Iterable[dt.date], amount: float = 100) -> World:
        """Several shipments of the same amount."""
        for d in days:
            self.ship(code, d, amount)
        return self

    def pay(self, code: str, on: dt.date, amount: float) -> World:
        """A payment from the customer."""
        self._add(
            "payments",
            {"reference": self._ref("PAY"), "customer_code": code, "paid_on": on, "amount": amount},
        )
        return self

    def ret(
        self,
        code: str,
        on: dt.date,
        amount: float,
        *,
        kind: str = "return",
        status: str = "accepted",
    ) -> World:
        """A return or credit note decided on the given date."""
        self._add(
            "returns",
            {
                "reference": self._ref("RT"),
                "customer_code": code,
                "kind": kind,
                "amount": amount,
                "status": status,
                "requested_on": on - dt.timedelta(days=1),
                "decided_on": None if status == "requested" else on,
            },
        )
        return self

    def plan(self, code: str, month: dt.date, amount: float) -> World:
        """The monthly plan amount (one SKU)."""
        self._add(
            "plans",
            {"customer_code": code, "sku": "P1", "month": month, "quantity": 1, "amount": amount},
        )
        return self

    def expense(self, code: str, on: dt.date, amount: float) -> World:
        """A sales expense."""
        self._add(
            "expenses",
            {
                "reference": self._ref("EX"),
                "customer_code": code,
                "spent_on": on,
                "category": "promotion",
                "amount": amount,
            },
        )
        return self

    def budget(self, code: str, start: dt.date, end: dt.date, amount: float) -> World:
        """An expense budget for a period."""
        self._add(
            "budgets",
            {"customer_code": code, "period_start": start, "period_end": end, "amount": amount},
        )
        return self

    def incident(self, code: str, on: dt.date, kind: str = "theft") -> World:
        """An incident reported by the rep."""
        self._add(
            "incidents",
            {
                "customer_code": code,
                "occurred_on": on,
                "kind": kind,
                "description": f"{kind} 情况说明",
                "reporter_email": REP,
            },
        )
        return self

    def evaluation(self, code: str, on: dt.date, score: int = 4, **indicators: int) -> World:
        """A scorecard with every indicator at `score` unless given."""
        names = [
            "enthusiasm",
            "flexibility",
            "distribution_capacity",
            "capital_strength",
            "hot_brands",
            "logistics",
            "credit",
            "social_relations",
            "sales_management",
            "network",
            "promotion_ability",
            "after_sales",
            "relationship",
        ]
        self._add(
            "evaluations",
            {"customer_code": code, "evaluated_on": on, **{n: score for n in names}, **indicators},
        )
        return self

    def frames(self) -> dict[str, pd.DataFrame]:
        """The sheets as frames."""
        return {name: pd.DataFrame(rows) for name, rows in self.rows.items() if rows}

    def load(self, conn: psycopg.Connection) -> dict[str, UUID]:
        """Import everything; customer ids by code."""
        import_frames(conn, self.frames(), evaluate=False)
        return {code: cid for code, cid in conn.execute("select code, id from public.customers")}


def evaluate(conn: psycopg.Connection, as_of: dt.date = D) -> list[dict[str, Any]]:
    """Run evaluate_warnings; the changes as dicts with the customer's code."""
    rows = conn.execute(
        "select e.action, c.code, e.kind, e.cause_key, e.severity, e.status, e.figures,"
        " e.resolution, e.warning_id from public.evaluate_warnings(%s) e"
        " join public.customers c on c.id = e.customer_id order by c.code, e.kind, e.cause_key",
        (as_of,),
    ).fetchall()
    keys = (
        "action",
        "code",
        "kind",
        "cause_key",
        "severity",
        "status",
        "figures",
        "resolution",
        "id",
    )
    return [dict(zip(keys, r, strict=True)) for r in rows]


def open_warnings(conn: psycopg.Connection) -> list[dict[str, Any]]:
    """The warnings that are not resolved, with the customer's code."""
    rows = conn.execute(
        "select c.code, w.kind, w.cause_key, w.severity, w.status, w.figures, w.owner_id"
        " from public.warnings w join public.customers c on c.id = w.customer_id"
        " where w.status <> 'resolved' order by c.code, w.kind, w.cause_key"
    ).fetchall()
    keys = ("code", "kind", "cause_key", "severity", "status", "figures", "owner_id")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def kinds(conn: psycopg.Connection, code: str) -> set[str]:
    """The kinds of the customer's open warnings."""
    return {w["kind"] for w in open_warnings(conn) if w["code"] == code}
