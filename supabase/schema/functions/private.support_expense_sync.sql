-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.support_expense_sync() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  counts boolean := new.status in ('done', 'evaluated') and new.cost > 0
                    and new.deleted_at is null and new.done_on is not null;
  ref text := 'SUP-' || replace(new.id::text, '-', '');
begin
  if counts then
    update public.expenses e
       set reference = ref, customer_id = new.customer_id, spent_on = new.done_on,
           category = new.kind, amount = new.cost, description = left(new.title, 4000),
           deleted_at = null
     where e.support_activity_id = new.id
       and (e.reference, e.customer_id, e.spent_on, e.category, e.amount, e.description,
            e.deleted_at) is distinct from
           (ref, new.customer_id, new.done_on, new.kind, new.cost, left(new.title, 4000), null);
    if not exists (select from public.expenses e where e.support_activity_id = new.id) then
      insert into public.expenses (reference, customer_id, spent_on, category, amount,
                                   description, support_activity_id)
      values (ref, new.customer_id, new.done_on, new.kind, new.cost, left(new.title, 4000), new.id);
    end if;
  else
    update public.expenses e set deleted_at = now()
     where e.support_activity_id = new.id and e.deleted_at is null;
  end if;
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.support_expense_sync() FROM PUBLIC;
GRANT ALL ON FUNCTION private.support_expense_sync() TO authenticated;
GRANT ALL ON FUNCTION private.support_expense_sync() TO service_role;
