-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.next_working_day(p_day date) RETURNS date
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  d date := p_day;
begin
  if p_day is null then
    return null;
  end if;
  while d - p_day <= 366 loop
    if private.is_working_day(d) then
      return d;
    end if;
    d := d + 1;
  end loop;
  return p_day;
end
$$;

REVOKE ALL ON FUNCTION private.next_working_day(p_day date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.next_working_day(p_day date) TO authenticated;
GRANT ALL ON FUNCTION private.next_working_day(p_day date) TO service_role;
