-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_company_timezone() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if new.key = 'company.timezone' and (jsonb_typeof(new.value) <> 'string'
      or not exists (select from pg_catalog.pg_timezone_names z where z.name = new.value #>> '{}')) then
    raise exception 'company.timezone must be a time zone name such as "Asia/Shanghai" (got %)',
      new.value using errcode = '22023', detail = '公司时区必须是时区名称，例如 "Asia/Shanghai"';
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.check_company_timezone() FROM PUBLIC;
