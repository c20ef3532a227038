"""The phone's store on real SQLite: migrations, atomic writes and pages, re-applied edits,
revocations, epoch resets and the server's answers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fieldapp.store import Store, customers, find_index
from fieldapp.store.answers import Answer
from fieldapp.store.db import migrate
from fieldapp.store.errors import BadRow, UnknownTable
from fieldapp.store.schema import MIGRATIONS, PULLED
from tests.sync import fieldwork
from tests.sync.helpers import AppKilled, arm, outbox_rows

CUST = "c0000000-0000-4000-8000-000000000001"
OUTLET = "c0000000-0000-4000-8000-000000000002"
REP = "a0000000-0000-4000-8000-000000000001"


def _customer(cid: str = CUST, version: int = 1, **fields: object) -> dict:
    return {
        "id": cid,
        "version": version,
        "code": "D1",
        "name": "上海鑫源副食品批发部",
        "tier": 1,
        "phone": "13800000001",
        "address": "黄浦区南京东路1号",
        "owner_id": REP,
        "deleted_at": None,
        **fields,
    }


def _page(store: Store, cursor: int, *, epoch: int = 1, revoked=(), **changes: list[dict]):
    return store.apply_page(
        cursor=cursor, after=None, epoch=epoch, changes=changes, revoked=list(revoked)
    )


def test_migrations_are_recorded_and_applied_once(tmp_path: Path) -> None:
    path = tmp_path / "phone.db"
    store = Store.open(path)
    client_id = store.sync_state().client_id
    store.close()
    store = Store.open(path)  # reopening applies nothing and keeps the client id
    with store.reading() as c:
        names = [r[0] for r in c.execute("select name from _migrations order by name")]
        assert names == [m.name for m in MIGRATIONS]
        assert migrate(c, MIGRATIONS) == []
        assert c.execute("pragma journal_mode").fetchone()[0] == "wal"
        assert c.execute("pragma foreign_keys").fetchone()[0] == 0
        tables = {r[0] for r in c.execute("select name from sqlite_master where type = 'table'")}
    assert set(PULLED) | {"outbox", "sync_state", "conflicts", "revoked", "_migrations"} <= tables
    assert store.sync_state().client_id == client_id
    store.close()


def test_a_failed_migration_leaves_nothing(tmp_path: Path) -> None:
    from fieldapp.store.db import Migration, connect
    from fieldapp.store.errors import StoreError

    conn = connect(tmp_path / "m.db")
    bad = Migration("0001_bad", ("create table a (x integer)", "create table oops ("))
    with pytest.raises(StoreError):
        migrate(conn, [bad])
    assert conn.execute("select count(*) from sqlite_master where name = 'a'").fetchone()[0] == 0
    assert conn.execute("select count(*) from _migrations").fetchone()[0] == 0


def test_mutation_ids_count_up_and_are_never_reused() -> None:
    store = Store.open()
    ids = [store.new_id() for _ in range(3)]
    for i in ids:
        store.write("visits", {"id": i, "customer_id": CUST, "rep_id": REP})
    assert [e[0] for e in outbox_rows(store)] == [1, 2, 3]
    batch = store.next_batch(10)
    store.apply_answers(batch, {m.id: Answer(m.id, "applied", version=1) for m in batch}, 3)
    assert store.pending_count() == 0
    store.write("visits", {"id": ids[0], "notes": "again"})
    assert [e[0] for e in outbox_rows(store)] == [4]
    assert store.get("visits", ids[0])["notes"] == "again"


@pytest.mark.parametrize("kill_at", [1, 2, 3, 4, 5])
def test_a_write_and_its_outbox_entry_commit_together(tmp_path: Path, kill_at: int) -> None:
    path = tmp_path / "phone.db"
    store = Store.open(path)
    visit_id = store.new_id()
    arm(store, kill_at)
    with pytest.raises(AppKilled):
        store.write("visits", {"id": visit_id, "customer_id": CUST, "rep_id": REP})
    store.close()
    store = Store.open(path)  # the app restarts
    assert store.get("visits", visit_id) is None
    assert outbox_rows(store) == []
    assert store.sync_state().mutation_seq == 0
    # and the next write gets id 1
    store.write("visits", {"id": visit_id, "customer_id": CUST, "rep_id": REP})
    assert [e[0] for e in outbox_rows(store)] == [1]


def test_writes_refuse_server_only_tables_and_rows_without_ids() -> None:
    store = Store.open()
    with pytest.raises(UnknownTable):
        store.write("warnings", {"id": CUST, "status": "resolved"})
    with pytest.raises(UnknownTable):
        store.write("secrets", {"id": CUST})
    with pytest.raises(BadRow):
        store.write("visits", {"notes": "no id"})
    with pytest.raises(BadRow):
        store.write("visits", {"id": CUST, "blob": object()})
    assert store.pending_count() == 0


@pytest.mark.parametrize("kill_at", [1, 3, 6, 9])
def test_a_page_and_its_cursor_commit_together(tmp_path: Path, kill_at: int) -> None:
    path = tmp_path / "phone.db"
    store = Store.open(path)
    _page(store, 10, customers=[_customer()])
    faulty = arm(store, kill_at)
    with pytest.raises(AppKilled):
        _page(
            store,
            20,
            customers=[_customer(version=2, name="新名字"), _customer(OUTLET, code="S1", tier=2)],
            visits=[{"id": "v1", "customer_id": CUST, "version": 1}],
            revoked=[("customers", CUST)],
        )
    assert faulty.count == kill_at
    store.close()
    store = Store.open(path)
    assert store.sync_state().cursor == 10
    assert store.get("customers", CUST)["name"] == "上海鑫源副食品批发部"
    assert store.get("customers", OUTLET) is None
    assert store.get("visits", "v1") is None


def test_pending_edits_are_reapplied_over_pulled_rows() -> None:
    store = Store.open()
    _page(store, 10, customers=[_customer()])
    store.write("customers", {"id": CUST, "address": "新地址"})
    # someone else changed the name on the server; the pull brings it
    _page(store, 20, customers=[_customer(version=2, name="鑫源批发", phone="13900000000")])
    row = store.get("customers", CUST)
    assert (row["name"], row["phone"], row["address"]) == ("鑫源批发", "13900000000", "新地址")
    assert store.pending_count() == 1
    # a server tombstone does not hide a pending edit either
    _page(store, 30, customers=[_customer(version=3, deleted_at="2026-11-27T00:00:00Z")])
    assert store.get("customers", CUST)["address"] == "新地址"
    # without pending edits a tombstone drops the row
    _page(store, 40, visits=[{"id": "v1", "customer_id": CUST, "version": 1}])
    _page(
        store,
        50,
        visits=[
            {"id": "v1", "customer_id": CUST, "version": 2, "deleted_at": "2026-11-27T00:00:00Z"}
        ],
    )
    assert store.get("visits", "v1") is None


def test_a_local_delete_hides_the_row_until_the_server_answers() -> None:
    store = Store.open()
    _page(store, 10, visits=[{"id": "v1", "customer_id": CUST, "version": 1, "notes": "x"}])
    store.delete("visits", "v1")
    assert store.get("visits", "v1") is None
    _page(store, 20, visits=[{"id": "v1", "customer_id": CUST, "version": 2, "notes": "y"}])
    assert store.get("visits", "v1") is None  # still deleted: the delete is pending
    [m] = store.next_batch(10)
    assert m.wire() == {
        "id": 1,
        "table": "visits",
        "op": "delete",
        "row": {"id": "v1"},
        "base_version": 1,
    }
    store.apply_answers([m], {1: Answer(1, "applied", version=3)}, 1)
    with store.reading() as c:
        assert c.execute("select count(*) from visits").fetchone()[0] == 0


def test_revocation_drops_the_customer_and_what_hangs_off_it_but_keeps_pending_edits() -> None:
    store = Store.open()
    other = "c0000000-0000-4000-8000-000000000009"
    _page(
        store,
        10,
        customers=[_customer(), _customer(other, code="D9")],
        visits=[
            {"id": "v1", "customer_id": CUST, "version": 1},
            {"id": "v9", "customer_id": other, "version": 1},
        ],
        orders=[{"id": "o1", "customer_id": CUST, "version": 1}],
        order_lines=[{"id": "l1", "order_id": "o1", "version": 1}],
        warnings=[{"id": "w1", "customer_id": CUST, "version": 1}],
    )
    pending_visit = fieldwork.check_in(store, rep_id=REP, customer_id=CUST)
    _page(store, 20, revoked=[("customers", CUST)])
    for table, rid in [
        ("visits", "v1"),
        ("orders", "o1"),
        ("order_lines", "l1"),
        ("warnings", "w1"),
    ]:
        assert store.get(table, rid) is None, table
    assert store.get("visits", "v9") is not None and store.get("customers", other) is not None
    # the pending visit and the customer it refers to stay until the server answers
    assert store.get("visits", pending_visit["id"]) is not None
    assert store.get("customers", CUST) is not None
    [m] = store.next_batch(10)
    store.apply_answers([m], {m.id: Answer(m.id, "rejected", sqlstate="42501", reason="RLS")}, 1)
    assert store.get("visits", pending_visit["id"]) is None  # never synced: dropped
    assert store.purge_revoked() == 1
    assert store.get("customers", CUST) is None
    [c] = store.conflicts()
    assert (c.status, c.sqlstate, c.table) == ("rejected", "42501", "visits")
    assert "没有权限" in c.message_zh and "not allowed" in c.message_en


def test_an_epoch_change_drops_synced_rows_and_keeps_the_outbox() -> None:
    store = Store.open()
    _page(
        store, 10, customers=[_customer()], visits=[{"id": "v1", "customer_id": CUST, "version": 1}]
    )
    store.write("customers", {"id": CUST, "address": "新地址"})
    v = fieldwork.check_in(store, rep_id=REP, customer_id=CUST)
    outcome = _page(store, 99, epoch=2, customers=[_customer(version=5)])
    assert outcome.reset
    st = store.sync_state()
    assert (st.cursor, st.after, st.epoch) == (0, None, 2)
    assert store.get("visits", "v1") is None
    assert store.get("customers", CUST)["address"] == "新地址"  # kept: it has a pending edit
    assert store.get("visits", v["id"]) is not None
    assert store.pending_count() == 2


def test_answers_applied_conflict_and_rejected() -> None:
    store = Store.open()
    _page(
        store,
        10,
        customers=[_customer()],
        visits=[{"id": "v1", "customer_id": CUST, "version": 4, "notes": "old"}],
    )
    store.write("customers", {"id": CUST, "address": "新地址"})  # 1: will conflict
    store.write("visits", {"id": "v1", "notes": "mine"})  # 2: will be rejected
    new = fieldwork.check_in(store, rep_id=REP, customer_id=CUST)  # 3: insert, rejected
    store.write("visits", {"id": "v1", "feedback": "ok"})  # 4: applied
    batch = store.next_batch(10)
    server = _customer(version=3, address="服务器地址")
    out = store.apply_answers(
        batch,
        {
            1: Answer(1, "conflict", server=server),
            2: Answer(2, "rejected", sqlstate="23514", reason="check"),
            3: Answer(3, "rejected", sqlstate="42501", reason="RLS"),
            4: Answer(4, "applied", version=5),
        },
        4,
    )
    assert (out.applied, out.conflict, out.rejected) == (1, 1, 2)
    assert store.get("customers", CUST)["address"] == "服务器地址"
    v1 = store.get("visits", "v1")
    assert (v1["notes"], v1["feedback"]) == ("old", "ok")  # the rejected edit is gone
    assert store.get("visits", new["id"]) is None
    assert store.pending_count() == 0
    statuses = sorted((c.mutation_id, c.status) for c in store.conflicts())
    assert statuses == [(1, "conflict"), (2, "rejected"), (3, "rejected")]
    conflict = next(c for c in store.conflicts() if c.status == "conflict")
    assert conflict.server_row["address"] == "服务器地址"
    assert conflict.local_patch == {"id": CUST, "address": "新地址"}
    store.mark_conflicts_seen([conflict.id])
    assert conflict.id not in [c.id for c in store.conflicts(unseen_only=True)]


def test_two_edits_of_one_outlet_travel_in_separate_batches_with_carried_version() -> None:
    store = Store.open()
    _page(store, 10, customers=[_customer(version=2)])
    store.write("customers", {"id": CUST, "address": "一"})
    store.write("visits", {"id": "v1", "customer_id": CUST, "rep_id": REP})
    store.write("customers", {"id": CUST, "address": "二"})
    first = store.next_batch(10)
    assert [m.id for m in first] == [1, 2]
    store.apply_answers(
        first, {1: Answer(1, "applied", version=3), 2: Answer(2, "applied", version=1)}, 2
    )
    [second] = store.next_batch(10)
    assert (second.id, second.base_version) == (3, 3)


def test_search_by_name_code_phone_address_and_pinyin_initials() -> None:
    store = Store.open()
    _page(
        store,
        10,
        customers=[
            _customer(),
            _customer(
                OUTLET,
                code="S_PD",
                name="浦东二批商行",
                tier=2,
                parent_id=CUST,
                phone="13911112222",
                address="世纪大道100号",
            ),
        ],
    )

    def names(q: str) -> list[str]:
        ids, _ = find_index.matching_ids(store, words=q.lower().split(), limit=50)
        found = customers.by_ids(store, ids)
        return [found[i]["name"] for i in ids]

    assert names("浦东") == ["浦东二批商行"]
    assert names("s_pd") == ["浦东二批商行"]
    assert names("1391111") == ["浦东二批商行"]
    assert names("世纪") == ["浦东二批商行"]
    assert names("pdep") == ["浦东二批商行"]  # pinyin initials
    assert names("shxy") == ["上海鑫源副食品批发部"]
    assert names("%") == []
    assert len(names("")) == 2
    assert names("s_") == ["浦东二批商行"]  # _ is a character, not a wildcard
    assert find_index.matching_ids(store, tier=2, limit=50) == ([OUTLET], False)
    assert find_index.matching_ids(store, limit=1) == ([CUST], True)  # by name: 上 before 浦
    assert customers.children_count(store, CUST) == 1
    with store.reading() as c:
        plan = " ".join(
            r[3]
            for r in c.execute(
                "explain query plan select * from customers where owner_id = ?", (REP,)
            )
        )
    assert "customers_owner_id_idx" in plan


def test_store_errors_are_project_errors(tmp_path: Path) -> None:
    from fieldapp.store.errors import StoreError

    store = Store.open(tmp_path / "x.db")
    with store.transaction() as c:  # a constraint failure inside a transaction
        pass
    with pytest.raises(StoreError) as err, store.transaction() as c:
        c.execute("insert into outbox (id) values (1)")
    assert "本地数据库" in err.value.message_zh
    assert isinstance(err.value.__cause__, sqlite3.IntegrityError)


def test_screens_read_a_file_store_while_the_sync_thread_writes(tmp_path: Path) -> None:
    import threading

    store = Store.open(tmp_path / "phone.db")
    _page(store, 10, customers=[_customer()])
    inside, release = threading.Event(), threading.Event()

    def long_page() -> None:
        with store.transaction() as c:
            c.execute("update customers set data = json_set(data, '$.name', '改名中')")
            inside.set()
            release.wait(5)

    writer = threading.Thread(target=long_page)
    writer.start()
    assert inside.wait(5)
    seen = store.get("customers", CUST)  # committed data, without waiting for the writer:
    assert writer.is_alive() and not release.is_set()  # it still holds its transaction
    assert seen["name"] == "上海鑫源副食品批发部"
    release.set()
    writer.join(5)
    assert store.get("customers", CUST)["name"] == "改名中"
    store.close()


def test_reads_inside_a_transaction_see_its_own_writes(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "phone.db")
    with store.transaction():
        v = fieldwork.check_in(store, rep_id=REP, customer_id=CUST)
        assert store.get("visits", v["id"]) is not None
        assert store.pending_count() == 1
    store.close()


def test_tables_agree_with_the_server(conn) -> None:
    """The phone pulls exactly the tables the server sends, and pushes exactly those it accepts."""
    from fieldapp.store.schema import PULLED, PUSHED

    rows = conn.execute("select name, pushable from private.sync_tables order by ord").fetchall()
    assert tuple(name for name, _ in rows) == PULLED
    assert {name for name, pushable in rows if pushable} == PUSHED
