"""customer_find (what search and the map read) follows every write to customers exactly."""

from __future__ import annotations

from typing import Any

from fieldapp.store import Store, customers
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
    ids, more = customers.matching_ids(store, words=["1851"], limit=20)
    names = [customers.get(store, i)["name"] for i in ids]  # type: ignore[index]
    assert names == sorted(names) and len(ids) == 20 and more
    fours, more = customers.matching_ids(store, words=["店4", "1851"], limit=20)
    assert [customers.get(store, i)["name"] for i in fours] == [f"店4{d}" for d in range(10)]
    assert not more
    assert customers.matching_ids(store, words=["%"], limit=20) == ([], False)
