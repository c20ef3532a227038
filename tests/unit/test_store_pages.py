"""A pulled page is stored exactly as the server sent it (the rows go to SQLite as one JSON
array, each row's text taken from it), with the version and, for customers, the search text."""

from __future__ import annotations

from typing import Any

from fieldapp.store import Store, rows
from fieldapp.store.search import search_text

ODD: dict[str, Any] = {
    "id": "v1",
    "version": 7,
    "notes": '引号 " 反斜杠 \\ 换行\n表情 😀 \u2028',
    "checkin_lat": 31.230416,
    "quantity": 12345678901234,
    "ratio": -0.1,
    "done": True,
    "deleted_at": None,
    "tags": ["甲", {"深": [1, 2.5, None]}],
}


def pull(store: Store, cursor: int, changes: dict[str, list[dict[str, Any]]]) -> None:
    store.apply_page(cursor=cursor, after=None, epoch=1, changes=changes, revoked=[])


def stored(store: Store, table: str, row_id: str) -> rows.Row:
    with store.reading() as c:
        found = rows.get(c, table, row_id)
    assert found is not None
    return found


def test_every_value_comes_back_as_sent() -> None:
    store = Store.open()
    pull(store, 1, {"visits": [ODD, {"id": "v2", "version": None}]})
    one = stored(store, "visits", "v1")
    assert one.data == ODD and one.version == 7 and not one.deleted and one.base is None
    assert stored(store, "visits", "v2").version is None


def test_a_row_pulled_again_is_replaced_and_customers_keep_their_search_text() -> None:
    store = Store.open()
    first = {"id": "c1", "version": 1, "code": "D001", "name": "华东食品", "phone": "13800000000"}
    other = {"id": "c2", "version": 3, "code": "S002", "name": "乙店"}
    pull(store, 1, {"customers": [first, other]})
    again = {**first, "version": 2, "name": "华东食品总店"}
    pull(store, 2, {"customers": [again]})
    assert stored(store, "customers", "c1").data == again
    assert stored(store, "customers", "c1").version == 2
    with store.reading() as c:
        search = dict(c.execute("select id, search from customers").fetchall())
    assert search == {"c1": search_text(again), "c2": search_text(other)}
    assert "华东食品总店" in search["c1"]
