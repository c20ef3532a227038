"""Check-out asks about required display items still unanswered (missing_required over the
phone's store, offline), and the template editor's form checks (bilingual, per field)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldapp.services.display_checks import DisplayChecks, missing_required
from fieldapp.services.display_templates import check_item, check_template, split_options
from fieldapp.services.i18n import FieldErrors
from fieldapp.services.visits import VisitService
from tests.unit.services_world import SHOP, World, build


def _pull(world: World, template: dict, items: list[dict]) -> None:
    world.store.apply_page(
        cursor=12, after=None, epoch=1, revoked=[],
        changes={"display_templates": [{**template, "version": 1}],
                 "display_items": [{**i, "version": 1} for i in items]},
    )  # fmt: skip


def test_required_items_unanswered_are_listed_until_answered() -> None:
    world = build()
    template = {"id": "t1", "name": "门店陈列", "tier": None, "grade": None, "active": True}
    items = [
        {"id": "i1", "template_id": "t1", "sort": 1, "label": "货架位置", "kind": "choice",
         "options": ["黄金位", "底层"], "required": True},
        {"id": "i2", "template_id": "t1", "sort": 2, "label": "陈列照片", "kind": "photo",
         "options": [], "required": True},
        {"id": "i3", "template_id": "t1", "sort": 3, "label": "备注", "kind": "text",
         "options": [], "required": False},
    ]  # fmt: skip
    _pull(world, template, items)
    visits = VisitService(world.store, world.user, world.clock, Path("/nonexistent"))
    v = visits.check_in(world.ids["R1"], world.fix(*SHOP))
    display = DisplayChecks(world.store, world.user, world.clock, lambda *a, **k: None)
    assert [i["label"] for i in display.missing(v["id"])] == ["货架位置", "陈列照片"]
    display.answer(v["id"], items[0], "底层")
    assert [i["label"] for i in display.missing(v["id"])] == ["陈列照片"]
    display.answer(v["id"], items[1], "photo-1")
    assert display.missing(v["id"]) == []


def test_missing_required_as_a_pure_function() -> None:
    items = [{"id": "a", "label": "POP", "kind": "yes_no", "required": True},
             {"id": "b", "label": "备注", "kind": "text", "required": False}]  # fmt: skip
    assert missing_required(items, {}) == items[:1]  # type: ignore[arg-type]
    answered = {"a": {"yes_value": False}}  # "no" is an answer
    assert missing_required(items, answered) == []  # type: ignore[arg-type]
    gone = {"a": {"yes_value": True, "deleted_at": "2026-12-10T10:00:00+08:00"}}
    assert missing_required(items, gone) == items[:1]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("label", "kind", "options", "field", "zh"),
    [
        ("  ", "yes_no", [], "label", "请填写检查项名称"),
        ("货架位置", "choice", [], "options", "「货架位置」是选项题"),
        ("货架位置", "choice", [f"位{n}" for n in range(21)], "options", "最多20个选项"),
        ("货架位置", "choice", ["上", "上"], "options", "不能重复"),
        ("POP", None, [], "kind", "请选择检查项类型"),
    ],
)
def test_bad_items_name_their_field(
    label: str, kind: str | None, options: list[str], field: str, zh: str
) -> None:
    with pytest.raises(FieldErrors) as err:
        check_item(label, kind, options)
    assert zh in err.value.fields[field].zh and err.value.fields[field].en


def test_options_and_templates() -> None:
    assert split_options("黄金位\n 中层 、底层,,\n") == ["黄金位", "中层", "底层"]
    assert check_item("POP", "yes_no", ["x"])["p_options"] == "{}"  # only a choice has options
    assert check_item("位置", "choice", ['上"层'])["p_options"] == '{"上\\"层"}'
    with pytest.raises(FieldErrors) as err:
        check_template(" ", 4, "E")
    assert set(err.value.fields) == {"name", "tier", "grade"}
    assert check_template(" 门店 ", None, "B") == {"p_name": "门店", "p_tier": None, "p_grade": "B"}
