-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_eliminated_status() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if (tg_op = 'INSERT' and new.status = 'eliminated')
     or (tg_op = 'UPDATE' and new.status is distinct from old.status
         and 'eliminated' in (new.status, old.status)) then
    perform private.deny(
      'a customer is eliminated only by a confirmed elimination request (decide_elimination)',
      '客户只能通过经理确认淘汰申请来淘汰，不能直接修改状态');
  end if;
  return new;
end;
$$;

REVOKE ALL ON FUNCTION private.guard_eliminated_status() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_eliminated_status() TO authenticated;
GRANT ALL ON FUNCTION private.guard_eliminated_status() TO service_role;
