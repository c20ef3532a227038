"""Applying the server's answers to a pushed batch: applied, duplicate, conflict, rejected."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fieldapp.store import conflicts, outbox, rows, state
from fieldapp.store.outbox import VERSION_CHECKED, Mutation
from fieldapp.store.schema import PULLED

UNCONFIRMED = 0  # the version of a row whose insert was answered `duplicate` (unknown yet)


@dataclass(frozen=True)
class Answer:
    """The server's answer to one mutation (docs/sync.md, push response)."""

    id: int
    status: str  # applied | duplicate | conflict | rejected
    version: int | None = None
    server: dict[str, Any] | None = None
    sqlstate: str | None = None
    reason: str | None = None


@dataclass
class PushOutcome:
    """What one batch's answers did."""

    applied: int = 0
    duplicate: int = 0
    conflict: int = 0
    rejected: int = 0
    unanswered: int = 0
    # duplicates of version-checked rows with later edits queued: their base is unknown until a
    # pull shows the row (see settle)
    uncertain: list[Mutation] = field(default_factory=list)

    @property
    def answered(self) -> int:
        """Mutations the server answered."""
        return self.applied + self.duplicate + self.conflict + self.rejected


def _acknowledge(conn: sqlite3.Connection, m: Mutation, version: int | None) -> None:
    """The server has m: fold it into the row's base."""
    row = rows.get(conn, m.table, m.row_id) if m.table in PULLED else None
    outbox.remove(conn, [m.id])
    if version is not None:
        outbox.carry_version(conn, m, version)
    if row is None:
        return
    new_version = version if version is not None else (row.version or UNCONFIRMED)
    base = row.server_base()
    if m.op == "delete":
        new_base = None
    else:
        new_base = {**(base or {}), **(m.patch if isinstance(m.patch, dict) else {})}
        new_base["version"] = new_version
    rows.rebase(conn, m.table, m.row_id, new_base, new_version)


def _undo(
    conn: sqlite3.Connection, m: Mutation, server: dict[str, Any] | None, row: rows.Row | None
) -> None:
    """The server refused m: the row rests on the server's row (given or known) without m."""
    outbox.remove(conn, [m.id])
    if row is None:
        return
    if server is not None:
        rows.rebase(conn, m.table, m.row_id, server, server.get("version"))
    elif row.version == UNCONFIRMED:  # the server never had it after all
        rows.rebase(conn, m.table, m.row_id, None, None)
    else:
        rows.rebase(conn, m.table, m.row_id, row.server_base(), row.version)


def _duplicate(conn: sqlite3.Connection, m: Mutation, out: PushOutcome) -> None:
    """m was processed before and its answer lost: assume applied, and check what is unknown."""
    row = rows.get(conn, m.table, m.row_id) if m.table in PULLED else None
    later = [p for p in outbox.pending_for(conn, m.table, m.row_id) if p.id > m.id]
    if (
        m.base_version is not None
        and m.table in VERSION_CHECKED
        and any(p.base_version == m.base_version for p in later)
    ):
        out.uncertain.append(m)
    _acknowledge(conn, m, None)
    if row is not None and row.version is None and m.op == "upsert" and not later:
        # An insert whose answer was lost may have been refused. Ask: an upsert of the id alone
        # changes nothing when the server has the row, and is refused when it does not.
        outbox.append(conn, m.table, m.row_id, "upsert", {"id": m.row_id}, None)


def apply(
    conn: sqlite3.Connection,
    batch: Sequence[Mutation],
    answers: Mapping[int, Answer],
    last_mutation_id: int,
) -> PushOutcome:
    """Apply the answers to a batch in mutation order (inside the caller's transaction)."""
    out = PushOutcome()
    for m in batch:
        a = answers.get(m.id)
        if a is None and m.id <= last_mutation_id:
            a = Answer(m.id, "duplicate")  # processed earlier; its answer was lost
        if a is None:
            out.unanswered += 1
            continue
        if a.status == "applied":
            _acknowledge(conn, m, a.version)
            out.applied += 1
        elif a.status == "duplicate":
            _duplicate(conn, m, out)
            out.duplicate += 1
        else:
            row = rows.get(conn, m.table, m.row_id) if m.table in PULLED else None
            local = row.data if row is not None and m.patch == {"id": m.row_id} else m.patch
            conflicts.record(
                conn,
                m,
                "conflict" if a.status == "conflict" else "rejected",
                sqlstate=a.sqlstate,
                reason=a.reason,
                server_row=a.server,
                local_patch=local,
            )
            _undo(conn, m, a.server if a.status == "conflict" else None, row)
            if a.status == "conflict":
                out.conflict += 1
            else:
                out.rejected += 1
    state.put(conn, acked=last_mutation_id)
    return out


def _same(local: Any, server: Any) -> bool:
    if local == server:
        return True
    try:  # 36 vs "36.00", 31.2 vs 31.200000
        return float(local) == float(server)
    except (TypeError, ValueError):
        return False


def settle(conn: sqlite3.Connection, uncertain: Sequence[Mutation]) -> list[Mutation]:
    """After a pull: carry the version of duplicates whose effect is now visible.

    A duplicate's version is unknown. When the pulled row is exactly one version past the
    duplicate's base and holds the duplicate's values, that one change was the duplicate, so the
    edits queued after it start from the pulled version. When the row moved on further, the later
    edits stay on the old base and the server reports a conflict, which the user sees: nothing is
    overwritten unseen. Returns the duplicates whose row still shows the old base (a pull that
    has not reached the duplicate's transaction yet, or a duplicate that changed nothing).
    """
    unseen = []
    for m in uncertain:
        row = rows.get(conn, m.table, m.row_id)
        base = row.server_base() if row else None
        if base is None or row is None or not isinstance(m.patch, dict):
            continue
        if not row.version or row.version == m.base_version:
            unseen.append(m)
        elif row.version == (m.base_version or 0) + 1 and all(
            _same(v, base.get(k)) for k, v in m.patch.items()
        ):
            outbox.carry_version(conn, m, row.version)
    return unseen
