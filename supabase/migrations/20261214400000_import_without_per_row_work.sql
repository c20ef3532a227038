-- The large import without needless per-row work (issue 20).
-- Measured on the large demo (20,000 customers) with track_functions = all:
-- * customer_owner_chain took 34 s over 78,719 calls (0.43 ms each) while check_customer_parent,
--   which looks the same parent up by the same primary key, took 22 µs a call. The chain's
--   lookup is planned once per session, on the first insert of an import, when customers is
--   empty: the cached generic plan scans the table, and it keeps scanning it as the import fills
--   it (nothing invalidates the plan inside the transaction). A custom plan per call sees the
--   table as it is and takes the primary key.
-- * guard_customer asked private.my_role() (a profile lookup) for every row before checking
--   that the writer is an API role at all; the service side (imports, the demo) never needs it.
-- * the statement triggers that follow moved customers are planned with JIT on (their cost
--   estimates over transition tables run into millions): 0.6 s of compilation per statement,
--   once per tree level. Like every RPC and figure (20261214900000), they run without it.

create or replace function private.customer_owner_chain() returns trigger
language plpgsql security definer set search_path = ''
set plan_cache_mode = force_custom_plan
as $$
begin
  new.owner_chain := array(
    select distinct o from (
      select new.owner_id as o
      union all
      select unnest(p.owner_chain) from public.customers p where p.id = new.parent_id
    ) x where o is not null order by o);
  return new;
end
$$;

create or replace function private.guard_customer() returns trigger
language plpgsql set search_path = ''
as $$
declare
  role text;
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  role := (select private.my_role());
  if role = 'manager' then
    return new;
  end if;
  if tg_op = 'INSERT' then
    if new.credit_limit <> 0 then
      perform private.deny('only a manager sets a credit limit', '只有销售经理可以设定信用额度');
    end if;
    if role = 'rep' and new.tier = 1 then
      perform private.deny('reps create tier 2 and 3 outlets only', '业务员只能新建二批和终端网点');
    end if;
    new.created_by := (select auth.uid());
    return new;
  end if;
  if new.credit_limit is distinct from old.credit_limit then
    perform private.deny('only a manager changes a credit limit', '只有销售经理可以修改信用额度');
  end if;
  if role = 'rep' and (new.owner_id, new.area_id, new.tier, new.payment_terms_days)
      is distinct from (old.owner_id, old.area_id, old.tier, old.payment_terms_days) then
    perform private.deny(
      'a rep cannot change a customer''s owner, area, tier or payment terms',
      '业务员不能修改客户的负责人、区域、层级或账期');
  end if;
  return new;
end
$$;

alter function private.customer_owner_chains_down() set jit = off;
alter function private.sync_customers_moved() set jit = off;
