-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.refuse_eliminated_customer() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if (select auth.uid()) is not null
     and exists (select from public.customers c
                  where c.id = new.customer_id and c.status = 'eliminated') then
    if tg_table_name = 'orders' then
      raise exception 'the customer is eliminated: no new orders' using errcode = '55000',
        detail = '该客户已淘汰，不能再下订单';
    end if;
    raise exception 'the customer is eliminated: no new visit plans' using errcode = '55000',
      detail = '该客户已淘汰，不能再安排拜访';
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.refuse_eliminated_customer() FROM PUBLIC;
GRANT ALL ON FUNCTION private.refuse_eliminated_customer() TO authenticated;
GRANT ALL ON FUNCTION private.refuse_eliminated_customer() TO service_role;
