"""Receivables ageing from the purchase summary equals its per-line definition (FIFO over every
billed shipment line, in day, document and line order) on random histories: several lines a
day, lines sold by a dealer, a zero line, payments, returns, credit notes, a deleted line."""

from __future__ import annotations

import datetime as dt
import random

import psycopg
import pytest

from tests.db.warnings_world import World

# The definition of 20261201120000, over every line (what the summary must reproduce).
PER_LINE = """
with ids as (select array_agg(r.id) as ids from private.report_customers(null) r),
bal as (
  select b.customer_id, b.balance, b.paid + b.credited as settled
    from ids, private.balances(%(as_of)s, coalesce(ids.ids, '{}'::uuid[])) b
), lines as (
  select s.customer_id, s.shipped_on, s.amount,
         sum(s.amount) over (partition by s.customer_id order by s.shipped_on, s.doc_no,
                             s.line_no) as cum
    from public.shipments s, ids
   where s.seller_id is null and s.deleted_at is null and s.shipped_on <= %(as_of)s
     and s.customer_id = any(ids.ids)
), openl as (
  select l.customer_id, l.shipped_on,
         greatest(0, least(l.amount, l.cum - coalesce(b.settled, 0))) as open_amt
    from lines l left join bal b on b.customer_id = l.customer_id
), agg as (
  select o.customer_id,
         sum(o.open_amt) filter (where %(as_of)s - o.shipped_on <= 30) as d30,
         sum(o.open_amt) filter (where %(as_of)s - o.shipped_on between 31 and 60) as d60,
         sum(o.open_amt) filter (where %(as_of)s - o.shipped_on between 61 and 90) as d90,
         sum(o.open_amt) filter (where %(as_of)s - o.shipped_on > 90) as dmore,
         min(o.shipped_on) filter (where o.open_amt > 0) as oldest
    from openl o group by 1
)
select c.id, c.code, c.name, a.code, c.tier, c.credit_limit, bal.balance,
       coalesce(g.d30, 0), coalesce(g.d60, 0), coalesce(g.d90, 0), coalesce(g.dmore, 0),
       greatest(bal.balance - c.credit_limit, 0), g.oldest
  from bal
  join public.customers c on c.id = bal.customer_id
  join public.areas a on a.id = c.area_id
  left join agg g on g.customer_id = bal.customer_id
 where bal.balance <> 0 or c.credit_limit > 0
 order by greatest(bal.balance - c.credit_limit, 0) desc, bal.balance desc, c.code
"""


def _history(seed: int) -> World:
    rnd = random.Random(seed)
    w = World()
    start = dt.date(2025, 10, 1)
    codes = [f"C{i}" for i in range(8)]
    for code in codes:
        w.customer(code, credit_limit=rnd.choice([0, 500, 5_000]))
    w.customer("S", tier=2, parent="C0", credit_limit=0)
    for code in codes:
        for _ in range(rnd.randint(0, 14)):
            on = start + dt.timedelta(days=rnd.randint(0, 200))
            for _ in range(rnd.randint(1, 3)):  # several lines on one day
                w.ship(code, on, rnd.choice([0, 35.5, 120, 480.25, 999]))
        for _ in range(rnd.randint(0, 5)):
            on = start + dt.timedelta(days=rnd.randint(0, 200))
            w.pay(code, on, rnd.choice([50, 300.75, 1_200]))
        if rnd.random() < 0.5:
            w.ret(code, start + dt.timedelta(days=rnd.randint(0, 200)), 40)
        if rnd.random() < 0.3:
            w.ret(
                code,
                start + dt.timedelta(days=rnd.randint(0, 200)),
                25,
                kind="credit_note",
                status="completed",
            )
    w.ship("S", start + dt.timedelta(days=30), 70, seller="C0")  # the dealer's sale: not ours
    return w


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_ageing_from_the_summary_is_the_per_line_definition(
    conn: psycopg.Connection, seed: int
) -> None:
    _history(seed).load(conn)
    conn.execute(  # a line deleted later: the summary and the lines both leave it out
        "update public.shipments set deleted_at = now()"
        " where id = (select id from public.shipments where amount > 0 order by doc_no limit 1)"
    )
    for as_of in (dt.date(2025, 12, 15), dt.date(2026, 2, 28), dt.date(2026, 6, 30)):
        got = conn.execute("select * from public.receivables_ageing(%s)", (as_of,)).fetchall()
        want = conn.execute(PER_LINE, {"as_of": as_of}).fetchall()
        assert got == want, as_of
        assert any(r[7] + r[8] + r[9] + r[10] > 0 for r in got)  # something is open


def test_a_deleted_customer_leaves_the_ageing(conn: psycopg.Connection) -> None:
    """The whole company's ageing reads every customer without a list of ids (migration
    20261217300000): a deleted customer with a balance still stays out, as the per-line
    definition over report_customers leaves it out."""
    _history(7).load(conn)
    as_of = dt.date(2026, 6, 30)
    before = conn.execute("select * from public.receivables_ageing(%s)", (as_of,)).fetchall()
    gone = next(r for r in before if r[6] != 0)
    conn.execute("update public.customers set deleted_at = now() where id = %s", (gone[0],))
    got = conn.execute("select * from public.receivables_ageing(%s)", (as_of,)).fetchall()
    assert got == conn.execute(PER_LINE, {"as_of": as_of}).fetchall()
    assert got == [r for r in before if r[0] != gone[0]]
