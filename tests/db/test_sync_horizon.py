"""The pull's horizon (issue 13): only transactions that write synced rows of this database hold
pulls back, and a row committed late is still never lost (docs/sync.md, "The pull's horizon")."""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from tests.conftest import _with_db
from tests.db.access_world import World, build_world
from tests.db.test_sync_server import visit
from tests.postgrest import rpc

INSERT = (
    "insert into visits (id, rep_id, customer_id, checkin_at, notes)"
    " values (%(id)s, %(rep_id)s, %(customer_id)s, %(checkin_at)s, %(notes)s)"
)
PATIENCE = 15.0  # seconds a pull may take to show a row that is due (other work on the server)


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    return build_world(conn)


@pytest.fixture
def stranger_url(server_url: str) -> Iterator[str]:
    """Another database on the same server, made for this test."""
    name = f"fieldsales_h_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"create database {name}")
    yield _with_db(server_url, name)
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")


class Puller:
    """A phone's pull loop, as PostgREST runs it: keeps the cursor, the position and the rows."""

    def __init__(self, conn: psycopg.Connection, claims: dict) -> None:
        self.conn, self.claims = conn, claims
        self.since: int = 0
        self.after: str | None = None
        self.visits: dict[str, dict[str, Any]] = {}

    def page(self, limit: int = 1000) -> dict:
        """One page; its rows are kept and the cursor moves on."""
        page = rpc(
            self.conn,
            "sync_pull",
            {"p_since": self.since, "p_limit": limit, "p_after": self.after},
            self.claims,
            read_only=True,
        )
        assert page["cursor"] >= self.since  # a cursor never moves back
        for row in page["changes"].get("visits", []):
            self.visits[row["id"]] = row
        self.since, self.after = page["cursor"], page["after"]
        return page

    def pull(self) -> set[str]:
        """Pages until done; the ids of the visits this pull brought."""
        got: set[str] = set()
        while True:
            page = self.page()
            got |= {row["id"] for row in page["changes"].get("visits", [])}
            if not page["has_more"]:
                return got

    def pull_until(self, want: set[str], timeout: float = PATIENCE) -> None:
        """Pull until every wanted visit arrived, or fail after timeout seconds. A row that a pull
        stepped over never arrives, however long this waits."""
        deadline = time.monotonic() + timeout
        while True:
            self.pull()
            if want <= set(self.visits):
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"never pulled: {sorted(want - set(self.visits))}")
            time.sleep(0.05)


def commit_visit(conn: psycopg.Connection, world: World, notes: str) -> dict:
    """A visit written and committed in a transaction of its own."""
    v = visit(world, notes=notes)
    with conn.transaction():
        conn.execute(INSERT, v)
    return v


def xid_of(conn: psycopg.Connection) -> int:
    """The transaction id of the connection's open transaction (taking one if needed)."""
    return int(conn.execute("select pg_current_xact_id()::text").fetchone()[0])


def registered_pids(conn: psycopg.Connection) -> set[int]:
    """Backends registered as synced writers of this database."""
    rows = conn.execute(
        "select pid from pg_locks where locktype = 'advisory' and classid = 727010 and objsubid = 2"
        " and granted and database = (select oid from pg_database where datname = current_database())"
    ).fetchall()
    return {r[0] for r in rows}


def wait_until_blocked(conn: psycopg.Connection, pid: int, timeout: float = 10.0) -> None:
    """Wait (bounded) until backend pid is waiting for a lock."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = conn.execute(
            "select wait_event_type from pg_stat_activity where pid = %s", (pid,)
        ).fetchone()
        if row and row[0] == "Lock":
            return
        time.sleep(0.01)
    raise AssertionError(f"backend {pid} never waited for a lock")


# -- strangers do not hold pulls back ------------------------------------------------------------


def test_a_long_transaction_in_another_database_does_not_hold_pulls(
    conn, world: World, stranger_url: str
) -> None:
    rep = Puller(conn, world.claims("rep"))
    rep.pull()
    with psycopg.connect(stranger_url) as stranger:
        stranger_xid = xid_of(stranger)  # open, with a transaction id, until the end of the test
        v = commit_visit(conn, world, "committed while another database is busy")
        oldest = int(
            conn.execute("select pg_snapshot_xmin(pg_current_snapshot())::text").fetchone()[0]
        )
        assert oldest <= stranger_xid  # the old bound would have stopped right here
        rep.pull_until({v["id"]})
        assert rep.since > stranger_xid
        stranger.rollback()


NON_SYNCING = {
    "a transaction id only": ["select pg_current_xact_id()"],
    "a temporary table": ["create temp table scratch (x int)", "insert into scratch values (1)"],
    # (shipments are synced since issue 16: pulled by dealers)
    "a payment": [
        "insert into payments (reference, customer_id, paid_on, amount)"
        " values ('H-1', %(customer)s, private.company_today(), 1)"
    ],
    "a row lock on a synced row": ["select 1 from visits where id = %(visit)s for update"],
}


@pytest.mark.parametrize("kind", sorted(NON_SYNCING))
def test_a_long_write_here_that_touches_no_synced_row_does_not_hold_pulls(
    db_url: str, conn, world: World, kind: str
) -> None:
    rep = Puller(conn, world.claims("rep"))
    rep.pull()
    params = {"customer": world.ids["D_SH"], "product": world.ids["product"], "visit": world.ids["visits"]}  # fmt: skip
    with psycopg.connect(db_url) as other:
        for statement in NON_SYNCING[kind]:
            other.execute(statement, params)
        other_xid = xid_of(other)
        assert other.info.backend_pid not in registered_pids(conn)
        v = commit_visit(conn, world, f"committed during {kind}")
        rep.pull_until({v["id"]})
        assert rep.since > other_xid
        other.rollback()


# -- writers of synced rows still never lose a row -----------------------------------------------


def test_a_slow_synced_writer_holds_pulls_back_and_loses_nothing(
    db_url: str, conn, world: World
) -> None:
    rep = Puller(conn, world.claims("rep"))
    rep.pull()
    slow, quick = visit(world, notes="T1 started first"), visit(world, notes="T2 committed first")
    second = visit(world, notes="T1 again")
    with psycopg.connect(db_url) as t1, psycopg.connect(db_url) as t2:
        t1.execute(INSERT, slow)  # T1 registers, then takes its transaction id
        t1.execute(INSERT, second)
        assert registered_pids(conn) == {t1.info.backend_pid}
        stamps = t1.execute(
            "select distinct txid::text::bigint from visits where id in (%s, %s)",
            (slow["id"], second["id"]),
        ).fetchall()
        assert stamps == [(xid_of(t1),)]  # registered once: its own id is its stamp
        t2.execute(INSERT, quick)
        t2.commit()
        assert not rep.pull() & {slow["id"], quick["id"]}  # held back behind T1
        assert rep.since <= xid_of(t1)
        t1.commit()
    rep.pull_until({slow["id"], quick["id"], second["id"]})
    assert registered_pids(conn) == set()


def test_an_update_registers_before_postgresql_locks_its_row(
    db_url: str, conn, world: World
) -> None:
    """PostgreSQL locks a row, taking an id, before a row trigger of an UPDATE runs; the statement
    trigger registers first, so the stamp is still the transaction's own id (no late path)."""
    with psycopg.connect(db_url) as t1:
        t1.execute("update visits set notes = 'first write' where id = %s", (world.ids["visits"],))
        stamp = t1.execute(
            "select txid::text::bigint from visits where id = %s", (world.ids["visits"],)
        ).fetchone()[0]
        assert stamp == xid_of(t1)
        t1.rollback()


@pytest.mark.parametrize("isolation", ["read committed", "repeatable read"])
@pytest.mark.parametrize(
    "first", ["select pg_current_xact_id()", "create temp table scratch (x int)"]
)
def test_a_writer_that_registers_after_a_pull_stepped_over_it_loses_nothing(
    db_url: str, conn, world: World, isolation: str, first: str
) -> None:
    rep = Puller(conn, world.claims("rep"))
    rep.pull()
    late = visit(world, notes="written after a pull stepped over its transaction")
    with psycopg.connect(db_url) as t1:
        t1.isolation_level = (
            psycopg.IsolationLevel.REPEATABLE_READ
            if isolation == "repeatable read"
            else psycopg.IsolationLevel.READ_COMMITTED
        )
        t1.execute(first)  # an id (and, in repeatable read, the snapshot) before any synced write
        t1_xid = xid_of(t1)
        meanwhile = commit_visit(conn, world, "committed after T1 took its id")
        rep.pull_until({meanwhile["id"]})  # this pull steps over T1: it is no synced writer yet
        stepped_to = rep.since
        assert stepped_to > t1_xid
        t1.execute(INSERT, late)  # registers late: stamped with a fresh id
        stamp = int(
            t1.execute("select txid::text from visits where id = %s", (late["id"],)).fetchone()[0]
        )
        assert stamp >= stepped_to
        assert late["id"] not in rep.pull() and rep.since <= stamp
        t1.commit()
    rep.pull_until({late["id"]})


def test_a_cursor_does_not_move_back_when_a_stepped_over_transaction_registers(
    db_url: str, conn, world: World
) -> None:
    rep = Puller(conn, world.claims("rep"))
    rep.pull()
    big = [visit(world, notes=f"big {i}") for i in range(3)]
    with psycopg.connect(db_url) as t1:
        t1_xid = xid_of(t1)
        with conn.transaction():
            for v in big:
                conn.execute(INSERT, v)
        deadline = time.monotonic() + PATIENCE
        while not rep.page(limit=2)["has_more"]:  # the page ends inside the big transaction
            assert time.monotonic() < deadline, "the big transaction never became due"
        inside = (rep.since, rep.after)
        assert inside[1] is not None and inside[0] > t1_xid
        late = visit(world, notes="T1 registers now")
        t1.execute(INSERT, late)  # the bound falls back to T1, below the cursor
        page = rep.page(limit=2)
        assert (page["cursor"], page["after"], page["has_more"]) == (*inside, False)
        assert page["changes"] == {}
        t1.commit()
    rep.pull_until({v["id"] for v in big} | {late["id"]})


def test_a_backend_waiting_for_a_synced_writer_does_not_unmask_it(
    db_url: str, conn, world: World
) -> None:
    """A backend waiting for T1 shows in pg_locks with T1's id and its own pid: only T1's own
    (granted, exclusive) lock may say whether T1 is registered."""
    rep = Puller(conn, world.claims("rep"))
    rep.pull()
    target = world.ids["visits"]
    with psycopg.connect(db_url) as t1, psycopg.connect(db_url) as waiter:
        t1.execute("update visits set notes = 'changed by T1' where id = %s", (target,))
        after_t1 = commit_visit(conn, world, "committed after T1 started")
        blocked = threading.Thread(
            target=waiter.execute,
            args=("select 1 from visits where id = %s for update", (target,)),
        )
        blocked.start()
        try:
            wait_until_blocked(conn, waiter.info.backend_pid)
            got = rep.pull()
            held_at = rep.since
            t1_xid = xid_of(t1)
        finally:
            t1.commit()  # always: the waiter goes on, and its connection can close
            blocked.join(timeout=30)
        waiter.rollback()
    assert not got & {target, after_t1["id"]} and held_at <= t1_xid
    rep.pull_until({target, after_t1["id"]})
    assert rep.visits[target]["notes"] == "changed by T1"


def test_prepared_synced_writers_hold_pulls_back(db_url: str, conn, world: World) -> None:
    if int(conn.execute("show max_prepared_transactions").fetchone()[0]) == 0:
        pytest.skip("the server allows no prepared transactions")
    rep = Puller(conn, world.claims("rep"))
    rep.pull()
    v = visit(world, notes="prepared")
    gid = f"horizon-{uuid.uuid4().hex}"
    with psycopg.connect(db_url, autocommit=True) as t1:
        t1.execute("begin")
        t1.execute(INSERT, v)
        t1.execute("prepare transaction %s", (gid,))
        try:
            later = commit_visit(conn, world, "after the prepared one")
            assert not rep.pull() & {v["id"], later["id"]}
        finally:
            t1.execute("commit prepared %s", (gid,))
    rep.pull_until({v["id"], later["id"]})


# -- everything at once --------------------------------------------------------------------------


def test_concurrent_writers_of_every_kind_lose_nothing(db_url: str, conn, world: World) -> None:
    """Writers register early, late (after a pull may have stepped over them), in repeatable read,
    inside savepoints that roll back, or update each other's rows, while a phone pulls."""
    lock = threading.Lock()
    final: dict[str, str] = {}  # committed visits: id -> notes
    gone: set[str] = set()  # visits that were rolled back
    errors: list[BaseException] = []
    writing = threading.Event()
    writing.set()

    def writer(seed: int) -> None:
        rnd = random.Random(seed)
        with psycopg.connect(db_url) as c:
            for i in range(12):
                kind = rnd.choice(["early", "late", "late-rr", "update", "savepoint", "abort"])
                c.isolation_level = (
                    psycopg.IsolationLevel.REPEATABLE_READ if kind == "late-rr" else None
                )
                notes = f"w{seed} {i} {kind}"
                done: dict[str, str] = {}
                dropped: set[str] = set()
                if kind in ("late", "late-rr"):
                    c.execute("select pg_current_xact_id()")
                if kind == "update" and final:
                    with lock:
                        target = rnd.choice(sorted(final))
                    c.execute("update visits set notes = %s where id = %s", (notes, target))
                    done[target] = notes
                elif kind == "savepoint":
                    undone = visit(world, notes=notes + " undone")
                    c.execute("select 1")  # open the transaction, still without an id
                    with c.transaction():  # a savepoint: registers and takes the id inside it
                        c.execute(INSERT, undone)
                        raise psycopg.Rollback()  # rolled back, registration and all
                    dropped.add(undone["id"])
                v = visit(world, notes=notes)
                c.execute(INSERT, v)
                time.sleep(rnd.random() * 0.03)  # let pulls and other writers interleave
                if kind == "abort":
                    c.rollback()
                    dropped.add(v["id"])
                else:
                    c.commit()
                    done[v["id"]] = notes
                with lock:
                    final.update(done)
                    gone.update(dropped)

    def run(seed: int) -> None:
        try:
            writer(seed)
        except BaseException as exc:  # reported by the test thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(s,)) for s in range(4)]
    rep = Puller(conn, world.claims("rep"))
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        rep.pull()
    for t in threads:
        t.join()
    assert not errors, errors
    rep.pull_until(set(final))
    assert {k: rep.visits[k]["notes"] for k in final} == final
    assert not gone & set(rep.visits)
