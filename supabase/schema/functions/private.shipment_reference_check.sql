-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.shipment_reference_check() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  sid uuid := (to_jsonb(new) ->> 'shipment_id')::uuid;
begin
  if sid is null or (tg_op = 'UPDATE' and sid is not distinct from
                     (to_jsonb(old) ->> 'shipment_id')::uuid) then
    return new;
  end if;
  perform from public.shipments s where s.id = sid for key share;
  if not found then
    raise exception '%.shipment_id: shipment % does not exist', tg_table_name, sid
      using errcode = '23503', detail = format('%s.shipment_id：发货记录 %s 不存在',
                                               tg_table_name, sid);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.shipment_reference_check() FROM PUBLIC;
GRANT ALL ON FUNCTION private.shipment_reference_check() TO authenticated;
GRANT ALL ON FUNCTION private.shipment_reference_check() TO service_role;
