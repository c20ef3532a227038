"""LedgerService against the real server (the default demo in PostgreSQL, through the direct
remote as the app calls it): figures equal dealer_ledger's, an area manager sees their area only,
contracts and their workflow by role, plan entry validation writes nothing on error, offline."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.conninfo import make_conninfo
from psycopg.rows import dict_row

from backend.clock import today as company_today
from backend.demo import generate
from backend.importer import import_frames
from fieldapp.services.device import DEMO, PhoneFolder
from fieldapp.services.i18n import FieldErrors
from fieldapp.services.ledger import parse_amount, progress_fraction
from fieldapp.services.phone import Phone, ServerConfig
from fieldapp.store import orders
from fieldapp.sync.errors import ConnectionLost, PermissionDenied, ServerRejected

AM_SH, MANAGER, REP = (
    "am-sh@demo.fieldsales.cn",
    "manager@demo.fieldsales.cn",
    "rep01@demo.fieldsales.cn",
)
OFFLINE = ServerConfig(DEMO, "postgresql://postgres@127.0.0.1:1/nowhere?connect_timeout=1")


@pytest.fixture(scope="module")
def demo_url(server_url: str, template_db: str) -> Iterator[str]:
    """The default demo as of today (the service reads 'today' from the clock)."""
    name = f"fieldsales_lsvc_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"create database {name} template {template_db}")
    url = make_conninfo(server_url, dbname=name)
    with psycopg.connect(url, autocommit=True) as conn:
        import_frames(conn, generate("default", seed=42, as_of=company_today()), evaluate=False)
    yield url
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")


@pytest.fixture
def sql(demo_url: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(demo_url, autocommit=True, row_factory=dict_row) as conn:
        yield conn


def signed_in(url: str, email: str, tmp_path: Path, *, sync: bool = False) -> Phone:
    phone = Phone(PhoneFolder(tmp_path / email.split("@")[0]), ServerConfig(DEMO, url))
    phone.sign_in(email)
    if sync:  # a pull waits for older transactions on the server: sync until the prices came
        for _ in range(50):
            phone.sync.sync()
            if orders.products(phone.store):
                break
            time.sleep(0.2)
    return phone


def ledger_rows(sql: psycopg.Connection, cid: str, year: int) -> list[dict[str, Any]]:
    return sql.execute("select * from dealer_ledger(%s, %s)", (cid, year)).fetchall()


def test_area_manager_sees_their_dealers_with_the_ledgers_figures(
    demo_url: str, sql: psycopg.Connection, tmp_path: Path
) -> None:
    phone = signed_in(demo_url, AM_SH, tmp_path)
    svc = phone.ledger
    assert svc.sees_ledgers and svc.enters_plans and svc.drafts_contracts
    dealers = svc.dealers()
    sh = sql.execute(
        "select c.id::text from customers c join areas a on a.id = c.area_id"
        " where c.tier = 1 and a.code = 'SH'"
    ).fetchall()
    assert {d["customer_id"] for d in dealers} == {r["id"] for r in sh}
    assert [a for a, _ in svc.by_area(dealers)] == ["上海区"]
    assert all(d["contract_valid"] == (d["contract_status"] == "effective") for d in dealers)
    today = company_today()
    for d in dealers[:4]:
        row = ledger_rows(sql, d["customer_id"], today.year)[today.month - 1]
        assert d["ytd_purchases"] == row["ytd_purchases"]
        assert d["ytd_plan"] == row["ytd_plan"]
        assert d["ytd_progress_pct"] == row["ytd_progress_pct"]
        assert d["balance"] == row["closing_balance"]
        assert d["credit_limit"] == row["credit_limit"]
    d = dealers[0]
    book = svc.ledger(d["customer_id"])
    full = ledger_rows(sql, d["customer_id"], today.year)
    assert [m["month"] for m in book["months"]] == [
        r["month"].isoformat() for r in full[: today.month]
    ]
    for mine, theirs in zip(book["months"], full, strict=False):
        for key in (
            "purchases",
            "payments",
            "closing_balance",
            "over_limit",
            "plan_amount",
            "progress_pct",
            "ytd_purchases",
            "ytd_plan",
            "last_year_purchases",
        ):
            assert mine[key] == theirs[key], key
    assert book["summary"]["ytd_purchases"] == d["ytd_purchases"]
    assert book["dealer"]["name"] == d["name"]
    busy = max(book["months"], key=lambda m: m["purchase_lines"])
    lines = svc.lines(d["customer_id"], dt.date.fromisoformat(busy["month"]))
    bought = [x for x in lines if x["kind"] == "purchase"]
    assert len(bought) == busy["purchase_lines"]
    assert sum(x["amount"] for x in bought) == busy["purchases"]
    assert {x["settlement_status"] for x in bought} <= {"unsettled", "partial", "settled"}
    chain = svc.chain(d["customer_id"])
    assert chain["outlets"] and all(o["tier"] in (2, 3) for o in chain["outlets"])
    assert all(0 <= (x["distribution_pct"] or 0) <= 100 for x in chain["distribution"])
    # a dealer of another area is not found, as if it did not exist
    zj = sql.execute(
        "select c.id::text from customers c join areas a on a.id = c.area_id"
        " where c.tier = 1 and a.code = 'ZJ' limit 1"
    ).fetchone()["id"]
    assert svc.progress(zj) is None
    with pytest.raises(ServerRejected):
        svc.ledger(zj)
    # contracts: an effective one is read-only for the area manager; a draft they make they submit
    listed = svc.contracts(d["customer_id"])
    c = svc.contract(listed[0]["id"])
    assert c["contract_no"] == listed[0]["contract_no"] and c["lines"] and c["events"]
    assert c["status"] == "effective" and c["actions"] == []
    draft = svc.contract(svc.new_contract(d["customer_id"])["id"])
    assert draft["status"] == "draft" and draft["actions"] == ["submit"]
    assert svc.act(draft["id"], "submit", note="请审核")["status"] == "in_review"
    assert svc.contract(draft["id"])["actions"] == []
    phone.close()


def test_plan_entry_checks_everything_and_writes_nothing_on_error(
    demo_url: str, sql: psycopg.Connection, tmp_path: Path
) -> None:
    phone = signed_in(demo_url, AM_SH, tmp_path, sync=True)
    svc = phone.ledger
    cid = svc.dealers()[1]["customer_id"]
    count = lambda: sql.execute("select count(*) as n from sales_plans").fetchone()["n"]  # noqa: E731
    before = count()
    bad: list[tuple[str, dict[str, tuple[str, str]], str]] = [
        ("2027-13", {"QY-T01": ("10", "")}, "month"),
        ("27-1", {"QY-T01": ("10", "")}, "month"),
        ("2027-03", {"QY-T01": ("-1", "")}, "qty:QY-T01"),
        ("2027-03", {"QY-T01": ("十箱", "")}, "qty:QY-T01"),
        ("2027-03", {"QY-T01": ("10", "abc")}, "amount:QY-T01"),
        ("2027-03", {"QY-T01": ("1e9", "")}, "qty:QY-T01"),  # ¥75,000,000,000 of boxes
        ("2027-03", {"QY-T01": ("2.5", "")}, "qty:QY-T01"),  # boxes are whole
        ("2027-03", {"QY-T01": ("10", "2,000,000,000")}, "amount:QY-T01"),
        ("2027-03", {"QY-T01": ("10", ""), "NO-SUCH": ("5", "")}, "qty:NO-SUCH"),
        ("2027-03", {"QY-T01": ("", "")}, "lines"),
    ]
    for month, entries, key in bad:
        with pytest.raises(FieldErrors) as caught:
            svc.save_plan(cid, month, entries)
        assert key in caught.value.fields, (month, entries)
        msg = caught.value.fields[key]
        assert msg.zh and msg.en and msg.zh != msg.en
    assert count() == before
    # the server checks too: a dealer of another area
    zj = sql.execute(
        "select c.id::text from customers c join areas a on a.id = c.area_id"
        " where c.tier = 1 and a.code = 'ZJ' limit 1"
    ).fetchone()["id"]
    with pytest.raises(ServerRejected) as refused:
        svc.save_plan(zj, "2027-03", {"QY-T01": ("10", "")})
    assert "找不到" in refused.value.message_zh
    assert count() == before
    written = svc.save_plan(
        cid,
        "2027-03",
        {"QY-T01": ("1,200", ""), "QY-W01": ("50", "1600"), "CD-N03": ("", "")},
        schedule="分两次到货",
        support="陈列支持",
    )
    assert written == 2 and count() == before + 2
    month = {r["sku"]: r for r in svc.month_plan(cid, dt.date(2027, 3, 1))}
    assert month["QY-T01"]["plan_quantity"] == 1200
    assert month["QY-T01"]["plan_amount"] == 1200 * month["QY-T01"]["unit_price"]
    assert month["QY-W01"]["plan_amount"] == Decimal("1600")
    assert month["QY-W01"]["planned_support"] == "陈列支持"
    assert month["CD-N03"]["plan_quantity"] is None
    phone.close()
    rep = signed_in(demo_url, REP, tmp_path)
    with pytest.raises(FieldErrors):
        rep.ledger.save_plan(cid, "2027-03", {"QY-T01": ("1", "")})
    assert count() == before + 2
    rep.close()


def test_manager_runs_the_contract_workflow(
    demo_url: str, sql: psycopg.Connection, tmp_path: Path
) -> None:
    phone = signed_in(demo_url, MANAGER, tmp_path)
    svc = phone.ledger
    assert svc.drafts_contracts
    need = svc.attention()
    assert need and {r["reason"] for r in need} <= {"no_contract", "expiring"}

    def drafts(cid: str) -> list[str]:
        return [x["id"] for x in svc.contracts(cid) if x["status"] == "draft"]

    target = next(r for r in need if r["reason"] == "no_contract" and not drafts(r["customer_id"]))
    draft = svc.new_contract(target["customer_id"])
    assert draft["existing"] is False
    again = svc.new_contract(target["customer_id"])  # a second "new": the open draft, said so
    assert again["id"] == draft["id"] and again["existing"] is True
    assert drafts(target["customer_id"]) == [draft["id"]]
    c = svc.contract(draft["id"])
    assert c["status"] == "draft" and c["actions"] == ["submit", "terminate"]
    assert c["party_b_name"] == target["customer_name"] and c["party_a_name"]
    with pytest.raises(FieldErrors) as caught:
        svc.act(draft["id"], "terminate", note="  ")
    assert "note" in caught.value.fields
    svc.act(draft["id"], "submit", note="请审核")
    assert svc.contract(draft["id"])["actions"] == ["sign", "send_back", "terminate"]
    svc.act(draft["id"], "sign", place="上海", on=company_today())
    svc.act(draft["id"], "effective", on=company_today())
    c = svc.contract(draft["id"])
    assert c["status"] == "effective" and c["signed_place"] == "上海"
    assert [e["to_status"] for e in c["events"]] == ["draft", "in_review", "signed", "effective"]
    assert all(e["actor_name"] for e in c["events"])
    amended = svc.act(draft["id"], "amend")
    assert amended["version"] == 2 and amended["previous_id"] == draft["id"]
    assert [x["id"] for x in svc.contracts(target["customer_id"])][:2] == [
        amended["id"],
        draft["id"],
    ]
    phone.close()
    am = signed_in(demo_url, AM_SH, tmp_path)
    with pytest.raises((PermissionDenied, ServerRejected)):  # only a manager signs
        am.ledger.act(amended["id"], "sign", place="上海")
    am.close()


def test_offline_the_ledger_says_so(demo_url: str, tmp_path: Path) -> None:
    device = PhoneFolder(tmp_path / "am")
    phone = Phone(device, ServerConfig(DEMO, demo_url))
    phone.sign_in(AM_SH)
    phone.close()
    offline = Phone(device, OFFLINE)
    assert offline.restore() is not None
    with pytest.raises(ConnectionLost):
        offline.ledger.dealers()
    offline.close()


def test_number_helpers() -> None:
    assert parse_amount(" ¥1,234.5 ") == Decimal("1234.5")
    assert parse_amount("", blank=True) is None
    for bad in ("", "-1", "abc", "NaN", "Infinity"):
        with pytest.raises(ValueError):
            parse_amount(bad)
    assert progress_fraction(Decimal(50), Decimal(200)) == 0.25
    assert progress_fraction(Decimal(300), Decimal(200)) == 1.0
    assert progress_fraction(Decimal(1), None) is None
