"""Phones that disagree: conflicts per entity, moves, deletes, bad input and queue gaps — on the
real sync functions, as signed-in users."""

from __future__ import annotations

import pytest

from fieldapp.store import outbox as outbox_mod
from fieldapp.sync.errors import ConnectionLost, MutationGap
from tests.db.access_world import World
from tests.sync import fieldwork
from tests.sync.helpers import (
    LosingRemote,
    assert_mirrors_server,
    server_row,
)


def test_two_phones_of_one_rep_same_outlet_server_wins_and_the_stale_phone_sees_it(
    conn, world: World, phone
) -> None:
    a, b = phone("rep", "a"), phone("rep", "b")
    a.sync(), b.sync()
    d_sh = world.ids["D_SH"]
    a.store.write("customers", {"id": d_sh, "address": "A 写的地址"})
    b.store.write("customers", {"id": d_sh, "address": "B 写的地址", "contact_name": "B"})
    assert a.sync().applied == 1
    report = b.sync()
    assert (report.applied, report.conflict) == (0, 1)
    assert server_row(conn, "customers", d_sh)["address"] == "A 写的地址"
    assert b.store.get("customers", d_sh)["address"] == "A 写的地址"
    [c] = b.store.conflicts()
    assert (c.status, c.table, c.row_id) == ("conflict", "customers", d_sh)
    assert c.local_patch["address"] == "B 写的地址" and c.server_row["address"] == "A 写的地址"
    assert "服务器" in c.message_zh and "server" in c.message_en
    # visits are the rep's own: fields from both phones survive (last arrival wins per field)
    v = fieldwork.check_in(a.store, rep_id=a.user_id, customer_id=d_sh)
    a.sync(), b.sync()
    a.store.write("visits", {"id": v["id"], "notes": "A"})
    b.store.write("visits", {"id": v["id"], "feedback": "B", "notes": "B"})
    a.sync(), b.sync(), a.sync()
    row = server_row(conn, "visits", v["id"])
    assert (row["notes"], row["feedback"]) == ("B", "B")
    assert a.store.get("visits", v["id"])["notes"] == "B"
    for p in (a, b):
        assert_mirrors_server(conn, p)


def test_an_area_manager_and_a_rep_edit_one_outlet(conn, world: World, phone) -> None:
    rep, am, rep2 = phone("rep"), phone("am"), phone("rep2")
    rep.sync(), am.sync(), rep2.sync()
    d_sh = world.ids["D_SH"]
    am.store.write("customers", {"id": d_sh, "phone": "021-5555 0000"})
    rep.store.write("customers", {"id": d_sh, "phone": "13700000000"})
    assert am.sync().applied == 1
    assert rep.sync().conflict == 1
    assert rep.store.get("customers", d_sh)["phone"] == "021-5555 0000"
    # another area's rep never even sees it, and writing it blind is refused
    assert rep2.store.get("customers", d_sh) is None
    rep2.store.write("customers", {"id": d_sh, "phone": "13600000000"})
    assert rep2.sync().rejected == 1
    assert server_row(conn, "customers", d_sh)["phone"] == "021-5555 0000"
    assert rep2.store.get("customers", d_sh) is None
    for p in (rep, am, rep2):
        assert_mirrors_server(conn, p)


def test_a_moved_customer_leaves_one_phone_and_arrives_on_the_other(
    conn, world: World, phone
) -> None:
    rep, rep2 = phone("rep"), phone("rep2")
    rep.sync(), rep2.sync()
    d_zj = world.ids["D_ZJ"]
    contact = rep2.store.write(
        "customer_contacts", {"id": rep2.store.new_id(), "customer_id": d_zj, "name": "钱经理"}
    )
    visit = fieldwork.check_in(rep2.store, rep_id=rep2.user_id, customer_id=d_zj)
    rep2.sync()
    assert rep.store.get("customers", d_zj) is None
    # the manager hands the dealer to the Shanghai rep (service side)
    conn.execute(
        "update customers set owner_id = %s, area_id = %s where id = %s",
        (world.users["rep"], world.ids["area_SH"], d_zj),
    )
    report = rep2.sync()
    assert report.revoked >= 1
    for table, rid in (
        ("customers", d_zj),
        ("customer_contacts", contact["id"]),
        ("visits", visit["id"]),
    ):
        assert rep2.store.get(table, rid) is None, table
    rep.sync()
    assert rep.store.get("customers", d_zj)["owner_id"] == world.users["rep"]
    assert rep.store.get("customer_contacts", contact["id"])["name"] == "钱经理"
    assert "D_ZJ" in {c["code"] for c in fieldwork.rows(rep.store, "customers")}
    assert_mirrors_server(conn, rep)


def test_an_edit_queued_for_a_customer_that_moved_away_is_rejected_and_shown(
    conn, world: World, phone
) -> None:
    rep2 = phone("rep2")
    rep2.sync()
    d_zj = world.ids["D_ZJ"]
    v = fieldwork.check_in(rep2.store, rep_id=rep2.user_id, customer_id=d_zj)  # offline
    conn.execute(
        "update customers set owner_id = %s, area_id = %s where id = %s",
        (world.users["rep"], world.ids["area_SH"], d_zj),
    )
    report = rep2.sync()
    assert report.rejected == 1
    assert rep2.store.get("visits", v["id"]) is None
    assert rep2.store.get("customers", d_zj) is None
    [c] = rep2.store.conflicts()
    assert (c.status, c.table, c.sqlstate) == ("rejected", "visits", "42501")
    assert server_row(conn, "visits", v["id"]) is None


def test_a_delete_travels_to_the_other_phone(conn, world: World, phone) -> None:
    a, b = phone("rep", "a"), phone("rep", "b")
    a.sync()
    v = fieldwork.check_in(a.store, rep_id=a.user_id, customer_id=world.ids["S_SH"])
    a.sync(), b.sync()
    assert b.store.get("visits", v["id"]) is not None
    a.store.delete("visits", v["id"])
    assert a.store.get("visits", v["id"]) is None
    assert a.sync().applied == 1
    assert server_row(conn, "visits", v["id"])["deleted_at"] is not None
    assert b.sync().removed == 1
    assert b.store.get("visits", v["id"]) is None
    with b.store.reading() as c:
        assert c.execute("select count(*) from visits where id = ?", (v["id"],)).fetchone()[0] == 0


def test_bad_mutations_are_rejected_one_by_one_and_the_queue_goes_on(
    conn, world: World, phone
) -> None:
    rep, rep2 = phone("rep"), phone("rep2")
    rep.sync()
    theirs = fieldwork.check_in(rep2.store, rep_id=rep2.user_id, customer_id=world.ids["D_ZJ"])
    rep2.sync()
    before = server_row(conn, "visits", theirs["id"])
    d_sh, new = world.ids["D_SH"], rep.store.new_id
    good1 = fieldwork.check_in(rep.store, rep_id=rep.user_id, customer_id=d_sh)
    with rep.store.transaction() as c:  # what an older or broken app version might have queued
        outbox_mod.append(c, "visits", "x", "upsert", ["not", "an", "object"], None)
        outbox_mod.append(c, "secrets", new(), "upsert", {"id": new()}, None)
        outbox_mod.append(c, "visits", new(), "upsert", {"customer_id": d_sh}, None)  # no id
        outbox_mod.append(c, "visits", "v", "upsert", {"id": "not-a-uuid"}, None)
    wrong_types = rep.store.write(
        "visits",
        {
            "id": new(),
            "rep_id": rep.user_id,
            "customer_id": d_sh,
            "checkin_at": "2026-11-27T09:00:00Z",
            "checkin_lat": "north",
            "checkin_lng": 121,
        },
    )
    rep.store.write(
        "visits",
        {
            "id": theirs["id"],
            "rep_id": rep.user_id,
            "customer_id": d_sh,
            "notes": "hijack",
            "checkin_at": "2026-11-27T09:00:00Z",
        },
    )
    rep.store.write(
        "stock_counts",
        {
            "id": new(),
            "visit_id": good1["id"],
            "customer_id": d_sh,
            "product_id": world.ids["product"],
            "quantity": -5,
        },
    )
    good2 = fieldwork.check_in(rep.store, rep_id=rep.user_id, customer_id=d_sh)
    report = rep.sync()
    assert (report.applied, report.rejected, report.conflict) == (2, 7, 0)
    assert rep.store.pending_count() == 0
    got = {(c.table, c.sqlstate) for c in rep.store.conflicts()}
    assert ("visits", "22023") in got  # not an object, no id
    assert ("secrets", "22023") in got
    assert ("visits", "22P02") in got  # not a uuid, "north" is not a number
    # someone else's row: invisible, so an insert that clashes is refused like any other
    # refusal, never 23505 naming the key (an existence probe)
    assert ("visits", "23505") not in got
    assert ("stock_counts", "23514") in got
    assert all(
        c.status == "rejected" and c.message_zh and c.message_en for c in rep.store.conflicts()
    )
    assert server_row(conn, "visits", good1["id"]) and server_row(conn, "visits", good2["id"])
    assert server_row(conn, "visits", wrong_types["id"]) is None
    assert server_row(conn, "visits", theirs["id"]) == before
    assert rep.store.get("visits", wrong_types["id"]) is None
    assert_mirrors_server(conn, rep)


def test_a_gap_in_the_queue_stops_the_push_with_a_clear_error(conn, world: World, phone) -> None:
    rep = phone("rep")
    rep.sync()
    fieldwork.check_in(rep.store, rep_id=rep.user_id, customer_id=world.ids["D_SH"])
    with rep.store.transaction() as c:
        c.execute("update outbox set id = 5")
    with pytest.raises(MutationGap) as err:
        rep.sync()
    assert (err.value.expected, err.value.got) == (1, 5)
    st = rep.engine.status()
    assert st.pending == 1
    assert "变更编号" in st.last_error["zh"] and "mutation 1" in st.last_error["en"]


def test_a_refused_insert_whose_answer_was_lost_is_checked_and_shown(
    conn, world: World, phone
) -> None:
    rep = phone("rep")
    rep.sync()
    d_sh = world.ids["D_SH"]
    good = fieldwork.check_in(rep.store, rep_id=rep.user_id, customer_id=d_sh)
    bad = rep.store.write(
        "visits",
        {
            "id": rep.store.new_id(),
            "rep_id": rep.user_id,
            "customer_id": d_sh,
            "checkin_at": "2026-11-27T09:00:00Z",
            "checkin_lat": "north",
            "checkin_lng": 121,
        },
    )
    rep.engine.remote = LosingRemote(rep.remote, 1)  # the server answers; the answer is lost
    with pytest.raises(ConnectionLost):
        rep.engine.sync()
    rep.engine.remote = rep.remote
    report = rep.sync()  # both come back `duplicate`; the phone cannot know the second failed
    assert report.duplicate == 2 and report.rejected == 1 and report.applied == 1
    assert rep.store.get("visits", bad["id"]) is None  # the check was refused: a ghost, gone
    assert rep.store.get("visits", good["id"])["version"] == 1  # the check confirmed it
    [c] = rep.store.conflicts()
    assert (c.status, c.row_id) == ("rejected", bad["id"])
    assert "没有保存到服务器" in c.message_zh and "not kept" in c.message_en
    assert c.local_patch["checkin_lat"] == "north"
    assert rep.store.pending_count() == 0
    assert_mirrors_server(conn, rep)


def test_a_store_restored_from_a_backup_registers_as_a_new_client(
    conn, world: World, phone, tmp_path
) -> None:
    import shutil

    from fieldapp.store import Store
    from fieldapp.sync import SyncEngine

    a = phone("rep", "a")
    a.sync()
    backup = tmp_path / "backup.db"
    a.store.close()
    shutil.copy(a.path, backup)  # e.g. Android's automatic backup of the app's files
    a.reopen()
    for _ in range(3):
        fieldwork.check_in(a.store, rep_id=a.user_id, customer_id=world.ids["D_SH"])
    a.sync()
    restored = Store.open(backup)  # the backup, restored on a new phone
    old_id = restored.sync_state().client_id
    v = fieldwork.check_in(restored, rep_id=a.user_id, customer_id=world.ids["S_SH"])
    report = SyncEngine(restored, a.remote).sync()
    assert report.applied == 1 and report.duplicate == 0
    assert restored.sync_state().client_id != old_id
    assert server_row(conn, "visits", v["id"]) is not None
    assert restored.conflicts() == []
    restored.close()
