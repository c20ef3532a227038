"""A dealer's own account (public.dealer_account, 20261208200000_dealer_account.sql) on the default
demo: the same figures its area manager reads on the ledger, only credit warnings, and only for
the dealer itself."""

from __future__ import annotations

import datetime as dt
import json

import psycopg
import pytest

from tests.db.test_ledger_app import AM_SH, MANAGER, REP, D, demo, rows, who  # noqa: F401

DEALER = "dealer-d001@demo.fieldsales.cn"


def account(conn: psycopg.Connection, email: str, as_of: dt.date | None = D) -> dict:
    """The dealer_account row as that user sees it."""
    (row,) = rows(conn, "dealer_account", {"p_as_of": as_of}, who(conn, email))
    return row


def test_the_account_equals_the_ledger(demo: psycopg.Connection) -> None:  # noqa: F811
    mine = account(demo, DEALER)
    (ledger,) = rows(
        demo, "ledger_dealers", {"p_as_of": D, "p_customer_id": mine["customer_id"]}, None
    )
    for key in ("code", "name", "grade", "credit_limit", "balance", "over_limit", "month_plan",
                "month_purchases", "ytd_plan", "ytd_purchases", "ytd_progress_pct",
                "contract_id", "contract_no", "contract_status", "contract_term_end"):  # fmt: skip
        assert mine[key] == ledger[key], key
    assert mine["ytd_purchases"] > 0 and mine["contract_status"] == "effective"
    assert mine["contract_days_left"] == (mine["contract_term_end"] - D).days
    if mine["credit_limit"] > 0:
        used = round(100 * mine["balance"] / mine["credit_limit"], 1)
        assert mine["credit_used_pct"] == used
    # payments as dealer_ledger sums them, per month up to D
    months = rows(
        demo, "dealer_ledger", {"p_customer_id": mine["customer_id"], "p_year": 2026}, None
    )
    assert mine["month_payments"] == months[D.month - 1]["payments"]
    assert mine["ytd_payments"] == sum(m["payments"] for m in months[: D.month])
    # as of an earlier day the figures are that day's (the same definitions, dated)
    earlier = account(demo, DEALER, dt.date(2026, 6, 30))
    (then,) = rows(
        demo,
        "ledger_dealers",
        {"p_as_of": dt.date(2026, 6, 30), "p_customer_id": mine["customer_id"]},
        None,
    )
    assert (
        earlier["balance"] == then["balance"] and earlier["ytd_purchases"] == then["ytd_purchases"]
    )
    assert earlier["ytd_purchases"] < mine["ytd_purchases"]


def test_a_dealer_sees_only_its_credit_warnings(demo: psycopg.Connection) -> None:  # noqa: F811
    cid = account(demo, DEALER)["customer_id"]
    figures = {"balance": 250000, "credit_limit": 200000, "ratio": 1.25}
    demo.execute(
        "insert into warnings (customer_id, kind, cause_key, severity, figures) values"
        " (%s, 'credit_over_limit', 'test-credit', 'high', %s),"
        " (%s, 'churn', 'test-churn', 'high', '{}'),"
        " (%s, 'behind_plan', 'test-plan', 'medium', '{}')",
        (cid, json.dumps(figures), cid, cid),
    )
    try:
        warnings = account(demo, DEALER)["credit_warnings"]
        assert len(warnings) == 1, warnings
        (w,) = warnings
        assert w["severity"] == "high"
        assert "超过信用额度" in w["message_zh"] and "credit limit" in w["message_en"]
        assert "250,000" in w["message_zh"] or "250000" in w["message_zh"]
        # resolved: gone from the account
        demo.execute(
            "update warnings set status = 'resolved', resolved_at = now() where cause_key = 'test-credit'"
        )
        assert account(demo, DEALER)["credit_warnings"] == []
    finally:
        demo.execute("delete from warnings where cause_key like 'test-%'")


@pytest.mark.parametrize("email", [REP, AM_SH, MANAGER])
def test_staff_have_no_own_account(demo: psycopg.Connection, email: str) -> None:  # noqa: F811
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        account(demo, email)


def test_anonymous_and_deactivated_dealers_are_refused(demo: psycopg.Connection) -> None:  # noqa: F811
    with pytest.raises(psycopg.DatabaseError) as anonymous:
        rows(demo, "dealer_account", {"p_as_of": D}, {"role": "anon"})
    assert anonymous.value.sqlstate in {"42501", "28000"}
    claims = who(demo, DEALER)
    demo.execute("update profiles set active = false where email = %s", (DEALER,))
    try:
        with pytest.raises(psycopg.DatabaseError) as refused:
            rows(demo, "dealer_account", {"p_as_of": D}, claims)
        assert refused.value.sqlstate in {"42501", "28000"}
    finally:
        demo.execute("update profiles set active = true where email = %s", (DEALER,))


def test_today_by_default(demo: psycopg.Connection) -> None:  # noqa: F811
    """Without a date the account is the company's today's (a day after the demo's data)."""
    today = demo.execute("select private.company_today()").fetchone()[0]
    assert account(demo, DEALER, None) == account(demo, DEALER, today)
