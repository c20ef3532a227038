"""The ledger functions the app calls (20261127150000_ledger_app.sql) on the default demo:
dealer figures equal dealer_ledger's, access follows the chain of command, contracts read with
their lines and history, and plan entry checks everything before writing anything."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from backend.demo import generate
from backend.importer import import_frames
from tests.postgrest import claims_for, request, rpc

D = dt.date(2026, 11, 27)
AM_SH, AM_ZJ = "am-sh@demo.fieldsales.cn", "am-zj@demo.fieldsales.cn"
MANAGER, REP = "manager@demo.fieldsales.cn", "rep01@demo.fieldsales.cn"


@pytest.fixture(scope="module")
def demo(server_url: str, template_db: str) -> Iterator[psycopg.Connection]:
    """One database with the default demo for the module."""
    name = f"fieldsales_lapp_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"create database {name} template {template_db}")
    url = make_conninfo(server_url, dbname=name)
    with psycopg.connect(url, autocommit=True) as conn:
        import_frames(conn, generate("default", seed=42, as_of=D), evaluate=False)
        yield conn
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")


def who(conn: psycopg.Connection, email: str) -> dict[str, Any]:
    """JWT claims of a demo user."""
    uid = conn.execute("select id from profiles where email = %s", (email,)).fetchone()[0]
    return claims_for(str(uid), email)


def rows(
    conn: psycopg.Connection, fn: str, args: dict[str, Any], claims: dict | None
) -> list[dict[str, Any]]:
    """A set-returning function called as a user (claims) or the service side (None)."""
    names = ", ".join(f"{k} => %s" for k in args)
    if claims is None:
        cur = conn.cursor(row_factory=psycopg.rows.dict_row)
        return cur.execute(f"select * from public.{fn}({names})", list(args.values())).fetchall()
    with request(conn, claims, read_only=True) as cur:
        return cur.execute(f"select * from public.{fn}({names})", list(args.values())).fetchall()


def dealer(conn: psycopg.Connection, area: str, n: int = 0) -> str:
    """The id of the n-th dealer of an area."""
    return str(
        conn.execute(
            "select c.id from customers c join areas a on a.id = c.area_id"
            " where c.tier = 1 and a.code = %s order by c.code offset %s limit 1",
            (area, n),
        ).fetchone()[0]
    )


def plan_count(conn: psycopg.Connection) -> int:
    return conn.execute("select count(*) from sales_plans").fetchone()[0]


def test_dealer_figures_equal_the_ledger(demo: psycopg.Connection) -> None:
    listed = rows(demo, "ledger_dealers", {"p_as_of": D}, None)
    assert len(listed) == 40
    for r in listed:
        months = rows(
            demo, "dealer_ledger", {"p_customer_id": r["customer_id"], "p_year": 2026}, None
        )
        nov = months[10]
        assert nov["month"] == dt.date(2026, 11, 1)
        assert r["balance"] == nov["closing_balance"], r["code"]
        assert r["over_limit"] == nov["over_limit"]
        assert r["ytd_plan"] == nov["ytd_plan"]
        assert r["ytd_purchases"] == nov["ytd_purchases"]
        assert r["ytd_progress_pct"] == nov["ytd_progress_pct"]
        assert r["last_year_ytd"] == nov["last_year_ytd"]
        assert r["month_purchases"] == nov["purchases"]
        assert r["month_plan"] == nov["plan_amount"]
    assert any(r["contract_status"] == "effective" for r in listed)
    assert sum(r["ytd_purchases"] for r in listed) > 0


def test_an_area_manager_sees_only_their_area(demo: psycopg.Connection) -> None:
    am = who(demo, AM_SH)
    mine = rows(demo, "ledger_dealers", {"p_as_of": D}, am)
    assert mine and {r["area_code"] for r in mine} == {"SH"}
    everyone = rows(demo, "ledger_dealers", {"p_as_of": D}, who(demo, MANAGER))
    assert len(everyone) == 40
    same = {r["customer_id"]: r for r in everyone}
    for r in mine:  # the same figures whoever asks
        assert r == same[r["customer_id"]]
    other = dealer(demo, "ZJ")
    assert rows(demo, "ledger_dealers", {"p_as_of": D, "p_customer_id": other}, am) == []
    for fn, args in (
        ("dealer_ledger", {"p_customer_id": other, "p_year": 2026}),
        ("dealer_contracts", {"p_customer_id": other}),
        ("dealer_month_plan", {"p_customer_id": other, "p_month": D}),
    ):
        with pytest.raises(psycopg.errors.NoDataFound):
            rows(demo, fn, args, am)
    rep = rows(demo, "ledger_dealers", {"p_as_of": D}, who(demo, REP))
    assert rep and {r["area_code"] for r in rep} == {"SH"} and len(rep) < len(mine)
    # staff only (docs/access.md): a dealer is refused, not answered with its own row and grade
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        rows(demo, "ledger_dealers", {"p_as_of": D}, who(demo, "dealer-d001@demo.fieldsales.cn"))


def test_contract_detail_and_history(demo: psycopg.Connection) -> None:
    mgr, am, am2 = who(demo, MANAGER), who(demo, AM_SH), who(demo, AM_ZJ)
    sh = dealer(demo, "SH")
    listed = rows(demo, "dealer_contracts", {"p_customer_id": sh}, am)
    assert listed and listed[0]["status"] == "effective"
    cid = str(listed[0]["id"])
    c = rpc(demo, "contract_detail", {"p_contract_id": cid}, am, read_only=True)
    assert c["customer_id"] == sh and c["contract_no"] == listed[0]["contract_no"]
    assert c["party_a_name"] and c["party_b_name"] == c["customer_name"]
    assert c["lines"] and all(
        Decimal(str(x["amount"]))
        == (Decimal(str(x["quantity"])) * Decimal(str(x["unit_price"]))).quantize(Decimal("0.01"))
        for x in c["lines"]
    )
    assert [e["to_status"] for e in c["events"]] == ["effective"]
    with pytest.raises(psycopg.errors.NoDataFound):
        rpc(demo, "contract_detail", {"p_contract_id": cid}, am2, read_only=True)
    # a manager amends it: the new draft points back and has its own history
    new = rpc(demo, "amend_contract", {"p_contract_id": cid}, mgr)
    d = rpc(demo, "contract_detail", {"p_contract_id": new["id"]}, mgr, read_only=True)
    assert d["previous_no"] == c["contract_no"] and d["version"] == 2
    assert [e["to_status"] for e in d["events"]] == ["draft"]
    assert d["events"][0]["actor_name"]
    rpc(demo, "submit_contract", {"p_contract_id": new["id"], "p_note": "请审核"}, mgr)
    d = rpc(demo, "contract_detail", {"p_contract_id": new["id"]}, am, read_only=True)
    assert [(e["from_status"], e["to_status"], e["note"]) for e in d["events"]] == [
        (None, "draft", None),
        ("draft", "in_review", "请审核"),
    ]
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        rpc(demo, "sign_contract", {"p_contract_id": new["id"]}, am)


def test_plan_entry_writes_a_month(demo: psycopg.Connection) -> None:
    am = who(demo, AM_SH)
    sh = dealer(demo, "SH", 1)
    lines = [
        {"sku": "QY-T01", "quantity": "120", "amount": ""},
        {"sku": "QY-W01", "quantity": 80, "amount": "2500.5"},
    ]
    n = rpc(
        demo,
        "set_sales_plans",
        {
            "p_customer_id": sh,
            "p_month": "2027-01",
            "p_lines": json.dumps(lines),
            "p_schedule": "上旬到货",
        },
        am,
    )
    assert n == 2
    month = {
        r["sku"]: r
        for r in rows(
            demo, "dealer_month_plan", {"p_customer_id": sh, "p_month": dt.date(2027, 1, 1)}, am
        )
    }
    t01 = month["QY-T01"]
    assert t01["plan_quantity"] == 120 and t01["plan_amount"] == 120 * t01["unit_price"]
    assert month["QY-W01"]["plan_amount"] == Decimal("2500.50")
    assert t01["schedule"] == "上旬到货"
    # again: an update, not a second row
    rpc(
        demo,
        "set_sales_plans",
        {
            "p_customer_id": sh,
            "p_month": "2027-01",
            "p_lines": json.dumps([{"sku": "QY-T01", "quantity": "0"}]),
        },
        am,
    )
    again = rows(
        demo, "dealer_month_plan", {"p_customer_id": sh, "p_month": dt.date(2027, 1, 1)}, am
    )
    assert {r["sku"]: r["plan_quantity"] for r in again}["QY-T01"] == 0
    assert next(r for r in again if r["sku"] == "QY-T01")["schedule"] == "上旬到货"


@pytest.mark.parametrize(
    ("email", "area", "month", "lines", "error"),
    [
        (
            AM_SH,
            "SH",
            "2027-13",
            [{"sku": "QY-T01", "quantity": 1}],
            psycopg.errors.InvalidParameterValue,
        ),
        (
            AM_SH,
            "SH",
            "2027/02",
            [{"sku": "QY-T01", "quantity": 1}],
            psycopg.errors.InvalidParameterValue,
        ),
        (
            AM_SH,
            "SH",
            "2027-02",
            [{"sku": "NOPE", "quantity": 1}],
            psycopg.errors.InvalidParameterValue,
        ),
        (
            AM_SH,
            "SH",
            "2027-02",
            [{"sku": "QY-T01", "quantity": -1}],
            psycopg.errors.InvalidParameterValue,
        ),
        (
            AM_SH,
            "SH",
            "2027-02",
            [{"sku": "QY-T01", "quantity": "十"}],
            psycopg.errors.InvalidParameterValue,
        ),
        (
            AM_SH,
            "SH",
            "2027-02",
            [{"sku": "QY-T01", "quantity": 1, "amount": -5}],
            psycopg.errors.InvalidParameterValue,
        ),
        (
            AM_SH,
            "SH",
            "2027-02",
            [{"sku": "QY-T01", "quantity": 1}, {"sku": "QY-T01", "quantity": 2}],
            psycopg.errors.InvalidParameterValue,
        ),
        (
            AM_SH,
            "SH",
            "2027-02",
            [{"sku": "QY-T01", "quantity": 5}, {"sku": "QY-W01", "quantity": -2}],
            psycopg.errors.InvalidParameterValue,
        ),
        (AM_SH, "SH", "2027-02", [], psycopg.errors.InvalidParameterValue),
        (AM_SH, "ZJ", "2027-02", [{"sku": "QY-T01", "quantity": 1}], psycopg.errors.NoDataFound),
        (
            REP,
            "SH",
            "2027-02",
            [{"sku": "QY-T01", "quantity": 1}],
            psycopg.errors.InsufficientPrivilege,
        ),
    ],
)
def test_bad_plan_entry_writes_nothing(demo, email, area, month, lines, error) -> None:
    before = plan_count(demo)
    with pytest.raises(error) as caught:
        rpc(
            demo,
            "set_sales_plans",
            {"p_customer_id": dealer(demo, area), "p_month": month, "p_lines": json.dumps(lines)},
            who(demo, email),
        )
    assert caught.value.diag.message_detail  # a Chinese sentence for the app
    assert plan_count(demo) == before


def test_anonymous_callers_get_nothing(demo: psycopg.Connection) -> None:
    for fn, args in (
        ("ledger_dealers", {"p_as_of": D}),
        ("dealer_contracts", {"p_customer_id": dealer(demo, "SH")}),
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            rows(demo, fn, args, {"role": "anon"})
