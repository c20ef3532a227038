-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  new.updated_at := now();
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.touch_updated_at() FROM PUBLIC;
