-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.sync_push(p_client_id uuid, p_mutations jsonb) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    SET jit TO 'off'
    AS $_$
declare
  who uuid := private.require_caller();
  last_id bigint;
  m jsonb;
  mid bigint;
  pos int := 0;
  slots jsonb[];
  fresh jsonb[];
  fresh_pos int[];
  n_fresh int := 0;
  applied jsonb;
  result jsonb;
  touched uuid[] := '{}';
  state text;
  message text;
  i int;
begin
  if p_client_id is null then
    raise exception 'p_client_id is required' using errcode = '22023', detail = '缺少设备编号';
  end if;
  if p_mutations is null or jsonb_typeof(p_mutations) <> 'array' then
    raise exception 'p_mutations must be a JSON array' using errcode = '22023', detail = '变更列表格式无效';
  end if;
  if jsonb_array_length(p_mutations) > 1000 then
    raise exception 'at most 1000 mutations per push' using errcode = '22023', detail = '每次最多提交1000条变更';
  end if;
  insert into public.sync_clients (client_id, user_id) values (p_client_id, who)
    on conflict (client_id) do nothing;
  select c.last_mutation_id into last_id from public.sync_clients c
   where c.client_id = p_client_id for update;
  if last_id is null then
    raise exception 'device % belongs to another user', p_client_id using errcode = '42501',
      detail = '该设备编号属于其他用户';
  end if;

  -- number the batch first: a bad id or a gap refuses the whole push, nothing applied
  slots := array_fill(null::jsonb, array[jsonb_array_length(p_mutations)]);
  fresh := slots;
  fresh_pos := array_fill(null::int, array[jsonb_array_length(p_mutations)]);
  for m in select value from jsonb_array_elements(p_mutations) loop
    pos := pos + 1;
    if jsonb_typeof(m) <> 'object' or coalesce(jsonb_typeof(m -> 'id'), '') <> 'number'
       or coalesce((m ->> 'id') !~ '^[0-9]+$', true) then
      raise exception 'every mutation needs a whole-number id (got %)', left(m::text, 100)
        using errcode = '22023', detail = '每条变更都必须有整数编号';
    end if;
    mid := (m ->> 'id')::bigint;
    if mid <= last_id then
      slots[pos] := jsonb_build_object('id', mid, 'status', 'duplicate');
      continue;
    end if;
    if mid <> last_id + 1 then
      raise exception 'mutation gap: expected id %, got %', last_id + 1, mid using errcode = '22023',
        detail = format('变更编号不连续：应为 %s，收到 %s', last_id + 1, mid);
    end if;
    n_fresh := n_fresh + 1;  -- (arrays filled in place: appending to a jsonb copies it)
    fresh[n_fresh] := m;
    fresh_pos[n_fresh] := pos;
    last_id := mid;
  end loop;

  if n_fresh > 0 then
    begin
      applied := private.sync_push_batch(to_jsonb(fresh[1:n_fresh]));
    exception when others then
      applied := null;  -- rolled back: apply one by one below, with each mutation's own answer
    end;
  end if;
  for i in 1 .. n_fresh loop
    m := fresh[i];
    if applied is not null then
      result := applied -> (i - 1);
    else
      begin
        result := private.sync_apply(m);
        -- of what a phone writes, only incidents and the customer itself feed the warning rules
        -- (docs/warnings.md); visits, counts and orders do not, so they cost no re-evaluation
        if m ->> 'table' = 'customers' then
          touched := touched || (m -> 'row' ->> 'id')::uuid;
        elsif m ->> 'table' = 'incidents' then
          touched := touched || (m -> 'row' ->> 'customer_id')::uuid;
        end if;
      exception when others then
        get stacked diagnostics state = returned_sqlstate, message = message_text;
        result := jsonb_build_object('status', 'rejected', 'sqlstate', state, 'reason', message);
      end;
    end if;
    slots[fresh_pos[i]] := jsonb_build_object('id', (m ->> 'id')::bigint, 'table', m ->> 'table',
      'row_id', m -> 'row' ->> 'id') || result;
  end loop;

  update public.sync_clients set last_mutation_id = last_id, updated_at = now()
   where client_id = p_client_id;
  if cardinality(touched) > 0 then
    perform private.sync_reevaluate(touched);
  end if;
  return jsonb_build_object('last_mutation_id', last_id, 'results', coalesce(to_jsonb(slots), '[]'));
end
$_$;

REVOKE ALL ON FUNCTION public.sync_push(p_client_id uuid, p_mutations jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION public.sync_push(p_client_id uuid, p_mutations jsonb) TO authenticated;
GRANT ALL ON FUNCTION public.sync_push(p_client_id uuid, p_mutations jsonb) TO service_role;
