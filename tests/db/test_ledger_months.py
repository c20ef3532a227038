"""private.ledger_months, the one definition of a ledger month (issue 20): public.dealer_ledger
returns a year of it and the monthly report's Dealers sheet one month of it for all its dealers.
Checked against the old per-dealer ledger (its body kept here as the oracle) on the default demo."""

from __future__ import annotations

import datetime as dt
import uuid

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from backend.demo import generate
from backend.importer import import_frames
from backend.reports_monthly import DEALERS, report_frames

D = dt.date(2026, 11, 27)
COLS = (
    "month", "purchases", "purchase_lines", "purchase_quantity", "billed", "payments", "credits",
    "opening_balance", "closing_balance", "credit_limit", "over_limit", "plan_amount",
    "plan_quantity", "progress_pct", "ytd_purchases", "ytd_plan", "ytd_progress_pct",
    "last_year_purchases", "last_year_ytd", "yoy_pct",
)  # fmt: skip

# public.dealer_ledger's query before private.ledger_months (migration 20261214900000), with the
# customer and the year as parameters: 13 balance dates, a lateral call per month
OLD_LEDGER = """
with cu as (select c.id, c.credit_limit from public.customers c where c.id = %(id)s),
m as (
  select g::date as m0, (g + interval '1 month' - interval '1 day')::date as me
    from generate_series(make_date(%(y)s, 1, 1), make_date(%(y)s, 12, 1), interval '1 month') g
), b as (
  select m.m0, coalesce(x.billed, 0) as billed, coalesce(x.paid, 0) as paid,
         coalesce(x.credited, 0) as credited, coalesce(x.balance, 0) as balance
    from (select (make_date(%(y)s, 1, 1) - interval '1 month')::date as m0,
                 make_date(%(y)s, 1, 1) - 1 as me
          union all select m.m0, m.me from m) m
    left join lateral private.balances(m.me, array[%(id)s]::uuid[]) x on true
), bm as (
  select b.m0, b.billed - lag(b.billed) over w as billed, b.paid - lag(b.paid) over w as paid,
         b.credited - lag(b.credited) over w as credited, lag(b.balance) over w as opening,
         b.balance as closing
    from b window w as (order by b.m0)
), pq as (
  select m.m0, sum(p.lines)::int as lines, sum(p.quantity) as qty
    from m cross join lateral private.purchases(m.m0, m.me, array[%(id)s]::uuid[], true) p
   group by m.m0
), plq as (
  select p.month as m0, sum(p.quantity) as qty from public.sales_plans p
   where p.customer_id = %(id)s and p.deleted_at is null
     and p.month >= make_date(%(y)s, 1, 1) and p.month < make_date(%(y)s + 1, 1, 1)
   group by 1
)
select m.m0, coalesce(f.month_purchases, 0), coalesce(pq.lines, 0), coalesce(pq.qty, 0),
       bm.billed, bm.paid, bm.credited, bm.opening, bm.closing, cu.credit_limit,
       greatest(bm.closing - cu.credit_limit, 0), f.month_plan, plq.qty,
       round(100 * f.month_progress, 1), coalesce(f.ytd_purchases, 0),
       coalesce(f.ytd_plan, 0), round(100 * f.ytd_progress, 1),
       coalesce(f.last_year_month, 0), coalesce(f.last_year_ytd, 0),
       round(100 * f.month_purchases / nullif(f.last_year_month, 0), 1)
  from m cross join cu
  join bm on bm.m0 = m.m0 and bm.opening is not null
  left join lateral private.sales_figures(m.me, array[%(id)s]::uuid[]) f on true
  left join pq on pq.m0 = m.m0
  left join plq on plq.m0 = m.m0
 order by m.m0
"""


@pytest.fixture(scope="module")
def demo_url(server_url: str, template_db: str):
    """One database with the default demo for the module (tests only read it)."""
    name = f"fieldsales_months_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"create database {name} template {template_db}")
    url = make_conninfo(server_url, dbname=name)
    with psycopg.connect(url, autocommit=True) as conn:
        import_frames(conn, generate("default", seed=42, as_of=D), evaluate=False)
    yield url
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")


def _dealers(conn: psycopg.Connection) -> list[uuid.UUID]:
    rows = conn.execute(
        "select id from public.customers where tier = 1 and deleted_at is null order by code"
    ).fetchall()
    return [r[0] for r in rows]


def test_dealer_ledger_equals_the_old_ledger(demo_url: str) -> None:
    with psycopg.connect(demo_url, autocommit=True) as conn:
        conn.execute("set jit = off")  # the oracle is a plain statement, costed past JIT's bar
        dealers = _dealers(conn)
        assert len(dealers) == 40
        moving = 0
        for cid in dealers:
            for year in (2025, 2026):
                new = conn.execute(
                    "select * from public.dealer_ledger(%s, %s)", (cid, year)
                ).fetchall()
                old = conn.execute(OLD_LEDGER, {"id": cid, "y": year}).fetchall()
                assert len(new) == 12 and new == old, (cid, year)
                moving += sum(1 for r in new if r[1] and r[5] and r[7] != r[8])
        assert moving > 100  # the demo's ledgers move: purchases, payments, balances


def test_dealer_sheet_equals_the_ledger_row_by_row(demo_url: str) -> None:
    with psycopg.connect(demo_url, autocommit=True) as conn:
        for month in (dt.date(2026, 1, 1), dt.date(2026, 10, 1), dt.date(2026, 11, 1)):
            sheet = report_frames(conn, month)[DEALERS.name]
            in_scope = conn.execute(
                "select c.id from public.customers c join public.areas a on a.id = c.area_id"
                " where c.tier = 1 and c.id in (select id from private.report_customers(null))"
                " order by a.code, c.code"
            ).fetchall()
            assert list(sheet["customer_id"]) == [r[0] for r in in_scope]
            for row in sheet.itertuples(index=False):
                ledger = conn.execute(
                    "select * from public.dealer_ledger(%s, %s) where month = %s",
                    (row.customer_id, month.year, month),
                ).fetchone()
                assert ledger is not None
                assert tuple(getattr(row, c) for c in COLS) == ledger, (row.customer_code, month)


def test_months_across_a_year_end_equal_each_years_ledger(demo_url: str) -> None:
    with psycopg.connect(demo_url, autocommit=True) as conn:
        dealers = _dealers(conn)
        rows = conn.execute(
            "select * from private.ledger_months(%s, '2025-11-15', '2026-02-03')", (dealers,)
        ).fetchall()
        assert len(rows) == 4 * len(dealers)
        for r in rows:
            (ledger,) = conn.execute(
                "select * from public.dealer_ledger(%s, %s) where month = %s",
                (r[0], r[1].year, r[1]),
            ).fetchall()
            assert r[1:] == ledger
        # a customer that does not exist has no rows; an empty list none
        none = conn.execute(
            "select count(*) from private.ledger_months(%s, '2026-01-01', '2026-12-31')",
            ([uuid.uuid4()],),
        ).fetchone()
        assert none == (0,)


@pytest.mark.parametrize(
    ("ids", "start", "end", "zh"),
    [
        (None, "2026-01-01", "2026-12-01", "缺少客户编号或起止月份"),
        ([], None, "2026-12-01", "缺少客户编号或起止月份"),
        ([], "2026-01-01", None, "缺少客户编号或起止月份"),
        ([], "2026-12-01", "2026-11-30", "不能晚于截止月份"),
    ],
)
def test_bad_input_is_refused(
    demo_url: str, ids: list[uuid.UUID] | None, start: str | None, end: str | None, zh: str
) -> None:
    with psycopg.connect(demo_url, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InvalidParameterValue) as err:
            conn.execute(
                "select * from private.ledger_months(%s::uuid[], %s::date, %s::date)",
                (ids, start, end),
            )
        assert zh in (err.value.diag.message_detail or "")
        assert "p_" in (err.value.diag.message_primary or "")
