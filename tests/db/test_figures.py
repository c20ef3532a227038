"""One definition per figure (docs/figures.md): on the default demo, for every customer, the
ledger, the warnings, the monthly report, the map export and the app's ledger service show the
same balance, purchases and plan, and these equal an independent pandas computation."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd
import psycopg
import pytest
from psycopg.conninfo import make_conninfo
from psycopg.rows import dict_row

from backend.demo import generate
from backend.importer import import_frames
from backend.map_export import load_customers, window
from backend.reports_monthly import AGEING, DEALERS, PLAN, report_frames

D = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def world(server_url: str, template_db: str) -> Iterator[tuple[psycopg.Connection, dict]]:
    """The default demo as of D, its warnings evaluated as of D, and the raw frames."""
    name = f"fieldsales_fig_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"create database {name} template {template_db}")
    frames = generate("default", seed=42, as_of=D)
    with psycopg.connect(make_conninfo(server_url, dbname=name), autocommit=True) as conn:
        import_frames(conn, frames, evaluate=False, as_of=D)
        conn.execute("select count(*) from public.evaluate_warnings(%s)", (D,))
        yield conn, frames
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")


def _day(frame: pd.DataFrame, col: str) -> pd.Series:
    return pd.to_datetime(frame[col]).dt.date


def expected(frames: dict[str, pd.DataFrame], d: dt.date) -> pd.DataFrame:
    """Balance, purchases and plan per customer code, computed from the raw demo frames."""
    codes = pd.Index(frames["customers"]["code"], name="code")
    s, p, r, pl = frames["shipments"], frames["payments"], frames["returns"], frames["plans"]
    s_day, amt = _day(s, "shipped_on"), s["amount"].map(lambda x: Decimal(str(x)))

    def total(mask: pd.Series, by: pd.Series, values: pd.Series) -> pd.Series:
        return values[mask].groupby(by[mask]).sum().reindex(codes, fill_value=Decimal(0))

    own = s["seller_code"].isna() | (s["seller_code"].astype(str).str.len() == 0)
    billed = total(own & (s_day <= d), s["customer_code"], amt)
    paid = total(
        _day(p, "paid_on") <= d, p["customer_code"], p["amount"].map(lambda x: Decimal(str(x)))
    )
    credited_mask = (
        r["kind"].isin(["return", "credit_note"])
        & r["status"].isin(["accepted", "completed"])
        & (_day(r, "decided_on") <= d)
    )
    credited = total(credited_mask, r["customer_code"], r["amount"].map(lambda x: Decimal(str(x))))
    y0, m0 = d.replace(month=1, day=1), d.replace(day=1)
    start = window(d)[0]
    month = _day(pl, "month")
    plan_amt = pl["amount"].map(lambda x: Decimal(str(x)))
    out = pd.DataFrame(
        {
            "balance": billed - paid - credited,
            "ytd": total((s_day >= y0) & (s_day <= d), s["customer_code"], amt),
            "month": total((s_day >= m0) & (s_day <= d), s["customer_code"], amt),
            "ly_ytd": total(
                (s_day >= y0.replace(year=y0.year - 1)) & (s_day <= d.replace(year=d.year - 1)),
                s["customer_code"],
                amt,
            ),
            "bought_12m": total((s_day >= start) & (s_day <= d), s["customer_code"], amt),
            "ytd_plan": total((month >= y0) & (month <= m0), pl["customer_code"], plan_amt),
        }
    )
    return out


def whole(x: Decimal) -> int:
    """Money in whole CNY, half up, as the map rounds it."""
    return int(x.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def as_dicts(conn: psycopg.Connection, query: str, params: tuple[Any, ...]) -> list[dict]:
    """Rows of a query as dicts."""
    return conn.cursor(row_factory=dict_row).execute(query, params).fetchall()


def test_every_customer_has_one_balance_everywhere(world: tuple) -> None:
    conn, frames = world
    want = expected(frames, D)
    assert (want["balance"] != 0).sum() > 30  # the demo has receivables to compare
    # the one definition, for every customer at once
    bal = {
        r["code"]: r["balance"]
        for r in as_dicts(
            conn,
            "select c.code, coalesce(b.balance, 0) as balance from public.customers c"
            " left join private.balances(%s) b on b.customer_id = c.id",
            (D,),
        )
    }
    assert len(bal) == len(want) == 640
    for code, value in bal.items():
        assert value == want.at[code, "balance"], code
    # the map export: whole CNY
    for c in load_customers(conn, D):
        assert c.balance == whole(bal[c.code]), c.code
        assert c.bought_12m == whole(want.at[c.code, "bought_12m"]), c.code
    # the ledger's dealers (tier 1)
    dealers = as_dicts(conn, "select * from public.ledger_dealers(%s)", (D,))
    assert len(dealers) == 40
    for r in dealers:
        assert r["balance"] == bal[r["code"]], r["code"]
        assert r["ytd_purchases"] == want.at[r["code"], "ytd"], r["code"]
        assert r["month_purchases"] == want.at[r["code"], "month"], r["code"]
        assert r["last_year_ytd"] == want.at[r["code"], "ly_ytd"], r["code"]
        assert r["ytd_plan"] == want.at[r["code"], "ytd_plan"], r["code"]
    # the warnings: every customer over its limit by this balance has the warning, with it
    warned = {
        r["code"]: r["figures"]
        for r in as_dicts(
            conn,
            "select c.code, w.figures from public.warnings w join public.customers c"
            " on c.id = w.customer_id where w.kind = 'credit_over_limit'"
            " and w.status <> 'resolved'",
            (),
        )
    }
    limits = dict(  # eliminated customers too: their debt is still watched
        conn.execute(
            "select code, credit_limit from public.customers where deleted_at is null"
        ).fetchall()
    )
    over = {code for code, lim in limits.items() if bal[code] > lim}
    assert over and set(warned) == over
    for code, figures in warned.items():
        assert Decimal(str(figures["balance"])) == bal[code], code
    behind = as_dicts(
        conn,
        "select c.code, w.figures from public.warnings w join public.customers c"
        " on c.id = w.customer_id where w.kind = 'behind_plan' and w.status <> 'resolved'",
        (),
    )
    for r in behind:
        assert Decimal(str(r["figures"]["purchases"])) == want.at[r["code"], "ytd"], r["code"]


def test_the_monthly_report_shows_the_same_figures(world: tuple) -> None:
    conn, frames = world
    want = expected(frames, D)
    # nothing is dated after D in the demo, so November's end shows D's figures
    frames_out = report_frames(conn, D.replace(day=1))
    dealers = frames_out[DEALERS.name]
    assert len(dealers) == 40
    for _, r in dealers.iterrows():
        code = r["customer_code"]
        assert r["closing_balance"] == want.at[code, "balance"], code
        assert r["ytd_purchases"] == want.at[code, "ytd"], code
        assert r["last_year_ytd"] == want.at[code, "ly_ytd"], code
    for _, r in frames_out[AGEING.name].iterrows():
        assert r["balance"] == want.at[r["customer_code"], "balance"], r["customer_code"]
        aged = r["days_0_30"] + r["days_31_60"] + r["days_61_90"] + r["days_over_90"]
        assert aged == max(r["balance"], 0), r["customer_code"]
    plan = frames_out[PLAN.name]
    for code, sku_rows in plan.groupby("customer_code"):
        assert sum(sku_rows["ytd_actual"]) == want.at[code, "ytd"], code
        assert sum(sku_rows["ytd_plan"]) == want.at[code, "ytd_plan"], code


def test_the_app_ledger_shows_the_same_balance(world: tuple) -> None:
    conn, frames = world
    want = expected(frames, D)
    from fieldapp.services.ledger import server_numbers

    # what LedgerService.dealers and .ledger read, as the app receives it (the RPC rows)
    cid, code = conn.execute(
        "select id::text, code from public.customers where tier = 1 order by code limit 1"
    ).fetchone()
    row = server_numbers(as_dicts(conn, "select * from public.ledger_dealers(%s, %s)", (D, cid))[0])
    months = [
        server_numbers(m)
        for m in as_dicts(conn, "select * from public.dealer_ledger(%s, %s)", (cid, D.year))
    ]
    assert row["balance"] == months[D.month - 1]["closing_balance"] == want.at[code, "balance"]
    for prev, cur in itertools.pairwise(months):
        assert cur["opening_balance"] == prev["closing_balance"]
        moved = cur["billed"] - cur["payments"] - cur["credits"]
        assert cur["closing_balance"] - cur["opening_balance"] == moved


@pytest.mark.parametrize("month", [D.replace(day=1), dt.date(2026, 1, 1), dt.date(2025, 12, 1)])
def test_plan_against_actual_is_what_private_purchases_returns(world: tuple, month) -> None:
    """monthly_plan_actual reads private.purchase_months once for every column: each equals
    private.purchases (the definition) over its own whole months, for every dealer and product."""
    conn, _ = world
    cols = ("actual_quantity", "actual_amount", "ytd_actual", "last_year_amount", "last_year_ytd")
    got = {
        (r["customer_id"], r["product_id"]): tuple(r[c] for c in cols)
        for r in as_dicts(conn, "select * from public.monthly_plan_actual(%s)", (month,))
    }
    y0, lm0 = month.replace(month=1), month.replace(year=month.year - 1)
    end = (pd.Timestamp(month) + pd.offsets.MonthEnd(0)).date()
    ly_end = (pd.Timestamp(lm0) + pd.offsets.MonthEnd(0)).date()
    ranges = [(month, end), (y0, end), (lm0, ly_end), (y0.replace(year=y0.year - 1), ly_end)]
    want: dict[tuple, list] = {}
    for i, (start, stop) in enumerate(ranges):
        for r in as_dicts(
            conn,
            "select customer_id, product_id, quantity, amount from private.purchases(%s, %s,"
            " (select array_agg(id) from public.customers where tier = 1), true)",
            (start, stop),
        ):
            w = want.setdefault((r["customer_id"], r["product_id"]), [0, 0, 0, 0, 0])
            if i == 0:
                w[0], w[1] = r["quantity"], r["amount"]
            else:
                w[i + 1] = r["amount"]
    seen = [any(w[i] for w in want.values()) for i in range(5)]
    assert seen[:3] == [True] * 3 and (all(seen) or month != D.replace(day=1)), seen
    for key, w in want.items():
        assert got[key] == tuple(w), key
    assert all(key in want or not any(v) for key, v in got.items())


def test_a_balance_is_the_same_from_either_end(world: tuple) -> None:
    """private.balances reads a customer's purchase days up to D or, when D is nearer the last
    purchase, the whole total less the days after D: at dates over the whole history (before
    the first purchase, near it, mid-way, near the end) both equal the sum of the days up to D."""
    conn, _ = world
    first, last = conn.execute("select min(day), max(day) from private.purchase_days").fetchone()
    span = (last - first).days
    for d in [first - dt.timedelta(days=1), first, *(first + dt.timedelta(days=span * k // 8)
              for k in range(1, 8)), last - dt.timedelta(days=1), last]:  # fmt: skip
        got = dict(conn.execute("select customer_id, billed from private.balances(%s)", (d,)))
        want = dict(
            conn.execute(
                "select customer_id, round(sum(billed_cents)::numeric / 100, 2)"
                " from private.purchase_days where day <= %s group by 1",
                (d,),
            )
        )
        assert {k: v for k, v in got.items() if v} == {k: v for k, v in want.items() if v}, d
        assert len(want) > 0 or d < first, d
