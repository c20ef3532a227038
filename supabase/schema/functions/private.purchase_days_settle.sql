-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.purchase_days_settle(p_ids uuid[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
begin
  if p_ids is not null then
    delete from private.purchase_days p where p.lines <= 0;
    perform private.refresh_purchase_stats(p_ids);
  end if;
end
$$;

REVOKE ALL ON FUNCTION private.purchase_days_settle(p_ids uuid[]) FROM PUBLIC;
