"""The warnings desk in the browser (issue 17): an area manager finds an open warning of its area
on the 工作台 tab (预警处理), acknowledges it, adds an investigation note and resolves it as
collected (收回欠款); the server records each step, and the warning leaves the desk."""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest
from psycopg.rows import dict_row

from tests.e2e.app_helpers import Phone, poll

pytestmark = pytest.mark.e2e
AM = "am-sh@demo.fieldsales.cn"
PHOTO = (Path(__file__).parents[2] / "assets/leaflet/images/marker-icon-2x.png").read_bytes()


def test_an_area_manager_works_a_warning_to_resolved(phone: Phone, demo_db_url: str) -> None:
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        w = conn.execute(
            "select w.id::text, c.name from warnings w join customers c on c.id = w.customer_id"
            " join profiles p on p.email = %s join areas a on a.id = c.area_id"
            " where w.status = 'open' and w.kind = 'churn' and c.area_id = p.area_id"
            " order by c.name limit 1",
            (AM,),
        ).fetchone()
    assert w is not None, "the demo area has no open churn warning"
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        open_before = conn.execute(
            "select count(*) as n from warnings w join customers c on c.id = w.customer_id"
            " where c.name = %s and w.status <> 'resolved'",
            (w["name"],),
        ).fetchone()["n"]
    phone.open()
    phone.text("区域经理", exact=True).click()
    phone.sign_in(AM, first_tab="审批")
    phone.tab("工作台").click()
    phone.see("售后工作台")
    phone.text("预警处理", exact=True).click()
    phone.see("未处理")
    phone.shot("warning-desk.png")
    phone.fill("搜索客户、业务员、区域或负责人", w["name"])
    row_label = f"打开预警：{w['name']} 流失风险"
    phone.page.get_by_label(row_label, exact=True).click()
    phone.see("确认收到")
    for step, label, text in (
        ("确认收到", "说明（可选）", ""),
        ("添加调查记录", "调查情况", "老板称资金周转紧张，下周一回款"),
    ):
        phone.button(step).click()
        if text:
            phone.fill(label, text)
        phone.button(step).last.click()
        phone.see(f"已{step}")
    phone.see("老板称资金周转紧张，下周一回款")
    phone.button("解决").click()
    phone.text("收回欠款", exact=True).click()
    phone.fill("处理说明（必填）", "已收回欠款 3 万元")
    phone.shot("warning-resolve.png")
    phone.button("解决").last.click()
    phone.see("已解决")
    phone.see("收回欠款 · 已收回欠款 3 万元")
    phone.shot("warning-resolved.png")
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        row = conn.execute(
            "select w.status, w.resolution_category,"
            " array(select e.action from warning_events e where e.warning_id = w.id"
            "       order by e.at, e.created_at) as actions"
            " from warnings w where w.id = %s",
            (w["id"],),
        ).fetchone()
    assert row["status"] == "resolved" and row["resolution_category"] == "collected"
    assert row["actions"][-1] == "resolved" and "note" in row["actions"]
    phone.button("返回").click()
    phone.see("未处理")
    phone.fill("搜索客户、业务员、区域或负责人", w["name"])
    phone.see(f"未处理 {open_before - 1}")  # the customer's other warnings stay
    assert phone.page.get_by_label(row_label, exact=True).count() == 0  # it left the desk


def test_a_rep_adds_a_note_to_a_warning_from_the_customer_card(
    phone: Phone, demo_db_url: str
) -> None:
    """Reps see their customers' warnings on the card and add investigation notes; they cannot
    resolve (no step offered; the server refuses it anyway, tests/db/test_warning_desk.py)."""
    rep = "rep03@demo.fieldsales.cn"
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        w = conn.execute(
            "select w.id::text, c.name from warnings w join customers c on c.id = w.customer_id"
            " join profiles p on p.id = c.owner_id where p.email = %s and w.status = 'open'"
            " and w.kind = 'purchase_frequency_drop' and (select count(*) from warnings x"
            " where x.customer_id = c.id and x.status <> 'resolved') = 1"  # its card's one row
            " order by c.name limit 1",
            (rep,),
        ).fetchone()
    assert w is not None, "the demo rep has no open warning"
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        mine = conn.execute(
            "select count(*) as n from warnings w join customers c on c.id = w.customer_id"
            " join profiles p on p.id = c.owner_id where p.email = %s and w.status <> 'resolved'",
            (rep,),
        ).fetchone()["n"]
    phone.open()
    phone.sign_in(rep)
    phone.wait_synced()
    # Today lists the open warnings on the phone (我的客户预警): at least those of its own
    with phone.store() as store:
        (pulled,) = store.execute(
            "select count(*) from warnings where deleted = 0 and status <> 'resolved'"
        ).fetchone()
    assert pulled >= mine > 0
    heading = phone.reveal(phone.text(f"我的客户预警 {pulled}"))
    for _ in range(20):  # below the route: scroll it into the window for the picture
        box = heading.bounding_box()
        if box and box["y"] < 300:
            break
        phone.page.mouse.move(195, 500)
        phone.page.mouse.wheel(0, 300)
        phone.page.wait_for_timeout(250)
    phone.shot("today-warnings.png")
    phone.tab("客户").click()
    phone.open_card(w["name"], w["name"])
    # the card merges its rows' texts; the row is found (and tapped) by its heading
    row = phone.page.get_by_text(re.compile("进货频率下降 · 严重度")).or_(
        phone.page.get_by_label(re.compile("进货频率下降 · 严重度"))
    )
    phone.reveal(row).click()
    phone.see("添加调查记录")
    assert phone.button("解决").count() == 0  # reps do not resolve
    phone.button("添加调查记录").click()
    phone.fill("调查情况", "店主说淡季，下月恢复进货")
    # a note with a photo (the case note's dialog): the photo reaches the server first
    with phone.page.expect_file_chooser() as chooser:
        phone.button("添加照片").last.click()
    chooser.value.set_files(files=[{"name": "shelf.png", "mimeType": "image/png", "buffer": PHOTO}])
    phone.see("已选择 1 张照片")
    phone.shot("warning-note-photo.png")
    phone.button("添加调查记录").last.click()
    phone.see("已添加调查记录")
    phone.see("店主说淡季，下月恢复进货")
    phone.reveal(phone.page.get_by_label("调查照片 1").last)  # read back from the server
    phone.shot("warning-note-photo-shown.png")
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        row = conn.execute(
            "select w.status, (select count(*) from warning_events e where e.warning_id = w.id"
            " and e.action = 'note') as notes, (select f.size from warning_events e"
            " join photo_files f on f.photo_id = e.photo_ids[1] where e.warning_id = w.id"
            " and e.action = 'note') as photo_size, (select e.photo_ids[1]::text"
            " from warning_events e where e.warning_id = w.id and e.action = 'note') as photo"
            " from warnings w where w.id = %s",
            (w["id"],),
        ).fetchone()
    # the server has the photo the phone kept: watermarked, a JPEG, not the PNG picked
    kept = next((phone.phones_dir / phone.device_id() / "photos").rglob(f"{row['photo']}.jpg"))
    assert (row["status"], row["notes"]) == ("investigating", 1)
    assert row["photo_size"] == kept.stat().st_size and kept.read_bytes()[:3] == b"\xff\xd8\xff"


def test_a_manager_works_the_desk_at_a_desk(phone: Phone, demo_db_url: str) -> None:
    """At 1280×800 the desk is a table (sortable columns, a totals row); a warning opens beside
    the list, which stays, and a step taken there is recorded."""
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        names = [
            r["name"]
            for r in conn.execute(
                "select c.name from warnings w join customers c on c.id = w.customer_id"
                " where w.status <> 'resolved' and w.kind = 'credit_over_limit'"
            )
        ]
    assert len(set(names)) == len(names) > 1, "the demo needs several over-limit customers"
    phone.page.set_viewport_size({"width": 1280, "height": 800})
    phone.open()
    phone.text("销售经理", exact=True).click()
    phone.sign_in("manager@demo.fieldsales.cn", first_tab="审批")
    phone.tab("工作台").click()
    phone.see("售后工作台")
    phone.text("预警处理", exact=True).click()
    phone.text(f"超信用额度 {len(names)}", exact=True).click()
    phone.see(f"合计 {len(names)} 条")  # the totals row
    cells = [phone.text(n, exact=True) for n in names]
    for ascending in (True, False):  # a tap on 客户 sorts by it; another reverses
        phone.text("客户", exact=True).first.click()
        want = sorted(names, reverse=not ascending)
        poll(
            lambda w=want: (
                [n for _y, n in sorted(zip(phone.tops(cells), names, strict=True))] == w or None
            )
        )
    phone.app.settle()
    phone.app.screenshot("warning-desk-desktop.png")
    phone.page.get_by_role("cell", name=want[0], exact=True).click()  # a row opens beside
    phone.see("确认收到")
    phone.see(want[1])  # the list stays beside the warning
    phone.button("确认收到").click()
    phone.button("确认收到").last.click()
    phone.see("已确认收到")
    phone.app.settle()
    phone.app.screenshot("warning-desk-desktop-detail.png")
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        row = conn.execute(
            "select w.status from warnings w join customers c on c.id = w.customer_id"
            " where c.name = %s and w.kind = 'credit_over_limit'",
            (want[0],),
        ).fetchone()
    assert row["status"] == "acknowledged"
