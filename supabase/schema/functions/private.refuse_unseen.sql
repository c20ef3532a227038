-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.refuse_unseen(p_table text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  raise exception 'new row violates row-level security policy for table "%"', p_table
    using errcode = '42501', detail = '没有权限写入该记录';
end
$$;

REVOKE ALL ON FUNCTION private.refuse_unseen(p_table text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.refuse_unseen(p_table text) TO authenticated;
GRANT ALL ON FUNCTION private.refuse_unseen(p_table text) TO service_role;
