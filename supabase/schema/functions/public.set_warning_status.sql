-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.set_warning_status(p_warning_id uuid, p_status text, p_note text DEFAULT NULL::text) RETURNS public.warnings
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  row public.warnings;
begin
  perform private.require_caller();
  if p_warning_id is null then
    raise exception 'p_warning_id is required' using errcode = '22023', detail = '缺少预警编号';
  end if;
  if p_status is null or p_status not in ('acknowledged', 'investigating', 'resolved') then
    raise exception 'p_status must be acknowledged, investigating or resolved'
      using errcode = '22023', detail = '状态只能是 acknowledged（已确认）、investigating（调查中）或 resolved（已解除）';
  end if;
  if p_status = 'resolved' and length(btrim(coalesce(p_note, ''))) = 0 then
    raise exception 'resolving a warning needs a note' using errcode = '22023', detail = '解除预警时必须填写处理说明';
  end if;
  if length(coalesce(p_note, '')) > 2000 then
    raise exception 'the note is longer than 2000 characters' using errcode = '22023',
      detail = '说明不能超过2000字';
  end if;
  select * into row from public.warnings where id = p_warning_id;
  if not found then
    raise exception 'warning % not found', p_warning_id using errcode = 'P0002', detail = '找不到该预警';
  end if;
  update public.warnings
     set status = p_status,
         resolution = case when p_status = 'resolved' then btrim(p_note) else resolution end,
         notes = case when p_status <> 'resolved' and p_note is not null
                      then concat_ws(E'\n', notes, btrim(p_note)) else notes end
   where id = p_warning_id
  returning * into row;
  if not found then
    perform private.deny('you cannot change this warning', '你无权处理该预警');
  end if;
  return row;
end
$$;

REVOKE ALL ON FUNCTION public.set_warning_status(p_warning_id uuid, p_status text, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.set_warning_status(p_warning_id uuid, p_status text, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.set_warning_status(p_warning_id uuid, p_status text, p_note text) TO service_role;
