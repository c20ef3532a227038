-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_delivery_confirmation_row() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if (to_jsonb(new) - array['txid', 'version', 'updated_at'])
     = (to_jsonb(old) - array['txid', 'version', 'updated_at']) then
    return new;
  end if;
  raise exception 'delivery % was already confirmed', old.doc_no using errcode = '55000',
    detail = '该到货单已确认收货，不能重复确认';
end
$$;

REVOKE ALL ON FUNCTION private.guard_delivery_confirmation_row() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_delivery_confirmation_row() TO authenticated;
GRANT ALL ON FUNCTION private.guard_delivery_confirmation_row() TO service_role;
