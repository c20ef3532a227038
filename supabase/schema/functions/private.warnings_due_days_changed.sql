-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.warnings_due_days_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  update public.warnings w
     set due_on = private.warning_due_on(w.severity, w.raised_at)
   where w.status <> 'resolved'
     and w.due_on is distinct from private.warning_due_on(w.severity, w.raised_at);
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.warnings_due_days_changed() FROM PUBLIC;
