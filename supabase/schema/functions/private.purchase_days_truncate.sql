-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.purchase_days_truncate() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  truncate private.purchase_days, private.purchase_stats;
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.purchase_days_truncate() FROM PUBLIC;
