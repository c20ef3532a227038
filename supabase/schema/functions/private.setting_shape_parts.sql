-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.setting_shape_parts(p_shape text) RETURNS text[]
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select case p_shape
    when 'by_grade' then array['A', 'B', 'C', 'D']
    when 'by_severity' then array['high', 'low', 'medium']
    when 'cutoffs' then array['A', 'B', 'C']
    when 'weights' then (select array_agg(i order by i) from unnest(private.scorecard_indicators()) i)
  end
$$;

REVOKE ALL ON FUNCTION private.setting_shape_parts(p_shape text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.setting_shape_parts(p_shape text) TO authenticated;
GRANT ALL ON FUNCTION private.setting_shape_parts(p_shape text) TO service_role;
