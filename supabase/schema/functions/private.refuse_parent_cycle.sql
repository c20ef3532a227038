-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.refuse_parent_cycle() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $_$
declare
  loop_found boolean;
begin
  if new.parent_id is null or new.parent_id is not distinct from old.parent_id then
    return new;  -- no parent, or the same one (an upsert that rewrites every column)
  end if;
  perform pg_advisory_xact_lock(hashtext('fieldsales.tree.' || tg_table_name));
  execute format(
    'with recursive up(id) as (select $1 union select t.parent_id from public.%I t'
    ' join up on t.id = up.id where t.parent_id is not null)'
    ' select exists (select from up where up.id = $2)', tg_table_name)
    into loop_found using new.parent_id, new.id;
  if loop_found then
    raise exception '%.parent_id: % cannot be under one of its own descendants (a cycle)',
      tg_table_name, new.id using errcode = '23514',
      detail = case tg_table_name when 'areas' then '上级区域不能是本区域或其下级区域（形成循环）'
                                  else '上级客户不能是本客户或其下级客户（形成循环）' end;
  end if;
  return new;
end
$_$;

REVOKE ALL ON FUNCTION private.refuse_parent_cycle() FROM PUBLIC;
