"""SupabaseRemote's real supabase-py code path, through the fake HTTP hop that runs the real SQL
functions on the real database (tests/fake_supabase.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from fieldapp.store import Store
from fieldapp.sync import Backoff, SyncEngine
from fieldapp.sync.errors import AuthFailed, PermissionDenied, ServerBusy, ServerRejected
from fieldapp.sync.supabase_remote import SupabaseRemote
from tests.db.access_world import EMAILS, World
from tests.fake_supabase import FakeSupabase, http_status
from tests.sync import fieldwork
from tests.sync.helpers import local_ids, server_row, visible_ids, wait_pullable

URL = "https://fieldsales-test.supabase.co"
PASSWORDS = {EMAILS[p]: f"pw-{p}-2026" for p in ("rep", "rep2", "am")}


@pytest.fixture
def fake(db_url: str, world: World) -> Iterator[FakeSupabase]:
    f = FakeSupabase(db_url, PASSWORDS)
    yield f
    f.close()


class Sleeps:
    """A Backoff that records its delays instead of sleeping."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def backoff(self) -> Backoff:
        return Backoff(attempts=4, base=0.25, sleep=self.delays.append)


def remote_for(fake: FakeSupabase, sleeps: Sleeps | None = None) -> SupabaseRemote:
    return SupabaseRemote(
        URL, fake.anon_key, transport=fake.transport, backoff=(sleeps or Sleeps()).backoff()
    )


def test_sign_in_with_email_and_password(fake: FakeSupabase, world: World) -> None:
    remote = remote_for(fake)
    session = remote.sign_in(EMAILS["rep"], PASSWORDS[EMAILS["rep"]])
    assert (session.user_id, session.role, session.full_name) == (
        world.users["rep"],
        "rep",
        "李业务",
    )
    assert [c.path for c in fake.calls] == ["/auth/v1/token", "/rest/v1/rpc/whoami"]
    with pytest.raises(AuthFailed) as err:
        remote_for(fake).sign_in(EMAILS["rep"], "wrong")
    assert "密码" in err.value.message_zh and "password" in err.value.message_en
    with pytest.raises(AuthFailed):
        remote_for(fake).sign_in("nobody@example.cn", "x")
    remote.close()


def test_sync_through_supabase_py_as_postgrest_would(
    conn, fake: FakeSupabase, world: World, tmp_path: Path
) -> None:
    remote = remote_for(fake)
    remote.sign_in(EMAILS["rep"], PASSWORDS[EMAILS["rep"]])
    store = Store.open(tmp_path / "phone.db")
    engine = SyncEngine(store, remote)
    wait_pullable(conn)
    engine.sync()
    for table in ("customers", "visits", "settings", "warnings"):
        assert local_ids(store, table) == visible_ids(conn, world.users["rep"], table), table
    v = fieldwork.check_in(store, rep_id=remote.session.user_id, customer_id=world.ids["D_SH"])
    fieldwork.check_out(store, v["id"], notes="supabase")
    assert engine.sync().applied == 2
    assert server_row(conn, "visits", v["id"])["notes"] == "supabase"
    rpc = {(c.path.rsplit("/", 1)[-1], c.read_only, c.role) for c in fake.calls if "rpc" in c.path}
    assert ("sync_pull", True, "authenticated") in rpc  # stable: run read-only
    assert ("sync_push", False, "authenticated") in rpc
    store.close()
    remote.close()


def test_push_is_retried_with_backoff_after_503_and_transport_errors(
    conn, fake: FakeSupabase, world: World, tmp_path: Path
) -> None:
    sleeps = Sleeps()
    remote = remote_for(fake, sleeps)
    remote.sign_in(EMAILS["rep"], PASSWORDS[EMAILS["rep"]])
    store = Store.open(tmp_path / "phone.db")
    engine = SyncEngine(store, remote)
    v = fieldwork.check_in(store, rep_id=remote.session.user_id, customer_id=world.ids["D_SH"])
    fake.fail_next("503", "connect", "503-json")
    report = engine.sync()
    assert (report.applied, report.duplicate) == (1, 0)
    assert server_row(conn, "visits", v["id"]) is not None
    pushes = [c.status for c in fake.calls if c.path.endswith("sync_push")]
    assert pushes == [503, 0, 503, 200]  # 0: the connection failed before an answer
    assert len(sleeps.delays) == 3
    for i, d in enumerate(sleeps.delays):  # exponential, with jitter in [half, full]
        full = 0.25 * 2**i
        assert full / 2 <= d <= full
    store.close()
    remote.close()


def test_a_push_whose_answer_was_lost_is_answered_duplicate(
    conn, fake: FakeSupabase, world: World, tmp_path: Path
) -> None:
    remote = remote_for(fake)
    remote.sign_in(EMAILS["rep"], PASSWORDS[EMAILS["rep"]])
    store = Store.open(tmp_path / "phone.db")
    engine = SyncEngine(store, remote)
    v = fieldwork.check_in(store, rep_id=remote.session.user_id, customer_id=world.ids["D_SH"])
    fieldwork.count_stock(store, v, world.ids["product"], 4)
    fake.fail_next("lost")  # the server commits, the answer never arrives
    report = engine.sync()
    # both answered duplicate on the retry; then one check per insert confirms the server has it
    assert (report.applied, report.duplicate) == (2, 2)
    assert store.pending_count() == 0 and store.conflicts() == []
    assert store.get("visits", v["id"])["version"] == 1
    assert conn.execute("select count(*) from visits where id = %s", (v["id"],)).fetchone()[0] == 1
    last = conn.execute(
        "select last_mutation_id from sync_clients where client_id = %s",
        (store.sync_state().client_id,),
    ).fetchone()[0]
    assert last == 4
    store.close()
    remote.close()


def test_when_retries_run_out_the_error_is_readable_and_nothing_is_lost(
    conn, fake: FakeSupabase, world: World, tmp_path: Path
) -> None:
    remote = remote_for(fake)
    remote.sign_in(EMAILS["rep"], PASSWORDS[EMAILS["rep"]])
    store = Store.open(tmp_path / "phone.db")
    engine = SyncEngine(store, remote)
    fieldwork.check_in(store, rep_id=remote.session.user_id, customer_id=world.ids["D_SH"])
    fake.fail_next("503", "503", "503", "503")
    events = []
    with pytest.raises(ServerBusy):
        engine.sync(on_event=events.append)
    assert events[-1].kind == "failed" and "503" in events[-1].message_en
    status = engine.status()
    assert status.pending == 1 and "服务器" in status.last_error["zh"]
    assert engine.sync().applied == 1
    assert engine.status().last_error is None
    store.close()
    remote.close()


def test_server_errors_become_project_errors(fake: FakeSupabase, world: World) -> None:
    remote = remote_for(fake)
    remote.sign_in(EMAILS["rep"], PASSWORDS[EMAILS["rep"]])
    with pytest.raises(ServerRejected) as bad:
        remote.pull(-1, 10, None)
    assert (bad.value.sqlstate, bad.value.message_zh) == ("22023", "同步游标无效")
    # a device id registered by another user
    other = remote_for(fake)
    other.sign_in(EMAILS["rep2"], PASSWORDS[EMAILS["rep2"]])
    client = "5a1f0000-0000-4000-8000-000000000001"
    other.push(client, [])
    with pytest.raises(PermissionDenied) as denied:
        remote.push(client, [])
    # refused like any write the caller may not make: it does not say whose the id is
    assert (denied.value.sqlstate, denied.value.message_zh) == ("42501", "没有权限写入该记录")
    assert fake.calls[-1].status == 403
    for r in (remote, other):
        r.close()


def test_an_expiring_token_is_refreshed_before_calls(
    db_url: str, world: World, tmp_path: Path
) -> None:
    fake = FakeSupabase(db_url, PASSWORDS, token_ttl=5)  # inside supabase-py's 10 s margin
    remote = remote_for(fake)
    remote.sign_in(EMAILS["am"], PASSWORDS[EMAILS["am"]])
    remote.pull(0, 10, None)
    grants = [c for c in fake.calls if c.path == "/auth/v1/token"]
    assert len(grants) >= 2  # sign-in, then refreshes
    assert all(c.status == 200 for c in fake.calls)
    remote.close()
    fake.close()


def test_the_fake_answers_like_postgrest(fake: FakeSupabase) -> None:
    with httpx.Client(transport=fake.transport, base_url=URL) as http:
        anon = http.post(
            "/rest/v1/rpc/sync_pull",
            json={"p_since": 0, "p_limit": 5},
            headers={"apikey": fake.anon_key},
        )
        assert anon.status_code == 401 and anon.json()["code"] == "42501"
        missing = http.post("/rest/v1/rpc/no_such_fn", json={}, headers={"apikey": fake.anon_key})
        assert missing.status_code == 404 and missing.json()["code"] == "PGRST202"
        no_key = http.post("/rest/v1/rpc/whoami", json={})
        assert no_key.status_code == 401
        forged = http.post(
            "/rest/v1/rpc/whoami",
            json={},
            headers={"apikey": fake.anon_key, "Authorization": "Bearer x.y.z"},
        )
        assert forged.status_code == 401 and forged.json()["code"] == "PGRST301"
    assert [
        http_status(s, "authenticated")
        for s in ("42501", "P0002", "22023", "22P02", "23505", "23514", "08006", "57014", "P0001")
    ] == [403, 404, 400, 400, 409, 409, 503, 500, 400]


def test_a_restarted_phone_syncs_with_its_saved_token_until_it_is_revoked(
    fake: FakeSupabase, world: World, tmp_path: Path
) -> None:
    """The session survives a restart: the refresh token (rotated on every use) signs the app in
    again without the password; a revoked token asks for the password and nothing else."""
    from fieldapp.services.device import SUPABASE, PhoneFolder
    from fieldapp.services.phone import Phone, ServerConfig

    config = ServerConfig(SUPABASE, supabase_url=URL, supabase_key=fake.anon_key)
    device = PhoneFolder(tmp_path / "phone")

    def phone() -> Phone:
        return Phone(device, config, remote_factory=lambda _c: remote_for(fake))

    first = phone()
    first.sign_in(EMAILS["rep"], PASSWORDS[EMAILS["rep"]])
    token = device.load_token()
    assert token and token in fake.refresh_tokens
    assert device.token_path.stat().st_mode & 0o077 == 0  # this user's only
    first.close()

    again = phone()
    assert again.restore() is not None
    report = again.sync.sync()  # no password: the saved token signs in
    assert report.pages >= 1 and again.sync.error("en") is None
    rotated = device.load_token()
    assert rotated and rotated != token and token not in fake.refresh_tokens
    assert visible_ids(fake.conn, world.users["rep"], "customers") == local_ids(
        again.store, "customers"
    )
    again.close()

    fake.refresh_tokens.clear()  # revoked on the server (signed out everywhere)
    third = phone()
    third.restore()
    with pytest.raises(AuthFailed):
        third.sync.sync()
    assert third.sync.error("en") == "Sign-in failed: enter your password again to sync"
    assert device.load_token() is None
    third.reauthenticate(PASSWORDS[EMAILS["rep"]])
    assert third.sync.sync().pages >= 1 and device.load_token() in fake.refresh_tokens
    third.sign_out()
    assert not device.token_path.exists()
