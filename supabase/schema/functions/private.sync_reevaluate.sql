-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.sync_reevaluate(p_customer_ids uuid[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  visible uuid[];
begin
  select array_agg(i) into visible from unnest(p_customer_ids) i
   where i in (select private.staff_customer_ids());
  if visible is not null then
    perform private.reevaluate_warnings(visible, private.company_today());
  end if;
end
$$;

REVOKE ALL ON FUNCTION private.sync_reevaluate(p_customer_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION private.sync_reevaluate(p_customer_ids uuid[]) TO authenticated;
