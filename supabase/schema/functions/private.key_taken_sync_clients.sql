-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.key_taken_sync_clients(p_key integer, r public.sync_clients) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_sync_clients' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.sync_clients t where (t.client_id) = (r.client_id))
  end;
end
$$;

REVOKE ALL ON FUNCTION private.key_taken_sync_clients(p_key integer, r public.sync_clients) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_sync_clients(p_key integer, r public.sync_clients) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_sync_clients(p_key integer, r public.sync_clients) TO service_role;
