-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.display_check_period(p_from date, p_to date) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $$
begin
  if p_from is null or p_to is null then
    raise exception 'p_from and p_to are required' using errcode = '22023',
      detail = '请填写开始和结束日期（p_from、p_to）';
  end if;
  if p_from > p_to then
    raise exception 'p_from % is after p_to %', p_from, p_to using errcode = '22023',
      detail = '开始日期（p_from）不能晚于结束日期（p_to）';
  end if;
  if p_to - p_from > 3660 then
    raise exception 'the period is longer than ten years' using errcode = '22023',
      detail = '统计期间（p_from 至 p_to）不能超过十年';
  end if;
end
$$;

REVOKE ALL ON FUNCTION private.display_check_period(p_from date, p_to date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.display_check_period(p_from date, p_to date) TO authenticated;
GRANT ALL ON FUNCTION private.display_check_period(p_from date, p_to date) TO service_role;
