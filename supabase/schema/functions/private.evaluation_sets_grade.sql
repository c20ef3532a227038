-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.evaluation_sets_grade() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  latest public.evaluations;
begin
  select * into latest from public.evaluations e
   where e.customer_id = new.customer_id and e.deleted_at is null
   order by e.evaluated_on desc, e.created_at desc limit 1;
  if latest.id = new.id then
    update public.customers c set grade = new.grade
     where c.id = new.customer_id and c.grade is distinct from new.grade;
  end if;
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.evaluation_sets_grade() FROM PUBLIC;
GRANT ALL ON FUNCTION private.evaluation_sets_grade() TO authenticated;
GRANT ALL ON FUNCTION private.evaluation_sets_grade() TO service_role;
