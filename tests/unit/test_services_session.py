"""Signing in and out without a server: validation, Supabase mode's password, device files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from fieldapp.services.device import DEMO, SUPABASE, PhoneFolder
from fieldapp.services.i18n import FieldErrors
from fieldapp.services.phone import Phone, ServerConfig, UnsyncedWork
from fieldapp.services.position import Fix
from fieldapp.sync.errors import AuthFailed
from fieldapp.sync.remote import Session

SUPA = ServerConfig(SUPABASE, supabase_url="https://example.supabase.co", supabase_key="anon")


class StubRemote:
    """Stands in for the network hop only in these no-server tests: it signs in one user."""

    def __init__(self, password: str = "secret") -> None:
        self.password = password
        self.session: Session | None = None
        self.closed = False

    refresh_token = None  # no token: a restarted app asks for the password

    def sign_in(self, email: str, password: str) -> Session:
        if password != self.password:
            raise AuthFailed("邮箱或密码不正确", "wrong email or password")
        self.session = Session("11111111-1111-1111-1111-111111111111", email, "rep", "李业务")
        return self.session

    def resume(self, refresh_token: str) -> Session:
        raise AssertionError("no token was saved")

    def pull(self, since: int, limit: int, after: str | None) -> dict[str, Any]:
        return {"cursor": since, "after": None, "has_more": False, "epoch": 1, "changes": {}}

    def push(self, client_id: str, mutations: list[dict[str, Any]]) -> dict[str, Any]:
        raise AssertionError("nothing to push in these tests")

    def close(self) -> None:
        self.closed = True


def test_sign_in_validates_before_any_network(tmp_path: Path) -> None:
    phone = Phone(PhoneFolder(tmp_path), SUPA, remote_factory=lambda _c: pytest.fail("no network"))
    with pytest.raises(FieldErrors) as err:
        phone.sign_in("not-an-email", "")
    assert set(err.value.fields) == {"email", "password"}
    assert err.value.fields["password"].zh == "请输入密码"


def test_without_a_token_a_restarted_supabase_phone_asks_for_the_password_to_sync(
    tmp_path: Path,
) -> None:
    made: list[StubRemote] = []

    def factory(_c: ServerConfig) -> StubRemote:
        made.append(StubRemote())
        return made[-1]

    device = PhoneFolder(tmp_path / "phone")
    phone = Phone(device, SUPA, remote_factory=factory)
    with pytest.raises(AuthFailed):
        phone.sign_in("rep@example.cn", "wrong")
    assert made[-1].closed and device.load_session() is None
    who = phone.sign_in("rep@example.cn", "secret")
    assert who.mode == SUPABASE and who.server == "https://example.supabase.co"
    phone.close()

    again = Phone(device, SUPA, remote_factory=factory)
    assert again.restore() == who  # offline: no sign-in call
    with pytest.raises(AuthFailed) as err:
        again.sync.sync()
    assert "密码" in err.value.message_zh
    assert again.sync.error("en") == "Sign-in failed: enter your password again to sync"
    again.reauthenticate("secret")
    report = again.sync.sync()
    assert report.pages == 1 and again.sync.error("zh") is None
    # a demo-mode phone does not pick up a Supabase session
    assert (
        Phone(device, ServerConfig(DEMO, "postgresql://x"), remote_factory=factory).restore()
        is None
    )


def test_sign_out_refuses_unsynced_work_unless_insisted(tmp_path: Path) -> None:
    device = PhoneFolder(tmp_path / "phone")
    phone = Phone(device, SUPA, remote_factory=lambda _c: StubRemote())
    phone.sign_in("rep@example.cn", "secret")
    phone.store.write("visits", {"id": phone.store.new_id(), "status": "in_progress"})
    with pytest.raises(UnsyncedWork) as err:
        phone.sign_out()
    assert err.value.pending == 1 and device.store_path.exists()
    phone.sign_out(force=True)
    assert not device.store_path.exists() and device.load_session() is None and phone.user is None


def test_another_users_unsynced_store_is_never_wiped(tmp_path: Path) -> None:
    device = PhoneFolder(tmp_path / "phone")
    phone = Phone(device, SUPA, remote_factory=lambda _c: StubRemote())
    phone.sign_in("rep@example.cn", "secret")
    phone.store.set_state(user_id="someone-else")
    phone.store.write("visits", {"id": phone.store.new_id(), "status": "in_progress"})
    phone.close()
    device.forget_session()
    with pytest.raises(AuthFailed) as err:
        Phone(device, SUPA, remote_factory=lambda _c: StubRemote()).sign_in(
            "rep@example.cn", "secret"
        )
    assert "另一个账号" in err.value.message_zh and device.store_path.exists()


def test_device_folders_are_safe_names(tmp_path: Path) -> None:
    assert PhoneFolder.in_dir(tmp_path, "../../etc").root == tmp_path / "etc"
    assert PhoneFolder.in_dir(tmp_path, "").root == tmp_path / "phone"
    assert Fix(31.0, 121.0, None, dt.datetime.now(dt.UTC)).source == "gps"


def test_the_server_label_never_shows_a_password() -> None:
    for url, label in (
        ("postgresql://rep:s3cret@db.example.cn:6543/prod", "PostgreSQL db.example.cn:6543/prod"),
        ("postgresql://postgres@/demo?host=/tmp/pg", "PostgreSQL /tmp/pg/demo"),
        ("user=postgres password=s3cret dbname=demo host=/tmp/pg", "PostgreSQL /tmp/pg/demo"),
        ("host='db one' port=5433 dbname=x password='p w'", "PostgreSQL db one:5433/x"),
    ):
        shown = ServerConfig(DEMO, url).label()
        assert shown == label and "s3cret" not in shown and "p w" not in shown
    assert SUPA.label() == "https://example.supabase.co"
