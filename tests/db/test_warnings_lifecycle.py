"""How warnings live: idempotent, self-clearing, kept while acknowledged, one per cause, owned by
the rep, thresholds overridable per grade and customer, bad input refused with nothing changed."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

import psycopg
import pytest

from backend.risk import evaluate as run_evaluation
from fieldapp.errors import InvalidInput
from tests.db.warnings_world import REP, D, World, day, evaluate, kinds, open_warnings


def _over_limit(conn: psycopg.Connection) -> dict[str, object]:
    ids = World().customer("C", credit_limit=1000).ship("C", day("2026-11-01"), 1500).load(conn)
    return ids


def _count(conn: psycopg.Connection) -> int:
    return conn.execute("select count(*) from public.warnings").fetchone()[0]


def test_evaluating_twice_raises_nothing_new(conn: psycopg.Connection) -> None:
    _over_limit(conn)
    first = evaluate(conn)
    assert [(c["action"], c["kind"]) for c in first] == [("raised", "credit_over_limit")]
    assert evaluate(conn) == []
    assert _count(conn) == 1


def test_owner_is_the_customers_rep(conn: psycopg.Connection) -> None:
    _over_limit(conn)
    evaluate(conn)
    rep = conn.execute("select id from public.profiles where email = %s", (REP,)).fetchone()[0]
    assert open_warnings(conn)[0]["owner_id"] == rep


def test_new_figures_update_the_open_warning_and_keep_its_status(conn: psycopg.Connection) -> None:
    _over_limit(conn)
    evaluate(conn)
    conn.execute("update public.warnings set status = 'acknowledged', notes = '已电话联系'")
    conn.execute(
        "insert into public.payments (reference, customer_id, paid_on, amount)"
        " select 'P-1', id, %s, 200 from public.customers",
        (D,),
    )
    (change,) = evaluate(conn)
    assert change["action"] == "updated" and change["status"] == "acknowledged"
    assert change["figures"]["balance"] == 1300.0
    conn.execute("update public.warnings set status = 'investigating'")
    conn.execute(
        "insert into public.shipments (doc_no, line_no, customer_id, product_id, shipped_on,"
        " quantity, unit_price, amount) select 'SO-X', 1, c.id, p.id, %s, 1, 500, 500"
        " from public.customers c, public.products p",
        (D,),
    )
    (change,) = evaluate(conn)
    assert change["severity"] == "high" and change["status"] == "investigating"
    (warning,) = open_warnings(conn)
    assert warning["status"] == "investigating"


def test_a_cleared_condition_resolves_the_warning_with_its_reason(conn: psycopg.Connection) -> None:
    _over_limit(conn)
    evaluate(conn)
    conn.execute("update public.warnings set status = 'investigating'")
    conn.execute(
        "insert into public.payments (reference, customer_id, paid_on, amount)"
        " select 'P-1', id, %s, 600 from public.customers",
        (D,),
    )
    (change,) = evaluate(conn)
    assert (change["action"], change["status"], change["resolution"]) == (
        "cleared",
        "resolved",
        "condition_cleared",
    )
    assert change["figures"]["cleared_as_of"] == "2026-11-27"
    row = conn.execute(
        "select resolved_at is not null, cleared_at is not null from public.warnings"
    )
    assert row.fetchone() == (True, True)
    assert open_warnings(conn) == []
    # the condition comes back: a new warning, still only one open
    conn.execute("delete from public.payments")
    (again,) = evaluate(conn)
    assert again["action"] == "raised"
    assert len(open_warnings(conn)) == 1 and _count(conn) == 2


def test_never_two_open_warnings_for_one_cause(conn: psycopg.Connection) -> None:
    _over_limit(conn)
    evaluate(conn)
    with pytest.raises(psycopg.errors.UniqueViolation):
        conn.execute(
            "insert into public.warnings (customer_id, kind, cause_key, severity)"
            " select customer_id, kind, cause_key, severity from public.warnings"
        )


def test_a_warning_a_person_resolved_is_not_raised_again_for_the_same_cause(
    conn: psycopg.Connection,
) -> None:
    _over_limit(conn)
    evaluate(conn)
    conn.execute(
        "update public.warnings set status = 'resolved', resolved_at = now(),"
        " resolution = '已与经销商约定分期还款'"
    )
    assert evaluate(conn) == []  # the balance is still over, but a person dealt with it
    assert open_warnings(conn) == []
    conn.execute(
        "insert into public.payments (reference, customer_id, paid_on, amount)"
        " select 'P-1', id, %s, 600 from public.customers",
        (D,),
    )
    assert evaluate(conn) == []  # the condition cleared: noted, nothing to report
    assert conn.execute("select cleared_at is not null from public.warnings").fetchone()[0]
    conn.execute("delete from public.payments")
    (again,) = evaluate(conn)  # a new episode is a new warning
    assert again["action"] == "raised"


def test_a_plan_warning_ends_with_its_year(conn: psycopg.Connection) -> None:
    World().customer("P").plan("P", day("2026-11-01"), 1000).plan("P", day("2027-01-01"), 1).load(
        conn
    )
    evaluate(conn)
    assert kinds(conn, "P") == {"behind_plan"}
    changes = evaluate(conn, day("2027-01-20"))
    assert [(c["action"], c["cause_key"], c["resolution"]) for c in changes] == [
        ("cleared", "2026", "period_ended"),
        ("raised", "2027", None),
    ]


def _pay(conn: psycopg.Connection, reference: str, amount: int) -> None:
    conn.execute(
        "insert into public.payments (reference, customer_id, paid_on, amount)"
        " select %s, id, %s, %s from public.customers",
        (reference, D, amount),
    )


def _changes(changes: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(c["action"], c["kind"], c["resolution"]) for c in changes]


def test_an_eliminated_customers_debt_stays_watched_and_its_other_warnings_resolve(
    conn: psycopg.Connection,
) -> None:
    # over its limit, no purchase for 100 days (churn), a theft yesterday (major incident)
    w = World().customer("C", credit_limit=1000).ship("C", D - dt.timedelta(days=100), 1500)
    w.incident("C", D - dt.timedelta(days=1)).load(conn)
    assert {c["kind"] for c in evaluate(conn)} == {"credit_over_limit", "churn", "major_incident"}
    conn.execute("update public.warnings set status = 'acknowledged'")
    conn.execute("update public.customers set status = 'eliminated'")
    assert _changes(evaluate(conn)) == [
        ("cleared", "churn", "customer_inactive"),
        ("cleared", "major_incident", "customer_inactive"),
    ]
    (credit,) = open_warnings(conn)
    assert (credit["kind"], credit["status"]) == ("credit_over_limit", "acknowledged")
    assert evaluate(conn) == []  # nothing new on the next run
    # the balance changes: the warning follows it, keeping its status
    _pay(conn, "P-1", 200)
    (change,) = evaluate(conn)
    assert (change["action"], change["status"]) == ("updated", "acknowledged")
    assert change["figures"]["balance"] == 1300.0
    # paid down to the limit: cleared as for any customer
    _pay(conn, "P-2", 300)
    assert _changes(evaluate(conn)) == [("cleared", "credit_over_limit", "condition_cleared")]
    assert open_warnings(conn) == []
    # over again: raised again (a new episode); a deleted customer's resolves as inactive
    conn.execute("delete from public.payments")
    assert _changes(evaluate(conn)) == [("raised", "credit_over_limit", None)]
    conn.execute("update public.customers set deleted_at = now()")
    assert _changes(evaluate(conn)) == [("cleared", "credit_over_limit", "customer_inactive")]
    assert evaluate(conn) == []


def test_grade_and_customer_overrides(conn: psycopg.Connection) -> None:
    w = World()
    for code, grade in (("A1", "A"), ("A2", "A"), ("B1", "B")):
        w.customer(code, grade=grade).ship(code, D - dt.timedelta(days=60), 100)
    ids = w.load(conn)
    assert evaluate(conn) == []  # 60 days without purchase is not churn at 90 days
    conn.execute(
        "insert into public.warning_thresholds (setting_key, grade, value)"
        " values ('warning.churn.days', 'A', 45)"
    )
    assert sorted(c["code"] for c in evaluate(conn)) == ["A1", "A2"]
    conn.execute(
        "insert into public.warning_thresholds (setting_key, customer_id, value)"
        " values ('warning.churn.days', %s, 120)",
        (ids["A2"],),
    )
    changes = evaluate(conn)
    assert [(c["code"], c["action"]) for c in changes] == [("A2", "cleared")]
    (warning,) = open_warnings(conn)
    assert warning["code"] == "A1" and warning["figures"]["days"] == 45


def test_overrides_are_checked(conn: psycopg.Connection) -> None:
    bad = [
        ("warning.churn.days", 45.5),  # days are whole
        ("warning.behind_plan.tolerance", 1.5),  # a tolerance is at most 1
        ("warning.nonexistent", 1),
        ("warning.churn.days", -1),
    ]
    for key, value in bad:
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(
                "insert into public.warning_thresholds (setting_key, grade, value)"
                " values (%s, 'A', %s)",
                (key, value),
            )
    with pytest.raises(psycopg.errors.CheckViolation):  # a grade or a customer, not both
        conn.execute(
            "insert into public.warning_thresholds (setting_key, value)"
            " values ('warning.churn.days', 30)"
        )


def test_null_as_of_is_refused_and_changes_nothing(conn: psycopg.Connection) -> None:
    _over_limit(conn)
    with pytest.raises(psycopg.errors.NullValueNotAllowed, match="as_of is required"):
        conn.execute("select * from public.evaluate_warnings(null)")
    with pytest.raises(InvalidInput):
        run_evaluation(conn, None)
    assert _count(conn) == 0


def test_unknown_customer_ids_are_refused_and_change_nothing(conn: psycopg.Connection) -> None:
    ids = _over_limit(conn)
    unknown = "00000000-0000-0000-0000-000000000001"
    with pytest.raises(psycopg.errors.NoDataFound, match=unknown):
        conn.execute(
            "select * from public.evaluate_customer_warnings(%s::uuid[], %s)",
            ([str(ids["C"]), unknown], D),
        )
    with pytest.raises(InvalidInput) as caught:
        run_evaluation(conn, D, [ids["C"], UUID(unknown)])
    assert "客户不存在" in caught.value.message_zh
    with pytest.raises(psycopg.errors.NullValueNotAllowed):
        conn.execute("select * from public.evaluate_customer_warnings(null, %s)", (D,))
    with pytest.raises(psycopg.errors.NullValueNotAllowed):
        conn.execute(
            "select * from public.evaluate_customer_warnings(array[null]::uuid[], %s)", (D,)
        )
    assert (
        conn.execute("select * from public.evaluate_customer_warnings('{}', %s)", (D,)).fetchall()
        == []
    )
    assert _count(conn) == 0


def test_re_evaluating_some_customers_leaves_the_others_alone(conn: psycopg.Connection) -> None:
    w = World().customer("X", credit_limit=1).customer("Y", credit_limit=1)
    ids = w.ship("X", D, 10).ship("Y", D, 10).load(conn)
    changes = run_evaluation(conn, D, [ids["X"]])
    assert [c.customer_code for c in changes.changes] == ["X"]
    assert changes.changes[0].message_en.startswith("Receivable balance 10.00 CNY is over")
    assert changes.open_by_kind == {"credit_over_limit": 1}
    conn.execute("update public.customers set credit_limit = 100")
    assert run_evaluation(conn, D, [ids["Y"]]).changes == []
    # X's balance is now within its limit, but X was not re-evaluated: still open
    assert [w["code"] for w in open_warnings(conn)] == ["X"]


def test_people_cannot_run_the_evaluation(conn: psycopg.Connection) -> None:
    conn.execute("set role authenticated")
    try:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select * from public.evaluate_warnings(%s)", (D,))
    finally:
        conn.execute("reset role")


def test_every_kind_has_a_sentence_in_both_languages(conn: psycopg.Connection) -> None:
    w = World().customer("C", credit_limit=1000).ship("C", day("2026-11-01"), 1500)
    w.incident("C", D, "family_split").load(conn)
    evaluate(conn)
    rows = conn.execute(
        "select kind, public.warning_message(kind, figures, 'zh'),"
        " public.warning_message(kind, figures, 'en') from public.warnings order by kind"
    ).fetchall()
    assert rows == [
        (
            "credit_over_limit",
            "应收余额 1,500.00 元，超过信用额度 1,000.00 元（150.0%）",
            "Receivable balance 1,500.00 CNY is over the credit limit of 1,000.00 CNY (150.0%)",
        ),
        (
            "major_incident",
            "业务员报告重大变故（分家，2026-11-27）：family_split 情况说明",
            "Major incident reported (family split, 2026-11-27): family_split 情况说明",
        ),
    ]
    samples = {
        "behind_plan": {"year": 2026, "purchases": 1, "plan_to_date": 2, "attainment": 0.5},
        "below_last_year": {"purchases_90d": 1, "last_year_90d": 2, "ratio": 0.5},
        "purchase_frequency_drop": {
            "days_since": 30,
            "last_purchase": "2026-10-28",
            "median_gap_days": 7,
        },
        "churn": {"days_since": 100, "last_purchase": "2026-08-19"},
        "expense_over_budget": {
            "period_start": "2026-10-01",
            "period_end": "2026-12-31",
            "spent": 2,
            "budget": 1,
        },
        "expense_rising": {"expenses_3m": 9000, "previous_3m": 4000},
    }
    for kind, figures in samples.items():
        zh, en = conn.execute(
            "select public.warning_message(%s, %s, 'zh'), public.warning_message(%s, %s, 'en')",
            (kind, psycopg.types.json.Jsonb(figures), kind, psycopg.types.json.Jsonb(figures)),
        ).fetchone()
        assert zh and en and zh != en and "None" not in zh + en


def test_purchase_days_follow_every_change_to_shipments(conn: psycopg.Connection) -> None:
    w = World().customer("A").customer("B").customer("S", tier=2, parent="A")
    w.ship("A", day("2026-11-01"), 100).ship("A", day("2026-11-01"), 50).ship(
        "B", day("2026-11-02"), 7
    )
    w.ship("S", day("2026-11-03"), 30, seller="A")
    w.load(conn)

    def check() -> None:
        kept = conn.execute(
            "select customer_id, day, cents, billed_cents, lines"
            " from private.purchase_days order by 1, 2"
        ).fetchall()
        stats = conn.execute("select * from private.purchase_stats order by 1").fetchall()
        conn.execute("select private.rebuild_purchase_days()")
        assert (
            kept
            == conn.execute(
                "select customer_id, day, cents, billed_cents, lines"
                " from private.purchase_days order by 1, 2"
            ).fetchall()
        )
        assert stats == conn.execute("select * from private.purchase_stats order by 1").fetchall()
        months = conn.execute("select * from private.purchase_months order by 1, 2, 3").fetchall()
        conn.execute("select private.rebuild_purchase_months()")
        assert (
            months
            == conn.execute("select * from private.purchase_months order by 1, 2, 3").fetchall()
        )

    check()
    conn.execute("update public.shipments set amount = amount + 1 where amount = 50")
    check()
    conn.execute("update public.shipments set shipped_on = shipped_on + 3 where amount = 7")
    check()
    conn.execute("update public.shipments set deleted_at = now() where amount = 100")
    check()
    conn.execute("update public.shipments set settlement_status = 'settled'")  # no change at all
    check()
    conn.execute("update public.shipments set seller_id = null where amount = 30")
    check()
    conn.execute("update public.shipments set quantity = quantity + 2 where amount = 30")
    check()
    conn.execute("update public.shipments set shipped_on = '2026-12-01' where amount = 30")
    check()  # into the next month
    conn.execute("delete from public.shipments where amount = 51")
    check()
    conn.execute("update public.shipments set deleted_at = null")
    check()
    conn.execute("truncate public.shipments cascade")
    assert conn.execute("select count(*) from private.purchase_days").fetchone()[0] == 0
    assert conn.execute("select count(*) from private.purchase_stats").fetchone()[0] == 0
    assert conn.execute("select count(*) from private.purchase_months").fetchone()[0] == 0
