-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.evaluation_grade(p_score numeric) RETURNS character
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select case when p_score is null then null
              when p_score >= coalesce((cut ->> 'A')::numeric, 85) then 'A'
              when p_score >= coalesce((cut ->> 'B')::numeric, 70) then 'B'
              when p_score >= coalesce((cut ->> 'C')::numeric, 55) then 'C'
              else 'D' end
    from (select (select s.value from public.settings s
                   where s.key = 'evaluation.grade_cutoffs' and s.deleted_at is null) as cut) x
$$;

REVOKE ALL ON FUNCTION private.evaluation_grade(p_score numeric) FROM PUBLIC;
GRANT ALL ON FUNCTION private.evaluation_grade(p_score numeric) TO authenticated;
GRANT ALL ON FUNCTION private.evaluation_grade(p_score numeric) TO service_role;
