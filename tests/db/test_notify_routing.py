"""Notification routing from the app (issue 17, 管理设置 → 通知推送): a manager adds, changes and
deactivates a group bot with notify_channel_save; each field is checked with a bilingual message
naming it and nothing is written on error; every change is audited in setting_changes (who,
when, old → new) and listed by notify_channels_list; a new bot for an area receives that area's
next warning."""

from __future__ import annotations

import psycopg
import pytest

from tests.db.access_world import World
from tests.db.test_notify_queue import outbox, raise_warning
from tests.db.test_notify_queue import world as world  # the fixture
from tests.postgrest import rpc


def _save(conn: psycopg.Connection, world: World, who: str = "mgr", **args: object) -> dict:
    call = {
        "p_name": "上海钉钉群",
        "p_platform": "dingtalk",
        "p_webhook_ref": "env:SH_DINGTALK_URL",
        "p_secret_ref": "secret:sh.dingtalk",
        "p_area_id": world.ids["area_SH"],
        "p_active": True,
    } | args
    return rpc(conn, "notify_channel_save", call, world.claims(who))


def _audit(conn: psycopg.Connection) -> list[tuple]:
    """The recorded changes of bots, but the world's own (added and removed by the fixture)."""
    return conn.execute(
        "select c.setting_key, c.old_value, c.new_value, p.id::text from setting_changes c"
        " left join profiles p on p.id = c.changed_by"
        " where c.setting_key like 'notify.channel:%%' and c.changed_by is not null"
        " order by c.changed_at, c.id"
    ).fetchall()


def _bots(conn: psycopg.Connection) -> list[tuple]:
    return conn.execute(
        "select name, platform, area_id::text, webhook_ref, secret_ref, active"
        " from notify_channels order by name"
    ).fetchall()


def test_a_manager_adds_changes_and_deactivates_a_bot_each_change_audited(
    conn: psycopg.Connection, world: World
) -> None:
    mgr = world.users["mgr"]
    added = _save(conn, world)
    bot = added["id"]
    assert _bots(conn) == [
        ("上海钉钉群", "dingtalk", world.ids["area_SH"], "env:SH_DINGTALK_URL",
         "secret:sh.dingtalk", True)
    ]  # fmt: skip
    changed = _save(
        conn, world, p_channel_id=bot, p_name="  全公司企业微信群 ", p_platform="wecom",
        p_area_id=None, p_secret_ref="",
    )  # fmt: skip
    assert changed["name"] == "全公司企业微信群" and changed["area_id"] is None
    _save(
        conn, world, p_channel_id=bot, p_name="全公司企业微信群", p_platform="wecom",
        p_area_id=None, p_secret_ref=None, p_active=False,
    )  # fmt: skip
    assert _bots(conn) == [("全公司企业微信群", "wecom", None, "env:SH_DINGTALK_URL", None, False)]
    audit = _audit(conn)
    assert [a[0] for a in audit] == [f"notify.channel:{bot}"] * 3
    assert all(a[3] == mgr for a in audit)
    sh_name = conn.execute("select name from areas where code = 'SH'").fetchone()[0]
    assert audit[0][1] is None and audit[0][2]["area"] == sh_name
    assert audit[1][1] == audit[0][2]
    assert audit[1][2] | {} == {
        "name": "全公司企业微信群", "platform": "wecom", "area_id": None, "area": None,
        "webhook_ref": "env:SH_DINGTALK_URL", "secret_ref": None, "active": True,
    }  # fmt: skip
    assert (audit[2][1]["active"], audit[2][2]["active"]) == (True, False)

    listed = rpc(conn, "notify_channels_list", {}, world.claims("mgr"))
    assert [c["id"] for c in listed["channels"]] == [bot]
    assert listed["channels"][0]["webhook_ref"] == "env:SH_DINGTALK_URL"
    mine = [c for c in listed["changes"] if c["channel_id"] == bot]  # newest first
    assert [c["new_value"]["active"] for c in mine] == [False, True, True]
    assert mine[-1]["old_value"] is None and mine[0]["channel"] == "全公司企业微信群"
    name = conn.execute("select full_name from profiles where id = %s", (mgr,)).fetchone()[0]
    assert {c["changed_by_name"] for c in mine} == {name}
    assert world.ids["area_ZJ"] in {a["id"] for a in listed["areas"]}


@pytest.mark.parametrize("persona", ["am", "rep", "dealer"])
def test_only_a_manager_adds_or_lists_bots(
    conn: psycopg.Connection, world: World, persona: str
) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
        _save(conn, world, persona)
    assert "只有销售经理" in str(refused.value.diag.message_detail)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        rpc(conn, "notify_channels_list", {}, world.claims(persona))
    assert _bots(conn) == [] and _audit(conn) == []


URL = "https://oapi.dingtalk.com/robot/send?access_token=abc123def456"


@pytest.mark.parametrize(
    ("args", "field", "words"),
    [
        ({"p_name": "  "}, "p_name", "机器人名称"),
        ({"p_name": "群" * 101}, "p_name", "1到100个字符"),
        ({"p_platform": "slack"}, "p_platform", "企业微信"),
        ({"p_platform": None}, "p_platform", "钉钉"),
        ({"p_area_id": "00000000-0000-4000-8000-000000000001"}, "p_area_id", "没有这个区域"),
        ({"p_webhook_ref": ""}, "p_webhook_ref", "请填写 Webhook 引用名"),
        ({"p_webhook_ref": URL}, "p_webhook_ref", "不能填网址"),
        ({"p_webhook_ref": "oapi.dingtalk.com/robot/send"}, "p_webhook_ref", "不能填网址"),
        ({"p_webhook_ref": "env:sh_url"}, "p_webhook_ref", "环境变量名"),
        ({"p_webhook_ref": "www.dingtalk.com"}, "p_webhook_ref", "不能填网址"),
        ({"p_webhook_ref": "abc123def456abc123"}, "p_webhook_ref", "不能填密钥"),
        ({"p_secret_ref": None}, "p_secret_ref", "签名密钥引用名"),
        ({"p_secret_ref": "SEC0123456789abcdef"}, "p_secret_ref", "不能填密钥"),
        ({"p_secret_ref": URL}, "p_secret_ref", "不能填网址"),
        ({"p_active": None}, "p_active", "是否启用"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_writes_nothing(
    conn: psycopg.Connection, world: World, args: dict, field: str, words: str
) -> None:
    with pytest.raises(psycopg.errors.InvalidParameterValue) as bad:
        _save(conn, world, **args)
    assert field in bad.value.diag.message_primary  # English, naming the field
    assert words in bad.value.diag.message_detail and field in bad.value.diag.message_detail
    assert _bots(conn) == [] and _audit(conn) == []


def test_a_bad_change_leaves_the_bot_as_it_was(conn: psycopg.Connection, world: World) -> None:
    bot = _save(conn, world)["id"]
    before, audit = _bots(conn), _audit(conn)
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        _save(conn, world, p_channel_id=bot, p_name="改名", p_webhook_ref=URL)
    with pytest.raises(psycopg.errors.NoDataFound):
        _save(conn, world, p_channel_id="00000000-0000-4000-8000-000000000002")
    assert _bots(conn) == before and _audit(conn) == audit


def test_a_new_bot_for_an_area_receives_that_areas_next_warning(
    conn: psycopg.Connection, world: World
) -> None:
    sh = _save(conn, world)["id"]
    zj = _save(conn, world, p_name="浙江群", p_area_id=world.ids["area_ZJ"])["id"]
    off = _save(conn, world, p_name="停用群", p_active=False)["id"]
    w = raise_warning(conn, world, "high")  # a customer of Shanghai
    rows = outbox(conn, "warning_raised")
    assert [(r[1], r[2]) for r in rows] == [(w, sh)]
    assert zj not in {r[2] for r in rows} and off not in {r[2] for r in rows}
    # deactivated from the app: the next warning is not queued for it
    _save(conn, world, p_channel_id=sh, p_active=False)
    raise_warning(conn, world, "high", cause="2026-09-01")
    assert len(outbox(conn, "warning_raised")) == 1
