-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_support_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  people boolean := current_user in ('authenticated', 'anon');
begin
  if new.visit_id is not null
     and (tg_op = 'INSERT' or new.visit_id is distinct from old.visit_id)
     and not private.support_visit_matches(new.visit_id, new.customer_id) then
    raise exception 'the visit is not a visit of this customer' using errcode = '22023',
      detail = '拜访（visit_id）不是该客户的拜访';
  end if;
  if not people then
    return new;
  end if;
  if tg_op = 'INSERT' then
    if new.status not in ('planned', 'done') then
      perform private.deny('a new support activity is planned or done',
                           '新的支援活动只能是计划或已完成');
    end if;
    new.owner_id := coalesce(new.owner_id, (select auth.uid()));
  else
    if old.status in ('evaluated', 'cancelled') and new.deleted_at is not distinct from old.deleted_at then
      perform private.deny('an evaluated or cancelled support activity does not change',
                           '已评估或已取消的支援活动不能修改');
    end if;
    if new.status is distinct from old.status
       and not (old.status = 'planned' and new.status = 'done') then
      perform private.deny(
        'a support activity is evaluated or cancelled only through support_evaluate or support_cancel',
        '支援活动只能通过评估或取消操作变更为已评估或已取消');
    end if;
    if new.customer_id is distinct from old.customer_id then
      perform private.deny('a support activity stays with its customer', '支援活动的客户不能修改');
    end if;
  end if;
  if (new.score, new.evaluation_note, new.evaluated_by, new.evaluated_at, new.cancelled_at,
      new.cancel_reason) is distinct from
     (case when tg_op = 'UPDATE' then old.score end,
      case when tg_op = 'UPDATE' then old.evaluation_note end,
      case when tg_op = 'UPDATE' then old.evaluated_by end,
      case when tg_op = 'UPDATE' then old.evaluated_at end,
      case when tg_op = 'UPDATE' then old.cancelled_at end,
      case when tg_op = 'UPDATE' then old.cancel_reason end) then
    perform private.deny('the evaluation and cancellation are written by their RPCs only',
                         '评估和取消只能通过相应操作填写');
  end if;
  if tg_op = 'INSERT' or (new.kind, new.title, new.planned_on, new.done_on, new.cost)
                         is distinct from (old.kind, old.title, old.planned_on, old.done_on, old.cost) then
    perform private.check_support_fields(new.kind, new.title, new.planned_on, new.done_on,
                                         new.cost);
  end if;
  if new.status = 'done' and new.done_on is null then
    raise exception 'done_on is required for a done activity' using errcode = '22023',
      detail = '请填写完成日期（done_on）';
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_support_write() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_support_write() TO authenticated;
GRANT ALL ON FUNCTION private.guard_support_write() TO service_role;
