-- Issue 17: a customer becomes eliminated (淘汰) only by a manager confirming a request
-- (public.decide_elimination), and stays so: a direct write (a PATCH, a sync_push upsert) that
-- sets or lifts customers.status = 'eliminated' is refused. The RPCs run as their owner and
-- pass; the service side (imports, the demo) is not a signed-in writer and passes too.

create or replace function private.guard_eliminated_status()
returns trigger
language plpgsql set search_path = ''
as $$
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
revoke all on function private.guard_eliminated_status() from public, anon;
-- a trigger runs as the writer: direct writes by people need it
grant execute on function private.guard_eliminated_status() to authenticated, service_role;

create trigger customers_eliminated_status before insert or update of status on public.customers
  for each row execute function private.guard_eliminated_status();
