"""Policy settings (issue 17, 管理设置): one catalog of every rule number, one RPC to change a
setting, checked by the key's rule (ranges, totals, order) with nothing written when refused, and
every change on every path recorded in the append-only setting_changes."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.db.rpc_calls import SCORECARD
from tests.postgrest import request, rpc, rpc_rows

WEIGHTS_100 = {
    "enthusiasm": 10,
    "flexibility": 6,
    "distribution_capacity": 10,
    "capital_strength": 8,
    "hot_brands": 6,
    "logistics": 6,
    "credit": 14,
    "social_relations": 6,
    "sales_management": 8,
    "network": 8,
    "promotion_ability": 6,
    "after_sales": 6,
    "relationship": 6,
}


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    w = build_world(conn)  # its import and threshold are audited too: the tests look after it
    conn.execute("select set_config('test.audit_from', clock_timestamp()::text, false)")
    return w


def setting(conn: psycopg.Connection, key: str) -> Any:
    return conn.execute("select value from settings where key = %s", (key,)).fetchone()[0]


def changes(conn: psycopg.Connection) -> list[tuple[Any, ...]]:
    return conn.execute(
        "select setting_key, grade, customer_id::text, old_value, new_value, changed_by::text"
        " from setting_changes where changed_at > current_setting('test.audit_from')::timestamptz"
        " order by changed_at, id"
    ).fetchall()


def set_as(conn: psycopg.Connection, world: World, persona: str, key: str, value: Any) -> Any:
    return rpc(
        conn, "set_setting", {"p_key": key, "p_value": json.dumps(value)}, world.claims(persona)
    )


def refused(conn: psycopg.Connection, world: World, key: str, value: Any, persona: str = "mgr"):
    """Try a change; the error (with its Chinese detail) and proof that nothing was written."""
    before, audit = setting(conn, key), changes(conn)
    with pytest.raises(psycopg.Error) as exc:
        set_as(conn, world, persona, key, value)
    assert setting(conn, key) == before
    assert changes(conn) == audit
    return exc.value


def test_weights_totalling_90_are_refused_and_nothing_is_saved(conn, world) -> None:
    w = dict(WEIGHTS_100, credit=4)  # 90
    err = refused(conn, world, "evaluation.weights", w)
    assert err.sqlstate == "22023"
    assert "total exactly 100 %" in str(err) and "90" in str(err)
    assert "合计必须正好是100%" in err.diag.message_detail
    assert "90%" in err.diag.message_detail


def test_weights_totalling_100_are_saved_and_audited(conn, world) -> None:
    w = dict(WEIGHTS_100, credit=10, network=12)
    row = set_as(conn, world, "mgr", "evaluation.weights", w)
    assert row["key"] == "evaluation.weights" and row["value"] == w
    assert setting(conn, "evaluation.weights") == w
    ((key, grade, customer, old, new, who),) = changes(conn)
    assert (key, grade, customer) == ("evaluation.weights", None, None)
    assert old == WEIGHTS_100 and new == w and who == world.users["mgr"]
    # the catalog shows the change, with the manager's name
    (last, *_) = row["changes"]
    assert last["new_value"] == w and last["changed_by"] == world.users["mgr"]
    assert last["changed_by_name"]


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("evaluation.weights", {**WEIGHTS_100, "credit": 24}, "total exactly 100"),  # 110
        ("evaluation.weights", {k: v for k, v in WEIGHTS_100.items() if k != "credit"}, "keys"),
        ("evaluation.weights", {**WEIGHTS_100, "credit": -4, "network": 26}, "from 0 to 100"),
        ("evaluation.weights", {**WEIGHTS_100, "credit": "14"}, "number"),
        ("evaluation.weights", 100, "keys"),
        ("evaluation.grade_cutoffs", {"A": 70, "B": 80, "C": 55}, "A > B > C"),
        ("evaluation.grade_cutoffs", {"A": 85, "B": 70, "C": 70}, "A > B > C"),
        ("evaluation.grade_cutoffs", {"A": 120, "B": 70, "C": 55}, "from 0 to 100"),
        ("evaluation.grade_cutoffs", {"A": 85, "B": 70}, "keys"),
        ("evaluation.period_months", 0, "from 1 to 24"),
        ("evaluation.period_months", 2.5, "whole number"),
        ("visit.checkin_radius_m", 5, "from 10 to 5000"),
        ("visit.checkin_radius_m", "300", "number"),
        ("visit.fix_max_age_s", 1e6, "from 10 to 3600"),
        ("visit.frequency_days", {"A": 7, "B": 14, "C": 30}, "keys"),
        ("visit.frequency_days", {"A": 0, "B": 14, "C": 30, "D": 90}, "from 1 to 365"),
        ("warning.churn.days", 0, "from 1 to 3650"),
        ("warning.behind_plan.tolerance", 1.5, "from 0 to 1"),
        ("warning.credit.high_ratio", 0.5, "from 1 to 10"),
        ("returns.window_days", {"A": -1, "B": 45, "C": 30, "D": 15}, "0 to 3650"),
        ("case.sla_days", {"low": 7, "medium": 3}, "case.sla_days"),
        ("warning.due_days", {"low": 14, "medium": 7, "high": 0}, "1 to 365"),
        ("notify.min_severity", "urgent", "low"),
        ("notify.max_tries", 0, "1 to 50"),
        ("delivery.confirm_days", 61, "1 to 60"),
    ],
)
def test_every_bad_value_is_refused_in_both_languages_with_nothing_written(
    conn, world, key: str, value: Any, words: str
) -> None:
    err = refused(conn, world, key, value)
    assert err.sqlstate == "22023", str(err)
    assert words in str(err)
    assert err.diag.message_detail  # the Chinese sentence
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err.diag.message_detail)


def test_a_null_value_an_unknown_key_and_a_missing_key_are_refused(conn, world) -> None:
    for key, value in [
        ("evaluation.weights", None),
        ("no.such.setting", 1),
        ("", 1),
        ("company.timezone", "Asia/Tokyo"),
    ]:
        audit = changes(conn)
        with pytest.raises(psycopg.Error) as exc:
            rpc(
                conn,
                "set_setting",
                {"p_key": key, "p_value": None if value is None else json.dumps(value)},
                world.claims("mgr"),
            )
        assert exc.value.sqlstate == "22023"
        assert exc.value.diag.message_detail
        assert changes(conn) == audit
    assert setting(conn, "company.timezone") == "Asia/Shanghai"


@pytest.mark.parametrize("persona", ["rep", "am", "dealer"])
def test_only_managers_change_or_read_the_policy_settings(conn, world, persona: str) -> None:
    err = refused(conn, world, "visit.checkin_radius_m", 500, persona=persona)
    assert err.sqlstate == "42501"
    assert err.diag.message_detail
    with pytest.raises(psycopg.Error) as exc:
        rpc_rows(conn, "setting_catalog", {}, world.claims(persona))
    assert exc.value.sqlstate == "42501"
    with pytest.raises(psycopg.Error) as exc:
        rpc(
            conn,
            "set_warning_threshold",
            {"p_setting_key": "warning.churn.days", "p_value": 30, "p_grade": "A"},
            world.claims(persona),
        )
    assert exc.value.sqlstate == "42501"
    with request(conn, world.claims(persona)) as cur:
        assert cur.execute("select count(*) as n from setting_changes").fetchone()["n"] == 0


def test_a_managers_direct_write_is_checked_and_audited_the_same_way(conn, world) -> None:
    with request(conn, world.claims("mgr"), commit=True) as cur:
        cur.execute(
            "update settings set value = '450' where key = 'visit.checkin_radius_m' returning key"
        )
    with (
        pytest.raises(psycopg.Error) as exc,
        request(conn, world.claims("mgr"), commit=True) as cur,
    ):
        cur.execute("update settings set value = '1' where key = 'visit.checkin_radius_m'")
    assert exc.value.sqlstate == "22023"
    assert changes(conn) == [("visit.checkin_radius_m", None, None, 300, 450, world.users["mgr"])]
    # the service side is recorded too, without a person
    conn.execute("update settings set value = '500' where key = 'visit.checkin_radius_m'")
    assert changes(conn)[-1] == ("visit.checkin_radius_m", None, None, 450, 500, None)


def test_the_audit_is_append_only(conn, world) -> None:
    set_as(conn, world, "mgr", "visit.checkin_radius_m", 400)
    for persona in ("mgr", "rep"):
        claims = world.claims(persona)
        with pytest.raises(psycopg.Error) as exc, request(conn, claims, commit=True) as cur:
            cur.execute("delete from setting_changes")
        assert exc.value.sqlstate == "42501"
        with pytest.raises(psycopg.Error), request(conn, world.claims(persona), commit=True) as cur:
            cur.execute("insert into setting_changes (setting_key, new_value) values ('x.y', '1')")
    for statement in ("delete from setting_changes", "update setting_changes set new_value = '1'"):
        with pytest.raises(psycopg.Error) as exc:
            conn.execute(statement)  # not even the service side
        assert exc.value.sqlstate == "42501"
    assert len(changes(conn)) == 1


def test_the_catalog_lists_every_rule_number_by_section(conn, world) -> None:
    rows = rpc_rows(conn, "setting_catalog", {}, world.claims("mgr"))
    by_key = {r["key"]: r for r in rows}
    for key in (
        "warning.churn.days",
        "visit.checkin_radius_m",
        "visit.fix_max_age_s",
        "visit.frequency_days",
        "returns.window_days",
        "case.sla_days",
        "warning.due_days",
        "evaluation.weights",
        "evaluation.grade_cutoffs",
        "evaluation.period_months",
        "notify.min_severity",
        "notify.max_tries",
    ):
        r = by_key[key]
        assert r["label_zh"] and r["label_en"] and r["unit"] and r["section_zh"], key
        assert r["value"] == setting(conn, key)
    w = by_key["evaluation.weights"]
    assert [p["key"] for p in w["parts"]] == list(SCORECARD)
    assert (w["min"], w["max"], w["shape"]) == (0, 100, "weights")
    assert by_key["notify.min_severity"]["choices"] == ["low", "medium", "high"]
    # the world's grade override of churn days shows beside the setting
    assert by_key["warning.churn.days"]["overrides"]["grades"] == {"B": 60}
    # warning.snooze_days is the warnings desk's: listed only once that setting exists
    exists = conn.execute("select count(*) from settings where key = 'warning.snooze_days'")
    assert ("warning.snooze_days" in by_key) == bool(exists.fetchone()[0])
    sections = [r["section"] for r in rows]
    assert sections == sorted(sections, key=sections.index)  # grouped


def test_a_managers_warning_threshold_override_is_validated_and_audited(conn, world) -> None:
    d_sh, mgr = world.ids["D_SH"], world.claims("mgr")
    args = {"p_setting_key": "warning.churn.days", "p_customer_id": d_sh}
    rpc(conn, "set_warning_threshold", {**args, "p_value": 45}, mgr)
    rpc(conn, "set_warning_threshold", {**args, "p_value": 50}, mgr)
    value = "select value from warning_thresholds where customer_id = %s"
    assert conn.execute(value, (d_sh,)).fetchone()[0] == 50
    bad = [
        {**args, "p_value": 0},  # days from 1
        {**args, "p_value": Decimal("4.5")},  # whole days
        {**args, "p_setting_key": "warning.nope"},
        {**args, "p_grade": "B", "p_value": 40},  # both
        {"p_setting_key": "warning.churn.days", "p_value": 40},  # neither
        {"p_setting_key": "warning.churn.days", "p_grade": "E", "p_value": 40},
        {"p_setting_key": "warning.behind_plan.tolerance", "p_grade": "A", "p_value": 2},
    ]
    for a in bad:
        audit = changes(conn)
        with pytest.raises(psycopg.Error) as exc:
            rpc(conn, "set_warning_threshold", {"p_value": None, **a}, mgr)
        assert exc.value.sqlstate == "22023", a
        assert exc.value.diag.message_detail
        assert changes(conn) == audit
    rpc(conn, "set_warning_threshold", {**args, "p_value": None}, mgr)  # cleared
    assert conn.execute(value, (d_sh,)).fetchone() is None
    rpc(conn, "set_warning_threshold", {**args, "p_value": None}, mgr)  # nothing to clear
    log = [(k, c, o, n) for k, _g, c, o, n, _w in changes(conn)]
    assert log == [
        ("warning.churn.days", d_sh, None, 45),
        ("warning.churn.days", d_sh, 45, 50),
        ("warning.churn.days", d_sh, 50, None),
    ]
    # a grade override too
    rpc(conn, "set_warning_threshold", {"p_setting_key": "warning.churn.days", "p_grade": "B",
                                        "p_value": 70}, mgr)  # fmt: skip
    assert changes(conn)[-1][:5] == ("warning.churn.days", "B", None, 60, 70)
