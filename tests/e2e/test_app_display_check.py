"""Display checks and competitor reports in the browser (issue 19, 陈列检查 / 竞品上报), at 390×844.
A manager's template (POP present, facings, shelf position, a display photo) is on the server; a
rep checks in at the first stop, opens the visit's 陈列 section and answers every item — 是 by a
tap, the facings typed and saved, 黄金位 by a tap, the display photo taken (kept watermarked) —
then reports a competitor (a price below zero is refused under the field, nothing written; then
统一 冰红茶 ¥3.5, 4 facings, 买二送一, with a photo). After the check-out and the sync the server
has the four answers with their types, the report, and both photos with their kinds inside the
visit's window. A manager opens 竞品上报 from the 工作台 desk's chips and finds a report by
searching. Screenshots: display-check.png, competitor-report.png, watermark.png (the kept photo
itself), competitor-desk.png and (1280×800) competitor-desk-desktop.png."""

from __future__ import annotations

import io
import re

import psycopg
import pytest
from PIL import Image
from playwright.sync_api import Locator
from psycopg.rows import dict_row

from tests.e2e.app_helpers import Phone, first_stop, poll
from tests.e2e.conftest import SCREENSHOT_DIR

pytestmark = pytest.mark.e2e
REP = "rep02@demo.fieldsales.cn"


def _photo(color: tuple[int, int, int]) -> bytes:
    """A 1200×900 camera-like JPEG (a gradient shelf with a few bright boxes)."""
    img = Image.linear_gradient("L").resize((1200, 900)).convert("RGB")
    img = Image.blend(img, Image.new("RGB", img.size, color), 0.6)
    for x in range(100, 1100, 200):
        img.paste((230, 60, 40), (x, 300, x + 120, 520))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=90)
    return out.getvalue()


def on_screen(phone: Phone, locator: Locator) -> None:
    """Scroll until the control is low in the window (a ListView keeps rows beyond the window in
    the semantics tree, where Playwright counts them as visible: docs/flet-lessons.md)."""
    for _ in range(40):
        box = locator.first.bounding_box()
        if box and 500 < box["y"] < 844 - 120:
            return
        phone.page.mouse.move(195, 600)
        phone.page.mouse.wheel(0, -200 if box and box["y"] <= 500 else 200)
        phone.page.wait_for_timeout(250)
    raise AssertionError("the control never scrolled into the window")


def _template(url: str) -> None:
    with psycopg.connect(url) as conn:
        t = conn.execute(
            "insert into display_templates (name) values ('门店陈列检查') returning id"
        ).fetchone()[0]
        for n, (label, kind, options) in enumerate(
            [("POP 海报", "yes_no", []), ("排面数", "count", []),
             ("货架位置", "choice", ["黄金位", "中层", "底层"]), ("陈列照片", "photo", [])],
            start=1,
        ):  # fmt: skip
            conn.execute(
                "insert into display_items (template_id, sort, label, kind, options)"
                " values (%s, %s, %s, %s, %s)",
                (t, n, label, kind, options),
            )


def _server(url: str, customer: str) -> dict:
    with psycopg.connect(url, row_factory=dict_row) as conn:
        answers = conn.execute(
            "select i.label, a.count_value, a.choice_value, a.yes_value, a.photo_id is not null"
            " as photo from display_answers a join display_items i on i.id = a.item_id"
            " where a.customer_id = %s order by i.sort",
            (customer,),
        ).fetchall()
        reports = conn.execute(
            "select brand, product, shelf_price::float as price, facings, promotion,"
            " photo_id is not null as photo from competitor_reports where customer_id = %s",
            (customer,),
        ).fetchall()
        photos = conn.execute(
            "select p.kind, p.taken_at between v.checkin_at and v.checkout_at as inside"
            " from photos p join visits v on v.id = p.visit_id where p.customer_id = %s"
            " order by p.kind",
            (customer,),
        ).fetchall()
    return {"answers": answers, "reports": reports, "photos": photos}


def test_a_rep_answers_a_display_check_and_reports_a_competitor(
    phone: Phone, demo_db_url: str
) -> None:
    _template(demo_db_url)
    stop = phone.check_in_at_first_stop(demo_db_url, REP)
    phone.button("陈列").click()
    phone.see("陈列检查 · 门店陈列检查")
    phone.see("已答 0/4")
    phone.reveal(phone.text("是", exact=True)).click()
    phone.see("已答 1/4")
    # the card's texts are merged into its one text field's accessible name (Flutter semantics):
    # the field is found by the end of it
    count = phone.page.get_by_role("textbox", name=re.compile("排面数（个）")).first
    phone.fill_in(count, phone.reveal(count).get_attribute("aria-label") or "", "6")
    phone.reveal(phone.button("保存「排面数」")).click()
    phone.see("已答 2/4")
    phone.reveal(phone.text("黄金位", exact=True)).click()
    phone.see("已答 3/4")
    with phone.page.expect_file_chooser() as chooser:
        phone.reveal(phone.button("拍陈列照片")).click()
    chooser.value.set_files(
        files=[{"name": "shelf.jpg", "mimeType": "image/jpeg", "buffer": _photo((40, 140, 60))}]
    )
    phone.see("已答 4/4")
    phone.reveal(phone.text("陈列检查 · 门店陈列检查"), steps=15)
    phone.shot("display-check.png")

    # 竞品上报: a price below zero is refused under the field, nothing written
    phone.fill("品牌", "统一")
    phone.fill("产品", "冰红茶")
    phone.fill("货架价格（元）", "-1")
    phone.reveal(phone.button("上报竞品")).click()
    phone.see("货架价格须为0到100万元之间的数")
    store = phone.store()
    assert store.execute("select count(*) from competitor_reports").fetchone()[0] == 0
    phone.fill("货架价格（元）", "3.5")
    phone.fill("排面数", "4")
    phone.fill("促销活动", "买二送一")
    with phone.page.expect_file_chooser() as chooser:
        phone.reveal(phone.button("拍竞品照片")).click()
    chooser.value.set_files(
        files=[{"name": "rival.jpg", "mimeType": "image/jpeg", "buffer": _photo((160, 60, 40))}]
    )
    phone.see("已拍 1 张竞品照片")
    on_screen(phone, phone.button("上报竞品"))
    phone.shot("competitor-report.png")
    phone.reveal(phone.button("上报竞品")).click()
    phone.see("已记录竞品，同步后上传")
    phone.see("本次已上报：")
    poll(lambda: store.execute("select count(*) from competitor_reports").fetchone()[0] == 1)
    # the kept display photo is the watermarked one
    photo_id = store.execute(
        "select id from photos where json_extract(data, '$.kind') = 'display'"
    ).fetchone()[0]
    store.close()
    kept = next((phone.phones_dir / phone.device_id() / "photos").rglob(f"{photo_id}.jpg"))
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    Image.open(kept).save(SCREENSHOT_DIR / "watermark.png")

    phone.button("签退").click()
    phone.wait_synced()
    got = poll(lambda: ((r := _server(demo_db_url, stop["id"]))["reports"] and r) or None)
    assert got["answers"] == [
        {"label": "POP 海报", "count_value": None, "choice_value": None, "yes_value": True,
         "photo": False},
        {"label": "排面数", "count_value": 6, "choice_value": None, "yes_value": None,
         "photo": False},
        {"label": "货架位置", "count_value": None, "choice_value": "黄金位", "yes_value": None,
         "photo": False},
        {"label": "陈列照片", "count_value": None, "choice_value": None, "yes_value": None,
         "photo": True},
    ]  # fmt: skip
    assert got["reports"] == [{"brand": "统一", "product": "冰红茶", "price": 3.5, "facings": 4,
                               "promotion": "买二送一", "photo": True}]  # fmt: skip
    assert got["photos"] == [{"kind": "competitor", "inside": True},
                             {"kind": "display", "inside": True}]  # fmt: skip


def test_a_manager_lists_and_searches_competitor_reports(phone: Phone, demo_db_url: str) -> None:
    with psycopg.connect(demo_db_url) as conn:
        stop = first_stop(conn, REP)
        v = conn.execute(
            "insert into visits (rep_id, customer_id, checkin_at, checkout_at, status)"
            " select p.id, %s, private.company_now() - interval '2 hours',"
            " private.company_now() - interval '1 hour', 'done' from profiles p where p.email = %s"
            " returning id, customer_id",
            (stop["id"], REP),
        ).fetchone()
        for brand, product, price in (("康师傅", "茉莉清茶", 3.0), ("农夫山泉", "东方树叶", 5.5)):
            conn.execute(
                "insert into competitor_reports (visit_id, customer_id, brand, product,"
                " shelf_price, facings, promotion, reported_on)"
                " values (%s, %s, %s, %s, %s, 3, '满20减3', private.company_today())",
                (v[0], v[1], brand, product, price),
            )
    phone.open()
    phone.text("销售经理", exact=True).click()
    phone.sign_in("manager@demo.fieldsales.cn", first_tab="审批")
    phone.tab("工作台").first.click()
    phone.see("客户分类")
    phone.reveal(phone.text("竞品上报", exact=True)).first.click()  # the desks' chip
    phone.see("最近 31 天")
    phone.see("康师傅 茉莉清茶")
    phone.see("农夫山泉 东方树叶")
    phone.fill("搜索品牌、产品或客户", "农夫", leave=False)
    phone.page.keyboard.press("Enter")
    phone.see("共 1 条")
    phone.see("农夫山泉 东方树叶")
    phone.shot("competitor-desk.png")
    # at a desk: the same list as a table
    phone.page.set_viewport_size({"width": 1280, "height": 800})
    phone.app.settle()
    phone.page.get_by_role("cell", name="农夫山泉 东方树叶", exact=True).first.wait_for()
    phone.page.mouse.move(640, 790)  # no tooltip in the picture
    phone.app.settle()
    phone.app.screenshot("competitor-desk-desktop.png")
