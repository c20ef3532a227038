-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_customer() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  role text;
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  role := (select private.my_role());
  if role = 'manager' then
    return new;
  end if;
  if tg_op = 'INSERT' then
    if new.credit_limit <> 0 then
      perform private.deny('only a manager sets a credit limit', '只有销售经理可以设定信用额度');
    end if;
    if role = 'rep' and new.tier = 1 then
      perform private.deny('reps create tier 2 and 3 outlets only', '业务员只能新建二批和终端网点');
    end if;
    new.created_by := (select auth.uid());
    return new;
  end if;
  if new.credit_limit is distinct from old.credit_limit then
    perform private.deny('only a manager changes a credit limit', '只有销售经理可以修改信用额度');
  end if;
  if role = 'rep' and (new.owner_id, new.area_id, new.tier, new.payment_terms_days)
      is distinct from (old.owner_id, old.area_id, old.tier, old.payment_terms_days) then
    perform private.deny(
      'a rep cannot change a customer''s owner, area, tier or payment terms',
      '业务员不能修改客户的负责人、区域、层级或账期');
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_customer() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_customer() TO authenticated;
