-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_order_line() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user in ('authenticated', 'anon')
     and new.accepted_quantity is distinct from (case when tg_op = 'UPDATE' then old.accepted_quantity end) then
    perform private.deny('the accepted quantity is set by accept_order',
                         '接单数量只能由经销商接单时填写');
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_order_line() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_order_line() TO authenticated;
