"""Customer search held in memory: every customer's search text in name order, as one string.

A search word is found by `str.find` over that string (C speed: a word that matches little
crosses 100,000 outlets' text in a few milliseconds, where SQLite's `instr` walked the rows), and
the hits come in name order, so the first page ends the walk. The index is rebuilt when
`customer_find` has changed (a counter its triggers keep, store migration 0010), so a sync that
touches no customer keeps it.
"""

from __future__ import annotations

import threading
import weakref
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from fieldapp.store import warnings
from fieldapp.store.store import Store

SEP = "\x1e"  # between rows: str.split() splits at it, so no search word holds it


_INDEXES: weakref.WeakKeyDictionary[Store, FindIndex] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def matching_ids(
    store: Store,
    *,
    words: Sequence[str] = (),
    tier: int | None = None,
    grade: str | None = None,
    quadrant: str | None = None,
    warning: bool = False,
    limit: int,
) -> tuple[list[str], bool]:
    """Ids of the first `limit` customers by name whose search text holds every word and that
    pass the filters (with an open warning, when asked), and whether there are more."""
    only = set(warnings.open_counts(store)) if warning else None
    return index_of(store).matching(
        words, tier=tier, grade=grade, quadrant=quadrant, only=only, limit=limit
    )


def index_of(store: Store) -> FindIndex:
    """The store's index, rebuilt first when customer_find has changed since it was made (the
    sync thread calls this after a pull, so the next search finds it ready)."""
    with store.reading() as conn:
        gen = int(conn.execute("select n from customer_find_gen").fetchone()[0])
    with _LOCK:
        index = _INDEXES.get(store)
        if index is None or index.generation != gen:
            index = _INDEXES[store] = FindIndex.load(store)
    return index


@dataclass(frozen=True)
class FindIndex:
    """The customers' search texts, one string, rows in (name, id) order."""

    generation: int
    text: str  # every row's search text followed by SEP
    starts: list[int]  # where each row starts in text, plus the end
    ids: list[str]
    row: dict[str, int]  # id -> row
    tiers: list[int | None]
    grades: list[str | None]
    quadrants: list[str | None]

    @classmethod
    def load(cls, store: Store) -> FindIndex:
        """Read customer_find once (no JSON) and its generation in the same read."""
        with store.reading() as conn:
            gen = int(conn.execute("select n from customer_find_gen").fetchone()[0])
            found = conn.execute(
                "select id, search, tier, grade, quadrant from customer_find order by name, id"
            ).fetchall()
        ids = [r[0] for r in found]
        starts, at = [], 0
        for r in found:
            starts.append(at)
            at += len(r[1]) + 1
        starts.append(at)
        return cls(
            generation=gen,
            text="".join(r[1] + SEP for r in found),
            starts=starts,
            ids=ids,
            row={cid: i for i, cid in enumerate(ids)},
            tiers=[r[2] for r in found],
            grades=[r[3] for r in found],
            quadrants=[r[4] for r in found],
        )

    def _passes(self, i: int, tier: int | None, grade: str | None, quadrant: str | None) -> bool:
        return (
            (tier is None or self.tiers[i] == tier)
            and (not grade or self.grades[i] == grade)
            and (not quadrant or self.quadrants[i] == quadrant)
        )

    def matching(
        self,
        words: Sequence[str],
        *,
        tier: int | None,
        grade: str | None,
        quadrant: str | None,
        only: set[str] | None,
        limit: int,
    ) -> tuple[list[str], bool]:
        """The first `limit` ids in name order whose text holds every word and that pass the
        filters (and are in `only`, when given), and whether there are more."""
        out: list[str] = []
        if only is not None:  # few (customers with open warnings): walk them in name order
            row = self.row
            rows: Iterable[int] = sorted([row[c] for c in only if c in row])
        elif not words:
            rows = range(len(self.ids))
        else:
            rows = self._rows_with(max(words, key=len))
        for i in rows:
            if not self._passes(i, tier, grade, quadrant):
                continue
            if words:
                own = self.text[self.starts[i] : self.starts[i + 1]]
                if not all(w in own for w in words):
                    continue
            out.append(self.ids[i])
            if len(out) > limit:
                break
        return out[:limit], len(out) > limit

    def _rows_with(self, word: str) -> Iterator[int]:
        """Rows whose text holds word, in order, each once."""
        text, starts = self.text, self.starts
        at = text.find(word)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            yield i
            at = text.find(word, starts[i + 1])
