"""Customers in the browser: search, the card with its warning sentence, and English."""

from __future__ import annotations

import re

import psycopg
import pytest

from tests.e2e.app_helpers import Phone, reopen

pytestmark = pytest.mark.e2e


def warned_customer(conn: psycopg.Connection, email: str, lang: str) -> dict:
    """An outlet of the rep with exactly one open warning, and the server's sentence for it."""
    row = conn.execute(
        "select c.id::text, c.code, c.name, c.phone, c.address,"
        " public.warning_message(w.kind, w.figures, %s) from customers c"
        " join profiles u on u.id = c.owner_id join warnings w on w.customer_id = c.id"
        " where u.email = %s and c.tier = 3 and w.status <> 'resolved'"
        " and (select count(*) from warnings x where x.customer_id = c.id"
        "      and x.status <> 'resolved') = 1"
        " order by c.code limit 1",
        (lang, email),
    ).fetchone()
    assert row is not None, f"the demo has no warned outlet for {email}"
    keys = ("id", "code", "name", "phone", "address", "sentence")
    return dict(zip(keys, row, strict=True))


def test_search_a_customer(phone: Phone, demo_db_url: str) -> None:
    """Find an outlet by part of its phone number, open its card: warning reason, contacts."""
    email = "rep04@demo.fieldsales.cn"
    with psycopg.connect(demo_db_url) as conn:
        c = warned_customer(conn, email, "zh")
        outlets = conn.execute(
            "select count(*) from customers c join profiles u on u.id = any(c.owner_chain)"
            " where u.email = %s",
            (email,),
        ).fetchone()[0]
    phone.open()
    phone.sign_in(email)
    phone.tab("客户").click()
    phone.see("找到 60+ 个")  # the rep sees more outlets than one page
    assert outlets > 60
    phone.shot("app-customers.png")
    phone.fill("搜索名称、编码、电话、地址", c["phone"][-6:], leave=False)
    tile = phone.page.get_by_role("button", name=re.compile(re.escape(c["name"])))
    tile.first.wait_for()
    phone.see("找到 1 个")
    phone.shot("app-customers-search.png")
    tile.first.click()

    phone.see(c["sentence"])  # the server's sentence, built on the phone from the figures
    phone.see(c["code"])
    phone.see(c["address"])
    call = phone.page.get_by_label(re.compile("^拨打 "))
    call.first.wait_for()
    phone.shot("app-customer-card.png")


def test_switch_to_english(phone: Phone, demo_db_url: str) -> None:
    """Settings → English: every screen follows, the choice survives a restart, and the
    warning reason reads as the server's English sentence."""
    email = "rep05@demo.fieldsales.cn"
    with psycopg.connect(demo_db_url) as conn:
        c = warned_customer(conn, email, "en")
    phone.open()
    phone.sign_in(email)
    phone.page.get_by_label("设置", exact=True).click()
    phone.see("退出登录")
    phone.shot("app-settings.png")
    phone.page.get_by_role("checkbox", name="English").click()
    phone.see("Sign out")
    phone.see("Sales rep")
    phone.shot("app-settings-en.png")

    phone.page.get_by_role("button", name="Back").click()
    phone.tab("Sync").click()
    phone.button("Sync now").click()
    phone.wait_synced()
    phone.see("No conflicts")
    phone.shot("app-sync-en.png")

    phone.tab("Customers").click()
    phone.fill("Search name, code, phone, address", c["code"], leave=False)
    phone.page.get_by_role("button", name=re.compile(re.escape(c["name"]))).first.click()
    phone.see(c["sentence"])
    phone.shot("app-customer-card-en.png")

    again = phone.context.new_page()
    reopen(again, phone.app.url, "Today")
    again.get_by_role("tab", name="Customers").wait_for()
    again.close()

    # nothing is waiting for the server: signing out asks once, then clears the phone
    store = phone.phones_dir / phone.device_id() / "store.db"
    assert store.exists()
    phone.page.get_by_role("button", name="Back").click()  # from the card to the list
    phone.page.get_by_label("Settings", exact=True).click()
    phone.button("Sign out").click()
    phone.see("Signing out clears the data on this phone")
    phone.page.get_by_role("button", name="Sign out").last.click()
    phone.see("Sign in to FieldSales")
    assert not store.exists()
