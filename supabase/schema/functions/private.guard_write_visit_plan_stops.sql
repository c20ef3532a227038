-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_visit_plan_stops() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a visit_plan_stops row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.visit_plan_stops', to_jsonb(old)) then
      perform private.deny('you cannot delete this visit_plan_stops row', '无权删除该记录');
    end if;
  end if;
  -- visit_plan_stops_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- visit_plan_stops_plan_id_fkey
  if not (new.plan_id is null)
     and (tg_op = 'INSERT' or (new.plan_id) is distinct from (old.plan_id)) then
    if not exists (select from public.visit_plans t where (t.id) = (new.plan_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- visit_plan_stops_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_visit_plan_stops(0, new) and not exists (select from public.visit_plan_stops t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- visit_plan_stops_plan_id_visit_date_seq_key
  if not (new.plan_id is null or new.visit_date is null or new.seq is null)
     and (tg_op = 'INSERT' or (new.plan_id, new.visit_date, new.seq) is distinct from (old.plan_id, old.visit_date, old.seq))
     and private.key_taken_visit_plan_stops(1, new) and not exists (select from public.visit_plan_stops t where (t.plan_id, t.visit_date, t.seq) = (new.plan_id, new.visit_date, new.seq)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_visit_plan_stops() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_visit_plan_stops() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_visit_plan_stops() TO service_role;
