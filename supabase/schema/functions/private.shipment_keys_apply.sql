-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.shipment_keys_apply() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  failed text;
begin
  -- a referenced shipment cannot go (deleted, or its id changed); then its keys go
  if tg_op = 'DELETE' then
    if exists (select from old_rows o
                where exists (select from public.case_lines l where l.shipment_id = o.id)
                   or exists (select from public.returns r where r.shipment_id = o.id)) then
      perform private.shipment_still_referred();
    end if;
    delete from private.shipment_keys k using old_rows o where k.id = o.id;
  elsif tg_op = 'UPDATE' then
    if exists (select from old_rows o
                where not exists (select from new_rows n where n.id = o.id)
                  and (exists (select from public.case_lines l where l.shipment_id = o.id)
                       or exists (select from public.returns r where r.shipment_id = o.id))) then
      perform private.shipment_still_referred();
    end if;
    delete from private.shipment_keys k using old_rows o
     where k.id = o.id
       and not exists (select from new_rows n where n.id = o.id
                         and n.doc_no = o.doc_no and n.line_no = o.line_no);
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    begin
      if tg_op = 'INSERT' then
        insert into private.shipment_keys (id, doc_no, line_no)
        select n.id, n.doc_no, n.line_no from new_rows n;
      else
        insert into private.shipment_keys (id, doc_no, line_no)
        select n.id, n.doc_no, n.line_no from new_rows n
         where not exists (select from old_rows o where o.id = n.id
                             and o.doc_no = n.doc_no and o.line_no = n.line_no);
      end if;
    exception when unique_violation then
      get stacked diagnostics failed = constraint_name;
      perform private.shipment_key_taken(failed);
    end;
  end if;
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.shipment_keys_apply() FROM PUBLIC;
GRANT ALL ON FUNCTION private.shipment_keys_apply() TO authenticated;
GRANT ALL ON FUNCTION private.shipment_keys_apply() TO service_role;
