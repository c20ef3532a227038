-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.assign_warning(p_warning_id uuid, p_owner_id uuid) RETURNS public.warnings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
begin
  return public.warning_assign(p_warning_id, p_owner_id, null);
end
$$;

REVOKE ALL ON FUNCTION public.assign_warning(p_warning_id uuid, p_owner_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.assign_warning(p_warning_id uuid, p_owner_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.assign_warning(p_warning_id uuid, p_owner_id uuid) TO service_role;
