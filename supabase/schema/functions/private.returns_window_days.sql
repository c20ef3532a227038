-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.returns_window_days(p_grade text) RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce(
    (select case when p_grade in ('A', 'B', 'C', 'D') then (s.value ->> p_grade)::integer
                 else (select min(v::integer) from jsonb_each_text(s.value) x (k, v)) end
       from public.settings s where s.key = 'returns.window_days' and s.deleted_at is null),
    case p_grade when 'A' then 60 when 'B' then 45 when 'C' then 30 else 15 end)
$$;

REVOKE ALL ON FUNCTION private.returns_window_days(p_grade text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.returns_window_days(p_grade text) TO authenticated;
GRANT ALL ON FUNCTION private.returns_window_days(p_grade text) TO service_role;
