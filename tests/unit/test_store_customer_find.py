"""customer_find (what search and the map read) follows every write to customers exactly."""

from __future__ import annotations

import random
from typing import Any

from fieldapp.store import Store, customers, find_index
from fieldapp.store.search import search_text


def row(cid: str, name: str | None, **more: Any) -> dict[str, Any]:
    return {"id": cid, "version": 1, "code": cid.upper(), "name": name, "tier": 3, **more}


def page(store: Store, cursor: int, rows: list[dict[str, Any]], revoked: Any = ()) -> None:
    store.apply_page(
        cursor=cursor, after=None, epoch=1, revoked=list(revoked), changes={"customers": rows}
    )


def find(store: Store) -> list[tuple[Any, ...]]:
    with store.reading() as c:
        return c.execute("select * from customer_find order by id").fetchall()


def expected(store: Store) -> list[tuple[Any, ...]]:
    """What the table must hold: every visible customer, read from its JSON."""
    with store.reading() as c:
        return c.execute(
            "select coalesce(name, ''), id, search, tier, grade, quadrant, owner_id, lat, lng"
            " from customers where deleted = 0 order by id"
        ).fetchall()


def test_pull_local_edit_local_delete_and_revoke_keep_it_exact() -> None:
    store = Store.open()
    page(store, 1, [row("a", "甲店", lat=31.2, lng=121.4, grade="A"), row("b", None)])
    assert find(store) == expected(store) and len(find(store)) == 2
    store.write("customers", {"id": "a", "name": "乙店", "quadrant": "core"})  # renamed locally
    page(store, 2, [row("c", "丙店", lat=30.0, lng=120.0, owner_id="u1")])
    assert find(store) == expected(store) and len(find(store)) == 3
    store.delete("customers", "c")  # hidden at once, pending for the server
    assert [r[1] for r in find(store)] == ["a", "b"] and find(store) == expected(store)
    page(store, 3, [], revoked=[("customers", "b")])
    assert find(store) == expected(store)
    assert search_text({"name": "乙店", "code": "A"}) == find(store)[0][2]


def test_search_pages_in_name_order_and_says_when_there_are_more() -> None:
    store = Store.open()
    page(store, 1, [row(f"id{i:02d}", f"店{(37 * i) % 50:02d}", phone="1851") for i in range(50)])
    ids, more = find_index.matching_ids(store, words=["1851"], limit=20)
    names = [customers.get(store, i)["name"] for i in ids]  # type: ignore[index]
    assert names == sorted(names) and len(ids) == 20 and more
    fours, more = find_index.matching_ids(store, words=["店4", "1851"], limit=20)
    assert [customers.get(store, i)["name"] for i in fours] == [f"店4{d}" for d in range(10)]
    assert not more
    assert find_index.matching_ids(store, words=["%"], limit=20) == ([], False)


def reference(store: Store, words: list[str], limit: int, **flt: Any) -> tuple[list[str], bool]:
    """The search by definition: every visible customer in (name, id) order, filtered."""
    with store.reading() as c:
        rows = c.execute(
            "select id, search, tier, grade, quadrant from customer_find order by name, id"
        ).fetchall()
        warned = {
            r[0]
            for r in c.execute(
                "select customer_id from warnings where deleted = 0 and status <> 'resolved'"
            )
        }
    hits = [
        r[0]
        for r in rows
        if all(w in r[1] for w in words)
        and (flt.get("tier") is None or r[2] == flt["tier"])
        and (not flt.get("grade") or r[3] == flt["grade"])
        and (not flt.get("quadrant") or r[4] == flt["quadrant"])
        and (not flt.get("warning") or r[0] in warned)
    ]
    return hits[:limit], len(hits) > limit


def test_the_index_answers_as_the_definition_for_random_queries() -> None:

    rnd = random.Random(7)
    store = Store.open()
    syllables = ["上海", "超市", "便利", "粮油", "店", "浦东", "1851", "r12", "路"]
    rows = [
        row(
            f"id{i:03d}",
            "".join(rnd.choice(syllables) for _ in range(rnd.randint(1, 3))),
            phone=f"1{rnd.randint(3, 9)}{rnd.randint(10**8, 10**9 - 1)}",
            tier=rnd.choice([1, 2, 3]),
            grade=rnd.choice(["A", "B", "C", None]),
            quadrant=rnd.choice(["core", "cultivate", None]),
        )
        for i in range(300)
    ]
    page(store, 1, rows)
    warned = [
        {"id": f"w{i}", "version": 1, "customer_id": f"id{i * 7:03d}", "status": "open"}
        for i in range(30)
    ]
    store.apply_page(cursor=2, after=None, epoch=1, revoked=[], changes={"warnings": warned})
    for _ in range(300):
        words = rnd.sample([*syllables, "sh", "不存在"], rnd.randint(0, 2))
        flt = {
            "tier": rnd.choice([None, 1, 3]),
            "grade": rnd.choice([None, "", "A"]),
            "quadrant": rnd.choice([None, "core"]),
            "warning": rnd.random() < 0.2,
        }
        limit = rnd.choice([1, 5, 60])
        got = find_index.matching_ids(store, words=words, limit=limit, **flt)
        assert got == reference(store, words, limit, **flt), (words, flt, limit)


def test_the_index_follows_customer_writes_and_outlives_other_pages() -> None:
    store = Store.open()
    page(store, 1, [row("a", "甲店"), row("b", "乙店")])
    assert find_index.matching_ids(store, words=["甲"], limit=5) == (["a"], False)
    before = find_index._INDEXES[store]
    store.apply_page(cursor=2, after=None, epoch=1, revoked=[], changes={"warnings": []})
    find_index.matching_ids(store, words=["甲"], limit=5)
    assert find_index._INDEXES[store] is before  # no customer changed: not rebuilt
    store.write("customers", {"id": "a", "name": "丙店"})  # renamed on the phone
    assert find_index.matching_ids(store, words=["甲"], limit=5) == ([], False)
    assert find_index.matching_ids(store, words=["丙"], limit=5) == (["a"], False)
    store.delete("customers", "b")
    assert find_index.matching_ids(store, words=["店"], limit=5) == (["a"], False)
