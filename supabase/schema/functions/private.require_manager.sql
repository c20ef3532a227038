-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.require_manager(what text, zh text) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if (select private.my_role()) is distinct from 'manager' then
    perform private.deny(what, zh);
  end if;
end
$$;

REVOKE ALL ON FUNCTION private.require_manager(what text, zh text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.require_manager(what text, zh text) TO authenticated;
GRANT ALL ON FUNCTION private.require_manager(what text, zh text) TO service_role;
