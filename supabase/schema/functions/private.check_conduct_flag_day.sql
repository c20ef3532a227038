-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_conduct_flag_day(p_day date) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  if p_day is null then
    raise exception 'flagged_on is required' using errcode = '22023',
      detail = '请填写发现日期（flagged_on）';
  end if;
  if p_day > private.company_today() then
    raise exception 'flagged_on % is in the future', p_day using errcode = '22023',
      detail = '发现日期（flagged_on）不能晚于今天';
  end if;
  if p_day < (private.company_today() - interval '1 year')::date then
    raise exception 'flagged_on % is more than a year ago', p_day using errcode = '22023',
      detail = '发现日期（flagged_on）不能早于一年前';
  end if;
end
$$;

REVOKE ALL ON FUNCTION private.check_conduct_flag_day(p_day date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_conduct_flag_day(p_day date) TO service_role;
GRANT ALL ON FUNCTION private.check_conduct_flag_day(p_day date) TO authenticated;
