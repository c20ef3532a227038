"""Group-bot notifications are queued in the transaction of their event (issue 17, 通知推送):
a warning raised at or above notify.min_severity, a warning overdue (one definition,
private.warning_overdue), a case escalated; once per event and channel; the channels are the
managers' only; the settings screen reads the delivery state (notify_status)."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest

from backend.notify.queue import queue_overdue
from fieldapp.domain.limits import limit_message
from tests.db.access_world import World, build_world
from tests.postgrest import rpc

T = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))  # frozen


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    conn.execute(f"set fieldsales.now = '{T.isoformat()}'")
    world = build_world(conn)
    conn.execute(
        "delete from notify_channels"
    )  # the world's (inactive) bot: each test adds its own
    return world


def channel(conn: psycopg.Connection, area: str | None, platform: str = "wecom") -> str:
    """A group bot for an area code (None: company-wide), added as the service side."""
    secret = None if platform == "wecom" else "env:BOT_SECRET"
    return str(
        conn.execute(
            "insert into notify_channels (area_id, name, platform, webhook_ref, secret_ref)"
            " values ((select id from areas where code = %s), %s, %s, 'env:BOT_URL', %s)"
            " returning id",
            (area, f"群-{area or '全公司'}-{platform}", platform, secret),
        ).fetchone()[0]
    )


def raise_warning(
    conn: psycopg.Connection, world: World, severity: str, *, customer: str = "D_SH", **kw: object
) -> str:
    raised_at = kw.get("raised_at", T)
    return str(
        conn.execute(
            "insert into warnings (customer_id, kind, cause_key, severity, owner_id, figures,"
            " raised_at) values (%s, 'churn', %s, %s, %s, %s, %s) returning id",
            (
                world.ids[customer],
                str(kw.get("cause", "2026-08-01")),
                severity,
                world.users["rep"],
                '{"last_purchase": "2026-08-01", "days_since": 128, "days": 90}',
                raised_at,
            ),
        ).fetchone()[0]
    )


def outbox(conn: psycopg.Connection, event: str | None = None) -> list[tuple]:
    return conn.execute(
        "select event, subject_id::text, channel_id::text, title, message, status, dedupe_key"
        " from private.notify_outbox where %s::text is null or event = %s order by id",
        (event, event),
    ).fetchall()


def test_a_high_warning_is_queued_per_matching_channel_in_its_transaction(
    conn: psycopg.Connection, world: World
) -> None:
    everyone, sh, hd = channel(conn, None), channel(conn, "SH", "dingtalk"), channel(conn, "HD")
    channel(conn, "ZJ", "feishu")  # another area: not told
    w = raise_warning(conn, world, "high")
    rows = outbox(conn)
    assert sorted(r[2] for r in rows) == sorted([everyone, sh, hd])
    assert {r[0] for r in rows} == {"warning_raised"} and {r[1] for r in rows} == {w}
    title, message = rows[0][3], rows[0][4]
    assert title.startswith("【客户预警】")
    name = conn.execute("select name from customers where id = %s", (world.ids["D_SH"],))
    assert name.fetchone()[0] in message  # the customer
    assert "已 128 天未进货（上次 2026-08-01）" in message  # the reason with figures
    assert "李业务" in message and "严重程度：高" in message  # the owner and the severity
    # a rolled-back event queues nothing
    with pytest.raises(RuntimeError), conn.transaction():
        raise_warning(conn, world, "high", cause="2026-09-01")
        raise RuntimeError("roll back")
    assert len(outbox(conn)) == 3


def test_below_min_severity_is_not_queued_until_the_setting_says_so(
    conn: psycopg.Connection, world: World
) -> None:
    channel(conn, None)
    raise_warning(conn, world, "medium")
    assert outbox(conn) == []
    conn.execute("update settings set value = '\"medium\"' where key = 'notify.min_severity'")
    raise_warning(conn, world, "medium", cause="2026-09-01")
    assert len(outbox(conn)) == 1


def test_nothing_is_queued_without_an_active_channel(
    conn: psycopg.Connection, world: World
) -> None:
    ch = channel(conn, None)
    conn.execute("update notify_channels set active = false where id = %s", (ch,))
    raise_warning(conn, world, "high")
    assert outbox(conn) == []


def test_overdue_has_one_definition_and_is_queued_once(
    conn: psycopg.Connection, world: World
) -> None:
    due_on = conn.execute(
        "select private.warning_due_on('high', %s), private.warning_due_on('medium', %s),"
        " private.warning_due_on('low', %s)",
        (T, T, T),
    ).fetchone()
    assert due_on == (dt.date(2026, 12, 10), dt.date(2026, 12, 14), dt.date(2026, 12, 21))
    # raised late in the evening in Shanghai: the company day counts, not UTC's
    late = dt.datetime(2026, 12, 6, 17, 30, tzinfo=dt.UTC)  # 01:30 on 7 Dec in Shanghai
    assert conn.execute("select private.warning_due_on('high', %s)", (late,)).fetchone()[0] == (
        dt.date(2026, 12, 10)
    )
    overdue = conn.execute(
        "select private.warning_overdue('high', %s, 'open', date '2026-12-10'),"
        " private.warning_overdue('high', %s, 'open', date '2026-12-11'),"
        " private.warning_overdue('high', %s, 'resolved', date '2026-12-11')",
        (T, T, T),
    ).fetchone()
    assert overdue == (False, True, False)

    channel(conn, "SH")
    w = raise_warning(conn, world, "high")
    conn.execute("delete from private.notify_outbox")  # only the overdue events below
    conn.execute(  # the world's own warnings are not this test's
        "update warnings set status = 'resolved', resolved_at = now() where id <> %s", (w,)
    )
    assert queue_overdue(conn, dt.date(2026, 12, 10)) == 0  # on its due day: not yet
    assert queue_overdue(conn, dt.date(2026, 12, 11)) == 1
    assert queue_overdue(conn, dt.date(2026, 12, 12)) == 0  # once per warning and channel
    (row,) = outbox(conn, "warning_overdue")
    assert row[1] == w and row[3].startswith("【预警逾期】")
    assert "3 天内应处理（最迟 2026-12-10），今天 2026-12-11 仍未解决" in row[4]
    # the setting moves the due day (validated: a bad value is refused in both languages)
    conn.execute(
        'update settings set value = \'{"low": 14, "medium": 7, "high": 1}\''
        " where key = 'warning.due_days'"
    )
    assert conn.execute("select private.warning_due_on('high', %s)", (T,)).fetchone()[0] == (
        dt.date(2026, 12, 8)
    )
    with pytest.raises(psycopg.errors.InvalidParameterValue) as bad:
        conn.execute(
            'update settings set value = \'{"low": 14, "medium": 0, "high": 1}\''
            " where key = 'warning.due_days'"
        )
    assert "1到365" in bad.value.diag.message_detail and "medium" in str(bad.value)


def test_the_evaluate_command_queues_the_overdue_ones_with_its_date(
    conn: psycopg.Connection, world: World, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backend.cli import main

    channel(conn, None)
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("FIELDSALES_NOW", T.isoformat())
    assert main(["warnings", "evaluate", "--as-of", "2026-12-07"]) == 0  # settles the world
    conn.execute(  # what is still open was raised ten days earlier: overdue on 7 Dec
        "update warnings set raised_at = %s where status <> 'resolved'",
        (T - dt.timedelta(days=10),),
    )
    open_high = conn.execute(
        "select array_agg(id::text order by id) from warnings"
        " where status <> 'resolved' and severity = 'high'"
    ).fetchone()[0]
    assert open_high, "the world keeps an open high warning (churn)"
    assert outbox(conn, "warning_overdue") == []
    assert main(["warnings", "evaluate", "--as-of", "2026-12-07"]) == 0
    rows = outbox(conn, "warning_overdue")
    assert sorted(r[1] for r in rows) == sorted(open_high)
    assert main(["warnings", "evaluate", "--as-of", "2026-12-08"]) == 0
    assert len(outbox(conn, "warning_overdue")) == len(rows)  # nothing twice


def test_an_escalated_case_is_queued_per_level(conn: psycopg.Connection, world: World) -> None:
    channel(conn, None)
    # the world's cases were opened at the machine's now: escalate a month after the latest
    later = conn.execute("select max(opened_at) from cases").fetchone()[0] + dt.timedelta(days=30)
    assert conn.execute("select public.escalate_cases(%s)", (later,)).fetchone()[0] >= 1
    rows = outbox(conn, "case_escalated")
    assert rows and all(r[3].startswith("【售后升级】") for r in rows)
    assert any(world.ids["cases"] == r[1] for r in rows)
    mine = next(r for r in rows if r[1] == world.ids["cases"])
    assert "升级至销售经理" in mine[4] and "陈总" in mine[4]  # the reason and the new owner
    n = len(rows)
    conn.execute("select public.escalate_cases(%s)", (later + dt.timedelta(days=30),))
    assert len(outbox(conn, "case_escalated")) > n  # level 2 is another event
    assert len({r[6] for r in outbox(conn)}) == len(outbox(conn))


def test_only_managers_manage_bots_and_read_the_delivery_state(
    conn: psycopg.Connection, world: World
) -> None:
    row = {"name": "上海群", "platform": "dingtalk", "webhook_ref": "env:SH_BOT",
           "secret_ref": "env:SH_SECRET"}  # fmt: skip
    cols = ", ".join(row)
    marks = ", ".join(["%s"] * len(row))
    from tests.postgrest import request

    with request(conn, world.claims("mgr"), commit=True) as cur:
        cur.execute(f"insert into notify_channels ({cols}) values ({marks})", list(row.values()))
        assert cur.execute("select count(*) as n from notify_channels").fetchone()["n"] == 1
    for persona in ("am", "rep", "dealer"):
        with request(conn, world.claims(persona)) as cur:
            assert cur.execute("select count(*) as n from notify_channels").fetchone()["n"] == 0
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                cur.execute(
                    f"insert into notify_channels ({cols}) values ({marks})", list(row.values())
                )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            rpc(conn, "notify_status", {}, world.claims(persona))
    with pytest.raises(psycopg.Error), request(conn, world.claims("mgr")) as cur:
        cur.execute("select count(*) from private.notify_outbox")  # not the API's
    raise_warning(conn, world, "high")
    conn.execute(
        "update private.notify_outbox set status = 'dead', tries = 8,"
        " last_error = 'HTTP 502' where id = (select min(id) from private.notify_outbox)"
    )
    state = rpc(conn, "notify_status", {}, world.claims("mgr"))
    assert state["counts"] == {"queued": 0, "sent": 0, "dead": 1}
    assert state["dead"][0]["last_error"] == "HTTP 502" and state["dead"][0]["tries"] == 8
    assert state["channels"][0]["name"] == "上海群" and state["channels"][0]["dead"] == 1


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        ("webhook_ref", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", "不能填网址"),
        ("secret_ref", "SEC0123456789", "不能填密钥本身"),
        ("platform", "slack", "wecom, dingtalk or feishu"),
    ],
)
def test_a_bad_bot_is_refused_with_the_field_named(
    conn: psycopg.Connection, world: World, column: str, value: str, words: str
) -> None:
    from tests.postgrest import request

    row = {"name": "群", "platform": "feishu", "webhook_ref": "env:BOT", "secret_ref": "env:S"}
    row[column] = value
    with (
        pytest.raises(psycopg.errors.CheckViolation) as bad,
        request(conn, world.claims("mgr")) as cur,
    ):
        cur.execute(
            f"insert into notify_channels ({', '.join(row)}) values (%s, %s, %s, %s)",
            list(row.values()),
        )
    zh, en = limit_message(str(bad.value)) or ("", "")
    assert words in zh + en
    assert conn.execute("select count(*) from notify_channels").fetchone()[0] == 0
    # an unsigned DingTalk or Feishu bot is refused too
    with pytest.raises(psycopg.errors.CheckViolation, match="notify_channels_signed_check"):
        conn.execute(
            "insert into notify_channels (name, platform, webhook_ref) values ('x', 'feishu', 'env:B')"
        )


def test_bad_notify_settings_are_refused(conn: psycopg.Connection, world: World) -> None:
    for key, value in (("notify.min_severity", '"urgent"'), ("notify.max_tries", "0")):
        with pytest.raises(psycopg.errors.InvalidParameterValue) as bad:
            conn.execute("update settings set value = %s where key = %s", (value, key))
        assert bad.value.diag.message_detail and key in str(bad.value)
    with pytest.raises(psycopg.errors.NullValueNotAllowed):
        conn.execute("select public.queue_overdue_notifications(null)")
