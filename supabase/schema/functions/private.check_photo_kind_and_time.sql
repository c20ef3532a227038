-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_photo_kind_and_time() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v public.visits;
  slack interval := make_interval(mins => coalesce(
    (select (s.value #>> '{}')::integer from public.settings s
      where s.key = 'visit.photo_window_minutes' and s.deleted_at is null), 30));
begin
  if new.kind is null or btrim(new.kind) = '' then
    raise exception 'a photo needs its kind' using errcode = '22023',
      detail = '请选择照片类型（kind）';
  end if;
  if new.kind not in ('storefront', 'shelf', 'display', 'competitor', 'delivery', 'damage',
                      'evidence') then
    raise exception 'kind % is not a photo kind', new.kind using errcode = '22023',
      detail = '照片类型（kind）无效：门头、货架、陈列、竞品、送货、破损或凭证';
  end if;
  if new.visit_id is not null and (tg_op = 'INSERT' or (new.taken_at, new.visit_id)
                                   is distinct from (old.taken_at, old.visit_id)) then
    select * into v from public.visits where id = new.visit_id;
    if found and (new.taken_at < v.checkin_at - slack
                  or new.taken_at > coalesce(v.checkout_at, private.company_now()) + slack) then
      raise exception 'the photo was taken at %, outside its visit (% to %) by more than %',
        new.taken_at, v.checkin_at, coalesce(v.checkout_at::text, 'now'), slack
        using errcode = '22023',
        detail = format('照片拍摄时间（taken_at）不在拜访的签到至签退时间内（容差%s分钟）',
                        extract(epoch from slack)::integer / 60);
    end if;
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.check_photo_kind_and_time() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_photo_kind_and_time() TO authenticated;
GRANT ALL ON FUNCTION private.check_photo_kind_and_time() TO service_role;
