-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.approve_visit_plan(p_plan_id uuid, p_comment text DEFAULT NULL::text) RETURNS public.visit_plans
    LANGUAGE sql
    SET search_path TO ''
    AS $$ select public.decide_visit_plan(p_plan_id, 'approved', p_comment) $$;

REVOKE ALL ON FUNCTION public.approve_visit_plan(p_plan_id uuid, p_comment text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.approve_visit_plan(p_plan_id uuid, p_comment text) TO authenticated;
GRANT ALL ON FUNCTION public.approve_visit_plan(p_plan_id uuid, p_comment text) TO service_role;
