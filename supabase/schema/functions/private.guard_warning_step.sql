-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_warning_step() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') or new.status = old.status then
    return new;
  end if;
  if new.status not in ('acknowledged', 'investigating', 'resolved') then
    raise exception 'a warning moves to acknowledged, investigating or resolved'
      using errcode = '22023', detail = '预警只能变为已确认、调查中或已解除';
  end if;
  if new.status = 'resolved' and length(btrim(coalesce(new.resolution, ''))) = 0 then
    raise exception 'resolving a warning needs a note' using errcode = '22023',
      detail = '解除预警时必须填写处理说明';
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_warning_step() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_warning_step() TO authenticated;
GRANT ALL ON FUNCTION private.guard_warning_step() TO service_role;
