-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_confirm_from() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
begin
  if jsonb_typeof(new.value) = 'null' then
    return new;
  end if;
  if jsonb_typeof(new.value) <> 'string' or (new.value #>> '{}') !~ '^\d{4}-\d{2}-\d{2}$' then
    raise exception 'delivery.confirm_from must be a date YYYY-MM-DD or null (got %)', new.value
      using errcode = '22023', detail = '到货确认启用日期必须是 YYYY-MM-DD 格式的日期或留空';
  end if;
  begin
    perform (new.value #>> '{}')::date;
  exception when others then
    raise exception 'delivery.confirm_from is not a real date (got %)', new.value
      using errcode = '22023', detail = '到货确认启用日期不是有效日期';
  end;
  return new;
end
$_$;

REVOKE ALL ON FUNCTION private.check_confirm_from() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_confirm_from() TO authenticated;
GRANT ALL ON FUNCTION private.check_confirm_from() TO service_role;
