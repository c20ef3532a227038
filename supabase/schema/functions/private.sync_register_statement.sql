-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.sync_register_statement() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  perform private.sync_register();
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.sync_register_statement() FROM PUBLIC;
GRANT ALL ON FUNCTION private.sync_register_statement() TO authenticated;
GRANT ALL ON FUNCTION private.sync_register_statement() TO service_role;
