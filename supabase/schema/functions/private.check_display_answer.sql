-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_display_answer() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  it public.display_items;
  l text;
begin
  if not private.display_visit_matches(new.visit_id, new.customer_id) then
    raise exception 'the visit is not a visit of this customer' using errcode = '22023',
      detail = '拜访（visit_id）不是该客户的拜访';
  end if;
  select * into it from public.display_items i where i.id = new.item_id and i.deleted_at is null;
  if not found then
    raise exception 'display item % not found', new.item_id using errcode = '22023',
      detail = '找不到该陈列检查项（item_id）';
  end if;
  l := it.label;
  if new.deleted_at is not null then
    return new;
  end if;
  if it.kind = 'count' then
    if new.count_value is null or new.count_value not between 0 and 10000 then
      raise exception '"%" takes a count from 0 to 10000', l using errcode = '22023',
        detail = format('「%s」的答案须为0到10000之间的整数（count_value）', l);
    end if;
  elsif it.kind = 'choice' then
    if new.choice_value is null or not (new.choice_value = any (it.options)) then
      raise exception '"%" takes one of: %', l, array_to_string(it.options, ', ')
        using errcode = '22023',
        detail = format('「%s」的答案须为以下之一（choice_value）：%s', l,
                        array_to_string(it.options, '、'));
    end if;
  elsif it.kind = 'yes_no' then
    if new.yes_value is null then
      raise exception '"%" takes yes or no', l using errcode = '22023',
        detail = format('「%s」的答案须为是或否（yes_value）', l);
    end if;
  elsif it.kind = 'photo' then
    if new.photo_id is null or not exists (
        select from public.photos p where p.id = new.photo_id and p.visit_id = new.visit_id
           and p.deleted_at is null) then
      raise exception '"%" takes a photo taken at this visit', l using errcode = '22023',
        detail = format('「%s」的答案须为本次拜访拍摄的照片（photo_id）', l);
    end if;
  elsif it.kind = 'text' then
    if length(btrim(coalesce(new.text_value, ''))) = 0 then
      raise exception '"%" takes a text', l using errcode = '22023',
        detail = format('「%s」的答案须为文字（text_value）', l);
    end if;
  end if;
  if (it.kind <> 'count' and new.count_value is not null)
     or (it.kind <> 'choice' and new.choice_value is not null)
     or (it.kind <> 'yes_no' and new.yes_value is not null)
     or (it.kind <> 'photo' and new.photo_id is not null)
     or (it.kind <> 'text' and new.text_value is not null) then
    raise exception '"%" is a % item: only its own answer is given', l, it.kind
      using errcode = '22023',
      detail = format('「%s」的答案类型不符：只能填写该项类型（%s）的答案', l, it.kind);
  end if;
  if coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon')
     and tg_op = 'INSERT' then
    new.answered_by := coalesce(new.answered_by, (select auth.uid()));
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.check_display_answer() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_display_answer() TO authenticated;
GRANT ALL ON FUNCTION private.check_display_answer() TO service_role;
