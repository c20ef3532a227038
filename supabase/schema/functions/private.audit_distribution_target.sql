-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.audit_distribution_target() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  r public.distribution_targets := case when tg_op = 'DELETE' then old else new end;
begin
  if tg_op = 'UPDATE' and (old.target_pct, old.target_outlets)
                          is not distinct from (new.target_pct, new.target_outlets) then
    return null;
  end if;
  insert into public.distribution_target_changes (target_id, dealer_id, area_id, product_id, month,
                                                  old_pct, new_pct, old_outlets, new_outlets,
                                                  changed_by)
  values (r.id, r.dealer_id, r.area_id, r.product_id, r.month,
          case when tg_op <> 'INSERT' then old.target_pct end,
          case when tg_op <> 'DELETE' then new.target_pct end,
          case when tg_op <> 'INSERT' then old.target_outlets end,
          case when tg_op <> 'DELETE' then new.target_outlets end,
          private.audit_actor());
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.audit_distribution_target() FROM PUBLIC;
