-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.set_warning_due_on() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  new.due_on := private.warning_due_on(new.severity, new.raised_at);
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.set_warning_due_on() FROM PUBLIC;
