-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.purchase_months_truncate() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  truncate private.purchase_months;
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.purchase_months_truncate() FROM PUBLIC;
