-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_delivery_confirmation() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon')
     or (select private.my_role()) is distinct from 'dealer' then
    return new;
  end if;
  if new.received_quantity is null or new.damaged_quantity is null then
    raise exception 'a confirmation needs the received and damaged quantities'
      using errcode = '22023', detail = '确认收货须填写收货数量和破损数量';
  end if;
  if new.received_quantity < 0 or new.damaged_quantity < 0 then
    raise exception 'quantities cannot be negative' using errcode = '22023', detail = '数量不能为负数';
  end if;
  if new.damaged_quantity > new.received_quantity then
    raise exception 'damaged quantity exceeds received quantity' using errcode = '22023',
      detail = '破损数量不能大于收货数量';
  end if;
  if (new.received_quantity <> new.quantity or new.damaged_quantity > 0)
     and length(btrim(coalesce(new.discrepancy_note, ''))) = 0 then
    raise exception 'a discrepancy or damage needs a note' using errcode = '22023',
      detail = '数量不符或有破损时必须填写说明';
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_delivery_confirmation() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_delivery_confirmation() TO authenticated;
GRANT ALL ON FUNCTION private.guard_delivery_confirmation() TO service_role;
