-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_customer_owner() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  owner public.profiles;
begin
  if new.owner_id is null then
    return new;
  end if;
  select * into owner from public.profiles p where p.id = new.owner_id;
  if owner.role is null or owner.role not in ('rep', 'area_manager', 'manager') then
    raise exception 'a customer''s owner must be a rep, an area manager or a manager'
      using errcode = '42501', detail = '客户负责人必须是业务员、区域经理或销售经理';
  end if;
  if owner.role = 'manager' then
    return new;
  end if;
  if owner.area_id is null or not private.areas_related(owner.area_id, new.area_id) then
    raise exception 'a customer''s owner must work in the customer''s area (or above or below it)'
      using errcode = '42501', detail = '客户负责人必须属于该客户所在区域（或其上级、下级区域）';
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.check_customer_owner() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_customer_owner() TO authenticated;
GRANT ALL ON FUNCTION private.check_customer_owner() TO service_role;
