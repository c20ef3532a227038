-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_contract_lines() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a contract_lines row never changes', '记录编号不能修改');
    end if;
  end if;
  -- contract_lines_contract_id_fkey
  if not (new.contract_id is null)
     and (tg_op = 'INSERT' or (new.contract_id) is distinct from (old.contract_id)) then
    if not exists (select from public.contracts t where (t.id) = (new.contract_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- contract_lines_product_id_fkey
  if not (new.product_id is null)
     and (tg_op = 'INSERT' or (new.product_id) is distinct from (old.product_id)) then
    if not exists (select from public.products t where (t.id) = (new.product_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- contract_lines_contract_id_line_no_key
  if not (new.contract_id is null or new.line_no is null)
     and (tg_op = 'INSERT' or (new.contract_id, new.line_no) is distinct from (old.contract_id, old.line_no))
     and private.key_taken_contract_lines(0, new) and not exists (select from public.contract_lines t where (t.contract_id, t.line_no) = (new.contract_id, new.line_no)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- contract_lines_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_contract_lines(1, new) and not exists (select from public.contract_lines t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_contract_lines() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_contract_lines() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_contract_lines() TO service_role;
