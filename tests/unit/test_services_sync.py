"""A rep's day against the real server (PostgreSQL through the direct remote): sign in, pull,
work offline across a restart, fail to sync, then sync and find everything on the server."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest

from backend.clock import today as company_today
from fieldapp.services.customers import CustomerFilter
from fieldapp.services.device import DEMO, PhoneFolder
from fieldapp.services.outlets import OutletForm
from fieldapp.services.phone import Phone, ServerConfig
from fieldapp.services.position import Fix
from fieldapp.sync.errors import AuthFailed, SyncError
from tests.images import jpeg
from tests.unit.services_db import REP, SHOP, build_server

OFFLINE = ServerConfig(DEMO, "postgresql://postgres@127.0.0.1:1/nowhere?connect_timeout=1")


def converge(phone: Phone, check, timeout: float = 30.0) -> None:
    """Sync until check passes (a pull waits for every older transaction on the server)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            check()
            return
        except AssertionError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.2)
        phone.sync.sync()


@pytest.fixture
def server(conn: psycopg.Connection) -> dict[str, str]:
    return build_server(conn, company_today())


def test_offline_visit_then_sync(
    conn, db_url: str, server: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIELDAPP_PHOTO_STORE", str(tmp_path / "photo-store"))
    device = PhoneFolder(tmp_path / "phone")
    online = ServerConfig(DEMO, db_url)
    phone = Phone(device, online)
    who = phone.sign_in(REP)
    assert who.role == "rep" and who.full_name == "李业务"
    converge(phone, lambda: assert_route(phone, ["联华便利店(南京路店)", "浦东鑫源二批"]))
    phone.close()

    # the app restarts with no network: the session and the data are on the phone
    offline = Phone(device, OFFLINE)
    assert offline.restore() == who
    route = offline.today.route()
    stop = route.next_stop
    assert stop is not None and stop.customer["code"] == "R_SH"
    now = dt.datetime.now(dt.UTC)
    fix = Fix(SHOP[0] + 0.0005, SHOP[1], 9.0, now - dt.timedelta(seconds=3))
    visits = offline.visits
    v = visits.check_in(stop.customer["id"], fix, plan_stop_id=stop.stop["id"])
    visits.save_stock(v["id"], {server["P1"]: "12", server["P2"]: "4"})
    visits.save_order(v["id"], {server["P1"]: "3", server["P2"]: "2"})
    visits.save_notes(v["id"], competitor_notes="农夫山泉新品上架", feedback="希望加快配送")
    visits.report_incident(v["id"], "theft", "昨晚店里被盗")
    visits.raise_complaint(v["id"], "delivery", "上周到货晚了三天")
    shelf = jpeg()  # the photo's bytes (kept watermarked)
    photo = visits.add_photo(v["id"], shelf, kind="shelf")
    shelf = (device.photos_dir / f"{photo['id']}.jpg").read_bytes()  # kept: the watermarked one
    visits.check_out(v["id"])
    pending = offline.pending()
    assert pending == 11  # visit ×4, stock ×2, order + 2 lines, incident, complaint, photo
    with pytest.raises(SyncError):
        offline.sync.sync()
    status = offline.sync.status()
    assert status.pending == pending and not status.running
    assert offline.sync.error("zh").startswith("网络连接中断") or "连接" in offline.sync.error("zh")
    assert "待上传" in offline.sync.line("zh") and "to upload" in offline.sync.line("en")
    assert "+ 1 张照片" in offline.sync.line("zh")
    assert conn.execute("select count(*) from visits").fetchone()[0] == 0  # nothing left the phone
    offline.close()

    # back online: everything reaches the server, exactly once
    back = Phone(device, online)
    back.restore()
    report = back.sync.sync()
    assert report.applied == pending and report.rejected == 0 and report.conflict == 0
    assert back.pending() == 0 and back.sync.error("en") is None
    # the photo's file followed its row, once: its metadata in the database, its bytes in the
    # photo store; on the phone it moved to sent/
    files = conn.execute(
        "select f.storage_path, f.mime, f.size, f.sha256, p.visit_id::text from photo_files f"
        " join photos p on p.id = f.photo_id"
    ).fetchall()
    path = f"{who.user_id}/{photo['id']}.jpg"
    sha = hashlib.sha256(shelf).hexdigest()
    assert files == [(path, "image/jpeg", len(shelf), sha, v["id"])]
    assert (tmp_path / "photo-store" / path).read_bytes() == shelf
    assert (device.photos_dir / "sent" / f"{photo['id']}.jpg").read_bytes() == shelf
    assert back.sync.photos is not None and back.sync.photos.waiting() == []
    assert "照片" not in back.sync.line("zh")
    row = conn.execute(
        "select status, checkin_distance_m, checkin_accuracy_m, offsite, plan_stop_id::text,"
        " checkout_at is not null, competitor_notes, feedback from visits where id = %s",
        (v["id"],),
    ).fetchone()
    assert row[0] == "done" and row[1] == pytest.approx(55.6, abs=1) and row[2] == 9
    assert row[3:] == (False, stop.stop["id"], True, "农夫山泉新品上架", "希望加快配送")
    assert dict(
        conn.execute(
            "select p.sku, s.quantity from stock_counts s join products p on p.id = s.product_id"
            " where s.visit_id = %s",
            (v["id"],),
        ).fetchall()
    ) == {"QY-T01": 12, "QY-W01": 4}
    total = conn.execute(
        "select sum(l.quantity * l.unit_price) from orders o join order_lines l on l.order_id = o.id"
        " where o.visit_id = %s and o.status = 'submitted'",  # the check-out submitted it
        (v["id"],),
    ).fetchone()[0]
    assert total == Decimal("200.00")  # 3 × 45 + 2 × 32.50
    assert (
        conn.execute(
            "select count(*) from complaints where raised_by = %s", (server["rep"],)
        ).fetchone()[0]
        == 1
    )

    # the server raised a major-incident warning; it comes back with a sentence on the card
    def warned() -> None:
        card = back.customers.card(stop.customer["id"])
        kinds = {w["kind"]: reason for w, reason in card.warnings}
        assert "major_incident" in kinds
        assert kinds["major_incident"].zh.startswith("业务员报告重大变故（被盗，")

    converge(back, warned)
    assert [s.status for s in back.today.route().stops] == ["done", "planned"]
    back.sign_out()
    assert not device.store_path.exists() and device.load_session() is None


def test_a_new_outlet_reaches_the_server(conn, db_url: str, server, tmp_path: Path) -> None:
    phone = Phone(PhoneFolder(tmp_path / "phone"), ServerConfig(DEMO, db_url))
    phone.sign_in(REP)
    phone.sync.sync()
    outlet = phone.outlets.create(
        OutletForm(
            tier="3",
            parent_id=server["S_SH"],
            name="美宜佳(张杨路店)",
            contact_name="陈店长",
            phone="13912345678",
            address="上海市浦东新区张杨路500号",
        ),
        Fix(31.2288, 121.5205, 6.0, dt.datetime.now(dt.UTC)),
    )
    report = phone.sync.sync()
    assert (report.applied, report.rejected) == (1, 0), phone.sync.conflicts()
    assert conn.execute(
        "select owner_id::text, created_by::text, area_id = (select area_id from customers where"
        " code = 'S_SH') from customers where id = %s",
        (outlet["id"],),
    ).fetchone() == (server["rep"], server["rep"], True)
    found = phone.customers.search(CustomerFilter("美宜佳"))
    assert [r.customer["id"] for r in found.rows if r.matched] == [outlet["id"]]


def assert_route(phone: Phone, names: list[str]) -> None:
    assert [s.name for s in phone.today.route().stops] == names


def test_sign_in_restore_and_the_sign_out_guard(conn, db_url: str, server, tmp_path: Path) -> None:
    from fieldapp.services.phone import UnsyncedWork

    device = PhoneFolder(tmp_path / "p")
    phone = Phone(device, ServerConfig(DEMO, db_url))
    with pytest.raises(AuthFailed):
        phone.sign_in("nobody@example.cn")
    assert device.load_session() is None
    phone.sign_in(REP)
    phone.sync.sync()
    visit = phone.visits.check_in(server["R_SH"], Fix(*SHOP, 5.0, dt.datetime.now(dt.UTC)))
    with pytest.raises(UnsyncedWork) as err:
        phone.sign_out()
    assert err.value.pending == 1 and "1 条修改" in err.value.message_zh
    assert phone.user is not None and device.store_path.exists()
    again = Phone(device, OFFLINE)  # a restart without network keeps the session and the visit
    assert again.restore() is not None and again.visits.active()["id"] == visit["id"]
    again.close()
    phone.sign_out(force=True)
    assert not device.store_path.exists() and Phone(device, OFFLINE).restore() is None


def test_a_photo_whose_row_the_server_refuses_is_set_aside(
    conn, db_url: str, server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A photo of another area's customer: the row is refused, its file is kept in unsent/ and
    never sent; a good photo in the same run goes through."""
    store_dir = tmp_path / "photo-store"
    monkeypatch.setenv("FIELDAPP_PHOTO_STORE", str(store_dir))
    device = PhoneFolder(tmp_path / "phone")
    phone = Phone(device, ServerConfig(DEMO, db_url))
    who = phone.sign_in(REP)
    phone.sync.sync()
    device.photos_dir.mkdir(parents=True)
    ids = {}
    for name, customer in (("bad", server["D_ZJ"]), ("good", server["R_SH"])):
        ids[name] = phone.store.new_id()
        phone.store.write(
            "photos",
            {
                "id": ids[name],
                "customer_id": customer,
                "kind": "storefront",
                "storage_path": f"outlets/{ids[name]}.png",
                "taken_by": who.user_id,
            },
        )
        (device.photos_dir / f"{ids[name]}.png").write_bytes(b"\x89PNG\r\n\x1a\n" + name.encode())
    report = phone.sync.sync()
    assert report.rejected == 1 and report.applied == 1
    assert (device.photos_dir / "unsent" / f"{ids['bad']}.png").exists()
    assert (device.photos_dir / "sent" / f"{ids['good']}.png").exists()
    assert phone.sync.photos is not None and phone.sync.photos.waiting() == []
    rows = conn.execute("select photo_id::text, mime, storage_path from photo_files").fetchall()
    good = f"{who.user_id}/{ids['good']}.png"
    assert rows == [(ids["good"], "image/png", good)]
    stored = sorted(str(p.relative_to(store_dir)) for p in store_dir.rglob("*") if p.is_file())
    assert stored == [good] and (store_dir / good).read_bytes() == b"\x89PNG\r\n\x1a\ngood"
    phone.sync.sync()  # nothing is retried
    assert conn.execute("select count(*) from photo_files").fetchone()[0] == 1
    assert len([p for p in store_dir.rglob("*") if p.is_file()]) == 1
