-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_customer_classifications() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a customer_classifications row never changes', '记录编号不能修改');
    end if;
  end if;
  -- customer_classifications_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- customer_classifications_customer_id_as_of_key
  if not (new.customer_id is null or new.as_of is null)
     and (tg_op = 'INSERT' or (new.customer_id, new.as_of) is distinct from (old.customer_id, old.as_of))
     and private.key_taken_customer_classifications(0, new) and not exists (select from public.customer_classifications t where (t.customer_id, t.as_of) = (new.customer_id, new.as_of)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- customer_classifications_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_customer_classifications(1, new) and not exists (select from public.customer_classifications t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_customer_classifications() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_customer_classifications() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_customer_classifications() TO service_role;
