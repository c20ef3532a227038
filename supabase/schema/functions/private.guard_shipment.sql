-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_shipment() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user <> 'authenticated' or (select private.my_role()) <> 'dealer' then
    return new;
  end if;
  if (to_jsonb(new) - array['confirmed_at', 'confirmed_by', 'received_quantity',
        'damaged_quantity', 'discrepancy_note', 'updated_at'])
     is distinct from
     (to_jsonb(old) - array['confirmed_at', 'confirmed_by', 'received_quantity',
        'damaged_quantity', 'discrepancy_note', 'updated_at']) then
    perform private.deny('a dealer can only fill in the delivery confirmation',
                         '经销商只能填写到货确认信息');
  end if;
  if old.confirmed_at is not null then
    raise exception 'this delivery was already confirmed' using errcode = '55000',
      detail = '该批货物已确认收货';
  end if;
  new.confirmed_by := (select auth.uid());
  new.confirmed_at := now();
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_shipment() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_shipment() TO authenticated;
