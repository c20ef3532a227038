-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.case_event_progress() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  update public.cases k set last_at = new.at
   where k.id = new.case_id and (k.last_at is null or k.last_at < new.at);
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.case_event_progress() FROM PUBLIC;
