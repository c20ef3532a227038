"""The 陈列模板 editor's functions (20261214100000_display_template_editor.sql): only managers
call them; a template and its items are created, changed, reordered and removed (soft); bad input
(no name, no label, a choice without options, more than 20 options, a new kind for an answered
item) is refused in both languages and nothing is written."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.db.request_helpers import freeze
from tests.postgrest import rpc, rpc_rows


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    freeze(conn)
    return build_world(conn)


def _refused(conn: psycopg.Connection, world: World, fn: str, args: dict[str, Any]) -> Any:
    with pytest.raises(psycopg.Error) as err:
        rpc(conn, fn, args, world.claims("mgr"))
    return err.value


def _rows(conn: psycopg.Connection, table: str) -> list[tuple[Any, ...]]:
    return conn.execute(f"select * from {table} order by id").fetchall()


def _item(label: str, kind: str, options: list[str] | None = None) -> dict[str, Any]:
    return {"p_item_id": None, "p_label": label, "p_kind": kind, "p_options": options or []}


def test_only_managers_edit_templates(conn: psycopg.Connection, world: World) -> None:
    for persona in ("rep", "am", "dealer"):
        with pytest.raises(psycopg.Error) as err:
            rpc(conn, "display_template_save", {"p_template_id": None, "p_name": "x"},
                world.claims(persona))  # fmt: skip
        assert err.value.sqlstate == "42501"
        assert "销售经理" in (err.value.diag.message_detail or "")


def test_a_template_is_built_reordered_and_trimmed(conn: psycopg.Connection, world: World) -> None:
    mgr = world.claims("mgr")
    t = rpc(conn, "display_template_save",
            {"p_template_id": None, "p_name": " 便利店陈列 ", "p_tier": 3, "p_grade": "b"}, mgr)  # fmt: skip
    a = rpc(conn, "display_item_save", {**_item("货架位置", "choice", ["黄金位", " 底层 ", ""]),
                                        "p_template_id": t}, mgr)  # fmt: skip
    b = rpc(
        conn,
        "display_item_save",
        {**_item("陈列照片", "photo", ["ignored"]), "p_template_id": t},
        mgr,
    )
    c = rpc(
        conn,
        "display_item_save",
        {**_item("备注", "text"), "p_template_id": t, "p_required": False},
        mgr,
    )
    items = rpc_rows(conn, "display_template_items", {"p_template_id": t}, mgr)
    assert [(i["label"], i["sort"], i["options"], i["required"]) for i in items] == [
        ("货架位置", 1, ["黄金位", "底层"], True),
        ("陈列照片", 2, [], True),
        ("备注", 3, [], False),
    ]
    listed = [r for r in rpc_rows(conn, "display_template_list", {}, mgr) if r["id"] == t]
    assert listed == [{"id": t, "name": "便利店陈列", "tier": 3, "grade": "B", "active": True,
                       "items": 3, "required": 2}]  # fmt: skip
    # the last moves up twice (the second time past the top does nothing), the first goes down
    assert rpc(conn, "display_item_move", {"p_item_id": c, "p_up": True}, mgr) == 2
    assert rpc(conn, "display_item_move", {"p_item_id": c, "p_up": True}, mgr) == 1
    assert rpc(conn, "display_item_move", {"p_item_id": c, "p_up": True}, mgr) == 1
    assert rpc(conn, "display_item_move", {"p_item_id": b, "p_up": False}, mgr) == 3
    order = [i["id"] for i in rpc_rows(conn, "display_template_items", {"p_template_id": t}, mgr)]
    assert order == [c, a, b]
    rpc(conn, "display_item_remove", {"p_item_id": a}, mgr)
    order = [i["id"] for i in rpc_rows(conn, "display_template_items", {"p_template_id": t}, mgr)]
    assert order == [c, b]
    assert conn.execute("select deleted_at is not null from display_items where id = %s",
                        (a,)).fetchone()[0]  # fmt: skip
    # edit: the template goes inactive and for every tier; the item changes its label
    rpc(
        conn,
        "display_template_save",
        {"p_template_id": t, "p_name": "全部门店", "p_tier": None, "p_active": False},
        mgr,
    )
    rpc(
        conn,
        "display_item_save",
        {**_item("店员备注", "text"), "p_item_id": c, "p_template_id": t},
        mgr,
    )
    row = conn.execute("select name, tier, grade, active from display_templates where id = %s",
                       (t,)).fetchone()  # fmt: skip
    assert tuple(row) == ("全部门店", None, None, False)
    assert conn.execute("select label from display_items where id = %s", (c,)).fetchone()[0] == (
        "店员备注"
    )


@pytest.mark.parametrize(
    ("args", "detail"),
    [
        (_item("  ", "yes_no"), "请填写检查项名称"),
        (_item("货架位置", "choice"), "「货架位置」是选项题，请填写选项"),
        (_item("货架位置", "choice", [""]), "「货架位置」是选项题，请填写选项"),
        (_item("货架位置", "choice", [f"位{n}" for n in range(21)]), "最多20个选项"),
        (_item("货架位置", "choice", ["上", "上"]), "不能重复"),
        (_item("POP", "colour"), "检查项类型"),
    ],
)
def test_bad_items_are_refused(
    conn: psycopg.Connection, world: World, args: dict[str, Any], detail: str
) -> None:
    before = _rows(conn, "display_items")
    err = _refused(conn, world, "display_item_save",
                   {**args, "p_template_id": world.ids["display_templates"]})  # fmt: skip
    assert err.sqlstate == "22023"
    assert detail in err.diag.message_detail
    assert err.diag.message_primary  # and the English sentence
    assert _rows(conn, "display_items") == before


def test_bad_templates_are_refused(conn: psycopg.Connection, world: World) -> None:
    before = _rows(conn, "display_templates")
    for args, detail in (
        ({"p_name": " "}, "请填写模板名称"),
        ({"p_name": "x", "p_tier": 4}, "客户层级"),
        ({"p_name": "x", "p_grade": "E"}, "客户等级"),
    ):
        err = _refused(conn, world, "display_template_save", {"p_template_id": None, **args})
        assert err.sqlstate == "22023" and detail in err.diag.message_detail
    assert _rows(conn, "display_templates") == before


def test_an_answered_item_keeps_its_kind(conn: psycopg.Connection, world: World) -> None:
    item = world.ids["display_items"]
    kind, label, template = conn.execute(
        "select kind, label, template_id from display_items where id = %s", (item,)
    ).fetchone()
    assert conn.execute("select count(*) from display_answers where item_id = %s and"
                        " deleted_at is null", (item,)).fetchone()[0] > 0  # fmt: skip
    other = "text" if kind != "text" else "yes_no"
    err = _refused(conn, world, "display_item_save",
                   {**_item(label, other), "p_item_id": item, "p_template_id": template})  # fmt: skip
    assert err.sqlstate == "22023" and "已有回答，不能更改类型" in err.diag.message_detail
