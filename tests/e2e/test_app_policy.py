"""Policy settings in the browser (issue 17): a manager opens 管理设置 from the settings, enters
scorecard weights totalling 90 % (refused in the dialog, nothing saved), then 100 % (saved, and
the change shows who made it and old → new, as the server's audit recorded it)."""

from __future__ import annotations

import re

import psycopg
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from psycopg.rows import dict_row

from tests.e2e.app_helpers import Phone

pytestmark = pytest.mark.e2e
MANAGER = "manager@demo.fieldsales.cn"


def weights(conn: psycopg.Connection) -> dict[str, int]:
    row = conn.execute("select value from settings where key = 'evaluation.weights'").fetchone()
    return {k: int(v) for k, v in row["value"].items()}


def test_weights_must_total_100_and_a_change_is_audited(phone: Phone, demo_db_url: str) -> None:
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        before = weights(conn)
        changes = conn.execute("select count(*) as n from setting_changes").fetchone()["n"]
    phone.open()
    phone.text("销售经理", exact=True).click()
    phone.sign_in(MANAGER, first_tab="审批")
    phone.page.get_by_label("设置", exact=True).click()
    phone.reveal(phone.button("管理设置")).click()
    phone.see("预警阈值")
    phone.shot("policy.png")
    phone.text("客户评价", exact=True).click()  # the section's chip
    phone.page.get_by_label("修改评价权重", exact=True).click()
    phone.see("修改：评价权重")
    phone.fill("积极性（%）", str(before["enthusiasm"] - 10))
    phone.button("保存").click()
    phone.see("各项合计必须正好是100%，现在合计90%")
    phone.shot("policy-weights-refused.png")
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        assert weights(conn) == before  # nothing was sent
    phone.fill("信誉（%）", str(before["credit"] + 10))
    phone.button("保存").click()
    phone.see("已保存：评价权重")
    phone.see("最近修改：")
    phone.shot("policy-weights-saved.png")
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        after = weights(conn)
        audit = conn.execute(
            "select p.email, c.old_value, c.new_value from setting_changes c"
            " join profiles p on p.id = c.changed_by where c.setting_key = 'evaluation.weights'"
            " order by c.changed_at desc limit 1"
        ).fetchone()
        assert conn.execute("select count(*) as n from setting_changes").fetchone()["n"] == (
            changes + 1
        )
    assert after == before | {
        "enthusiasm": before["enthusiasm"] - 10,
        "credit": before["credit"] + 10,
    }
    assert audit["email"] == MANAGER
    assert {k: int(v) for k, v in audit["old_value"].items()} == before
    assert {k: int(v) for k, v in audit["new_value"].items()} == after


def test_a_manager_sees_a_dead_letter_and_requeues_it(phone: Phone, demo_db_url: str) -> None:
    """The group-bot delivery state opens from the policy settings' 通知推送 section: counts, the
    dead letter with its bot, event, tries and last error (the URL in it masked by the server),
    and 重新推送 puts it back in the queue, recorded with who did it."""
    secret = "https://oapi.dingtalk.com/robot/send?access_token=e2e0123456789"
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        bot = conn.execute(
            "insert into notify_channels (name, platform, webhook_ref, secret_ref)"
            " values ('华东钉钉群', 'dingtalk', 'env:E2E_BOT', 'env:E2E_SECRET') returning id"
        ).fetchone()["id"]
        w = conn.execute(
            "select w.id, w.customer_id, c.name from warnings w"
            " join customers c on c.id = w.customer_id order by c.code limit 1"
        ).fetchone()
        title = f"【客户预警】{w['name']}"
        dead = conn.execute(
            "insert into private.notify_outbox (event, subject_id, customer_id, channel_id,"
            " dedupe_key, title, message, status, tries, last_error) values ('warning_raised',"
            " %s, %s, %s, %s, %s, '测试', 'dead', 8, %s) returning id",
            (w["id"], w["customer_id"], bot, f"e2e:{w['id']}:{bot}", title, f"HTTP 503 {secret}"),
        ).fetchone()["id"]
    phone.open()
    phone.text("销售经理", exact=True).click()
    phone.sign_in(MANAGER, first_tab="审批")
    phone.page.get_by_label("设置", exact=True).click()
    phone.reveal(phone.button("管理设置")).click()
    phone.see("预警阈值")
    phone.text("通知推送", exact=True).click()
    phone.reveal(phone.page.get_by_role("button", name=re.compile("^推送状态与失败消息"))).click()
    phone.see("群机器人推送状态")
    phone.see("最后错误：HTTP 503 https://oapi.dingtalk.com/…")
    phone.see("华东钉钉群（钉钉）· 新预警 · 尝试 8 次")
    assert phone.page.get_by_text("e2e0123456789").count() == 0
    phone.shot("notify-dead-letters.png")
    phone.page.set_viewport_size({"width": 1280, "height": 800})
    phone.shot("notify-dead-letters-desktop.png")
    phone.page.set_viewport_size({"width": 390, "height": 844})
    phone.app.settle()  # back to the phone size, every view is rebuilt: a tap on an old one is lost
    for attempt in range(3):
        phone.reveal(phone.button("重新推送")).click()  # the one dead letter's
        try:
            phone.see("最近重新推送", timeout_ms=10_000)  # its requeue, recorded
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    phone.see("原尝试 8 次）· 现在：待发送")
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        row = conn.execute(
            "select o.status, o.tries, p.email from private.notify_outbox o"
            " join private.notify_requeues q on q.outbox_id = o.id"
            " join profiles p on p.id = q.requeued_by where o.id = %s",
            (dead,),
        ).fetchone()
        conn.execute("delete from notify_channels where id = %s", (bot,))  # the module's db
    assert row == {"status": "queued", "tries": 0, "email": MANAGER}
