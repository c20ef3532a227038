"""The printed contract (PDF and HTML) and the down-the-chain views of a dealer."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from pypdf import PdfReader

from backend.contract_doc import SECTIONS, load_contract, rmb_upper, write_contract
from tests.db.warnings_world import World, day
from tests.postgrest import rpc


@pytest.fixture
def contract_no(conn: psycopg.Connection) -> str:
    from tests.db.access_world import build_world

    world = build_world(conn)
    conn.execute("update customers set address = '上海市浦东新区张江路1号' where code = 'D_SH'")
    row = rpc(conn, "new_contract", {"p_customer_id": world.ids["D_SH"]}, world.claims("mgr"))
    return row["contract_no"]


def test_pdf_renders_every_section_and_both_parties(
    conn: psycopg.Connection, contract_no: str, tmp_path: Path
) -> None:
    out = write_contract(conn, contract_no, tmp_path / "contract.pdf")
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) >= 1
    text = "".join(page.extract_text() for page in reader.pages)
    for no, title, _ in SECTIONS:
        assert no in text, no
        assert title[:4] in text.replace("\n", ""), title
    assert "华东食品有限公司" in text and "上海鑫源" in text
    assert contract_no in text and "经销合同" in text.replace(" ", "")
    # the page footer comes from the stylesheet (assets/print/contract.css)
    assert f"第1页/共{len(reader.pages)}页" in text.replace(" ", "")


def test_html_embeds_the_font_and_logo(
    conn: psycopg.Connection, contract_no: str, tmp_path: Path
) -> None:
    out = write_contract(conn, contract_no, tmp_path / "contract.html")
    page = out.read_text("utf-8")
    assert "@font-face" in page and "data:font/ttf;base64," in page
    assert "@page { size: A4;" in page  # the stylesheet, from assets/print/contract.css
    assert 'src="data:image/svg+xml' in page
    assert all(no in page for no, _, _ in SECTIONS)
    assert "草稿" in page  # a draft is marked as such
    doc = load_contract(conn, contract_no)
    assert doc.company_name == "华东食品有限公司" and len(doc.lines) == 1


def test_amount_in_capitals() -> None:
    assert rmb_upper(Decimal("843140")) == "捌拾肆万叁仟壹佰肆拾元整"
    assert rmb_upper(Decimal("1005.30")) == "壹仟零伍元叁角"
    assert rmb_upper(Decimal("100000000.07")) == "壹亿元零柒分"
    assert rmb_upper(Decimal("0")) == "零元整"


def test_outlets_and_numeric_distribution(conn: psycopg.Connection) -> None:
    w = World().customer("D")
    w.customer("S1", tier=2, parent="D").customer("S2", tier=2, parent="D")
    w.customer("T1", tier=3, parent="S1").customer("T2", tier=3, parent="S1", status="eliminated")
    w.rows["products"].append(
        {"sku": "P2", "name": "绿茶", "brand": "清泉", "spec": "500ml×15", "unit_price": 2}
    )
    w.ship("S2", day("2026-11-01"), 50, seller="D")
    ids = w.load(conn)
    rep, p1, p2 = (
        conn.execute("select id from profiles where role = 'rep'").fetchone()[0],
        *(r[0] for r in conn.execute("select id from products order by sku")),
    )
    as_of = dt.date(2026, 11, 27)

    def count(code: str, product: object, qty: int, days_ago: int) -> None:
        visit = conn.execute(
            "insert into visits (rep_id, customer_id, checkin_at, status)"
            " values (%s, %s, %s, 'done') returning id",
            (rep, ids[code], dt.datetime(2026, 11, 27, 10) - dt.timedelta(days=days_ago)),
        ).fetchone()[0]
        conn.execute(
            "insert into stock_counts (visit_id, customer_id, product_id, quantity, counted_at)"
            " select %s, customer_id, %s, %s, checkin_at from visits where id = %s",
            (visit, product, qty, visit),
        )

    count("S1", p1, 12, 5)
    count("S1", p2, 0, 5)  # counted, none on the shelf
    count("T1", p1, 3, 200)  # too long ago for 90 days
    count("T1", p2, 4, 1)
    count("T2", p1, 9, 1)  # eliminated: not an outlet of the dealer any more
    order = conn.execute(
        "insert into orders (customer_id, rep_id, ordered_on, status)"
        " values (%s, %s, '2026-11-20', 'submitted') returning id",
        (ids["T1"], rep),
    ).fetchone()[0]
    conn.execute(
        "insert into order_lines (order_id, product_id, quantity, unit_price)"
        " values (%s, %s, 2, 36)",
        (order, p1),
    )
    rows = conn.execute(
        "select sku, outlets, carrying, by_stock, by_orders, distribution_pct"
        " from public.dealer_distribution(%s, 90, %s)",
        (ids["D"], as_of),
    ).fetchall()
    # active outlets S1, S2, T1: P1 at S1 (stock) and T1 (order) and S2 (bought); P2 at T1
    assert rows == [
        ("P1", 3, 3, 1, 2, Decimal("100.0")),
        ("P2", 3, 1, 1, 0, Decimal("33.3")),
    ]
    outlets = conn.execute(
        "select code, tier, parent_code, orders, order_amount, purchases, skus_in_stock, stock"
        " from public.dealer_outlets(%s, 90, %s)",
        (ids["D"], as_of),
    ).fetchall()
    assert outlets == [
        ("S1", 2, "D", 0, Decimal("0"), Decimal("0"), 1, {"P1": 12, "P2": 0}),
        ("S2", 2, "D", 0, Decimal("0"), Decimal("50.00"), 0, {}),
        ("T1", 3, "S1", 1, Decimal("72.000"), Decimal("0"), 2, {"P1": 3, "P2": 4}),
        ("T2", 3, "S1", 0, Decimal("0"), Decimal("0"), 1, {"P1": 9}),
    ]
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        conn.execute("select * from public.dealer_outlets(%s, 0)", (ids["D"],))
