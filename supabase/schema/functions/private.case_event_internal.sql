-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.case_event_internal() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if exists (select from public.cases c where c.id = new.case_id and c.kind = 'incident') then
    new.internal := true;
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.case_event_internal() FROM PUBLIC;
GRANT ALL ON FUNCTION private.case_event_internal() TO authenticated;
GRANT ALL ON FUNCTION private.case_event_internal() TO service_role;
