-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.evaluation_sets_grade() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  update public.customers c set grade = l.grade
    from (select distinct on (e.customer_id) e.customer_id, e.grade
            from public.evaluations e
           where e.customer_id in (select n.customer_id from changed n) and e.deleted_at is null
           order by e.customer_id, e.evaluated_on desc, e.created_at desc) l
   where c.id = l.customer_id and l.grade is not null and c.grade is distinct from l.grade;
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.evaluation_sets_grade() FROM PUBLIC;
GRANT ALL ON FUNCTION private.evaluation_sets_grade() TO authenticated;
GRANT ALL ON FUNCTION private.evaluation_sets_grade() TO service_role;
