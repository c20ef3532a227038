"""陈列模板 in the browser at 390×844: a manager opens 陈列模板 from the 工作台 desk's chips,
creates a template for every tier, adds a choice item — first without options, refused under the
field in both languages with nothing written — then with its options, and a required photo item,
and moves the photo to the top. A rep checks in, sees the template in the visit's 陈列 section,
answers the choice and taps 签退: the phone lists the unanswered required photo; 返回补充 goes
back to the 陈列 section, and 仍然签退 checks out. Screenshots: display-templates.png and (1280×800)
display-templates-desktop.png."""

from __future__ import annotations

import re

import psycopg
import pytest
from playwright.sync_api import Locator

from tests.e2e.app_helpers import Phone, poll

pytestmark = pytest.mark.e2e
REP = "rep02@demo.fieldsales.cn"
NAME = "门店陈列（全部）"


def _field(phone: Phone, label: str) -> Locator:
    """A text field found by the end of its name (a card's texts join it: flet-lessons)."""
    return phone.page.get_by_role("textbox", name=re.compile(re.escape(label))).first


def _type(phone: Phone, label: str, value: str) -> None:
    field = _field(phone, label)
    phone.fill_in(field, phone.reveal(field).get_attribute("aria-label") or "", value)


def _items(url: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "select i.label, i.kind, i.options, i.required from display_items i"
            " join display_templates t on t.id = i.template_id"
            " where t.name = %s and i.deleted_at is null order by i.sort",
            (NAME,),
        ).fetchall()


def test_a_manager_builds_a_template_a_rep_meets_it(
    phone: Phone, second_phone: Phone, demo_db_url: str
) -> None:
    phone.open()
    phone.text("销售经理", exact=True).click()
    phone.sign_in("manager@demo.fieldsales.cn", first_tab="审批")
    phone.tab("工作台").first.click()
    phone.see("客户分类")
    phone.reveal(phone.text("陈列模板", exact=True)).first.click()  # the desks' chip
    phone.reveal(phone.button("新建模板")).click()
    _type(phone, "模板名称", NAME)
    phone.reveal(phone.button("保存模板")).click()
    phone.see(f"已保存模板「{NAME}」")
    phone.reveal(phone.button("添加检查项")).click()
    _type(phone, "检查项名称", "货架位置")
    phone.reveal(phone.text("选项", exact=True)).click()
    phone.reveal(phone.button("保存检查项")).click()
    phone.see("「货架位置」是选项题，请填写选项（每行一个） / ")
    assert _items(demo_db_url) == []  # nothing written
    _type(phone, "选项（每行一个", "黄金位、中层、底层")
    phone.reveal(phone.button("保存检查项")).click()
    phone.see("已保存「货架位置」")
    phone.reveal(phone.button("添加检查项")).click()
    _type(phone, "检查项名称", "陈列照片")
    phone.reveal(phone.text("照片", exact=True)).click()
    phone.reveal(phone.button("保存检查项")).click()
    phone.see("已保存「陈列照片」")
    poll(lambda: len(_items(demo_db_url)) == 2)
    phone.reveal(phone.page.get_by_label("上移「陈列照片」", exact=True)).click()
    poll(lambda: [i[0] for i in _items(demo_db_url)] == ["陈列照片", "货架位置"] or None)
    assert _items(demo_db_url) == [
        ("陈列照片", "photo", [], True),
        ("货架位置", "choice", ["黄金位", "中层", "底层"], True),
    ]
    phone.see("1. 陈列照片")
    phone.shot("display-templates.png")
    # at a desk: the list beside the editor
    phone.page.set_viewport_size({"width": 1280, "height": 800})
    phone.app.settle()
    phone.see("2. 货架位置")
    phone.page.mouse.move(640, 790)
    phone.app.settle()
    phone.app.screenshot("display-templates-desktop.png")

    # the rep meets the template at a visit; check-out asks about the required photo
    rep = second_phone
    rep.check_in_at_first_stop(demo_db_url, REP)
    rep.button("陈列").click()
    rep.see(f"陈列检查 · {NAME}")
    rep.see("已答 0/2")
    rep.reveal(rep.text("黄金位", exact=True)).click()
    rep.see("已答 1/2")
    rep.button("签退").click()
    rep.see("还有必填检查项未完成")
    rep.see("• 陈列照片（照片）")
    rep.button("返回补充").click()
    rep.see("已答 1/2")
    rep.button("签退").click()
    rep.see("• 陈列照片（照片）")
    rep.button("仍然签退").click()
    store = rep.store()
    poll(lambda: store.execute(
        "select count(*) from visits where json_extract(data, '$.status') = 'done'"
    ).fetchone()[0] >= 1)  # fmt: skip
    store.close()
