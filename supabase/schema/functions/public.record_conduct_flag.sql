-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.record_conduct_flag(p_customer_id uuid, p_kind text, p_flagged_on date, p_note text, p_photo_ids uuid[] DEFAULT '{}'::uuid[]) RETURNS public.customer_conduct_flags
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  who uuid := private.require_staff();
  row public.customer_conduct_flags;
begin
  if p_customer_id is null then
    raise exception 'p_customer_id is required' using errcode = '22023', detail = '缺少客户编号';
  end if;
  if not exists (select from public.customers c
                  where c.id = p_customer_id and c.deleted_at is null
                    and c.id in (select private.staff_customer_ids())) then
    raise exception 'customer % not found', p_customer_id using errcode = 'P0002',
      detail = '找不到该客户';
  end if;
  if p_kind is null or p_kind not in ('cross_territory', 'dumping') then
    raise exception 'kind must be cross_territory or dumping (got %)', p_kind
      using errcode = '22023', detail = '类型（kind）必须是窜货或砸价';
  end if;
  perform private.check_conduct_flag_day(p_flagged_on);
  perform private.elimination_check_text(p_note, true, 'note', '情况说明');
  if cardinality(coalesce(p_photo_ids, '{}')) > 20 then
    raise exception 'at most 20 photos' using errcode = '22023', detail = '照片（photo_ids）最多20张';
  end if;
  insert into public.customer_conduct_flags (customer_id, kind, flagged_on, reported_by, note,
                                             photo_ids)
  values (p_customer_id, p_kind, p_flagged_on, who, btrim(p_note), coalesce(p_photo_ids, '{}'))
  returning * into row;
  return row;
end
$$;

REVOKE ALL ON FUNCTION public.record_conduct_flag(p_customer_id uuid, p_kind text, p_flagged_on date, p_note text, p_photo_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.record_conduct_flag(p_customer_id uuid, p_kind text, p_flagged_on date, p_note text, p_photo_ids uuid[]) TO authenticated;
GRANT ALL ON FUNCTION public.record_conduct_flag(p_customer_id uuid, p_kind text, p_flagged_on date, p_note text, p_photo_ids uuid[]) TO service_role;
