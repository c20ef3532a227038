"""Checking the server's answers against docs/sync.md before anything is stored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fieldapp.store.answers import Answer
from fieldapp.sync.errors import ProtocolError

STATUSES = {"applied", "duplicate", "conflict", "rejected"}


@dataclass(frozen=True)
class Page:
    """One pulled page."""

    cursor: int
    after: str | None
    has_more: bool
    epoch: int | None
    changes: dict[str, list[dict[str, Any]]]
    revoked: list[tuple[str, str]]

    @property
    def size(self) -> int:
        """Rows and revocations in the page."""
        return sum(len(v) for v in self.changes.values()) + len(self.revoked)


def _bad(what: str) -> ProtocolError:
    return ProtocolError(
        f"服务器返回的数据格式不对（{what}）", f"malformed answer from the server: {what}"
    )


def _int(value: Any, what: str, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad(what)
    return value


def parse_page(raw: Any) -> Page:
    """A sync_pull answer as a Page; ProtocolError when it is not one."""
    if not isinstance(raw, dict):
        raise _bad("page")
    cursor = _int(raw.get("cursor"), "cursor")
    epoch = _int(raw.get("epoch"), "epoch", optional=True)
    after = raw.get("after")
    if after is not None and not isinstance(after, str):
        raise _bad("after")
    changes = raw.get("changes") or {}
    if not isinstance(changes, dict):
        raise _bad("changes")
    for table, rows in changes.items():
        if not isinstance(rows, list) or not all(
            isinstance(r, dict) and r.get("id") is not None for r in rows
        ):
            raise _bad(f"changes.{table}")
    revoked = []
    for r in raw.get("revoked") or []:
        if not isinstance(r, dict) or not isinstance(r.get("table"), str) or r.get("id") is None:
            raise _bad("revoked")
        revoked.append((r["table"], str(r["id"])))
    return Page(
        cursor=cursor or 0,
        after=after,
        has_more=bool(raw.get("has_more")),
        epoch=epoch,
        changes=changes,
        revoked=revoked,
    )


def parse_push(raw: Any) -> tuple[int, dict[int, Answer]]:
    """A sync_push answer as (last_mutation_id, answers by mutation id)."""
    if not isinstance(raw, dict):
        raise _bad("push")
    last = _int(raw.get("last_mutation_id"), "last_mutation_id") or 0
    results = raw.get("results")
    if not isinstance(results, list):
        raise _bad("results")
    answers: dict[int, Answer] = {}
    for r in results:
        if not isinstance(r, dict) or r.get("status") not in STATUSES:
            raise _bad("results[].status")
        mid = _int(r.get("id"), "results[].id") or 0
        server = r.get("server")
        answers[mid] = Answer(
            id=mid,
            status=r["status"],
            version=_int(r.get("version"), "results[].version", optional=True),
            server=server if isinstance(server, dict) else None,
            sqlstate=r.get("sqlstate"),
            reason=r.get("reason"),
        )
    return last, answers
