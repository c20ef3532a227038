-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_setting_rule() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  r private.setting_rules;
  parts text[];
  part text;
  total numeric;
begin
  select * into r from private.setting_rules s where s.key = new.key and s.checked_by is null;
  if not found then
    return new;
  end if;
  parts := private.setting_shape_parts(r.shape);
  if r.shape = 'choice' then
    if jsonb_typeof(new.value) <> 'string' or not (new.value #>> '{}' = any (r.choices)) then
      raise exception '% must be one of % (got %)', new.key, array_to_string(r.choices, ', '), new.value
        using errcode = '22023', detail = format('「%s」（%s）必须是 %s 之一', r.label_zh, new.key,
                                                 array_to_string(r.choices, '、'));
    end if;
  elsif parts is null then
    perform private.check_setting_number(r, new.key, new.value);
  else
    if jsonb_typeof(new.value) <> 'object'
       or (select array_agg(k order by k) from jsonb_object_keys(new.value) k) is distinct from parts then
      raise exception '% must be an object with exactly the keys % (got %)', new.key,
        array_to_string(parts, ', '), new.value
        using errcode = '22023', detail = format('「%s」（%s）必须逐项填写：%s', r.label_zh, new.key,
                                                 array_to_string(parts, '、'));
    end if;
    foreach part in array parts loop
      perform private.check_setting_number(r, new.key || '.' || part, new.value -> part);
    end loop;
  end if;
  if r.shape = 'weights' then
    select sum(v::numeric) into total from jsonb_each_text(new.value) x (k, v);
    if total <> 100 then
      raise exception 'the weights of % must total exactly 100 %% (they total % %%)', new.key, total
        using errcode = '22023',
        detail = format('「%s」（%s）各项合计必须正好是100%%，现在合计%s%%', r.label_zh, new.key, total);
    end if;
  end if;
  if r.shape = 'cutoffs' and not ((new.value ->> 'A')::numeric > (new.value ->> 'B')::numeric
                                  and (new.value ->> 'B')::numeric > (new.value ->> 'C')::numeric) then
    raise exception '% must be ordered A > B > C (got %)', new.key, new.value
      using errcode = '22023',
      detail = format('「%s」（%s）必须从高到低：A > B > C', r.label_zh, new.key);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.check_setting_rule() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_setting_rule() TO authenticated;
GRANT ALL ON FUNCTION private.check_setting_rule() TO service_role;
