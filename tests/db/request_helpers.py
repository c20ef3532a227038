"""Helpers for the after-sales request tests: deliveries made the service side's way, requests
raised as PostgREST inserts them, and what a request left behind (its case, lines, history)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import psycopg

from tests.db.access_world import World
from tests.postgrest import request

TODAY = "2026-12-10"  # the company's frozen today in these tests


def freeze(conn: psycopg.Connection, day: str = TODAY) -> None:
    """Freeze the company clock of this session at 10:00 on the day (Asia/Shanghai)."""
    conn.execute("select set_config('fieldsales.now', %s, false)", (f"{day}T10:00:00+08:00",))


def deliver(
    conn: psycopg.Connection,
    world: World,
    doc: str,
    quantities: list[int],
    *,
    shipped_on: str,
    customer: str = "D_SH",
    unit_price: int = 36,
) -> list[str]:
    """A delivery from the manufacturer (service side); the ids of its lines in order."""
    return [
        str(
            conn.execute(
                "insert into shipments (doc_no, line_no, customer_id, product_id, shipped_on,"
                " quantity, unit_price, amount) values (%s, %s, %s, %s, %s, %s, %s, %s)"
                " returning id",
                (
                    doc,
                    n,
                    world.ids[customer],
                    world.ids["product"],
                    shipped_on,
                    q,
                    unit_price,
                    q * unit_price,
                ),
            ).fetchone()[0]
        )
        for n, q in enumerate(quantities, start=1)
    ]


def raise_request(
    conn: psycopg.Connection,
    world: World,
    kind: str,
    lines: list[dict[str, Any]] | Any,
    *,
    persona: str = "dealer",
    doc_no: str | None = None,
    reason: str = "包装破损，要求处理",
    **extra: Any,
) -> dict[str, Any]:
    """Insert a request as the persona would (PostgREST insert); the stored row."""
    row = {
        "id": str(uuid.uuid4()),
        "kind": kind,
        "doc_no": doc_no,
        "lines": json.dumps(lines),
        "reason": reason,
        **extra,
    }
    cols = ", ".join(row)
    marks = ", ".join(["%s"] * len(row))
    with request(conn, world.claims(persona), commit=True) as cur:
        cur.execute(
            f"insert into case_requests ({cols}) values ({marks}) returning to_jsonb(case_requests)",
            list(row.values()),
        )
        return cur.fetchone()["to_jsonb"]


def photo_of(
    conn: psycopg.Connection,
    world: World,
    *,
    persona: str = "dealer",
    customer: str = "D_SH",
    kind: str = "damage",
) -> str:
    """A photo row about the customer, inserted by the persona as its phone's push would."""
    photo = str(uuid.uuid4())
    with request(conn, world.claims(persona), commit=True) as cur:
        cur.execute(
            "insert into photos (id, customer_id, kind, storage_path, taken_at, taken_by)"
            " values (%s, %s, %s, %s, now(), %s)",
            (photo, world.ids[customer], kind, f"customers/{photo}.jpg", world.users[persona]),
        )
    return photo


def case_of(conn: psycopg.Connection, case_id: str) -> dict[str, Any]:
    return conn.execute("select to_jsonb(c) from cases c where id = %s", (case_id,)).fetchone()[0]


def events_of(conn: psycopg.Connection, case_id: str) -> list[tuple[Any, ...]]:
    return conn.execute(
        "select action, step, from_status, to_status, note, actor_id::text from case_events"
        " where case_id = %s order by at, created_at",
        (case_id,),
    ).fetchall()


def counts(conn: psycopg.Connection) -> tuple[int, ...]:
    """How many requests, cases, case lines, events and returns there are (nothing written?)."""
    return tuple(
        conn.execute(f"select count(*) from {t}").fetchone()[0]
        for t in ("case_requests", "cases", "case_lines", "case_events", "returns")
    )


def balance(conn: psycopg.Connection, world: World, customer: str = "D_SH") -> Any:
    """The receivable balance as of today, by the one definition (private.balances)."""
    row = conn.execute(
        "select balance from private.balances(private.company_today(), array[%s]::uuid[])",
        (world.ids[customer],),
    ).fetchone()
    return row[0] if row else 0
