"""Policy settings in the browser (issue 17): a manager opens 管理设置 from the settings, enters
scorecard weights totalling 90 % (refused in the dialog, nothing saved), then 100 % (saved, and
the change shows who made it and old → new, as the server's audit recorded it)."""

from __future__ import annotations

import psycopg
import pytest
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
