-- References and guarded writes (issue 14, classes 2–4; docs/access.md "References and guarded
-- writes"). Until now a write was checked on the row's own scope only: what its references
-- pointed at, a soft delete by UPDATE, a dealer's direct confirmation and a key that collides
-- with a row the caller cannot see were not.
-- Sections: 1 helpers, 2 the write guard on every table, 3 data rules for every writer (owner,
-- custodian, previous contract), 4 transitions that an RPC guards, 5 triggers and grants.

-- 1 helpers -------------------------------------------------------------------------------------

-- The one refusal for "you may not write this": the words PostgreSQL uses when a policy refuses
-- a new row, so an unseen reference, an unknown one and a key taken by an unseen row answer
-- exactly like any other refusal by row level security.
create or replace function private.refuse_unseen(p_table text) returns void
language plpgsql set search_path = ''
as $$
begin
  raise exception 'new row violates row-level security policy for table "%"', p_table
    using errcode = '42501', detail = '没有权限写入该记录';
end
$$;

-- `t.a = ($1 ->> 'a')::type and …` for columns of a table, values taken from a JSON row under
-- other names (a foreign key's own columns). Built from the catalog only, every name quoted.
create or replace function private.key_condition(p_table regclass, p_cols text[], p_from text[])
returns text
language sql stable set search_path = ''
as $$
  select string_agg(format('t.%I = ($1 ->> %L)::%s', a.attname, f.name,
                           format_type(a.atttypid, a.atttypmod)), ' and ')
    from unnest(p_cols, p_from) as f(col, name)
    join pg_catalog.pg_attribute a on a.attrelid = p_table and a.attname = f.col
$$;

-- Whether a row with these key values exists, seen or not. Only a trigger may ask (the write
-- guard below asks it, then asks again with the caller's own rights): called straight from SQL
-- it would be an existence probe.
create or replace function private.key_taken(p_table regclass, p_cols text[], p_row jsonb)
returns boolean
language plpgsql stable security definer set search_path = ''
as $$
declare
  found boolean;
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.key_taken is for triggers only' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  execute format('select exists (select from %s t where %s)', p_table,
                 private.key_condition(p_table, p_cols, p_cols))
    into found using p_row;
  return found;
end
$$;

-- True when the areas are the same or one lies above the other (cycles cannot loop: union).
create or replace function private.areas_related(p_a uuid, p_b uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  with recursive up(id, start) as (
    select p_a, 'a' union select p_b, 'b'
    union
    select a.parent_id, u.start from public.areas a join up u on a.id = u.id
     where a.parent_id is not null
  )
  select p_a = p_b
      or exists (select from up where start = 'a' and id = p_b)
      or exists (select from up where start = 'b' and id = p_a)
$$;

-- 2 the write guard -----------------------------------------------------------------------------
-- One trigger function on every public table, first of its BEFORE triggers (they fire in name
-- order: `<table>_00_guard_write`), so no later trigger can answer differently for an unknown
-- id and an unseen one. Security invoker on purpose: "may see" is asked with the caller's own
-- rights, i.e. by the same policies that decide what the caller reads. API roles only; the
-- service side and security-definer functions (which check their own arguments) pass.
--   * a row's key never changes;
--   * a change of deleted_at (a soft delete or its undoing) needs the table's delete policies;
--   * every reference (foreign key) set or changed points to a row the caller may see (a dealer:
--     also its own company); one to a person names the caller or an active staff member;
--   * a new or changed unique key that an unseen row holds is refused like a policy refusal,
--     never with 23505 naming the key (an existence probe).
create or replace function private.guard_write() returns trigger
language plpgsql set search_path = ''
as $$
declare
  r jsonb := to_jsonb(new);
  o jsonb := case when tg_op = 'UPDATE' then to_jsonb(old) end;
  k record;
  ok boolean;
  quals text;
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if exists (select from pg_catalog.pg_constraint c
                cross join unnest(c.conkey) as n(attnum)
                join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = n.attnum
               where c.conrelid = tg_relid and c.contype = 'p'
                 and r -> a.attname is distinct from o -> a.attname) then
      perform private.deny(format('the key of a %s row never changes', tg_table_name),
                           '记录编号不能修改');
    end if;
    if r ? 'deleted_at' and r -> 'deleted_at' is distinct from o -> 'deleted_at' then
      select string_agg('(' || p.qual || ')', ' or ') into quals from pg_catalog.pg_policies p
       where p.schemaname = 'public' and p.tablename = tg_table_name
         and p.cmd in ('DELETE', 'ALL') and p.permissive = 'PERMISSIVE'
         and p.roles && array['authenticated', 'public']::name[];
      if quals is not null then
        -- the row under the table's own name: a policy's text names its columns that way
        execute format('select exists (select from (select ($1::public.%I).*) %I where %s)',
                       tg_table_name, tg_table_name, quals)
          into ok using old;
      end if;
      if not coalesce(ok, false) then
        perform private.deny(format('you cannot delete this %s row', tg_table_name),
                             '无权删除该记录');
      end if;
    end if;
  end if;

  -- references: every single- or multi-column foreign key into the public schema
  for k in
    select c.confrelid::regclass as target, t.relname::text as target_name,
           array_agg(a.attname::text order by n.ord) as cols,
           array_agg(fa.attname::text order by n.ord) as ref_cols
      from pg_catalog.pg_constraint c
      cross join unnest(c.conkey, c.confkey) with ordinality as n(attnum, refnum, ord)
      join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = n.attnum
      join pg_catalog.pg_attribute fa on fa.attrelid = c.confrelid and fa.attnum = n.refnum
      join pg_catalog.pg_class t on t.oid = c.confrelid
     where c.conrelid = tg_relid and c.contype = 'f'
       and t.relnamespace = 'public'::regnamespace
     group by c.oid, c.confrelid, t.relname
  loop
    continue when exists (select from unnest(k.cols) x where r ->> x is null);
    continue when tg_op = 'UPDATE'
      and not exists (select from unnest(k.cols) x where r -> x is distinct from o -> x);
    execute format('select exists (select from %s t where %s)', k.target,
                   private.key_condition(k.target, k.ref_cols, k.cols))
      into ok using r;
    -- a dealer does not read the customers table, yet its own company is its to refer to
    if not ok and not (k.target_name = 'customers'
                       and (r ->> k.cols[1])::uuid
                           is not distinct from (select private.my_customer_id())) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if k.target_name = 'profiles' and (r ->> k.cols[1])::uuid is distinct from (select auth.uid())
       and not exists (select from public.profiles p where p.id = (r ->> k.cols[1])::uuid
                        and p.active and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny(format('%s.%s names someone who is not an active staff member',
                                  tg_table_name, k.cols[1]),
                           '只能填写本人或在职员工');
    end if;
  end loop;

  -- keys: the primary key and every unique constraint, new or changed
  for k in
    select array_agg(a.attname::text order by n.ord) as cols
      from pg_catalog.pg_constraint c
      cross join unnest(c.conkey) with ordinality as n(attnum, ord)
      join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = n.attnum
     where c.conrelid = tg_relid and c.contype in ('p', 'u')
     group by c.oid
  loop
    continue when exists (select from unnest(k.cols) x where r ->> x is null);
    continue when tg_op = 'UPDATE'
      and not exists (select from unnest(k.cols) x where r -> x is distinct from o -> x);
    if private.key_taken(tg_relid, k.cols, r) then
      execute format('select exists (select from %s t where %s)', tg_relid::regclass,
                     private.key_condition(tg_relid, k.cols, k.cols))
        into ok using r;
      if not ok then
        perform private.refuse_unseen(tg_table_name);
      end if;
    end if;
  end loop;
  return new;
end
$$;

-- 3 data rules for every writer (the importer too) ----------------------------------------------
-- Refused with 42501 (not allowed), like a policy; their triggers sort after the tables' own
-- guards, so a rep changing an owner hears the guard's rule first.

-- A customer's owner is a rep or area manager of the customer's area or of an area above or
-- below it, or a manager (who works in every area: key accounts 大客户 are often theirs).
create or replace function private.check_customer_owner() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  owner public.profiles;
begin
  if new.owner_id is null then
    return new;
  end if;
  select * into owner from public.profiles p where p.id = new.owner_id;
  if owner.role is null or owner.role not in ('rep', 'area_manager', 'manager') then
    raise exception 'a customer''s owner must be a rep, an area manager or a manager'
      using errcode = '42501', detail = '客户负责人必须是业务员、区域经理或销售经理';
  end if;
  if owner.role = 'manager' then
    return new;
  end if;
  if owner.area_id is null or not private.areas_related(owner.area_id, new.area_id) then
    raise exception 'a customer''s owner must work in the customer''s area (or above or below it)'
      using errcode = '42501', detail = '客户负责人必须属于该客户所在区域（或其上级、下级区域）';
  end if;
  return new;
end
$$;

-- A contract's custodian is staff; the contract it amends belongs to the same customer.
create or replace function private.check_contract_references() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.custodian_id is not null and not exists (
      select from public.profiles p
       where p.id = new.custodian_id and p.role in ('rep', 'area_manager', 'manager')) then
    raise exception 'a contract''s custodian must be a staff member'
      using errcode = '42501', detail = '合同保管人必须是公司员工';
  end if;
  if new.previous_id is not null and (new.previous_id = new.id or not exists (
      select from public.contracts c
       where c.id = new.previous_id and c.customer_id = new.customer_id)) then
    raise exception 'a contract amends only an earlier contract of the same customer'
      using errcode = '42501', detail = '补充合同只能接续同一客户的原合同';
  end if;
  return new;
end
$$;

-- 4 transitions that an RPC guards: a direct write obeys the same rules -------------------------

-- A dealer's delivery confirmation, as confirm_delivery: both quantities, not negative, damage
-- not above what arrived, and a note for a discrepancy or damage. (shipments_guard before this
-- one already keeps a dealer to these fields and to one confirmation.)
create or replace function private.guard_delivery_confirmation() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user not in ('authenticated', 'anon')
     or (select private.my_role()) is distinct from 'dealer' then
    return new;
  end if;
  if new.received_quantity is null or new.damaged_quantity is null then
    raise exception 'a confirmation needs the received and damaged quantities'
      using errcode = '22023', detail = '确认收货须填写收货数量和破损数量';
  end if;
  if new.received_quantity < 0 or new.damaged_quantity < 0 then
    raise exception 'quantities cannot be negative' using errcode = '22023', detail = '数量不能为负数';
  end if;
  if new.damaged_quantity > new.received_quantity then
    raise exception 'damaged quantity exceeds received quantity' using errcode = '22023',
      detail = '破损数量不能大于收货数量';
  end if;
  if (new.received_quantity <> new.quantity or new.damaged_quantity > 0)
     and length(btrim(coalesce(new.discrepancy_note, ''))) = 0 then
    raise exception 'a discrepancy or damage needs a note' using errcode = '22023',
      detail = '数量不符或有破损时必须填写说明';
  end if;
  return new;
end
$$;

-- A warning moves as set_warning_status moves it: never back to open, resolved with a note.
create or replace function private.guard_warning_step() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user not in ('authenticated', 'anon') or new.status = old.status then
    return new;
  end if;
  if new.status not in ('acknowledged', 'investigating', 'resolved') then
    raise exception 'a warning moves to acknowledged, investigating or resolved'
      using errcode = '22023', detail = '预警只能变为已确认、调查中或已解除';
  end if;
  if new.status = 'resolved' and length(btrim(coalesce(new.resolution, ''))) = 0 then
    raise exception 'resolving a warning needs a note' using errcode = '22023',
      detail = '解除预警时必须填写处理说明';
  end if;
  return new;
end
$$;

-- A plan is submitted as submit_visit_plan submits it: with stops, all inside its week.
create or replace function private.guard_plan_submission() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user not in ('authenticated', 'anon') or new.status <> 'submitted'
     or (tg_op = 'UPDATE' and old.status = 'submitted') then
    return new;
  end if;
  if not exists (select from public.visit_plan_stops s
                  where s.plan_id = new.id and s.deleted_at is null) then
    raise exception 'a plan without stops cannot be submitted' using errcode = '22023',
      detail = '计划中没有拜访点，不能提交';
  end if;
  if exists (select from public.visit_plan_stops s
              where s.plan_id = new.id and s.deleted_at is null
                and s.visit_date not between new.week_start and new.week_start + 6) then
    raise exception 'stops fall outside the plan''s week of %', new.week_start
      using errcode = '22023', detail = '有拜访点不在计划所在的周内';
  end if;
  return new;
end
$$;

-- 5 triggers and grants -------------------------------------------------------------------------

do $$
declare
  t record;
begin
  for t in select c.relname from pg_catalog.pg_class c
            where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
  loop
    execute format('create trigger %I before insert or update on public.%I'
                   ' for each row execute function private.guard_write()',
                   t.relname || '_00_guard_write', t.relname);
  end loop;
end
$$;

create trigger customers_owner_check
  before insert or update of owner_id, area_id on public.customers
  for each row execute function private.check_customer_owner();
create trigger contracts_references_check
  before insert or update of custodian_id, previous_id, customer_id on public.contracts
  for each row execute function private.check_contract_references();
create trigger shipments_guard_confirmation
  before update on public.shipments
  for each row execute function private.guard_delivery_confirmation();
create trigger warnings_guard_step
  before update of status on public.warnings
  for each row execute function private.guard_warning_step();
create trigger visit_plans_guard_submission
  before insert or update of status on public.visit_plans
  for each row execute function private.guard_plan_submission();

revoke all on function private.refuse_unseen(text), private.key_condition(regclass, text[], text[]),
  private.key_taken(regclass, text[], jsonb), private.areas_related(uuid, uuid),
  private.guard_write(), private.check_customer_owner(), private.check_contract_references(),
  private.guard_delivery_confirmation(), private.guard_warning_step(),
  private.guard_plan_submission() from public;
grant execute on function private.refuse_unseen(text), private.key_condition(regclass, text[], text[]),
  private.key_taken(regclass, text[], jsonb), private.areas_related(uuid, uuid),
  private.guard_write(), private.check_customer_owner(), private.check_contract_references(),
  private.guard_delivery_confirmation(), private.guard_warning_step(),
  private.guard_plan_submission() to authenticated, service_role;
