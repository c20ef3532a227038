-- No JIT compilation inside the figures and RPCs (issue 20: the monthly report's dealer sheet
-- took 17 s for 40 dealers on the default demo; dealer_ledger 450 ms a call, 10 ms without JIT).
--
-- PostgreSQL JIT-compiles a query whose estimated cost passes jit_above_cost (100,000). A
-- plpgsql function's queries over lateral calls of other functions are estimated far above that,
-- so every call paid ~0.4 s of LLVM compilation for a few milliseconds of work. The inner figure
-- functions already said `set jit = off`; the functions that call them did not.
--
-- Rule (tested by tests/db/test_no_jit.py): every plpgsql function of schema public (the RPCs
-- and figures a client calls) and every set-returning plpgsql function of schema private (the
-- shared figures) runs without JIT. Scalar private helpers are left alone: RLS policies call
-- them per row, and a SET clause costs a GUC save and restore on each call. SQL functions are
-- left alone: a SET clause would stop the planner from inlining them.

do $$
declare
  f regprocedure;
begin
  for f in
    select p.oid::regprocedure
      from pg_proc p
      join pg_namespace n on n.oid = p.pronamespace
      join pg_language l on l.oid = p.prolang
     where l.lanname = 'plpgsql'
       and p.prorettype <> 'trigger'::regtype
       and (n.nspname = 'public' or (n.nspname = 'private' and p.proretset))
       and not exists (select from unnest(coalesce(p.proconfig, '{}')) c where c like 'jit=%')
  loop
    execute format('alter function %s set jit = off', f);
  end loop;
end
$$;
