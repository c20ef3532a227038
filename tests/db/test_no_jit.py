"""Every plpgsql RPC and figure runs without JIT (migration 20261214900000_no_jit_in_figures):
a later `create or replace function` without `set jit = off` fails here, not in production as
a report that takes seconds per dealer."""

from __future__ import annotations

import psycopg

MISSING = """
select p.oid::regprocedure::text
  from pg_proc p
  join pg_namespace n on n.oid = p.pronamespace
  join pg_language l on l.oid = p.prolang
 where l.lanname = 'plpgsql'
   and p.prorettype <> 'trigger'::regtype
   and (n.nspname = 'public' or (n.nspname = 'private' and p.proretset))
   and not exists (select from unnest(coalesce(p.proconfig, '{}')) c where c = 'jit=off')
 order by 1
"""


def test_every_rpc_and_figure_says_jit_off(conn: psycopg.Connection) -> None:
    assert [r[0] for r in conn.execute(MISSING)] == []
    ledger = conn.execute(
        "select proconfig from pg_proc where oid = 'public.dealer_ledger(uuid, integer)'::regprocedure"
    ).fetchone()[0]
    assert "jit=off" in ledger
