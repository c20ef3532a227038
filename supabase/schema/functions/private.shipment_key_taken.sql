-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.shipment_key_taken(p_constraint text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if p_constraint like '%doc_no%' then
    raise exception 'a shipment line with this doc_no and line_no already exists'
      using errcode = '23505', constraint = 'shipments_doc_no_line_no_key',
            detail = '该发货单号与行号的发货记录已存在（每个发货单行只能有一条记录）';
  end if;
  raise exception 'a shipment with this id already exists' using errcode = '23505',
    constraint = 'shipments_pkey', detail = '该发货记录编号已存在';
end
$$;

REVOKE ALL ON FUNCTION private.shipment_key_taken(p_constraint text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.shipment_key_taken(p_constraint text) TO authenticated;
GRANT ALL ON FUNCTION private.shipment_key_taken(p_constraint text) TO service_role;
