-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.record_contract_event() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  note text := nullif(current_setting('fieldsales.contract_note', true), '');
begin
  if tg_op = 'INSERT' or new.status is distinct from old.status then
    insert into public.contract_events (contract_id, from_status, to_status, actor_id, note)
    values (new.id, case when tg_op = 'UPDATE' then old.status end, new.status,
            (select p.id from public.profiles p where p.id = (select auth.uid())), note);
  end if;
  if tg_op = 'UPDATE' and new.status = 'effective' and old.status <> 'effective'
     and new.previous_id is not null then
    perform set_config('fieldsales.contract_note',
                       format('superseded by %s (version %s)', new.contract_no, new.version), true);
    update public.contracts set status = 'terminated'
     where id = new.previous_id and status = 'effective';
    perform set_config('fieldsales.contract_note', coalesce(note, ''), true);
  end if;
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.record_contract_event() FROM PUBLIC;
GRANT ALL ON FUNCTION private.record_contract_event() TO authenticated;
GRANT ALL ON FUNCTION private.record_contract_event() TO service_role;
