-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.shipment_still_referred() RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  raise exception 'a case line or return still refers to this shipment' using errcode = '23503',
    detail = '仍有案件明细或退货记录引用该发货记录，不能删除';
end
$$;

REVOKE ALL ON FUNCTION private.shipment_still_referred() FROM PUBLIC;
GRANT ALL ON FUNCTION private.shipment_still_referred() TO authenticated;
GRANT ALL ON FUNCTION private.shipment_still_referred() TO service_role;
