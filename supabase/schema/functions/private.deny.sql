-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.deny(what text, zh text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  raise exception '%', what using errcode = '42501', detail = zh;
end
$$;

REVOKE ALL ON FUNCTION private.deny(what text, zh text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.deny(what text, zh text) TO authenticated;
