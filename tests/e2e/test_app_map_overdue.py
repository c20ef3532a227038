"""The overdue mark on the map in the browser (issue 17): warnings open past their due day (the
server's due_on, by warning.due_days.<severity>) put a clock mark on their customers' markers,
said in the markers' labels, and the legend explains it."""

from __future__ import annotations

import re

import psycopg
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from fieldapp.domain import legend
from tests.e2e.app_helpers import Phone

pytestmark = pytest.mark.e2e
REP = "rep01@demo.fieldsales.cn"
POINT = re.compile(r"^网点 ")
CLUSTER = re.compile(r"^聚合 ")


def test_overdue_warnings_mark_their_customers_on_the_map(phone: Phone, demo_db_url: str) -> None:
    with psycopg.connect(demo_db_url) as conn:
        kind = conn.execute(
            "select w.kind from warnings w join customers c on c.id = w.customer_id"
            " join profiles u on u.id = any(c.owner_chain) where u.email = %s"
            " and w.status <> 'resolved' and c.lat is not null group by 1"
            " order by count(distinct c.id) desc, 1 limit 1",
            (REP,),
        ).fetchone()[0]
        # every open warning of that kind was raised 30 days ago: past any due day
        late = conn.execute(
            "update warnings w set raised_at = w.raised_at - interval '30 days'"
            " from customers c, profiles u where c.id = w.customer_id and u.email = %s"
            " and u.id = any(c.owner_chain) and w.status <> 'resolved' and w.kind = %s"
            " and c.lat is not null returning w.customer_id",
            (REP, kind),
        ).fetchall()
        # the server's one definition agrees: each is overdue today
        overdue = conn.execute(
            "select bool_and(private.warning_overdue(w.severity, w.raised_at, w.status,"
            " private.company_today())) from warnings w where w.id in (select w2.id from"
            " warnings w2 where w2.customer_id = any(%s) and w2.kind = %s"
            " and w2.status <> 'resolved')",
            ([r[0] for r in late], kind),
        ).fetchone()[0]
    assert late and overdue
    warned = len({r[0] for r in late})
    phone.open()
    phone.sign_in(REP)
    phone.tab("地图").click()
    page = phone.page
    page.get_by_role("button", name=re.compile(r"^(网点|聚合) ")).first.wait_for()
    page.get_by_label("筛选", exact=True).click()
    page.get_by_role("checkbox", name=legend.WARNING_KINDS[kind][0]).click()
    phone.see(f"符合条件的网点：{warned} 个")
    page.keyboard.press("Escape")
    points = page.get_by_role("button", name=POINT)
    for _ in range(8):  # open clusters until single outlets show
        if points.count():
            break
        # the last cluster is drawn on top (an earlier one may lie under it): a tap on any zooms in
        page.get_by_role("button", name=CLUSTER).last.click(force=True)
        page.wait_for_timeout(600)
        phone.app.settle()
    labels = [(points.nth(i).text_content() or "") for i in range(points.count())]
    assert labels and all("有超时预警" in x for x in labels), labels
    phone.shot("map-overdue.png")
    page.set_viewport_size({"width": 1280, "height": 800})
    phone.app.settle()
    phone.app.screenshot("map-overdue-desktop.png")
    page.set_viewport_size({"width": 390, "height": 844})
    phone.app.settle()  # back to the phone size, every view is rebuilt: a tap on an old one is lost
    for attempt in range(3):
        page.get_by_label("图例", exact=True).click()
        try:
            phone.see("外圈 = 最高预警", timeout_ms=10_000)  # the legend sheet is open
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    phone.text(legend.OVERDUE.label_zh, exact=True).wait_for()  # its entry, not a marker's label
    phone.shot("map-overdue-legend.png")
