-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_warning() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  role text := (select private.my_role());
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  if (to_jsonb(new) - array['status', 'owner_id', 'notes', 'acknowledged_at', 'resolved_at',
        'resolution', 'updated_at'])
     is distinct from
     (to_jsonb(old) - array['status', 'owner_id', 'notes', 'acknowledged_at', 'resolved_at',
        'resolution', 'updated_at']) then
    perform private.deny('a warning''s cause and figures are written by the server',
                         '预警的原因和数据由系统生成');
  end if;
  if role = 'rep' and (new.status in ('resolved', 'open') and new.status <> old.status
                       or new.owner_id is distinct from old.owner_id) then
    perform private.deny('only a manager assigns or resolves a warning',
                         '只有区域经理或销售经理可以指派或解除预警');
  end if;
  if old.status = 'resolved' and new.status <> 'resolved' then
    raise exception 'a resolved warning stays resolved' using errcode = '55000',
      detail = '已解除的预警不能重新打开';
  end if;
  if new.status = 'acknowledged' and old.status <> 'acknowledged' then
    new.acknowledged_at := coalesce(old.acknowledged_at, now());
  end if;
  if new.status = 'resolved' and old.status <> 'resolved' then
    new.resolved_at := now();
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_warning() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_warning() TO authenticated;
