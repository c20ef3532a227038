"""Run SQL the way PostgREST runs one request: one transaction, the role and JWT claims set
locally, named arguments for RPC, read-only for GET-like calls. All access tests go through it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row


def claims_for(user_id: str | None, email: str | None = None) -> dict[str, Any] | None:
    """The JWT claims PostgREST would set for a signed-in user (None: anonymous)."""
    if user_id is None:
        return None
    return {"sub": str(user_id), "role": "authenticated", "email": email, "aud": "authenticated"}


@contextmanager
def request(
    conn: psycopg.Connection,
    claims: dict[str, Any] | None,
    *,
    read_only: bool = False,
    commit: bool = False,
) -> Iterator[psycopg.Cursor]:
    """One request's transaction: role and claims set locally; rolled back unless commit."""
    role = (claims or {}).get("role", "anon")
    with conn.transaction(force_rollback=not commit), conn.cursor(row_factory=dict_row) as cur:
        if read_only:
            cur.execute("set transaction read only")
        cur.execute("select set_config('role', %s, true)", (role,))
        cur.execute(
            "select set_config('request.jwt.claims', %s, true)",
            (json.dumps(claims or {"role": "anon"}),),
        )
        yield cur


def rpc(
    conn: psycopg.Connection,
    fn: str,
    args: dict[str, Any],
    claims: dict[str, Any] | None,
    *,
    read_only: bool = False,
    commit: bool = True,
) -> Any:
    """POST /rpc/<fn>: call a public function with named arguments; returns its JSON-able result."""
    call = sql.SQL("select to_jsonb(r) as result from public.{fn}({args}) r").format(
        fn=sql.Identifier(fn),
        args=sql.SQL(", ").join(sql.SQL("{} => %s").format(sql.Identifier(k)) for k in args),
    )
    with request(conn, claims, read_only=read_only, commit=commit) as cur:
        cur.execute(call, list(args.values()))
        row = cur.fetchone()
    result = row["result"] if row else None
    # a scalar function's row is {"fn": value}; a composite one is the row itself
    if isinstance(result, dict) and list(result) == [fn]:
        return result[fn]
    return result


def rpc_rows(
    conn: psycopg.Connection, fn: str, args: dict[str, Any], claims: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """POST /rpc/<fn> of a set-returning function: every row, as PostgREST's JSON array."""
    call = sql.SQL(
        "select coalesce(jsonb_agg(to_jsonb(r)), '[]') as result from public.{fn}({args}) r"
    )
    call = call.format(
        fn=sql.Identifier(fn),
        args=sql.SQL(", ").join(sql.SQL("{} => %s").format(sql.Identifier(k)) for k in args),
    )
    with request(conn, claims, read_only=True) as cur:
        cur.execute(call, list(args.values()))
        return list(cur.fetchone()["result"])
