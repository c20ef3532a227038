"""A new outlet in the browser: a message under each field, the duplicate warning, the server."""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest

from fieldapp.sync.errors import ServerRejected
from fieldapp.sync.pg_remote import PgRemote
from tests.e2e.app_helpers import Phone, first_stop, near, poll
from tests.images import png

pytestmark = pytest.mark.e2e
STOREFRONT = png((640, 480))


def test_create_an_outlet(phone: Phone, demo_db_url: str, phones_dir: Path) -> None:
    """Archive a store next to one of the rep's outlets: errors first, then the duplicate
    warning, then the outlet on the phone and, after a sync, on the server."""
    email = "rep03@demo.fieldsales.cn"
    with psycopg.connect(demo_db_url) as conn:
        nearby = first_stop(conn, email)
        parent_name = conn.execute(
            "select p.name from customers c join customers p on p.id = c.parent_id where c.id = %s",
            (nearby["id"],),
        ).fetchone()[0]
    phone.context.set_geolocation(near(nearby["lat"], nearby["lng"], north_m=30, accuracy=6))
    phone.open()
    phone.sign_in(email)
    phone.tab("客户").click()
    phone.button("新建网点").click()
    phone.see("网点类型")
    phone.see("GPS ±6 米")  # the form locates the outlet by itself

    phone.button("保存网点").click()
    phone.see("有 4 项需要改正")
    phone.see("请填写网点名称")
    phone.shot("app-new-outlet-errors.png")
    for message in ("请填写联系电话", "请填写地址", "请选择上级客户"):
        phone.reveal(phone.text(message))

    name = f"{nearby['name']}二店"  # contains the name of the outlet 30 m away
    phone.fill("网点名称", name)
    phone.fill("联系人", "陈店长")
    phone.fill("联系电话", "12345")
    phone.fill("详细地址", "宁波市海曙区中山西路88号")
    phone.fill("搜索经销商或二批", parent_name[:4])
    phone.reveal(phone.page.get_by_role("button", name=re.compile(re.escape(parent_name)))).click()
    phone.reveal(phone.text("重新选择上级"))
    phone.button("保存网点").click()
    phone.see("有 1 项需要改正")
    phone.reveal(phone.text("电话格式不对"))
    phone.fill("联系电话", "139 1234 5678")
    # a storefront photo through the browser's file dialog
    with phone.page.expect_file_chooser() as chooser:
        phone.reveal(phone.button("添加照片")).click()
    chooser.value.set_files(
        files=[{"name": "front.png", "mimeType": "image/png", "buffer": STOREFRONT}]
    )
    phone.see("已选择 1 张照片")
    phone.shot("app-new-outlet.png")
    phone.button("保存网点").click()

    phone.see("可能重复")
    phone.see(f"{nearby['name']}（名称相似，相距 30 米）")
    phone.shot("app-new-outlet-duplicate.png")
    phone.button("仍然新建").click()
    phone.see(f"已保存：{name}")
    phone.see(name)
    phone.see(f"上级 {parent_name}")
    phone.wait_synced()

    with psycopg.connect(demo_db_url) as conn:
        row = conn.execute(
            "select c.tier, c.phone, c.address, c.contact_name, u.email, p.name,"
            " round(c.lat::numeric, 4), round(c.lng::numeric, 4)"
            " from customers c join profiles u on u.id = c.owner_id"
            " join customers p on p.id = c.parent_id where c.name = %s",
            (name,),
        ).fetchone()
    assert row is not None, "the outlet did not reach the server (see the sync screen)"
    expected_lat = round(nearby["lat"] + 30 / 111_195.0, 4)
    assert row[:6] == (3, "13912345678", "宁波市海曙区中山西路88号", "陈店长", email, parent_name)
    assert float(row[6]) == pytest.approx(expected_lat, abs=1e-4)

    # the photo's file followed the outlet to the server: its metadata in photo_files, its bytes
    # in the demo's photo store (beside FIELDAPP_DATA_DIR), read back as the rep may see them
    def uploaded() -> str | None:
        with psycopg.connect(demo_db_url) as conn:
            found = conn.execute(
                "select f.photo_id::text from photo_files f join photos p on p.id = f.photo_id"
                " join customers c on c.id = p.customer_id"
                " where c.name = %s and p.kind = 'storefront'",
                (name,),
            ).fetchone()
        return found[0] if found else None

    remote = PgRemote(demo_db_url, photo_store=phones_dir.resolve().parent / "photo-store")
    remote.sign_in(email)

    def stored() -> bytes | None:
        photo_id = uploaded()
        try:
            return remote.get_photo(photo_id) if photo_id else None
        except ServerRejected:  # recorded, the bytes not written yet
            return None

    kept = poll(stored, timeout=30)  # the photo the phone kept: watermarked, as JPEG
    photo_id = uploaded()
    on_phone = next((phones_dir / phone.device_id() / "photos").rglob(f"{photo_id}.jpg"))
    assert kept == on_phone.read_bytes() and kept[:3] == b"\xff\xd8\xff"
    remote.close()
