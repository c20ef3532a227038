-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_feedback_place() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if new.visit_id is not null and not exists (
      select from public.visits v where v.id = new.visit_id and v.customer_id = new.customer_id) then
    raise exception 'the visit is not a visit of this customer' using errcode = '22023',
      detail = '意见所属的拜访（visit_id）不是该客户的拜访';
  end if;
  if new.meeting_id is not null and not exists (
      select from public.meeting_attendees a
       where a.meeting_id = new.meeting_id and a.customer_id = new.customer_id
         and a.deleted_at is null) then
    raise exception 'the customer did not attend this meeting' using errcode = '22023',
      detail = '该客户没有参加这次座谈会（meeting_id）';
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.check_feedback_place() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_feedback_place() TO authenticated;
GRANT ALL ON FUNCTION private.check_feedback_place() TO service_role;
