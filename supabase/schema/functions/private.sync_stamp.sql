-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.sync_stamp() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  new.txid := private.sync_register();
  if tg_op = 'INSERT' then
    new.version := 1;
  elsif (to_jsonb(new) - array['txid', 'version', 'updated_at'])
        is distinct from (to_jsonb(old) - array['txid', 'version', 'updated_at']) then
    new.version := old.version + 1;
  else
    new.version := old.version;  -- re-stamped only (re-sent), data unchanged
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.sync_stamp() FROM PUBLIC;
GRANT ALL ON FUNCTION private.sync_stamp() TO authenticated;
GRANT ALL ON FUNCTION private.sync_stamp() TO service_role;
