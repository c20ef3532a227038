-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.withdraw_elimination(p_elimination_id uuid) RETURNS public.customer_eliminations
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  who uuid := private.require_staff();
  e public.customer_eliminations;
  row public.customer_eliminations;
begin
  e := private.elimination_for_action(p_elimination_id);
  if e.requested_by <> who then
    perform private.deny('only the area manager who asked withdraws an elimination request',
                         '只有提出申请的区域经理可以撤回淘汰申请');
  end if;
  update public.customer_eliminations
     set status = 'withdrawn', withdrawn_at = private.company_now()
   where id = e.id
  returning * into row;
  return row;
end
$$;

REVOKE ALL ON FUNCTION public.withdraw_elimination(p_elimination_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.withdraw_elimination(p_elimination_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.withdraw_elimination(p_elimination_id uuid) TO service_role;
