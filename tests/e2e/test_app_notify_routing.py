"""Notification routing in the browser (issue 17, 管理设置 → 通知推送): a manager adds a DingTalk
bot for an area with a URL as its webhook reference (refused in the dialog, nothing saved), then
with a reference name (saved, shown with its area and references, and in the change history with
who made it, as the server's audit recorded it), then makes it inactive (old → new shown)."""

from __future__ import annotations

import re

import psycopg
import pytest
from psycopg.rows import dict_row

from tests.e2e.app_helpers import Phone

pytestmark = pytest.mark.e2e
MANAGER = "manager@demo.fieldsales.cn"
URL = "https://oapi.dingtalk.com/robot/send?access_token=e2e0123456789"
WEBHOOK = "Webhook 引用名"


def test_a_manager_adds_a_dingtalk_bot_for_an_area(phone: Phone, demo_db_url: str) -> None:
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        area = conn.execute("select id, name from areas order by code limit 1").fetchone()
        bots = conn.execute("select count(*) as n from notify_channels").fetchone()["n"]
    phone.open()
    phone.text("销售经理", exact=True).click()
    phone.sign_in(MANAGER, first_tab="审批")
    phone.page.get_by_label("设置", exact=True).click()
    phone.reveal(phone.button("管理设置")).click()
    phone.see("预警阈值")
    phone.text("通知推送", exact=True).click()
    phone.reveal(phone.page.get_by_role("button", name=re.compile("^推送状态与失败消息"))).click()
    phone.see("群机器人推送状态")
    phone.reveal(phone.button("添加群机器人")).click()
    phone.fill("机器人名称", "区域钉钉群")
    phone.page.get_by_role("checkbox", name="钉钉", exact=True).click()
    phone.page.get_by_role("checkbox", name=area["name"], exact=True).click()
    phone.fill(WEBHOOK, URL)
    phone.fill("签名密钥引用名", "env:E2E_DT_SECRET")
    phone.button("保存").click()
    phone.see("不能填网址")  # the server's refusal, in the dialog that stays open
    phone.shot("notify-routing-refused.png")
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        assert conn.execute("select count(*) as n from notify_channels").fetchone()["n"] == bots
    phone.fill(WEBHOOK, "env:E2E_DT_URL")
    phone.button("保存").click()
    phone.see("已保存：区域钉钉群")
    phone.see(f"{area['name']} · Webhook：env:E2E_DT_URL · 密钥：env:E2E_DT_SECRET")
    phone.reveal(phone.text("群机器人修改记录"))
    phone.see("区域钉钉群：新增 钉钉")
    assert phone.page.get_by_text("e2e0123456789").count() == 0
    # changed: made inactive, the history shows old → new
    phone.reveal(phone.button("修改")).click()
    phone.see("修改群机器人")
    phone.page.get_by_role("switch", name="启用").click()
    phone.button("保存").click()
    phone.see("区域钉钉群：状态 启用 → 停用")
    path = phone.shot("notify-routing.png")
    phone.page.set_viewport_size({"width": 1280, "height": 800})
    phone.shot("notify-routing-desktop.png")
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        bot = conn.execute(
            "select id, platform, area_id, webhook_ref, secret_ref, active from notify_channels"
            " where name = '区域钉钉群'"
        ).fetchone()
        audit = conn.execute(
            "select p.email, c.old_value, c.new_value from setting_changes c"
            " join profiles p on p.id = c.changed_by where c.setting_key = %s"
            " order by c.changed_at",
            (f"notify.channel:{bot['id']}",),
        ).fetchall()
        conn.execute("delete from notify_channels where id = %s", (bot["id"],))  # the module's db
    assert (bot["platform"], bot["area_id"], bot["webhook_ref"], bot["secret_ref"]) == (
        "dingtalk",
        area["id"],
        "env:E2E_DT_URL",
        "env:E2E_DT_SECRET",
    )
    assert bot["active"] is False
    assert [(a["email"], a["old_value"], a["new_value"]["area"]) for a in audit[:1]] == [
        (MANAGER, None, area["name"])
    ]
    assert [
        (a["email"], a["old_value"]["active"], a["new_value"]["active"]) for a in audit[1:]
    ] == [(MANAGER, True, False)]
    assert path.exists()
