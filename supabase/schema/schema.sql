-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

--
-- Name: auth; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA auth;

--
-- Name: private; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA private;

--
-- Name: warning_condition; Type: TYPE; Schema: private; Owner: -
--

CREATE TYPE private.warning_condition AS (
	customer_id uuid,
	owner_id uuid,
	kind text,
	cause_key text,
	severity text,
	figures jsonb
);

--
-- Name: jwt(); Type: FUNCTION; Schema: auth; Owner: -
--

CREATE FUNCTION auth.jwt() RETURNS jsonb
    LANGUAGE sql STABLE
    AS $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

--
-- Name: role(); Type: FUNCTION; Schema: auth; Owner: -
--

CREATE FUNCTION auth.role() RETURNS text
    LANGUAGE sql STABLE
    AS $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

--
-- Name: uid(); Type: FUNCTION; Schema: auth; Owner: -
--

CREATE FUNCTION auth.uid() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

--
-- Name: active_user(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.active_user() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select exists (select from public.profiles p where p.id = (select auth.uid()) and p.active)
$$;

--
-- Name: add_active_user_policies(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.add_active_user_policies() RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  t regclass;
  n integer := 0;
begin
  for t in
    select c.oid::regclass from pg_catalog.pg_class c
      join pg_catalog.pg_namespace s on s.oid = c.relnamespace
     where s.nspname = 'public' and c.relkind in ('r', 'p') and c.relrowsecurity
       and not exists (select from pg_catalog.pg_policy p
                        where p.polrelid = c.oid and p.polname = 'Only active users get in')
     order by c.relname
  loop
    execute format(
      'create policy "Only active users get in" on %s as restrictive for all to authenticated'
      ' using ((select private.active_user())) with check ((select private.active_user()))', t);
    n := n + 1;
  end loop;
  return n;
end
$$;

--
-- Name: apply_delivery_confirmation(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.apply_delivery_confirmation() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  l jsonb;
  bad jsonb;
  shipped numeric := 0;
  short numeric := 0;
  sev text;
  cid uuid;
begin
  perform 1 from public.shipments sh where sh.doc_no = new.doc_no and sh.deleted_at is null
    for update;
  for l in select value from jsonb_array_elements(new.lines) loop
    update public.shipments
       set received_quantity = (l ->> 'received')::numeric,
           damaged_quantity = (l ->> 'damaged')::numeric,
           missing_quantity = (l ->> 'missing')::numeric,
           discrepancy_note = new.note, confirmed_at = new.confirmed_at,
           confirmed_by = new.confirmed_by
     where id = (l ->> 'shipment_id')::uuid;
    shipped := shipped + (l ->> 'shipped')::numeric;
  end loop;
  select coalesce(jsonb_agg(x.value), '[]') into bad from jsonb_array_elements(new.lines) x
   where (x.value ->> 'damaged')::numeric > 0 or (x.value ->> 'missing')::numeric > 0;
  if jsonb_array_length(bad) = 0 then
    return null;
  end if;
  select sum((x.value ->> 'damaged')::numeric + (x.value ->> 'missing')::numeric) into short
    from jsonb_array_elements(bad) x;
  sev := case when short * 5 >= shipped then 'high' else 'medium' end;
  insert into public.cases (kind, customer_id, severity, doc_no, confirmation_id, owner_id, due_at,
                            opened_by, opened_at, title, detail)
  values ('delivery_discrepancy', new.customer_id, sev, new.doc_no, new.id,
          private.case_owner_for(new.customer_id),
          now() + make_interval(days => private.case_sla_days(sev)),
          new.confirmed_by, now(), left('到货差异 ' || new.doc_no, 200), new.note)
  returning id into cid;
  insert into public.case_lines (case_id, customer_id, product_id, shipment_id, quantity,
                                 shipped_quantity, received_quantity, damaged_quantity,
                                 missing_quantity)
  select cid, new.customer_id, (x.value ->> 'product_id')::uuid, (x.value ->> 'shipment_id')::uuid,
         (x.value ->> 'damaged')::numeric + (x.value ->> 'missing')::numeric,
         (x.value ->> 'shipped')::numeric, (x.value ->> 'received')::numeric,
         (x.value ->> 'damaged')::numeric, (x.value ->> 'missing')::numeric
    from jsonb_array_elements(bad) x;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, photo_ids,
                                  to_status, owner_id)
  values (cid, new.customer_id, new.confirmed_by, 'opened', new.note,
          case when new.photo_id is null then '{}' else array[new.photo_id] end, 'open',
          (select c.owner_id from public.cases c where c.id = cid));
  return null;
end
$$;

--
-- Name: area_managers_over(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.area_managers_over(p_area uuid) RETURNS uuid[]
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  with recursive up as (
    select a.id, a.parent_id from public.areas a where a.id = p_area
    union
    select a.id, a.parent_id from public.areas a join up on a.id = up.parent_id
  )
  select coalesce(array_agg(p.id), '{}') from public.profiles p
  where p.role = 'area_manager' and p.area_id in (select id from up)
$$;

--
-- Name: areas_related(uuid, uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.areas_related(p_a uuid, p_b uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  with recursive up(id, start) as (
    select p_a, 'a' union select p_b, 'b'
    union
    select a.parent_id, u.start from public.areas a join up u on a.id = u.id
     where a.parent_id is not null
  )
  select p_a = p_b
      or exists (select from up where start = 'a' and id = p_b)
      or exists (select from up where start = 'b' and id = p_a)
$$;

--
-- Name: audit_actor(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.audit_actor() RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select p.id from public.profiles p where p.id = (select auth.uid())
$$;

--
-- Name: audit_notify_channel(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.audit_notify_channel() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  was jsonb;
  now_is jsonb;
begin
  if tg_op <> 'INSERT' then
    was := private.notify_channel_snapshot(old);
  end if;
  if tg_op <> 'DELETE' then
    now_is := private.notify_channel_snapshot(new);
  end if;
  if tg_op = 'UPDATE' and was is not distinct from now_is then
    return null;
  end if;
  insert into public.setting_changes (setting_key, old_value, new_value, changed_by)
  values ('notify.channel:' || (case when tg_op = 'DELETE' then old.id else new.id end)::text,
          was, now_is, private.audit_actor());
  return null;
end
$$;

--
-- Name: audit_setting(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.audit_setting() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  was jsonb;
  now_is jsonb;
begin
  if tg_op <> 'INSERT' and old.deleted_at is null then
    was := old.value;
  end if;
  if tg_op <> 'DELETE' and new.deleted_at is null then
    now_is := new.value;
  end if;
  if tg_op = 'UPDATE' and was is not distinct from now_is then
    return null;
  end if;
  insert into public.setting_changes (setting_key, old_value, new_value, changed_by)
  values (case when tg_op = 'DELETE' then old.key else new.key end, was, now_is, private.audit_actor());
  return null;
end
$$;

--
-- Name: audit_warning_threshold(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.audit_warning_threshold() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  r public.warning_thresholds := case when tg_op = 'DELETE' then old else new end;
  was jsonb;
  now_is jsonb;
begin
  if tg_op <> 'INSERT' then
    was := to_jsonb(old.value);
  end if;
  if tg_op <> 'DELETE' then
    now_is := to_jsonb(new.value);
  end if;
  if tg_op = 'UPDATE' and was is not distinct from now_is then
    return null;
  end if;
  insert into public.setting_changes (setting_key, grade, customer_id, old_value, new_value, changed_by)
  values (r.setting_key, r.grade, r.customer_id, was, now_is, private.audit_actor());
  return null;
end
$$;

--
-- Name: balances(date, uuid[]); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.balances(p_as_of date, p_customer_ids uuid[] DEFAULT NULL::uuid[]) RETURNS TABLE(customer_id uuid, billed numeric, paid numeric, credited numeric, balance numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET plan_cache_mode TO 'force_custom_plan'
    SET jit TO 'off'
    SET max_parallel_workers_per_gather TO '0'
    AS $$
#variable_conflict use_column
declare
  v_all boolean := p_customer_ids is null;
  v_ids uuid[] := coalesce(p_customer_ids, '{}'::uuid[]);
begin
  perform private.figure_date(p_as_of);
  return query
  with u as (
    -- billed: the whole total where the last purchase is on or before D, else the days up to D
    select st.customer_id, st.billed_cents as cents, 0::numeric as paid, 0::numeric as credited
      from private.purchase_stats st
     where st.last_day <= p_as_of and (v_all or st.customer_id = any(v_ids))
    union all
    select p.customer_id, p.billed_cents, 0, 0
      from private.purchase_stats st
      join private.purchase_days p on p.customer_id = st.customer_id
     where st.last_day > p_as_of and (v_all or st.customer_id = any(v_ids)) and p.day <= p_as_of
    union all
    select p.customer_id, 0, p.amount, 0 from public.payments p
     where p.deleted_at is null and p.paid_on <= p_as_of and (v_all or p.customer_id = any(v_ids))
    union all
    select r.customer_id, 0, 0, r.amount from public.returns r
     where r.deleted_at is null and r.status in ('accepted', 'completed')
       and r.kind in ('return', 'credit_note') and r.decided_on <= p_as_of
       and (v_all or r.customer_id = any(v_ids))
  )
  select u.customer_id, round(sum(u.cents)::numeric / 100, 2), sum(u.paid), sum(u.credited),
         round(sum(u.cents)::numeric / 100, 2) - sum(u.paid) - sum(u.credited)
    from u
   group by u.customer_id;
end
$$;

--
-- Name: budget_use(date, uuid[], date); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.budget_use(p_as_of date, p_customer_ids uuid[] DEFAULT NULL::uuid[], p_from date DEFAULT NULL::date) RETURNS TABLE(customer_id uuid, period_start date, period_end date, budget numeric, spent numeric, spent_from numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET plan_cache_mode TO 'force_custom_plan'
    SET jit TO 'off'
    SET max_parallel_workers_per_gather TO '0'
    AS $$
#variable_conflict use_column
declare
  v_all boolean := p_customer_ids is null;
  v_ids uuid[] := coalesce(p_customer_ids, '{}'::uuid[]);
  v_from date := coalesce(p_from, p_as_of);
begin
  perform private.figure_date(p_as_of);
  return query
  select b.customer_id, b.period_start, b.period_end, b.amount,
         coalesce(sum(e.amount), 0),
         coalesce(sum(e.amount) filter (where e.spent_on >= v_from), 0)
    from public.expense_budgets b
    left join public.expenses e
      on e.customer_id = b.customer_id and e.deleted_at is null
     and e.spent_on >= b.period_start and e.spent_on <= least(p_as_of, b.period_end)
   where b.deleted_at is null and b.period_start <= p_as_of and b.period_end >= v_from
     and (v_all or b.customer_id = any(v_ids))
   group by b.id, b.customer_id, b.period_start, b.period_end, b.amount;
end
$$;

--
-- Name: bump_sync_epoch(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.bump_sync_epoch() RETURNS bigint
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  update public.sync_meta set value = value + 1 where key = 'epoch' returning value
$$;

--
-- Name: case_event_internal(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.case_event_internal() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if exists (select from public.cases c where c.id = new.case_id and c.kind = 'incident') then
    new.internal := true;
  end if;
  return new;
end
$$;

--
-- Name: case_event_progress(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.case_event_progress() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  update public.cases k set last_at = new.at
   where k.id = new.case_id and (k.last_at is null or k.last_at < new.at);
  return null;
end
$$;

--
-- Name: sync_register(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.sync_register() RETURNS xid8
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  had xid8 := pg_catalog.pg_current_xact_id_if_assigned();
  cached text := pg_catalog.current_setting('fieldsales.sync_stamp', true);
  stamp xid8;
  top bigint;
  sub bigint;
begin
  -- the cache is '<transaction id>:<stamp>', local to the transaction (and undone with the
  -- subtransaction that set it, together with the lock below)
  if had is not null and cached like had::text || ':%' then
    stamp := pg_catalog.split_part(cached, ':', 2)::xid8;
    if stamp >= had then
      return stamp;
    end if;
  end if;

  -- From here on, a pull that reads the lock table sees this backend as registered.
  perform pg_catalog.pg_advisory_xact_lock_shared(727010, pg_catalog.pg_backend_pid());

  if had is null then
    -- our transaction id is assigned only now, after the lock: a pull that sees it running
    -- also sees us registered, and a pull that read the locks earlier took its snapshot before
    -- this id existed, so its bound is at most this id
    stamp := pg_catalog.pg_current_xact_id();
  else
    -- Late: we already had an id, and a pull that read the locks before we registered may have
    -- stepped over it. Stamp with a fresh id instead, taken after the lock: every such pull took
    -- its snapshot before, so its bound is at most this id. The subtransaction is rolled back;
    -- its id still counts as completed (so pulls can move past it once we commit) and is never
    -- given to anyone else.
    begin
      insert into private.sync_xid_source default values returning xmin::text::bigint into sub;
      raise exception using errcode = 'P0001', message = 'fieldsales: fresh transaction id taken';
    exception when raise_exception then
      null;
    end;
    -- xmin is the 32-bit id; it follows our own id by less than 2^31, so its epoch is ours or next
    top := had::text::bigint;
    sub := top - top % 4294967296 + sub;
    if sub < top then
      sub := sub + 4294967296;
    end if;
    stamp := sub::text::xid8;
  end if;
  perform pg_catalog.set_config('fieldsales.sync_stamp',
    pg_catalog.pg_current_xact_id()::text || ':' || stamp::text, true);
  return stamp;
end
$$;

--
-- Name: cases; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cases (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    kind text NOT NULL,
    customer_id uuid NOT NULL,
    severity text DEFAULT 'medium'::text NOT NULL,
    doc_no text,
    confirmation_id uuid,
    owner_id uuid,
    escalation_level smallint DEFAULT 0 NOT NULL,
    status text DEFAULT 'open'::text NOT NULL,
    due_at timestamp with time zone,
    opened_by uuid,
    opened_at timestamp with time zone DEFAULT now() NOT NULL,
    title text NOT NULL,
    detail text,
    decision text,
    decided_by uuid,
    decided_at timestamp with time zone,
    answer text,
    answered_at timestamp with time zone,
    resolution text,
    closed_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    received_on date,
    done_on date,
    work_done text,
    sent_back_on date,
    incident_id uuid,
    complaint_id uuid,
    last_at timestamp with time zone,
    CONSTRAINT cases_answer_len CHECK ((char_length(answer) <= 4000)),
    CONSTRAINT cases_answer_time CHECK (((answer IS NULL) = (answered_at IS NULL))),
    CONSTRAINT cases_check CHECK (((status = 'closed'::text) = (closed_at IS NOT NULL))),
    CONSTRAINT cases_decision_len CHECK ((char_length(decision) <= 4000)),
    CONSTRAINT cases_detail_len CHECK ((char_length(detail) <= 4000)),
    CONSTRAINT cases_doc_no_check CHECK ((doc_no ~ '^[A-Za-z0-9_.-]{1,40}$'::text)),
    CONSTRAINT cases_doc_no_len CHECK ((char_length(doc_no) <= 200)),
    CONSTRAINT cases_escalation_level_range CHECK (((escalation_level >= 0) AND (escalation_level <= 2))),
    CONSTRAINT cases_kind_check CHECK ((kind = ANY (ARRAY['delivery_discrepancy'::text, 'return'::text, 'exchange'::text, 'repair'::text, 'packaging_exchange'::text, 'complaint'::text, 'incident'::text]))),
    CONSTRAINT cases_kind_len CHECK ((char_length(kind) <= 200)),
    CONSTRAINT cases_resolution_len CHECK ((char_length(resolution) <= 4000)),
    CONSTRAINT cases_severity_check CHECK ((severity = ANY (ARRAY['low'::text, 'medium'::text, 'high'::text]))),
    CONSTRAINT cases_severity_len CHECK ((char_length(severity) <= 200)),
    CONSTRAINT cases_status_check CHECK ((status = ANY (ARRAY['open'::text, 'in_progress'::text, 'awaiting_approval'::text, 'rejected'::text, 'resolved'::text, 'closed'::text]))),
    CONSTRAINT cases_status_len CHECK ((char_length(status) <= 200)),
    CONSTRAINT cases_title_check CHECK ((length(btrim(title)) >= 1)),
    CONSTRAINT cases_title_len CHECK ((char_length(title) <= 200)),
    CONSTRAINT cases_work_done_len CHECK ((char_length(work_done) <= 4000))
);

--
-- Name: case_for_action(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.case_for_action(p_case_id uuid) RETURNS public.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  row public.cases;
  role text := (select private.my_role());
begin
  perform private.require_caller();
  if p_case_id is null then
    raise exception 'p_case_id is required' using errcode = '22023', detail = '缺少售后单编号';
  end if;
  select * into row from public.cases c where c.id = p_case_id and c.deleted_at is null for update;
  if not found
     or (role = 'dealer' and (row.customer_id is distinct from (select private.my_customer_id())
                              or row.kind = 'incident'))
     or (role in ('rep', 'area_manager')
         and row.customer_id not in (select private.staff_customer_ids())) then
    raise exception 'case % not found', p_case_id using errcode = 'P0002', detail = '找不到该售后单';
  end if;
  if row.status = 'closed' then
    raise exception 'this case is closed' using errcode = '55000', detail = '售后单已关闭';
  end if;
  return row;
end
$$;

--
-- Name: case_for_service(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.case_for_service(p_case_id uuid) RETURNS public.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  c public.cases := private.case_for_action(p_case_id);
  role text := (select private.my_role());
begin
  if not (role in ('area_manager', 'manager')
          or (role = 'rep' and c.owner_id = (select auth.uid()))) then
    perform private.deny('only the case''s owner, an area manager or a manager handles a case',
                         '只有负责人、区域经理或销售经理可以处理售后单');
  end if;
  return c;
end
$$;

--
-- Name: case_id_taken(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.case_id_taken(p_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select exists (select from public.cases c where c.id = p_id)
$$;

--
-- Name: case_owner_for(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.case_owner_for(p_customer_id uuid) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  with recursive up as (
    select a.id, a.parent_id, 0 as depth from public.areas a
     where a.id = (select c.area_id from public.customers c where c.id = p_customer_id)
    union all
    select a.id, a.parent_id, up.depth + 1 from public.areas a join up on a.id = up.parent_id
     where up.depth < 50
  )
  select coalesce(
    (select p.id from public.profiles p join up on up.id = p.area_id
      where p.role = 'area_manager' and p.active order by up.depth, p.id limit 1),
    (select c.owner_id from public.customers c where c.id = p_customer_id))
$$;

--
-- Name: case_sla_days(text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.case_sla_days(p_severity text) RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce((select (s.value ->> p_severity)::integer from public.settings s
                    where s.key = 'case.sla_days' and s.deleted_at is null),
                  case p_severity when 'high' then 1 when 'medium' then 3 else 7 end)
$$;

--
-- Name: case_step_allowed(text, text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.case_step_allowed(p_from text, p_to text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select (p_from, p_to) in (
    ('open', 'in_progress'), ('open', 'awaiting_approval'), ('open', 'resolved'), ('open', 'closed'),
    ('in_progress', 'awaiting_approval'), ('in_progress', 'resolved'), ('in_progress', 'closed'),
    ('awaiting_approval', 'in_progress'), ('awaiting_approval', 'rejected'),
    ('rejected', 'closed'), ('resolved', 'in_progress'), ('resolved', 'closed'))
$$;

--
-- Name: case_was_rejected(uuid, text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.case_was_rejected(p_case_id uuid, p_status text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select p_status = 'rejected'
      or (p_status = 'closed' and exists (select from public.case_events e
                                           where e.case_id = p_case_id and e.to_status = 'rejected'))
$$;

--
-- Name: chain_owners(uuid, uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.chain_owners(p_owner uuid, p_parent uuid) RETURNS uuid[]
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  with recursive up as (
    select c.id, c.parent_id, c.owner_id from public.customers c where c.id = p_parent
    union
    select c.id, c.parent_id, c.owner_id from public.customers c join up on c.id = up.parent_id
  )
  select coalesce(array_agg(distinct o), '{}') from (
    select p_owner as o union all select owner_id from up
  ) x where o is not null
$$;

--
-- Name: chain_window(integer, date); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.chain_window(p_days integer, p_as_of date) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $$
begin
  if p_days is null or p_days < 1 or p_days > 3650 then
    raise exception 'p_days must be between 1 and 3650' using errcode = '22023',
      detail = '天数须在1到3650之间';
  end if;
  if p_as_of is null then
    raise exception 'p_as_of is required' using errcode = '22023', detail = '缺少日期';
  end if;
end
$$;

--
-- Name: check_case_request(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.check_case_request() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  api boolean := current_user in ('authenticated', 'anon');
  goods boolean;
  l jsonb;
  i integer := 0;
  k text;
  sid uuid;
  pid uuid;
  q numeric;
  s record;
  doc text;
  line_no integer;
  seen jsonb := '{}';
  key text;
  delivered numeric;
  used numeric;
  result jsonb := '[]';
begin
  if api then
    perform private.require_caller();
    new.customer_id := coalesce(new.customer_id, (select private.my_customer_id()));
  end if;
  if new.customer_id is null then
    raise exception 'customer_id is required' using errcode = '22023', detail = '缺少客户';
  end if;
  if new.kind is null or new.kind not in ('return', 'exchange', 'repair', 'packaging_exchange', 'complaint') then
    raise exception 'kind must be return, exchange, repair, packaging_exchange or complaint (got %)',
      coalesce(new.kind, 'nothing') using errcode = '22023',
      detail = '类型必须是退货、换货、维修、调换包装或投诉';
  end if;
  goods := new.kind <> 'complaint';
  new.severity := coalesce(new.severity, 'medium');
  if new.severity not in ('low', 'medium', 'high') then
    raise exception 'severity must be low, medium or high (got %)', new.severity
      using errcode = '22023', detail = '严重程度必须是低、中或高';
  end if;
  new.reason := btrim(new.reason);
  if length(coalesce(new.reason, '')) = 0 then
    raise exception 'a reason is required' using errcode = '22023', detail = '请填写原因';
  end if;
  if char_length(new.reason) > 4000 then
    raise exception 'the reason is longer than 4000 characters' using errcode = '22023',
      detail = '原因不能超过4000字';
  end if;
  new.photo_ids := coalesce(new.photo_ids, '{}');
  if cardinality(new.photo_ids) > 20 or array_position(new.photo_ids, null) is not null then
    raise exception 'at most 20 photos, none empty' using errcode = '22023', detail = '最多20张照片';
  end if;
  new.doc_no := nullif(btrim(new.doc_no), '');
  if new.doc_no is null and new.kind in ('return', 'exchange') then
    raise exception 'a % needs the delivery it came from (doc_no)', new.kind
      using errcode = '22023', detail = '退换货必须填写到货单号';
  end if;
  if new.doc_no is not null and not exists (
      select from public.shipments sh
       where sh.doc_no = new.doc_no and sh.customer_id = new.customer_id and sh.seller_id is null
         and sh.deleted_at is null) then
    raise exception 'delivery % not found', new.doc_no using errcode = 'P0002',
      detail = '找不到该到货单';
  end if;

  new.lines := coalesce(new.lines, '[]');
  if jsonb_typeof(new.lines) <> 'array' then
    raise exception 'lines must be a list of {"shipment_id", "quantity"}' using errcode = '22023',
      detail = '明细格式无效';
  end if;
  if jsonb_array_length(new.lines) > 100 then
    raise exception 'at most 100 lines per request' using errcode = '22023', detail = '每张申请最多100行';
  end if;
  if goods and jsonb_array_length(new.lines) = 0 then
    raise exception 'a % needs at least one line {"shipment_id", "quantity"}', new.kind
      using errcode = '22023', detail = '请至少填写一行商品及数量';
  end if;
  for l in select value from jsonb_array_elements(new.lines) loop
    i := i + 1;
    if jsonb_typeof(l) <> 'object' then
      raise exception 'lines[%] must be an object {"shipment_id", "quantity"}', i
        using errcode = '22023', detail = format('第%s行格式无效', i);
    end if;
    for k in select jsonb_object_keys(l) loop
      if k not in ('shipment_id', 'product_id', 'quantity') then
        raise exception 'lines[%]: unknown field "%"', i, left(k, 40) using errcode = '22023',
          detail = format('第%s行：无法识别的字段', i);
      end if;
    end loop;
    sid := null;
    pid := null;
    doc := null;
    line_no := null;
    begin
      if jsonb_typeof(l -> 'shipment_id') not in ('string', 'null') then
        raise invalid_text_representation;
      end if;
      sid := (l ->> 'shipment_id')::uuid;
    exception when invalid_text_representation then
      raise exception 'lines[%].shipment_id is not an id', i using errcode = '22023',
        detail = format('第%s行：发货明细编号无效', i);
    end;
    begin
      if jsonb_typeof(l -> 'product_id') not in ('string', 'null') then
        raise invalid_text_representation;
      end if;
      pid := (l ->> 'product_id')::uuid;
    exception when invalid_text_representation then
      raise exception 'lines[%].product_id is not an id', i using errcode = '22023',
        detail = format('第%s行：产品编号无效', i);
    end;
    if goods and sid is null then
      raise exception 'lines[%].shipment_id is required (the delivery line the goods came in)', i
        using errcode = '22023', detail = format('第%s行：请选择到货明细', i);
    end if;
    if sid is null and pid is null then
      raise exception 'lines[%] needs a shipment_id or a product_id', i using errcode = '22023',
        detail = format('第%s行：请选择到货明细或产品', i);
    end if;
    q := null;
    if l -> 'quantity' is not null and jsonb_typeof(l -> 'quantity') <> 'null' then
      if jsonb_typeof(l -> 'quantity') <> 'number' then
        raise exception 'lines[%].quantity must be a number (got %)', i, left((l -> 'quantity')::text, 40)
          using errcode = '22023', detail = format('第%s行：数量必须是数字', i);
      end if;
      q := (l ->> 'quantity')::numeric;
      if q < 1 or q <> trunc(q) or q > 1000000 then
        raise exception 'lines[%].quantity must be a whole number of boxes from 1 to 1,000,000 (got %)', i, q
          using errcode = '22023', detail = format('第%s行：数量必须是1到1,000,000之间的整箱数', i);
      end if;
    elsif goods then
      raise exception 'lines[%].quantity is required', i using errcode = '22023',
        detail = format('第%s行：请填写数量', i);
    end if;
    if sid is not null then
      -- the caller's rights: another customer's or an unknown shipment is not found
      select sh.id, sh.doc_no, sh.line_no, sh.product_id into s from public.shipments sh
       where sh.id = sid and sh.customer_id = new.customer_id and sh.seller_id is null
         and sh.deleted_at is null;
      if not found then
        raise exception 'lines[%]: shipment % not found', i, sid using errcode = 'P0002',
          detail = format('第%s行：找不到该到货明细', i);
      end if;
      if new.doc_no is not null and s.doc_no <> new.doc_no then
        raise exception 'lines[%]: shipment % is not part of delivery %', i, sid, new.doc_no
          using errcode = '22023', detail = format('第%s行：该明细不属于到货单%s', i, new.doc_no);
      end if;
      if pid is not null and pid <> s.product_id then
        raise exception 'lines[%].product_id is not the product of its shipment', i
          using errcode = '22023', detail = format('第%s行：产品与到货明细不符', i);
      end if;
      pid := s.product_id;
      doc := s.doc_no;
      line_no := s.line_no;
      key := 's:' || sid;
    else
      if not exists (select from public.products p where p.id = pid) then
        raise exception 'lines[%]: product % not found', i, pid using errcode = 'P0002',
          detail = format('第%s行：找不到该产品', i);
      end if;
      key := 'p:' || pid;
    end if;
    if seen ? key then
      raise exception 'lines[%] repeats lines[%]', i, seen ->> key using errcode = '22023',
        detail = format('第%s行与第%s行重复', i, seen ->> key);
    end if;
    seen := seen || jsonb_build_object(key, i);
    if goods then
      select r.delivered, r.used into delivered, used from private.shipment_returnable(sid) r;
      if new.kind in ('return', 'exchange') and q > delivered - used then
        raise exception 'lines[%].quantity %: only % left to return or exchange on delivery % line % (delivered %, already returned, exchanged or requested %)',
          i, q, greatest(delivered - used, 0), doc, line_no, delivered, used
          using errcode = '22023',
          detail = format('第%s行：可退换数量只剩%s箱（到货%s箱，已退换或申请中%s箱）', i,
                          greatest(delivered - used, 0), delivered, used);
      end if;
      if new.kind in ('repair', 'packaging_exchange') and q > delivered then
        raise exception 'lines[%].quantity % is more than the % delivered on delivery % line %',
          i, q, delivered, doc, line_no using errcode = '22023',
          detail = format('第%s行：数量不能超过到货数量%s箱', i, delivered);
      end if;
    end if;
    result := result || jsonb_build_object('shipment_id', sid, 'product_id', pid,
      'quantity', coalesce(q, 0), 'doc_no', doc, 'line_no', line_no);
  end loop;
  new.lines := result;
  if private.case_id_taken(new.id) then
    perform private.refuse_unseen('case_requests');
  end if;
  if api then
    new.requested_at := now();
    new.requested_on := private.company_today();
    new.requested_by := (select auth.uid());
  else
    new.requested_at := least(coalesce(new.requested_at, now()), now());
    new.requested_on := coalesce(new.requested_on, private.company_today());
  end if;
  return new;
end
$$;

--
-- Name: check_case_settings(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.check_case_settings() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  sev text;
begin
  if new.key = 'delivery.confirm_days' and (jsonb_typeof(new.value) <> 'number'
      or (new.value #>> '{}')::numeric <> trunc((new.value #>> '{}')::numeric)
      or (new.value #>> '{}')::numeric not between 1 and 60) then
    raise exception 'delivery.confirm_days must be a whole number of days from 1 to 60 (got %)',
      new.value using errcode = '22023', detail = '到货确认天数必须是1到60之间的整数';
  end if;
  if new.key = 'case.sla_days' then
    if jsonb_typeof(new.value) <> 'object'
       or (select array_agg(k order by k) from jsonb_object_keys(new.value) k)
          is distinct from array['high', 'low', 'medium'] then
      raise exception 'case.sla_days must be {"low": days, "medium": days, "high": days} (got %)',
        new.value using errcode = '22023', detail = '售后时限必须按严重程度（low、medium、high）填写天数';
    end if;
    foreach sev in array array['low', 'medium', 'high'] loop
      if jsonb_typeof(new.value -> sev) <> 'number'
         or (new.value ->> sev)::numeric <> trunc((new.value ->> sev)::numeric)
         or (new.value ->> sev)::numeric not between 1 and 365 then
        raise exception 'case.sla_days.% must be a whole number of days from 1 to 365 (got %)',
          sev, new.value -> sev using errcode = '22023', detail = '售后时限天数必须是1到365之间的整数';
      end if;
    end loop;
  end if;
  return new;
end
$$;

--
-- Name: check_company_timezone(); Type: FUNCTION; Schema: private; Owner: -
--

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

--
-- Name: check_conduct_flag_day(date); Type: FUNCTION; Schema: private; Owner: -
--

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

--
-- Name: check_confirm_from(); Type: FUNCTION; Schema: private; Owner: -
--

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

--
-- Name: check_contract_references(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.check_contract_references() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if new.custodian_id is not null and not exists (
      select from public.profiles p
       where p.id = new.custodian_id and p.role in ('rep', 'area_manager', 'manager')) then
    raise exception 'a contract''s custodian must be a staff member'
      using errcode = '42501', detail = '合同保管人必须是公司员工';
  end if;
  if new.previous_id is not null and (new.previous_id = new.id or not exists (
      select from public.contracts c
       where c.id = new.previous_id and c.customer_id = new.customer_id)) then
    raise exception 'a contract amends only an earlier contract of the same customer'
      using errcode = '42501', detail = '补充合同只能接续同一客户的原合同';
  end if;
  return new;
end
$$;

--
-- Name: check_customer_owner(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.check_customer_owner() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  owner public.profiles;
begin
  if new.owner_id is null then
    return new;
  end if;
  select * into owner from public.profiles p where p.id = new.owner_id;
  if owner.role is null or owner.role not in ('rep', 'area_manager', 'manager') then
    raise exception 'a customer''s owner must be a rep, an area manager or a manager'
      using errcode = '42501', detail = '客户负责人必须是业务员、区域经理或销售经理';
  end if;
  if owner.role = 'manager' then
    return new;
  end if;
  if owner.area_id is null or not private.areas_related(owner.area_id, new.area_id) then
    raise exception 'a customer''s owner must work in the customer''s area (or above or below it)'
      using errcode = '42501', detail = '客户负责人必须属于该客户所在区域（或其上级、下级区域）';
  end if;
  return new;
end
$$;

--
-- Name: check_customer_parent(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.check_customer_parent() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  parent_tier smallint;
begin
  if new.parent_id is null then
    return new;
  end if;
  select c.tier into parent_tier from public.customers c where c.id = new.parent_id;
  if parent_tier is null then
    raise exception 'parent customer % does not exist', new.parent_id using errcode = '23503';
  end if;
  if parent_tier >= new.tier then
    raise exception 'a tier % customer cannot have a tier % parent', new.tier, parent_tier
      using errcode = '23514';
  end if;
  return new;
end
$$;

--
-- Name: check_delivery_confirmation(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.check_delivery_confirmation() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  api boolean := current_user in ('authenticated', 'anon');
  mine uuid := (select private.my_customer_id());
  s record;
  l jsonb;
  given jsonb := '{}';
  k text;
  key text;
  v numeric;
  recv numeric;
  dmg numeric;
  miss numeric;
  result jsonb := '[]';
  customers uuid[];
begin
  if api and mine is null then
    perform private.deny('only the receiving dealer confirms a delivery', '只有收货的经销商可以确认到货');
  end if;
  if new.doc_no is null or length(btrim(new.doc_no)) = 0 then
    raise exception 'the delivery (doc_no) is required' using errcode = '22023', detail = '缺少到货单号';
  end if;
  select array_agg(distinct sh.customer_id) into customers from public.shipments sh
   where sh.doc_no = new.doc_no and sh.deleted_at is null and (not api or sh.customer_id = mine);
  if customers is null then
    raise exception 'delivery % not found', new.doc_no using errcode = 'P0002',
      detail = '找不到该到货单';
  end if;
  if cardinality(customers) > 1 or (new.customer_id is not null and new.customer_id <> customers[1]) then
    raise exception 'delivery % not found', new.doc_no using errcode = 'P0002',
      detail = '找不到该到货单';
  end if;
  new.customer_id := customers[1];
  -- one confirmation at a time per delivery: a second one waits here, then sees the first
  perform 1 from public.shipments sh where sh.doc_no = new.doc_no and sh.deleted_at is null
    for update;
  if exists (select from public.delivery_confirmations d where d.doc_no = new.doc_no)
     or exists (select from public.shipments sh where sh.doc_no = new.doc_no
                   and sh.deleted_at is null and sh.confirmed_at is not null) then
    raise exception 'delivery % was already confirmed', new.doc_no using errcode = '55000',
      detail = '该到货单已确认收货，不能重复确认';
  end if;

  new.lines := coalesce(new.lines, '[]');
  if jsonb_typeof(new.lines) <> 'array' then
    raise exception 'lines must be a list of {shipment_id, received, damaged, missing}'
      using errcode = '22023', detail = '到货明细格式无效';
  end if;
  if jsonb_array_length(new.lines) > 1000 then
    raise exception 'at most 1000 lines per delivery' using errcode = '22023',
      detail = '每张到货单最多1000行';
  end if;
  for l in select value from jsonb_array_elements(new.lines) loop
    if jsonb_typeof(l) <> 'object' or coalesce(jsonb_typeof(l -> 'shipment_id'), '') <> 'string' then
      raise exception 'every line needs its shipment_id' using errcode = '22023',
        detail = '每行都必须有发货明细编号';
    end if;
    key := l ->> 'shipment_id';
    if given ? key then
      raise exception 'line % is given twice', key using errcode = '22023', detail = '同一行重复填写';
    end if;
    foreach k in array array['received', 'damaged', 'missing'] loop
      if l ? k and jsonb_typeof(l -> k) not in ('number', 'null') then
        raise exception '% must be a number (line %)', k, key using errcode = '22023',
          detail = '数量必须是数字';
      end if;
      v := (l ->> k)::numeric;
      if v < 0 then
        raise exception 'quantities cannot be negative (% %)', k, v using errcode = '22023',
          detail = '数量不能为负数';
      end if;
      if v <> trunc(v) or v > 1000000 then
        raise exception 'quantities are whole boxes from 0 to 1,000,000 (% %)', k, v
          using errcode = '22023', detail = '数量须为0到1,000,000之间的整箱数，不能有小数';
      end if;
    end loop;
    given := given || jsonb_build_object(key, l);
  end loop;
  if exists (select from jsonb_object_keys(given) g
              where not exists (select from public.shipments sh
                                 where sh.id::text = g and sh.doc_no = new.doc_no
                                   and sh.deleted_at is null)) then
    raise exception 'a line is not part of delivery %', new.doc_no using errcode = '22023',
      detail = '明细不属于该到货单';
  end if;

  for s in select sh.id, sh.line_no, sh.product_id, sh.quantity from public.shipments sh
            where sh.doc_no = new.doc_no and sh.deleted_at is null order by sh.line_no loop
    l := coalesce(given -> s.id::text, '{}');
    recv := (l ->> 'received')::numeric;
    miss := (l ->> 'missing')::numeric;
    dmg := coalesce((l ->> 'damaged')::numeric, 0);
    if recv is null then
      recv := s.quantity - coalesce(miss, 0);
    end if;
    if miss is null then
      miss := s.quantity - recv;
    end if;
    if dmg + miss > s.quantity then
      raise exception 'line %: damaged (%) and missing (%) together exceed the shipped quantity (%)',
        s.line_no, dmg, miss, s.quantity using errcode = '22023',
        detail = format('第%s行：破损数量加短少数量不能超过发货数量', s.line_no);
    end if;
    if recv + miss <> s.quantity or miss < 0 then
      raise exception 'line %: received (%) plus missing (%) must equal the shipped quantity (%)',
        s.line_no, recv, miss, s.quantity using errcode = '22023',
        detail = format('第%s行：实收数量加短少数量必须等于发货数量', s.line_no);
    end if;
    result := result || jsonb_build_object('shipment_id', s.id, 'line_no', s.line_no,
      'product_id', s.product_id, 'shipped', s.quantity, 'received', recv, 'damaged', dmg,
      'missing', miss);
  end loop;
  new.lines := result;
  new.note := nullif(btrim(new.note), '');
  new.confirmed_at := least(coalesce(new.confirmed_at, now()), now());
  if api then
    new.confirmed_by := (select auth.uid());
  end if;
  return new;
end
$$;

--
-- Name: check_feedback_place(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.check_feedback_place() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if new.visit_id is not null and not exists (
      select from public.visits v where v.id = new.visit_id and v.customer_id = new.customer_id) then
    raise exception 'the visit is not a visit of this customer' using errcode = '22023',
      detail = '意见所属的拜访（visit_id）不是该客户的拜访';
  end if;
  if new.meeting_id is not null and not exists (
      select from public.meeting_attendees a
       where a.meeting_id = new.meeting_id and a.customer_id = new.customer_id
         and a.deleted_at is null) then
    raise exception 'the customer did not attend this meeting' using errcode = '22023',
      detail = '该客户没有参加这次座谈会（meeting_id）';
  end if;
  return new;
end
$$;

--
-- Name: check_notify_ref(text, text, text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.check_notify_ref(p_field text, p_zh text, p_value text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $_$
begin
  if p_value ~* '(://|^\s*(https?:|www\.)|/)' then  -- a reference never has a slash
    raise exception '% must be a reference name (env:NAME or secret:name), not a URL', p_field
      using errcode = '22023',
      detail = format('%s（%s）只能填引用名（env:NAME 或 secret:name），不能填网址', p_zh, p_field);
  end if;
  if p_value !~ '^(env:[A-Z][A-Z0-9_]{0,63}|secret:[a-z][a-z0-9_.]{0,63})$' then
    raise exception '% must be env:NAME (an environment variable, capitals) or secret:name'
      ' (a stored secret, lower case), never the value itself', p_field
      using errcode = '22023',
      detail = format('%s（%s）只能填环境变量名（env:大写名称）或密钥名（secret:小写名称），'
                      '不能填密钥或地址本身', p_zh, p_field);
  end if;
end
$_$;

--
-- Name: check_notify_settings(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.check_notify_settings() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  sev text;
begin
  if new.key = 'notify.min_severity' and (jsonb_typeof(new.value) <> 'string'
      or new.value #>> '{}' not in ('low', 'medium', 'high')) then
    raise exception 'notify.min_severity must be "low", "medium" or "high" (got %)', new.value
      using errcode = '22023', detail = '推送的最低严重程度必须是 low、medium 或 high';
  end if;
  if new.key = 'notify.max_tries' and (jsonb_typeof(new.value) <> 'number'
      or (new.value #>> '{}')::numeric <> trunc((new.value #>> '{}')::numeric)
      or (new.value #>> '{}')::numeric not between 1 and 50) then
    raise exception 'notify.max_tries must be a whole number from 1 to 50 (got %)', new.value
      using errcode = '22023', detail = '推送最多尝试次数必须是1到50之间的整数';
  end if;
  if new.key = 'warning.due_days' then
    if jsonb_typeof(new.value) <> 'object'
       or (select array_agg(k order by k) from jsonb_object_keys(new.value) k)
          is distinct from array['high', 'low', 'medium'] then
      raise exception 'warning.due_days must be {"low": days, "medium": days, "high": days} (got %)',
        new.value using errcode = '22023', detail = '预警处理时限必须按严重程度（low、medium、high）填写天数';
    end if;
    foreach sev in array array['low', 'medium', 'high'] loop
      if jsonb_typeof(new.value -> sev) <> 'number'
         or (new.value ->> sev)::numeric <> trunc((new.value ->> sev)::numeric)
         or (new.value ->> sev)::numeric not between 1 and 365 then
        raise exception 'warning.due_days.% must be a whole number of days from 1 to 365 (got %)',
          sev, new.value -> sev using errcode = '22023', detail = '预警处理时限天数必须是1到365之间的整数';
      end if;
    end loop;
  end if;
  return new;
end
$$;

--
-- Name: check_photo_ids(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.check_photo_ids() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  row_ jsonb := to_jsonb(new);
  ids uuid[] := array(select jsonb_array_elements_text(coalesce(row_ -> 'photo_ids', '[]'))::uuid);
  bad uuid;
begin
  if row_ ->> 'photo_id' is not null then
    ids := ids || (row_ ->> 'photo_id')::uuid;
  end if;
  select i into bad from unnest(ids) i
   where not exists (select from public.photos p
                      where p.id = i and p.customer_id = (row_ ->> 'customer_id')::uuid
                        and p.deleted_at is null)
   limit 1;
  if bad is not null then
    raise exception 'photo % is not a photo of this customer (or not found)', bad
      using errcode = '22023', detail = '照片不存在或不是该客户的照片';
  end if;
  return new;
end
$$;

--
-- Name: check_returns_window(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.check_returns_window() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  g text;
begin
  if jsonb_typeof(new.value) <> 'object'
     or (select array_agg(k order by k) from jsonb_object_keys(new.value) k)
        is distinct from array['A', 'B', 'C', 'D'] then
    raise exception 'returns.window_days must be {"A": days, "B": days, "C": days, "D": days} (got %)',
      new.value using errcode = '22023', detail = '退换货期限必须按客户等级（A、B、C、D）填写天数';
  end if;
  foreach g in array array['A', 'B', 'C', 'D'] loop
    if jsonb_typeof(new.value -> g) <> 'number'
       or (new.value ->> g)::numeric <> trunc((new.value ->> g)::numeric)
       or (new.value ->> g)::numeric not between 0 and 3650 then
      raise exception 'returns.window_days.% must be a whole number of days from 0 to 3650 (got %)',
        g, new.value -> g using errcode = '22023', detail = '退换货期限天数必须是0到3650之间的整数';
    end if;
  end loop;
  return new;
end
$$;

--
-- Name: setting_rules; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.setting_rules (
    key text NOT NULL,
    section text NOT NULL,
    sort integer NOT NULL,
    label_zh text NOT NULL,
    label_en text NOT NULL,
    unit text NOT NULL,
    unit_zh text NOT NULL,
    shape text NOT NULL,
    min numeric,
    max numeric,
    whole boolean DEFAULT false NOT NULL,
    choices text[],
    checked_by text,
    CONSTRAINT setting_rules_section_check CHECK ((section = ANY (ARRAY['warnings'::text, 'visits'::text, 'returns'::text, 'cases'::text, 'desk'::text, 'evaluation'::text, 'notify'::text]))),
    CONSTRAINT setting_rules_shape_check CHECK ((shape = ANY (ARRAY['number'::text, 'by_grade'::text, 'by_severity'::text, 'weights'::text, 'cutoffs'::text, 'choice'::text])))
);

--
-- Name: check_setting_number(private.setting_rules, text, jsonb); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.check_setting_number(r private.setting_rules, field text, v jsonb) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  if v is null or jsonb_typeof(v) <> 'number' or (v #>> '{}')::numeric not between r.min and r.max
     or (r.whole and (v #>> '{}')::numeric <> trunc((v #>> '{}')::numeric)) then
    raise exception '% must be a % from % to % (got %)', field,
      case when r.whole then 'whole number' else 'number' end, r.min, r.max, coalesce(v::text, 'nothing')
      using errcode = '22023',
      detail = format('「%s」（%s）必须是%s到%s之间的%s（%s）', r.label_zh, field, r.min, r.max,
                      case when r.whole then '整数' else '数值' end, r.unit_zh);
  end if;
end
$$;

--
-- Name: check_setting_rule(); Type: FUNCTION; Schema: private; Owner: -
--

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

--
-- Name: check_warning_snooze_setting(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.check_warning_snooze_setting() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if jsonb_typeof(new.value) <> 'number'
     or (new.value #>> '{}')::numeric <> trunc((new.value #>> '{}')::numeric)
     or (new.value #>> '{}')::numeric not between 1 and 365 then
    raise exception 'warning.snooze_days must be a whole number of days from 1 to 365 (got %)',
      new.value using errcode = '22023', detail = '预警暂缓天数必须是1到365之间的整数';
  end if;
  return new;
end
$$;

--
-- Name: classify_customers_core(date); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.classify_customers_core(p_as_of date) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  v_d date := p_as_of;
  v_ly date;
  v_m0 date;
  v_m12 date;
  v_pct numeric;
  v_cut numeric;
  v_blend numeric;
  v_w jsonb;
  v_vg jsonb;
  v_gc jsonb;
  v_wp numeric;
  v_wa numeric;
  v_wt numeric;
  v_wx numeric;
  v_wk numeric;
  v_result jsonb;
begin
  if p_as_of is null then
    raise exception 'as_of is required: the date to classify customers as of'
      using errcode = '22004', detail = '必须指定分类日期（as_of）';
  end if;
  select (s.value #>> '{}')::numeric into v_pct from public.settings s where s.key = 'classification.volume_percentile';
  select (s.value #>> '{}')::numeric into v_cut from public.settings s where s.key = 'classification.loyalty_cutoff';
  select (s.value #>> '{}')::numeric into v_blend from public.settings s where s.key = 'classification.evaluation_blend';
  select s.value into v_w from public.settings s where s.key = 'classification.loyalty_weights';
  select s.value into v_vg from public.settings s where s.key = 'classification.volume_grade_cutoffs';
  select s.value into v_gc from public.settings s where s.key = 'evaluation.grade_cutoffs';
  v_wp := coalesce((v_w ->> 'punctuality')::numeric, 0);
  v_wa := coalesce((v_w ->> 'plan')::numeric, 0);
  v_wt := coalesce((v_w ->> 'tenure')::numeric, 0);
  v_wx := coalesce((v_w ->> 'exclusive')::numeric, 0);
  v_wk := coalesce((v_w ->> 'conduct')::numeric, 0);
  -- exclusivity and conduct are always known, so they must weigh something
  if v_pct is null or v_cut is null or v_blend is null or v_vg is null or v_gc is null
     or least(v_wp, v_wa, v_wt, v_wx, v_wk) < 0 or v_wx + v_wk <= 0 then
    raise exception 'a classification.* setting is missing or invalid'
      using errcode = '22023', detail = '客户分类设置不完整或无效';
  end if;
  v_ly := (v_d - interval '1 year')::date;
  v_m0 := make_date(extract(year from v_d)::int, extract(month from v_d)::int, 1);
  v_m12 := (v_m0 - interval '12 months')::date;

  perform pg_advisory_xact_lock(727004);

  with
  scope as (
    select c.id, c.area_id, c.tier, c.since, c.exclusive, c.payment_terms_days
      from public.customers c
     where c.deleted_at is null and c.status in ('active', 'suspended')
  ),
  ship as (
    select d.customer_id,
      round(coalesce(sum(d.cents) filter (where d.day > v_ly), 0)::numeric / 100, 2) as volume,
      round(coalesce(sum(d.cents) filter (where d.day >= v_m12 and d.day < v_m0), 0)::numeric / 100, 2) as vol_plan_window,
      round(sum(d.billed_cents)::numeric / 100, 2) as billed,
      round(coalesce(sum(d.billed_cents) filter (where d.day > v_d - c.payment_terms_days), 0)::numeric / 100, 2) as billed_in_terms,
      min(d.day) as first_day
      from private.purchase_days d
      join scope c on c.id = d.customer_id
     where d.day <= v_d
     group by d.customer_id
  ),
  pay as (
    select p.customer_id, sum(p.amount) as paid from public.payments p
     where p.deleted_at is null and p.paid_on <= v_d group by p.customer_id
  ),
  ret as (
    select r.customer_id, sum(r.amount) as credited from public.returns r
     where r.deleted_at is null and r.status in ('accepted', 'completed')
       and r.kind in ('return', 'credit_note') and r.decided_on <= v_d
     group by r.customer_id
  ),
  plan as (
    select p.customer_id, sum(p.amount) as planned from public.sales_plans p
     where p.deleted_at is null and p.month >= v_m12 and p.month < v_m0
     group by p.customer_id
  ),
  flags as (
    select f.customer_id, count(*) as n from public.customer_conduct_flags f
     where f.deleted_at is null and f.flagged_on > v_ly and f.flagged_on <= v_d
     group by f.customer_id
  ),
  ev as (
    select distinct on (e.customer_id) e.customer_id, e.score,
           (e.credit + e.relationship + e.enthusiasm) / 3.0 as loyal_mean
      from public.evaluations e
     where e.deleted_at is null and e.evaluated_on <= v_d
     order by e.customer_id, e.evaluated_on desc
  ),
  -- each signal in 0..1, null when unknown (then it is left out of the weighted mean)
  sig as (
    select c.id, c.area_id, c.tier, coalesce(sh.volume, 0) as volume, ev.score, ev.loyal_mean,
      -- payment punctuality: the share of the last 12 months' purchases that is not overdue
      -- (owed beyond the payment terms); unknown for customers we never billed
      case when coalesce(sh.billed, 0) > 0
           then 1 - least(1, greatest(0, sh.billed - coalesce(pa.paid, 0)
                                          - coalesce(re.credited, 0) - sh.billed_in_terms)
                             / greatest(sh.volume, 1)) end as punctuality,
      -- plan attainment over the 12 whole months before this one; unknown without a plan
      case when coalesce(pl.planned, 0) > 0
           then least(1, coalesce(sh.vol_plan_window, 0) / pl.planned) end as plan_ratio,
      -- tenure since customers.since (else the first purchase), full at three years
      least(1, greatest(0, v_d - coalesce(c.since, sh.first_day)) / (3 * 365.25)) as tenure,
      case when c.exclusive then 1 else 0 end as exclusive,
      -- conduct: each cross-territory or dumping flag in the last 12 months costs half
      greatest(0, 1 - 0.5 * coalesce(fl.n, 0)) as conduct
      from scope c
      left join ship sh on sh.customer_id = c.id
      left join pay pa on pa.customer_id = c.id
      left join ret re on re.customer_id = c.id
      left join plan pl on pl.customer_id = c.id
      left join flags fl on fl.customer_id = c.id
      left join ev on ev.customer_id = c.id
  ),
  scored as (
    select g.*,
      round(case when g.loyal_mean is null then g.measured
                 else (1 - v_blend) * g.measured + v_blend * (g.loyal_mean - 1) / 4 * 100 end, 1) as loyalty,
      percent_rank() over (partition by g.area_id, g.tier order by g.volume) as vol_rank
      from (
        select sig.*,
          (coalesce(v_wp * sig.punctuality, 0) + coalesce(v_wa * sig.plan_ratio, 0)
           + coalesce(v_wt * sig.tenure, 0) + v_wx * sig.exclusive + v_wk * sig.conduct)
          / (case when sig.punctuality is null then 0 else v_wp end
             + case when sig.plan_ratio is null then 0 else v_wa end
             + case when sig.tenure is null then 0 else v_wt end + v_wx + v_wk) * 100 as measured
          from sig
      ) g
  ),
  cutoff as (
    select s.area_id, s.tier, percentile_cont(v_pct::float8) within group (order by s.volume) as vol_cut
      from scored s
     group by s.area_id, s.tier
  ),
  result as (
    select s.id, s.volume, s.loyalty,
      case when s.volume > 0 and s.volume >= k.vol_cut
           then case when s.loyalty >= v_cut then 'core' else 'dangerous' end
           else case when s.loyalty >= v_cut then 'cultivate' else 'eliminate' end end as quadrant,
      case when s.score is not null then
             case when s.score >= (v_gc ->> 'A')::numeric then 'A'
                  when s.score >= (v_gc ->> 'B')::numeric then 'B'
                  when s.score >= (v_gc ->> 'C')::numeric then 'C' else 'D' end
           when s.volume <= 0 then 'D'
           when s.vol_rank >= (v_vg ->> 'A')::numeric then 'A'
           when s.vol_rank >= (v_vg ->> 'B')::numeric then 'B'
           when s.vol_rank >= (v_vg ->> 'C')::numeric then 'C'
           else 'D' end as grade
      from scored s
      join cutoff k on k.area_id = s.area_id and k.tier = s.tier
  ),
  prev as (
    select r.id, p.quadrant as prev_quadrant, p.grade as prev_grade
      from result r
      join lateral (
        select cc.quadrant, cc.grade from public.customer_classifications cc
         where cc.customer_id = r.id and cc.as_of < v_d
         order by cc.as_of desc limit 1) p on true
  ),
  saved as (
    insert into public.customer_classifications as cc
           (customer_id, as_of, volume_12m, loyalty_score, quadrant, grade)
    select r.id, v_d, r.volume, r.loyalty, r.quadrant, r.grade from result r
    on conflict (customer_id, as_of) do update
       set volume_12m = excluded.volume_12m, loyalty_score = excluded.loyalty_score,
           quadrant = excluded.quadrant, grade = excluded.grade
    returning cc.customer_id
  ),
  applied as (
    update public.customers c
       set grade = r.grade, quadrant = r.quadrant
      from result r
     where c.id = r.id and (c.grade, c.quadrant) is distinct from (r.grade, r.quadrant)
    returning c.id
  )
  select jsonb_build_object(
    'as_of', v_d,
    'classified', (select count(*) from saved),
    'changed_customers', (select count(*) from applied),
    'quadrants', (select coalesce(jsonb_object_agg(q.quadrant, q.n), '{}')
                    from (select r.quadrant, count(*) as n from result r group by r.quadrant) q),
    'grades', (select coalesce(jsonb_object_agg(g.grade, g.n), '{}')
                 from (select r.grade, count(*) as n from result r group by r.grade) g),
    'moved_quadrant', (select count(*) from prev p join result r on r.id = p.id
                        where p.prev_quadrant <> r.quadrant),
    'moved_grade', (select count(*) from prev p join result r on r.id = p.id
                     where p.prev_grade <> r.grade))
  into v_result;
  return v_result;
end
$$;

--
-- Name: cols_equal(text, text[], text, text[]); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.cols_equal(p_left text, p_lcols text[], p_right text, p_rcols text[]) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select format('(%s) = (%s)',
    (select string_agg(format('%I.%I', p_left, c), ', ' order by o) from unnest(p_lcols)
       with ordinality as x(c, o)),
    (select string_agg(format('%I.%I', p_right, c), ', ' order by o) from unnest(p_rcols)
       with ordinality as x(c, o)))
$$;

--
-- Name: cols_test(text, text[], text, text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.cols_test(p_row text, p_cols text[], p_test text, p_join text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select string_agg(format('%I.%I', p_row, c) || coalesce(' ' || nullif(p_test, ''), ''),
                    case p_join when ',' then ', ' else ' ' || p_join || ' ' end)
    from unnest(p_cols) c
$$;

--
-- Name: company_now(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.company_now() RETURNS timestamp with time zone
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select coalesce(nullif(current_setting('fieldsales.now', true), '')::timestamptz, now())
$$;

--
-- Name: company_today(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.company_today() RETURNS date
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select (private.company_now() at time zone private.company_tz())::date
$$;

--
-- Name: company_tz(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.company_tz() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce((select s.value #>> '{}' from public.settings s
                    where s.key = 'company.timezone' and s.deleted_at is null), 'Asia/Shanghai')
$$;

--
-- Name: contracts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.contracts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    contract_no text NOT NULL,
    customer_id uuid NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    previous_id uuid,
    status text DEFAULT 'draft'::text NOT NULL,
    custodian_id uuid,
    quality_terms text,
    delivery_time text,
    delivery_place text,
    transport_mode text,
    freight_paid_by text,
    acceptance_terms text,
    rights_level text,
    territory text,
    brands text,
    term_start date,
    term_end date,
    settlement_method text,
    payment_days integer,
    rebate_pct numeric(5,2),
    annual_bonus text,
    promotion_support text,
    advertising_support text,
    staff_support text,
    ordering_terms text,
    return_terms text,
    breach_liability text,
    dispute_resolution text,
    signed_on date,
    signed_place text,
    effective_on date,
    party_a_name text,
    party_a_address text,
    party_a_phone text,
    party_a_legal_rep text,
    party_a_signing_rep text,
    party_a_bank text,
    party_a_account text,
    party_a_tax_id text,
    party_b_name text,
    party_b_address text,
    party_b_phone text,
    party_b_legal_rep text,
    party_b_signing_rep text,
    party_b_bank text,
    party_b_account text,
    party_b_tax_id text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    CONSTRAINT contracts_acceptance_terms_len CHECK ((char_length(acceptance_terms) <= 4000)),
    CONSTRAINT contracts_advertising_support_len CHECK ((char_length(advertising_support) <= 4000)),
    CONSTRAINT contracts_annual_bonus_len CHECK ((char_length(annual_bonus) <= 4000)),
    CONSTRAINT contracts_brands_len CHECK ((char_length(brands) <= 4000)),
    CONSTRAINT contracts_breach_liability_len CHECK ((char_length(breach_liability) <= 4000)),
    CONSTRAINT contracts_check CHECK (((term_end IS NULL) OR (term_start IS NULL) OR (term_end >= term_start))),
    CONSTRAINT contracts_check1 CHECK (((status = ANY (ARRAY['draft'::text, 'in_review'::text, 'terminated'::text])) OR (signed_on IS NOT NULL))),
    CONSTRAINT contracts_contract_no_check CHECK ((contract_no ~ '^[A-Za-z0-9_.-]{1,40}$'::text)),
    CONSTRAINT contracts_contract_no_len CHECK ((char_length(contract_no) <= 200)),
    CONSTRAINT contracts_delivery_place_len CHECK ((char_length(delivery_place) <= 4000)),
    CONSTRAINT contracts_delivery_time_len CHECK ((char_length(delivery_time) <= 4000)),
    CONSTRAINT contracts_dispute_resolution_len CHECK ((char_length(dispute_resolution) <= 4000)),
    CONSTRAINT contracts_freight_paid_by_check CHECK ((freight_paid_by = ANY (ARRAY['supplier'::text, 'dealer'::text, 'shared'::text]))),
    CONSTRAINT contracts_freight_paid_by_len CHECK ((char_length(freight_paid_by) <= 200)),
    CONSTRAINT contracts_ordering_terms_len CHECK ((char_length(ordering_terms) <= 4000)),
    CONSTRAINT contracts_party_a_account_len CHECK ((char_length(party_a_account) <= 200)),
    CONSTRAINT contracts_party_a_address_len CHECK ((char_length(party_a_address) <= 200)),
    CONSTRAINT contracts_party_a_bank_len CHECK ((char_length(party_a_bank) <= 200)),
    CONSTRAINT contracts_party_a_legal_rep_len CHECK ((char_length(party_a_legal_rep) <= 200)),
    CONSTRAINT contracts_party_a_name_len CHECK ((char_length(party_a_name) <= 200)),
    CONSTRAINT contracts_party_a_phone_len CHECK ((char_length(party_a_phone) <= 200)),
    CONSTRAINT contracts_party_a_signing_rep_len CHECK ((char_length(party_a_signing_rep) <= 200)),
    CONSTRAINT contracts_party_a_tax_id_len CHECK ((char_length(party_a_tax_id) <= 200)),
    CONSTRAINT contracts_party_b_account_len CHECK ((char_length(party_b_account) <= 200)),
    CONSTRAINT contracts_party_b_address_len CHECK ((char_length(party_b_address) <= 200)),
    CONSTRAINT contracts_party_b_bank_len CHECK ((char_length(party_b_bank) <= 200)),
    CONSTRAINT contracts_party_b_legal_rep_len CHECK ((char_length(party_b_legal_rep) <= 200)),
    CONSTRAINT contracts_party_b_name_len CHECK ((char_length(party_b_name) <= 200)),
    CONSTRAINT contracts_party_b_phone_len CHECK ((char_length(party_b_phone) <= 200)),
    CONSTRAINT contracts_party_b_signing_rep_len CHECK ((char_length(party_b_signing_rep) <= 200)),
    CONSTRAINT contracts_party_b_tax_id_len CHECK ((char_length(party_b_tax_id) <= 200)),
    CONSTRAINT contracts_payment_days_check CHECK (((payment_days >= 0) AND (payment_days <= 365))),
    CONSTRAINT contracts_promotion_support_len CHECK ((char_length(promotion_support) <= 4000)),
    CONSTRAINT contracts_quality_terms_len CHECK ((char_length(quality_terms) <= 4000)),
    CONSTRAINT contracts_rebate_pct_check CHECK (((rebate_pct >= (0)::numeric) AND (rebate_pct <= (100)::numeric))),
    CONSTRAINT contracts_return_terms_len CHECK ((char_length(return_terms) <= 4000)),
    CONSTRAINT contracts_rights_level_check CHECK ((rights_level = ANY (ARRAY['general'::text, 'sub'::text]))),
    CONSTRAINT contracts_rights_level_len CHECK ((char_length(rights_level) <= 200)),
    CONSTRAINT contracts_settlement_method_len CHECK ((char_length(settlement_method) <= 4000)),
    CONSTRAINT contracts_signed_place_len CHECK ((char_length(signed_place) <= 200)),
    CONSTRAINT contracts_staff_support_len CHECK ((char_length(staff_support) <= 4000)),
    CONSTRAINT contracts_status_check CHECK ((status = ANY (ARRAY['draft'::text, 'in_review'::text, 'signed'::text, 'effective'::text, 'expired'::text, 'terminated'::text]))),
    CONSTRAINT contracts_status_len CHECK ((char_length(status) <= 200)),
    CONSTRAINT contracts_territory_len CHECK ((char_length(territory) <= 4000)),
    CONSTRAINT contracts_transport_mode_len CHECK ((char_length(transport_mode) <= 4000)),
    CONSTRAINT contracts_version_check CHECK ((version >= 1)),
    CONSTRAINT contracts_version_range CHECK (((version >= 1) AND (version <= 1000)))
);

--
-- Name: contract_or_raise(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.contract_or_raise(p_contract_id uuid) RETURNS public.contracts
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  v_row public.contracts;
begin
  if p_contract_id is null then
    raise exception 'p_contract_id is required' using errcode = '22023', detail = '缺少合同编号';
  end if;
  select * into v_row from public.contracts c where c.id = p_contract_id and c.deleted_at is null;
  if not found then
    raise exception 'contract % not found', p_contract_id using errcode = 'P0002',
      detail = '找不到该合同';
  end if;
  return v_row;
end
$$;

--
-- Name: contract_step_allowed(text, text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.contract_step_allowed(p_from text, p_to text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select (p_from, p_to) in (('draft', 'in_review'), ('in_review', 'draft'),
    ('in_review', 'signed'), ('signed', 'effective'), ('effective', 'expired'),
    ('effective', 'terminated'), ('draft', 'terminated'), ('in_review', 'terminated'),
    ('signed', 'terminated'))
$$;

--
-- Name: credit_return(uuid, date, date); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.credit_return(p_case_id uuid, p_requested_on date, p_day date) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  c public.cases;
begin
  select * into c from public.cases x where x.id = p_case_id;
  insert into public.returns (reference, customer_id, shipment_id, product_id, kind, quantity,
                              amount, reason, status, requested_on, decided_on, case_id)
  select 'RC-' || replace(c.id::text, '-', '') || '-'
           || row_number() over (order by s.doc_no, s.line_no, l.id),
         c.customer_id, l.shipment_id, s.product_id, 'return', l.quantity,
         round(l.quantity * s.unit_price, 2), left(c.detail, 4000), 'accepted',
         coalesce(p_requested_on, p_day), p_day, c.id
    from public.case_lines l join public.shipments s on s.id = l.shipment_id
   where l.case_id = c.id and l.deleted_at is null and l.quantity > 0;
  perform private.reevaluate_warnings(array[c.customer_id], private.company_today());
end
$$;

--
-- Name: customer_owner_chain(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.customer_owner_chain() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  new.owner_chain := array(
    select distinct o from (
      select new.owner_id as o
      union all
      select unnest(p.owner_chain) from public.customers p where p.id = new.parent_id
    ) x where o is not null order by o);
  return new;
end
$$;

--
-- Name: customer_owner_chains_down(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.customer_owner_chains_down() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  -- a statement trigger fires for an update of no rows too: that is where the cascade stops
  if not exists (select from new_rows) then
    return null;
  end if;
  execute 'update public.customers c set owner_chain = c.owner_chain'
          ' from new_rows n join old_rows o on o.id = n.id'
          ' where c.parent_id = n.id and o.owner_chain is distinct from n.owner_chain';
  return null;
end
$$;

--
-- Name: day_start(date); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.day_start(p_day date) RETURNS timestamp with time zone
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select p_day::timestamp at time zone private.company_tz()
$$;

--
-- Name: delivery_confirm_days(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.delivery_confirm_days() RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce((select (s.value #>> '{}')::integer from public.settings s
                    where s.key = 'delivery.confirm_days' and s.deleted_at is null), 3)
$$;

--
-- Name: delivery_confirm_from(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.delivery_confirm_from() RETURNS date
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce((select (s.value #>> '{}')::date from public.settings s
                    where s.key = 'delivery.confirm_from' and s.deleted_at is null
                      and jsonb_typeof(s.value) = 'string'), '-infinity'::date)
$$;

--
-- Name: deny(text, text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.deny(what text, zh text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  raise exception '%', what using errcode = '42501', detail = zh;
end
$$;

--
-- Name: distribution(date, integer, uuid[]); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.distribution(p_as_of date, p_days integer, p_customer_ids uuid[]) RETURNS TABLE(customer_id uuid, product_id uuid, outlets integer, carrying integer, by_stock integer, by_orders integer, distribution_pct numeric)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
#variable_conflict use_column
begin
  perform private.chain_window(p_days, p_as_of);
  return query
  with recursive chain as (
    select c.parent_id as root, c.id from public.customers c
     where c.parent_id = any(p_customer_ids) and c.deleted_at is null
    union
    select ch.root, c.id from public.customers c join chain ch on c.parent_id = ch.id
     where c.deleted_at is null
  ), active as (
    select ch.root, c.id from public.customers c join chain ch on ch.id = c.id
     where c.status in ('active', 'suspended')
  ), seen as (
    select sc.customer_id, sc.product_id, 's'::text as via from public.stock_counts sc
     where sc.customer_id in (select id from active) and sc.deleted_at is null
       and sc.quantity > 0 and sc.counted_at >= private.day_start(p_as_of - p_days + 1)
       and sc.counted_at < private.day_start(p_as_of + 1)
    union
    select o.customer_id, l.product_id, 'o' from public.orders o
      join public.order_lines l on l.order_id = o.id and l.deleted_at is null
     where o.customer_id in (select id from active) and o.deleted_at is null
       and o.status <> 'cancelled' and o.ordered_on > p_as_of - p_days and o.ordered_on <= p_as_of
    union
    select s.customer_id, s.product_id, 'o' from public.shipments s
     where s.customer_id in (select id from active) and s.deleted_at is null
       and s.shipped_on > p_as_of - p_days and s.shipped_on <= p_as_of
  ), total as (
    select r.id as root, count(a.id)::int as n
      from unnest(p_customer_ids) r(id) left join active a on a.root = r.id
     group by r.id
  ), hit as (
    select a.root, se.product_id, se.customer_id, se.via
      from seen se join active a on a.id = se.customer_id
  )
  select t.root, pr.id, t.n,
         count(distinct h.customer_id)::int,
         count(distinct h.customer_id) filter (where h.via = 's')::int,
         count(distinct h.customer_id) filter (where h.via = 'o')::int,
         round(100.0 * count(distinct h.customer_id) / nullif(t.n, 0), 1)
    from total t
    cross join public.products pr
    left join hit h on h.root = t.root and h.product_id = pr.id
   where pr.deleted_at is null and (pr.active or h.customer_id is not null)
   group by t.root, pr.id, t.n;
end
$$;

--
-- Name: elimination_check_text(text, boolean, text, text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.elimination_check_text(p_text text, p_required boolean, p_field text, p_zh text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $$
begin
  if p_required and length(btrim(coalesce(p_text, ''))) = 0 then
    raise exception '% is required', p_field using errcode = '22023',
      detail = format('请填写%s（%s）', p_zh, p_field);
  end if;
  if length(coalesce(p_text, '')) > 4000 then
    raise exception '% is longer than 4000 characters', p_field using errcode = '22023',
      detail = format('%s（%s）不能超过4000字', p_zh, p_field);
  end if;
end
$$;

--
-- Name: customer_eliminations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.customer_eliminations (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    customer_id uuid NOT NULL,
    status text DEFAULT 'requested'::text NOT NULL,
    reason text NOT NULL,
    requested_by uuid NOT NULL,
    requested_at timestamp with time zone DEFAULT private.company_now() NOT NULL,
    decided_by uuid,
    decided_at timestamp with time zone,
    decision_note text,
    withdrawn_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT customer_eliminations_decision_note_len CHECK ((char_length(decision_note) <= 4000)),
    CONSTRAINT customer_eliminations_reason_len CHECK ((char_length(reason) <= 4000)),
    CONSTRAINT customer_eliminations_status_check CHECK ((status = ANY (ARRAY['requested'::text, 'confirmed'::text, 'refused'::text, 'withdrawn'::text]))),
    CONSTRAINT customer_eliminations_status_len CHECK ((char_length(status) <= 200)),
    CONSTRAINT customer_eliminations_steps_check CHECK ((((status = ANY (ARRAY['confirmed'::text, 'refused'::text])) = ((decided_by IS NOT NULL) AND (decided_at IS NOT NULL))) AND ((status = 'withdrawn'::text) = (withdrawn_at IS NOT NULL))))
);

--
-- Name: elimination_for_action(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.elimination_for_action(p_elimination_id uuid) RETURNS public.customer_eliminations
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  row public.customer_eliminations;
begin
  if p_elimination_id is null then
    raise exception 'p_elimination_id is required' using errcode = '22023',
      detail = '缺少淘汰申请编号';
  end if;
  select * into row from public.customer_eliminations e where e.id = p_elimination_id for update;
  if not found or ((select private.my_role()) <> 'manager'
                   and row.customer_id not in (select private.staff_customer_ids())) then
    raise exception 'elimination request % not found', p_elimination_id using errcode = 'P0002',
      detail = '找不到该淘汰申请';
  end if;
  if row.status <> 'requested' then
    raise exception 'the elimination request is already %', row.status using errcode = '55000',
      detail = '该淘汰申请已处理，不能再变更';
  end if;
  return row;
end
$$;

--
-- Name: evaluate_warnings_core(uuid[], date); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.evaluate_warnings_core(p_customer_ids uuid[], p_as_of date) RETURNS TABLE(action text, warning_id uuid, customer_id uuid, kind text, cause_key text, severity text, status text, figures jsonb, resolution text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET plan_cache_mode TO 'force_custom_plan'
    SET jit TO 'off'
    SET work_mem TO '64MB'
    SET max_parallel_workers_per_gather TO '0'
    SET join_collapse_limit TO '1'
    SET from_collapse_limit TO '1'
    AS $$
#variable_conflict use_column
declare
  v_all boolean := p_customer_ids is null;
  v_ids uuid[] := coalesce(p_customer_ids, '{}'::uuid[]);
  v_d date := p_as_of;
  v_snooze integer := private.warning_snooze_days();
  v_year text := extract(year from p_as_of)::int::text;
  v_m0 date := make_date(extract(year from p_as_of)::int, extract(month from p_as_of)::int, 1);
  v_dom integer := extract(day from p_as_of)::int;
  v_dim integer := (v_m0 + interval '1 month')::date - v_m0;
  v_3m date := (p_as_of - interval '3 months')::date;
  v_6m date := (p_as_of - interval '6 months')::date;
  -- complaint_unanswered: D starts and ends at these instants of the company's calendar
  v_day_start timestamptz := private.day_start(p_as_of);
  v_day_end timestamptz := private.day_start(p_as_of + 1);
  v_tz text := private.company_tz();
  v_def numeric[];
  v_missing text;
  v_cond private.warning_condition[];
begin
  if p_as_of is null then
    raise exception 'as_of is required: the date to evaluate the warnings as of'
      using errcode = '22004', detail = '必须指定评估日期（as_of）';
  end if;
  if not v_all then
    if array_position(p_customer_ids, null) is not null then
      raise exception 'customer ids must not contain null'
        using errcode = '22004', detail = '客户编号列表中不能有空值';
    end if;
    select string_agg(u.id::text, ', ') into v_missing
      from unnest(p_customer_ids) as u(id)
     where not exists (select from public.customers c where c.id = u.id);
    if v_missing is not null then
      raise exception 'unknown customer id(s): %', v_missing
        using errcode = 'P0002', detail = '客户不存在：' || v_missing;
    end if;
    if cardinality(p_customer_ids) = 0 then
      return;
    end if;
  end if;
  -- the settings' thresholds, in this order (overrides per grade or customer apply per row)
  select array_agg((s.value #>> '{}')::numeric order by k.n) into v_def
    from unnest(array['warning.behind_plan.tolerance', 'warning.below_last_year.tolerance',
                      'warning.below_last_year.min_amount', 'warning.frequency_drop.factor',
                      'warning.churn.days', 'warning.expense_rising.tolerance',
                      'warning.expense_rising.min_amount', 'warning.credit.high_ratio',
                      'warning.major_incident.days']) with ordinality as k(key, n)
    join public.settings s on s.key = k.key;
  if coalesce(cardinality(v_def), 0) < 9 then
    raise exception 'a warning.* setting is missing from public.settings'
      using errcode = '22023', detail = '预警阈值设置不完整';
  end if;

  -- evaluations never interleave: the partial unique index would make the loser fail
  perform pg_advisory_xact_lock(727003);

  -- 1: the conditions that hold as of D ---------------------------------------------------------
  -- Joins run in the written order (join_collapse_limit = 1): the customers in scope, then one
  -- aggregate per source, each hashed once. Every source is read through a covering index.
  with
  ovr as (
    select o.grade, o.customer_id,
      max(o.value) filter (where o.setting_key = 'warning.behind_plan.tolerance') as behind_t,
      max(o.value) filter (where o.setting_key = 'warning.below_last_year.tolerance') as bly_t,
      max(o.value) filter (where o.setting_key = 'warning.below_last_year.min_amount') as bly_min,
      max(o.value) filter (where o.setting_key = 'warning.frequency_drop.factor') as freq_f,
      max(o.value) filter (where o.setting_key = 'warning.churn.days') as churn_n,
      max(o.value) filter (where o.setting_key = 'warning.expense_rising.tolerance') as exp_t,
      max(o.value) filter (where o.setting_key = 'warning.expense_rising.min_amount') as exp_min,
      max(o.value) filter (where o.setting_key = 'warning.credit.high_ratio') as credit_high,
      max(o.value) filter (where o.setting_key = 'warning.major_incident.days') as incident_n
      from public.warning_thresholds o
     group by o.grade, o.customer_id
  ),
  -- evaluated customers in scope (customers_evaluated_idx has exactly these rows and columns);
  -- an eliminated one is evaluated for its debt only (credit_over_limit); narrow, as it is read
  -- three times; base adds the other thresholds
  th as (
    select c.id as customer_id, c.credit_limit, c.owner_id, c.grade,
           c.status = 'eliminated' as eliminated,
           coalesce(oc.incident_n, og.incident_n, v_def[9])::integer as incident_n
      from public.customers c
      left join ovr og on og.customer_id is null and og.grade = c.grade
      left join ovr oc on oc.customer_id = c.id
     where c.deleted_at is null and (v_all or c.id = any(v_ids))
  ),
  -- purchases: live shipments where the customer is the buyer, summed per day in
  -- private.purchase_days (integer cents). What does not depend on D — the
  -- last purchase and the rhythm before it (purchase days in the 12 months up to it, median
  -- gap) — is kept per customer in private.purchase_stats; only customers who bought after D
  -- are recomputed from their days up to D.
  stale_days as (
    select p.customer_id, p.day,
           p.day - lag(p.day) over (partition by p.customer_id order by p.day) as gap,
           (max(p.day) over (partition by p.customer_id) - interval '1 year')::date as lb
      from private.purchase_stats st
      join private.purchase_days p on p.customer_id = st.customer_id
     where st.last_day > v_d and (v_all or st.customer_id = any(v_ids)) and p.day <= v_d
  ),
  buy as (
    select st.customer_id, st.last_day, st.purchases, st.median_gap
      from private.purchase_stats st
     where st.last_day <= v_d and (v_all or st.customer_id = any(v_ids))
    union all
    select d.customer_id, max(d.day),
           count(*) filter (where d.day - d.gap > d.lb) + 1,
           (percentile_cont(0.5) within group (order by d.gap)
              filter (where d.day - d.gap > d.lb))::numeric
      from stale_days d
     group by d.customer_id
  ),
  -- the figures shared with the ledger, the reports and the map (20261201120000_figures.sql)
  bal as (
    select b.customer_id, b.balance from private.balances(v_d, p_customer_ids) b
  ),
  fig as (
    select f.customer_id, f.ytd_purchases, f.purchases_90d, f.last_year_90d,
           -- the plan to date times the days of this month (exact: no division before comparing)
           f.plan_before_month * v_dim + coalesce(f.month_plan, 0) * v_dom as plan_x_dim
      from private.sales_figures(v_d, p_customer_ids) f
  ),
  exp as (
    select e.customer_id,
           coalesce(sum(e.amount) filter (where e.spent_on > v_3m), 0) as recent,
           coalesce(sum(e.amount) filter (where e.spent_on <= v_3m), 0) as previous
      from public.expenses e
     where e.deleted_at is null and e.spent_on > v_6m and e.spent_on <= v_d
       and (v_all or e.customer_id = any(v_ids))
     group by e.customer_id
  ),
  -- one row per evaluated customer with every figure the rules need
  base as (
    select x.*,
           (not x.eliminated and x.last_day <= v_d - x.churn_n
            and x.last_day > (v_d - x.churn_n - interval '1 year')::date) as churned
      from (
        select th.customer_id, th.owner_id, th.credit_limit, th.eliminated,
               -- thresholds: customer override, grade override, setting
               coalesce(oc.behind_t, og.behind_t, v_def[1]) as behind_t,
               coalesce(oc.bly_t, og.bly_t, v_def[2]) as bly_t,
               coalesce(oc.bly_min, og.bly_min, v_def[3]) as bly_min,
               coalesce(oc.freq_f, og.freq_f, v_def[4]) as freq_f,
               coalesce(oc.churn_n, og.churn_n, v_def[5])::integer as churn_n,
               coalesce(oc.exp_t, og.exp_t, v_def[6]) as exp_t,
               coalesce(oc.exp_min, og.exp_min, v_def[7]) as exp_min,
               coalesce(oc.credit_high, og.credit_high, v_def[8]) as credit_high,
               coalesce(ba.balance, 0) as balance,
               coalesce(fi.ytd_purchases, 0) as ytd,
               coalesce(fi.purchases_90d, 0) as r90,
               coalesce(fi.last_year_90d, 0) as p90,
               bu.last_day, bu.purchases, bu.median_gap,
               coalesce(fi.plan_x_dim, 0) as plan_x_dim,
               coalesce(ex.recent, 0) as exp_recent, coalesce(ex.previous, 0) as exp_previous
          from th
          left join ovr og on og.customer_id is null and og.grade = th.grade
          left join ovr oc on oc.customer_id = th.customer_id
          left join buy bu on bu.customer_id = th.customer_id
          left join bal ba on ba.customer_id = th.customer_id
          left join fig fi on fi.customer_id = th.customer_id
          left join exp ex on ex.customer_id = th.customer_id
      ) x
  ),
  -- the rules over base, evaluated once per customer; only customers with a condition that holds
  -- are kept (a null test counts as not holding, as in a WHERE clause); an eliminated customer
  -- holds the credit rule only
  hits as (
    select f.*
      from (select b.*,
                   b.balance > b.credit_limit as f_credit,
                   not b.eliminated and b.plan_x_dim > 0
                     and b.ytd * v_dim < (1 - b.behind_t) * b.plan_x_dim as f_behind,
                   not b.eliminated and b.p90 > 0 and b.p90 >= b.bly_min
                     and b.r90 < (1 - b.bly_t) * b.p90 as f_bly,
                   not b.eliminated and not b.churned and b.purchases >= 4
                     and (v_d - b.last_day) > b.freq_f * b.median_gap as f_freq,
                   not b.eliminated and b.exp_recent > b.exp_min
                     and b.exp_recent > (1 + b.exp_t) * b.exp_previous as f_exp
              from base b) f
     where f.f_credit or f.f_behind or f.f_bly or f.churned or f.f_freq or f.f_exp
  ),
  cond as (
    select b.customer_id, b.owner_id, 'credit_over_limit'::text as kind, 'balance'::text as cause_key,
           case when b.balance > b.credit_high * b.credit_limit then 'high' else 'medium' end as severity,
           jsonb_build_object('balance', b.balance, 'credit_limit', b.credit_limit,
             'ratio', round(b.balance / nullif(b.credit_limit, 0), 4),
             'high_ratio', b.credit_high) as figures
      from hits b
     where b.f_credit
    union all
    select b.customer_id, b.owner_id, 'behind_plan', v_year, 'medium',
           jsonb_build_object('year', v_year::int, 'purchases', b.ytd,
             'plan_to_date', round(b.plan_x_dim / v_dim, 2),
             'attainment', round(b.ytd * v_dim / b.plan_x_dim, 4),
             'tolerance', b.behind_t)
      from hits b
     where b.f_behind
    union all
    select b.customer_id, b.owner_id, 'below_last_year', 'rolling', 'medium',
           jsonb_build_object('purchases_90d', b.r90, 'last_year_90d', b.p90,
             'ratio', round(b.r90 / b.p90, 4), 'tolerance', b.bly_t,
             'min_amount', b.bly_min)
      from hits b
     where b.f_bly
    union all
    select b.customer_id, b.owner_id, 'churn', b.last_day::text, 'high',
           jsonb_build_object('last_purchase', b.last_day, 'days_since', v_d - b.last_day,
             'days', b.churn_n)
      from hits b
     where b.churned
    union all
    select b.customer_id, b.owner_id, 'purchase_frequency_drop', b.last_day::text, 'low',
           jsonb_build_object('last_purchase', b.last_day, 'days_since', v_d - b.last_day,
             'median_gap_days', b.median_gap, 'purchases', b.purchases, 'factor', b.freq_f)
      from hits b
     where b.f_freq
    union all
    select b.customer_id, b.owner_id, 'expense_rising', 'rolling', 'low',
           jsonb_build_object('expenses_3m', b.exp_recent, 'previous_3m', b.exp_previous,
             'tolerance', b.exp_t, 'min_amount', b.exp_min)
      from hits b
     where b.f_exp
    union all
    select th.customer_id, th.owner_id, 'expense_over_budget', bu.period_start::text, 'medium',
           jsonb_build_object('period_start', bu.period_start, 'period_end', bu.period_end,
             'spent', bu.spent, 'budget', bu.budget,
             'ratio', round(bu.spent / nullif(bu.budget, 0), 4))
      from private.budget_use(v_d, p_customer_ids) bu
      join th on th.customer_id = bu.customer_id
     where bu.spent > bu.budget and not th.eliminated
    union all
    select th.customer_id, th.owner_id, 'major_incident', i.id::text, 'high',
           jsonb_build_object('incident_kind', i.kind, 'occurred_on', i.occurred_on,
             'description', left(i.description, 200))
      from public.incidents i
      join th on th.customer_id = i.customer_id
     where i.deleted_at is null and i.kind <> 'minor' and i.occurred_on <= v_d
       and not th.eliminated
       and i.occurred_on > v_d - th.incident_n
       and (v_all or i.customer_id = any(v_ids))
    union all
    -- complaints due before D began, neither answered nor closed by the end of D (20261209200000)
    select th.customer_id, th.owner_id, 'complaint_unanswered', 'complaints',
           case when bool_or(k.severity = 'high') then 'high'
                when bool_or(k.severity = 'medium') then 'medium' else 'low' end,
           jsonb_build_object('complaints', count(*),
             'days_overdue', v_d - min((k.due_at at time zone v_tz)::date),
             'oldest_due', min((k.due_at at time zone v_tz)::date))
      from public.cases k
      join th on th.customer_id = k.customer_id
     where k.kind = 'complaint' and k.deleted_at is null and not th.eliminated
       and k.due_at < v_day_start
       and (k.answered_at is null or k.answered_at >= v_day_end)
       and (k.closed_at is null or k.closed_at >= v_day_end)
       and (v_all or k.customer_id = any(v_ids))
     group by th.customer_id, th.owner_id
  )
  select coalesce(array_agg(row(c.customer_id, c.owner_id, c.kind, c.cause_key, c.severity,
                                c.figures)::private.warning_condition
                            order by c.customer_id, c.kind, c.cause_key), '{}')
    into v_cond
    from cond c;

  -- 2: update and clear, then raise ------------------------------------------------------------
  -- Updating and clearing first leaves the INSERT only causes without an unresolved warning (a
  -- cleared cause is not among the conditions, an updated one stays open), so the order does
  -- not change the result.
  return query
  with
  cond as (
    select * from unnest(v_cond)
  ),
  cur as (
    select w.id, w.customer_id, w.kind, w.cause_key, w.severity, w.figures
      from public.warnings w
     where w.status <> 'resolved' and (v_all or w.customer_id = any(v_ids))
  ),
  updated as (
    update public.warnings w
       set severity = c.severity, figures = c.figures
      from cur
      join cond c on c.customer_id = cur.customer_id and c.kind = cur.kind
                 and c.cause_key = cur.cause_key
     where w.id = cur.id and (cur.severity, cur.figures) is distinct from (c.severity, c.figures)
    returning w.id, w.customer_id, w.kind, w.cause_key, w.severity, w.status, w.figures,
              w.resolution
  ),
  cleared as (
    update public.warnings w
       set status = 'resolved', resolved_at = now(), cleared_at = now(),
           figures = w.figures || jsonb_build_object('cleared_as_of', v_d),
           resolution = case
             when exists (select from public.customers cu
                           where cu.id = w.customer_id
                             and (cu.deleted_at is not null
                                  or (cu.status = 'eliminated'
                                      and w.kind <> 'credit_over_limit')))
               then 'customer_inactive'
             when w.kind = 'behind_plan' and w.cause_key <> v_year then 'period_ended'
             when w.kind = 'expense_over_budget' and exists (
                    select from public.expense_budgets b
                     where b.customer_id = w.customer_id and b.deleted_at is null
                       and b.period_start::text = w.cause_key
                       and not (b.period_start <= v_d and b.period_end >= v_d)) then 'period_ended'
             when w.kind = 'major_incident' and exists (
                    select from public.incidents i
                     where i.customer_id = w.customer_id and i.id::text = w.cause_key
                       and i.deleted_at is null and i.kind <> 'minor') then 'period_ended'
             else 'condition_cleared' end
      from cur
     where w.id = cur.id
       and not exists (select from cond c
                        where c.customer_id = cur.customer_id and c.kind = cur.kind
                          and c.cause_key = cur.cause_key)
    returning w.id, w.customer_id, w.kind, w.cause_key, w.severity, w.status, w.figures,
              w.resolution
  ),
  unsuppressed as (
    update public.warnings w
       set cleared_at = now()
     where w.status = 'resolved' and w.cleared_at is null
       and (v_all or w.customer_id = any(v_ids))
       and not exists (select from cond c
                        where c.customer_id = w.customer_id and c.kind = w.kind
                          and c.cause_key = w.cause_key)
    returning w.id
  )
  select 'updated'::text, u.id, u.customer_id, u.kind, u.cause_key, u.severity, u.status,
         u.figures, u.resolution
    from updated u
  union all
  select 'cleared', x.id, x.customer_id, x.kind, x.cause_key, x.severity, x.status, x.figures,
         x.resolution
    from cleared x;

  -- Raise the conditions that have no unresolved warning and were not resolved by a person while
  -- they held (warnings_one_open_per_cause_idx and warnings_suppressed_idx answer both per
  -- cause, whatever the scope). The conditions hold one row per cause, and the advisory lock
  -- keeps other evaluations out, so no ON CONFLICT is needed; the unique index still guards it.
  -- The foreign-key checks of the new rows run nested in this statement: back to the default
  -- plan_cache_mode, so that each check reuses its cached plan instead of planning again
  -- (force_custom_plan had planned every check: most of a first run's time).
  perform set_config('plan_cache_mode', 'auto', true);
  return query
  with
  raised as (
    insert into public.warnings as w (customer_id, kind, cause_key, severity, owner_id, figures,
                                      raised_at, previous_id)
    select c.customer_id, c.kind, c.cause_key, c.severity, c.owner_id, c.figures,
           private.company_now(),
           (select r.id from public.warnings r
             where r.customer_id = c.customer_id and r.kind = c.kind
               and r.cause_key = c.cause_key and r.status = 'resolved' and r.cleared_at is null
             order by r.resolved_at desc, r.id desc limit 1)
      from unnest(v_cond) c
     where not exists (select from public.warnings o
                        where o.customer_id = c.customer_id and o.kind = c.kind
                          and o.cause_key = c.cause_key and o.status <> 'resolved')
       and not exists (select from public.warnings r
                        where r.customer_id = c.customer_id and r.kind = c.kind
                          and r.cause_key = c.cause_key and r.status = 'resolved'
                          and r.cleared_at is null
                          and v_d < (r.resolved_at at time zone v_tz)::date + v_snooze)
    returning w.id, w.customer_id, w.kind, w.cause_key, w.severity, w.status, w.figures,
              w.resolution
  )
  select 'raised'::text, r.id, r.customer_id, r.kind, r.cause_key, r.severity, r.status,
         r.figures, r.resolution
    from raised r;
end
$$;

--
-- Name: evaluation_grade(numeric); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.evaluation_grade(p_score numeric) RETURNS character
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select case when p_score is null then null
              when p_score >= coalesce((cut ->> 'A')::numeric, 85) then 'A'
              when p_score >= coalesce((cut ->> 'B')::numeric, 70) then 'B'
              when p_score >= coalesce((cut ->> 'C')::numeric, 55) then 'C'
              else 'D' end
    from (select (select s.value from public.settings s
                   where s.key = 'evaluation.grade_cutoffs' and s.deleted_at is null) as cut) x
$$;

--
-- Name: evaluation_period_months(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.evaluation_period_months() RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce((select (s.value #>> '{}')::integer from public.settings s
                    where s.key = 'evaluation.period_months' and s.deleted_at is null), 3)
$$;

--
-- Name: evaluation_score(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.evaluation_score() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  w jsonb := (select s.value from public.settings s
               where s.key = 'evaluation.weights' and s.deleted_at is null);
  row_ jsonb := to_jsonb(new);
  total numeric := 0;
  weighted numeric := 0;
  i text;
begin
  foreach i in array private.scorecard_indicators() loop
    total := total + coalesce((w ->> i)::numeric, 0);
    weighted := weighted + coalesce((w ->> i)::numeric, 0) * (row_ ->> i)::numeric;
  end loop;
  if total <> 100 then
    raise exception 'the setting evaluation.weights must total exactly 100 %% (it totals % %%)', total
      using errcode = '22023', detail = format('评价权重（evaluation.weights）合计必须正好是100%%，现在合计%s%%', total);
  end if;
  new.score := round(weighted / (5 * total) * 100, 1);
  new.grade := private.evaluation_grade(new.score);
  return new;
end
$$;

--
-- Name: evaluation_sets_grade(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.evaluation_sets_grade() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  update public.customers c set grade = l.grade
    from (select distinct on (e.customer_id) e.customer_id, e.grade
            from public.evaluations e
           where e.customer_id in (select n.customer_id from changed n) and e.deleted_at is null
           order by e.customer_id, e.evaluated_on desc, e.created_at desc) l
   where c.id = l.customer_id and l.grade is not null and c.grade is distinct from l.grade;
  return null;
end
$$;

--
-- Name: figure_date(date); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.figure_date(p_as_of date) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $$
begin
  if p_as_of is null then
    raise exception 'p_as_of is required' using errcode = '22023', detail = '缺少日期';
  end if;
end
$$;

--
-- Name: fmt_money(jsonb); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.fmt_money(x jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select to_char((x #>> '{}')::numeric, 'FM999,999,999,999,990.00')
$$;

--
-- Name: fmt_pct(jsonb); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.fmt_pct(x jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select to_char((x #>> '{}')::numeric * 100, 'FM999,999,990.0') || '%'
$$;

--
-- Name: guard_case(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_case() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if new.status is distinct from old.status then
    if not private.case_step_allowed(old.status, new.status) then
      raise exception 'a case cannot move from % to %', old.status, new.status
        using errcode = '22023', detail = format('售后单不能从“%s”变为“%s”', old.status, new.status);
    end if;
    if new.status = 'closed' then
      new.closed_at := coalesce(new.closed_at, now());
      if new.kind = 'delivery_discrepancy' and length(btrim(coalesce(new.resolution, ''))) = 0 then
        raise exception 'closing a delivery discrepancy needs a note saying what was done'
          using errcode = '22023', detail = '关闭到货差异单须写明处理结果';
      end if;
      if new.kind = 'complaint' and length(btrim(coalesce(new.answer, ''))) = 0 then
        raise exception 'a complaint cannot be closed without an answer to the customer'
          using errcode = '22023', detail = '投诉未答复客户，不能关闭';
      end if;
    end if;
  elsif old.status = 'closed'
        and (to_jsonb(new) - array['txid', 'version', 'updated_at', 'last_at'])
        is distinct from (to_jsonb(old) - array['txid', 'version', 'updated_at', 'last_at']) then
    raise exception 'a closed case does not change' using errcode = '55000',
      detail = '售后单已关闭，不能修改';
  end if;
  return new;
end
$$;

--
-- Name: guard_case_event(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_case_event() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  -- a customer's move re-stamps its rows for sync (txid, version): that is no change
  if tg_op = 'UPDATE' and (to_jsonb(new) - array['txid', 'version'])
                          = (to_jsonb(old) - array['txid', 'version']) then
    return new;
  end if;
  raise exception 'the history of a case is append-only' using errcode = '55000',
    detail = '售后处理记录只能追加，不能修改或删除';
end
$$;

--
-- Name: guard_case_request_row(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_case_request_row() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if (to_jsonb(new) - array['txid', 'version', 'updated_at'])
     = (to_jsonb(old) - array['txid', 'version', 'updated_at']) then
    return new;
  end if;
  raise exception 'a request does not change once raised: add a note to its case instead'
    using errcode = '55000', detail = '售后申请提交后不能修改，请在售后单中补充说明';
end
$$;

--
-- Name: guard_conduct_flag_day(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_conduct_flag_day() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if (select auth.uid()) is not null
     and (tg_op = 'INSERT' or new.flagged_on is distinct from old.flagged_on) then
    perform private.check_conduct_flag_day(new.flagged_on);
  end if;
  return new;
end
$$;

--
-- Name: guard_contract(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_contract() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  fixed text[] := array['custodian_id', 'updated_at', 'status', 'signed_on', 'signed_place',
                        'effective_on'];
begin
  if current_user <> 'authenticated' then
    return coalesce(new, old);
  end if;
  if tg_op = 'DELETE' then
    if old.status <> 'draft' then
      perform private.deny('only a draft contract can be deleted', '只有草稿合同可以删除');
    end if;
    return old;
  end if;
  if tg_op = 'INSERT' then
    if new.status <> 'draft' then
      perform private.deny('a new contract is a draft', '新合同只能是草稿');
    end if;
    return new;
  end if;
  if (new.id, new.contract_no, new.customer_id, new.version, new.previous_id)
      is distinct from (old.id, old.contract_no, old.customer_id, old.version, old.previous_id) then
    perform private.deny('a contract''s number, customer and version are fixed',
                         '合同编号、客户和版本不能修改');
  end if;
  if old.status <> 'draft'
     and (to_jsonb(new) - fixed) is distinct from (to_jsonb(old) - fixed) then
    perform private.deny(
      format('a %s contract cannot be edited; amend it with a new version', old.status),
      '合同已进入审核或签署流程，不能修改；如需变更请新建补充版本');
  end if;
  if new.status = old.status then
    if old.status <> 'draft'
       and (new.signed_on, new.signed_place, new.effective_on)
           is distinct from (old.signed_on, old.signed_place, old.effective_on) then
      perform private.deny('signing fields change only with a workflow step',
                           '签约信息只能随流程步骤修改');
    end if;
    return new;
  end if;
  if not private.contract_step_allowed(old.status, new.status) then
    raise exception 'a contract cannot go from % to %', old.status, new.status
      using errcode = '55000', detail = '合同状态不能这样变更';
  end if;
  if new.status = 'signed' and (select private.my_role()) is distinct from 'manager' then
    perform private.deny('only a manager signs a contract', '只有销售经理可以签署合同');
  end if;
  if new.status = 'signed' and (new.signed_on is null or length(btrim(coalesce(new.signed_place, ''))) = 0) then
    raise exception 'signing needs a date and a place' using errcode = '22023',
      detail = '签署合同须填写签约日期和地点';
  end if;
  if new.status = 'effective' and new.effective_on is null then
    raise exception 'an effective contract needs an effective date' using errcode = '22023',
      detail = '生效合同须填写生效日期';
  end if;
  if (new.signed_on, new.signed_place) is distinct from (old.signed_on, old.signed_place)
     and new.status <> 'signed' then
    perform private.deny('signing fields change only when signing', '签约信息只能在签署时填写');
  end if;
  return new;
end
$$;

--
-- Name: guard_contract_line(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_contract_line() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  st text;
begin
  if current_user <> 'authenticated' then
    return coalesce(new, old);
  end if;
  select c.status into st from public.contracts c
   where c.id in (coalesce(new.contract_id, old.contract_id), old.contract_id)
     and c.status <> 'draft'
   limit 1;
  if st is not null then
    perform private.deny(format('the goods of a %s contract cannot change; amend it', st),
                         '合同已进入审核或签署流程，标的不能修改；如需变更请新建补充版本');
  end if;
  return coalesce(new, old);
end
$$;

--
-- Name: guard_contract_termination(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_contract_termination() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user in ('authenticated', 'anon') and new.status = 'terminated'
     and old.status <> 'terminated'
     and length(btrim(coalesce(current_setting('fieldsales.contract_note', true), ''))) = 0 then
    raise exception 'terminating a contract needs a note: use terminate_contract'
      using errcode = '22023', detail = '终止合同须填写原因（请使用“终止合同”操作）';
  end if;
  return new;
end
$$;

--
-- Name: guard_customer(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_customer() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  role text := (select private.my_role());
begin
  if current_user <> 'authenticated' or role = 'manager' then
    return new;
  end if;
  if tg_op = 'INSERT' then
    if new.credit_limit <> 0 then
      perform private.deny('only a manager sets a credit limit', '只有销售经理可以设定信用额度');
    end if;
    if role = 'rep' and new.tier = 1 then
      perform private.deny('reps create tier 2 and 3 outlets only', '业务员只能新建二批和终端网点');
    end if;
    new.created_by := (select auth.uid());
    return new;
  end if;
  if new.credit_limit is distinct from old.credit_limit then
    perform private.deny('only a manager changes a credit limit', '只有销售经理可以修改信用额度');
  end if;
  if role = 'rep' and (new.owner_id, new.area_id, new.tier, new.payment_terms_days)
      is distinct from (old.owner_id, old.area_id, old.tier, old.payment_terms_days) then
    perform private.deny(
      'a rep cannot change a customer''s owner, area, tier or payment terms',
      '业务员不能修改客户的负责人、区域、层级或账期');
  end if;
  return new;
end
$$;

--
-- Name: guard_decision_status(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_decision_status() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    if new.status = 'done' and new.done_at is null then
      new.done_at := private.company_now();
    end if;
    return new;
  end if;
  if old.status = 'done' then
    raise exception 'the decision is already done' using errcode = '55000',
      detail = '该决议已完成，不能再修改';
  end if;
  if new.status is distinct from 'done' then
    raise exception 'a decision can only be marked done' using errcode = '22023',
      detail = '决议只能标记为已完成（status = done）';
  end if;
  new.done_at := private.company_now();
  new.done_by := (select auth.uid());
  new.done_note := nullif(btrim(coalesce(new.done_note, '')), '');
  return new;
end
$$;

--
-- Name: guard_delivery_confirmation(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_delivery_confirmation() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon')
     or (select private.my_role()) is distinct from 'dealer' then
    return new;
  end if;
  if new.received_quantity is null or new.damaged_quantity is null then
    raise exception 'a confirmation needs the received and damaged quantities'
      using errcode = '22023', detail = '确认收货须填写收货数量和破损数量';
  end if;
  if new.received_quantity < 0 or new.damaged_quantity < 0 then
    raise exception 'quantities cannot be negative' using errcode = '22023', detail = '数量不能为负数';
  end if;
  if new.damaged_quantity > new.received_quantity then
    raise exception 'damaged quantity exceeds received quantity' using errcode = '22023',
      detail = '破损数量不能大于收货数量';
  end if;
  if (new.received_quantity <> new.quantity or new.damaged_quantity > 0)
     and length(btrim(coalesce(new.discrepancy_note, ''))) = 0 then
    raise exception 'a discrepancy or damage needs a note' using errcode = '22023',
      detail = '数量不符或有破损时必须填写说明';
  end if;
  return new;
end
$$;

--
-- Name: guard_delivery_confirmation_row(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_delivery_confirmation_row() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if (to_jsonb(new) - array['txid', 'version', 'updated_at'])
     = (to_jsonb(old) - array['txid', 'version', 'updated_at']) then
    return new;
  end if;
  raise exception 'delivery % was already confirmed', old.doc_no using errcode = '55000',
    detail = '该到货单已确认收货，不能重复确认';
end
$$;

--
-- Name: guard_eliminated_status(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_eliminated_status() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if (tg_op = 'INSERT' and new.status = 'eliminated')
     or (tg_op = 'UPDATE' and new.status is distinct from old.status
         and 'eliminated' in (new.status, old.status)) then
    perform private.deny(
      'a customer is eliminated only by a confirmed elimination request (decide_elimination)',
      '客户只能通过经理确认淘汰申请来淘汰，不能直接修改状态');
  end if;
  return new;
end;
$$;

--
-- Name: guard_order(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_order() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;  -- the functions below (security definer) and the service side
  end if;
  if tg_op = 'INSERT' then
    if new.status <> 'draft' then
      perform private.deny('a new order is a draft: it is submitted when its visit is checked out',
                           '新订单只能是草稿，签退时自动提交给经销商');
    end if;
    if new.supplier_id is not null then
      perform private.deny('the supplying dealer of an order is set by the server',
                           '订单的供货经销商由系统确定，不能指定');
    end if;
    if num_nonnulls(new.submitted_at, new.decided_at, new.decided_by, new.status_reason,
                    new.shipped_on, new.shipped_at, new.shipped_by, new.received_at,
                    new.received_by, new.cancelled_at, new.cancelled_by, new.ship_to_name,
                    new.ship_to_address, new.ship_to_contact, new.ship_to_phone) > 0 then
      perform private.deny('an order''s steps are recorded by the server',
                           '订单的处理记录由系统填写');
    end if;
    return new;
  end if;
  if new.supplier_id is distinct from old.supplier_id then
    perform private.deny('the supplying dealer of an order is set by the server',
                         '订单的供货经销商由系统确定，不能指定');
  end if;
  if new.status is distinct from old.status then
    perform private.deny(format('an order''s status changes only through its functions'
                                ' (accept_order, reject_order, ship_order, receive_order,'
                                ' cancel_order), not from %s to %s', old.status, new.status),
                         '订单状态只能通过接单、拒单、发货、收货、取消操作变更');
  end if;
  if (new.submitted_at, new.decided_at, new.decided_by, new.status_reason, new.shipped_on,
      new.shipped_at, new.shipped_by, new.received_at, new.received_by, new.cancelled_at,
      new.cancelled_by, new.ship_to_name, new.ship_to_address, new.ship_to_contact,
      new.ship_to_phone)
     is distinct from
     (old.submitted_at, old.decided_at, old.decided_by, old.status_reason, old.shipped_on,
      old.shipped_at, old.shipped_by, old.received_at, old.received_by, old.cancelled_at,
      old.cancelled_by, old.ship_to_name, old.ship_to_address, old.ship_to_contact,
      old.ship_to_phone) then
    perform private.deny('an order''s steps are recorded by the server',
                         '订单的处理记录由系统填写');
  end if;
  return new;
end
$$;

--
-- Name: guard_order_line(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_order_line() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user in ('authenticated', 'anon')
     and new.accepted_quantity is distinct from (case when tg_op = 'UPDATE' then old.accepted_quantity end) then
    perform private.deny('the accepted quantity is set by accept_order',
                         '接单数量只能由经销商接单时填写');
  end if;
  return new;
end
$$;

--
-- Name: guard_plan_rejection(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_plan_rejection() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user in ('authenticated', 'anon') and new.status = 'rejected'
     and old.status <> 'rejected'
     and length(btrim(coalesce(new.decision_comment, ''))) = 0 then
    raise exception 'rejecting a plan needs a comment' using errcode = '22023',
      detail = '退回计划须填写意见';
  end if;
  return new;
end
$$;

--
-- Name: guard_plan_stop(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_plan_stop() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  plan_status text;
begin
  if current_user <> 'authenticated' then
    return coalesce(new, old);
  end if;
  select p.status into plan_status from public.visit_plans p
  where p.id = coalesce(new.plan_id, old.plan_id);
  if plan_status not in ('draft', 'withdrawn', 'rejected') then
    raise exception 'the stops of a % plan cannot change', plan_status
      using errcode = '55000', detail = '已提交或已审批的计划不能修改拜访点';
  end if;
  return coalesce(new, old);
end
$$;

--
-- Name: guard_plan_submission(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_plan_submission() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') or new.status <> 'submitted'
     or (tg_op = 'UPDATE' and old.status = 'submitted') then
    return new;
  end if;
  if not exists (select from public.visit_plan_stops s
                  where s.plan_id = new.id and s.deleted_at is null) then
    raise exception 'a plan without stops cannot be submitted' using errcode = '22023',
      detail = '计划中没有拜访点，不能提交';
  end if;
  if exists (select from public.visit_plan_stops s
              where s.plan_id = new.id and s.deleted_at is null
                and s.visit_date not between new.week_start and new.week_start + 6) then
    raise exception 'stops fall outside the plan''s week of %', new.week_start
      using errcode = '22023', detail = '有拜访点不在计划所在的周内';
  end if;
  return new;
end
$$;

--
-- Name: guard_return_case(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_return_case() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user in ('authenticated', 'anon')
     and new.case_id is distinct from (case when tg_op = 'UPDATE' then old.case_id end) then
    perform private.deny('the case of a return is set by the server', '退货记录关联的售后单由系统填写');
  end if;
  return new;
end
$$;

--
-- Name: guard_shipment(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_shipment() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user <> 'authenticated' or (select private.my_role()) <> 'dealer' then
    return new;
  end if;
  if (to_jsonb(new) - array['confirmed_at', 'confirmed_by', 'received_quantity',
        'damaged_quantity', 'discrepancy_note', 'updated_at'])
     is distinct from
     (to_jsonb(old) - array['confirmed_at', 'confirmed_by', 'received_quantity',
        'damaged_quantity', 'discrepancy_note', 'updated_at']) then
    perform private.deny('a dealer can only fill in the delivery confirmation',
                         '经销商只能填写到货确认信息');
  end if;
  if old.confirmed_at is not null then
    raise exception 'this delivery was already confirmed' using errcode = '55000',
      detail = '该批货物已确认收货';
  end if;
  new.confirmed_by := (select auth.uid());
  new.confirmed_at := now();
  return new;
end
$$;

--
-- Name: guard_visit_plan(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_visit_plan() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  who uuid := (select auth.uid());
  approver boolean;
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  approver := (select private.is_manager())
    or new.rep_id in (select private.managed_rep_ids());
  if tg_op = 'INSERT' then
    if new.status not in ('draft', 'submitted') or new.decided_by is not null then
      perform private.deny('a new plan is a draft or submitted', '新计划只能是草稿或已提交');
    end if;
    if new.status = 'submitted' then
      new.submitted_at := now();
    end if;
    return new;
  end if;
  if new.rep_id is distinct from old.rep_id or new.week_start is distinct from old.week_start then
    perform private.deny('a plan''s rep and week are fixed', '计划的业务员和周次不能修改');
  end if;
  if new.status = old.status then
    if (new.decided_by, new.decided_at, new.decision_comment)
        is distinct from (old.decided_by, old.decided_at, old.decision_comment) then
      perform private.deny('only a decision changes decision fields', '审批信息只能由审批操作修改');
    end if;
    return new;
  end if;
  if new.status in ('approved', 'rejected') then
    if not approver or who = old.rep_id then
      perform private.deny('only the area manager or a manager decides a plan',
                           '只有区域经理或销售经理可以审批计划');
    end if;
    if old.status <> 'submitted' then
      raise exception 'only a submitted plan can be decided (it is %)', old.status
        using errcode = '55000', detail = '只有已提交的计划可以审批';
    end if;
    new.decided_by := who;
    new.decided_at := now();
    return new;
  end if;
  if who <> old.rep_id then
    perform private.deny('only the rep submits or withdraws a plan', '只有业务员本人可以提交或撤回计划');
  end if;
  if not ((old.status in ('draft', 'withdrawn', 'rejected') and new.status = 'submitted')
       or (old.status = 'submitted' and new.status = 'withdrawn')
       or (old.status in ('withdrawn', 'rejected') and new.status = 'draft')) then
    raise exception 'a plan cannot go from % to %', old.status, new.status
      using errcode = '55000', detail = '计划状态不能这样变更';
  end if;
  if new.status = 'submitted' then
    new.submitted_at := now();
  end if;
  new.decided_by := old.decided_by;
  new.decided_at := old.decided_at;
  new.decision_comment := old.decision_comment;
  return new;
end
$$;

--
-- Name: guard_warning(); Type: FUNCTION; Schema: private; Owner: -
--

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

--
-- Name: guard_warning_event(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_warning_event() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  raise exception 'the history of a warning is append-only' using errcode = '55000',
    detail = '预警处理记录只能追加，不能修改或删除';
end
$$;

--
-- Name: guard_warning_step(); Type: FUNCTION; Schema: private; Owner: -
--

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

--
-- Name: guard_write_areas(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_areas() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a areas row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.areas', to_jsonb(old)) then
      perform private.deny('you cannot delete this areas row', '无权删除该记录');
    end if;
  end if;
  -- areas_parent_id_fkey
  if not (new.parent_id is null)
     and (tg_op = 'INSERT' or (new.parent_id) is distinct from (old.parent_id)) then
    if not exists (select from public.areas t where (t.id) = (new.parent_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- areas_code_key
  if not (new.code is null)
     and (tg_op = 'INSERT' or (new.code) is distinct from (old.code))
     and private.key_taken_areas(0, new) and not exists (select from public.areas t where (t.code) = (new.code)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- areas_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_areas(1, new) and not exists (select from public.areas t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_case_events(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_case_events() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a case_events row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.case_events', to_jsonb(old)) then
      perform private.deny('you cannot delete this case_events row', '无权删除该记录');
    end if;
  end if;
  -- case_events_actor_id_fkey
  if not (new.actor_id is null)
     and (tg_op = 'INSERT' or (new.actor_id) is distinct from (old.actor_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.actor_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.actor_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.actor_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('case_events.actor_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- case_events_case_id_fkey
  if not (new.case_id is null)
     and (tg_op = 'INSERT' or (new.case_id) is distinct from (old.case_id)) then
    if not exists (select from public.cases t where (t.id) = (new.case_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- case_events_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- case_events_owner_id_fkey
  if not (new.owner_id is null)
     and (tg_op = 'INSERT' or (new.owner_id) is distinct from (old.owner_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.owner_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.owner_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.owner_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('case_events.owner_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- case_events_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_case_events(0, new) and not exists (select from public.case_events t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_case_lines(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_case_lines() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a case_lines row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.case_lines', to_jsonb(old)) then
      perform private.deny('you cannot delete this case_lines row', '无权删除该记录');
    end if;
  end if;
  -- case_lines_case_id_fkey
  if not (new.case_id is null)
     and (tg_op = 'INSERT' or (new.case_id) is distinct from (old.case_id)) then
    if not exists (select from public.cases t where (t.id) = (new.case_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- case_lines_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- case_lines_product_id_fkey
  if not (new.product_id is null)
     and (tg_op = 'INSERT' or (new.product_id) is distinct from (old.product_id)) then
    if not exists (select from public.products t where (t.id) = (new.product_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- case_lines_shipment_id_fkey
  if not (new.shipment_id is null)
     and (tg_op = 'INSERT' or (new.shipment_id) is distinct from (old.shipment_id)) then
    if not exists (select from public.shipments t where (t.id) = (new.shipment_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- case_lines_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_case_lines(0, new) and not exists (select from public.case_lines t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_case_requests(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_case_requests() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a case_requests row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.case_requests', to_jsonb(old)) then
      perform private.deny('you cannot delete this case_requests row', '无权删除该记录');
    end if;
  end if;
  -- case_requests_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- case_requests_requested_by_fkey
  if not (new.requested_by is null)
     and (tg_op = 'INSERT' or (new.requested_by) is distinct from (old.requested_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.requested_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.requested_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.requested_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('case_requests.requested_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- case_requests_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_case_requests(0, new) and not exists (select from public.case_requests t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_cases(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_cases() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a cases row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.cases', to_jsonb(old)) then
      perform private.deny('you cannot delete this cases row', '无权删除该记录');
    end if;
  end if;
  -- cases_complaint_id_fkey
  if not (new.complaint_id is null)
     and (tg_op = 'INSERT' or (new.complaint_id) is distinct from (old.complaint_id)) then
    if not exists (select from public.complaints t where (t.id) = (new.complaint_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- cases_confirmation_id_fkey
  if not (new.confirmation_id is null)
     and (tg_op = 'INSERT' or (new.confirmation_id) is distinct from (old.confirmation_id)) then
    if not exists (select from public.delivery_confirmations t where (t.id) = (new.confirmation_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- cases_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- cases_decided_by_fkey
  if not (new.decided_by is null)
     and (tg_op = 'INSERT' or (new.decided_by) is distinct from (old.decided_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.decided_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.decided_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.decided_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('cases.decided_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- cases_incident_id_fkey
  if not (new.incident_id is null)
     and (tg_op = 'INSERT' or (new.incident_id) is distinct from (old.incident_id)) then
    if not exists (select from public.incidents t where (t.id) = (new.incident_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- cases_opened_by_fkey
  if not (new.opened_by is null)
     and (tg_op = 'INSERT' or (new.opened_by) is distinct from (old.opened_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.opened_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.opened_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.opened_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('cases.opened_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- cases_owner_id_fkey
  if not (new.owner_id is null)
     and (tg_op = 'INSERT' or (new.owner_id) is distinct from (old.owner_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.owner_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.owner_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.owner_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('cases.owner_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- cases_complaint_id_key
  if not (new.complaint_id is null)
     and (tg_op = 'INSERT' or (new.complaint_id) is distinct from (old.complaint_id))
     and private.key_taken_cases(0, new) and not exists (select from public.cases t where (t.complaint_id) = (new.complaint_id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- cases_confirmation_id_key
  if not (new.confirmation_id is null)
     and (tg_op = 'INSERT' or (new.confirmation_id) is distinct from (old.confirmation_id))
     and private.key_taken_cases(1, new) and not exists (select from public.cases t where (t.confirmation_id) = (new.confirmation_id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- cases_incident_id_key
  if not (new.incident_id is null)
     and (tg_op = 'INSERT' or (new.incident_id) is distinct from (old.incident_id))
     and private.key_taken_cases(2, new) and not exists (select from public.cases t where (t.incident_id) = (new.incident_id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- cases_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_cases(3, new) and not exists (select from public.cases t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_complaints(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_complaints() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a complaints row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.complaints', to_jsonb(old)) then
      perform private.deny('you cannot delete this complaints row', '无权删除该记录');
    end if;
  end if;
  -- complaints_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- complaints_decided_by_fkey
  if not (new.decided_by is null)
     and (tg_op = 'INSERT' or (new.decided_by) is distinct from (old.decided_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.decided_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.decided_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.decided_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('complaints.decided_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- complaints_raised_by_fkey
  if not (new.raised_by is null)
     and (tg_op = 'INSERT' or (new.raised_by) is distinct from (old.raised_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.raised_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.raised_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.raised_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('complaints.raised_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- complaints_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_complaints(0, new) and not exists (select from public.complaints t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_contract_events(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_contract_events() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a contract_events row never changes', '记录编号不能修改');
    end if;
  end if;
  -- contract_events_actor_id_fkey
  if not (new.actor_id is null)
     and (tg_op = 'INSERT' or (new.actor_id) is distinct from (old.actor_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.actor_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.actor_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.actor_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('contract_events.actor_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- contract_events_contract_id_fkey
  if not (new.contract_id is null)
     and (tg_op = 'INSERT' or (new.contract_id) is distinct from (old.contract_id)) then
    if not exists (select from public.contracts t where (t.id) = (new.contract_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- contract_events_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_contract_events(0, new) and not exists (select from public.contract_events t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_contract_lines(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_contract_lines() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a contract_lines row never changes', '记录编号不能修改');
    end if;
  end if;
  -- contract_lines_contract_id_fkey
  if not (new.contract_id is null)
     and (tg_op = 'INSERT' or (new.contract_id) is distinct from (old.contract_id)) then
    if not exists (select from public.contracts t where (t.id) = (new.contract_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- contract_lines_product_id_fkey
  if not (new.product_id is null)
     and (tg_op = 'INSERT' or (new.product_id) is distinct from (old.product_id)) then
    if not exists (select from public.products t where (t.id) = (new.product_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- contract_lines_contract_id_line_no_key
  if not (new.contract_id is null or new.line_no is null)
     and (tg_op = 'INSERT' or (new.contract_id, new.line_no) is distinct from (old.contract_id, old.line_no))
     and private.key_taken_contract_lines(0, new) and not exists (select from public.contract_lines t where (t.contract_id, t.line_no) = (new.contract_id, new.line_no)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- contract_lines_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_contract_lines(1, new) and not exists (select from public.contract_lines t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_contracts(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_contracts() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a contracts row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.contracts', to_jsonb(old)) then
      perform private.deny('you cannot delete this contracts row', '无权删除该记录');
    end if;
  end if;
  -- contracts_custodian_id_fkey
  if not (new.custodian_id is null)
     and (tg_op = 'INSERT' or (new.custodian_id) is distinct from (old.custodian_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.custodian_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.custodian_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.custodian_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('contracts.custodian_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- contracts_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- contracts_previous_id_fkey
  if not (new.previous_id is null)
     and (tg_op = 'INSERT' or (new.previous_id) is distinct from (old.previous_id)) then
    if not exists (select from public.contracts t where (t.id) = (new.previous_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- contracts_contract_no_key
  if not (new.contract_no is null)
     and (tg_op = 'INSERT' or (new.contract_no) is distinct from (old.contract_no))
     and private.key_taken_contracts(0, new) and not exists (select from public.contracts t where (t.contract_no) = (new.contract_no)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- contracts_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_contracts(1, new) and not exists (select from public.contracts t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_customer_classifications(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_customer_classifications() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a customer_classifications row never changes', '记录编号不能修改');
    end if;
  end if;
  -- customer_classifications_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- customer_classifications_customer_id_as_of_key
  if not (new.customer_id is null or new.as_of is null)
     and (tg_op = 'INSERT' or (new.customer_id, new.as_of) is distinct from (old.customer_id, old.as_of))
     and private.key_taken_customer_classifications(0, new) and not exists (select from public.customer_classifications t where (t.customer_id, t.as_of) = (new.customer_id, new.as_of)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- customer_classifications_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_customer_classifications(1, new) and not exists (select from public.customer_classifications t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_customer_conduct_flags(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_customer_conduct_flags() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a customer_conduct_flags row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.customer_conduct_flags', to_jsonb(old)) then
      perform private.deny('you cannot delete this customer_conduct_flags row', '无权删除该记录');
    end if;
  end if;
  -- customer_conduct_flags_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- customer_conduct_flags_reported_by_fkey
  if not (new.reported_by is null)
     and (tg_op = 'INSERT' or (new.reported_by) is distinct from (old.reported_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.reported_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.reported_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.reported_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('customer_conduct_flags.reported_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- customer_conduct_flags_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_customer_conduct_flags(0, new) and not exists (select from public.customer_conduct_flags t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_customer_contacts(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_customer_contacts() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a customer_contacts row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.customer_contacts', to_jsonb(old)) then
      perform private.deny('you cannot delete this customer_contacts row', '无权删除该记录');
    end if;
  end if;
  -- customer_contacts_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- customer_contacts_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_customer_contacts(0, new) and not exists (select from public.customer_contacts t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_customer_eliminations(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_customer_eliminations() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a customer_eliminations row never changes', '记录编号不能修改');
    end if;
  end if;
  -- customer_eliminations_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- customer_eliminations_decided_by_fkey
  if not (new.decided_by is null)
     and (tg_op = 'INSERT' or (new.decided_by) is distinct from (old.decided_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.decided_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.decided_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.decided_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('customer_eliminations.decided_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- customer_eliminations_requested_by_fkey
  if not (new.requested_by is null)
     and (tg_op = 'INSERT' or (new.requested_by) is distinct from (old.requested_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.requested_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.requested_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.requested_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('customer_eliminations.requested_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- customer_eliminations_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_customer_eliminations(0, new) and not exists (select from public.customer_eliminations t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_customer_feedback(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_customer_feedback() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a customer_feedback row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.customer_feedback', to_jsonb(old)) then
      perform private.deny('you cannot delete this customer_feedback row', '无权删除该记录');
    end if;
  end if;
  -- customer_feedback_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- customer_feedback_meeting_id_fkey
  if not (new.meeting_id is null)
     and (tg_op = 'INSERT' or (new.meeting_id) is distinct from (old.meeting_id)) then
    if not exists (select from public.meetings t where (t.id) = (new.meeting_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- customer_feedback_recorded_by_fkey
  if not (new.recorded_by is null)
     and (tg_op = 'INSERT' or (new.recorded_by) is distinct from (old.recorded_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.recorded_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.recorded_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.recorded_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('customer_feedback.recorded_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- customer_feedback_visit_id_fkey
  if not (new.visit_id is null)
     and (tg_op = 'INSERT' or (new.visit_id) is distinct from (old.visit_id)) then
    if not exists (select from public.visits t where (t.id) = (new.visit_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- customer_feedback_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_customer_feedback(0, new) and not exists (select from public.customer_feedback t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_customer_notes(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_customer_notes() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a customer_notes row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.customer_notes', to_jsonb(old)) then
      perform private.deny('you cannot delete this customer_notes row', '无权删除该记录');
    end if;
  end if;
  -- customer_notes_author_id_fkey
  if not (new.author_id is null)
     and (tg_op = 'INSERT' or (new.author_id) is distinct from (old.author_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.author_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.author_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.author_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('customer_notes.author_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- customer_notes_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- customer_notes_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_customer_notes(0, new) and not exists (select from public.customer_notes t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_customers(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_customers() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a customers row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.customers', to_jsonb(old)) then
      perform private.deny('you cannot delete this customers row', '无权删除该记录');
    end if;
  end if;
  -- customers_area_id_fkey
  if not (new.area_id is null)
     and (tg_op = 'INSERT' or (new.area_id) is distinct from (old.area_id)) then
    if not exists (select from public.areas t where (t.id) = (new.area_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- customers_created_by_fkey
  if not (new.created_by is null)
     and (tg_op = 'INSERT' or (new.created_by) is distinct from (old.created_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.created_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.created_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.created_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('customers.created_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- customers_owner_id_fkey
  if not (new.owner_id is null)
     and (tg_op = 'INSERT' or (new.owner_id) is distinct from (old.owner_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.owner_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.owner_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.owner_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('customers.owner_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- customers_parent_id_fkey
  if not (new.parent_id is null)
     and (tg_op = 'INSERT' or (new.parent_id) is distinct from (old.parent_id)) then
    if not exists (select from public.customers t where (t.id) = (new.parent_id))
       and new.parent_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- customers_code_key
  if not (new.code is null)
     and (tg_op = 'INSERT' or (new.code) is distinct from (old.code))
     and private.key_taken_customers(0, new) and not exists (select from public.customers t where (t.code) = (new.code)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- customers_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_customers(1, new) and not exists (select from public.customers t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_delivery_confirmations(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_delivery_confirmations() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a delivery_confirmations row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.delivery_confirmations', to_jsonb(old)) then
      perform private.deny('you cannot delete this delivery_confirmations row', '无权删除该记录');
    end if;
  end if;
  -- delivery_confirmations_confirmed_by_fkey
  if not (new.confirmed_by is null)
     and (tg_op = 'INSERT' or (new.confirmed_by) is distinct from (old.confirmed_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.confirmed_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.confirmed_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.confirmed_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('delivery_confirmations.confirmed_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- delivery_confirmations_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- delivery_confirmations_doc_no_key
  if not (new.doc_no is null)
     and (tg_op = 'INSERT' or (new.doc_no) is distinct from (old.doc_no))
     and private.key_taken_delivery_confirmations(0, new) and not exists (select from public.delivery_confirmations t where (t.doc_no) = (new.doc_no)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- delivery_confirmations_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_delivery_confirmations(1, new) and not exists (select from public.delivery_confirmations t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_evaluations(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_evaluations() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a evaluations row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.evaluations', to_jsonb(old)) then
      perform private.deny('you cannot delete this evaluations row', '无权删除该记录');
    end if;
  end if;
  -- evaluations_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- evaluations_evaluator_id_fkey
  if not (new.evaluator_id is null)
     and (tg_op = 'INSERT' or (new.evaluator_id) is distinct from (old.evaluator_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.evaluator_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.evaluator_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.evaluator_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('evaluations.evaluator_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- evaluations_customer_id_evaluated_on_key
  if not (new.customer_id is null or new.evaluated_on is null)
     and (tg_op = 'INSERT' or (new.customer_id, new.evaluated_on) is distinct from (old.customer_id, old.evaluated_on))
     and private.key_taken_evaluations(0, new) and not exists (select from public.evaluations t where (t.customer_id, t.evaluated_on) = (new.customer_id, new.evaluated_on)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- evaluations_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_evaluations(1, new) and not exists (select from public.evaluations t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_expense_budgets(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_expense_budgets() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a expense_budgets row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.expense_budgets', to_jsonb(old)) then
      perform private.deny('you cannot delete this expense_budgets row', '无权删除该记录');
    end if;
  end if;
  -- expense_budgets_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- expense_budgets_customer_id_period_start_key
  if not (new.customer_id is null or new.period_start is null)
     and (tg_op = 'INSERT' or (new.customer_id, new.period_start) is distinct from (old.customer_id, old.period_start))
     and private.key_taken_expense_budgets(0, new) and not exists (select from public.expense_budgets t where (t.customer_id, t.period_start) = (new.customer_id, new.period_start)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- expense_budgets_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_expense_budgets(1, new) and not exists (select from public.expense_budgets t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_expenses(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_expenses() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a expenses row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.expenses', to_jsonb(old)) then
      perform private.deny('you cannot delete this expenses row', '无权删除该记录');
    end if;
  end if;
  -- expenses_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- expenses_support_activity_id_fkey
  if not (new.support_activity_id is null)
     and (tg_op = 'INSERT' or (new.support_activity_id) is distinct from (old.support_activity_id)) then
    if not exists (select from public.support_activities t where (t.id) = (new.support_activity_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- expenses_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_expenses(0, new) and not exists (select from public.expenses t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- expenses_reference_key
  if not (new.reference is null)
     and (tg_op = 'INSERT' or (new.reference) is distinct from (old.reference))
     and private.key_taken_expenses(1, new) and not exists (select from public.expenses t where (t.reference) = (new.reference)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_incidents(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_incidents() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a incidents row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.incidents', to_jsonb(old)) then
      perform private.deny('you cannot delete this incidents row', '无权删除该记录');
    end if;
  end if;
  -- incidents_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- incidents_reported_by_fkey
  if not (new.reported_by is null)
     and (tg_op = 'INSERT' or (new.reported_by) is distinct from (old.reported_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.reported_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.reported_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.reported_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('incidents.reported_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- incidents_visit_id_fkey
  if not (new.visit_id is null)
     and (tg_op = 'INSERT' or (new.visit_id) is distinct from (old.visit_id)) then
    if not exists (select from public.visits t where (t.id) = (new.visit_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- incidents_customer_id_occurred_on_kind_key
  if not (new.customer_id is null or new.occurred_on is null or new.kind is null)
     and (tg_op = 'INSERT' or (new.customer_id, new.occurred_on, new.kind) is distinct from (old.customer_id, old.occurred_on, old.kind))
     and private.key_taken_incidents(0, new) and not exists (select from public.incidents t where (t.customer_id, t.occurred_on, t.kind) = (new.customer_id, new.occurred_on, new.kind)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- incidents_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_incidents(1, new) and not exists (select from public.incidents t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_meeting_attendees(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_meeting_attendees() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a meeting_attendees row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.meeting_attendees', to_jsonb(old)) then
      perform private.deny('you cannot delete this meeting_attendees row', '无权删除该记录');
    end if;
  end if;
  -- meeting_attendees_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- meeting_attendees_meeting_id_fkey
  if not (new.meeting_id is null)
     and (tg_op = 'INSERT' or (new.meeting_id) is distinct from (old.meeting_id)) then
    if not exists (select from public.meetings t where (t.id) = (new.meeting_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- meeting_attendees_profile_id_fkey
  if not (new.profile_id is null)
     and (tg_op = 'INSERT' or (new.profile_id) is distinct from (old.profile_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.profile_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.profile_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.profile_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('meeting_attendees.profile_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- meeting_attendees_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_meeting_attendees(0, new) and not exists (select from public.meeting_attendees t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_meeting_decisions(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_meeting_decisions() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a meeting_decisions row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.meeting_decisions', to_jsonb(old)) then
      perform private.deny('you cannot delete this meeting_decisions row', '无权删除该记录');
    end if;
  end if;
  -- meeting_decisions_created_by_fkey
  if not (new.created_by is null)
     and (tg_op = 'INSERT' or (new.created_by) is distinct from (old.created_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.created_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.created_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.created_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('meeting_decisions.created_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- meeting_decisions_done_by_fkey
  if not (new.done_by is null)
     and (tg_op = 'INSERT' or (new.done_by) is distinct from (old.done_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.done_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.done_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.done_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('meeting_decisions.done_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- meeting_decisions_meeting_id_fkey
  if not (new.meeting_id is null)
     and (tg_op = 'INSERT' or (new.meeting_id) is distinct from (old.meeting_id)) then
    if not exists (select from public.meetings t where (t.id) = (new.meeting_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- meeting_decisions_owner_id_fkey
  if not (new.owner_id is null)
     and (tg_op = 'INSERT' or (new.owner_id) is distinct from (old.owner_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.owner_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.owner_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.owner_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('meeting_decisions.owner_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- meeting_decisions_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_meeting_decisions(0, new) and not exists (select from public.meeting_decisions t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_meetings(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_meetings() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a meetings row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.meetings', to_jsonb(old)) then
      perform private.deny('you cannot delete this meetings row', '无权删除该记录');
    end if;
  end if;
  -- meetings_area_id_fkey
  if not (new.area_id is null)
     and (tg_op = 'INSERT' or (new.area_id) is distinct from (old.area_id)) then
    if not exists (select from public.areas t where (t.id) = (new.area_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- meetings_created_by_fkey
  if not (new.created_by is null)
     and (tg_op = 'INSERT' or (new.created_by) is distinct from (old.created_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.created_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.created_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.created_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('meetings.created_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- meetings_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_meetings(0, new) and not exists (select from public.meetings t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_notify_channels(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_notify_channels() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a notify_channels row never changes', '记录编号不能修改');
    end if;
  end if;
  -- notify_channels_area_id_fkey
  if not (new.area_id is null)
     and (tg_op = 'INSERT' or (new.area_id) is distinct from (old.area_id)) then
    if not exists (select from public.areas t where (t.id) = (new.area_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- notify_channels_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_notify_channels(0, new) and not exists (select from public.notify_channels t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_order_lines(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_order_lines() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a order_lines row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.order_lines', to_jsonb(old)) then
      perform private.deny('you cannot delete this order_lines row', '无权删除该记录');
    end if;
  end if;
  -- order_lines_order_id_fkey
  if not (new.order_id is null)
     and (tg_op = 'INSERT' or (new.order_id) is distinct from (old.order_id)) then
    if not exists (select from public.orders t where (t.id) = (new.order_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- order_lines_product_id_fkey
  if not (new.product_id is null)
     and (tg_op = 'INSERT' or (new.product_id) is distinct from (old.product_id)) then
    if not exists (select from public.products t where (t.id) = (new.product_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- order_lines_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_order_lines(0, new) and not exists (select from public.order_lines t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_orders(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_orders() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a orders row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.orders', to_jsonb(old)) then
      perform private.deny('you cannot delete this orders row', '无权删除该记录');
    end if;
  end if;
  -- orders_cancelled_by_fkey
  if not (new.cancelled_by is null)
     and (tg_op = 'INSERT' or (new.cancelled_by) is distinct from (old.cancelled_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.cancelled_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.cancelled_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.cancelled_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('orders.cancelled_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- orders_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- orders_decided_by_fkey
  if not (new.decided_by is null)
     and (tg_op = 'INSERT' or (new.decided_by) is distinct from (old.decided_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.decided_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.decided_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.decided_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('orders.decided_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- orders_received_by_fkey
  if not (new.received_by is null)
     and (tg_op = 'INSERT' or (new.received_by) is distinct from (old.received_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.received_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.received_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.received_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('orders.received_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- orders_rep_id_fkey
  if not (new.rep_id is null)
     and (tg_op = 'INSERT' or (new.rep_id) is distinct from (old.rep_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.rep_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.rep_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.rep_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('orders.rep_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- orders_shipped_by_fkey
  if not (new.shipped_by is null)
     and (tg_op = 'INSERT' or (new.shipped_by) is distinct from (old.shipped_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.shipped_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.shipped_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.shipped_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('orders.shipped_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- orders_supplier_id_fkey
  if not (new.supplier_id is null)
     and (tg_op = 'INSERT' or (new.supplier_id) is distinct from (old.supplier_id)) then
    if not exists (select from public.customers t where (t.id) = (new.supplier_id))
       and new.supplier_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- orders_visit_id_fkey
  if not (new.visit_id is null)
     and (tg_op = 'INSERT' or (new.visit_id) is distinct from (old.visit_id)) then
    if not exists (select from public.visits t where (t.id) = (new.visit_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- orders_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_orders(0, new) and not exists (select from public.orders t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_payments(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_payments() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a payments row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.payments', to_jsonb(old)) then
      perform private.deny('you cannot delete this payments row', '无权删除该记录');
    end if;
  end if;
  -- payments_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- payments_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_payments(0, new) and not exists (select from public.payments t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- payments_reference_key
  if not (new.reference is null)
     and (tg_op = 'INSERT' or (new.reference) is distinct from (old.reference))
     and private.key_taken_payments(1, new) and not exists (select from public.payments t where (t.reference) = (new.reference)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_photo_files(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_photo_files() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.photo_id) is distinct from (old.photo_id) then
      perform private.deny('the key of a photo_files row never changes', '记录编号不能修改');
    end if;
  end if;
  -- photo_files_photo_id_fkey
  if not (new.photo_id is null)
     and (tg_op = 'INSERT' or (new.photo_id) is distinct from (old.photo_id)) then
    if not exists (select from public.photos t where (t.id) = (new.photo_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- photo_files_uploaded_by_fkey
  if not (new.uploaded_by is null)
     and (tg_op = 'INSERT' or (new.uploaded_by) is distinct from (old.uploaded_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.uploaded_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.uploaded_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.uploaded_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('photo_files.uploaded_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- photo_files_pkey
  if not (new.photo_id is null)
     and (tg_op = 'INSERT' or (new.photo_id) is distinct from (old.photo_id))
     and private.key_taken_photo_files(0, new) and not exists (select from public.photo_files t where (t.photo_id) = (new.photo_id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_photos(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_photos() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a photos row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.photos', to_jsonb(old)) then
      perform private.deny('you cannot delete this photos row', '无权删除该记录');
    end if;
  end if;
  -- photos_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- photos_taken_by_fkey
  if not (new.taken_by is null)
     and (tg_op = 'INSERT' or (new.taken_by) is distinct from (old.taken_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.taken_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.taken_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.taken_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('photos.taken_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- photos_visit_id_fkey
  if not (new.visit_id is null)
     and (tg_op = 'INSERT' or (new.visit_id) is distinct from (old.visit_id)) then
    if not exists (select from public.visits t where (t.id) = (new.visit_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- photos_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_photos(0, new) and not exists (select from public.photos t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_products(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_products() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a products row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.products', to_jsonb(old)) then
      perform private.deny('you cannot delete this products row', '无权删除该记录');
    end if;
  end if;
  -- products_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_products(0, new) and not exists (select from public.products t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- products_sku_key
  if not (new.sku is null)
     and (tg_op = 'INSERT' or (new.sku) is distinct from (old.sku))
     and private.key_taken_products(1, new) and not exists (select from public.products t where (t.sku) = (new.sku)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_profiles(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_profiles() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a profiles row never changes', '记录编号不能修改');
    end if;
  end if;
  -- profiles_area_id_fkey
  if not (new.area_id is null)
     and (tg_op = 'INSERT' or (new.area_id) is distinct from (old.area_id)) then
    if not exists (select from public.areas t where (t.id) = (new.area_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- profiles_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- profiles_email_key
  if not (new.email is null)
     and (tg_op = 'INSERT' or (new.email) is distinct from (old.email))
     and private.key_taken_profiles(0, new) and not exists (select from public.profiles t where (t.email) = (new.email)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- profiles_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_profiles(1, new) and not exists (select from public.profiles t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_returns(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_returns() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a returns row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.returns', to_jsonb(old)) then
      perform private.deny('you cannot delete this returns row', '无权删除该记录');
    end if;
  end if;
  -- returns_case_id_fkey
  if not (new.case_id is null)
     and (tg_op = 'INSERT' or (new.case_id) is distinct from (old.case_id)) then
    if not exists (select from public.cases t where (t.id) = (new.case_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- returns_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- returns_product_id_fkey
  if not (new.product_id is null)
     and (tg_op = 'INSERT' or (new.product_id) is distinct from (old.product_id)) then
    if not exists (select from public.products t where (t.id) = (new.product_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- returns_shipment_id_fkey
  if not (new.shipment_id is null)
     and (tg_op = 'INSERT' or (new.shipment_id) is distinct from (old.shipment_id)) then
    if not exists (select from public.shipments t where (t.id) = (new.shipment_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- returns_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_returns(0, new) and not exists (select from public.returns t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- returns_reference_key
  if not (new.reference is null)
     and (tg_op = 'INSERT' or (new.reference) is distinct from (old.reference))
     and private.key_taken_returns(1, new) and not exists (select from public.returns t where (t.reference) = (new.reference)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_sales_plans(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_sales_plans() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a sales_plans row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.sales_plans', to_jsonb(old)) then
      perform private.deny('you cannot delete this sales_plans row', '无权删除该记录');
    end if;
  end if;
  -- sales_plans_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- sales_plans_product_id_fkey
  if not (new.product_id is null)
     and (tg_op = 'INSERT' or (new.product_id) is distinct from (old.product_id)) then
    if not exists (select from public.products t where (t.id) = (new.product_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- sales_plans_customer_id_product_id_month_key
  if not (new.customer_id is null or new.product_id is null or new.month is null)
     and (tg_op = 'INSERT' or (new.customer_id, new.product_id, new.month) is distinct from (old.customer_id, old.product_id, old.month))
     and private.key_taken_sales_plans(0, new) and not exists (select from public.sales_plans t where (t.customer_id, t.product_id, t.month) = (new.customer_id, new.product_id, new.month)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- sales_plans_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_sales_plans(1, new) and not exists (select from public.sales_plans t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_setting_changes(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_setting_changes() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a setting_changes row never changes', '记录编号不能修改');
    end if;
  end if;
  -- setting_changes_changed_by_fkey
  if not (new.changed_by is null)
     and (tg_op = 'INSERT' or (new.changed_by) is distinct from (old.changed_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.changed_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.changed_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.changed_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('setting_changes.changed_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- setting_changes_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- setting_changes_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_setting_changes(0, new) and not exists (select from public.setting_changes t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_settings(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_settings() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.key) is distinct from (old.key) then
      perform private.deny('the key of a settings row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.settings', to_jsonb(old)) then
      perform private.deny('you cannot delete this settings row', '无权删除该记录');
    end if;
  end if;
  -- settings_pkey
  if not (new.key is null)
     and (tg_op = 'INSERT' or (new.key) is distinct from (old.key))
     and private.key_taken_settings(0, new) and not exists (select from public.settings t where (t.key) = (new.key)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_shipments(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_shipments() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a shipments row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.shipments', to_jsonb(old)) then
      perform private.deny('you cannot delete this shipments row', '无权删除该记录');
    end if;
  end if;
  -- shipments_confirmed_by_fkey
  if not (new.confirmed_by is null)
     and (tg_op = 'INSERT' or (new.confirmed_by) is distinct from (old.confirmed_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.confirmed_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.confirmed_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.confirmed_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('shipments.confirmed_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- shipments_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- shipments_product_id_fkey
  if not (new.product_id is null)
     and (tg_op = 'INSERT' or (new.product_id) is distinct from (old.product_id)) then
    if not exists (select from public.products t where (t.id) = (new.product_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- shipments_seller_id_fkey
  if not (new.seller_id is null)
     and (tg_op = 'INSERT' or (new.seller_id) is distinct from (old.seller_id)) then
    if not exists (select from public.customers t where (t.id) = (new.seller_id))
       and new.seller_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- shipments_doc_no_line_no_key
  if not (new.doc_no is null or new.line_no is null)
     and (tg_op = 'INSERT' or (new.doc_no, new.line_no) is distinct from (old.doc_no, old.line_no))
     and private.key_taken_shipments(0, new) and not exists (select from public.shipments t where (t.doc_no, t.line_no) = (new.doc_no, new.line_no)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- shipments_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_shipments(1, new) and not exists (select from public.shipments t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_stock_counts(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_stock_counts() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a stock_counts row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.stock_counts', to_jsonb(old)) then
      perform private.deny('you cannot delete this stock_counts row', '无权删除该记录');
    end if;
  end if;
  -- stock_counts_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- stock_counts_product_id_fkey
  if not (new.product_id is null)
     and (tg_op = 'INSERT' or (new.product_id) is distinct from (old.product_id)) then
    if not exists (select from public.products t where (t.id) = (new.product_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- stock_counts_visit_id_fkey
  if not (new.visit_id is null)
     and (tg_op = 'INSERT' or (new.visit_id) is distinct from (old.visit_id)) then
    if not exists (select from public.visits t where (t.id) = (new.visit_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- stock_counts_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_stock_counts(0, new) and not exists (select from public.stock_counts t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_support_activities(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_support_activities() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a support_activities row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.support_activities', to_jsonb(old)) then
      perform private.deny('you cannot delete this support_activities row', '无权删除该记录');
    end if;
  end if;
  -- support_activities_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- support_activities_owner_id_fkey
  if not (new.owner_id is null)
     and (tg_op = 'INSERT' or (new.owner_id) is distinct from (old.owner_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.owner_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.owner_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.owner_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('support_activities.owner_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- support_activities_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_support_activities(0, new) and not exists (select from public.support_activities t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_sync_clients(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_sync_clients() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.client_id) is distinct from (old.client_id) then
      perform private.deny('the key of a sync_clients row never changes', '记录编号不能修改');
    end if;
  end if;
  -- sync_clients_user_id_fkey
  if not (new.user_id is null)
     and (tg_op = 'INSERT' or (new.user_id) is distinct from (old.user_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.user_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.user_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.user_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('sync_clients.user_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- sync_clients_pkey
  if not (new.client_id is null)
     and (tg_op = 'INSERT' or (new.client_id) is distinct from (old.client_id))
     and private.key_taken_sync_clients(0, new) and not exists (select from public.sync_clients t where (t.client_id) = (new.client_id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_sync_meta(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_sync_meta() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.key) is distinct from (old.key) then
      perform private.deny('the key of a sync_meta row never changes', '记录编号不能修改');
    end if;
  end if;
  -- sync_meta_pkey
  if not (new.key is null)
     and (tg_op = 'INSERT' or (new.key) is distinct from (old.key))
     and private.key_taken_sync_meta(0, new) and not exists (select from public.sync_meta t where (t.key) = (new.key)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_sync_revocations(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_sync_revocations() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a sync_revocations row never changes', '记录编号不能修改');
    end if;
  end if;
  -- sync_revocations_user_id_fkey
  if not (new.user_id is null)
     and (tg_op = 'INSERT' or (new.user_id) is distinct from (old.user_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.user_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.user_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.user_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('sync_revocations.user_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- sync_revocations_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_sync_revocations(0, new) and not exists (select from public.sync_revocations t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_visit_plan_decisions(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_visit_plan_decisions() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a visit_plan_decisions row never changes', '记录编号不能修改');
    end if;
  end if;
  -- visit_plan_decisions_decided_by_fkey
  if not (new.decided_by is null)
     and (tg_op = 'INSERT' or (new.decided_by) is distinct from (old.decided_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.decided_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.decided_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.decided_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('visit_plan_decisions.decided_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- visit_plan_decisions_plan_id_fkey
  if not (new.plan_id is null)
     and (tg_op = 'INSERT' or (new.plan_id) is distinct from (old.plan_id)) then
    if not exists (select from public.visit_plans t where (t.id) = (new.plan_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- visit_plan_decisions_rep_id_fkey
  if not (new.rep_id is null)
     and (tg_op = 'INSERT' or (new.rep_id) is distinct from (old.rep_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.rep_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.rep_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.rep_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('visit_plan_decisions.rep_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- visit_plan_decisions_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_visit_plan_decisions(0, new) and not exists (select from public.visit_plan_decisions t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_visit_plan_stops(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_visit_plan_stops() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a visit_plan_stops row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.visit_plan_stops', to_jsonb(old)) then
      perform private.deny('you cannot delete this visit_plan_stops row', '无权删除该记录');
    end if;
  end if;
  -- visit_plan_stops_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- visit_plan_stops_plan_id_fkey
  if not (new.plan_id is null)
     and (tg_op = 'INSERT' or (new.plan_id) is distinct from (old.plan_id)) then
    if not exists (select from public.visit_plans t where (t.id) = (new.plan_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- visit_plan_stops_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_visit_plan_stops(0, new) and not exists (select from public.visit_plan_stops t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- visit_plan_stops_plan_id_visit_date_seq_key
  if not (new.plan_id is null or new.visit_date is null or new.seq is null)
     and (tg_op = 'INSERT' or (new.plan_id, new.visit_date, new.seq) is distinct from (old.plan_id, old.visit_date, old.seq))
     and private.key_taken_visit_plan_stops(1, new) and not exists (select from public.visit_plan_stops t where (t.plan_id, t.visit_date, t.seq) = (new.plan_id, new.visit_date, new.seq)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_visit_plans(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_visit_plans() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a visit_plans row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.visit_plans', to_jsonb(old)) then
      perform private.deny('you cannot delete this visit_plans row', '无权删除该记录');
    end if;
  end if;
  -- visit_plans_decided_by_fkey
  if not (new.decided_by is null)
     and (tg_op = 'INSERT' or (new.decided_by) is distinct from (old.decided_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.decided_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.decided_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.decided_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('visit_plans.decided_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- visit_plans_rep_id_fkey
  if not (new.rep_id is null)
     and (tg_op = 'INSERT' or (new.rep_id) is distinct from (old.rep_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.rep_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.rep_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.rep_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('visit_plans.rep_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- visit_plans_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_visit_plans(0, new) and not exists (select from public.visit_plans t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_visits(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_visits() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a visits row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.visits', to_jsonb(old)) then
      perform private.deny('you cannot delete this visits row', '无权删除该记录');
    end if;
  end if;
  -- visits_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- visits_plan_stop_id_fkey
  if not (new.plan_stop_id is null)
     and (tg_op = 'INSERT' or (new.plan_stop_id) is distinct from (old.plan_stop_id)) then
    if not exists (select from public.visit_plan_stops t where (t.id) = (new.plan_stop_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- visits_rep_id_fkey
  if not (new.rep_id is null)
     and (tg_op = 'INSERT' or (new.rep_id) is distinct from (old.rep_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.rep_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.rep_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.rep_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('visits.rep_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- visits_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_visits(0, new) and not exists (select from public.visits t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_warning_events(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_warning_events() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a warning_events row never changes', '记录编号不能修改');
    end if;
  end if;
  -- warning_events_actor_id_fkey
  if not (new.actor_id is null)
     and (tg_op = 'INSERT' or (new.actor_id) is distinct from (old.actor_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.actor_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.actor_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.actor_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('warning_events.actor_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- warning_events_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- warning_events_owner_id_fkey
  if not (new.owner_id is null)
     and (tg_op = 'INSERT' or (new.owner_id) is distinct from (old.owner_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.owner_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.owner_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.owner_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('warning_events.owner_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- warning_events_warning_id_fkey
  if not (new.warning_id is null)
     and (tg_op = 'INSERT' or (new.warning_id) is distinct from (old.warning_id)) then
    if not exists (select from public.warnings t where (t.id) = (new.warning_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- warning_events_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_warning_events(0, new) and not exists (select from public.warning_events t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_warning_thresholds(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_warning_thresholds() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a warning_thresholds row never changes', '记录编号不能修改');
    end if;
  end if;
  -- warning_thresholds_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- warning_thresholds_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_warning_thresholds(0, new) and not exists (select from public.warning_thresholds t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: guard_write_warnings(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.guard_write_warnings() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a warnings row never changes', '记录编号不能修改');
    end if;
  end if;
  -- warnings_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- warnings_owner_id_fkey
  if not (new.owner_id is null)
     and (tg_op = 'INSERT' or (new.owner_id) is distinct from (old.owner_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.owner_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.owner_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.owner_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('warnings.owner_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- warnings_previous_id_fkey
  if not (new.previous_id is null)
     and (tg_op = 'INSERT' or (new.previous_id) is distinct from (old.previous_id)) then
    if not exists (select from public.warnings t where (t.id) = (new.previous_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- warnings_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_warnings(0, new) and not exists (select from public.warnings t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

--
-- Name: install_write_guards(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.install_write_guards() RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  t record;
  src record;
  n integer := 0;
begin
  for t in select c.oid::regclass as tbl, c.relname from pg_catalog.pg_class c
            where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
            order by c.relname
  loop
    select * into src from private.write_guard_source(t.tbl);
    execute format('create or replace function private.%I(p_key integer, r %s) returns boolean' ||
                   ' language plpgsql stable security definer set search_path = '''' as %L',
                   'key_taken_' || t.relname, t.tbl, src.probe);
    execute format('create or replace function private.%I() returns trigger' ||
                   ' language plpgsql set search_path = '''' as %L',
                   'guard_write_' || t.relname, src.guard);
    execute format('revoke all on function private.%I(integer, %s), private.%I() from public',
                   'key_taken_' || t.relname, t.tbl, 'guard_write_' || t.relname);
    execute format('grant execute on function private.%I(integer, %s), private.%I()' ||
                   ' to authenticated, service_role',
                   'key_taken_' || t.relname, t.tbl, 'guard_write_' || t.relname);
    execute format('create or replace trigger %I before insert or update on %s' ||
                   ' for each row execute function private.%I()',
                   t.relname || '_00_guard_write', t.tbl, 'guard_write_' || t.relname);
    n := n + 1;
  end loop;
  return n;
end
$$;

--
-- Name: is_manager(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.is_manager() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce((select private.my_role()) = 'manager', false)
$$;

--
-- Name: is_staff(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.is_staff() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce((select private.my_role()) in ('rep', 'area_manager', 'manager'), false)
$$;

--
-- Name: areas; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.areas (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    parent_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT areas_check CHECK ((parent_id IS DISTINCT FROM id)),
    CONSTRAINT areas_code_check CHECK ((code ~ '^[A-Za-z0-9_.-]{1,32}$'::text)),
    CONSTRAINT areas_code_len CHECK ((char_length(code) <= 200)),
    CONSTRAINT areas_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 100))),
    CONSTRAINT areas_name_len CHECK ((char_length(name) <= 200))
);

--
-- Name: key_taken_areas(integer, public.areas); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_areas(p_key integer, r public.areas) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_areas' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.areas t where (t.code) = (r.code))
    when 1 then exists (select from public.areas t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: case_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.case_events (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    case_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    actor_id uuid,
    at timestamp with time zone DEFAULT now() NOT NULL,
    action text NOT NULL,
    note text,
    photo_ids uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    internal boolean DEFAULT false NOT NULL,
    from_status text,
    to_status text,
    owner_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    step text,
    step_on date,
    CONSTRAINT case_events_action_check CHECK ((action = ANY (ARRAY['opened'::text, 'note'::text, 'assigned'::text, 'escalated'::text, 'decided'::text, 'answered'::text, 'status'::text, 'closed'::text]))),
    CONSTRAINT case_events_action_len CHECK ((char_length(action) <= 200)),
    CONSTRAINT case_events_from_status_len CHECK ((char_length(from_status) <= 200)),
    CONSTRAINT case_events_note_len CHECK ((char_length(note) <= 4000)),
    CONSTRAINT case_events_photo_ids_len CHECK ((cardinality(photo_ids) <= 20)),
    CONSTRAINT case_events_step_check CHECK ((step = ANY (ARRAY['accepted_by_rule'::text, 'awaiting_approval'::text, 'approved'::text, 'refused'::text, 'received'::text, 'done'::text, 'sent_back'::text, 'resolved'::text]))),
    CONSTRAINT case_events_step_len CHECK ((char_length(step) <= 200)),
    CONSTRAINT case_events_to_status_len CHECK ((char_length(to_status) <= 200))
);

--
-- Name: key_taken_case_events(integer, public.case_events); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_case_events(p_key integer, r public.case_events) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_case_events' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.case_events t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: case_lines; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.case_lines (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    case_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    product_id uuid,
    shipment_id uuid,
    quantity numeric(14,3) DEFAULT 0 NOT NULL,
    shipped_quantity numeric(14,3),
    received_quantity numeric(14,3),
    damaged_quantity numeric(14,3),
    missing_quantity numeric(14,3),
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT case_lines_damaged_quantity_range CHECK (((damaged_quantity = trunc(damaged_quantity)) AND ((damaged_quantity >= (0)::numeric) AND (damaged_quantity <= (1000000)::numeric)))),
    CONSTRAINT case_lines_missing_quantity_range CHECK (((missing_quantity = trunc(missing_quantity)) AND ((missing_quantity >= (0)::numeric) AND (missing_quantity <= (1000000)::numeric)))),
    CONSTRAINT case_lines_quantity_range CHECK (((quantity = trunc(quantity)) AND ((quantity >= (0)::numeric) AND (quantity <= (1000000)::numeric)))),
    CONSTRAINT case_lines_received_quantity_range CHECK (((received_quantity = trunc(received_quantity)) AND ((received_quantity >= (0)::numeric) AND (received_quantity <= (1000000)::numeric)))),
    CONSTRAINT case_lines_shipped_quantity_range CHECK (((shipped_quantity = trunc(shipped_quantity)) AND ((shipped_quantity >= (0)::numeric) AND (shipped_quantity <= (1000000)::numeric))))
);

--
-- Name: key_taken_case_lines(integer, public.case_lines); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_case_lines(p_key integer, r public.case_lines) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_case_lines' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.case_lines t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: case_requests; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.case_requests (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    customer_id uuid NOT NULL,
    kind text NOT NULL,
    severity text DEFAULT 'medium'::text NOT NULL,
    doc_no text,
    lines jsonb DEFAULT '[]'::jsonb NOT NULL,
    reason text NOT NULL,
    photo_ids uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    requested_at timestamp with time zone DEFAULT now() NOT NULL,
    requested_on date,
    requested_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT case_requests_doc_no_check CHECK ((doc_no ~ '^[A-Za-z0-9_.-]{1,40}$'::text)),
    CONSTRAINT case_requests_doc_no_len CHECK ((char_length(doc_no) <= 200)),
    CONSTRAINT case_requests_kind_check CHECK ((kind = ANY (ARRAY['return'::text, 'exchange'::text, 'repair'::text, 'packaging_exchange'::text, 'complaint'::text]))),
    CONSTRAINT case_requests_kind_len CHECK ((char_length(kind) <= 200)),
    CONSTRAINT case_requests_lines_len CHECK ((octet_length((lines)::text) <= 65536)),
    CONSTRAINT case_requests_photo_ids_len CHECK ((cardinality(photo_ids) <= 20)),
    CONSTRAINT case_requests_reason_len CHECK ((char_length(reason) <= 4000)),
    CONSTRAINT case_requests_severity_check CHECK ((severity = ANY (ARRAY['low'::text, 'medium'::text, 'high'::text]))),
    CONSTRAINT case_requests_severity_len CHECK ((char_length(severity) <= 200))
);

--
-- Name: key_taken_case_requests(integer, public.case_requests); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_case_requests(p_key integer, r public.case_requests) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_case_requests' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.case_requests t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: key_taken_cases(integer, public.cases); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_cases(p_key integer, r public.cases) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_cases' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.cases t where (t.complaint_id) = (r.complaint_id))
    when 1 then exists (select from public.cases t where (t.confirmation_id) = (r.confirmation_id))
    when 2 then exists (select from public.cases t where (t.incident_id) = (r.incident_id))
    when 3 then exists (select from public.cases t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: complaints; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.complaints (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    customer_id uuid NOT NULL,
    raised_by uuid,
    raised_on date NOT NULL,
    category text NOT NULL,
    detail text NOT NULL,
    investigation text,
    decision text,
    decided_by uuid,
    decided_at timestamp with time zone,
    reply text,
    replied_at timestamp with time zone,
    status text DEFAULT 'open'::text NOT NULL,
    escalated boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT complaints_category_check CHECK ((category = ANY (ARRAY['product'::text, 'delivery'::text, 'service'::text, 'price'::text, 'other'::text]))),
    CONSTRAINT complaints_category_len CHECK ((char_length(category) <= 200)),
    CONSTRAINT complaints_check CHECK (((status <> ALL (ARRAY['answered'::text, 'closed'::text])) OR (reply IS NOT NULL))),
    CONSTRAINT complaints_decision_len CHECK ((char_length(decision) <= 4000)),
    CONSTRAINT complaints_detail_check CHECK (((length(btrim(detail)) >= 1) AND (length(btrim(detail)) <= 4000))),
    CONSTRAINT complaints_detail_len CHECK ((char_length(detail) <= 4000)),
    CONSTRAINT complaints_investigation_len CHECK ((char_length(investigation) <= 4000)),
    CONSTRAINT complaints_reply_len CHECK ((char_length(reply) <= 4000)),
    CONSTRAINT complaints_status_check CHECK ((status = ANY (ARRAY['open'::text, 'investigating'::text, 'decided'::text, 'answered'::text, 'closed'::text]))),
    CONSTRAINT complaints_status_len CHECK ((char_length(status) <= 200))
);

--
-- Name: key_taken_complaints(integer, public.complaints); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_complaints(p_key integer, r public.complaints) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_complaints' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.complaints t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: contract_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.contract_events (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    contract_id uuid NOT NULL,
    from_status text,
    to_status text NOT NULL,
    actor_id uuid,
    note text,
    at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT contract_events_from_status_len CHECK ((char_length(from_status) <= 200)),
    CONSTRAINT contract_events_note_len CHECK ((char_length(note) <= 4000)),
    CONSTRAINT contract_events_to_status_len CHECK ((char_length(to_status) <= 200))
);

--
-- Name: key_taken_contract_events(integer, public.contract_events); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_contract_events(p_key integer, r public.contract_events) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_contract_events' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.contract_events t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: contract_lines; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.contract_lines (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    contract_id uuid NOT NULL,
    line_no integer NOT NULL,
    product_id uuid,
    variety text,
    brand text,
    spec text,
    quantity numeric(14,3) NOT NULL,
    unit_price numeric(14,2) NOT NULL,
    CONSTRAINT contract_lines_brand_len CHECK ((char_length(brand) <= 200)),
    CONSTRAINT contract_lines_line_no_check CHECK ((line_no >= 1)),
    CONSTRAINT contract_lines_line_no_range CHECK (((line_no >= 1) AND (line_no <= 10000))),
    CONSTRAINT contract_lines_quantity_check CHECK ((quantity >= (0)::numeric)),
    CONSTRAINT contract_lines_quantity_range CHECK (((quantity = trunc(quantity)) AND ((quantity >= (0)::numeric) AND (quantity <= (1000000)::numeric)))),
    CONSTRAINT contract_lines_spec_len CHECK ((char_length(spec) <= 200)),
    CONSTRAINT contract_lines_unit_price_check CHECK ((unit_price >= (0)::numeric)),
    CONSTRAINT contract_lines_unit_price_range CHECK (((unit_price >= (0)::numeric) AND (unit_price <= (1000000)::numeric))),
    CONSTRAINT contract_lines_variety_len CHECK ((char_length(variety) <= 200))
);

--
-- Name: key_taken_contract_lines(integer, public.contract_lines); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_contract_lines(p_key integer, r public.contract_lines) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_contract_lines' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.contract_lines t where (t.contract_id, t.line_no) = (r.contract_id, r.line_no))
    when 1 then exists (select from public.contract_lines t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: key_taken_contracts(integer, public.contracts); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_contracts(p_key integer, r public.contracts) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_contracts' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.contracts t where (t.contract_no) = (r.contract_no))
    when 1 then exists (select from public.contracts t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: customer_classifications; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.customer_classifications (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    customer_id uuid NOT NULL,
    as_of date NOT NULL,
    volume_12m numeric(16,2) NOT NULL,
    loyalty_score numeric(5,1) NOT NULL,
    quadrant text NOT NULL,
    grade character(1) NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT customer_classifications_grade_check CHECK ((grade = ANY (ARRAY['A'::bpchar, 'B'::bpchar, 'C'::bpchar, 'D'::bpchar]))),
    CONSTRAINT customer_classifications_loyalty_score_check CHECK (((loyalty_score >= (0)::numeric) AND (loyalty_score <= (100)::numeric))),
    CONSTRAINT customer_classifications_quadrant_check CHECK ((quadrant = ANY (ARRAY['core'::text, 'dangerous'::text, 'cultivate'::text, 'eliminate'::text]))),
    CONSTRAINT customer_classifications_quadrant_len CHECK ((char_length(quadrant) <= 200)),
    CONSTRAINT customer_classifications_volume_12m_range CHECK (((volume_12m >= ('-1000000000000'::bigint)::numeric) AND (volume_12m <= ('1000000000000'::bigint)::numeric)))
);

--
-- Name: key_taken_customer_classifications(integer, public.customer_classifications); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_customer_classifications(p_key integer, r public.customer_classifications) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_customer_classifications' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.customer_classifications t where (t.customer_id, t.as_of) = (r.customer_id, r.as_of))
    when 1 then exists (select from public.customer_classifications t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: customer_conduct_flags; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.customer_conduct_flags (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    customer_id uuid NOT NULL,
    kind text NOT NULL,
    flagged_on date NOT NULL,
    reported_by uuid,
    note text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    photo_ids uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    CONSTRAINT customer_conduct_flags_kind_check CHECK ((kind = ANY (ARRAY['cross_territory'::text, 'dumping'::text]))),
    CONSTRAINT customer_conduct_flags_kind_len CHECK ((char_length(kind) <= 200)),
    CONSTRAINT customer_conduct_flags_note_check CHECK ((length(note) <= 4000)),
    CONSTRAINT customer_conduct_flags_note_len CHECK ((char_length(note) <= 4000)),
    CONSTRAINT customer_conduct_flags_photo_ids_len CHECK ((cardinality(photo_ids) <= 20))
);

--
-- Name: key_taken_customer_conduct_flags(integer, public.customer_conduct_flags); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_customer_conduct_flags(p_key integer, r public.customer_conduct_flags) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_customer_conduct_flags' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.customer_conduct_flags t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: customer_contacts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.customer_contacts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    customer_id uuid NOT NULL,
    name text NOT NULL,
    title text,
    phone text,
    is_primary boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT customer_contacts_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 100))),
    CONSTRAINT customer_contacts_name_len CHECK ((char_length(name) <= 200)),
    CONSTRAINT customer_contacts_phone_check CHECK ((phone ~ '^[0-9+() -]{5,20}$'::text)),
    CONSTRAINT customer_contacts_phone_len CHECK ((char_length(phone) <= 200)),
    CONSTRAINT customer_contacts_title_len CHECK ((char_length(title) <= 200))
);

--
-- Name: key_taken_customer_contacts(integer, public.customer_contacts); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_customer_contacts(p_key integer, r public.customer_contacts) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_customer_contacts' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.customer_contacts t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: key_taken_customer_eliminations(integer, public.customer_eliminations); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_customer_eliminations(p_key integer, r public.customer_eliminations) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_customer_eliminations' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.customer_eliminations t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: customer_feedback; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.customer_feedback (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    customer_id uuid NOT NULL,
    score smallint NOT NULL,
    body text,
    visit_id uuid,
    meeting_id uuid,
    recorded_on date DEFAULT private.company_today() NOT NULL,
    recorded_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT customer_feedback_body_len CHECK ((char_length(body) <= 4000)),
    CONSTRAINT customer_feedback_score_range CHECK (((score >= 1) AND (score <= 5))),
    CONSTRAINT customer_feedback_where_check CHECK (((visit_id IS NULL) OR (meeting_id IS NULL)))
);

--
-- Name: key_taken_customer_feedback(integer, public.customer_feedback); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_customer_feedback(p_key integer, r public.customer_feedback) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_customer_feedback' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.customer_feedback t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: customer_notes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.customer_notes (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    customer_id uuid NOT NULL,
    author_id uuid,
    kind text NOT NULL,
    body text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT customer_notes_body_check CHECK (((length(body) >= 1) AND (length(body) <= 4000))),
    CONSTRAINT customer_notes_body_len CHECK ((char_length(body) <= 4000)),
    CONSTRAINT customer_notes_kind_check CHECK ((kind = ANY (ARRAY['social_relations'::text, 'standing'::text, 'general'::text]))),
    CONSTRAINT customer_notes_kind_len CHECK ((char_length(kind) <= 200))
);

--
-- Name: key_taken_customer_notes(integer, public.customer_notes); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_customer_notes(p_key integer, r public.customer_notes) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_customer_notes' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.customer_notes t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: customers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.customers (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    tier smallint NOT NULL,
    parent_id uuid,
    owner_id uuid,
    area_id uuid NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    address text,
    lat double precision,
    lng double precision,
    contact_name text,
    phone text,
    credit_limit numeric(14,2) DEFAULT 0 NOT NULL,
    payment_terms_days integer DEFAULT 30 NOT NULL,
    sub_distributor_count integer,
    coverage text,
    capital_10k numeric(12,2),
    hot_brands text[] DEFAULT '{}'::text[] NOT NULL,
    warehouse_m2 numeric(10,1),
    vehicles integer,
    staff integer,
    management_flexibility smallint,
    exclusive boolean DEFAULT false NOT NULL,
    grade character(1),
    quadrant text,
    since date,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    owner_chain uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    CONSTRAINT customers_address_len CHECK ((char_length(address) <= 200)),
    CONSTRAINT customers_capital_10k_check CHECK ((capital_10k >= (0)::numeric)),
    CONSTRAINT customers_capital_10k_range CHECK (((capital_10k >= (0)::numeric) AND (capital_10k <= (1000000)::numeric))),
    CONSTRAINT customers_check CHECK (((tier = 1) = (parent_id IS NULL))),
    CONSTRAINT customers_check1 CHECK (((lat IS NULL) = (lng IS NULL))),
    CONSTRAINT customers_check2 CHECK ((parent_id IS DISTINCT FROM id)),
    CONSTRAINT customers_code_check CHECK ((code ~ '^[A-Za-z0-9_.-]{1,32}$'::text)),
    CONSTRAINT customers_code_len CHECK ((char_length(code) <= 200)),
    CONSTRAINT customers_contact_name_len CHECK ((char_length(contact_name) <= 200)),
    CONSTRAINT customers_coverage_len CHECK ((char_length(coverage) <= 4000)),
    CONSTRAINT customers_credit_limit_check CHECK ((credit_limit >= (0)::numeric)),
    CONSTRAINT customers_credit_limit_range CHECK (((credit_limit >= (0)::numeric) AND (credit_limit <= (1000000000)::numeric))),
    CONSTRAINT customers_grade_check CHECK ((grade = ANY (ARRAY['A'::bpchar, 'B'::bpchar, 'C'::bpchar, 'D'::bpchar]))),
    CONSTRAINT customers_hot_brands_len CHECK (((cardinality(hot_brands) <= 50) AND (char_length(array_to_string(hot_brands, ''::text)) <= 2000))),
    CONSTRAINT customers_lat_check CHECK (((lat >= ('-90'::integer)::double precision) AND (lat <= (90)::double precision))),
    CONSTRAINT customers_lng_check CHECK (((lng >= ('-180'::integer)::double precision) AND (lng <= (180)::double precision))),
    CONSTRAINT customers_management_flexibility_check CHECK (((management_flexibility >= 1) AND (management_flexibility <= 5))),
    CONSTRAINT customers_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 200))),
    CONSTRAINT customers_name_len CHECK ((char_length(name) <= 200)),
    CONSTRAINT customers_payment_terms_days_check CHECK (((payment_terms_days >= 0) AND (payment_terms_days <= 365))),
    CONSTRAINT customers_phone_check CHECK ((phone ~ '^[0-9+() -]{5,20}$'::text)),
    CONSTRAINT customers_phone_len CHECK ((char_length(phone) <= 200)),
    CONSTRAINT customers_quadrant_check CHECK ((quadrant = ANY (ARRAY['core'::text, 'dangerous'::text, 'cultivate'::text, 'eliminate'::text]))),
    CONSTRAINT customers_quadrant_len CHECK ((char_length(quadrant) <= 200)),
    CONSTRAINT customers_staff_check CHECK ((staff >= 0)),
    CONSTRAINT customers_staff_range CHECK (((staff >= 0) AND (staff <= 100000))),
    CONSTRAINT customers_status_check CHECK ((status = ANY (ARRAY['prospect'::text, 'active'::text, 'suspended'::text, 'eliminated'::text]))),
    CONSTRAINT customers_status_len CHECK ((char_length(status) <= 200)),
    CONSTRAINT customers_sub_distributor_count_check CHECK ((sub_distributor_count >= 0)),
    CONSTRAINT customers_sub_distributor_count_range CHECK (((sub_distributor_count >= 0) AND (sub_distributor_count <= 100000))),
    CONSTRAINT customers_tier_check CHECK ((tier = ANY (ARRAY[1, 2, 3]))),
    CONSTRAINT customers_vehicles_check CHECK ((vehicles >= 0)),
    CONSTRAINT customers_vehicles_range CHECK (((vehicles >= 0) AND (vehicles <= 100000))),
    CONSTRAINT customers_warehouse_m2_check CHECK ((warehouse_m2 >= (0)::numeric)),
    CONSTRAINT customers_warehouse_m2_range CHECK (((warehouse_m2 >= (0)::numeric) AND (warehouse_m2 <= (1000000)::numeric)))
);

--
-- Name: key_taken_customers(integer, public.customers); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_customers(p_key integer, r public.customers) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_customers' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.customers t where (t.code) = (r.code))
    when 1 then exists (select from public.customers t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: delivery_confirmations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.delivery_confirmations (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    doc_no text NOT NULL,
    customer_id uuid NOT NULL,
    lines jsonb DEFAULT '[]'::jsonb NOT NULL,
    note text,
    photo_id uuid,
    confirmed_at timestamp with time zone DEFAULT now() NOT NULL,
    confirmed_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT delivery_confirmations_doc_no_check CHECK ((doc_no ~ '^[A-Za-z0-9_.-]{1,40}$'::text)),
    CONSTRAINT delivery_confirmations_doc_no_len CHECK ((char_length(doc_no) <= 200)),
    CONSTRAINT delivery_confirmations_lines_len CHECK ((octet_length((lines)::text) <= 262144)),
    CONSTRAINT delivery_confirmations_note_len CHECK ((char_length(note) <= 4000))
);

--
-- Name: key_taken_delivery_confirmations(integer, public.delivery_confirmations); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_delivery_confirmations(p_key integer, r public.delivery_confirmations) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_delivery_confirmations' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.delivery_confirmations t where (t.doc_no) = (r.doc_no))
    when 1 then exists (select from public.delivery_confirmations t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: evaluations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.evaluations (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    customer_id uuid NOT NULL,
    evaluator_id uuid,
    evaluated_on date NOT NULL,
    enthusiasm smallint NOT NULL,
    flexibility smallint NOT NULL,
    distribution_capacity smallint NOT NULL,
    capital_strength smallint NOT NULL,
    hot_brands smallint NOT NULL,
    logistics smallint NOT NULL,
    credit smallint NOT NULL,
    social_relations smallint NOT NULL,
    sales_management smallint NOT NULL,
    network smallint NOT NULL,
    promotion_ability smallint NOT NULL,
    after_sales smallint NOT NULL,
    relationship smallint NOT NULL,
    score numeric(5,1),
    grade character(1),
    comment text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    notes jsonb,
    CONSTRAINT evaluations_after_sales_check CHECK (((after_sales >= 1) AND (after_sales <= 5))),
    CONSTRAINT evaluations_capital_strength_check CHECK (((capital_strength >= 1) AND (capital_strength <= 5))),
    CONSTRAINT evaluations_comment_len CHECK ((char_length(comment) <= 4000)),
    CONSTRAINT evaluations_credit_check CHECK (((credit >= 1) AND (credit <= 5))),
    CONSTRAINT evaluations_distribution_capacity_check CHECK (((distribution_capacity >= 1) AND (distribution_capacity <= 5))),
    CONSTRAINT evaluations_enthusiasm_check CHECK (((enthusiasm >= 1) AND (enthusiasm <= 5))),
    CONSTRAINT evaluations_flexibility_check CHECK (((flexibility >= 1) AND (flexibility <= 5))),
    CONSTRAINT evaluations_grade_check CHECK ((grade = ANY (ARRAY['A'::bpchar, 'B'::bpchar, 'C'::bpchar, 'D'::bpchar]))),
    CONSTRAINT evaluations_hot_brands_check CHECK (((hot_brands >= 1) AND (hot_brands <= 5))),
    CONSTRAINT evaluations_logistics_check CHECK (((logistics >= 1) AND (logistics <= 5))),
    CONSTRAINT evaluations_network_check CHECK (((network >= 1) AND (network <= 5))),
    CONSTRAINT evaluations_notes_check CHECK ((jsonb_typeof(notes) = 'object'::text)),
    CONSTRAINT evaluations_notes_len CHECK ((octet_length((notes)::text) <= 65536)),
    CONSTRAINT evaluations_promotion_ability_check CHECK (((promotion_ability >= 1) AND (promotion_ability <= 5))),
    CONSTRAINT evaluations_relationship_check CHECK (((relationship >= 1) AND (relationship <= 5))),
    CONSTRAINT evaluations_sales_management_check CHECK (((sales_management >= 1) AND (sales_management <= 5))),
    CONSTRAINT evaluations_score_check CHECK (((score >= (0)::numeric) AND (score <= (100)::numeric))),
    CONSTRAINT evaluations_social_relations_check CHECK (((social_relations >= 1) AND (social_relations <= 5)))
);

--
-- Name: key_taken_evaluations(integer, public.evaluations); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_evaluations(p_key integer, r public.evaluations) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_evaluations' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.evaluations t where (t.customer_id, t.evaluated_on) = (r.customer_id, r.evaluated_on))
    when 1 then exists (select from public.evaluations t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: expense_budgets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.expense_budgets (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    customer_id uuid NOT NULL,
    period_start date NOT NULL,
    period_end date NOT NULL,
    amount numeric(14,2) NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    CONSTRAINT expense_budgets_amount_check CHECK ((amount >= (0)::numeric)),
    CONSTRAINT expense_budgets_amount_range CHECK (((amount >= (0)::numeric) AND (amount <= (1000000000)::numeric))),
    CONSTRAINT expense_budgets_check CHECK ((period_end >= period_start))
);

--
-- Name: key_taken_expense_budgets(integer, public.expense_budgets); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_expense_budgets(p_key integer, r public.expense_budgets) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_expense_budgets' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.expense_budgets t where (t.customer_id, t.period_start) = (r.customer_id, r.period_start))
    when 1 then exists (select from public.expense_budgets t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: expenses; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.expenses (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    reference text NOT NULL,
    customer_id uuid NOT NULL,
    spent_on date NOT NULL,
    category text NOT NULL,
    amount numeric(14,2) NOT NULL,
    description text,
    support_activity_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    CONSTRAINT expenses_amount_check CHECK ((amount > (0)::numeric)),
    CONSTRAINT expenses_amount_range CHECK (((amount >= (0)::numeric) AND (amount <= (1000000000)::numeric))),
    CONSTRAINT expenses_category_check CHECK ((category = ANY (ARRAY['management'::text, 'sales_activity'::text, 'advertising_pr'::text, 'store_display'::text, 'promotion'::text, 'information'::text, 'training'::text, 'meeting'::text, 'executive_visit'::text, 'rebate'::text, 'travel'::text, 'other'::text]))),
    CONSTRAINT expenses_category_len CHECK ((char_length(category) <= 200)),
    CONSTRAINT expenses_description_len CHECK ((char_length(description) <= 4000)),
    CONSTRAINT expenses_reference_check CHECK ((reference ~ '^[A-Za-z0-9_.-]{1,40}$'::text)),
    CONSTRAINT expenses_reference_len CHECK ((char_length(reference) <= 200))
);

--
-- Name: key_taken_expenses(integer, public.expenses); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_expenses(p_key integer, r public.expenses) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_expenses' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.expenses t where (t.id) = (r.id))
    when 1 then exists (select from public.expenses t where (t.reference) = (r.reference))
  end;
end
$$;

--
-- Name: incidents; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.incidents (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    customer_id uuid NOT NULL,
    visit_id uuid,
    reported_by uuid,
    occurred_on date NOT NULL,
    kind text NOT NULL,
    description text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT incidents_description_check CHECK (((length(btrim(description)) >= 1) AND (length(btrim(description)) <= 4000))),
    CONSTRAINT incidents_description_len CHECK ((char_length(description) <= 4000)),
    CONSTRAINT incidents_kind_check CHECK ((kind = ANY (ARRAY['theft'::text, 'accident'::text, 'family_split'::text, 'serious_illness'::text, 'other_major'::text, 'minor'::text]))),
    CONSTRAINT incidents_kind_len CHECK ((char_length(kind) <= 200))
);

--
-- Name: key_taken_incidents(integer, public.incidents); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_incidents(p_key integer, r public.incidents) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_incidents' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.incidents t where (t.customer_id, t.occurred_on, t.kind) = (r.customer_id, r.occurred_on, r.kind))
    when 1 then exists (select from public.incidents t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: meeting_attendees; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meeting_attendees (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    meeting_id uuid NOT NULL,
    customer_id uuid,
    profile_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT meeting_attendees_who_check CHECK (((customer_id IS NULL) <> (profile_id IS NULL)))
);

--
-- Name: key_taken_meeting_attendees(integer, public.meeting_attendees); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_meeting_attendees(p_key integer, r public.meeting_attendees) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_meeting_attendees' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.meeting_attendees t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: meeting_decisions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meeting_decisions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    meeting_id uuid NOT NULL,
    body text NOT NULL,
    owner_id uuid NOT NULL,
    due_on date NOT NULL,
    status text DEFAULT 'open'::text NOT NULL,
    done_at timestamp with time zone,
    done_by uuid,
    done_note text,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT meeting_decisions_body_len CHECK ((char_length(body) <= 4000)),
    CONSTRAINT meeting_decisions_done_check CHECK (((status = 'done'::text) = (done_at IS NOT NULL))),
    CONSTRAINT meeting_decisions_done_note_len CHECK ((char_length(done_note) <= 4000)),
    CONSTRAINT meeting_decisions_status_check CHECK ((status = ANY (ARRAY['open'::text, 'done'::text]))),
    CONSTRAINT meeting_decisions_status_len CHECK ((char_length(status) <= 200))
);

--
-- Name: key_taken_meeting_decisions(integer, public.meeting_decisions); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_meeting_decisions(p_key integer, r public.meeting_decisions) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_meeting_decisions' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.meeting_decisions t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: meetings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meetings (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    area_id uuid NOT NULL,
    kind text NOT NULL,
    held_on date NOT NULL,
    place text,
    agenda text NOT NULL,
    minutes text,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT meetings_agenda_len CHECK ((char_length(agenda) <= 4000)),
    CONSTRAINT meetings_kind_check CHECK ((kind = ANY (ARRAY['quarterly'::text, 'half_year'::text, 'annual'::text, 'ad_hoc'::text]))),
    CONSTRAINT meetings_kind_len CHECK ((char_length(kind) <= 200)),
    CONSTRAINT meetings_minutes_len CHECK ((char_length(minutes) <= 4000)),
    CONSTRAINT meetings_place_len CHECK ((char_length(place) <= 200))
);

--
-- Name: key_taken_meetings(integer, public.meetings); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_meetings(p_key integer, r public.meetings) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_meetings' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.meetings t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: notify_channels; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.notify_channels (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    area_id uuid,
    name text NOT NULL,
    platform text NOT NULL,
    webhook_ref text NOT NULL,
    secret_ref text,
    active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT notify_channels_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 100))),
    CONSTRAINT notify_channels_name_len CHECK ((char_length(name) <= 200)),
    CONSTRAINT notify_channels_platform_check CHECK ((platform = ANY (ARRAY['wecom'::text, 'dingtalk'::text, 'feishu'::text]))),
    CONSTRAINT notify_channels_platform_len CHECK ((char_length(platform) <= 200)),
    CONSTRAINT notify_channels_secret_ref_check CHECK ((secret_ref ~ '^(env:[A-Z][A-Z0-9_]{0,63}|secret:[a-z][a-z0-9_.]{0,63})$'::text)),
    CONSTRAINT notify_channels_secret_ref_len CHECK ((char_length(secret_ref) <= 200)),
    CONSTRAINT notify_channels_signed_check CHECK (((platform = 'wecom'::text) OR (secret_ref IS NOT NULL))),
    CONSTRAINT notify_channels_webhook_ref_check CHECK ((webhook_ref ~ '^(env:[A-Z][A-Z0-9_]{0,63}|secret:[a-z][a-z0-9_.]{0,63})$'::text)),
    CONSTRAINT notify_channels_webhook_ref_len CHECK ((char_length(webhook_ref) <= 200))
);

--
-- Name: key_taken_notify_channels(integer, public.notify_channels); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_notify_channels(p_key integer, r public.notify_channels) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_notify_channels' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.notify_channels t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: order_lines; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.order_lines (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    order_id uuid NOT NULL,
    product_id uuid NOT NULL,
    quantity numeric(14,3) NOT NULL,
    unit_price numeric(14,2) NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    accepted_quantity numeric(14,3),
    CONSTRAINT order_lines_accepted_quantity_range CHECK (((accepted_quantity = trunc(accepted_quantity)) AND ((accepted_quantity >= (0)::numeric) AND (accepted_quantity <= (1000000)::numeric)))),
    CONSTRAINT order_lines_quantity_check CHECK ((quantity > (0)::numeric)),
    CONSTRAINT order_lines_quantity_range CHECK (((quantity = trunc(quantity)) AND ((quantity >= (0)::numeric) AND (quantity <= (1000000)::numeric)))),
    CONSTRAINT order_lines_unit_price_check CHECK ((unit_price >= (0)::numeric)),
    CONSTRAINT order_lines_unit_price_range CHECK (((unit_price >= (0)::numeric) AND (unit_price <= (1000000)::numeric)))
);

--
-- Name: key_taken_order_lines(integer, public.order_lines); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_order_lines(p_key integer, r public.order_lines) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_order_lines' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.order_lines t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: orders; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orders (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    customer_id uuid NOT NULL,
    supplier_id uuid,
    visit_id uuid,
    rep_id uuid,
    ordered_on date NOT NULL,
    status text DEFAULT 'draft'::text NOT NULL,
    note text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    submitted_at timestamp with time zone,
    decided_at timestamp with time zone,
    decided_by uuid,
    status_reason text,
    shipped_on date,
    shipped_at timestamp with time zone,
    shipped_by uuid,
    received_at timestamp with time zone,
    received_by uuid,
    cancelled_at timestamp with time zone,
    cancelled_by uuid,
    ship_to_name text,
    ship_to_address text,
    ship_to_contact text,
    ship_to_phone text,
    CONSTRAINT orders_note_len CHECK ((char_length(note) <= 4000)),
    CONSTRAINT orders_ship_to_address_len CHECK ((char_length(ship_to_address) <= 200)),
    CONSTRAINT orders_ship_to_contact_len CHECK ((char_length(ship_to_contact) <= 200)),
    CONSTRAINT orders_ship_to_name_len CHECK ((char_length(ship_to_name) <= 200)),
    CONSTRAINT orders_ship_to_phone_len CHECK ((char_length(ship_to_phone) <= 200)),
    CONSTRAINT orders_status_check CHECK ((status = ANY (ARRAY['draft'::text, 'submitted'::text, 'accepted'::text, 'rejected'::text, 'shipped'::text, 'received'::text, 'cancelled'::text]))),
    CONSTRAINT orders_status_len CHECK ((char_length(status) <= 200)),
    CONSTRAINT orders_status_reason_len CHECK ((char_length(status_reason) <= 4000))
);

--
-- Name: key_taken_orders(integer, public.orders); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_orders(p_key integer, r public.orders) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_orders' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.orders t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: payments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.payments (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    reference text NOT NULL,
    customer_id uuid NOT NULL,
    paid_on date NOT NULL,
    amount numeric(14,2) NOT NULL,
    method text DEFAULT 'transfer'::text NOT NULL,
    note text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    CONSTRAINT payments_amount_check CHECK ((amount > (0)::numeric)),
    CONSTRAINT payments_amount_range CHECK (((amount >= (0)::numeric) AND (amount <= (1000000000)::numeric))),
    CONSTRAINT payments_method_check CHECK ((method = ANY (ARRAY['transfer'::text, 'cash'::text, 'cheque'::text, 'acceptance'::text, 'other'::text]))),
    CONSTRAINT payments_method_len CHECK ((char_length(method) <= 200)),
    CONSTRAINT payments_note_len CHECK ((char_length(note) <= 4000)),
    CONSTRAINT payments_reference_check CHECK ((reference ~ '^[A-Za-z0-9_.-]{1,40}$'::text)),
    CONSTRAINT payments_reference_len CHECK ((char_length(reference) <= 200))
);

--
-- Name: key_taken_payments(integer, public.payments); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_payments(p_key integer, r public.payments) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_payments' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.payments t where (t.id) = (r.id))
    when 1 then exists (select from public.payments t where (t.reference) = (r.reference))
  end;
end
$$;

--
-- Name: photo_files; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.photo_files (
    photo_id uuid NOT NULL,
    mime text NOT NULL,
    uploaded_by uuid DEFAULT auth.uid() NOT NULL,
    uploaded_at timestamp with time zone DEFAULT now() NOT NULL,
    size integer NOT NULL,
    sha256 text NOT NULL,
    storage_path text GENERATED ALWAYS AS (((((uploaded_by)::text || '/'::text) || (photo_id)::text) ||
CASE mime
    WHEN 'image/jpeg'::text THEN '.jpg'::text
    WHEN 'image/png'::text THEN '.png'::text
    ELSE '.webp'::text
END)) STORED,
    CONSTRAINT photo_files_mime_check CHECK ((mime = ANY (ARRAY['image/jpeg'::text, 'image/png'::text, 'image/webp'::text]))),
    CONSTRAINT photo_files_mime_len CHECK ((char_length(mime) <= 200)),
    CONSTRAINT photo_files_sha256_check CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT photo_files_sha256_len CHECK ((char_length(sha256) <= 200)),
    CONSTRAINT photo_files_size_check CHECK (((size >= 1) AND (size <= 15728640))),
    CONSTRAINT photo_files_storage_path_len CHECK ((char_length(storage_path) <= 200))
);

--
-- Name: key_taken_photo_files(integer, public.photo_files); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_photo_files(p_key integer, r public.photo_files) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_photo_files' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.photo_files t where (t.photo_id) = (r.photo_id))
  end;
end
$$;

--
-- Name: photos; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.photos (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    customer_id uuid NOT NULL,
    visit_id uuid,
    kind text NOT NULL,
    storage_path text NOT NULL,
    taken_at timestamp with time zone DEFAULT now() NOT NULL,
    taken_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT photos_kind_check CHECK ((kind = ANY (ARRAY['storefront'::text, 'shelf'::text, 'display'::text, 'competitor'::text, 'delivery'::text, 'damage'::text, 'evidence'::text, 'other'::text]))),
    CONSTRAINT photos_kind_len CHECK ((char_length(kind) <= 200)),
    CONSTRAINT photos_storage_path_len CHECK ((char_length(storage_path) <= 200))
);

--
-- Name: key_taken_photos(integer, public.photos); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_photos(p_key integer, r public.photos) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_photos' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.photos t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: products; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.products (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    sku text NOT NULL,
    name text NOT NULL,
    brand text NOT NULL,
    variety text,
    spec text NOT NULL,
    unit text DEFAULT '箱'::text NOT NULL,
    unit_price numeric(14,2) NOT NULL,
    active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT products_brand_len CHECK ((char_length(brand) <= 200)),
    CONSTRAINT products_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 200))),
    CONSTRAINT products_name_len CHECK ((char_length(name) <= 200)),
    CONSTRAINT products_sku_check CHECK ((sku ~ '^[A-Za-z0-9_.-]{1,32}$'::text)),
    CONSTRAINT products_sku_len CHECK ((char_length(sku) <= 200)),
    CONSTRAINT products_spec_len CHECK ((char_length(spec) <= 200)),
    CONSTRAINT products_unit_len CHECK ((char_length(unit) <= 200)),
    CONSTRAINT products_unit_price_check CHECK ((unit_price >= (0)::numeric)),
    CONSTRAINT products_unit_price_range CHECK (((unit_price >= (0)::numeric) AND (unit_price <= (1000000)::numeric))),
    CONSTRAINT products_variety_len CHECK ((char_length(variety) <= 200))
);

--
-- Name: key_taken_products(integer, public.products); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_products(p_key integer, r public.products) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_products' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.products t where (t.id) = (r.id))
    when 1 then exists (select from public.products t where (t.sku) = (r.sku))
  end;
end
$$;

--
-- Name: profiles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.profiles (
    id uuid NOT NULL,
    email text NOT NULL,
    full_name text NOT NULL,
    role text NOT NULL,
    area_id uuid,
    customer_id uuid,
    phone text,
    active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT profiles_check CHECK (((role <> ALL (ARRAY['rep'::text, 'area_manager'::text])) OR (area_id IS NOT NULL))),
    CONSTRAINT profiles_check1 CHECK (((role = 'dealer'::text) = (customer_id IS NOT NULL))),
    CONSTRAINT profiles_email_check CHECK ((email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'::text)),
    CONSTRAINT profiles_email_len CHECK ((char_length(email) <= 200)),
    CONSTRAINT profiles_full_name_check CHECK (((length(btrim(full_name)) >= 1) AND (length(btrim(full_name)) <= 100))),
    CONSTRAINT profiles_full_name_len CHECK ((char_length(full_name) <= 200)),
    CONSTRAINT profiles_phone_check CHECK ((phone ~ '^[0-9+() -]{5,20}$'::text)),
    CONSTRAINT profiles_phone_len CHECK ((char_length(phone) <= 200)),
    CONSTRAINT profiles_role_check CHECK ((role = ANY (ARRAY['rep'::text, 'area_manager'::text, 'manager'::text, 'dealer'::text]))),
    CONSTRAINT profiles_role_len CHECK ((char_length(role) <= 200))
);

--
-- Name: key_taken_profiles(integer, public.profiles); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_profiles(p_key integer, r public.profiles) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_profiles' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.profiles t where (t.email) = (r.email))
    when 1 then exists (select from public.profiles t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: returns; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.returns (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    reference text NOT NULL,
    customer_id uuid NOT NULL,
    shipment_id uuid,
    product_id uuid,
    kind text NOT NULL,
    quantity numeric(14,3) DEFAULT 0 NOT NULL,
    amount numeric(14,2) DEFAULT 0 NOT NULL,
    reason text,
    status text DEFAULT 'requested'::text NOT NULL,
    requested_on date NOT NULL,
    decided_on date,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    case_id uuid,
    CONSTRAINT returns_amount_check CHECK ((amount >= (0)::numeric)),
    CONSTRAINT returns_amount_range CHECK (((amount >= (0)::numeric) AND (amount <= (1000000000)::numeric))),
    CONSTRAINT returns_check CHECK (((status = 'requested'::text) OR (decided_on IS NOT NULL))),
    CONSTRAINT returns_kind_check CHECK ((kind = ANY (ARRAY['return'::text, 'exchange'::text, 'repair'::text, 'packaging'::text, 'credit_note'::text]))),
    CONSTRAINT returns_kind_len CHECK ((char_length(kind) <= 200)),
    CONSTRAINT returns_quantity_check CHECK ((quantity >= (0)::numeric)),
    CONSTRAINT returns_quantity_range CHECK (((quantity = trunc(quantity)) AND ((quantity >= (0)::numeric) AND (quantity <= (1000000)::numeric)))),
    CONSTRAINT returns_reason_len CHECK ((char_length(reason) <= 4000)),
    CONSTRAINT returns_reference_check CHECK ((reference ~ '^[A-Za-z0-9_.-]{1,40}$'::text)),
    CONSTRAINT returns_reference_len CHECK ((char_length(reference) <= 200)),
    CONSTRAINT returns_status_check CHECK ((status = ANY (ARRAY['requested'::text, 'accepted'::text, 'rejected'::text, 'completed'::text]))),
    CONSTRAINT returns_status_len CHECK ((char_length(status) <= 200))
);

--
-- Name: key_taken_returns(integer, public.returns); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_returns(p_key integer, r public.returns) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_returns' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.returns t where (t.id) = (r.id))
    when 1 then exists (select from public.returns t where (t.reference) = (r.reference))
  end;
end
$$;

--
-- Name: sales_plans; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sales_plans (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    customer_id uuid NOT NULL,
    product_id uuid NOT NULL,
    month date NOT NULL,
    quantity numeric(14,3) NOT NULL,
    amount numeric(14,2) NOT NULL,
    schedule text,
    planned_support text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    CONSTRAINT sales_plans_amount_check CHECK ((amount >= (0)::numeric)),
    CONSTRAINT sales_plans_amount_range CHECK (((amount >= (0)::numeric) AND (amount <= (1000000000)::numeric))),
    CONSTRAINT sales_plans_month_check CHECK ((EXTRACT(day FROM month) = (1)::numeric)),
    CONSTRAINT sales_plans_planned_support_len CHECK ((char_length(planned_support) <= 4000)),
    CONSTRAINT sales_plans_quantity_check CHECK ((quantity >= (0)::numeric)),
    CONSTRAINT sales_plans_quantity_range CHECK (((quantity = trunc(quantity)) AND ((quantity >= (0)::numeric) AND (quantity <= (1000000)::numeric)))),
    CONSTRAINT sales_plans_schedule_len CHECK ((char_length(schedule) <= 4000))
);

--
-- Name: key_taken_sales_plans(integer, public.sales_plans); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_sales_plans(p_key integer, r public.sales_plans) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_sales_plans' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.sales_plans t where (t.customer_id, t.product_id, t.month) = (r.customer_id, r.product_id, r.month))
    when 1 then exists (select from public.sales_plans t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: setting_changes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.setting_changes (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    setting_key text NOT NULL,
    grade character(1),
    customer_id uuid,
    old_value jsonb,
    new_value jsonb,
    changed_by uuid,
    changed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT setting_changes_grade_check CHECK ((grade = ANY (ARRAY['A'::bpchar, 'B'::bpchar, 'C'::bpchar, 'D'::bpchar]))),
    CONSTRAINT setting_changes_new_value_len CHECK ((octet_length((new_value)::text) <= 65536)),
    CONSTRAINT setting_changes_old_value_len CHECK ((octet_length((old_value)::text) <= 65536)),
    CONSTRAINT setting_changes_setting_key_len CHECK ((char_length(setting_key) <= 200))
);

--
-- Name: key_taken_setting_changes(integer, public.setting_changes); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_setting_changes(p_key integer, r public.setting_changes) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_setting_changes' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.setting_changes t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: settings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.settings (
    key text NOT NULL,
    value jsonb NOT NULL,
    description text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT settings_description_len CHECK ((char_length(description) <= 4000)),
    CONSTRAINT settings_key_check CHECK ((key ~ '^[a-z][a-z0-9_.]{1,63}$'::text)),
    CONSTRAINT settings_key_len CHECK ((char_length(key) <= 200)),
    CONSTRAINT settings_value_len CHECK ((octet_length((value)::text) <= 65536))
);

--
-- Name: key_taken_settings(integer, public.settings); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_settings(p_key integer, r public.settings) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_settings' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.settings t where (t.key) = (r.key))
  end;
end
$$;

--
-- Name: shipments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.shipments (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    doc_no text NOT NULL,
    line_no integer NOT NULL,
    customer_id uuid NOT NULL,
    seller_id uuid,
    product_id uuid NOT NULL,
    shipped_on date NOT NULL,
    quantity numeric(14,3) NOT NULL,
    unit_price numeric(14,2) NOT NULL,
    amount numeric(14,2) NOT NULL,
    settlement_status text DEFAULT 'unsettled'::text NOT NULL,
    confirmed_at timestamp with time zone,
    confirmed_by uuid,
    received_quantity numeric(14,3),
    damaged_quantity numeric(14,3),
    discrepancy_note text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    missing_quantity numeric(14,3),
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT shipments_amount_check CHECK ((amount >= (0)::numeric)),
    CONSTRAINT shipments_amount_range CHECK (((amount >= (0)::numeric) AND (amount <= (1000000000)::numeric))),
    CONSTRAINT shipments_check CHECK ((seller_id IS DISTINCT FROM customer_id)),
    CONSTRAINT shipments_damaged_quantity_check CHECK ((damaged_quantity >= (0)::numeric)),
    CONSTRAINT shipments_damaged_quantity_range CHECK (((damaged_quantity = trunc(damaged_quantity)) AND ((damaged_quantity >= (0)::numeric) AND (damaged_quantity <= (1000000)::numeric)))),
    CONSTRAINT shipments_discrepancy_note_len CHECK ((char_length(discrepancy_note) <= 4000)),
    CONSTRAINT shipments_doc_no_check CHECK ((doc_no ~ '^[A-Za-z0-9_.-]{1,40}$'::text)),
    CONSTRAINT shipments_doc_no_len CHECK ((char_length(doc_no) <= 200)),
    CONSTRAINT shipments_line_no_check CHECK ((line_no >= 1)),
    CONSTRAINT shipments_line_no_range CHECK (((line_no >= 1) AND (line_no <= 10000))),
    CONSTRAINT shipments_missing_quantity_range CHECK (((missing_quantity = trunc(missing_quantity)) AND ((missing_quantity >= (0)::numeric) AND (missing_quantity <= (1000000)::numeric)))),
    CONSTRAINT shipments_quantity_check CHECK ((quantity > (0)::numeric)),
    CONSTRAINT shipments_quantity_range CHECK (((quantity = trunc(quantity)) AND ((quantity >= (0)::numeric) AND (quantity <= (1000000)::numeric)))),
    CONSTRAINT shipments_received_quantity_check CHECK ((received_quantity >= (0)::numeric)),
    CONSTRAINT shipments_received_quantity_range CHECK (((received_quantity = trunc(received_quantity)) AND ((received_quantity >= (0)::numeric) AND (received_quantity <= (1000000)::numeric)))),
    CONSTRAINT shipments_settlement_status_check CHECK ((settlement_status = ANY (ARRAY['unsettled'::text, 'partial'::text, 'settled'::text]))),
    CONSTRAINT shipments_settlement_status_len CHECK ((char_length(settlement_status) <= 200)),
    CONSTRAINT shipments_unit_price_check CHECK ((unit_price >= (0)::numeric)),
    CONSTRAINT shipments_unit_price_range CHECK (((unit_price >= (0)::numeric) AND (unit_price <= (1000000)::numeric)))
);

--
-- Name: key_taken_shipments(integer, public.shipments); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_shipments(p_key integer, r public.shipments) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_shipments' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.shipments t where (t.doc_no, t.line_no) = (r.doc_no, r.line_no))
    when 1 then exists (select from public.shipments t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: stock_counts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stock_counts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    visit_id uuid,
    customer_id uuid NOT NULL,
    product_id uuid NOT NULL,
    quantity numeric(14,3) NOT NULL,
    counted_at timestamp with time zone DEFAULT now() NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT stock_counts_quantity_check CHECK ((quantity >= (0)::numeric)),
    CONSTRAINT stock_counts_quantity_range CHECK (((quantity = trunc(quantity)) AND ((quantity >= (0)::numeric) AND (quantity <= (1000000)::numeric))))
);

--
-- Name: key_taken_stock_counts(integer, public.stock_counts); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_stock_counts(p_key integer, r public.stock_counts) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_stock_counts' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.stock_counts t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: support_activities; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.support_activities (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    customer_id uuid NOT NULL,
    kind text NOT NULL,
    title text NOT NULL,
    planned_on date,
    done_on date,
    cost numeric(14,2) DEFAULT 0 NOT NULL,
    status text DEFAULT 'planned'::text NOT NULL,
    owner_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    CONSTRAINT support_activities_cost_check CHECK ((cost >= (0)::numeric)),
    CONSTRAINT support_activities_cost_range CHECK (((cost >= (0)::numeric) AND (cost <= (1000000000)::numeric))),
    CONSTRAINT support_activities_kind_check CHECK ((kind = ANY (ARRAY['management'::text, 'sales_activity'::text, 'advertising_pr'::text, 'store_display'::text, 'promotion'::text, 'information'::text, 'training'::text, 'meeting'::text, 'executive_visit'::text]))),
    CONSTRAINT support_activities_kind_len CHECK ((char_length(kind) <= 200)),
    CONSTRAINT support_activities_status_check CHECK ((status = ANY (ARRAY['planned'::text, 'done'::text, 'cancelled'::text]))),
    CONSTRAINT support_activities_status_len CHECK ((char_length(status) <= 200)),
    CONSTRAINT support_activities_title_len CHECK ((char_length(title) <= 200))
);

--
-- Name: key_taken_support_activities(integer, public.support_activities); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_support_activities(p_key integer, r public.support_activities) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_support_activities' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.support_activities t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: sync_clients; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sync_clients (
    client_id uuid NOT NULL,
    user_id uuid DEFAULT auth.uid() NOT NULL,
    last_mutation_id bigint DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT sync_clients_last_mutation_id_check CHECK ((last_mutation_id >= 0))
);

--
-- Name: key_taken_sync_clients(integer, public.sync_clients); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_sync_clients(p_key integer, r public.sync_clients) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_sync_clients' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.sync_clients t where (t.client_id) = (r.client_id))
  end;
end
$$;

--
-- Name: sync_meta; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sync_meta (
    key text NOT NULL,
    value bigint NOT NULL,
    CONSTRAINT sync_meta_key_len CHECK ((char_length(key) <= 200))
);

--
-- Name: key_taken_sync_meta(integer, public.sync_meta); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_sync_meta(p_key integer, r public.sync_meta) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_sync_meta' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.sync_meta t where (t.key) = (r.key))
  end;
end
$$;

--
-- Name: sync_revocations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sync_revocations (
    id bigint NOT NULL,
    user_id uuid NOT NULL,
    table_name text NOT NULL,
    row_id uuid NOT NULL,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT sync_revocations_table_name_len CHECK ((char_length(table_name) <= 200))
);

--
-- Name: key_taken_sync_revocations(integer, public.sync_revocations); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_sync_revocations(p_key integer, r public.sync_revocations) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_sync_revocations' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.sync_revocations t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: visit_plan_decisions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.visit_plan_decisions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    plan_id uuid NOT NULL,
    rep_id uuid NOT NULL,
    decided_by uuid NOT NULL,
    decided_at timestamp with time zone NOT NULL,
    decision text NOT NULL,
    comment text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT visit_plan_decisions_comment_len CHECK ((char_length(comment) <= 4000)),
    CONSTRAINT visit_plan_decisions_decision_check CHECK ((decision = ANY (ARRAY['approved'::text, 'rejected'::text]))),
    CONSTRAINT visit_plan_decisions_decision_len CHECK ((char_length(decision) <= 200))
);

--
-- Name: key_taken_visit_plan_decisions(integer, public.visit_plan_decisions); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_visit_plan_decisions(p_key integer, r public.visit_plan_decisions) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_visit_plan_decisions' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.visit_plan_decisions t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: visit_plan_stops; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.visit_plan_stops (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    plan_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    visit_date date NOT NULL,
    seq integer NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT visit_plan_stops_seq_check CHECK ((seq >= 1)),
    CONSTRAINT visit_plan_stops_seq_range CHECK (((seq >= 1) AND (seq <= 2000000000)))
);

--
-- Name: key_taken_visit_plan_stops(integer, public.visit_plan_stops); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_visit_plan_stops(p_key integer, r public.visit_plan_stops) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_visit_plan_stops' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.visit_plan_stops t where (t.id) = (r.id))
    when 1 then exists (select from public.visit_plan_stops t where (t.plan_id, t.visit_date, t.seq) = (r.plan_id, r.visit_date, r.seq))
  end;
end
$$;

--
-- Name: visit_plans; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.visit_plans (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    rep_id uuid NOT NULL,
    week_start date NOT NULL,
    status text DEFAULT 'draft'::text NOT NULL,
    submitted_at timestamp with time zone,
    decided_by uuid,
    decided_at timestamp with time zone,
    decision_comment text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT visit_plans_check CHECK (((status <> ALL (ARRAY['approved'::text, 'rejected'::text])) OR ((decided_by IS NOT NULL) AND (decided_at IS NOT NULL)))),
    CONSTRAINT visit_plans_decision_comment_len CHECK ((char_length(decision_comment) <= 4000)),
    CONSTRAINT visit_plans_status_check CHECK ((status = ANY (ARRAY['draft'::text, 'submitted'::text, 'approved'::text, 'rejected'::text, 'withdrawn'::text]))),
    CONSTRAINT visit_plans_status_len CHECK ((char_length(status) <= 200)),
    CONSTRAINT visit_plans_week_start_check CHECK ((EXTRACT(isodow FROM week_start) = (1)::numeric))
);

--
-- Name: key_taken_visit_plans(integer, public.visit_plans); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_visit_plans(p_key integer, r public.visit_plans) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_visit_plans' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.visit_plans t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: visits; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.visits (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    rep_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    plan_stop_id uuid,
    status text DEFAULT 'in_progress'::text NOT NULL,
    checkin_at timestamp with time zone NOT NULL,
    checkin_lat double precision,
    checkin_lng double precision,
    checkin_accuracy_m real,
    checkin_distance_m real,
    offsite boolean DEFAULT false NOT NULL,
    offsite_reason text,
    checkout_at timestamp with time zone,
    competitor_notes text,
    feedback text,
    notes text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT visits_check CHECK (((NOT offsite) OR (length(btrim(COALESCE(offsite_reason, ''::text))) > 0))),
    CONSTRAINT visits_check1 CHECK (((checkout_at IS NULL) OR (checkout_at >= checkin_at))),
    CONSTRAINT visits_check2 CHECK (((checkin_lat IS NULL) = (checkin_lng IS NULL))),
    CONSTRAINT visits_checkin_accuracy_m_check CHECK ((checkin_accuracy_m >= (0)::double precision)),
    CONSTRAINT visits_checkin_accuracy_m_range CHECK (((checkin_accuracy_m >= (0)::double precision) AND (checkin_accuracy_m <= (1000000)::double precision))),
    CONSTRAINT visits_checkin_distance_m_check CHECK ((checkin_distance_m >= (0)::double precision)),
    CONSTRAINT visits_checkin_distance_m_range CHECK (((checkin_distance_m >= (0)::double precision) AND (checkin_distance_m <= (20100000)::double precision))),
    CONSTRAINT visits_checkin_lat_check CHECK (((checkin_lat >= ('-90'::integer)::double precision) AND (checkin_lat <= (90)::double precision))),
    CONSTRAINT visits_checkin_lng_check CHECK (((checkin_lng >= ('-180'::integer)::double precision) AND (checkin_lng <= (180)::double precision))),
    CONSTRAINT visits_competitor_notes_len CHECK ((char_length(competitor_notes) <= 4000)),
    CONSTRAINT visits_feedback_len CHECK ((char_length(feedback) <= 4000)),
    CONSTRAINT visits_notes_len CHECK ((char_length(notes) <= 4000)),
    CONSTRAINT visits_offsite_reason_len CHECK ((char_length(offsite_reason) <= 4000)),
    CONSTRAINT visits_status_check CHECK ((status = ANY (ARRAY['in_progress'::text, 'done'::text, 'cancelled'::text]))),
    CONSTRAINT visits_status_len CHECK ((char_length(status) <= 200))
);

--
-- Name: key_taken_visits(integer, public.visits); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_visits(p_key integer, r public.visits) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_visits' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.visits t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: warning_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.warning_events (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    warning_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    actor_id uuid,
    at timestamp with time zone DEFAULT private.company_now() NOT NULL,
    action text NOT NULL,
    note text,
    photo_ids uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    category text,
    from_status text,
    to_status text,
    owner_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT warning_events_action_check CHECK ((action = ANY (ARRAY['assigned'::text, 'acknowledged'::text, 'investigating'::text, 'note'::text, 'resolved'::text]))),
    CONSTRAINT warning_events_action_len CHECK ((char_length(action) <= 200)),
    CONSTRAINT warning_events_category_check CHECK ((category = ANY (ARRAY['collected'::text, 'plan_adjusted'::text, 'supply_stopped'::text, 'false_alarm'::text, 'other'::text]))),
    CONSTRAINT warning_events_category_len CHECK ((char_length(category) <= 200)),
    CONSTRAINT warning_events_from_status_len CHECK ((char_length(from_status) <= 200)),
    CONSTRAINT warning_events_note_len CHECK ((char_length(note) <= 4000)),
    CONSTRAINT warning_events_photo_ids_len CHECK ((cardinality(photo_ids) <= 20)),
    CONSTRAINT warning_events_to_status_len CHECK ((char_length(to_status) <= 200))
);

--
-- Name: key_taken_warning_events(integer, public.warning_events); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_warning_events(p_key integer, r public.warning_events) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_warning_events' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.warning_events t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: warning_thresholds; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.warning_thresholds (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    setting_key text NOT NULL,
    grade character(1),
    customer_id uuid,
    value numeric NOT NULL,
    note text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT warning_thresholds_check CHECK (((grade IS NULL) <> (customer_id IS NULL))),
    CONSTRAINT warning_thresholds_check1 CHECK (((setting_key !~~ '%.days'::text) OR ((value = trunc(value)) AND ((value >= (1)::numeric) AND (value <= (3650)::numeric))))),
    CONSTRAINT warning_thresholds_check2 CHECK (((setting_key !~~ '%.tolerance'::text) OR (value <= (1)::numeric))),
    CONSTRAINT warning_thresholds_grade_check CHECK ((grade = ANY (ARRAY['A'::bpchar, 'B'::bpchar, 'C'::bpchar, 'D'::bpchar]))),
    CONSTRAINT warning_thresholds_note_len CHECK ((char_length(note) <= 4000)),
    CONSTRAINT warning_thresholds_setting_key_check CHECK ((setting_key = ANY (ARRAY['warning.behind_plan.tolerance'::text, 'warning.below_last_year.tolerance'::text, 'warning.below_last_year.min_amount'::text, 'warning.frequency_drop.factor'::text, 'warning.churn.days'::text, 'warning.expense_rising.tolerance'::text, 'warning.expense_rising.min_amount'::text, 'warning.credit.high_ratio'::text, 'warning.major_incident.days'::text]))),
    CONSTRAINT warning_thresholds_setting_key_len CHECK ((char_length(setting_key) <= 200)),
    CONSTRAINT warning_thresholds_value_check CHECK ((value >= (0)::numeric)),
    CONSTRAINT warning_thresholds_value_range CHECK (((value >= (0)::numeric) AND (value <= (1000000000)::numeric)))
);

--
-- Name: key_taken_warning_thresholds(integer, public.warning_thresholds); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_warning_thresholds(p_key integer, r public.warning_thresholds) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_warning_thresholds' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.warning_thresholds t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: warnings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.warnings (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    customer_id uuid NOT NULL,
    kind text NOT NULL,
    cause_key text NOT NULL,
    severity text NOT NULL,
    status text DEFAULT 'open'::text NOT NULL,
    owner_id uuid,
    figures jsonb DEFAULT '{}'::jsonb NOT NULL,
    raised_at timestamp with time zone DEFAULT now() NOT NULL,
    acknowledged_at timestamp with time zone,
    resolved_at timestamp with time zone,
    resolution text,
    notes text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    cleared_at timestamp with time zone,
    txid xid8 DEFAULT private.sync_register() NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    previous_id uuid,
    resolution_category text,
    due_on date,
    CONSTRAINT warnings_cause_key_len CHECK ((char_length(cause_key) <= 200)),
    CONSTRAINT warnings_check CHECK (((status = 'resolved'::text) = (resolved_at IS NOT NULL))),
    CONSTRAINT warnings_figures_len CHECK ((octet_length((figures)::text) <= 8000)),
    CONSTRAINT warnings_kind_check CHECK ((kind = ANY (ARRAY['credit_over_limit'::text, 'behind_plan'::text, 'below_last_year'::text, 'purchase_frequency_drop'::text, 'churn'::text, 'expense_over_budget'::text, 'expense_rising'::text, 'major_incident'::text, 'complaint_unanswered'::text]))),
    CONSTRAINT warnings_kind_len CHECK ((char_length(kind) <= 200)),
    CONSTRAINT warnings_notes_len CHECK ((char_length(notes) <= 4000)),
    CONSTRAINT warnings_resolution_category_check CHECK ((resolution_category = ANY (ARRAY['collected'::text, 'plan_adjusted'::text, 'supply_stopped'::text, 'false_alarm'::text, 'other'::text]))),
    CONSTRAINT warnings_resolution_category_len CHECK ((char_length(resolution_category) <= 200)),
    CONSTRAINT warnings_resolution_len CHECK ((char_length(resolution) <= 4000)),
    CONSTRAINT warnings_severity_check CHECK ((severity = ANY (ARRAY['low'::text, 'medium'::text, 'high'::text]))),
    CONSTRAINT warnings_severity_len CHECK ((char_length(severity) <= 200)),
    CONSTRAINT warnings_status_check CHECK ((status = ANY (ARRAY['open'::text, 'acknowledged'::text, 'investigating'::text, 'resolved'::text]))),
    CONSTRAINT warnings_status_len CHECK ((char_length(status) <= 200))
);

--
-- Name: key_taken_warnings(integer, public.warnings); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.key_taken_warnings(p_key integer, r public.warnings) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_warnings' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.warnings t where (t.id) = (r.id))
  end;
end
$$;

--
-- Name: last_purchases(date, uuid[]); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.last_purchases(p_as_of date, p_customer_ids uuid[] DEFAULT NULL::uuid[]) RETURNS TABLE(customer_id uuid, last_day date)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET plan_cache_mode TO 'force_custom_plan'
    SET jit TO 'off'
    SET max_parallel_workers_per_gather TO '0'
    AS $$
#variable_conflict use_column
declare
  v_all boolean := p_customer_ids is null;
  v_ids uuid[] := coalesce(p_customer_ids, '{}'::uuid[]);
begin
  perform private.figure_date(p_as_of);
  return query
  select st.customer_id, st.last_day from private.purchase_stats st
   where st.last_day <= p_as_of and (v_all or st.customer_id = any(v_ids))
  union all
  select p.customer_id, max(p.day)
    from private.purchase_stats st
    join private.purchase_days p on p.customer_id = st.customer_id
   where st.last_day > p_as_of and (v_all or st.customer_id = any(v_ids)) and p.day <= p_as_of
   group by p.customer_id;
end
$$;

--
-- Name: ledger_customer(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.ledger_customer(p_customer_id uuid) RETURNS TABLE(id uuid, code text, name text, credit_limit numeric, area_id uuid, tier smallint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
begin
  if p_customer_id is null then
    raise exception 'p_customer_id is required' using errcode = '22023', detail = '缺少客户编号';
  end if;
  if api then
    perform private.require_caller();
  end if;
  return query
  select c.id, c.code, c.name, c.credit_limit, c.area_id, c.tier from public.customers c
   where c.id = p_customer_id and c.deleted_at is null
     and (not api or (select private.is_manager())
          or c.id in (select private.staff_customer_ids())
          or c.id = (select private.my_customer_id()));
  if not found then
    raise exception 'customer % not found', p_customer_id using errcode = 'P0002',
      detail = '找不到该客户';
  end if;
end
$$;

--
-- Name: ledger_dealer_rows(date, uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.ledger_dealer_rows(p_as_of date, p_customer_id uuid) RETURNS TABLE(customer_id uuid, code text, name text, area_id uuid, area_code text, area_name text, status text, grade text, credit_limit numeric, balance numeric, over_limit numeric, month_plan numeric, month_purchases numeric, ytd_plan numeric, ytd_purchases numeric, ytd_progress_pct numeric, last_year_ytd numeric, contract_id uuid, contract_no text, contract_status text, contract_term_end date)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
#variable_conflict use_column
declare
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  everyone boolean;
  v_ids uuid[];
begin
  if api then
    perform private.require_staff();
  end if;
  perform private.figure_date(p_as_of);
  everyone := not api or (select private.is_manager());
  select array_agg(c.id) into v_ids
    from public.customers c
   where c.tier = 1 and c.deleted_at is null
     and (p_customer_id is null or c.id = p_customer_id)
     and (everyone or c.id in (select private.staff_customer_ids()));
  if v_ids is null then
    return;
  end if;
  return query
  with ct as (
    select distinct on (k.customer_id) k.customer_id, k.id, k.contract_no, k.status, k.term_end
      from public.contracts k
     where k.customer_id = any(v_ids) and k.deleted_at is null
     order by k.customer_id,
              (k.status = 'effective' and coalesce(k.effective_on, k.term_start, p_as_of) <= p_as_of
               and (k.term_end is null or k.term_end >= p_as_of)) desc,
              k.version desc, k.created_at desc
  )
  select s.id, s.code, s.name, s.area_id, a.code, a.name, s.status, s.grade::text,
         s.credit_limit, coalesce(b.balance, 0),
         greatest(coalesce(b.balance, 0) - s.credit_limit, 0), f.month_plan,
         coalesce(f.month_purchases, 0), coalesce(f.ytd_plan, 0), coalesce(f.ytd_purchases, 0),
         round(100 * f.ytd_progress, 1), coalesce(f.last_year_ytd, 0),
         ct.id, ct.contract_no, ct.status, ct.term_end
    from public.customers s
    join public.areas a on a.id = s.area_id
    left join private.balances(p_as_of, v_ids) b on b.customer_id = s.id
    left join private.sales_figures(p_as_of, v_ids) f on f.customer_id = s.id
    left join ct on ct.customer_id = s.id
   where s.id = any(v_ids)
   order by a.code, s.code;
end
$$;

--
-- Name: managed_rep_ids(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.managed_rep_ids() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select p.id from public.profiles p
  where p.role = 'rep' and (
    (select private.is_manager())
    or ((select private.my_role()) = 'area_manager' and p.area_id in (select private.my_area_ids()))
  )
$$;

--
-- Name: mask_urls(text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.mask_urls(p_text text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select regexp_replace(p_text, '([a-zA-Z][a-zA-Z0-9+.-]*://[^/\s?#]+)[^\s]*', '\1/…', 'g')
$$;

--
-- Name: may_soft_delete(regclass, jsonb); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.may_soft_delete(p_table regclass, p_old jsonb) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
declare
  name text := (select c.relname from pg_catalog.pg_class c where c.oid = p_table);
  quals text;
  ok boolean;
begin
  select string_agg('(' || pl.qual || ')', ' or ') into quals from pg_catalog.pg_policies pl
   where pl.schemaname = 'public' and pl.tablename = name
     and pl.cmd in ('DELETE', 'ALL') and pl.permissive = 'PERMISSIVE'
     and pl.roles && array['authenticated', 'public']::name[];
  if quals is null then
    return false;
  end if;
  -- the row under the table's own name: a policy's text names its columns that way
  execute format('select exists (select from (select (jsonb_populate_record(null::%s, $1)).*) %I' ||
                 ' where %s)', p_table, name, quals)
    into ok using p_old;
  return ok;
end
$_$;

--
-- Name: meeting_check_text(text, boolean, integer, text, text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.meeting_check_text(p_text text, p_required boolean, p_max integer, p_field text, p_zh text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $$
begin
  if p_required and length(btrim(coalesce(p_text, ''))) = 0 then
    raise exception '% is required', p_field using errcode = '22023',
      detail = format('请填写%s（%s）', p_zh, p_field);
  end if;
  if length(coalesce(p_text, '')) > p_max then
    raise exception '% is longer than % characters', p_field, p_max using errcode = '22023',
      detail = format('%s（%s）不能超过%s字', p_zh, p_field, p_max);
  end if;
end
$$;

--
-- Name: meeting_for_staff_edit(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.meeting_for_staff_edit(p_meeting_id uuid) RETURNS public.meetings
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.meetings;
begin
  select * into m from public.meetings x where x.id = p_meeting_id and x.deleted_at is null;
  if not found or not ((select private.is_manager())
                       or ((select private.my_role()) = 'area_manager'
                           and m.area_id in (select private.my_area_ids()))) then
    raise exception 'meeting % not found', p_meeting_id using errcode = 'P0002',
      detail = '找不到该座谈会';
  end if;
  return m;
end
$$;

--
-- Name: my_area_ids(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.my_area_ids() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  with recursive tree as (
    select p.area_id as id from public.profiles p
    where p.id = (select auth.uid()) and p.active and p.role in ('rep', 'area_manager')
      and p.area_id is not null
    union
    select a.id from public.areas a join tree t on a.parent_id = t.id
  )
  select id from tree
$$;

--
-- Name: my_company_people(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.my_company_people() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select p.id from public.profiles p
   where p.role = 'dealer' and p.customer_id = (select private.my_customer_id())
$$;

--
-- Name: my_customer_id(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.my_customer_id() RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select p.customer_id from public.profiles p
  where p.id = (select auth.uid()) and p.active and p.role = 'dealer'
$$;

--
-- Name: my_meeting_ids(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.my_meeting_ids() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select m.id from public.meetings m
   where (select private.is_manager())
      or ((select private.my_role()) = 'area_manager'
          and m.area_id in (select private.my_area_ids()))
  union
  select a.meeting_id from public.meeting_attendees a
   where ((select private.is_staff())
          and (a.customer_id in (select private.staff_customer_ids())
               or a.profile_id = (select auth.uid())))
      or a.customer_id = (select private.my_customer_id())
  union
  select d.meeting_id from public.meeting_decisions d
   where d.owner_id = (select auth.uid()) and (select private.is_staff())
$$;

--
-- Name: my_role(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.my_role() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select p.role from public.profiles p where p.id = (select auth.uid()) and p.active
$$;

--
-- Name: next_contract_no(text, integer); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.next_contract_no(p_code text, p_year integer) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  base text := format('HT%s-%s', p_year, left(p_code, 30));
  n int := 1;
  candidate text := base;
begin
  while exists (select from public.contracts c where c.contract_no = candidate) loop
    n := n + 1;
    candidate := base || '-' || n;
  end loop;
  return candidate;
end
$$;

--
-- Name: notify_cases_escalated(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.notify_cases_escalated() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if not exists (select from public.notify_channels ch where ch.active) then
    return null;
  end if;
  insert into private.notify_outbox (event, subject_id, customer_id, area_id, channel_id,
                                     dedupe_key, title, message)
  select 'case_escalated', k.id, k.customer_id, c.area_id, ch,
         format('case_escalated:%s:%s:%s', k.id, k.escalation_level, ch),
         '【售后升级】' || c.name,
         concat_ws(E'\n',
           format('客户：%s（%s）', c.name, c.code),
           format('售后单：%s（%s）', k.title,
                  case k.kind when 'complaint' then '投诉' when 'return' then '退货'
                              when 'exchange' then '换货' when 'repair' then '维修'
                              when 'packaging_exchange' then '包装更换'
                              when 'delivery_discrepancy' then '到货差异' else '事故' end),
           format('原因：%s', split_part(e.note, ' | ', 1)),
           format('严重程度：%s', case k.severity when 'high' then '高' when 'medium' then '中'
                                  else '低' end),
           format('负责人：%s', coalesce(p.full_name, '未分配')))
    from new_rows e
    join public.cases k on k.id = e.case_id
    join public.customers c on c.id = k.customer_id
    left join public.profiles p on p.id = k.owner_id
   cross join lateral private.notify_channels_for(c.area_id) ch
   where e.action = 'escalated'
  on conflict (dedupe_key) do nothing;
  return null;
end
$$;

--
-- Name: notify_channel_snapshot(public.notify_channels); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.notify_channel_snapshot(ch public.notify_channels) RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select jsonb_build_object(
    'name', ch.name, 'platform', ch.platform, 'area_id', ch.area_id,
    'area', (select a.name from public.areas a where a.id = ch.area_id),
    'webhook_ref', ch.webhook_ref, 'secret_ref', ch.secret_ref, 'active', ch.active)
$$;

--
-- Name: notify_channels_for(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.notify_channels_for(p_area_id uuid) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  with recursive up as (
    select a.id, a.parent_id, 1 as depth from public.areas a where a.id = p_area_id
    union all
    select a.id, a.parent_id, up.depth + 1 from public.areas a join up on a.id = up.parent_id
     where up.depth < 50
  )
  select ch.id from public.notify_channels ch
   where ch.active and (ch.area_id is null or ch.area_id in (select up.id from up))
$$;

--
-- Name: notify_min_rank(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.notify_min_rank() RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select private.severity_rank(coalesce((select s.value #>> '{}' from public.settings s
                                          where s.key = 'notify.min_severity'
                                            and s.deleted_at is null), 'high'))
$$;

--
-- Name: notify_warning_text(text, uuid, date); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.notify_warning_text(p_event text, p_warning_id uuid, p_as_of date) RETURNS TABLE(title text, message text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select
    case p_event when 'warning_raised' then '【客户预警】' else '【预警逾期】' end
      || c.name,
    concat_ws(E'\n',
      format('客户：%s（%s）', c.name, c.code),
      format('原因：%s', public.warning_message(w.kind, w.figures, 'zh')),
      format('严重程度：%s', case w.severity when 'high' then '高' when 'medium' then '中' else '低' end),
      case when p_event = 'warning_overdue' then
        format('已超过处理时限：%s 起预警，%s 天内应处理（应于 %s 前），今天 %s 仍未解决',
               (w.raised_at at time zone private.company_tz())::date,
               private.warning_due_days(w.severity), private.warning_due_on(w.severity, w.raised_at),
               p_as_of) end,
      format('负责人：%s', coalesce(p.full_name, '未分配')))
  from public.warnings w
  join public.customers c on c.id = w.customer_id
  left join public.profiles p on p.id = w.owner_id
  where w.id = p_warning_id
$$;

--
-- Name: notify_warnings_raised(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.notify_warnings_raised() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if not exists (select from public.notify_channels ch where ch.active) then
    return null;
  end if;
  insert into private.notify_outbox (event, subject_id, customer_id, area_id, channel_id,
                                     dedupe_key, title, message)
  select 'warning_raised', n.id, n.customer_id, c.area_id, ch,
         format('warning_raised:%s:%s', n.id, ch), t.title, t.message
    from new_rows n
    join public.customers c on c.id = n.customer_id
   cross join lateral private.notify_channels_for(c.area_id) ch
   cross join lateral private.notify_warning_text('warning_raised', n.id,
                                                  private.company_today()) t
   where n.status <> 'resolved'
     and private.severity_rank(n.severity) >= private.notify_min_rank()
  on conflict (dedupe_key) do nothing;
  return null;
end
$$;

--
-- Name: open_complaint_case(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.open_complaint_case() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  cid uuid;
begin
  if new.deleted_at is not null then
    return null;
  end if;
  insert into public.cases (kind, customer_id, severity, complaint_id, owner_id, due_at, opened_by,
                            opened_at, title, detail)
  values ('complaint', new.customer_id, 'medium', new.id, private.case_owner_for(new.customer_id),
          now() + make_interval(days => private.case_sla_days('medium')), new.raised_by, now(),
          '客户投诉：' || case new.category when 'product' then '产品' when 'delivery' then '配送'
                               when 'service' then '服务' when 'price' then '价格' else '其他' end,
          new.detail)
  on conflict (complaint_id) do nothing
  returning id into cid;
  if cid is not null then
    insert into public.case_events (case_id, customer_id, actor_id, action, note, to_status,
                                    owner_id)
    select cid, new.customer_id, new.raised_by, 'opened', new.detail, 'open', c.owner_id
      from public.cases c where c.id = cid;
  end if;
  return null;
end
$$;

--
-- Name: open_incident_case(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.open_incident_case() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  sev text := case when new.kind = 'minor' then 'low' else 'high' end;
  days integer := coalesce((select (s.value #>> '{}')::integer from public.settings s
                             where s.key = 'warning.major_incident.days'), 90);
  cid uuid;
begin
  if new.deleted_at is not null or new.occurred_on <= private.company_today() - days then
    return null;
  end if;
  insert into public.cases (kind, customer_id, severity, incident_id, owner_id, due_at, opened_by,
                            opened_at, title, detail)
  values ('incident', new.customer_id, sev, new.id, private.case_owner_for(new.customer_id),
          now() + make_interval(days => private.case_sla_days(sev)), new.reported_by, now(),
          '重大变故：' || case new.kind when 'theft' then '被盗' when 'accident' then '车祸'
                               when 'family_split' then '分家' when 'serious_illness' then '重病'
                               when 'other_major' then '其他重大变故' else '一般事件' end
            || '（' || new.occurred_on || '）',
          new.description)
  on conflict (incident_id) do nothing
  returning id into cid;
  if cid is not null then
    insert into public.case_events (case_id, customer_id, actor_id, action, note, internal,
                                    to_status, owner_id)
    select cid, new.customer_id, new.reported_by, 'opened', new.description, true, 'open', c.owner_id
      from public.cases c where c.id = cid;
  end if;
  return null;
end
$$;

--
-- Name: open_requested_case(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.open_requested_case() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  grade text;
  window_days integer;
  started date;
  days integer;
  status text := 'open';
  label text;
  product text;
  n integer := jsonb_array_length(new.lines);
  owner uuid := private.case_owner_for(new.customer_id);
begin
  label := case new.kind when 'return' then '退货' when 'exchange' then '换货' when 'repair' then '维修'
                         when 'packaging_exchange' then '调换包装' else '投诉' end;
  select p.name into product from public.products p
   where p.id = (new.lines -> 0 ->> 'product_id')::uuid;
  if new.kind in ('return', 'exchange') then
    select c.grade into grade from public.customers c where c.id = new.customer_id;
    window_days := private.returns_window_days(grade);
    select coalesce((max(s.confirmed_at) at time zone private.company_tz())::date, min(s.shipped_on))
      into started from public.shipments s
     where s.doc_no = new.doc_no and s.deleted_at is null;
    days := new.requested_on - started;
    status := case when days <= window_days then 'in_progress' else 'awaiting_approval' end;
  end if;
  insert into public.cases (id, kind, customer_id, severity, doc_no, owner_id, due_at, opened_by,
                            opened_at, title, detail, status)
  values (new.id, new.kind, new.customer_id, new.severity, new.doc_no, owner,
          new.requested_at + make_interval(days => private.case_sla_days(new.severity)),
          new.requested_by, new.requested_at,
          left(case when n = 0  -- no product: the reason says what it is about
                    then label || '：' || left(regexp_replace(btrim(new.reason), '\s+', ' ', 'g'), 30)
                    else concat_ws(' ', label, new.doc_no,
                                   product || case when n > 1 then format('等%s项', n) else '' end)
               end, 200),
          new.reason, status);
  insert into public.case_lines (case_id, customer_id, product_id, shipment_id, quantity)
  select new.id, new.customer_id, (x.value ->> 'product_id')::uuid,
         (x.value ->> 'shipment_id')::uuid, (x.value ->> 'quantity')::numeric
    from jsonb_array_elements(new.lines) x;
  insert into public.case_events (case_id, customer_id, actor_id, at, action, note, photo_ids,
                                  to_status, owner_id)
  values (new.id, new.customer_id, new.requested_by, new.requested_at, 'opened', new.reason,
          new.photo_ids, 'open', owner);
  if status <> 'open' then
    insert into public.case_events (case_id, customer_id, actor_id, at, action, note, from_status,
                                    to_status, step, step_on)
    values (new.id, new.customer_id, null, clock_timestamp(), 'status',
            case when status = 'in_progress'
              then format('按规则受理：%s级客户退换货期限%s天，申请在到货后第%s天 (accepted by rule: day %s of the %s-day window of grade %s)',
                          coalesce(grade, '未评级'), window_days, days, days, window_days, coalesce(grade, 'none'))
              else format('超出%s级客户退换货期限%s天（到货后第%s天），待销售经理审批 (outside the %s-day window of grade %s, day %s: waiting for a manager''s approval)',
                          coalesce(grade, '未评级'), window_days, days, window_days, coalesce(grade, 'none'), days)
            end,
            'open', status,
            case when status = 'in_progress' then 'accepted_by_rule' else 'awaiting_approval' end,
            new.requested_on);
  end if;
  if new.kind = 'return' and status = 'in_progress' then
    perform private.credit_return(new.id, new.requested_on, new.requested_on);
  end if;
  return null;
end
$$;

--
-- Name: order_reason(text, boolean, text, text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.order_reason(p_reason text, p_required boolean, p_en text, p_zh text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $$
begin
  if p_required and length(btrim(coalesce(p_reason, ''))) = 0 then
    raise exception '%', p_en using errcode = '22023', detail = p_zh;
  end if;
  if char_length(p_reason) > 4000 then
    raise exception 'the reason is longer than 4000 characters' using errcode = '22023',
      detail = '原因不能超过4000字';
  end if;
  return nullif(btrim(p_reason), '');
end
$$;

--
-- Name: order_state_error(public.orders, text, text, text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.order_state_error(o public.orders, p_wanted text, p_step_en text, p_step_zh text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  raise exception 'this order is %: only a % order can be %', o.status, p_wanted, p_step_en
    using errcode = '55000',
    detail = format('该订单当前为「%s」，只有「%s」的订单可以%s',
      case o.status when 'draft' then '草稿' when 'submitted' then '待接单' when 'accepted' then '已接单'
        when 'rejected' then '已拒单' when 'shipped' then '已发货' when 'received' then '已收货'
        else '已取消' end,
      case p_wanted when 'submitted' then '待接单' when 'accepted' then '已接单'
        when 'shipped' then '已发货' else '草稿或待接单' end,
      p_step_zh);
end
$$;

--
-- Name: order_supplier(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.order_supplier(p_customer_id uuid) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  -- the first dealer (tier 1: the root) strictly above the customer; null for a dealer itself
  with recursive up as (
    select c.parent_id as id, 1 as depth from public.customers c where c.id = p_customer_id
    union all
    select c.parent_id, u.depth + 1 from up u join public.customers c on c.id = u.id
     where u.depth < 50 and c.tier <> 1
  )
  select u.id from up u join public.customers c on c.id = u.id where c.tier = 1 limit 1
$$;

--
-- Name: own_plan_for_change(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.own_plan_for_change(p_plan_id uuid) RETURNS public.visit_plans
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  who uuid := private.require_caller();
  plan public.visit_plans;
begin
  if p_plan_id is null then
    raise exception 'p_plan_id is required' using errcode = '22023', detail = '缺少计划编号';
  end if;
  if (select private.my_role()) <> 'rep' then
    perform private.deny('only the rep submits or withdraws their own plan',
                         '只有业务员本人可以提交或撤回计划');
  end if;
  select * into plan from public.visit_plans p
  where p.id = p_plan_id and p.deleted_at is null;
  if not found then
    raise exception 'visit plan % not found', p_plan_id using errcode = 'P0002',
      detail = '找不到该拜访计划';
  end if;
  if plan.rep_id <> who then
    perform private.deny('only the rep submits or withdraws their own plan',
                         '只有业务员本人可以提交或撤回计划');
  end if;
  perform 1 from public.visit_plans p where p.id = p_plan_id for update;
  select * into plan from public.visit_plans p where p.id = p_plan_id;
  return plan;
end
$$;

--
-- Name: purchase_days_apply(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.purchase_days_apply() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  v_ids uuid[];
begin
  if tg_op = 'INSERT' then
    with ins as (
      insert into private.purchase_days as p (customer_id, day, cents, billed_cents, lines)
      select n.customer_id, n.shipped_on, sum((n.amount * 100)::bigint),
             coalesce(sum((n.amount * 100)::bigint) filter (where n.seller_id is null), 0), count(*)
        from new_rows n
       where n.deleted_at is null
       group by n.customer_id, n.shipped_on
      on conflict (customer_id, day) do update
         set cents = p.cents + excluded.cents, billed_cents = p.billed_cents + excluded.billed_cents,
             lines = p.lines + excluded.lines
      returning p.customer_id
    )
    select array_agg(distinct ins.customer_id) into v_ids from ins;
  elsif tg_op = 'DELETE' then
    with upd as (
      update private.purchase_days p
         set cents = p.cents - d.cents, billed_cents = p.billed_cents - d.billed_cents,
             lines = p.lines - d.lines
        from (select o.customer_id, o.shipped_on as day, sum((o.amount * 100)::bigint) as cents,
                     coalesce(sum((o.amount * 100)::bigint) filter (where o.seller_id is null), 0)
                       as billed_cents,
                     count(*) as lines
                from old_rows o
               where o.deleted_at is null
               group by o.customer_id, o.shipped_on) d
       where p.customer_id = d.customer_id and p.day = d.day
      returning p.customer_id
    )
    select array_agg(distinct upd.customer_id) into v_ids from upd;
  else
    -- rows whose buyer, day, amount, seller kind and liveness did not change cancel out
    with same as (
      select o.id
        from old_rows o
        join new_rows n on n.id = o.id
       where n.customer_id = o.customer_id and n.shipped_on = o.shipped_on
         and n.amount = o.amount and (n.seller_id is null) = (o.seller_id is null)
         and (n.deleted_at is null) = (o.deleted_at is null)
    ),
    delta as (
      select x.customer_id, x.day, sum(x.cents) as cents, sum(x.billed_cents) as billed_cents,
             sum(x.lines)::integer as lines
        from (
          select o.customer_id, o.shipped_on as day, -(o.amount * 100)::bigint as cents,
                 case when o.seller_id is null then -(o.amount * 100)::bigint else 0 end
                   as billed_cents,
                 -1 as lines
            from old_rows o
           where o.deleted_at is null and o.id not in (select same.id from same)
          union all
          select n.customer_id, n.shipped_on, (n.amount * 100)::bigint,
                 case when n.seller_id is null then (n.amount * 100)::bigint else 0 end, 1
            from new_rows n
           where n.deleted_at is null and n.id not in (select same.id from same)
        ) x
       group by x.customer_id, x.day
    ),
    ins as (
      insert into private.purchase_days as p (customer_id, day, cents, billed_cents, lines)
      select d.customer_id, d.day, d.cents, d.billed_cents, d.lines from delta d
      on conflict (customer_id, day) do update
         set cents = p.cents + excluded.cents, billed_cents = p.billed_cents + excluded.billed_cents,
             lines = p.lines + excluded.lines
      returning p.customer_id
    )
    select array_agg(distinct ins.customer_id) into v_ids from ins;
  end if;
  if v_ids is not null then
    delete from private.purchase_days p where p.lines <= 0;
    perform private.refresh_purchase_stats(v_ids);
  end if;
  return null;
end
$$;

--
-- Name: purchase_days_truncate(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.purchase_days_truncate() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  truncate private.purchase_days, private.purchase_stats;
  return null;
end
$$;

--
-- Name: purchases(date, date, uuid[], boolean); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.purchases(p_from date, p_to date, p_customer_ids uuid[] DEFAULT NULL::uuid[], p_by_product boolean DEFAULT false) RETURNS TABLE(customer_id uuid, product_id uuid, lines integer, quantity numeric, amount numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET plan_cache_mode TO 'force_custom_plan'
    SET jit TO 'off'
    SET max_parallel_workers_per_gather TO '0'
    AS $$
#variable_conflict use_column
declare
  v_all boolean := p_customer_ids is null;
  v_ids uuid[] := coalesce(p_customer_ids, '{}'::uuid[]);
begin
  if p_from is null or p_to is null then
    raise exception 'p_from and p_to are required' using errcode = '22023',
      detail = '缺少起止日期';
  end if;
  if p_by_product then
    return query
    select s.customer_id, s.product_id, count(*)::int, sum(s.quantity), sum(s.amount)
      from public.shipments s
     where s.deleted_at is null and s.shipped_on >= p_from and s.shipped_on <= p_to
       and (v_all or s.customer_id = any(v_ids))
     group by s.customer_id, s.product_id;
  else
    return query
    select p.customer_id, null::uuid, sum(p.lines)::int, null::numeric,
           round(sum(p.cents)::numeric / 100, 2)
      from private.purchase_days p
     where p.day >= p_from and p.day <= p_to and (v_all or p.customer_id = any(v_ids))
     group by p.customer_id;
  end if;
end
$$;

--
-- Name: rebuild_purchase_days(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.rebuild_purchase_days() RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  n bigint;
begin
  lock table public.shipments in share mode;
  truncate private.purchase_days, private.purchase_stats;
  insert into private.purchase_days (customer_id, day, cents, billed_cents, lines)
  select s.customer_id, s.shipped_on, sum((s.amount * 100)::bigint),
         coalesce(sum((s.amount * 100)::bigint) filter (where s.seller_id is null), 0), count(*)
    from public.shipments s
   where s.deleted_at is null
   group by s.customer_id, s.shipped_on;
  get diagnostics n = row_count;
  perform private.refresh_purchase_stats(null);
  return n;
end
$$;

--
-- Name: record_contract_event(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.record_contract_event() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  note text := nullif(current_setting('fieldsales.contract_note', true), '');
begin
  if tg_op = 'INSERT' or new.status is distinct from old.status then
    insert into public.contract_events (contract_id, from_status, to_status, actor_id, note)
    values (new.id, case when tg_op = 'UPDATE' then old.status end, new.status,
            (select p.id from public.profiles p where p.id = (select auth.uid())), note);
  end if;
  if tg_op = 'UPDATE' and new.status = 'effective' and old.status <> 'effective'
     and new.previous_id is not null then
    perform set_config('fieldsales.contract_note',
                       format('superseded by %s (version %s)', new.contract_no, new.version), true);
    update public.contracts set status = 'terminated'
     where id = new.previous_id and status = 'effective';
    perform set_config('fieldsales.contract_note', coalesce(note, ''), true);
  end if;
  return null;
end
$$;

--
-- Name: record_plan_decision(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.record_plan_decision() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if tg_op = 'UPDATE' and new.status is not distinct from old.status then
    return null;
  end if;
  insert into public.visit_plan_decisions (plan_id, rep_id, decided_by, decided_at, decision, comment)
  values (new.id, new.rep_id, new.decided_by, new.decided_at, new.status, new.decision_comment);
  return null;
end
$$;

--
-- Name: reevaluate_warnings(uuid[], date); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.reevaluate_warnings(p_customer_ids uuid[], p_as_of date) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if not private.warnings_deferred() then
    perform private.evaluate_warnings_core(p_customer_ids, p_as_of);
  end if;
end
$$;

--
-- Name: refresh_purchase_stats(uuid[]); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.refresh_purchase_stats(p_customer_ids uuid[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET plan_cache_mode TO 'force_custom_plan'
    SET jit TO 'off'
    AS $$
begin
  delete from private.purchase_stats st
   where (p_customer_ids is null or st.customer_id = any(p_customer_ids))
     and not exists (select from private.purchase_days p where p.customer_id = st.customer_id);
  insert into private.purchase_stats as st
         (customer_id, billed_cents, last_day, purchases, median_gap)
  select d.customer_id, sum(d.billed_cents), max(d.day),
         count(*) filter (where d.day - d.gap > d.lb) + 1,
         (percentile_cont(0.5) within group (order by d.gap)
            filter (where d.day - d.gap > d.lb))::numeric
    from (select p.customer_id, p.day, p.billed_cents,
                 p.day - lag(p.day) over (partition by p.customer_id order by p.day) as gap,
                 (max(p.day) over (partition by p.customer_id) - interval '1 year')::date as lb
            from private.purchase_days p
           where p_customer_ids is null or p.customer_id = any(p_customer_ids)) d
   group by d.customer_id
  on conflict (customer_id) do update
     set billed_cents = excluded.billed_cents, last_day = excluded.last_day,
         purchases = excluded.purchases, median_gap = excluded.median_gap
   where (st.billed_cents, st.last_day, st.purchases, st.median_gap)
         is distinct from (excluded.billed_cents, excluded.last_day, excluded.purchases,
                           excluded.median_gap);
end
$$;

--
-- Name: refuse_eliminated_customer(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.refuse_eliminated_customer() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if (select auth.uid()) is not null
     and exists (select from public.customers c
                  where c.id = new.customer_id and c.status = 'eliminated') then
    if tg_table_name = 'orders' then
      raise exception 'the customer is eliminated: no new orders' using errcode = '55000',
        detail = '该客户已淘汰，不能再下订单';
    end if;
    raise exception 'the customer is eliminated: no new visit plans' using errcode = '55000',
      detail = '该客户已淘汰，不能再安排拜访';
  end if;
  return new;
end
$$;

--
-- Name: refuse_parent_cycle(); Type: FUNCTION; Schema: private; Owner: -
--

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

--
-- Name: refuse_unseen(text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.refuse_unseen(p_table text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  raise exception 'new row violates row-level security policy for table "%"', p_table
    using errcode = '42501', detail = '没有权限写入该记录';
end
$$;

--
-- Name: report_customers(text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.report_customers(p_area_code text) RETURNS TABLE(id uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
#variable_conflict use_column
declare
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  everyone boolean;
  v_area uuid;
begin
  if api then
    perform private.require_staff();
  end if;
  everyone := not api or (select private.is_manager());
  if p_area_code is not null then
    select a.id into v_area from public.areas a where a.code = p_area_code and a.deleted_at is null;
    if v_area is null then
      raise exception 'area % not found', p_area_code using errcode = 'P0002',
        detail = format('找不到区域「%s」', p_area_code);
    end if;
  end if;
  return query
  with recursive tree as (
    select v_area as id where v_area is not null
    union
    select a.id from public.areas a join tree t on a.parent_id = t.id
  )
  select c.id from public.customers c
   where c.deleted_at is null and (v_area is null or c.area_id in (select t.id from tree t))
     and (everyone or c.id in (select private.staff_customer_ids()));
end
$$;

--
-- Name: require_caller(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.require_caller() RETURNS uuid
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  who uuid := (select auth.uid());
begin
  if who is null or (select private.my_role()) is null then
    raise exception 'not signed in' using errcode = '28000', detail = '请先登录';
  end if;
  return who;
end
$$;

--
-- Name: require_manager(text, text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.require_manager(what text, zh text) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if (select private.my_role()) is distinct from 'manager' then
    perform private.deny(what, zh);
  end if;
end
$$;

--
-- Name: require_staff(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.require_staff() RETURNS uuid
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  who uuid := private.require_caller();
begin
  if not (select private.is_staff()) then
    perform private.deny('only staff can do this', '只有内部员工可以使用此功能');
  end if;
  return who;
end
$$;

--
-- Name: returns_window_days(text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.returns_window_days(p_grade text) RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce(
    (select case when p_grade in ('A', 'B', 'C', 'D') then (s.value ->> p_grade)::integer
                 else (select min(v::integer) from jsonb_each_text(s.value) x (k, v)) end
       from public.settings s where s.key = 'returns.window_days' and s.deleted_at is null),
    case p_grade when 'A' then 60 when 'B' then 45 when 'C' then 30 else 15 end)
$$;

--
-- Name: sales_figures(date, uuid[], date); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.sales_figures(p_as_of date, p_customer_ids uuid[] DEFAULT NULL::uuid[], p_from date DEFAULT NULL::date) RETURNS TABLE(customer_id uuid, month_purchases numeric, ytd_purchases numeric, purchases_90d numeric, last_year_month numeric, last_year_ytd numeric, last_year_90d numeric, period_purchases numeric, month_plan numeric, ytd_plan numeric, plan_before_month numeric, plan_to_date numeric, period_plan numeric, month_progress numeric, ytd_progress numeric, attainment numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET plan_cache_mode TO 'force_custom_plan'
    SET jit TO 'off'
    SET max_parallel_workers_per_gather TO '0'
    AS $$
#variable_conflict use_column
declare
  v_all boolean := p_customer_ids is null;
  v_ids uuid[] := coalesce(p_customer_ids, '{}'::uuid[]);
  d date := p_as_of;
  m0 date;
  y0 date;
  ly date;
  from0 date;
  dom integer;
  dim integer;
begin
  perform private.figure_date(p_as_of);
  m0 := date_trunc('month', d)::date;
  y0 := date_trunc('year', d)::date;
  ly := (d - interval '1 year')::date;
  from0 := coalesce(p_from, y0);
  if from0 > d then
    raise exception 'p_from must not be after p_as_of' using errcode = '22023',
      detail = '起始日期不能晚于截止日期';
  end if;
  dom := extract(day from d)::int;
  dim := (m0 + interval '1 month')::date - m0;
  return query
  with pur as (
    select p.customer_id,
           sum(p.cents) filter (where p.day >= m0 and p.day <= d) as mon,
           sum(p.cents) filter (where p.day >= y0 and p.day <= d) as ytd,
           sum(p.cents) filter (where p.day > d - 90 and p.day <= d) as r90,
           sum(p.cents) filter (where p.day >= (m0 - interval '1 year')::date and p.day <= ly)
             as ly_mon,
           sum(p.cents) filter (where p.day >= (y0 - interval '1 year')::date and p.day <= ly)
             as ly_ytd,
           sum(p.cents) filter (where p.day > ly - 90 and p.day <= ly) as ly90,
           sum(p.cents) filter (where p.day >= from0 and p.day <= d) as per
      from private.purchase_days p
     where ((p.day >= least(from0, y0, d - 89) and p.day <= d)
            or (p.day >= least((y0 - interval '1 year')::date, ly - 89) and p.day <= ly))
       and (v_all or p.customer_id = any(v_ids))
     group by p.customer_id
  ), pl as (
    select p.customer_id,
           sum(p.amount) filter (where p.month = m0) as mon,
           sum(p.amount) filter (where p.month >= y0) as ytd,
           sum(p.amount) filter (where p.month >= y0 and p.month < m0) as before,
           sum(p.amount) filter (where p.month >= date_trunc('month', from0)::date
                                   and p.month < m0) as per_before
      from public.sales_plans p
     where p.deleted_at is null and p.month >= least(date_trunc('month', from0)::date, y0)
       and p.month <= m0 and (v_all or p.customer_id = any(v_ids))
     group by p.customer_id
  ), k as (
    select coalesce(pur.customer_id, pl.customer_id) as customer_id,
           round(coalesce(pur.mon, 0)::numeric / 100, 2) as mon,
           round(coalesce(pur.ytd, 0)::numeric / 100, 2) as ytd,
           round(coalesce(pur.r90, 0)::numeric / 100, 2) as r90,
           round(coalesce(pur.ly_mon, 0)::numeric / 100, 2) as ly_mon,
           round(coalesce(pur.ly_ytd, 0)::numeric / 100, 2) as ly_ytd,
           round(coalesce(pur.ly90, 0)::numeric / 100, 2) as ly90,
           round(coalesce(pur.per, 0)::numeric / 100, 2) as per,
           pl.mon as plan_mon, coalesce(pl.ytd, 0) as plan_ytd,
           coalesce(pl.before, 0) as plan_before,
           coalesce(pl.before, 0) + coalesce(pl.mon, 0) * dom / dim as plan_to_date,
           coalesce(pl.per_before, 0) + coalesce(pl.mon, 0) * dom / dim as plan_per
      from pur full join pl on pl.customer_id = pur.customer_id
  )
  select k.customer_id, k.mon, k.ytd, k.r90, k.ly_mon, k.ly_ytd, k.ly90, k.per, k.plan_mon,
         k.plan_ytd, k.plan_before, k.plan_to_date, k.plan_per, k.mon / nullif(k.plan_mon, 0),
         k.ytd / nullif(k.plan_ytd, 0), k.ytd / nullif(k.plan_to_date, 0)
    from k;
end
$$;

--
-- Name: scorecard_indicators(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.scorecard_indicators() RETURNS text[]
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select array['enthusiasm', 'flexibility', 'distribution_capacity', 'capital_strength',
               'hot_brands', 'logistics', 'credit', 'social_relations', 'sales_management',
               'network', 'promotion_ability', 'after_sales', 'relationship']
$$;

--
-- Name: set_warning_due_on(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.set_warning_due_on() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  new.due_on := private.warning_due_on(new.severity, new.raised_at);
  return new;
end
$$;

--
-- Name: setting_changes_append_only(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.setting_changes_append_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  raise exception 'setting_changes is append-only: a recorded change is never altered or removed'
    using errcode = '42501', detail = '设置变更记录只能追加，不能修改或删除';
end
$$;

--
-- Name: setting_shape_parts(text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.setting_shape_parts(p_shape text) RETURNS text[]
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select case p_shape
    when 'by_grade' then array['A', 'B', 'C', 'D']
    when 'by_severity' then array['high', 'low', 'medium']
    when 'cutoffs' then array['A', 'B', 'C']
    when 'weights' then (select array_agg(i order by i) from unnest(private.scorecard_indicators()) i)
  end
$$;

--
-- Name: severity_rank(text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.severity_rank(p_severity text) RETURNS integer
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select case p_severity when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end
$$;

--
-- Name: shipment_returnable(uuid, uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.shipment_returnable(p_shipment_id uuid, p_except uuid DEFAULT NULL::uuid, OUT delivered numeric, OUT used numeric) RETURNS record
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  select case when s.confirmed_at is not null then coalesce(s.received_quantity, s.quantity)
              else s.quantity end
    into delivered from public.shipments s where s.id = p_shipment_id for no key update;
  select coalesce(sum(l.quantity), 0) into used
    from public.case_lines l join public.cases c on c.id = l.case_id
   where l.shipment_id = p_shipment_id and l.deleted_at is null and c.deleted_at is null
     and c.kind in ('return', 'exchange') and c.id is distinct from p_except
     and not private.case_was_rejected(c.id, c.status);
  used := trunc(used + coalesce((select sum(r.quantity) from public.returns r
                            where r.shipment_id = p_shipment_id and r.case_id is null
                              and r.deleted_at is null and r.status in ('accepted', 'completed')
                              and r.kind in ('return', 'exchange')), 0));
  delivered := trunc(delivered);
end
$$;

--
-- Name: staff_customer_ids(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.staff_customer_ids() RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  who uuid := (select auth.uid());
  role text := (select private.my_role());
begin
  if role = 'manager' then
    return query select c.id from public.customers c;
  elsif role = 'area_manager' then
    return query select c.id from public.customers c
      where c.area_id in (select private.my_area_ids());
  elsif role = 'rep' then
    return query select c.id from public.customers c where c.owner_chain @> array[who];
  end if;
end
$$;

--
-- Name: staff_ledger_customer(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.staff_ledger_customer(p_customer_id uuid) RETURNS TABLE(id uuid, code text, name text, credit_limit numeric, area_id uuid, tier smallint)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  if coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon') then
    perform private.require_staff();
  end if;
  return query select * from private.ledger_customer(p_customer_id);
end
$$;

--
-- Name: staff_order(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.staff_order(p_order_id uuid) RETURNS public.orders
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  o public.orders;
begin
  perform private.require_staff();
  if p_order_id is null then
    raise exception 'p_order_id is required' using errcode = '22023', detail = '缺少订单编号';
  end if;
  select * into o from public.orders x where x.id = p_order_id and x.deleted_at is null for update;
  if not found or not ((select private.is_manager())
                       or o.customer_id in (select private.staff_customer_ids())) then
    raise exception 'order % not found', p_order_id using errcode = 'P0002', detail = '找不到该订单';
  end if;
  return o;
end
$$;

--
-- Name: staff_sees_customer(uuid, uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.staff_sees_customer(p_profile uuid, p_customer_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select exists (
    select from public.profiles p, public.customers c
     where p.id = p_profile and c.id = p_customer_id and p.active
       and (p.role = 'manager'
            or (p.role = 'rep' and c.owner_chain @> array[p.id])
            or (p.role = 'area_manager' and p.id = any(private.area_managers_over(c.area_id)))))
$$;

--
-- Name: submit_visit_orders(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.submit_visit_orders() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  update public.orders o
     set status = 'submitted', submitted_at = now(),
         supplier_id = private.order_supplier(o.customer_id),
         ship_to_name = c.name, ship_to_address = c.address, ship_to_contact = c.contact_name,
         ship_to_phone = c.phone
    from public.customers c
   where c.id = o.customer_id
     and o.visit_id = new.id and o.status = 'draft' and o.deleted_at is null
     and exists (select from public.order_lines l where l.order_id = o.id and l.deleted_at is null);
  return null;
end
$$;

--
-- Name: supplied_order(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.supplied_order(p_order_id uuid) RETURNS public.orders
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  role text := (select private.my_role());
  o public.orders;
begin
  perform private.require_caller();
  if role is distinct from 'dealer' and role is distinct from 'manager' then
    perform private.deny('only the supplying dealer handles an order', '只有供货经销商可以处理该订单');
  end if;
  if p_order_id is null then
    raise exception 'p_order_id is required' using errcode = '22023', detail = '缺少订单编号';
  end if;
  select * into o from public.orders x where x.id = p_order_id and x.deleted_at is null for update;
  if not found or (role = 'dealer' and o.supplier_id is distinct from (select private.my_customer_id())) then
    raise exception 'order % not found', p_order_id using errcode = 'P0002', detail = '找不到该订单';
  end if;
  if role = 'manager' and o.supplier_id is not null then
    perform private.deny('only the supplying dealer handles an order', '只有供货经销商可以处理该订单');
  end if;
  return o;
end
$$;

--
-- Name: sync_apply(jsonb); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.sync_apply(m jsonb) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
declare
  tbl text := m ->> 'table';
  op text := m ->> 'op';
  r jsonb := m -> 'row';
  rid uuid;
  existing jsonb;
  cols text;
  upd_cols text;
  version bigint;
  base bigint;
begin
  if tbl is null or not exists (select from private.sync_tables s where s.name = tbl and s.pushable) then
    raise exception 'table % cannot be written by a phone', coalesce(tbl, '(missing)')
      using errcode = '22023', detail = '该数据不能由手机端写入';
  end if;
  if op is null or op not in ('upsert', 'delete') then
    raise exception 'op must be upsert or delete' using errcode = '22023', detail = '操作类型无效';
  end if;
  if r is null or jsonb_typeof(r) <> 'object' or not (r ? 'id') then
    raise exception 'row must be an object with an id' using errcode = '22023', detail = '缺少记录编号';
  end if;
  rid := (r ->> 'id')::uuid;
  base := (m ->> 'base_version')::bigint;
  execute format('select to_jsonb(x) from public.%I x where x.id = $1', tbl) into existing using rid;

  if op = 'delete' then
    if existing is null then
      raise exception 'row % not found', rid using errcode = 'P0002', detail = '找不到该记录';
    end if;
    execute format('update public.%I set deleted_at = now() where id = $1 returning version', tbl)
      into version using rid;
    if version is null then
      raise exception 'you cannot delete this row' using errcode = '42501', detail = '无权删除该记录';
    end if;
    return jsonb_build_object('status', 'applied', 'version', version);
  end if;

  select string_agg(format('%I', a.attname), ', ' order by a.attnum),
         string_agg(format('%I', a.attname), ', ' order by a.attnum) filter (where a.attname <> 'id')
    into cols, upd_cols
    from pg_attribute a
   where a.attrelid = format('public.%I', tbl)::regclass and a.attnum > 0 and not a.attisdropped
     and a.attname not in ('txid', 'version', 'created_at', 'updated_at')
     and r ? a.attname;

  if existing is null then
    execute format('insert into public.%1$I (%2$s) select %2$s from jsonb_populate_record(null::public.%1$I, $1)'
                   ' returning version', tbl, cols)
      into version using r;
    return jsonb_build_object('status', 'applied', 'version', version);
  end if;

  -- an upsert of the id alone writes nothing, so it conflicts with nothing: the phone sends one
  -- to ask whether an insert whose answer was lost reached the server (fieldapp/store/answers.py)
  if upd_cols is null then
    return jsonb_build_object('status', 'applied', 'version', (existing ->> 'version')::bigint);
  end if;
  -- conflict rules (docs/sync.md)
  if tbl = 'customers' and base is not null and base <> (existing ->> 'version')::bigint then
    return jsonb_build_object('status', 'conflict', 'server', existing);
  end if;
  if tbl = 'orders' and existing ->> 'status' <> 'draft' then
    return jsonb_build_object('status', 'conflict', 'server', existing);
  end if;
  if tbl = 'order_lines' and not exists (
      select from public.orders o where o.id = (existing ->> 'order_id')::uuid and o.status = 'draft') then
    return jsonb_build_object('status', 'conflict', 'server', existing);
  end if;
  execute format('update public.%1$I x set (%2$s) = (select %2$s from jsonb_populate_record(null::public.%1$I, $1))'
                 ' where x.id = $2 returning version', tbl, upd_cols)
    into version using r, rid;
  if version is null then
    raise exception 'you cannot change this row' using errcode = '42501', detail = '无权修改该记录';
  end if;
  return jsonb_build_object('status', 'applied', 'version', version);
end
$_$;

--
-- Name: sync_customers_moved(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.sync_customers_moved() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $_$
declare
  tx xid8;
  roots uuid[];
  seen boolean;
  rehomed boolean;
  moved uuid[];
  t record;
begin
  if not exists (select from new_rows) then
    return null;
  end if;
  execute 'select array_agg(n.id), bool_or(o.owner_chain <> ''{}''),'
          ' bool_or(o.area_id is distinct from n.area_id)'
          ' from new_rows n join old_rows o on o.id = n.id'
          ' where (o.owner_id, o.area_id, o.parent_id)'
          ' is distinct from (n.owner_id, n.area_id, n.parent_id)'
    into roots, seen, rehomed;
  if roots is null then
    return null;
  end if;
  tx := private.sync_register();  -- the stamp this transaction's rows carry

  with recursive down as (
    select unnest(roots) as id
    union
    select c.id from public.customers c join down d on c.parent_id = d.id
  )
  select array_agg(id) into moved from down;

  -- Reps who could see a moved customer (through it or a customer above it) and no longer see
  -- an outlet of its subtree lose that outlet; a rep who still owns a customer between the
  -- outlet and the moved one keeps it. Chains are current here: the chain trigger fired first.
  -- Nobody could see a customer whose chain was empty (one given its first owner by an import).
  if seen then
    execute $q$
      insert into public.sync_revocations (user_id, table_name, row_id)
      with recursive roots as (
        select n.id, o.owner_chain as old_chain from new_rows n join old_rows o on o.id = n.id
         where (o.owner_id, o.area_id, o.parent_id)
               is distinct from (n.owner_id, n.area_id, n.parent_id)
           and o.owner_chain <> '{}'
      ), down as (
        select r.id, r.id as root from roots r
        union
        select c.id, d.root from public.customers c join down d on c.parent_id = d.id
      )
      select distinct u, 'customers', c.id
        from down d
        join roots r on r.id = d.root
        join public.customers c on c.id = d.id
        cross join unnest(r.old_chain) u
       where u <> all (c.owner_chain)
    $q$;
  end if;
  -- area managers over the old area but not the new one lose the moved customer itself
  if rehomed then
    execute $q$
      insert into public.sync_revocations (user_id, table_name, row_id)
      with areas as materialized (
        select n.id, o.area_id as old_area, n.area_id as new_area
          from new_rows n join old_rows o on o.id = n.id
         where o.area_id is distinct from n.area_id
      )
      select distinct a, 'customers', r.id
        from areas r
        cross join unnest(private.area_managers_over(r.old_area)) a
       where a <> all (private.area_managers_over(r.new_area))
    $q$;
  end if;

  -- re-send: stamp the moved customers and everything that hangs off them (once per table)
  update public.customers set txid = tx where id = any(moved) and txid <> tx;
  for t in
    select s.name from private.sync_tables s
      join pg_catalog.pg_class k on k.relname = s.name and k.relnamespace = 'public'::regnamespace
      join pg_catalog.pg_attribute a
        on a.attrelid = k.oid and a.attname = 'customer_id' and not a.attisdropped
  loop
    execute format('update public.%I set txid = $2 where customer_id = any($1) and txid <> $2',
                   t.name)
      using moved, tx;
  end loop;
  update public.order_lines set txid = tx
   where order_id in (select o.id from public.orders o where o.customer_id = any(moved))
     and txid <> tx;
  return null;
end
$_$;

--
-- Name: sync_pull_bound(pg_snapshot); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.sync_pull_bound(p_snap pg_snapshot) RETURNS xid8
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  bound xid8;
begin
  if not exists (select from pg_catalog.pg_snapshot_xip(p_snap)) then
    return pg_catalog.pg_snapshot_xmax(p_snap);
  end if;
  with held as materialized (
    -- one call of pg_lock_status(): every row below comes from the same instant
    select l.locktype, l.transactionid, l.pid, l.database
      from pg_catalog.pg_locks l
     where l.granted and l.pid is not null
       and ((l.locktype = 'transactionid' and l.mode = 'ExclusiveLock')  -- the owner's own lock
            or (l.locktype = 'advisory' and l.classid = 727010 and l.objsubid = 2))
  ), strangers as (
    select h.transactionid from held h
     where h.locktype = 'transactionid'
       and not exists (
         select from held r
          where r.locktype = 'advisory' and r.pid = h.pid
            and r.database = (select d.oid from pg_catalog.pg_database d
                               where d.datname = pg_catalog.current_database()))
  )
  select min(x) into bound
    from pg_catalog.pg_snapshot_xip(p_snap) x
   where not exists (select from strangers s where s.transactionid = pg_catalog.xid(x));
  return coalesce(bound, pg_catalog.pg_snapshot_xmax(p_snap));
end
$$;

--
-- Name: sync_reevaluate(uuid[]); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.sync_reevaluate(p_customer_ids uuid[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  visible uuid[];
begin
  select array_agg(i) into visible from unnest(p_customer_ids) i
   where i in (select private.staff_customer_ids());
  if visible is not null then
    perform private.reevaluate_warnings(visible, private.company_today());
  end if;
end
$$;

--
-- Name: sync_register_statement(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.sync_register_statement() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  perform private.sync_register();
  return null;
end
$$;

--
-- Name: sync_stamp(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.sync_stamp() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  new.txid := private.sync_register();
  if tg_op = 'INSERT' then
    new.version := 1;
  elsif (to_jsonb(new) - array['txid', 'version', 'updated_at'])
        is distinct from (to_jsonb(old) - array['txid', 'version', 'updated_at']) then
    new.version := old.version + 1;
  else
    new.version := old.version;  -- re-stamped only (re-sent), data unchanged
  end if;
  return new;
end
$$;

--
-- Name: sync_tombstone(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.sync_tombstone() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $_$
begin
  -- security definer: current_user is the owner here; the API role is in the role setting
  if coalesce(current_setting('role', true), 'none') <> 'authenticated' then
    return old;
  end if;
  execute format('update public.%I set deleted_at = now() where %I::text = $1 and deleted_at is null',
                 tg_table_name, case when tg_table_name = 'settings' then 'key' else 'id' end)
    using case when tg_table_name = 'settings' then to_jsonb(old) ->> 'key'
               else to_jsonb(old) ->> 'id' end;
  return null;
end
$_$;

--
-- Name: touch_updated_at(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  new.updated_at := now();
  return new;
end
$$;

--
-- Name: warning_check_note(text, boolean); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.warning_check_note(p_note text, p_required boolean) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $$
begin
  if p_required and length(btrim(coalesce(p_note, ''))) = 0 then
    raise exception 'a note is required' using errcode = '22023', detail = '请填写说明（note）';
  end if;
  if length(coalesce(p_note, '')) > 4000 then
    raise exception 'the note is longer than 4000 characters' using errcode = '22023',
      detail = '说明（note）不能超过4000字';
  end if;
end
$$;

--
-- Name: warning_due_days(text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.warning_due_days(p_severity text) RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce((select (s.value ->> p_severity)::integer from public.settings s
                    where s.key = 'warning.due_days' and s.deleted_at is null),
                  case p_severity when 'high' then 3 when 'medium' then 7 else 14 end)
$$;

--
-- Name: warning_due_on(text, timestamp with time zone); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.warning_due_on(p_severity text, p_raised_at timestamp with time zone) RETURNS date
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select (p_raised_at at time zone private.company_tz())::date + private.warning_due_days(p_severity)
$$;

--
-- Name: warning_for_action(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.warning_for_action(p_warning_id uuid) RETURNS public.warnings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  row public.warnings;
  role text := (select private.my_role());
begin
  perform private.require_caller();
  if p_warning_id is null then
    raise exception 'p_warning_id is required' using errcode = '22023', detail = '缺少预警编号';
  end if;
  select * into row from public.warnings w where w.id = p_warning_id for update;
  if not found or role not in ('rep', 'area_manager', 'manager')
     or (role <> 'manager' and row.customer_id not in (select private.staff_customer_ids())) then
    raise exception 'warning % not found', p_warning_id using errcode = 'P0002', detail = '找不到该预警';
  end if;
  if row.status = 'resolved' then
    raise exception 'a resolved warning stays resolved' using errcode = '55000',
      detail = '已解除的预警不能再处理';
  end if;
  return row;
end
$$;

--
-- Name: warning_overdue(text, timestamp with time zone, text, date); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.warning_overdue(p_severity text, p_raised_at timestamp with time zone, p_status text, p_as_of date) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select p_status <> 'resolved' and p_as_of > private.warning_due_on(p_severity, p_raised_at)
$$;

--
-- Name: warning_snooze_days(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.warning_snooze_days() RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce((select (s.value #>> '{}')::integer from public.settings s
                    where s.key = 'warning.snooze_days' and s.deleted_at is null), 14)
$$;

--
-- Name: warning_step(public.warnings, text, text, uuid, text, uuid[], text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.warning_step(w public.warnings, p_action text, p_to_status text, p_owner_id uuid, p_note text, p_photo_ids uuid[], p_category text) RETURNS public.warnings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  note text := nullif(btrim(coalesce(p_note, '')), '');
  now_ timestamptz := private.company_now();
  row public.warnings;
begin
  update public.warnings
     set status = p_to_status,
         owner_id = coalesce(p_owner_id, owner_id),
         acknowledged_at = case when p_to_status = 'acknowledged' then coalesce(acknowledged_at, now_)
                                else acknowledged_at end,
         resolved_at = case when p_to_status = 'resolved' then now_ else resolved_at end,
         resolution = case when p_to_status = 'resolved' then note else resolution end,
         resolution_category = case when p_to_status = 'resolved' then p_category
                                    else resolution_category end,
         notes = case when note is not null and p_to_status <> 'resolved'
                      then right(concat_ws(E'\n', notes, note), 4000) else notes end
   where id = w.id
  returning * into row;
  insert into public.warning_events (warning_id, customer_id, actor_id, at, action, note, photo_ids,
                                     category, from_status, to_status, owner_id)
  values (w.id, w.customer_id, (select auth.uid()), now_, p_action, note,
          coalesce(p_photo_ids, '{}'), p_category, w.status, p_to_status, row.owner_id);
  return row;
end
$$;

--
-- Name: warning_threshold_keys(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.warning_threshold_keys() RETURNS text[]
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select array['warning.behind_plan.tolerance', 'warning.below_last_year.tolerance',
               'warning.below_last_year.min_amount', 'warning.frequency_drop.factor',
               'warning.churn.days', 'warning.expense_rising.tolerance',
               'warning.expense_rising.min_amount', 'warning.credit.high_ratio',
               'warning.major_incident.days']
$$;

--
-- Name: warnings_deferred(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.warnings_deferred() RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select coalesce(current_setting('fieldsales.defer_warnings', true), '') = 'on'
         and pg_catalog.pg_has_role(session_user, 'service_role', 'member')
$$;

--
-- Name: warnings_due_days_changed(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.warnings_due_days_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  update public.warnings w
     set due_on = private.warning_due_on(w.severity, w.raised_at)
   where w.status <> 'resolved'
     and w.due_on is distinct from private.warning_due_on(w.severity, w.raised_at);
  return null;
end
$$;

--
-- Name: write_guard_source(regclass); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.write_guard_source(p_table regclass) RETURNS TABLE(guard text, probe text)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $_$
declare
  name text := (select c.relname from pg_catalog.pg_class c where c.oid = p_table);
  fk record;
  key record;
  pk text[];
  body text := '';
  probe_cases text := '';
  i integer := 0;
  probe_name text := 'key_taken_' || name;
begin
  select array_agg(a.attname::text order by n.ord) into pk
    from pg_catalog.pg_constraint c
    cross join unnest(c.conkey) with ordinality as n(attnum, ord)
    join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = n.attnum
   where c.conrelid = p_table and c.contype = 'p';
  body := body || E'  if tg_op = ''UPDATE'' then\n';
  if pk is not null then
    body := body || format(E'    if (%s) is distinct from (%s) then\n' ||
      E'      perform private.deny(''the key of a %s row never changes'', ''记录编号不能修改'');\n' ||
      E'    end if;\n',
      private.cols_test('new', pk, '', ','), private.cols_test('old', pk, '', ','), name);
  end if;
  if exists (select from pg_catalog.pg_attribute a where a.attrelid = p_table
              and a.attname = 'deleted_at' and not a.attisdropped) then
    body := body || format(E'    if new.deleted_at is distinct from old.deleted_at\n' ||
      E'       and not private.may_soft_delete(%L, to_jsonb(old)) then\n' ||
      E'      perform private.deny(''you cannot delete this %s row'', ''无权删除该记录'');\n' ||
      E'    end if;\n', p_table::text, name);
  end if;
  body := body || E'  end if;\n';

  for fk in
    select c.conname, c.confrelid::regclass as target, t.relname::text as target_name,
           array_agg(a.attname::text order by n.ord) as cols,
           array_agg(fa.attname::text order by n.ord) as ref_cols
      from pg_catalog.pg_constraint c
      cross join unnest(c.conkey, c.confkey) with ordinality as n(attnum, refnum, ord)
      join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = n.attnum
      join pg_catalog.pg_attribute fa on fa.attrelid = c.confrelid and fa.attnum = n.refnum
      join pg_catalog.pg_class t on t.oid = c.confrelid
     where c.conrelid = p_table and c.contype = 'f'
       and t.relnamespace = 'public'::regnamespace
     group by c.oid, c.conname, c.confrelid, t.relname
     order by c.conname
  loop
    body := body || format(E'  -- %s\n  if not (%s)\n' ||
      E'     and (tg_op = ''INSERT'' or (%s) is distinct from (%s)) then\n' ||
      E'    if not exists (select from %s t where %s)%s then\n' ||
      E'      perform private.refuse_unseen(tg_table_name);\n    end if;\n',
      fk.conname, private.cols_test('new', fk.cols, 'is null', 'or'),
      private.cols_test('new', fk.cols, '', ','), private.cols_test('old', fk.cols, '', ','),
      fk.target, private.cols_equal('t', fk.ref_cols, 'new', fk.cols),
      -- a dealer does not read the customers table, yet its own company is its to refer to
      case when fk.target_name = 'customers' then format(
        E'\n       and new.%I is distinct from (select private.my_customer_id())', fk.cols[1])
      else '' end);
    if fk.target_name = 'profiles' then
      body := body || format(
        E'    if new.%1$I is distinct from (select auth.uid()) and not exists (\n' ||
        E'        select from public.profiles p where p.id = new.%1$I and p.active\n' ||
        E'           and p.role in (''rep'', ''area_manager'', ''manager'')) then\n' ||
        '      perform private.deny(''%2$s.%1$s names someone who is not an active staff member'',' ||
        E' ''只能填写本人或在职员工'');\n    end if;\n', fk.cols[1], name);
    end if;
    body := body || E'  end if;\n';
  end loop;

  for key in
    select c.conname, array_agg(a.attname::text order by n.ord) as cols
      from pg_catalog.pg_constraint c
      cross join unnest(c.conkey) with ordinality as n(attnum, ord)
      join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = n.attnum
     where c.conrelid = p_table and c.contype in ('p', 'u')
     group by c.oid, c.conname
     order by c.conname
  loop
    body := body || format(E'  -- %s\n  if not (%s)\n' ||
      E'     and (tg_op = ''INSERT'' or (%s) is distinct from (%s))\n' ||
      E'     and private.%I(%s, new) and not exists (select from %s t where %s) then\n' ||
      E'    perform private.refuse_unseen(tg_table_name);\n  end if;\n',
      key.conname, private.cols_test('new', key.cols, 'is null', 'or'),
      private.cols_test('new', key.cols, '', ','), private.cols_test('old', key.cols, '', ','),
      probe_name, i, p_table, private.cols_equal('t', key.cols, 'new', key.cols));
    probe_cases := probe_cases || format(E'    when %s then exists (select from %s t where %s)\n',
      i, p_table, private.cols_equal('t', key.cols, 'r', key.cols));
    i := i + 1;
  end loop;

  guard := E'\nbegin\n  if current_user not in (''authenticated'', ''anon'') then\n'
    || E'    return new;\n  end if;\n' || body || E'  return new;\nend\n';
  probe := E'\nbegin\n  if pg_trigger_depth() = 0 then\n'
    || E'    raise exception ''private.% is for triggers only'', ''' || probe_name
    || E''' using errcode = ''42501'',\n      detail = ''仅供触发器使用'';\n  end if;\n'
    || case when probe_cases = '' then E'  return false;\n'
            else E'  return case p_key\n' || probe_cases || E'  end;\n' end || E'end\n';
  return next;
end
$_$;

--
-- Name: accept_order(uuid, jsonb, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.accept_order(p_order_id uuid, p_lines jsonb DEFAULT NULL::jsonb, p_reason text DEFAULT NULL::text) RETURNS public.orders
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  o public.orders := private.supplied_order(p_order_id);
  e jsonb;
  lid uuid;
  q numeric;
  ln public.order_lines;
  wanted jsonb := '{}';
  lowered boolean := false;
  reason text;
begin
  if o.status <> 'submitted' then
    perform private.order_state_error(o, 'submitted', 'accepted', '接单');
  end if;
  if p_lines is not null and jsonb_typeof(p_lines) = 'null' then
    p_lines := null;
  end if;
  if p_lines is not null and jsonb_typeof(p_lines) <> 'array' then
    raise exception 'p_lines must be a list of {"id": order line, "quantity": accepted}'
      using errcode = '22023', detail = '订单行格式无效';
  end if;
  for e in select value from jsonb_array_elements(coalesce(p_lines, '[]')) loop
    if jsonb_typeof(e) <> 'object' or coalesce(jsonb_typeof(e -> 'id'), '') <> 'string'
       or coalesce(jsonb_typeof(e -> 'quantity'), '') <> 'number' then
      raise exception 'each line needs an "id" and a numeric "quantity" (got %)', left(e::text, 100)
        using errcode = '22023', detail = '每一行都须有订单行编号和数量';
    end if;
    begin
      lid := (e ->> 'id')::uuid;
    exception when invalid_text_representation then
      raise exception 'line % is not a line of this order', e ->> 'id'
        using errcode = '22023', detail = '该订单中没有这一行';
    end;
    q := (e ->> 'quantity')::numeric;
    select * into ln from public.order_lines l
     where l.id = lid and l.order_id = o.id and l.deleted_at is null;
    if not found then
      raise exception 'line % is not a line of this order', lid
        using errcode = '22023', detail = '该订单中没有这一行';
    end if;
    if wanted ? lid::text then
      raise exception 'line % is given twice', lid using errcode = '22023', detail = '同一订单行出现了两次';
    end if;
    if q < 0 then
      raise exception 'quantities cannot be negative' using errcode = '22023', detail = '数量不能为负数';
    end if;
    if q <> trunc(q) then
      raise exception 'the quantity must be whole boxes, no fractions' using errcode = '22023',
        detail = '数量须为整箱数，不能有小数';
    end if;
    if q > ln.quantity then
      raise exception 'an accepted quantity cannot be above the ordered % (line %)', ln.quantity, lid
        using errcode = '22023', detail = format('接单数量不能超过订购数量 %s', ln.quantity);
    end if;
    lowered := lowered or q < ln.quantity;
    wanted := wanted || jsonb_build_object(lid::text, q);
  end loop;
  reason := private.order_reason(p_reason, lowered,
    'lowering a quantity needs a reason', '减少数量时必须填写原因');
  if not exists (select from public.order_lines l
                  where l.order_id = o.id and l.deleted_at is null
                    and coalesce((wanted ->> l.id::text)::numeric, l.quantity) > 0) then
    raise exception 'nothing would be shipped: reject the order instead' using errcode = '22023',
      detail = '所有数量都为零，请改为拒单';
  end if;
  update public.order_lines l
     set accepted_quantity = coalesce((wanted ->> l.id::text)::numeric, l.quantity)
   where l.order_id = o.id and l.deleted_at is null;
  update public.orders
     set status = 'accepted', decided_at = now(), decided_by = (select auth.uid()),
         status_reason = reason
   where id = o.id
  returning * into o;
  return o;
end
$$;

--
-- Name: advance_contract(uuid, text, text, date, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.advance_contract(p_contract_id uuid, p_status text, p_note text DEFAULT NULL::text, p_date date DEFAULT NULL::date, p_place text DEFAULT NULL::text) RETURNS public.contracts
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_row public.contracts;
begin
  perform private.require_caller();
  if (select private.my_role()) not in ('manager', 'area_manager') then
    perform private.deny('only managers and area managers change contracts',
                         '只有销售经理和区域经理可以处理合同');
  end if;
  if p_status is null or p_status not in
      ('draft', 'in_review', 'signed', 'effective', 'expired', 'terminated') then
    raise exception 'p_status must be draft, in_review, signed, effective, expired or terminated'
      using errcode = '22023', detail = '状态只能是草稿、审核中、已签署、生效、已到期或已终止';
  end if;
  if length(coalesce(p_note, '')) > 2000 or length(coalesce(p_place, '')) > 200 then
    raise exception 'the note or place is too long' using errcode = '22023',
      detail = '说明不能超过2000字，地点不能超过200字';
  end if;
  v_row := private.contract_or_raise(p_contract_id);
  if not private.contract_step_allowed(v_row.status, p_status) then
    raise exception 'a contract cannot go from % to %', v_row.status, p_status
      using errcode = '55000', detail = format('合同不能从「%s」变为「%s」', v_row.status, p_status);
  end if;
  if p_status = 'signed' and (select private.my_role()) <> 'manager' then
    perform private.deny('only a manager signs a contract', '只有销售经理可以签署合同');
  end if;
  if p_status = 'terminated' and length(btrim(coalesce(p_note, ''))) = 0 then
    raise exception 'terminating a contract needs a note' using errcode = '22023',
      detail = '终止合同须填写原因';
  end if;
  perform set_config('fieldsales.contract_note', coalesce(btrim(p_note), ''), true);
  update public.contracts c
     set status = p_status,
         signed_on = case when p_status = 'signed' then coalesce(p_date, private.company_today())
                          else c.signed_on end,
         signed_place = case when p_status = 'signed' then coalesce(nullif(btrim(p_place), ''),
                               c.signed_place, c.delivery_place) else c.signed_place end,
         effective_on = case when p_status = 'effective'
                             then coalesce(p_date, greatest(c.signed_on, c.term_start), c.signed_on)
                             else c.effective_on end
   where c.id = p_contract_id
  returning * into v_row;
  if not found then
    perform private.deny('only a manager changes a contract', '只有销售经理可以处理合同');
  end if;
  perform set_config('fieldsales.contract_note', '', true);
  return v_row;
end
$$;

--
-- Name: amend_contract(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.amend_contract(p_contract_id uuid) RETURNS public.contracts
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
declare
  v_old public.contracts;
  v_row public.contracts;
  base text;
  no text;
begin
  perform private.require_caller();
  v_old := private.contract_or_raise(p_contract_id);
  if (select private.my_role()) <> 'manager' then
    perform private.deny('only a manager amends contracts', '只有销售经理可以变更合同');
  end if;
  if v_old.status not in ('signed', 'effective') then
    raise exception 'only a signed or effective contract is amended (it is %); edit the draft',
      v_old.status using errcode = '55000', detail = '只有已签署或生效的合同需要变更；草稿可直接修改';
  end if;
  if exists (select from public.contracts c where c.previous_id = v_old.id and c.deleted_at is null
             and c.status in ('draft', 'in_review', 'signed')) then
    raise exception 'contract % already has an open amendment', v_old.contract_no
      using errcode = '55000', detail = '该合同已有未完成的变更版本';
  end if;
  base := left(regexp_replace(v_old.contract_no, '-V[0-9]+$', ''), 34);
  no := format('%s-V%s', base, v_old.version + 1);
  insert into public.contracts
  select (jsonb_populate_record(v_old, jsonb_build_object(
            'id', gen_random_uuid(), 'contract_no', no, 'version', v_old.version + 1,
            'previous_id', v_old.id, 'status', 'draft', 'signed_on', null, 'effective_on', null,
            'created_at', now(), 'updated_at', now(), 'deleted_at', null))).*
  returning * into v_row;
  insert into public.contract_lines (contract_id, line_no, product_id, variety, brand, spec,
                                     quantity, unit_price)
  select v_row.id, l.line_no, l.product_id, l.variety, l.brand, l.spec, l.quantity, l.unit_price
    from public.contract_lines l where l.contract_id = v_old.id;
  return v_row;
end
$_$;

--
-- Name: approve_visit_plan(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.approve_visit_plan(p_plan_id uuid, p_comment text DEFAULT NULL::text) RETURNS public.visit_plans
    LANGUAGE sql
    SET search_path TO ''
    AS $$ select public.decide_visit_plan(p_plan_id, 'approved', p_comment) $$;

--
-- Name: assign_warning(uuid, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.assign_warning(p_warning_id uuid, p_owner_id uuid) RETURNS public.warnings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return public.warning_assign(p_warning_id, p_owner_id, null);
end
$$;

--
-- Name: cancel_order(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.cancel_order(p_order_id uuid, p_reason text DEFAULT NULL::text) RETURNS public.orders
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  o public.orders := private.staff_order(p_order_id);
  reason text;
begin
  if o.status not in ('draft', 'submitted') then
    perform private.order_state_error(o, 'draft or submitted', 'cancelled', '取消');
  end if;
  reason := private.order_reason(p_reason, false, '', '');
  update public.orders
     set status = 'cancelled', cancelled_at = now(), cancelled_by = (select auth.uid()),
         status_reason = reason
   where id = o.id
  returning * into o;
  return o;
end
$$;

--
-- Name: case_add_note(uuid, text, uuid[], boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.case_add_note(p_case_id uuid, p_note text, p_photo_ids uuid[] DEFAULT '{}'::uuid[], p_internal boolean DEFAULT false) RETURNS public.case_events
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  c public.cases := private.case_for_action(p_case_id);
  ev public.case_events;
begin
  if length(btrim(coalesce(p_note, ''))) = 0 then
    raise exception 'a note is required' using errcode = '22023', detail = '请填写处理说明';
  end if;
  if length(p_note) > 4000 then
    raise exception 'the note is longer than 4000 characters' using errcode = '22023',
      detail = '说明不能超过4000字';
  end if;
  if cardinality(coalesce(p_photo_ids, '{}')) > 20 or array_position(p_photo_ids, null) is not null then
    raise exception 'at most 20 photos, none empty' using errcode = '22023',
      detail = '最多20张照片';
  end if;
  if coalesce(p_internal, false) and (select private.my_role()) = 'dealer' then
    perform private.deny('a dealer''s notes are never internal', '经销商不能添加内部备注');
  end if;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, photo_ids, internal)
  values (c.id, c.customer_id, (select auth.uid()), 'note', btrim(p_note),
          coalesce(p_photo_ids, '{}'), coalesce(p_internal, false))
  returning * into ev;
  update public.cases set updated_at = now() where id = c.id;
  return ev;
end
$$;

--
-- Name: case_answer(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.case_answer(p_case_id uuid, p_answer text) RETURNS public.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  c public.cases := private.case_for_action(p_case_id);
  role text := (select private.my_role());
  was text := c.status;
begin
  if not (role in ('area_manager', 'manager')
          or (role = 'rep' and c.owner_id = (select auth.uid()))) then
    perform private.deny('only the case''s owner, an area manager or a manager answers the customer',
                         '只有负责人、区域经理或销售经理可以答复客户');
  end if;
  if c.kind = 'incident' then
    raise exception 'an incident is internal: it has no answer to the customer'
      using errcode = '22023', detail = '重大变故为内部记录，无需答复客户';
  end if;
  if length(btrim(coalesce(p_answer, ''))) = 0 then
    raise exception 'an answer is required' using errcode = '22023', detail = '请填写答复内容';
  end if;
  if length(p_answer) > 4000 then
    raise exception 'the answer is longer than 4000 characters' using errcode = '22023',
      detail = '答复不能超过4000字';
  end if;
  update public.cases
     set answer = btrim(p_answer), answered_at = now(), updated_at = now(),
         status = case when kind = 'complaint' and status in ('open', 'in_progress')
                       then 'resolved' else status end
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, internal,
                                  from_status, to_status)
  values (c.id, c.customer_id, (select auth.uid()), 'answered', c.answer, false, was, c.status);
  -- an answered complaint clears complaint_unanswered now, not at the next nightly run
  if c.kind = 'complaint' then
    perform private.reevaluate_warnings(array[c.customer_id], private.company_today());
  end if;
  return c;
end
$$;

--
-- Name: case_approve(uuid, boolean, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.case_approve(p_case_id uuid, p_approved boolean, p_reason text) RETURNS public.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  c public.cases := private.case_for_action(p_case_id);
  was text := c.status;
  l record;
  delivered numeric;
  used numeric;
  today date := private.company_today();
begin
  if (select private.my_role()) <> 'manager' then
    perform private.deny('only a manager approves a request outside its window',
                         '只有销售经理可以审批超期的退换货申请');
  end if;
  if c.status <> 'awaiting_approval' then
    raise exception 'this case is not waiting for approval (it is %)', c.status
      using errcode = '55000', detail = '该售后单不在待审批状态';
  end if;
  if c.opened_by = (select auth.uid()) then
    perform private.deny('you cannot approve or refuse a request you raised yourself',
                         '不能审批自己提交的申请');
  end if;
  if p_approved is null then
    raise exception 'p_approved is required (true approves, false refuses)' using errcode = '22023',
      detail = '请选择批准或拒绝';
  end if;
  if length(btrim(coalesce(p_reason, ''))) = 0 then
    raise exception 'a decision needs a reason' using errcode = '22023', detail = '审批须填写理由';
  end if;
  if char_length(p_reason) > 4000 then
    raise exception 'the reason is longer than 4000 characters' using errcode = '22023',
      detail = '理由不能超过4000字';
  end if;
  if p_approved and c.kind in ('return', 'exchange') then
    -- what was returned by hand since the request still counts
    for l in select cl.shipment_id, cl.quantity, s.doc_no, s.line_no
               from public.case_lines cl join public.shipments s on s.id = cl.shipment_id
              where cl.case_id = c.id and cl.deleted_at is null order by s.doc_no, s.line_no loop
      select r.delivered, r.used into delivered, used from private.shipment_returnable(l.shipment_id, c.id) r;
      if l.quantity > delivered - used then
        raise exception 'delivery % line %: only % left to return or exchange, the request asks %',
          l.doc_no, l.line_no, greatest(delivered - used, 0), l.quantity using errcode = '22023',
          detail = format('到货单%s第%s行：可退换数量只剩%s箱', l.doc_no, l.line_no, greatest(delivered - used, 0));
      end if;
    end loop;
  end if;
  update public.cases
     set status = case when p_approved then 'in_progress' else 'rejected' end,
         decision = btrim(p_reason), decided_by = (select auth.uid()), decided_at = now(),
         updated_at = now()
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, from_status,
                                  to_status, step, step_on)
  values (c.id, c.customer_id, (select auth.uid()), 'decided', btrim(p_reason), was, c.status,
          case when p_approved then 'approved' else 'refused' end, today);
  if p_approved and c.kind = 'return' then
    perform private.credit_return(c.id,
      (select r.requested_on from public.case_requests r where r.id = c.id), today);
  end if;
  return c;
end
$$;

--
-- Name: case_assign(uuid, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.case_assign(p_case_id uuid, p_owner_id uuid) RETURNS public.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  c public.cases := private.case_for_action(p_case_id);
  role text := (select private.my_role());
  was text := c.status;
begin
  if role not in ('area_manager', 'manager') then
    perform private.deny('only an area manager or a manager assigns a case',
                         '只有区域经理或销售经理可以指派售后单');
  end if;
  if p_owner_id is null or not private.staff_sees_customer(p_owner_id, c.customer_id) then
    raise exception 'the owner must be active staff who serves this customer' using errcode = '22023',
      detail = '负责人必须是负责该客户的在职员工';
  end if;
  if p_owner_id is not distinct from c.owner_id then
    return c;
  end if;
  update public.cases
     set owner_id = p_owner_id,
         status = case when status = 'open' then 'in_progress' else status end, updated_at = now()
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, owner_id, from_status,
                                  to_status)
  values (c.id, c.customer_id, (select auth.uid()), 'assigned', p_owner_id, was, c.status);
  return c;
end
$$;

--
-- Name: case_close(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.case_close(p_case_id uuid, p_note text DEFAULT NULL::text) RETURNS public.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  c public.cases := private.case_for_action(p_case_id);
  role text := (select private.my_role());
  was text := c.status;
begin
  if not (role in ('area_manager', 'manager') or c.owner_id = (select auth.uid())) then
    perform private.deny('only the case''s owner, an area manager or a manager closes a case',
                         '只有负责人、区域经理或销售经理可以关闭售后单');
  end if;
  if length(coalesce(p_note, '')) > 4000 then
    raise exception 'the note is longer than 4000 characters' using errcode = '22023',
      detail = '说明不能超过4000字';
  end if;
  if c.kind = 'delivery_discrepancy' and length(btrim(coalesce(p_note, ''))) = 0 then
    raise exception 'closing a delivery discrepancy needs a note saying what was done'
      using errcode = '22023', detail = '关闭到货差异单须写明处理结果';
  end if;
  update public.cases
     set status = 'closed', closed_at = now(), updated_at = now(),
         resolution = coalesce(nullif(btrim(p_note), ''), resolution)
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, from_status,
                                  to_status)
  values (c.id, c.customer_id, (select auth.uid()), 'closed', nullif(btrim(p_note), ''), was,
          'closed');
  return c;
end
$$;

--
-- Name: case_decide(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.case_decide(p_case_id uuid, p_decision text) RETURNS public.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  c public.cases := private.case_for_action(p_case_id);
  was text := c.status;
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only an area manager or a manager decides a case',
                         '只有区域经理或销售经理可以作出处理决定');
  end if;
  if length(btrim(coalesce(p_decision, ''))) = 0 then
    raise exception 'a decision is required' using errcode = '22023', detail = '请填写处理决定';
  end if;
  if length(p_decision) > 4000 then
    raise exception 'the decision is longer than 4000 characters' using errcode = '22023',
      detail = '处理决定不能超过4000字';
  end if;
  update public.cases
     set decision = btrim(p_decision), decided_by = (select auth.uid()), decided_at = now(),
         status = case when status = 'open' then 'in_progress' else status end, updated_at = now()
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, internal,
                                  from_status, to_status)
  values (c.id, c.customer_id, (select auth.uid()), 'decided', c.decision, true, was, c.status);
  return c;
end
$$;

--
-- Name: case_desk(timestamp with time zone, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.case_desk(p_as_of timestamp with time zone DEFAULT NULL::timestamp with time zone, p_closed boolean DEFAULT false) RETURNS TABLE(id uuid, kind text, status text, severity text, customer_id uuid, customer_code text, customer_name text, owner_id uuid, owner_name text, escalation_level smallint, title text, opened_at timestamp with time zone, due_at timestamp with time zone, last_at timestamp with time zone, age_days integer, overdue boolean, answered boolean, decided boolean)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  as_of timestamptz := coalesce(p_as_of, private.company_now());
  tz text := private.company_tz();
begin
  perform private.require_staff();
  return query
  select k.id, k.kind, k.status, k.severity, k.customer_id, c.code, c.name, k.owner_id,
         p.full_name, k.escalation_level, k.title, k.opened_at, k.due_at,
         coalesce(k.last_at, k.opened_at),
         greatest(0, (as_of at time zone tz)::date - (k.opened_at at time zone tz)::date)::integer,
         k.status not in ('resolved', 'closed') and k.due_at is not null and k.due_at < as_of,
         k.answer is not null, k.decision is not null
    from public.cases k
    join public.customers c on c.id = k.customer_id
    left join public.profiles p on p.id = k.owner_id
   where k.deleted_at is null
     and (coalesce(p_closed, false) or k.status <> 'closed')
   order by 16 desc, k.due_at nulls last, k.opened_at, k.id;
end
$$;

--
-- Name: case_detail(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.case_detail(p_case_id uuid) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  k public.cases;
  result jsonb;
begin
  perform private.require_caller();
  select * into k from public.cases c where c.id = p_case_id and c.deleted_at is null;
  if not found then
    raise exception 'case % not found', p_case_id using errcode = 'P0002', detail = '找不到该售后单';
  end if;
  select to_jsonb(k) || jsonb_build_object(
    'customer_name', (select c.name from public.customers c where c.id = k.customer_id),
    'customer_code', (select c.code from public.customers c where c.id = k.customer_id),
    'owner_name', (select p.full_name from public.profiles p where p.id = k.owner_id),
    'opened_by_name', (select p.full_name from public.profiles p where p.id = k.opened_by),
    'lines', coalesce((
      select jsonb_agg(to_jsonb(l) || jsonb_build_object('sku', pr.sku, 'product', pr.name,
                                                         'doc_no', s.doc_no, 'line_no', s.line_no)
                       order by s.doc_no, s.line_no, l.id)
        from public.case_lines l
        left join public.products pr on pr.id = l.product_id
        left join public.shipments s on s.id = l.shipment_id
       where l.case_id = k.id and l.deleted_at is null), '[]'::jsonb),
    'events', coalesce((
      select jsonb_agg(to_jsonb(ev) || jsonb_build_object('actor_name', a.full_name,
                                                          'actor_role', a.role,
                                                          'owner_name', o.full_name)
                       order by ev.at, ev.id)
        from public.case_events ev
        left join public.profiles a on a.id = ev.actor_id
        left join public.profiles o on o.id = ev.owner_id
       where ev.case_id = k.id and ev.deleted_at is null), '[]'::jsonb))
  into result;
  return result;
end
$$;

--
-- Name: case_resolve(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.case_resolve(p_case_id uuid, p_resolution text) RETURNS public.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  c public.cases := private.case_for_service(p_case_id);
  was text := c.status;
begin
  if c.kind in ('repair', 'packaging_exchange', 'exchange') then
    raise exception 'a % is resolved by sending the goods back (case_service_step)', c.kind
      using errcode = '55000', detail = '维修、调换包装和换货单在寄回后自动办结';
  end if;
  if c.kind = 'complaint' then
    raise exception 'a complaint is resolved by its answer to the customer' using errcode = '55000',
      detail = '投诉须答复客户后办结';
  end if;
  if c.status not in ('open', 'in_progress') then
    raise exception 'a % case cannot be resolved', c.status using errcode = '55000',
      detail = '该售后单当前状态不能办结';
  end if;
  if length(btrim(coalesce(p_resolution, ''))) = 0 then
    raise exception 'say what was done (p_resolution)' using errcode = '22023',
      detail = '请填写处理结果';
  end if;
  if char_length(p_resolution) > 4000 then
    raise exception 'the resolution is longer than 4000 characters' using errcode = '22023',
      detail = '处理结果不能超过4000字';
  end if;
  update public.cases set status = 'resolved', resolution = btrim(p_resolution), updated_at = now()
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, from_status,
                                  to_status, step, step_on)
  values (c.id, c.customer_id, (select auth.uid()), 'status', c.resolution, was, 'resolved',
          'resolved', private.company_today());
  return c;
end
$$;

--
-- Name: case_service_step(uuid, text, date, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.case_service_step(p_case_id uuid, p_step text, p_on date DEFAULT NULL::date, p_note text DEFAULT NULL::text) RETURNS public.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  c public.cases := private.case_for_service(p_case_id);
  was text := c.status;
  today date := private.company_today();
  day date := coalesce(p_on, today);
  note text := nullif(btrim(p_note), '');
  opened date;
begin
  if c.kind not in ('repair', 'packaging_exchange', 'exchange') then
    raise exception 'only repairs, packaging exchanges and exchanges have service steps (this is a %)',
      c.kind using errcode = '55000', detail = '只有维修、调换包装和换货单有收货、处理、寄回步骤';
  end if;
  if p_step is null or p_step not in ('received', 'done', 'sent_back') then
    raise exception 'p_step must be received, done or sent_back (got %)', coalesce(p_step, 'nothing')
      using errcode = '22023', detail = '步骤只能是收货、处理完成或寄回';
  end if;
  if c.status not in ('open', 'in_progress') then
    raise exception 'a % case cannot take a service step', c.status using errcode = '55000',
      detail = case c.status when 'awaiting_approval' then '该申请尚待审批，不能处理'
                             else '该售后单当前状态不能处理' end;
  end if;
  if p_step = 'received' and c.received_on is not null then
    raise exception 'the goods were already received on %', c.received_on using errcode = '55000',
      detail = '已登记收货，不能重复';
  end if;
  if p_step = 'done' and (c.received_on is null or c.work_done is not null) then
    raise exception '%', case when c.received_on is null then 'receive the goods first (step received)'
                              else 'what was done is already recorded' end
      using errcode = '55000', detail = case when c.received_on is null then '请先登记收货'
                                             else '已登记处理结果，不能重复' end;
  end if;
  if p_step = 'sent_back' and c.work_done is null then
    raise exception 'record what was done first (step done)' using errcode = '55000',
      detail = '请先登记处理结果';
  end if;
  if day > today then
    raise exception 'the date % is in the future', day using errcode = '22023',
      detail = '日期不能晚于今天';
  end if;
  opened := (c.opened_at at time zone private.company_tz())::date;
  if day < coalesce(case p_step when 'received' then opened when 'done' then c.received_on
                                else c.done_on end, day) then
    raise exception 'the date % is before the step before it (%)', day,
      case p_step when 'received' then opened when 'done' then c.received_on else c.done_on end
      using errcode = '22023', detail = '日期不能早于上一步的日期';
  end if;
  if p_step = 'done' and note is null then
    raise exception 'say what was done (p_note)' using errcode = '22023', detail = '请填写处理内容';
  end if;
  if char_length(p_note) > 4000 then
    raise exception 'the note is longer than 4000 characters' using errcode = '22023',
      detail = '说明不能超过4000字';
  end if;
  update public.cases
     set received_on = case when p_step = 'received' then day else received_on end,
         done_on = case when p_step = 'done' then day else done_on end,
         work_done = case when p_step = 'done' then note else work_done end,
         sent_back_on = case when p_step = 'sent_back' then day else sent_back_on end,
         status = case p_step when 'received' then 'in_progress' when 'sent_back' then 'resolved'
                              else status end,
         updated_at = now()
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, from_status,
                                  to_status, step, step_on)
  values (c.id, c.customer_id, (select auth.uid()),
          case when c.status <> was then 'status' else 'note' end, note, was, c.status, p_step, day);
  return c;
end
$$;

--
-- Name: case_staff(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.case_staff(p_case_id uuid) RETURNS TABLE(id uuid, full_name text, role text)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  k public.cases;
begin
  perform private.require_staff();
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only an area manager or a manager assigns a case',
                         '只有区域经理或销售经理可以指派售后单');
  end if;
  select * into k from public.cases c where c.id = p_case_id and c.deleted_at is null;
  if not found then
    raise exception 'case % not found', p_case_id using errcode = 'P0002', detail = '找不到该售后单';
  end if;
  return query
  select p.id, p.full_name, p.role from public.profiles p
   where p.role <> 'dealer' and private.staff_sees_customer(p.id, k.customer_id)
   order by case p.role when 'rep' then 0 when 'area_manager' then 1 else 2 end, p.full_name, p.id;
end
$$;

--
-- Name: classify_customers(date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.classify_customers(p_as_of date) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  return private.classify_customers_core(p_as_of);
end
$$;

--
-- Name: confirm_delivery(uuid, numeric, numeric, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.confirm_delivery(p_shipment_id uuid, p_received_quantity numeric, p_damaged_quantity numeric DEFAULT 0, p_note text DEFAULT NULL::text) RETURNS public.shipments
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  row public.shipments;
begin
  perform private.require_caller();
  if (select private.my_role()) <> 'dealer' then
    perform private.deny('only the receiving dealer confirms a delivery', '只有收货的经销商可以确认到货');
  end if;
  if p_shipment_id is null or p_received_quantity is null or p_damaged_quantity is null then
    raise exception 'p_shipment_id, p_received_quantity and p_damaged_quantity are required'
      using errcode = '22023', detail = '缺少发货单或数量';
  end if;
  if p_received_quantity < 0 or p_damaged_quantity < 0 then
    raise exception 'quantities cannot be negative' using errcode = '22023', detail = '数量不能为负数';
  end if;
  if length(coalesce(p_note, '')) > 2000 then
    raise exception 'the note is longer than 2000 characters' using errcode = '22023',
      detail = '备注不能超过2000字';
  end if;
  select * into row from public.shipments where id = p_shipment_id;
  if not found then
    raise exception 'shipment % not found', p_shipment_id using errcode = 'P0002', detail = '找不到该发货记录';
  end if;
  if p_damaged_quantity > p_received_quantity then
    raise exception 'damaged quantity exceeds received quantity' using errcode = '22023',
      detail = '破损数量不能大于收货数量';
  end if;
  if (p_received_quantity <> row.quantity or p_damaged_quantity > 0)
     and length(btrim(coalesce(p_note, ''))) = 0 then
    raise exception 'a discrepancy or damage needs a note' using errcode = '22023',
      detail = '数量不符或有破损时必须填写说明';
  end if;
  update public.shipments
     set received_quantity = p_received_quantity, damaged_quantity = p_damaged_quantity,
         discrepancy_note = nullif(btrim(p_note), '')
   where id = p_shipment_id
  returning * into row;
  return row;
end
$$;

--
-- Name: confirm_delivery_doc(text, jsonb, text, uuid, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.confirm_delivery_doc(p_doc_no text, p_lines jsonb DEFAULT '[]'::jsonb, p_note text DEFAULT NULL::text, p_photo_id uuid DEFAULT NULL::uuid, p_confirmation_id uuid DEFAULT NULL::uuid) RETURNS public.delivery_confirmations
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  row public.delivery_confirmations;
begin
  perform private.require_caller();
  if (select private.my_role()) <> 'dealer' then
    perform private.deny('only the receiving dealer confirms a delivery', '只有收货的经销商可以确认到货');
  end if;
  if p_confirmation_id is not null then
    select * into row from public.delivery_confirmations d where d.id = p_confirmation_id;
    if found and row.doc_no = p_doc_no then
      return row;
    end if;
  end if;
  insert into public.delivery_confirmations (id, doc_no, lines, note, photo_id)
  values (coalesce(p_confirmation_id, gen_random_uuid()), p_doc_no, p_lines, p_note, p_photo_id)
  returning * into row;
  return row;
end
$$;

--
-- Name: contract_detail(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.contract_detail(p_contract_id uuid) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  result jsonb;
begin
  if current_user in ('authenticated', 'anon') then
    perform private.require_staff();
  end if;
  if p_contract_id is null then
    raise exception 'p_contract_id is required' using errcode = '22023', detail = '缺少合同编号';
  end if;
  select to_jsonb(k) || jsonb_build_object(
           'customer_code', cu.code, 'customer_name', cu.name, 'customer_tier', cu.tier,
           'custodian_name', cp.full_name, 'previous_no', pk.contract_no,
           'lines', coalesce((
             select jsonb_agg(to_jsonb(l) || jsonb_build_object(
                      'sku', pr.sku, 'product_name', pr.name, 'unit', pr.unit,
                      'amount', round(l.quantity * l.unit_price, 2)) order by l.line_no)
               from public.contract_lines l
               left join public.products pr on pr.id = l.product_id
              where l.contract_id = k.id), '[]'::jsonb),
           'events', coalesce((
             select jsonb_agg(jsonb_build_object(
                      'from_status', e.from_status, 'to_status', e.to_status, 'at', e.at,
                      'note', e.note, 'actor_name', ap.full_name)
                    order by e.at, e.from_status nulls first)
               from public.contract_events e
               left join public.profiles ap on ap.id = e.actor_id
              where e.contract_id = k.id), '[]'::jsonb))
    into result
    from public.contracts k
    left join public.customers cu on cu.id = k.customer_id
    left join public.profiles cp on cp.id = k.custodian_id
    left join public.contracts pk on pk.id = k.previous_id
   where k.id = p_contract_id and k.deleted_at is null;
  if result is null then
    raise exception 'contract % not found', p_contract_id using errcode = 'P0002',
      detail = '找不到该合同';
  end if;
  return result;
end
$$;

--
-- Name: contracts_needing_attention(date, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.contracts_needing_attention(p_as_of date DEFAULT private.company_today(), p_days integer DEFAULT NULL::integer) RETURNS TABLE(customer_id uuid, customer_code text, customer_name text, area_id uuid, reason text, contract_id uuid, contract_no text, status text, term_end date, days_left integer, purchases_12m numeric)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
#variable_conflict use_column
declare
  v_days integer;
begin
  if current_user in ('authenticated', 'anon') then
    perform private.require_staff();
  end if;
  if p_as_of is null then
    raise exception 'p_as_of is required' using errcode = '22023', detail = '缺少日期';
  end if;
  v_days := coalesce(p_days, (select (s.value #>> '{}')::int from public.settings s
                               where s.key = 'contract.expiring_days'), 60);
  if v_days < 0 or v_days > 3650 then
    raise exception 'p_days must be between 0 and 3650' using errcode = '22023',
      detail = '天数须在0到3650之间';
  end if;
  return query
  with buyers as (
    select s.customer_id, sum(s.amount) as amt from public.shipments s
     where s.seller_id is null and s.deleted_at is null
       and s.shipped_on > p_as_of - interval '1 year' and s.shipped_on <= p_as_of
     group by s.customer_id
  ), live as (
    select c.* from public.contracts c
     where c.status = 'effective' and c.deleted_at is null
       and coalesce(c.effective_on, c.term_start, p_as_of) <= p_as_of
       and (c.term_end is null or c.term_end >= p_as_of)
  )
  select cu.id, cu.code, cu.name, cu.area_id, 'no_contract'::text, null::uuid, null::text,
         null::text, null::date, null::integer, b.amt
    from buyers b join public.customers cu on cu.id = b.customer_id
   where cu.deleted_at is null and not exists (select from live l where l.customer_id = cu.id)
  union all
  select cu.id, cu.code, cu.name, cu.area_id, 'expiring', l.id, l.contract_no, l.status,
         l.term_end, l.term_end - p_as_of, coalesce(b.amt, 0)
    from live l join public.customers cu on cu.id = l.customer_id
    left join buyers b on b.customer_id = l.customer_id
   where l.term_end <= p_as_of + v_days
     and not exists (select from public.contracts n where n.customer_id = l.customer_id
                     and n.deleted_at is null and n.status in ('signed', 'effective')
                     and (n.term_end is null or n.term_end > l.term_end))
  order by 5 desc, 3;
end
$$;

--
-- Name: dealer_account(date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.dealer_account(p_as_of date DEFAULT NULL::date) RETURNS TABLE(customer_id uuid, code text, name text, grade text, status text, credit_limit numeric, balance numeric, over_limit numeric, credit_used_pct numeric, month_plan numeric, month_purchases numeric, month_progress_pct numeric, ytd_plan numeric, ytd_purchases numeric, ytd_progress_pct numeric, month_payments numeric, ytd_payments numeric, contract_id uuid, contract_no text, contract_status text, contract_term_end date, contract_days_left integer, credit_warnings jsonb)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
#variable_conflict use_column
declare
  v_id uuid;
  d date := coalesce(p_as_of, private.company_today());
  m0 date;
  y0 date;
begin
  perform private.require_caller();
  if (select private.my_role()) is distinct from 'dealer' then
    perform private.deny('only a dealer has an own account', '只有经销商可以查看自己的账户');
  end if;
  v_id := (select private.my_customer_id());
  if v_id is null then
    perform private.deny('this login is not linked to a customer', '该账号未关联客户');
  end if;
  perform private.figure_date(d);
  m0 := date_trunc('month', d)::date;
  y0 := date_trunc('year', d)::date;
  return query
  with ct as (
    -- the contract the ledger shows: the effective one on d first, else the latest version
    select k.id, k.contract_no, k.status, k.term_end
      from public.contracts k
     where k.customer_id = v_id and k.deleted_at is null
     order by (k.status = 'effective' and coalesce(k.effective_on, k.term_start, d) <= d
               and (k.term_end is null or k.term_end >= d)) desc,
              k.version desc, k.created_at desc
     limit 1
  ), pay as (
    select coalesce(sum(p.amount) filter (where p.paid_on >= m0), 0) as month_paid,
           coalesce(sum(p.amount), 0) as ytd_paid
      from public.payments p
     where p.customer_id = v_id and p.deleted_at is null and p.paid_on between y0 and d
  ), warn as (
    select coalesce(jsonb_agg(jsonb_build_object(
             'id', w.id, 'severity', w.severity, 'raised_at', w.raised_at,
             'message_zh', public.warning_message(w.kind, w.figures, 'zh'),
             'message_en', public.warning_message(w.kind, w.figures, 'en'))
             order by w.raised_at desc), '[]'::jsonb) as items
      from public.warnings w
     where w.customer_id = v_id and w.kind = 'credit_over_limit' and w.status <> 'resolved'
  )
  select c.id, c.code, c.name, c.grade::text, c.status, c.credit_limit,
         coalesce(b.balance, 0), greatest(coalesce(b.balance, 0) - c.credit_limit, 0),
         case when c.credit_limit > 0 then round(100 * coalesce(b.balance, 0) / c.credit_limit, 1) end,
         f.month_plan, coalesce(f.month_purchases, 0), round(100 * f.month_progress, 1),
         coalesce(f.ytd_plan, 0), coalesce(f.ytd_purchases, 0), round(100 * f.ytd_progress, 1),
         pay.month_paid, pay.ytd_paid,
         ct.id, ct.contract_no, ct.status, ct.term_end, (ct.term_end - d)::integer, warn.items
    from public.customers c
    cross join pay
    cross join warn
    left join private.balances(d, array[v_id]) b on b.customer_id = c.id
    left join private.sales_figures(d, array[v_id]) f on f.customer_id = c.id
    left join ct on true
   where c.id = v_id;
end
$$;

--
-- Name: dealer_contracts(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.dealer_contracts(p_customer_id uuid) RETURNS TABLE(id uuid, contract_no text, version integer, status text, term_start date, term_end date, signed_on date, effective_on date, custodian_name text, updated_at timestamp with time zone)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
#variable_conflict use_column
declare
  cu record;
begin
  select * into cu from private.staff_ledger_customer(p_customer_id);
  return query
  select k.id, k.contract_no, k.version, k.status, k.term_start, k.term_end, k.signed_on,
         k.effective_on, p.full_name, k.updated_at
    from public.contracts k
    left join public.profiles p on p.id = k.custodian_id
   where k.customer_id = cu.id and k.deleted_at is null
   order by (k.status in ('expired', 'terminated')), k.version desc, k.created_at desc;
end
$$;

--
-- Name: dealer_deliveries(date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.dealer_deliveries(p_as_of date DEFAULT NULL::date) RETURNS TABLE(doc_no text, shipped_on date, days_since integer, overdue boolean, confirmed boolean, awaiting boolean, confirmed_at timestamp with time zone, line_count integer, quantity numeric, amount numeric, case_id uuid, case_status text)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  as_of date := coalesce(p_as_of, private.company_today());
  days integer := private.delivery_confirm_days();
  v_from date := private.delivery_confirm_from();
  mine uuid;
begin
  perform private.require_caller();
  mine := (select private.my_customer_id());
  if mine is null then
    perform private.deny('only a dealer has deliveries to confirm', '只有经销商可以查看到货单');
  end if;
  return query
  select d.doc_no, d.shipped_on, (as_of - d.shipped_on)::integer,
         d.awaiting and as_of - d.shipped_on > days, d.confirmed, d.awaiting, d.confirmed_at,
         d.line_count, d.quantity, d.amount, k.id, k.status
    from (select s.doc_no, min(s.shipped_on) as shipped_on,
                 bool_and(s.confirmed_at is not null) as confirmed,
                 not bool_and(s.confirmed_at is not null) and min(s.shipped_on) >= v_from as awaiting,
                 max(s.confirmed_at) as confirmed_at, count(*)::integer as line_count,
                 sum(s.quantity) as quantity, sum(s.amount) as amount
            from public.shipments s
           where s.customer_id = mine and s.seller_id is null and s.deleted_at is null
             and s.shipped_on <= as_of
           group by s.doc_no) d
    left join lateral (select c.id, c.status from public.cases c
                        where c.customer_id = mine and c.doc_no = d.doc_no
                          and c.kind = 'delivery_discrepancy' and c.deleted_at is null
                        order by c.opened_at desc limit 1) k on true
   where d.awaiting or d.shipped_on >= as_of - 180 or k.id is not null
   order by d.shipped_on desc, d.doc_no desc;
end
$$;

--
-- Name: dealer_distribution(uuid, integer, date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.dealer_distribution(p_customer_id uuid, p_days integer DEFAULT 90, p_as_of date DEFAULT private.company_today()) RETURNS TABLE(product_id uuid, sku text, product_name text, outlets integer, carrying integer, by_stock integer, by_orders integer, distribution_pct numeric)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
#variable_conflict use_column
declare
  cu record;
begin
  perform private.chain_window(p_days, p_as_of);
  select * into cu from private.staff_ledger_customer(p_customer_id);
  return query
  select pr.id, pr.sku, pr.name, d.outlets, d.carrying, d.by_stock, d.by_orders,
         d.distribution_pct
    from private.distribution(p_as_of, p_days, array[cu.id]) d
    join public.products pr on pr.id = d.product_id
   order by d.carrying desc, pr.sku;
end
$$;

--
-- Name: dealer_ledger(uuid, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.dealer_ledger(p_customer_id uuid, p_year integer) RETURNS TABLE(month date, purchases numeric, purchase_lines integer, purchase_quantity numeric, billed numeric, payments numeric, credits numeric, opening_balance numeric, closing_balance numeric, credit_limit numeric, over_limit numeric, plan_amount numeric, plan_quantity numeric, progress_pct numeric, ytd_purchases numeric, ytd_plan numeric, ytd_progress_pct numeric, last_year_purchases numeric, last_year_ytd numeric, yoy_pct numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
#variable_conflict use_column
declare
  cu record;
  y0 date;
  ids uuid[];
begin
  if p_year is null or p_year < 2000 or p_year > 2100 then
    raise exception 'p_year must be between 2000 and 2100' using errcode = '22023',
      detail = '年份须在2000到2100之间';
  end if;
  select * into cu from private.ledger_customer(p_customer_id);
  y0 := make_date(p_year, 1, 1);
  ids := array[cu.id];
  return query
  with m as (
    select g::date as m0, (g + interval '1 month' - interval '1 day')::date as me
      from generate_series(y0, make_date(p_year, 12, 1), interval '1 month') g
  ), b as (
    select m.m0, coalesce(x.billed, 0) as billed, coalesce(x.paid, 0) as paid,
           coalesce(x.credited, 0) as credited, coalesce(x.balance, 0) as balance
      from (select (y0 - interval '1 month')::date as m0, y0 - 1 as me
            union all select m.m0, m.me from m) m
      left join lateral private.balances(m.me, ids) x on true
  ), bm as (
    select b.m0, b.billed - lag(b.billed) over w as billed, b.paid - lag(b.paid) over w as paid,
           b.credited - lag(b.credited) over w as credited, lag(b.balance) over w as opening,
           b.balance as closing
      from b window w as (order by b.m0)
  ), pq as (
    select m.m0, sum(p.lines)::int as lines, sum(p.quantity) as qty
      from m cross join lateral private.purchases(m.m0, m.me, ids, true) p
     group by m.m0
  ), plq as (
    select p.month as m0, sum(p.quantity) as qty from public.sales_plans p
     where p.customer_id = cu.id and p.deleted_at is null
       and p.month >= y0 and p.month < y0 + interval '1 year'
     group by 1
  )
  select m.m0, coalesce(f.month_purchases, 0), coalesce(pq.lines, 0), coalesce(pq.qty, 0),
         bm.billed, bm.paid, bm.credited, bm.opening, bm.closing, cu.credit_limit,
         greatest(bm.closing - cu.credit_limit, 0), f.month_plan, plq.qty,
         round(100 * f.month_progress, 1), coalesce(f.ytd_purchases, 0),
         coalesce(f.ytd_plan, 0), round(100 * f.ytd_progress, 1),
         coalesce(f.last_year_month, 0), coalesce(f.last_year_ytd, 0),
         round(100 * f.month_purchases / nullif(f.last_year_month, 0), 1)
    from m
    join bm on bm.m0 = m.m0 and bm.opening is not null
    left join lateral private.sales_figures(m.me, ids) f on true
    left join pq on pq.m0 = m.m0
    left join plq on plq.m0 = m.m0
   order by m.m0;
end
$$;

--
-- Name: dealer_ledger_lines(uuid, date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.dealer_ledger_lines(p_customer_id uuid, p_month date) RETURNS TABLE(kind text, on_date date, reference text, line_no integer, sku text, product_name text, spec text, quantity numeric, unit_price numeric, amount numeric, balance_effect numeric, settlement_status text, seller_code text, status text)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
#variable_conflict use_column
declare
  cu record;
  m0 date;
begin
  if p_month is null then
    raise exception 'p_month is required' using errcode = '22023', detail = '缺少月份';
  end if;
  select * into cu from private.ledger_customer(p_customer_id);
  m0 := date_trunc('month', p_month)::date;
  return query
  select 'purchase'::text, s.shipped_on, s.doc_no, s.line_no, pr.sku, pr.name, pr.spec,
         s.quantity, s.unit_price, s.amount,
         case when s.seller_id is null then s.amount else 0 end, s.settlement_status,
         se.code, null::text
    from public.shipments s
    join public.products pr on pr.id = s.product_id
    left join public.customers se on se.id = s.seller_id
   where s.customer_id = cu.id and s.deleted_at is null
     and s.shipped_on >= m0 and s.shipped_on < m0 + interval '1 month'
  union all
  select 'payment', p.paid_on, p.reference, null, null, null, null, null, null, p.amount,
         -p.amount, null, null, p.method
    from public.payments p
   where p.customer_id = cu.id and p.deleted_at is null
     and p.paid_on >= m0 and p.paid_on < m0 + interval '1 month'
  union all
  select r.kind, r.decided_on, r.reference, null, pr.sku, pr.name, pr.spec, r.quantity, null,
         r.amount, -r.amount, null, null, r.status
    from public.returns r
    left join public.products pr on pr.id = r.product_id
   where r.customer_id = cu.id and r.deleted_at is null and r.kind in ('return', 'credit_note')
     and r.status in ('accepted', 'completed')
     and r.decided_on >= m0 and r.decided_on < m0 + interval '1 month'
  order by 2, 1 desc, 3, 4;
end
$$;

--
-- Name: dealer_month_plan(uuid, date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.dealer_month_plan(p_customer_id uuid, p_month date) RETURNS TABLE(product_id uuid, sku text, name text, spec text, unit text, unit_price numeric, plan_quantity numeric, plan_amount numeric, schedule text, planned_support text, actual_quantity numeric, actual_amount numeric)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
#variable_conflict use_column
declare
  cu record;
  m0 date;
begin
  if p_month is null then
    raise exception 'p_month is required' using errcode = '22023', detail = '缺少月份';
  end if;
  select * into cu from private.staff_ledger_customer(p_customer_id);
  m0 := date_trunc('month', p_month)::date;
  return query
  with pl as (
    select p.product_id, p.quantity, p.amount, p.schedule, p.planned_support
      from public.sales_plans p
     where p.customer_id = cu.id and p.month = m0 and p.deleted_at is null
  ), sh as (
    select s.product_id, sum(s.quantity) as q, sum(s.amount) as amt
      from public.shipments s
     where s.customer_id = cu.id and s.deleted_at is null
       and s.shipped_on >= m0 and s.shipped_on < m0 + interval '1 month'
     group by 1
  )
  select pr.id, pr.sku, pr.name, pr.spec, pr.unit, pr.unit_price, pl.quantity, pl.amount,
         pl.schedule, pl.planned_support, coalesce(sh.q, 0), coalesce(sh.amt, 0)
    from public.products pr
    left join pl on pl.product_id = pr.id
    left join sh on sh.product_id = pr.id
   where pr.deleted_at is null and (pr.active or pl.product_id is not null or sh.product_id is not null)
   order by pr.sku;
end
$$;

--
-- Name: dealer_outlets(uuid, integer, date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.dealer_outlets(p_customer_id uuid, p_days integer DEFAULT 90, p_as_of date DEFAULT private.company_today()) RETURNS TABLE(customer_id uuid, code text, name text, tier smallint, parent_code text, status text, orders integer, order_amount numeric, purchases numeric, last_order_on date, last_visit_at timestamp with time zone, last_count_at timestamp with time zone, skus_in_stock integer, stock jsonb)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
#variable_conflict use_column
declare
  cu record;
begin
  perform private.chain_window(p_days, p_as_of);
  select * into cu from private.staff_ledger_customer(p_customer_id);
  return query
  with recursive chain as (
    select c.id from public.customers c where c.parent_id = cu.id and c.deleted_at is null
    union
    select c.id from public.customers c join chain ch on c.parent_id = ch.id
     where c.deleted_at is null
  ), ord as (
    select o.customer_id, count(distinct o.id)::int as n,
           coalesce(sum(l.quantity * l.unit_price), 0) as amt, max(o.ordered_on) as last_on
      from public.orders o
      left join public.order_lines l on l.order_id = o.id and l.deleted_at is null
     where o.customer_id in (select id from chain) and o.deleted_at is null
       and o.status <> 'cancelled'
       and o.ordered_on > p_as_of - p_days and o.ordered_on <= p_as_of
     group by o.customer_id
  ), bought as (
    select s.customer_id, sum(s.amount) as amt from public.shipments s
     where s.customer_id in (select id from chain) and s.deleted_at is null
       and s.shipped_on > p_as_of - p_days and s.shipped_on <= p_as_of
     group by s.customer_id
  ), lastcount as (
    select distinct on (sc.customer_id, sc.product_id) sc.customer_id, sc.product_id,
           sc.quantity, sc.counted_at
      from public.stock_counts sc
     where sc.customer_id in (select id from chain) and sc.deleted_at is null
       and sc.counted_at < private.day_start(p_as_of + 1)
     order by sc.customer_id, sc.product_id, sc.counted_at desc
  ), st as (
    select lc.customer_id, max(lc.counted_at) as last_at,
           count(*) filter (where lc.quantity > 0)::int as skus,
           jsonb_object_agg(pr.sku, lc.quantity order by pr.sku) as stock
      from lastcount lc join public.products pr on pr.id = lc.product_id
     group by lc.customer_id
  ), vis as (
    select v.customer_id, max(v.checkin_at) as last_at from public.visits v
     where v.customer_id in (select id from chain) and v.deleted_at is null
       and v.status <> 'cancelled' and v.checkin_at < private.day_start(p_as_of + 1)
     group by v.customer_id
  )
  select c.id, c.code, c.name, c.tier, pa.code, c.status, coalesce(o.n, 0),
         coalesce(o.amt, 0), coalesce(b.amt, 0), o.last_on, v.last_at, st.last_at,
         coalesce(st.skus, 0), coalesce(st.stock, '{}'::jsonb)
    from public.customers c
    join chain ch on ch.id = c.id
    left join public.customers pa on pa.id = c.parent_id
    left join ord o on o.customer_id = c.id
    left join bought b on b.customer_id = c.id
    left join st on st.customer_id = c.id
    left join vis v on v.customer_id = c.id
   order by c.tier, c.code;
end
$$;

--
-- Name: decide_elimination(uuid, boolean, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.decide_elimination(p_elimination_id uuid, p_approved boolean, p_note text DEFAULT NULL::text) RETURNS public.customer_eliminations
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  who uuid := private.require_staff();
  e public.customer_eliminations;
  row public.customer_eliminations;
begin
  if (select private.my_role()) <> 'manager' then
    perform private.deny('only a manager confirms or refuses an elimination',
                         '只有销售经理可以确认或驳回淘汰申请');
  end if;
  e := private.elimination_for_action(p_elimination_id);
  if p_approved is null then
    raise exception 'p_approved is required (confirm or refuse)' using errcode = '22023',
      detail = '请选择确认或驳回（approved）';
  end if;
  perform private.elimination_check_text(p_note, not p_approved, 'note', '驳回说明');
  update public.customer_eliminations
     set status = case when p_approved then 'confirmed' else 'refused' end,
         decided_by = who, decided_at = private.company_now(),
         decision_note = nullif(btrim(coalesce(p_note, '')), '')
   where id = e.id
  returning * into row;
  if p_approved then
    update public.customers set status = 'eliminated' where id = e.customer_id;
  end if;
  return row;
end
$$;

--
-- Name: decide_visit_plan(uuid, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.decide_visit_plan(p_plan_id uuid, p_decision text, p_comment text) RETURNS public.visit_plans
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  plan public.visit_plans;
begin
  perform private.require_caller();
  if p_plan_id is null then
    raise exception 'p_plan_id is required' using errcode = '22023', detail = '缺少计划编号';
  end if;
  if p_decision is null or p_decision not in ('approved', 'rejected') then
    raise exception 'p_decision must be approved or rejected' using errcode = '22023',
      detail = '审批结果只能是 approved（批准）或 rejected（驳回）';
  end if;
  if p_decision = 'rejected' and length(btrim(coalesce(p_comment, ''))) = 0 then
    raise exception 'a rejection needs a comment' using errcode = '22023', detail = '驳回时必须填写意见';
  end if;
  if length(coalesce(p_comment, '')) > 2000 then
    raise exception 'the comment is longer than 2000 characters' using errcode = '22023',
      detail = '意见不能超过2000字';
  end if;
  select * into plan from public.visit_plans where id = p_plan_id;
  if not found then
    raise exception 'visit plan % not found', p_plan_id using errcode = 'P0002', detail = '找不到该拜访计划';
  end if;
  update public.visit_plans
     set status = p_decision, decision_comment = nullif(btrim(p_comment), '')
   where id = p_plan_id
  returning * into plan;
  if not found then  -- visible but not updatable: someone else's area
    perform private.deny('only the area manager or a manager decides a plan',
                         '只有区域经理或销售经理可以审批计划');
  end if;
  return plan;
end
$$;

--
-- Name: decision_add(uuid, text, uuid, date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.decision_add(p_meeting_id uuid, p_body text, p_owner_id uuid, p_due_on date) RETURNS public.meeting_decisions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  who uuid := private.require_staff();
  m public.meetings;
  row public.meeting_decisions;
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only area managers and managers add decisions',
                         '只有区域经理和销售经理可以添加决议');
  end if;
  if p_meeting_id is null then
    raise exception 'meeting_id is required' using errcode = '22023',
      detail = '缺少座谈会编号（meeting_id）';
  end if;
  m := private.meeting_for_staff_edit(p_meeting_id);
  perform private.meeting_check_text(p_body, true, 4000, 'body', '决议内容');
  if p_owner_id is null then
    raise exception 'owner_id is required: every decision has an owner' using errcode = '22023',
      detail = '请指定决议负责人（owner_id）';
  end if;
  if not exists (select from public.profiles p where p.id = p_owner_id and p.active
                   and p.role in ('rep', 'area_manager', 'manager')) then
    raise exception 'owner % is not active staff', p_owner_id using errcode = '22023',
      detail = '决议负责人（owner_id）须是在职的内部员工';
  end if;
  if p_due_on is null then
    raise exception 'due_on is required: every decision has a due date' using errcode = '22023',
      detail = '请填写决议完成期限（due_on）';
  end if;
  if p_due_on < m.held_on or p_due_on > m.held_on + 3660 then
    raise exception 'due_on % must be on or after the meeting (%) and within ten years',
      p_due_on, m.held_on using errcode = '22023',
      detail = '完成期限（due_on）不能早于会议日期，也不能超过十年';
  end if;
  insert into public.meeting_decisions (meeting_id, body, owner_id, due_on, created_by)
  values (m.id, btrim(p_body), p_owner_id, p_due_on, who)
  returning * into row;
  return row;
end
$$;

--
-- Name: decision_done(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.decision_done(p_decision_id uuid, p_note text DEFAULT NULL::text) RETURNS public.meeting_decisions
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  d public.meeting_decisions;
  row public.meeting_decisions;
begin
  perform private.require_staff();
  if p_decision_id is null then
    raise exception 'decision_id is required' using errcode = '22023',
      detail = '缺少决议编号（decision_id）';
  end if;
  perform private.meeting_check_text(p_note, false, 4000, 'note', '完成说明');
  select * into d from public.meeting_decisions x
   where x.id = p_decision_id and x.deleted_at is null;
  if not found then
    raise exception 'decision % not found', p_decision_id using errcode = 'P0002',
      detail = '找不到该决议';
  end if;
  if d.status = 'done' then
    raise exception 'the decision is already done' using errcode = '55000',
      detail = '该决议已完成，不能再修改';
  end if;
  update public.meeting_decisions set status = 'done', done_note = p_note
   where id = p_decision_id
  returning * into row;
  if row.id is null then
    perform private.deny(
      'only the owner, the area manager of the meeting or a manager marks a decision done',
      '只有决议负责人、该区域经理或销售经理可以标记完成');
  end if;
  return row;
end
$$;

--
-- Name: elimination_requests(uuid, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.elimination_requests(p_customer_id uuid DEFAULT NULL::uuid, p_open_only boolean DEFAULT true) RETURNS TABLE(id uuid, customer_id uuid, customer_code text, customer_name text, area_name text, status text, reason text, requested_by uuid, requested_by_name text, requested_at timestamp with time zone, decided_by_name text, decided_at timestamp with time zone, decision_note text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  perform private.require_staff();
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only area managers and managers see elimination requests',
                         '只有区域经理和销售经理可以查看淘汰申请');
  end if;
  return query
    select e.id, e.customer_id, c.code, c.name, a.name, e.status, e.reason, e.requested_by,
           rp.full_name, e.requested_at, dp.full_name, e.decided_at, e.decision_note
      from public.customer_eliminations e
      join public.customers c on c.id = e.customer_id
      left join public.areas a on a.id = c.area_id
      left join public.profiles rp on rp.id = e.requested_by
      left join public.profiles dp on dp.id = e.decided_by
     where (p_customer_id is null or e.customer_id = p_customer_id)
       and (not coalesce(p_open_only, true) or e.status = 'requested')
       and ((select private.my_role()) = 'manager'
            or e.customer_id in (select private.staff_customer_ids()))
     order by case when p_customer_id is null then e.requested_at end asc,
              e.requested_at desc;
end
$$;

--
-- Name: escalate_cases(timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.escalate_cases(p_as_of timestamp with time zone DEFAULT NULL::timestamp with time zone) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  -- the caller's role (current_user is the owner inside security definer)
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  as_of timestamptz := coalesce(p_as_of, private.company_now());
  boss uuid;
  r record;
  n integer := 0;
  lvl smallint;
  who uuid;
begin
  if api then
    perform private.require_caller();
    if (select private.my_role()) is distinct from 'manager' then
      perform private.deny('only a manager escalates cases', '只有销售经理可以升级售后单');
    end if;
    if as_of > private.company_now() then
      raise exception 'cases are escalated as of now or an earlier time, not a later one (%)', as_of
        using errcode = '22023', detail = '升级时间不能晚于当前时间';
    end if;
  end if;
  -- two runs never interleave (each would escalate the same case once more)
  perform pg_advisory_xact_lock(727016);
  select p.id into boss from public.profiles p
   where p.role = 'manager' and p.active order by p.full_name, p.id limit 1;
  for r in
    select c.id, c.customer_id, c.escalation_level, c.owner_id, c.severity
      from public.cases c
     where c.deleted_at is null and c.status not in ('closed', 'resolved')
       and c.escalation_level < 2
       and greatest(c.opened_at,
                    (select max(e.at) from public.case_events e
                       left join public.profiles p on p.id = e.actor_id
                      where e.case_id = c.id
                        and (e.action <> 'note' or p.role is distinct from 'dealer')))
           + make_interval(days => private.case_sla_days(c.severity)) <= as_of
     order by c.opened_at, c.id
       for update of c
  loop
    lvl := r.escalation_level + 1;
    who := case when lvl = 1 then coalesce(boss, r.owner_id) else r.owner_id end;
    update public.cases set escalation_level = lvl, owner_id = who, updated_at = now()
     where id = r.id;
    insert into public.case_events (case_id, customer_id, actor_id, at, action, note, internal,
                                    owner_id)
    values (r.id, r.customer_id, null, as_of, 'escalated',
            case when lvl = 1
                 then format('%s天无进展，升级至销售经理 | no progress for %s days: escalated to a manager',
                             private.case_sla_days(r.severity), private.case_sla_days(r.severity))
                 else format('销售经理处理仍超时（%s天无进展） | still no progress for %s days at the manager''s level',
                             private.case_sla_days(r.severity), private.case_sla_days(r.severity)) end,
            true, who);
    n := n + 1;
  end loop;
  return n;
end
$$;

--
-- Name: evaluate_customer_warnings(uuid[], date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.evaluate_customer_warnings(p_customer_ids uuid[], p_as_of date) RETURNS TABLE(action text, warning_id uuid, customer_id uuid, kind text, cause_key text, severity text, status text, figures jsonb, resolution text)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if p_customer_ids is null then
    raise exception 'p_customer_ids is required (use evaluate_warnings for every customer)'
      using errcode = '22004', detail = '必须指定客户编号列表';
  end if;
  return query select * from private.evaluate_warnings_core(p_customer_ids, p_as_of);
end
$$;

--
-- Name: evaluate_warnings(date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.evaluate_warnings(p_as_of date) RETURNS TABLE(action text, warning_id uuid, customer_id uuid, kind text, cause_key text, severity text, status text, figures jsonb, resolution text)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  return query select * from private.evaluate_warnings_core(null, p_as_of);
end
$$;

--
-- Name: evaluations_due(date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.evaluations_due(p_as_of date DEFAULT NULL::date) RETURNS TABLE(customer_id uuid, code text, name text, area_id uuid, area_name text, area_manager_id uuid, area_manager_name text, grade text, last_evaluated_on date, due_on date, days_overdue integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  role text := (select private.my_role());
  d date := coalesce(p_as_of, private.company_today());
  v_months integer := private.evaluation_period_months();
begin
  if role is distinct from 'area_manager' and role is distinct from 'manager' then
    perform private.deny('only area managers and managers see the evaluations due',
                         '只有区域经理和销售经理可以查看待评价客户');
  end if;
  return query
  with lastev as (
    select e.customer_id, max(e.evaluated_on) as on_
      from public.evaluations e
     where e.deleted_at is null and e.evaluated_on <= d
     group by e.customer_id
  )
  select c.id, c.code, c.name, c.area_id, a.name, am.id, am.full_name, c.grade::text, l.on_,
         (l.on_ + make_interval(months => v_months))::date,
         case when l.on_ is null then null else d - (l.on_ + make_interval(months => v_months))::date end
    from public.customers c
    join public.areas a on a.id = c.area_id
    left join lastev l on l.customer_id = c.id
    left join lateral (
      select p.id, p.full_name from public.profiles p
       where p.role = 'area_manager' and p.active and p.area_id = c.area_id
       order by p.full_name limit 1) am on true
   where c.deleted_at is null and c.status in ('active', 'suspended')
     and (c.tier = 1 or l.on_ is not null)
     and c.id in (select private.staff_customer_ids())
     and (l.on_ is null or (l.on_ + make_interval(months => v_months))::date <= d)
   order by l.on_ nulls first, c.code;
end
$$;

--
-- Name: expenses_vs_budget(date, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.expenses_vs_budget(p_month date, p_area_code text DEFAULT NULL::text) RETURNS TABLE(customer_id uuid, customer_code text, customer_name text, area_code text, period_start date, period_end date, budget numeric, spent_month numeric, spent_period numeric, remaining numeric, used_pct numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
#variable_conflict use_column
declare
  m0 date;
  m1 date;
  ids uuid[];
begin
  if p_month is null then
    raise exception 'p_month is required' using errcode = '22023', detail = '缺少月份';
  end if;
  m0 := date_trunc('month', p_month)::date;
  m1 := (m0 + interval '1 month' - interval '1 day')::date;
  select coalesce(array_agg(r.id), '{}') into ids from private.report_customers(p_area_code) r;
  return query
  with b as (
    select * from private.budget_use(m1, ids, m0)
  ), mrows as (
    select b.customer_id, b.period_start, b.period_end, b.budget, b.spent_from as sm,
           b.spent as sp
      from b
    union all
    select e.customer_id, null, null, null, sum(e.amount), sum(e.amount)
      from public.expenses e
     where e.deleted_at is null and e.customer_id = any(ids)
       and e.spent_on >= m0 and e.spent_on <= m1
       and not exists (select from b where b.customer_id = e.customer_id)
     group by e.customer_id
  )
  select c.id, c.code, c.name, a.code, r.period_start, r.period_end, r.budget, r.sm, r.sp,
         r.budget - r.sp, round(100 * r.sp / nullif(r.budget, 0), 1)
    from mrows r join public.customers c on c.id = r.customer_id
    join public.areas a on a.id = c.area_id
   order by a.code, c.code, r.period_start nulls last;
end
$$;

--
-- Name: expire_contracts(date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.expire_contracts(p_as_of date DEFAULT private.company_today()) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  n integer;
begin
  if current_user = 'authenticated' and not (select private.is_manager()) then
    perform private.deny('only a manager expires contracts', '只有销售经理可以处理合同到期');
  end if;
  if p_as_of is null then
    raise exception 'p_as_of is required' using errcode = '22023', detail = '缺少日期';
  end if;
  perform set_config('fieldsales.contract_note', 'term ended', true);
  update public.contracts set status = 'expired'
   where status = 'effective' and term_end < p_as_of and deleted_at is null;
  get diagnostics n = row_count;
  perform set_config('fieldsales.contract_note', '', true);
  return n;
end
$$;

--
-- Name: feedback_summary(uuid, date, date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.feedback_summary(p_area_id uuid DEFAULT NULL::uuid, p_from date DEFAULT NULL::date, p_to date DEFAULT NULL::date) RETURNS TABLE(area_id uuid, area_name text, month date, feedback_count bigint, average_score numeric, low_share numeric, unscored bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_to date := coalesce(p_to, private.company_today());
  v_from date := coalesce(p_from, (date_trunc('month', coalesce(p_to, private.company_today()))
                                   - interval '11 months')::date);
  v_areas uuid[];
  -- the service side (the monthly report) sees every area, as private.report_customers
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  everyone boolean;
begin
  if api then
    perform private.require_staff();
    if (select private.my_role()) not in ('area_manager', 'manager') then
      perform private.deny('only area managers and managers see the feedback summary',
                           '只有区域经理和销售经理可以查看客户意见汇总');
    end if;
  end if;
  everyone := not api or (select private.is_manager());
  if v_from > v_to then
    raise exception 'p_from % is after p_to %', v_from, v_to using errcode = '22023',
      detail = '开始日期（p_from）不能晚于结束日期（p_to）';
  end if;
  if p_area_id is not null then
    if not exists (select from public.areas a where a.id = p_area_id and a.deleted_at is null)
       or not (everyone or p_area_id in (select private.my_area_ids())) then
      raise exception 'area % not found', p_area_id using errcode = 'P0002',
        detail = '找不到该区域（p_area_id）';
    end if;
    with recursive tree as (
      select p_area_id as id
      union select a.id from public.areas a join tree t on a.parent_id = t.id)
    select array_agg(id) into v_areas from tree;
  elsif not everyone then
    select array_agg(x) into v_areas from private.my_area_ids() x;
  end if;
  return query
    with scored as (
      select c.area_id, date_trunc('month', f.recorded_on)::date as mon, f.score
        from public.customer_feedback f join public.customers c on c.id = f.customer_id
       where f.deleted_at is null and f.recorded_on between v_from and v_to
         and (v_areas is null or c.area_id = any(v_areas))),
    texts as (
      select c.area_id, date_trunc('month', (v.checkin_at at time zone private.company_tz()))::date
               as mon
        from public.visits v join public.customers c on c.id = v.customer_id
       where v.deleted_at is null and length(btrim(coalesce(v.feedback, ''))) > 0
         and (v.checkin_at at time zone private.company_tz())::date between v_from and v_to
         and (v_areas is null or c.area_id = any(v_areas))
         and not exists (select from public.customer_feedback f
                          where f.visit_id = v.id and f.deleted_at is null)),
    allr as (
      select s.area_id, s.mon, s.score, 0 as unscored from scored s
      union all
      select t.area_id, t.mon, null, 1 from texts t)
    select r.area_id, a.name, case when grouping(r.mon) = 0 then r.mon end,
           count(r.score), round(avg(r.score), 2),
           case when count(r.score) > 0
                then round(count(*) filter (where r.score <= 2)::numeric / count(r.score), 4) end,
           sum(r.unscored)::bigint
      from allr r left join public.areas a on a.id = r.area_id
     group by grouping sets ((r.area_id, a.name), (r.area_id, a.name, r.mon))
     order by a.name, r.area_id, grouping(r.mon) desc, 3;
end
$$;

--
-- Name: grade_history(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.grade_history(p_customer_id uuid) RETURNS TABLE(evaluation_id uuid, evaluated_on date, score numeric, grade text, evaluator_id uuid, evaluator_name text, comment text, scores jsonb, notes jsonb)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if coalesce((select private.my_role()), '') not in ('rep', 'area_manager', 'manager') then
    perform private.deny('only staff read grade histories', '只有公司员工可以查看客户评价记录');
  end if;
  if p_customer_id is null or not exists (
      select from public.customers c where c.id = p_customer_id and c.deleted_at is null
         and c.id in (select private.staff_customer_ids())) then
    raise exception 'no such customer' using errcode = 'P0002', detail = '没有这个客户（p_customer_id）';
  end if;
  return query
  select e.id, e.evaluated_on, e.score, e.grade::text, e.evaluator_id, p.full_name, e.comment,
         (select jsonb_object_agg(i, (to_jsonb(e) ->> i)::integer)
            from unnest(private.scorecard_indicators()) i),
         coalesce(e.notes, '{}')
    from public.evaluations e
    left join public.profiles p on p.id = e.evaluator_id
   where e.customer_id = p_customer_id and e.deleted_at is null
   order by e.evaluated_on desc, e.created_at desc;
end
$$;

--
-- Name: ledger_dealers(date, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ledger_dealers(p_as_of date DEFAULT private.company_today(), p_customer_id uuid DEFAULT NULL::uuid) RETURNS TABLE(customer_id uuid, code text, name text, area_id uuid, area_code text, area_name text, status text, grade text, credit_limit numeric, balance numeric, over_limit numeric, month_plan numeric, month_purchases numeric, ytd_plan numeric, ytd_purchases numeric, ytd_progress_pct numeric, last_year_ytd numeric, contract_id uuid, contract_no text, contract_status text, contract_term_end date)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  if current_user in ('authenticated', 'anon') then
    perform private.require_caller();
  end if;
  if p_as_of is null then
    raise exception 'p_as_of is required' using errcode = '22023', detail = '缺少日期';
  end if;
  return query select * from private.ledger_dealer_rows(p_as_of, p_customer_id);
end
$$;

--
-- Name: make_contract_effective(uuid, date, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.make_contract_effective(p_contract_id uuid, p_effective_on date DEFAULT NULL::date, p_note text DEFAULT NULL::text) RETURNS public.contracts
    LANGUAGE sql
    SET search_path TO ''
    AS $$ select public.advance_contract(p_contract_id, 'effective', p_note, p_effective_on) $$;

--
-- Name: meeting_save(uuid, uuid, text, date, text, text, text, uuid[], uuid[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.meeting_save(p_meeting_id uuid, p_area_id uuid, p_kind text, p_held_on date, p_place text, p_agenda text, p_minutes text, p_customer_ids uuid[], p_staff_ids uuid[] DEFAULT '{}'::uuid[]) RETURNS public.meetings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  who uuid := private.require_staff();
  m public.meetings;
  bad uuid;
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only area managers and managers record meetings',
                         '只有区域经理和销售经理可以记录座谈会');
  end if;
  if p_area_id is null then
    raise exception 'area_id is required' using errcode = '22023', detail = '请选择区域（area_id）';
  end if;
  if not exists (select from public.areas a where a.id = p_area_id and a.deleted_at is null)
     or not ((select private.is_manager()) or p_area_id in (select private.my_area_ids())) then
    raise exception 'area % not found', p_area_id using errcode = 'P0002',
      detail = '找不到该区域（area_id）';
  end if;
  if p_kind is null or p_kind not in ('quarterly', 'half_year', 'annual', 'ad_hoc') then
    raise exception 'kind must be quarterly, half_year, annual or ad_hoc (got %)', p_kind
      using errcode = '22023', detail = '会议类型（kind）必须是季度、半年度、年度或临时';
  end if;
  if p_held_on is null then
    raise exception 'held_on is required' using errcode = '22023', detail = '请填写会议日期（held_on）';
  end if;
  if p_held_on > private.company_today() + 366 or p_held_on < private.company_today() - 3660 then
    raise exception 'held_on % is out of range', p_held_on using errcode = '22023',
      detail = '会议日期（held_on）须在十年前到一年后之间';
  end if;
  perform private.meeting_check_text(p_place, false, 200, 'place', '地点');
  perform private.meeting_check_text(p_agenda, true, 4000, 'agenda', '议题');
  perform private.meeting_check_text(p_minutes, false, 4000, 'minutes', '会议纪要');
  if cardinality(coalesce(p_customer_ids, '{}')) = 0 then
    raise exception 'customer_ids: at least one customer attends' using errcode = '22023',
      detail = '请选择至少一位参会客户（customer_ids）';
  end if;
  if cardinality(p_customer_ids) > 500 or cardinality(coalesce(p_staff_ids, '{}')) > 100 then
    raise exception 'customer_ids, staff_ids: too many attendees' using errcode = '22023',
      detail = '参会客户最多500家，员工最多100人';
  end if;
  -- every customer: live, seen by the caller, of the meeting's area or an area under it
  select x into bad from unnest(p_customer_ids) x
   where x is null or not exists (
     select from public.customers c
      where c.id = x and c.deleted_at is null
        and ((select private.is_manager()) or c.id in (select private.staff_customer_ids()))
        and c.area_id in (with recursive tree as (
                            select p_area_id as id
                            union select a.id from public.areas a join tree t on a.parent_id = t.id)
                          select id from tree))
   limit 1;
  if found then
    raise exception 'customer % is not a customer of the area', bad using errcode = '22023',
      detail = '参会客户（customer_ids）须是该区域的客户';
  end if;
  select x into bad from unnest(coalesce(p_staff_ids, '{}')) x
   where x is null or not exists (select from public.profiles p where p.id = x and p.active
                                     and p.role in ('rep', 'area_manager', 'manager'))
   limit 1;
  if found then
    raise exception 'staff % is not active staff', bad using errcode = '22023',
      detail = '参会员工（staff_ids）须是在职的内部员工';
  end if;

  if p_meeting_id is null then
    insert into public.meetings (area_id, kind, held_on, place, agenda, minutes, created_by)
    values (p_area_id, p_kind, p_held_on, nullif(btrim(coalesce(p_place, '')), ''),
            btrim(p_agenda), nullif(btrim(coalesce(p_minutes, '')), ''), who)
    returning * into m;
  else
    perform private.meeting_for_staff_edit(p_meeting_id);
    update public.meetings
       set area_id = p_area_id, kind = p_kind, held_on = p_held_on,
           place = nullif(btrim(coalesce(p_place, '')), ''), agenda = btrim(p_agenda),
           minutes = nullif(btrim(coalesce(p_minutes, '')), '')
     where id = p_meeting_id
    returning * into m;
  end if;
  -- the attendees as given: gone ones tombstoned, returning ones revived, new ones added
  update public.meeting_attendees a set deleted_at = now()
   where a.meeting_id = m.id and a.deleted_at is null
     and not coalesce(a.customer_id = any(p_customer_ids)
                      or a.profile_id = any(coalesce(p_staff_ids, '{}')), false);
  update public.meeting_attendees a set deleted_at = null
   where a.meeting_id = m.id and a.deleted_at is not null
     and coalesce(a.customer_id = any(p_customer_ids)
                  or a.profile_id = any(coalesce(p_staff_ids, '{}')), false);
  insert into public.meeting_attendees (meeting_id, customer_id)
  select m.id, x from (select distinct unnest(p_customer_ids) x) s
   where not exists (select from public.meeting_attendees a
                      where a.meeting_id = m.id and a.customer_id = s.x);
  insert into public.meeting_attendees (meeting_id, profile_id)
  select m.id, x from (select distinct unnest(coalesce(p_staff_ids, '{}')) x) s
   where not exists (select from public.meeting_attendees a
                      where a.meeting_id = m.id and a.profile_id = s.x);
  return m;
end
$$;

--
-- Name: meeting_staff(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.meeting_staff(p_area_id uuid) RETURNS TABLE(id uuid, full_name text, role text, area_id uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  perform private.require_staff();
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only area managers and managers record meetings',
                         '只有区域经理和销售经理可以记录座谈会');
  end if;
  if p_area_id is null or not exists (select from public.areas a
                                       where a.id = p_area_id and a.deleted_at is null)
     or not ((select private.is_manager()) or p_area_id in (select private.my_area_ids())) then
    raise exception 'area % not found', p_area_id using errcode = 'P0002',
      detail = '找不到该区域（area_id）';
  end if;
  return query
    with recursive below as (
      select p_area_id as id
      union select a.id from public.areas a join below b on a.parent_id = b.id),
    above as (
      select a.id, a.parent_id from public.areas a where a.id = p_area_id
      union select a.id, a.parent_id from public.areas a join above x on a.id = x.parent_id)
    select p.id, p.full_name, p.role, p.area_id from public.profiles p
     where p.active and (p.role = 'manager'
                         or (p.role in ('rep', 'area_manager')
                             and (p.area_id in (select b.id from below b)
                                  or p.area_id in (select x.id from above x))))
     order by case p.role when 'rep' then 0 when 'area_manager' then 1 else 2 end, p.full_name;
end
$$;

--
-- Name: meetings_list(date, date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.meetings_list(p_from date DEFAULT NULL::date, p_to date DEFAULT NULL::date) RETURNS TABLE(id uuid, area_id uuid, area_name text, kind text, held_on date, place text, agenda text, customers bigint, decisions bigint, open_decisions bigint, overdue_decisions bigint)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  perform private.require_caller();
  return query
    select m.id, m.area_id, a.name, m.kind, m.held_on, m.place, m.agenda,
           (select count(*) from public.meeting_attendees x
             where x.meeting_id = m.id and x.customer_id is not null and x.deleted_at is null),
           (select count(*) from public.meeting_decisions d
             where d.meeting_id = m.id and d.deleted_at is null),
           (select count(*) from public.meeting_decisions d
             where d.meeting_id = m.id and d.deleted_at is null and d.status = 'open'),
           (select count(*) from public.meeting_decisions d
             where d.meeting_id = m.id and d.deleted_at is null and d.status = 'open'
               and d.due_on < private.company_today())
      from public.meetings m
      left join public.areas a on a.id = m.area_id
     where m.deleted_at is null
       and (p_from is null or m.held_on >= p_from) and (p_to is null or m.held_on <= p_to)
     order by m.held_on desc, m.created_at desc;
end
$$;

--
-- Name: monthly_plan_actual(date, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.monthly_plan_actual(p_month date, p_area_code text DEFAULT NULL::text) RETURNS TABLE(customer_id uuid, customer_code text, customer_name text, area_code text, product_id uuid, sku text, product_name text, spec text, plan_quantity numeric, plan_amount numeric, actual_quantity numeric, actual_amount numeric, progress_pct numeric, ytd_plan numeric, ytd_actual numeric, ytd_progress_pct numeric, last_year_amount numeric, last_year_ytd numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
#variable_conflict use_column
declare
  m0 date;
  y0 date;
  me date;
  ly date;
  ids uuid[];
begin
  if p_month is null then
    raise exception 'p_month is required' using errcode = '22023', detail = '缺少月份';
  end if;
  m0 := date_trunc('month', p_month)::date;
  y0 := date_trunc('year', m0)::date;
  me := (m0 + interval '1 month' - interval '1 day')::date;
  ly := (me - interval '1 year')::date;
  select array_agg(c.id) into ids from public.customers c
   where c.tier = 1 and c.id in (select r.id from private.report_customers(p_area_code) r);
  return query
  with scope as (
    select c.id, c.code, c.name, a.code as area_code from public.customers c
      join public.areas a on a.id = c.area_id
     where c.id = any(ids)
  ), pl as (
    select p.customer_id, p.product_id,
           sum(p.quantity) filter (where p.month = m0) as q,
           sum(p.amount) filter (where p.month = m0) as amt,
           sum(p.amount) as ytd
      from public.sales_plans p
     where p.customer_id = any(ids) and p.deleted_at is null
       and p.month >= y0 and p.month <= m0
     group by 1, 2
  ), sh as (
    select x.customer_id, x.product_id, sum(x.q) as q, sum(x.amt) as amt, sum(x.ytd) as ytd,
           sum(x.ly) as ly, sum(x.ly_ytd) as ly_ytd
      from (select p.customer_id, p.product_id, p.quantity as q, p.amount as amt, 0 as ytd,
                   0 as ly, 0 as ly_ytd from private.purchases(m0, me, ids, true) p
            union all
            select p.customer_id, p.product_id, 0, 0, p.amount, 0, 0
              from private.purchases(y0, me, ids, true) p
            union all
            select p.customer_id, p.product_id, 0, 0, 0, p.amount, 0
              from private.purchases((m0 - interval '1 year')::date, ly, ids, true) p
            union all
            select p.customer_id, p.product_id, 0, 0, 0, 0, p.amount
              from private.purchases((y0 - interval '1 year')::date, ly, ids, true) p) x
     group by 1, 2
  ), k as (
    select coalesce(pl.customer_id, sh.customer_id) as customer_id,
           coalesce(pl.product_id, sh.product_id) as product_id,
           pl.q as plan_q, pl.amt as plan_amt, coalesce(pl.ytd, 0) as plan_ytd,
           coalesce(sh.q, 0) as q, coalesce(sh.amt, 0) as amt, coalesce(sh.ytd, 0) as ytd,
           coalesce(sh.ly, 0) as ly, coalesce(sh.ly_ytd, 0) as ly_ytd
      from pl full join sh on sh.customer_id = pl.customer_id and sh.product_id = pl.product_id
  )
  select s.id, s.code, s.name, s.area_code, pr.id, pr.sku, pr.name, pr.spec, k.plan_q,
         k.plan_amt, k.q, k.amt, round(100 * k.amt / nullif(k.plan_amt, 0), 1), k.plan_ytd,
         k.ytd, round(100 * k.ytd / nullif(k.plan_ytd, 0), 1), k.ly, k.ly_ytd
    from k join scope s on s.id = k.customer_id join public.products pr on pr.id = k.product_id
   order by s.area_code, s.code, pr.sku;
end
$$;

--
-- Name: new_contract(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.new_contract(p_customer_id uuid) RETURNS public.contracts
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  who uuid := private.require_caller();
  cust public.customers;
  t jsonb;
  s jsonb;
  start date := (date_trunc('month', private.company_today()) + interval '1 month')::date;
  v_row public.contracts;
begin
  if p_customer_id is null then
    raise exception 'p_customer_id is required' using errcode = '22023', detail = '缺少客户编号';
  end if;
  if (select private.my_role()) not in ('manager', 'area_manager') then
    perform private.deny('only managers and area managers draft contracts',
                         '只有销售经理和区域经理可以起草合同');
  end if;
  select * into cust from public.customers c where c.id = p_customer_id and c.deleted_at is null;
  if not found then
    raise exception 'customer % not found', p_customer_id using errcode = 'P0002',
      detail = '找不到该客户';
  end if;
  perform pg_advisory_xact_lock(hashtext('fieldsales.new_contract'), hashtext(cust.id::text));
  select * into v_row from public.contracts k
   where k.customer_id = cust.id and k.status = 'draft' and k.deleted_at is null
   order by k.created_at desc, k.id
   limit 1;
  if found then
    return v_row;
  end if;
  select jsonb_object_agg(st.key, st.value) into s from public.settings st
   where st.key like 'company.%';
  select st.value into t from public.settings st where st.key = 'contract.template';
  t := coalesce(t, '{}');
  insert into public.contracts (
    contract_no, customer_id, custodian_id, quality_terms, delivery_time, delivery_place,
    transport_mode, freight_paid_by, acceptance_terms, rights_level, territory, brands,
    term_start, term_end, settlement_method, payment_days, rebate_pct, annual_bonus,
    promotion_support, advertising_support, staff_support, ordering_terms, return_terms,
    breach_liability, dispute_resolution, signed_place,
    party_a_name, party_a_address, party_a_phone, party_a_legal_rep, party_a_signing_rep,
    party_a_bank, party_a_account, party_a_tax_id,
    party_b_name, party_b_address, party_b_phone, party_b_signing_rep)
  values (
    private.next_contract_no(cust.code, extract(year from start)::int), cust.id, who,
    t ->> 'quality_terms', t ->> 'delivery_time', nullif(concat(cust.address, '（乙方仓库）'), '（乙方仓库）'),
    t ->> 'transport_mode', t ->> 'freight_paid_by', t ->> 'acceptance_terms',
    case when cust.tier = 1 then coalesce(t ->> 'rights_level', 'general') else 'sub' end,
    (select a.name from public.areas a where a.id = cust.area_id),
    nullif(array_to_string(cust.hot_brands, '、'), ''),
    start, (start + make_interval(months => coalesce((t ->> 'term_months')::int, 12)))::date - 1,
    t ->> 'settlement_method', cust.payment_terms_days, (t ->> 'rebate_pct')::numeric,
    t ->> 'annual_bonus', t ->> 'promotion_support', t ->> 'advertising_support',
    t ->> 'staff_support', t ->> 'ordering_terms', t ->> 'return_terms',
    t ->> 'breach_liability', t ->> 'dispute_resolution', s ->> 'company.address',
    s ->> 'company.name', s ->> 'company.address', s ->> 'company.phone',
    s ->> 'company.legal_rep', (select p.full_name from public.profiles p where p.id = who),
    s ->> 'company.bank', s ->> 'company.account', s ->> 'company.tax_id',
    cust.name, cust.address, cust.phone, cust.contact_name)
  returning * into v_row;
  insert into public.contract_lines (contract_id, line_no, product_id, variety, brand, spec,
                                     quantity, unit_price)
  select v_row.id, row_number() over (order by pr.sku), pr.id, pr.variety, pr.brand, pr.spec,
         b.qty, pr.unit_price
    from (select sh.product_id, sum(sh.quantity) as qty from public.shipments sh
           where sh.customer_id = cust.id and sh.deleted_at is null
             and sh.shipped_on > private.company_today() - interval '1 year'
           group by sh.product_id) b
    join public.products pr on pr.id = b.product_id;
  return v_row;
end
$$;

--
-- Name: notify_channel_save(text, text, text, text, uuid, boolean, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.notify_channel_save(p_name text, p_platform text, p_webhook_ref text, p_secret_ref text DEFAULT NULL::text, p_area_id uuid DEFAULT NULL::uuid, p_active boolean DEFAULT true, p_channel_id uuid DEFAULT NULL::uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_name text := btrim(coalesce(p_name, ''));
  v_webhook text := btrim(coalesce(p_webhook_ref, ''));
  v_secret text := nullif(btrim(coalesce(p_secret_ref, '')), '');
  ch public.notify_channels;
begin
  perform private.require_caller();
  perform private.require_manager('only a manager adds or changes a group bot',
                                  '只有销售经理可以添加或修改群机器人');
  if p_channel_id is not null and not exists (
      select from public.notify_channels c where c.id = p_channel_id) then
    raise exception 'no such group bot (p_channel_id)' using errcode = 'P0002',
      detail = '没有这个群机器人（p_channel_id）';
  end if;
  if char_length(v_name) not between 1 and 100 then
    raise exception 'p_name, the name of the bot, is 1 to 100 characters' using errcode = '22023',
      detail = '机器人名称（p_name）须为1到100个字符';
  end if;
  if p_platform is null or p_platform not in ('wecom', 'dingtalk', 'feishu') then
    raise exception 'p_platform must be wecom, dingtalk or feishu (got %)',
      coalesce(left(p_platform, 20), 'nothing') using errcode = '22023',
      detail = '平台（p_platform）须为企业微信（wecom）、钉钉（dingtalk）或飞书（feishu）';
  end if;
  if p_area_id is not null and not exists (
      select from public.areas a where a.id = p_area_id and a.deleted_at is null) then
    raise exception 'p_area_id: no such area (leave it empty for all areas)' using errcode = '22023',
      detail = '没有这个区域（p_area_id）；全部区域请留空';
  end if;
  if v_webhook = '' then
    raise exception 'p_webhook_ref is required: the name that holds the webhook URL'
      using errcode = '22023', detail = '请填写 Webhook 引用名（p_webhook_ref）';
  end if;
  perform private.check_notify_ref('p_webhook_ref', 'Webhook 引用名', v_webhook);
  if v_secret is null and p_platform <> 'wecom' then
    raise exception 'p_secret_ref is required: a % bot signs its messages', p_platform
      using errcode = '22023',
      detail = '钉钉和飞书机器人须填写签名密钥引用名（p_secret_ref）';
  end if;
  if v_secret is not null then
    perform private.check_notify_ref('p_secret_ref', '签名密钥引用名', v_secret);
  end if;
  if p_active is null then
    raise exception 'p_active is required: whether the bot receives events' using errcode = '22023',
      detail = '请指定是否启用（p_active）';
  end if;
  if p_channel_id is null then
    insert into public.notify_channels (name, platform, area_id, webhook_ref, secret_ref, active)
    values (v_name, p_platform, p_area_id, v_webhook, v_secret, p_active)
    returning * into ch;
  else
    update public.notify_channels c
       set name = v_name, platform = p_platform, area_id = p_area_id, webhook_ref = v_webhook,
           secret_ref = v_secret, active = p_active, updated_at = now()
     where c.id = p_channel_id
    returning * into ch;
  end if;
  return private.notify_channel_snapshot(ch) || jsonb_build_object('id', ch.id);
end
$$;

--
-- Name: notify_channels_list(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.notify_channels_list() RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  perform private.require_caller();
  perform private.require_manager('only a manager reads the group bots',
                                  '只有销售经理可以查看群机器人');
  return jsonb_build_object(
    'channels', coalesce((select jsonb_agg(private.notify_channel_snapshot(ch)
                                           || jsonb_build_object('id', ch.id)
                                           order by ch.name, ch.id)
                            from public.notify_channels ch), '[]'::jsonb),
    'changes', coalesce((select jsonb_agg(x order by x.changed_at desc, x.id desc) from (
                 select c.id, substr(c.setting_key, 16)::uuid as channel_id,
                        coalesce(c.new_value ->> 'name', c.old_value ->> 'name') as channel,
                        c.old_value, c.new_value, c.changed_at,
                        coalesce(p.full_name, '系统 (system)') as changed_by_name
                   from public.setting_changes c
                   left join public.profiles p on p.id = c.changed_by
                  where c.setting_key like 'notify.channel:%'
                  order by c.changed_at desc, c.id desc limit 30) x), '[]'::jsonb),
    'areas', coalesce((select jsonb_agg(jsonb_build_object('id', a.id, 'code', a.code,
                                                           'name', a.name) order by a.code)
                         from public.areas a where a.deleted_at is null), '[]'::jsonb));
end
$$;

--
-- Name: notify_requeue(bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.notify_requeue(p_outbox_id bigint) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  o private.notify_outbox;
begin
  perform private.require_caller();
  if (select private.my_role()) is distinct from 'manager' then
    perform private.deny('only a manager requeues a group-bot notification',
                         '只有销售经理可以重新推送群机器人消息');
  end if;
  if p_outbox_id is null then
    raise exception 'p_outbox_id is required: the dead letter to requeue' using errcode = '22023',
      detail = '请指定要重新推送的消息（p_outbox_id）';
  end if;
  select * into o from private.notify_outbox x where x.id = p_outbox_id for update;
  if not found or o.status <> 'dead' then
    raise exception 'notification % is not a dead letter', p_outbox_id using errcode = '55000',
      detail = format('消息（p_outbox_id）%s 不是推送失败的消息，不能重新推送', p_outbox_id);
  end if;
  insert into private.notify_requeues (outbox_id, requeued_by, tries, last_error)
  values (o.id, private.audit_actor(), o.tries, o.last_error);
  update private.notify_outbox x
     set status = 'queued', tries = 0, next_try_at = private.company_now(), lease_until = null,
         claimed_by = null
   where x.id = o.id;
  return jsonb_build_object('id', o.id, 'status', 'queued', 'tries', 0);
end
$$;

--
-- Name: notify_status(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.notify_status() RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  perform private.require_caller();
  if (select private.my_role()) is distinct from 'manager' then
    perform private.deny('only a manager reads the delivery state of the group bots',
                         '只有销售经理可以查看群机器人推送状态');
  end if;
  return jsonb_build_object(
    'counts', (select jsonb_build_object(
                 'queued', count(*) filter (where o.status = 'queued'),
                 'sent', count(*) filter (where o.status = 'sent'),
                 'dead', count(*) filter (where o.status = 'dead'))
                 from private.notify_outbox o),
    'channels', coalesce((select jsonb_agg(jsonb_build_object(
                   'id', ch.id, 'name', ch.name, 'platform', ch.platform, 'area_id', ch.area_id,
                   'active', ch.active,
                   'queued', (select count(*) from private.notify_outbox o
                               where o.channel_id = ch.id and o.status = 'queued'),
                   'sent', (select count(*) from private.notify_outbox o
                             where o.channel_id = ch.id and o.status = 'sent'),
                   'dead', (select count(*) from private.notify_outbox o
                             where o.channel_id = ch.id and o.status = 'dead'))
                   order by ch.name, ch.id)
                   from public.notify_channels ch), '[]'::jsonb),
    'dead', coalesce((select jsonb_agg(d order by d.created_at desc, d.id desc) from (
               select o.id, o.event, o.title, ch.name as channel, ch.platform, o.tries,
                      private.mask_urls(o.last_error) as last_error, o.created_at, o.next_try_at
                 from private.notify_outbox o join public.notify_channels ch on ch.id = o.channel_id
                where o.status = 'dead'
                order by o.created_at desc, o.id desc limit 50) d), '[]'::jsonb),
    'requeued', coalesce((select jsonb_agg(r order by r.requeued_at desc, r.id desc) from (
               select q.id, q.outbox_id, o.title, ch.name as channel, q.tries,
                      private.mask_urls(q.last_error) as last_error, q.requeued_at,
                      coalesce(p.full_name, '系统 (system)') as requeued_by_name, o.status
                 from private.notify_requeues q
                 join private.notify_outbox o on o.id = q.outbox_id
                 join public.notify_channels ch on ch.id = o.channel_id
                 left join public.profiles p on p.id = q.requeued_by
                order by q.requeued_at desc, q.id desc limit 20) r), '[]'::jsonb));
end
$$;

--
-- Name: overdue_deliveries(date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.overdue_deliveries(p_as_of date DEFAULT NULL::date) RETURNS TABLE(customer_id uuid, customer_name text, doc_no text, shipped_on date, days_since integer, days_overdue integer, line_count integer, amount numeric)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  as_of date := coalesce(p_as_of, private.company_today());
  days integer := private.delivery_confirm_days();
  v_from date := private.delivery_confirm_from();
begin
  perform private.require_staff();
  return query
  select s.customer_id, min(c.name), s.doc_no, min(s.shipped_on),
         (as_of - min(s.shipped_on))::integer, (as_of - min(s.shipped_on) - days)::integer,
         count(*)::integer, sum(s.amount)
    from public.shipments s join public.customers c on c.id = s.customer_id
   where s.seller_id is null and s.deleted_at is null and s.confirmed_at is null
     and s.shipped_on < as_of - days and s.shipped_on >= v_from
   group by s.customer_id, s.doc_no
   order by min(s.shipped_on), s.doc_no;
end
$$;

--
-- Name: photo_file(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.photo_file(p_photo_id uuid) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  result jsonb;
begin
  perform private.require_caller();
  select jsonb_build_object('photo_id', f.photo_id, 'mime', f.mime, 'size', f.size,
           'sha256', f.sha256, 'bucket', 'visit-photos', 'storage_path', f.storage_path,
           'uploaded_by', f.uploaded_by, 'uploaded_at', f.uploaded_at)
    into result
    from public.photo_files f
   where f.photo_id = p_photo_id;
  if result is null then
    raise exception 'photo % has no file (or is not visible)', p_photo_id
      using errcode = 'P0002', detail = '找不到这张照片的文件（未上传或无权查看）';
  end if;
  return result;
end
$$;

--
-- Name: plan_vs_actual(date, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.plan_vs_actual(p_week_start date, p_rep_id uuid DEFAULT NULL::uuid) RETURNS TABLE(rep_id uuid, rep_name text, area_id uuid, area_code text, area_name text, week_start date, plan_status text, planned integer, done integer, missed integer, pending integer, unplanned integer, offsite integer, visits integer, timed_visits integer, avg_duration_min numeric)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
#variable_conflict use_column
declare
  service boolean := current_user not in ('authenticated', 'anon');
  who uuid;
  tz text := private.company_tz();
  today date := private.company_today();
  week_from timestamptz;
  week_to timestamptz;
begin
  if not service then
    who := private.require_caller();
    if not (select private.is_staff()) then
      perform private.deny('only staff see plan versus actual', '只有内部员工可以查看计划执行情况');
    end if;
  end if;
  if p_week_start is null then
    raise exception 'p_week_start is required' using errcode = '22023', detail = '缺少周次（周一日期）';
  end if;
  if extract(isodow from p_week_start) <> 1 then
    raise exception 'p_week_start must be a Monday (% is not)', p_week_start
      using errcode = '22023', detail = format('周次必须是周一的日期（%s 不是周一）', p_week_start);
  end if;
  if p_rep_id is not null and not exists (
      select from public.profiles p
      where p.id = p_rep_id and p.role = 'rep'
        and (service or p.id = who or p.id in (select private.managed_rep_ids()))) then
    raise exception 'rep % not found', p_rep_id using errcode = 'P0002', detail = '找不到该业务员';
  end if;
  week_from := p_week_start::timestamp at time zone tz;
  week_to := (p_week_start + 7)::timestamp at time zone tz;
  return query
    with reps as (
      select p.id, p.full_name, p.area_id, p.active from public.profiles p
      where p.role = 'rep' and (p_rep_id is null or p.id = p_rep_id)
        and (service or p.id = who or p.id in (select private.managed_rep_ids()))
    ),
    plans as (
      select vp.id, vp.rep_id, vp.status, vp.updated_at from public.visit_plans vp
      where vp.week_start = p_week_start and vp.deleted_at is null
        and vp.rep_id in (select r.id from reps r)
    ),
    stops as (
      select s.id, pl.rep_id, s.customer_id, s.visit_date from public.visit_plan_stops s
      join plans pl on pl.id = s.plan_id
      where pl.status = 'approved' and s.deleted_at is null
    ),
    wv as (
      select v.id, v.rep_id, v.customer_id, v.status, v.offsite, v.checkin_at, v.checkout_at,
             (v.checkin_at at time zone tz)::date as day
      from public.visits v
      where v.rep_id in (select r.id from reps r) and v.deleted_at is null
        and v.status <> 'cancelled' and v.checkin_at >= week_from and v.checkin_at < week_to
    ),
    -- matched by hash joins on (rep, customer, day), never by a scan per row
    done_days as (
      select distinct wv.rep_id, wv.customer_id, wv.day from wv where wv.status = 'done'
    ),
    stop_days as (
      select distinct st.rep_id, st.customer_id, st.visit_date from stops st
    ),
    per_stop as (
      select st.rep_id, count(*)::integer as planned,
             (count(dd.day))::integer as done,
             (count(*) filter (where dd.day is null and st.visit_date < today))::integer as missed,
             (count(*) filter (where dd.day is null and st.visit_date >= today))::integer as pending
      from stops st
      left join done_days dd on dd.rep_id = st.rep_id and dd.customer_id = st.customer_id
                            and dd.day = st.visit_date
      group by st.rep_id
    ),
    per_visit as (
      select wv.rep_id,
             (count(*) filter (where sd.visit_date is null))::integer as unplanned,
             (count(*) filter (where wv.offsite))::integer as offsite,
             count(*)::integer as visits,
             (count(*) filter (where wv.status = 'done' and wv.checkout_at is not null))::integer
               as timed_visits,
             round(avg(extract(epoch from wv.checkout_at - wv.checkin_at) / 60)
                   filter (where wv.status = 'done' and wv.checkout_at is not null), 1)
               as avg_duration_min
      from wv
      left join stop_days sd on sd.rep_id = wv.rep_id and sd.customer_id = wv.customer_id
                            and sd.visit_date = wv.day
      group by wv.rep_id
    ),
    plan_status as (
      select pl.rep_id,
             (array_agg(pl.status order by pl.status = 'approved' desc, pl.updated_at desc))[1]
               as status
      from plans pl group by pl.rep_id
    )
    select r.id, r.full_name, r.area_id, a.code, a.name, p_week_start, ps.status,
           coalesce(s.planned, 0), coalesce(s.done, 0), coalesce(s.missed, 0),
           coalesce(s.pending, 0), coalesce(v.unplanned, 0), coalesce(v.offsite, 0),
           coalesce(v.visits, 0), coalesce(v.timed_visits, 0), v.avg_duration_min
    from reps r
    left join public.areas a on a.id = r.area_id
    left join per_stop s on s.rep_id = r.id
    left join per_visit v on v.rep_id = r.id
    left join plan_status ps on ps.rep_id = r.id
    where r.active or ps.status is not null or v.visits is not null
    order by a.code nulls last, r.full_name, r.id;
end
$$;

--
-- Name: quadrant_matrix(uuid, integer, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.quadrant_matrix(p_area_id uuid DEFAULT NULL::uuid, p_max_points integer DEFAULT 2000, p_max_movers integer DEFAULT 200) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  -- the service side (service_role: reports, benchmarks) reads the company
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  role text;
  bins constant integer := 20;
  v_pct numeric;
  v_cut numeric;
  v_as_of date;
  v_prev date;
  v_scope uuid[];  -- the caller's areas (null: every area)
  v_shown uuid[];  -- the areas shown (null: every area)
  v_area_name text;
  result jsonb;
begin
  if api then
    perform private.require_staff();
    role := (select private.my_role());
    if role not in ('area_manager', 'manager') then
      perform private.deny('only an area manager or a manager sees the quadrant matrix',
                           '只有区域经理或销售经理可以查看客户分类矩阵');
    end if;
  end if;
  if p_max_points is null or p_max_points not between 0 and 5000 then
    raise exception 'p_max_points must be a whole number from 0 to 5000 (got %)', p_max_points
      using errcode = '22023', detail = '散点上限（p_max_points）必须是0到5000之间的整数';
  end if;
  if p_max_movers is null or p_max_movers not between 0 and 1000 then
    raise exception 'p_max_movers must be a whole number from 0 to 1000 (got %)', p_max_movers
      using errcode = '22023', detail = '变动客户上限（p_max_movers）必须是0到1000之间的整数';
  end if;
  if p_area_id is not null then
    select a.name into v_area_name from public.areas a
     where a.id = p_area_id and a.deleted_at is null;
    if not found then
      raise exception 'area % not found', p_area_id
        using errcode = 'P0002', detail = '找不到该区域（p_area_id）';
    end if;
  end if;
  if api and role = 'area_manager' then
    v_scope := array(select private.my_area_ids());
    if p_area_id is not null and not (p_area_id = any(v_scope)) then
      perform private.deny('an area manager sees the quadrant matrix of their own areas only',
                           '区域经理只能查看自己负责区域的客户分类');
    end if;
  end if;
  v_shown := v_scope;
  if p_area_id is not null then  -- the chosen area and the areas under it
    v_shown := array(
      with recursive tree as (
        select p_area_id as id
        union
        select a.id from public.areas a join tree t on a.parent_id = t.id
      )
      select t.id from tree t);
  end if;
  select (s.value #>> '{}')::numeric into v_pct from public.settings s
   where s.key = 'classification.volume_percentile' and s.deleted_at is null;
  select (s.value #>> '{}')::numeric into v_cut from public.settings s
   where s.key = 'classification.loyalty_cutoff' and s.deleted_at is null;
  -- runs classify every customer at once: the latest run is the latest date
  v_as_of := (select max(cc.as_of) from public.customer_classifications cc);
  v_prev := (select max(cc.as_of) from public.customer_classifications cc where cc.as_of < v_as_of);

  -- narrow rows (no names): names are read for the movers listed only
  with
  run as materialized (
    select cc.customer_id, cc.volume_12m, cc.loyalty_score, cc.quadrant, c.area_id,
           c.deleted_at is null as live,
           v_shown is null or c.area_id = any(v_shown) as shown,
           -- partitions are whole areas: the scope never cuts one
           -- ordered as float8: the same order as the numeric(16,2) volumes (at most 1e12, two
           -- decimals, stay distinct and ordered), and much quicker to sort
           percent_rank() over (partition by c.area_id, c.tier order by cc.volume_12m::float8)
             as pr
      from public.customer_classifications cc
      join public.customers c on c.id = cc.customer_id
     where cc.as_of = v_as_of and (v_scope is null or c.area_id = any(v_scope))
  ),
  pts as materialized (
    select r.customer_id, r.quadrant, r.volume_12m, r.loyalty_score,
           case when r.quadrant in ('core', 'dangerous') then greatest(r.pr, v_pct::float8)
                else least(r.pr, v_pct::float8) end as x,
           case when r.quadrant in ('core', 'cultivate') then greatest(r.loyalty_score, v_cut)
                else least(r.loyalty_score, v_cut) end as y
      from run r
     where r.live and r.shown
  ),
  total as (
    select count(*) as n from pts
  ),
  -- each customer's previous classification: the previous run's row, read at once (hashed);
  -- a customer missing from that run (suspended back to active, say) by its own latest before
  prev as (
    select pv.customer_id, pv.quadrant, pv.as_of
      from public.customer_classifications pv
     where pv.as_of = v_prev
    union all
    select p.customer_id, o.quadrant, o.as_of
      from pts p
      join public.customer_classifications o
        on o.customer_id = p.customer_id
       and o.as_of = (select max(y.as_of) from public.customer_classifications y
                       where y.customer_id = p.customer_id and y.as_of < v_prev)
     where not exists (select from public.customer_classifications x
                        where x.customer_id = p.customer_id and x.as_of = v_prev)
  ),
  movers as materialized (
    select p.customer_id, p.volume_12m, p.loyalty_score, pr.quadrant as from_quadrant,
           p.quadrant as to_quadrant, pr.as_of as previous_as_of,
           case p.quadrant when 'dangerous' then 0 when 'eliminate' then 1
                           when 'cultivate' then 2 else 3 end as rank_
      from pts p
      join prev pr on pr.customer_id = p.customer_id
     where pr.quadrant <> p.quadrant
  )
  select jsonb_build_object(
    'as_of', v_as_of,
    'previous_as_of', v_prev,
    'area_id', p_area_id,
    'area_name', v_area_name,
    'cuts', jsonb_build_object('volume_percentile', v_pct, 'loyalty_cutoff', v_cut),
    'total', (select n from total),
    'counts', (select jsonb_build_object(
                 'core', count(*) filter (where p.quadrant = 'core'),
                 'dangerous', count(*) filter (where p.quadrant = 'dangerous'),
                 'cultivate', count(*) filter (where p.quadrant = 'cultivate'),
                 'eliminate', count(*) filter (where p.quadrant = 'eliminate'))
                 from pts p),
    'mode', case when (select n from total) <= p_max_points then 'points' else 'grid' end,
    'bins', bins,
    'points', coalesce((
      select jsonb_agg(jsonb_build_array(round(p.x::numeric, 3), p.y, p.quadrant)
                       order by p.quadrant, p.x, p.y)
        from pts p where (select n from total) <= p_max_points), '[]'::jsonb),
    'cells', coalesce((
      select jsonb_agg(jsonb_build_array(round(g.x::numeric, 3), round(g.y, 1), g.quadrant, g.n)
                       order by g.quadrant, g.x, g.y)
        from (select p.quadrant, avg(p.x) as x, avg(p.y) as y, count(*) as n
                from pts p
               where (select n from total) > p_max_points
               group by p.quadrant, least(floor(p.x * bins), bins - 1),
                        least(floor(p.y * bins / 100), bins - 1)) g), '[]'::jsonb),
    'movers_total', (select count(*) from movers),
    'moves', coalesce((
      select jsonb_agg(jsonb_build_object('from', m.from_quadrant, 'to', m.to_quadrant, 'n', m.n)
                       order by m.n desc, m.from_quadrant, m.to_quadrant)
        from (select from_quadrant, to_quadrant, count(*) as n from movers
               group by from_quadrant, to_quadrant) m), '[]'::jsonb),
    'movers', coalesce((
      select jsonb_agg(jsonb_build_object(
               'customer_id', m.customer_id, 'code', c.code, 'name', c.name,
               'area_id', c.area_id, 'area_name', a.name, 'tier', c.tier,
               'from', m.from_quadrant, 'to', m.to_quadrant,
               'previous_as_of', m.previous_as_of, 'volume_12m', m.volume_12m,
               'loyalty', m.loyalty_score) order by m.rank_, m.volume_12m desc, m.customer_id)
        from (select mv.* from movers mv
               order by mv.rank_, mv.volume_12m desc, mv.customer_id
               limit p_max_movers) m
        join public.customers c on c.id = m.customer_id
        left join public.areas a on a.id = c.area_id), '[]'::jsonb),
    'areas', coalesce((
      select jsonb_agg(jsonb_build_object('id', x.area_id, 'name', a.name, 'customers', x.n)
                       order by a.name, x.area_id)
        from (select r.area_id, count(*) as n from run r where r.live group by r.area_id) x
        join public.areas a on a.id = x.area_id), '[]'::jsonb))
    into result;
  return result;
end
$$;

--
-- Name: queue_overdue_notifications(date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.queue_overdue_notifications(p_as_of date) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  n integer;
begin
  if p_as_of is null then
    raise exception 'as_of is required' using errcode = '22004', detail = '必须指定日期 as_of';
  end if;
  insert into private.notify_outbox (event, subject_id, customer_id, area_id, channel_id,
                                     dedupe_key, title, message)
  select 'warning_overdue', w.id, w.customer_id, c.area_id, ch,
         format('warning_overdue:%s:%s', w.id, ch), t.title, t.message
    from public.warnings w
    join public.customers c on c.id = w.customer_id
   cross join lateral private.notify_channels_for(c.area_id) ch
   cross join lateral private.notify_warning_text('warning_overdue', w.id, p_as_of) t
   where w.status <> 'resolved'
     and private.severity_rank(w.severity) >= private.notify_min_rank()
     and private.warning_overdue(w.severity, w.raised_at, w.status, p_as_of)
     and exists (select from public.notify_channels x where x.active)
  on conflict (dedupe_key) do nothing;
  get diagnostics n = row_count;
  return n;
end
$$;

--
-- Name: receivables_ageing(date, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.receivables_ageing(p_as_of date, p_area_code text DEFAULT NULL::text) RETURNS TABLE(customer_id uuid, customer_code text, customer_name text, area_code text, tier smallint, credit_limit numeric, balance numeric, days_0_30 numeric, days_31_60 numeric, days_61_90 numeric, days_over_90 numeric, over_limit numeric, oldest_open date)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
#variable_conflict use_column
declare
  ids uuid[];
begin
  if p_as_of is null then
    raise exception 'p_as_of is required' using errcode = '22023', detail = '缺少日期';
  end if;
  select array_agg(r.id) into ids from private.report_customers(p_area_code) r;
  return query
  with bal as (
    select b.customer_id, b.balance, b.paid + b.credited as settled
      from private.balances(p_as_of, coalesce(ids, '{}'::uuid[])) b
  ), lines as (
    select s.customer_id, s.shipped_on, s.amount,
           sum(s.amount) over (partition by s.customer_id order by s.shipped_on, s.doc_no,
                               s.line_no) as cum
      from public.shipments s
     where s.seller_id is null and s.deleted_at is null and s.shipped_on <= p_as_of
       and s.customer_id = any(ids)
  ), openl as (
    select l.customer_id, l.shipped_on,
           greatest(0, least(l.amount, l.cum - coalesce(b.settled, 0))) as open_amt
      from lines l left join bal b on b.customer_id = l.customer_id
  ), agg as (
    select o.customer_id,
           sum(o.open_amt) filter (where p_as_of - o.shipped_on <= 30) as d30,
           sum(o.open_amt) filter (where p_as_of - o.shipped_on between 31 and 60) as d60,
           sum(o.open_amt) filter (where p_as_of - o.shipped_on between 61 and 90) as d90,
           sum(o.open_amt) filter (where p_as_of - o.shipped_on > 90) as dmore,
           min(o.shipped_on) filter (where o.open_amt > 0) as oldest
      from openl o group by 1
  )
  select c.id, c.code, c.name, a.code, c.tier, c.credit_limit, bal.balance,
         coalesce(g.d30, 0), coalesce(g.d60, 0), coalesce(g.d90, 0), coalesce(g.dmore, 0),
         greatest(bal.balance - c.credit_limit, 0), g.oldest
    from bal
    join public.customers c on c.id = bal.customer_id
    join public.areas a on a.id = c.area_id
    left join agg g on g.customer_id = bal.customer_id
   where bal.balance <> 0 or c.credit_limit > 0
   order by greatest(bal.balance - c.credit_limit, 0) desc, bal.balance desc, c.code;
end
$$;

--
-- Name: receive_order(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.receive_order(p_order_id uuid) RETURNS public.orders
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  o public.orders := private.staff_order(p_order_id);
begin
  if o.status <> 'shipped' then
    perform private.order_state_error(o, 'shipped', 'received', '确认收货');
  end if;
  update public.orders
     set status = 'received', received_at = now(), received_by = (select auth.uid())
   where id = o.id
  returning * into o;
  return o;
end
$$;

--
-- Name: record_conduct_flag(uuid, text, date, text, uuid[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.record_conduct_flag(p_customer_id uuid, p_kind text, p_flagged_on date, p_note text, p_photo_ids uuid[] DEFAULT '{}'::uuid[]) RETURNS public.customer_conduct_flags
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  who uuid := private.require_staff();
  row public.customer_conduct_flags;
begin
  if p_customer_id is null then
    raise exception 'p_customer_id is required' using errcode = '22023', detail = '缺少客户编号';
  end if;
  if not exists (select from public.customers c
                  where c.id = p_customer_id and c.deleted_at is null
                    and c.id in (select private.staff_customer_ids())) then
    raise exception 'customer % not found', p_customer_id using errcode = 'P0002',
      detail = '找不到该客户';
  end if;
  if p_kind is null or p_kind not in ('cross_territory', 'dumping') then
    raise exception 'kind must be cross_territory or dumping (got %)', p_kind
      using errcode = '22023', detail = '类型（kind）必须是窜货或砸价';
  end if;
  perform private.check_conduct_flag_day(p_flagged_on);
  perform private.elimination_check_text(p_note, true, 'note', '情况说明');
  if cardinality(coalesce(p_photo_ids, '{}')) > 20 then
    raise exception 'at most 20 photos' using errcode = '22023', detail = '照片（photo_ids）最多20张';
  end if;
  insert into public.customer_conduct_flags (customer_id, kind, flagged_on, reported_by, note,
                                             photo_ids)
  values (p_customer_id, p_kind, p_flagged_on, who, btrim(p_note), coalesce(p_photo_ids, '{}'))
  returning * into row;
  return row;
end
$$;

--
-- Name: record_photo_file(uuid, text, integer, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.record_photo_file(p_photo_id uuid, p_mime text, p_size integer, p_sha256 text) RETURNS text
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
declare
  who uuid := private.require_caller();
  photo record;
  kept record;
  path text;
begin
  if p_photo_id is null or p_mime is null or p_size is null or p_sha256 is null then
    raise exception 'p_photo_id, p_mime, p_size and p_sha256 are required'
      using errcode = '22023', detail = '缺少照片编号、格式、大小或校验值';
  end if;
  if p_mime not in ('image/jpeg', 'image/png', 'image/webp') then
    raise exception 'unsupported photo type % (JPEG, PNG or WebP only)', p_mime
      using errcode = '22023', detail = '只支持 JPEG、PNG 或 WebP 照片';
  end if;
  if p_size < 1 or p_size > 15728640 then
    raise exception 'a photo must be between 1 byte and 15 MB (got % bytes)', p_size
      using errcode = '22023', detail = '照片大小须在 15 MB 以内且不能为空';
  end if;
  if p_sha256 !~ '^[0-9a-f]{64}$' then
    raise exception 'p_sha256 must be the SHA-256 of the file in 64 lowercase hex digits'
      using errcode = '22023', detail = '照片校验值（SHA-256）格式不对';
  end if;
  select p.taken_by, p.deleted_at into photo from public.photos p where p.id = p_photo_id;
  if not found or photo.deleted_at is not null then
    raise exception 'photo % not found', p_photo_id
      using errcode = 'P0002', detail = '找不到这张照片（可能已删除）';
  end if;
  if photo.taken_by is distinct from who then
    raise exception 'only the photographer can upload the file of photo %', p_photo_id
      using errcode = '42501', detail = '只有拍照的人可以上传这张照片';
  end if;
  insert into public.photo_files (photo_id, mime, size, sha256, uploaded_by)
  values (p_photo_id, p_mime, p_size, p_sha256, who)
  on conflict (photo_id) do nothing
  returning storage_path into path;
  if path is not null then
    return path;
  end if;
  -- idempotent: a retry of the same file changes nothing; another file is refused
  select f.mime, f.size, f.sha256, f.storage_path into kept
    from public.photo_files f where f.photo_id = p_photo_id;
  if (kept.mime, kept.size, kept.sha256) is distinct from (p_mime, p_size, p_sha256) then
    raise exception 'photo % already has another file (sha256 %)', p_photo_id, kept.sha256
      using errcode = '23505', detail = '这张照片已经上传过另一份文件，不能替换';
  end if;
  return kept.storage_path;
end
$_$;

--
-- Name: reject_order(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.reject_order(p_order_id uuid, p_reason text) RETURNS public.orders
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  o public.orders := private.supplied_order(p_order_id);
  reason text;
begin
  if o.status <> 'submitted' then
    perform private.order_state_error(o, 'submitted', 'rejected', '拒单');
  end if;
  reason := private.order_reason(p_reason, true, 'rejecting an order needs a reason',
                                 '拒单时必须填写原因');
  update public.orders
     set status = 'rejected', decided_at = now(), decided_by = (select auth.uid()),
         status_reason = reason
   where id = o.id
  returning * into o;
  return o;
end
$$;

--
-- Name: reject_visit_plan(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.reject_visit_plan(p_plan_id uuid, p_comment text) RETURNS public.visit_plans
    LANGUAGE sql
    SET search_path TO ''
    AS $$ select public.decide_visit_plan(p_plan_id, 'rejected', p_comment) $$;

--
-- Name: request_elimination(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.request_elimination(p_customer_id uuid, p_reason text) RETURNS public.customer_eliminations
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  who uuid := private.require_staff();
  cust public.customers;
  row public.customer_eliminations;
begin
  if (select private.my_role()) <> 'area_manager' then
    perform private.deny('only an area manager requests to eliminate a customer',
                         '只有区域经理可以申请淘汰客户');
  end if;
  if p_customer_id is null then
    raise exception 'p_customer_id is required' using errcode = '22023', detail = '缺少客户编号';
  end if;
  select * into cust from public.customers c
   where c.id = p_customer_id and c.deleted_at is null
     and c.id in (select private.staff_customer_ids())
     for update;
  if not found then
    raise exception 'customer % not found', p_customer_id using errcode = 'P0002',
      detail = '找不到该客户';
  end if;
  perform private.elimination_check_text(p_reason, true, 'reason', '淘汰理由');
  if cust.status = 'eliminated' then
    raise exception 'the customer is already eliminated' using errcode = '55000',
      detail = '该客户已经淘汰';
  end if;
  if exists (select from public.customer_eliminations e
              where e.customer_id = p_customer_id and e.status = 'requested') then
    raise exception 'the customer already has an open elimination request' using
      errcode = '55000', detail = '该客户已有待审批的淘汰申请';
  end if;
  insert into public.customer_eliminations (customer_id, reason, requested_by, requested_at)
  values (p_customer_id, btrim(p_reason), who, private.company_now())
  returning * into row;
  return row;
end
$$;

--
-- Name: set_sales_plans(uuid, text, jsonb, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.set_sales_plans(p_customer_id uuid, p_month text, p_lines jsonb, p_schedule text DEFAULT NULL::text, p_planned_support text DEFAULT NULL::text) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
declare
  v_role text;
  m0 date;
  l jsonb;
  v_sku text;
  q numeric;
  amt numeric;
  pr public.products;
  n integer := 0;
  seen text[] := '{}';
  todo jsonb := '[]';
begin
  perform private.require_caller();
  v_role := (select private.my_role());
  if v_role not in ('area_manager', 'manager') then
    perform private.deny('only area managers and managers enter sales plans',
                         '只有区域经理和销售经理可以录入销售计划');
  end if;
  if p_month is null or p_month !~ '^[0-9]{4}-(0[1-9]|1[0-2])$' then
    raise exception 'p_month must look like 2026-12' using errcode = '22023',
      detail = '月份格式应为“年-月”，例如 2026-12';
  end if;
  m0 := (p_month || '-01')::date;
  if extract(year from m0) not between 2000 and 2100 then
    raise exception 'p_month must be between 2000 and 2100' using errcode = '22023',
      detail = '年份须在2000到2100之间';
  end if;
  if p_customer_id is null or not exists (
      select from public.customers c
       where c.id = p_customer_id and c.deleted_at is null and c.tier = 1
         and ((select private.is_manager())
              or c.id in (select private.staff_customer_ids()))) then
    raise exception 'dealer % not found', p_customer_id using errcode = 'P0002',
      detail = '找不到该经销商（或不在您的区域）';
  end if;
  if length(coalesce(p_schedule, '')) > 2000 or length(coalesce(p_planned_support, '')) > 2000 then
    raise exception 'the schedule or support is too long' using errcode = '22023',
      detail = '进度安排和支持计划不能超过2000字';
  end if;
  if p_lines is null or jsonb_typeof(p_lines) <> 'array' or jsonb_array_length(p_lines) = 0 then
    raise exception 'p_lines must be a non-empty array' using errcode = '22023',
      detail = '请至少填写一个产品的计划';
  end if;
  if jsonb_array_length(p_lines) > 500 then
    raise exception 'at most 500 lines at once' using errcode = '22023',
      detail = '一次最多录入500行';
  end if;
  for l in select value from jsonb_array_elements(p_lines) loop
    v_sku := left(btrim(coalesce(l ->> 'sku', '')), 200);
    select * into pr from public.products p where p.sku = v_sku and p.deleted_at is null;
    if not found then
      raise exception 'no product with SKU "%"', v_sku using errcode = '22023',
        detail = format('找不到产品编码「%s」', v_sku);
    end if;
    if v_sku = any(seen) then
      raise exception 'SKU % appears twice', v_sku using errcode = '22023',
        detail = format('产品「%s」重复', pr.name);
    end if;
    seen := seen || v_sku;
    begin
      q := nullif(btrim(l ->> 'quantity'), '')::numeric;
      amt := nullif(btrim(l ->> 'amount'), '')::numeric;
    exception when invalid_text_representation or numeric_value_out_of_range then
      raise exception 'the quantity and amount of % must be numbers', v_sku using errcode = '22023',
        detail = format('「%s」的数量和金额须为数字', pr.name);
    end;
    if q is null or q < 0 or q > 1000000 or q <> trunc(q) then
      raise exception 'the quantity of % must be whole boxes from 0 to 1,000,000', v_sku
        using errcode = '22023',
        detail = format('「%s」的计划数量须为0到1,000,000之间的整箱数', pr.name);
    end if;
    amt := coalesce(amt, round(q * pr.unit_price, 2));
    if amt < 0 or amt > 1000000000 then
      raise exception 'the amount of % must be from 0 to 1,000,000,000', v_sku
        using errcode = '22023',
        detail = format('「%s」的计划金额须在0到1,000,000,000元之间', pr.name);
    end if;
    todo := todo || jsonb_build_object('product_id', pr.id, 'quantity', q, 'amount', amt);
  end loop;
  for l in select value from jsonb_array_elements(todo) loop
    insert into public.sales_plans as sp (customer_id, product_id, month, quantity, amount,
                                          schedule, planned_support)
    values (p_customer_id, (l ->> 'product_id')::uuid, m0, (l ->> 'quantity')::numeric,
            round((l ->> 'amount')::numeric, 2), nullif(btrim(p_schedule), ''),
            nullif(btrim(p_planned_support), ''))
    on conflict (customer_id, product_id, month) do update
       set quantity = excluded.quantity, amount = excluded.amount,
           schedule = coalesce(excluded.schedule, sp.schedule),
           planned_support = coalesce(excluded.planned_support, sp.planned_support),
           deleted_at = null, updated_at = now();
    n := n + 1;
  end loop;
  return n;
end
$_$;

--
-- Name: set_setting(text, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.set_setting(p_key text, p_value jsonb) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  result jsonb;
begin
  perform private.require_manager('only a manager changes the policy settings',
                                  '只有销售经理可以修改管理设置');
  if p_key is null or btrim(p_key) = '' then
    raise exception 'p_key is required: the setting to change' using errcode = '22023',
      detail = '请指定要修改的设置项（p_key）';
  end if;
  if not exists (select from private.setting_rules r join public.settings s on s.key = r.key
                  where r.key = p_key and s.deleted_at is null) then
    raise exception 'there is no policy setting %', left(p_key, 200) using errcode = '22023',
      detail = format('没有这个管理设置项（p_key）：%s', left(p_key, 200));
  end if;
  if p_value is null then
    raise exception 'p_value is required: the new value of %', p_key using errcode = '22023',
      detail = format('请填写设置项 %s 的新值（p_value）', p_key);
  end if;
  update public.settings s set value = p_value where s.key = p_key;
  select to_jsonb(c) into result from public.setting_catalog() c where c.key = p_key;
  return result;
end
$$;

--
-- Name: set_warning_status(uuid, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.set_warning_status(p_warning_id uuid, p_status text, p_note text DEFAULT NULL::text) RETURNS public.warnings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  w public.warnings;
begin
  if p_warning_id is null then
    perform private.require_caller();
    raise exception 'p_warning_id is required' using errcode = '22023', detail = '缺少预警编号';
  end if;
  if p_status is null or p_status not in ('acknowledged', 'investigating', 'resolved') then
    perform private.require_caller();
    raise exception 'p_status must be acknowledged, investigating or resolved'
      using errcode = '22023', detail = '状态只能是 acknowledged（已确认）、investigating（调查中）或 resolved（已解除）';
  end if;
  if p_status = 'resolved' then
    w := private.warning_for_action(p_warning_id);
    if (select private.my_role()) not in ('area_manager', 'manager') then
      perform private.deny('only an area manager or a manager resolves a warning',
                           '只有区域经理或销售经理可以解除预警');
    end if;
    return public.warning_resolve(p_warning_id, 'other', p_note);
  end if;
  if p_status = 'acknowledged' then
    return public.warning_acknowledge(p_warning_id, p_note);
  end if;
  w := private.warning_for_action(p_warning_id);
  if not ((select private.my_role()) in ('area_manager', 'manager')
          or w.owner_id = (select auth.uid())) then
    perform private.deny('you cannot change this warning', '你无权处理该预警');
  end if;
  perform private.warning_check_note(p_note, false);
  if w.status = 'investigating' and p_note is null then
    return w;
  end if;
  return private.warning_step(w, case when nullif(btrim(coalesce(p_note, '')), '') is null
                                      then 'investigating' else 'note' end,
                              'investigating', null, p_note, '{}', null);
end
$$;

--
-- Name: set_warning_threshold(text, numeric, text, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.set_warning_threshold(p_setting_key text, p_value numeric, p_grade text DEFAULT NULL::text, p_customer_id uuid DEFAULT NULL::uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  r private.setting_rules;
begin
  perform private.require_manager('only a manager changes warning thresholds',
                                  '只有销售经理可以修改预警阈值');
  if p_setting_key is null or not (p_setting_key = any (private.warning_threshold_keys())) then
    raise exception 'p_setting_key must be one of % (got %)',
      array_to_string(private.warning_threshold_keys(), ', '), coalesce(left(p_setting_key, 200), 'nothing')
      using errcode = '22023', detail = '预警阈值项（p_setting_key）无效';
  end if;
  if (p_grade is null) = (p_customer_id is null) then
    raise exception 'name either p_grade or p_customer_id (exactly one)' using errcode = '22023',
      detail = '请指定客户等级（p_grade）或客户（p_customer_id），二者只能选一';
  end if;
  if p_grade is not null and p_grade not in ('A', 'B', 'C', 'D') then
    raise exception 'p_grade must be A, B, C or D (got %)', left(p_grade, 20) using errcode = '22023',
      detail = '客户等级（p_grade）必须是 A、B、C 或 D';
  end if;
  if p_customer_id is not null and not exists (
      select from public.customers c where c.id = p_customer_id and c.deleted_at is null) then
    raise exception 'no such customer' using errcode = 'P0002', detail = '没有这个客户（p_customer_id）';
  end if;
  if p_value is not null then
    select * into r from private.setting_rules s where s.key = p_setting_key;
    perform private.check_setting_number(r, p_setting_key, to_jsonb(p_value));
  end if;
  if p_value is null then
    delete from public.warning_thresholds t
     where t.setting_key = p_setting_key
       and (t.grade = p_grade or t.customer_id = p_customer_id);
  else
    update public.warning_thresholds t set value = p_value
     where t.setting_key = p_setting_key
       and (t.grade = p_grade or t.customer_id = p_customer_id);
    if not found then
      insert into public.warning_thresholds (setting_key, grade, customer_id, value)
      values (p_setting_key, p_grade, p_customer_id, p_value);
    end if;
  end if;
  return jsonb_build_object('setting_key', p_setting_key, 'grade', p_grade,
                            'customer_id', p_customer_id, 'value', p_value);
end
$$;

--
-- Name: setting_catalog(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.setting_catalog() RETURNS TABLE(section text, section_zh text, section_en text, sort integer, key text, label_zh text, label_en text, unit text, unit_zh text, shape text, value jsonb, min numeric, max numeric, whole boolean, choices text[], parts jsonb, overrides jsonb, changes jsonb)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  perform private.require_manager('only a manager reads the policy settings',
                                  '只有销售经理可以查看管理设置');
  return query
  select r.section, sec.zh, sec.en, r.sort, r.key, r.label_zh, r.label_en, r.unit, r.unit_zh,
         r.shape, s.value, r.min, r.max, r.whole, r.choices,
         (select jsonb_agg(jsonb_build_object('key', p.part, 'label_zh', p.label_zh,
                                              'label_en', p.label_en) order by p.sort)
            from private.setting_parts p where p.part = any (private.setting_shape_parts(r.shape))),
         case when r.key in (select unnest(private.warning_threshold_keys())) then
           jsonb_build_object(
             'grades', (select coalesce(jsonb_object_agg(t.grade, t.value), '{}')
                          from public.warning_thresholds t
                         where t.setting_key = r.key and t.grade is not null),
             'customers', (select coalesce(jsonb_agg(jsonb_build_object(
                                    'customer_id', c.id, 'code', c.code, 'name', c.name,
                                    'value', t.value) order by c.code), '[]')
                             from public.warning_thresholds t
                             join public.customers c on c.id = t.customer_id
                            where t.setting_key = r.key)) end,
         (select coalesce(jsonb_agg(jsonb_build_object(
                   'old_value', h.old_value, 'new_value', h.new_value, 'grade', h.grade,
                   'customer_id', h.customer_id, 'changed_by', h.changed_by,
                   'changed_by_name', coalesce(pr.full_name, '系统 (system)'),
                   'changed_at', h.changed_at) order by h.changed_at desc), '[]')
            from (select * from public.setting_changes x where x.setting_key = r.key
                   order by x.changed_at desc limit 10) h
            left join public.profiles pr on pr.id = h.changed_by)
    from private.setting_rules r
    join public.settings s on s.key = r.key and s.deleted_at is null
    join (values ('warnings', 1, '预警阈值', 'Warning thresholds'),
                 ('visits', 2, '拜访与签到', 'Visits and check-in'),
                 ('returns', 3, '退换货', 'Returns'),
                 ('cases', 4, '到货与售后', 'Deliveries and after-sales'),
                 ('desk', 5, '预警处理', 'Warnings desk'),
                 ('evaluation', 6, '客户评价', 'Evaluation scorecards'),
                 ('notify', 7, '通知推送', 'Notifications')) sec (name, ord, zh, en)
      on sec.name = r.section
   order by sec.ord, r.sort;
end
$$;

--
-- Name: ship_order(uuid, date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ship_order(p_order_id uuid, p_shipped_on date DEFAULT NULL::date) RETURNS public.orders
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  o public.orders := private.supplied_order(p_order_id);
  today date := private.company_today();
  day date := coalesce(p_shipped_on, today);
begin
  if o.status <> 'accepted' then
    perform private.order_state_error(o, 'accepted', 'shipped', '发货');
  end if;
  if day > today then
    raise exception 'the shipping date % is in the future', day using errcode = '22023',
      detail = '发货日期不能晚于今天';
  end if;
  if day < o.ordered_on then
    raise exception 'the shipping date % is before the order date %', day, o.ordered_on
      using errcode = '22023', detail = '发货日期不能早于下单日期';
  end if;
  insert into public.shipments (doc_no, line_no, customer_id, seller_id, product_id, shipped_on,
                                quantity, unit_price, amount)
  select 'ORD-' || replace(o.id::text, '-', ''),
         row_number() over (order by p.sku, l.id), o.customer_id, o.supplier_id, l.product_id,
         day, l.accepted_quantity, l.unit_price, round(l.accepted_quantity * l.unit_price, 2)
    from public.order_lines l join public.products p on p.id = l.product_id
   where l.order_id = o.id and l.deleted_at is null and l.accepted_quantity > 0;
  update public.orders
     set status = 'shipped', shipped_on = day, shipped_at = now(), shipped_by = (select auth.uid())
   where id = o.id
  returning * into o;
  perform private.reevaluate_warnings(array[o.customer_id], today);
  return o;
end
$$;

--
-- Name: sign_contract(uuid, date, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sign_contract(p_contract_id uuid, p_signed_on date DEFAULT NULL::date, p_place text DEFAULT NULL::text, p_note text DEFAULT NULL::text) RETURNS public.contracts
    LANGUAGE sql
    SET search_path TO ''
    AS $$ select public.advance_contract(p_contract_id, 'signed', p_note, p_signed_on, p_place) $$;

--
-- Name: submit_contract(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.submit_contract(p_contract_id uuid, p_note text DEFAULT NULL::text) RETURNS public.contracts
    LANGUAGE sql
    SET search_path TO ''
    AS $$ select public.advance_contract(p_contract_id, 'in_review', p_note) $$;

--
-- Name: submit_evaluation(uuid, jsonb, jsonb, text, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.submit_evaluation(p_customer_id uuid, p_scores jsonb, p_notes jsonb DEFAULT NULL::jsonb, p_comment text DEFAULT NULL::text, p_evaluation_id uuid DEFAULT NULL::uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  role text := (select private.my_role());
  e public.evaluations;
  inds text[] := private.scorecard_indicators();
  i text;
  k text;
  v jsonb;
  label text;
  notes jsonb := '{}';
  was character;
  today date := private.company_today();
begin
  if role is distinct from 'area_manager' and role is distinct from 'manager' then
    perform private.deny('only area managers and managers score customers',
                         '只有区域经理和销售经理可以评价客户');
  end if;
  if p_customer_id is null then
    raise exception 'p_customer_id is required: the customer to score' using errcode = '22023',
      detail = '请选择要评价的客户（p_customer_id）';
  end if;
  if not exists (select from public.customers c where c.id = p_customer_id and c.deleted_at is null
                    and c.id in (select private.staff_customer_ids())) then
    raise exception 'no such customer' using errcode = 'P0002', detail = '没有这个客户（p_customer_id）';
  end if;
  if p_evaluation_id is not null then
    select * into e from public.evaluations x where x.id = p_evaluation_id;
    if found then
      if e.customer_id <> p_customer_id or e.evaluator_id is distinct from (select auth.uid()) then
        raise exception 'p_evaluation_id names another scorecard' using errcode = '22023',
          detail = '评价编号（p_evaluation_id）已被另一份评价使用';
      end if;
      return jsonb_build_object('id', e.id, 'customer_id', e.customer_id, 'evaluated_on',
                                e.evaluated_on, 'score', e.score, 'grade', e.grade, 'repeated', true);
    end if;
  end if;
  if p_scores is null or jsonb_typeof(p_scores) <> 'object' then
    raise exception 'p_scores must be an object {indicator: 1..5} with the 13 indicators'
      using errcode = '22023', detail = '评分（p_scores）必须按13项指标逐项填写1到5分';
  end if;
  for k in select jsonb_object_keys(p_scores) loop
    if not (k = any (inds)) then
      raise exception 'p_scores has an unknown indicator %', left(k, 100) using errcode = '22023',
        detail = format('评分（p_scores）中没有这项指标：%s', left(k, 100));
    end if;
  end loop;
  foreach i in array inds loop
    select p.label_zh into label from private.setting_parts p where p.part = i;
    v := p_scores -> i;
    if v is null or jsonb_typeof(v) <> 'number' or (v #>> '{}')::numeric not in (1, 2, 3, 4, 5) then
      raise exception 'the score of % must be a whole number from 1 to 5 (got %)', i,
        coalesce(v::text, 'nothing') using errcode = '22023',
        detail = format('「%s」（%s）的评分必须是1到5的整数', label, i);
    end if;
  end loop;
  if p_notes is not null and jsonb_typeof(p_notes) <> 'null' then
    if jsonb_typeof(p_notes) <> 'object' then
      raise exception 'p_notes must be an object {indicator: note}' using errcode = '22023',
        detail = '指标备注（p_notes）必须按指标填写';
    end if;
    for k, v in select x.key, x.value from jsonb_each(p_notes) x loop
      if not (k = any (inds)) then
        raise exception 'p_notes has an unknown indicator %', left(k, 100) using errcode = '22023',
          detail = format('指标备注（p_notes）中没有这项指标：%s', left(k, 100));
      end if;
      select p.label_zh into label from private.setting_parts p where p.part = k;
      if jsonb_typeof(v) = 'null' or (jsonb_typeof(v) = 'string' and btrim(v #>> '{}') = '') then
        continue;  -- an empty note is no note
      end if;
      if jsonb_typeof(v) <> 'string' or char_length(v #>> '{}') > 1000 then
        raise exception 'the note on % must be text of at most 1000 characters', k
          using errcode = '22023', detail = format('「%s」（%s）的备注必须是不超过1000字的文字', label, k);
      end if;
      notes := notes || jsonb_build_object(k, btrim(v #>> '{}'));
    end loop;
  end if;
  if char_length(p_comment) > 4000 then
    raise exception 'the comment (p_comment) is longer than 4000 characters' using errcode = '22023',
      detail = '评语（p_comment）不能超过4000字';
  end if;
  if exists (select from public.evaluations x where x.customer_id = p_customer_id
                and x.evaluated_on = today) then
    raise exception 'this customer was already scored today (%)', today using errcode = '55000',
      detail = '该客户今天已经评价过';
  end if;
  select c.grade into was from public.customers c where c.id = p_customer_id;
  insert into public.evaluations (id, customer_id, evaluator_id, evaluated_on, enthusiasm,
    flexibility, distribution_capacity, capital_strength, hot_brands, logistics, credit,
    social_relations, sales_management, network, promotion_ability, after_sales, relationship,
    comment, notes)
  values (coalesce(p_evaluation_id, gen_random_uuid()), p_customer_id, (select auth.uid()), today,
    (p_scores ->> 'enthusiasm')::smallint, (p_scores ->> 'flexibility')::smallint,
    (p_scores ->> 'distribution_capacity')::smallint, (p_scores ->> 'capital_strength')::smallint,
    (p_scores ->> 'hot_brands')::smallint, (p_scores ->> 'logistics')::smallint,
    (p_scores ->> 'credit')::smallint, (p_scores ->> 'social_relations')::smallint,
    (p_scores ->> 'sales_management')::smallint, (p_scores ->> 'network')::smallint,
    (p_scores ->> 'promotion_ability')::smallint, (p_scores ->> 'after_sales')::smallint,
    (p_scores ->> 'relationship')::smallint,
    nullif(btrim(coalesce(p_comment, '')), ''), nullif(notes, '{}'))
  returning * into e;
  return jsonb_build_object('id', e.id, 'customer_id', e.customer_id, 'evaluated_on',
                            e.evaluated_on, 'score', e.score, 'grade', e.grade,
                            'previous_grade', was, 'repeated', false);
end
$$;

--
-- Name: submit_visit_plan(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.submit_visit_plan(p_plan_id uuid) RETURNS public.visit_plans
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  plan public.visit_plans := private.own_plan_for_change(p_plan_id);
  outside integer;
begin
  if plan.status = 'submitted' then
    raise exception 'the plan is already submitted' using errcode = '55000',
      detail = '该计划已提交，等待审批';
  end if;
  if plan.status = 'approved' then
    raise exception 'an approved plan cannot be submitted again' using errcode = '55000',
      detail = '已批准的计划不能再次提交';
  end if;
  if not exists (select from public.visit_plan_stops s
                 where s.plan_id = plan.id and s.deleted_at is null) then
    raise exception 'a plan without stops cannot be submitted' using errcode = '22023',
      detail = '计划中没有拜访点，不能提交';
  end if;
  select count(*) into outside from public.visit_plan_stops s
  where s.plan_id = plan.id and s.deleted_at is null
    and s.visit_date not between plan.week_start and plan.week_start + 6;
  if outside > 0 then
    raise exception '% stop(s) fall outside the plan''s week of %', outside, plan.week_start
      using errcode = '22023', detail = format('有 %s 个拜访点不在计划所在的周内', outside);
  end if;
  update public.visit_plans set status = 'submitted' where id = plan.id returning * into plan;
  return plan;
end
$$;

--
-- Name: sync_pull(bigint, integer, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sync_pull(p_since bigint, p_limit integer DEFAULT 1000, p_after text DEFAULT NULL::text) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $_$
declare
  bound bigint := private.sync_pull_bound(pg_current_snapshot())::text::bigint;
  my_role text;
  after_ord smallint;
  after_id text;
  keys_sql text;
  tx bigint[];
  ords smallint[];
  ids text[];
  n integer;
  take integer;
  next_cursor bigint;
  next_after text;
  more boolean := false;
  changes jsonb := '{}';
  revoked jsonb := '[]';
  t record;
  page_ids uuid[];
  rows jsonb;
begin
  perform private.require_caller();
  my_role := (select private.my_role());
  if p_since is null or p_since < 0 then
    raise exception 'p_since must be 0 or a cursor from an earlier pull' using errcode = '22023',
      detail = '同步游标无效';
  end if;
  if p_limit is null or p_limit not between 1 and 10000 then
    raise exception 'p_limit must be between 1 and 10000' using errcode = '22023',
      detail = '每页条数应在1到10000之间';
  end if;
  if p_after is not null and p_after !~ '^[a-z_]+:[0-9A-Za-z._-]+$' then
    raise exception 'p_after is not a position from an earlier pull' using errcode = '22023',
      detail = '同步位置无效';
  end if;
  if p_after is not null then
    select s.ord, split_part(p_after, ':', 2) into after_ord, after_id
      from private.sync_tables s where s.name = split_part(p_after, ':', 1);
    if after_ord is null and split_part(p_after, ':', 1) <> '_revoked' then
      raise exception 'p_after is not a position from an earlier pull' using errcode = '22023',
        detail = '同步位置无效';
    end if;
    after_ord := coalesce(after_ord, 0);
  end if;
  if bound <= p_since then
    return jsonb_build_object('cursor', p_since, 'after', p_after, 'has_more', false,
      'epoch', (select m.value from public.sync_meta m where m.key = 'epoch'),
      'changes', '{}'::jsonb, 'revoked', '[]'::jsonb);
  end if;

  select string_agg(format(
    'select t.txid::text::bigint as tx, %s::smallint as ord, t.%I::text as id from public.%I t'
    ' where t.txid >= $1::text::xid8 and t.txid < $2::text::xid8'
    ' and (t.txid > $1::text::xid8 or $3::smallint is null or (%s::smallint, t.%I::text) > ($3, $4))%s',
    s.ord, case when s.name = 'settings' then 'key' else 'id' end, s.name,
    s.ord, case when s.name = 'settings' then 'key' else 'id' end,
    coalesce(' and (' || s.pull_filter || ')', '')), ' union all ' order by s.ord)
    into keys_sql from private.sync_tables s
   where s.roles is null or my_role = any(s.roles);
  keys_sql := keys_sql ||
    ' union all select r.txid::text::bigint, 0::smallint, r.id::text from public.sync_revocations r'
    ' where r.user_id = auth.uid() and r.txid >= $1::text::xid8 and r.txid < $2::text::xid8'
    ' and (r.txid > $1::text::xid8 or $3::smallint is null or (0::smallint, r.id::text) > ($3, $4))';
  execute 'select array_agg(tx order by tx, ord, id), array_agg(ord order by tx, ord, id),'
          ' array_agg(id order by tx, ord, id) from (select * from (' || keys_sql || ') k'
          ' order by tx, ord, id limit $5) p'
    into tx, ords, ids using p_since, bound, after_ord, after_id, p_limit + 1;
  n := coalesce(array_length(tx, 1), 0);

  if n <= p_limit then
    take := n;
    next_cursor := bound;
  elsif tx[1] = tx[p_limit + 1] then
    take := p_limit;
    next_cursor := tx[p_limit];
    next_after := coalesce((select s.name from private.sync_tables s where s.ord = ords[p_limit]),
                           '_revoked') || ':' || ids[p_limit];
    more := true;
  else
    take := p_limit;
    while tx[take] = tx[p_limit + 1] loop
      take := take - 1;
    end loop;
    next_cursor := tx[p_limit + 1];
    more := true;
  end if;

  for t in select s.name, s.ord from private.sync_tables s
            where s.roles is null or my_role = any(s.roles) order by s.ord loop
    select array_agg(ids[i]::uuid) into page_ids
      from generate_subscripts(ids, 1) i where i <= take and ords[i] = t.ord and t.name <> 'settings';
    if t.name = 'settings' then
      select jsonb_agg((to_jsonb(x) - 'txid') || jsonb_build_object('id', x.key)) into rows
        from public.settings x
       where x.key in (select ids[i] from generate_subscripts(ids, 1) i where i <= take and ords[i] = t.ord);
    elsif page_ids is not null then
      execute format('select jsonb_agg(to_jsonb(x) - ''txid'') from public.%I x where x.id = any($1)', t.name)
        into rows using page_ids;
    else
      rows := null;
    end if;
    if rows is not null then
      changes := changes || jsonb_build_object(t.name, rows);
    end if;
  end loop;
  select coalesce(jsonb_agg(jsonb_build_object('table', r.table_name, 'id', r.row_id)), '[]')
    into revoked from public.sync_revocations r
   where r.id::text in (select ids[i] from generate_subscripts(ids, 1) i where i <= take and ords[i] = 0);

  return jsonb_build_object('cursor', next_cursor, 'after', next_after, 'has_more', more,
    'epoch', (select m.value from public.sync_meta m where m.key = 'epoch'),
    'changes', changes, 'revoked', revoked);
end
$_$;

--
-- Name: sync_push(uuid, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sync_push(p_client_id uuid, p_mutations jsonb) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
declare
  who uuid := private.require_caller();
  last_id bigint;
  m jsonb;
  mid bigint;
  result jsonb;
  results jsonb := '[]';
  touched uuid[] := '{}';
  state text;
  message text;
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

  for m in select value from jsonb_array_elements(p_mutations) loop
    if jsonb_typeof(m) <> 'object' or coalesce(jsonb_typeof(m -> 'id'), '') <> 'number'
       or coalesce((m ->> 'id') !~ '^[0-9]+$', true) then
      raise exception 'every mutation needs a whole-number id (got %)', left(m::text, 100)
        using errcode = '22023', detail = '每条变更都必须有整数编号';
    end if;
    mid := (m ->> 'id')::bigint;
    if mid <= last_id then
      results := results || jsonb_build_object('id', mid, 'status', 'duplicate');
      continue;
    end if;
    if mid <> last_id + 1 then
      raise exception 'mutation gap: expected id %, got %', last_id + 1, mid using errcode = '22023',
        detail = format('变更编号不连续：应为 %s，收到 %s', last_id + 1, mid);
    end if;
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
    results := results || (jsonb_build_object('id', mid, 'table', m ->> 'table',
      'row_id', m -> 'row' ->> 'id') || result);
    last_id := mid;
  end loop;

  update public.sync_clients set last_mutation_id = last_id, updated_at = now()
   where client_id = p_client_id;
  if cardinality(touched) > 0 then
    perform private.sync_reevaluate(touched);
  end if;
  return jsonb_build_object('last_mutation_id', last_id, 'results', results);
end
$_$;

--
-- Name: terminate_contract(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.terminate_contract(p_contract_id uuid, p_note text) RETURNS public.contracts
    LANGUAGE sql
    SET search_path TO ''
    AS $$ select public.advance_contract(p_contract_id, 'terminated', p_note) $$;

--
-- Name: todays_route(date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.todays_route(p_day date DEFAULT NULL::date) RETURNS TABLE(plan_id uuid, stop_id uuid, visit_date date, seq integer, customer_id uuid, customer_code text, customer_name text, address text, lat double precision, lng double precision, grade character)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
#variable_conflict use_column
declare
  who uuid := private.require_caller();
  day date := coalesce(p_day, private.company_today());
begin
  return query
    select s.plan_id, s.id, s.visit_date, s.seq, s.customer_id, c.code, c.name, c.address,
           c.lat, c.lng, c.grade
    from public.visit_plan_stops s
    join public.visit_plans p on p.id = s.plan_id
    left join public.customers c on c.id = s.customer_id
    where p.rep_id = who and p.status = 'approved' and p.deleted_at is null
      and s.deleted_at is null and s.visit_date = day
    order by s.seq, p.decided_at, s.id;
end
$$;

--
-- Name: warning_acknowledge(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.warning_acknowledge(p_warning_id uuid, p_note text DEFAULT NULL::text) RETURNS public.warnings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  w public.warnings := private.warning_for_action(p_warning_id);
begin
  if not ((select private.my_role()) in ('area_manager', 'manager')
          or w.owner_id = (select auth.uid())) then
    perform private.deny('only the warning''s owner, an area manager or a manager acknowledges it',
                         '只有预警负责人、区域经理或销售经理可以确认预警');
  end if;
  perform private.warning_check_note(p_note, false);
  if w.status = 'acknowledged' then
    return w;
  end if;
  if w.status <> 'open' then
    raise exception 'the warning is already under investigation' using errcode = '55000',
      detail = '预警已在调查中';
  end if;
  return private.warning_step(w, 'acknowledged', 'acknowledged', null, p_note, '{}', null);
end
$$;

--
-- Name: warning_add_note(uuid, text, uuid[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.warning_add_note(p_warning_id uuid, p_note text, p_photo_ids uuid[] DEFAULT '{}'::uuid[]) RETURNS public.warnings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  w public.warnings := private.warning_for_action(p_warning_id);
begin
  perform private.warning_check_note(p_note, true);
  if cardinality(coalesce(p_photo_ids, '{}')) > 20 or array_position(p_photo_ids, null) is not null then
    raise exception 'at most 20 photos, none empty' using errcode = '22023',
      detail = '照片（photo_ids）最多20张，且不能为空';
  end if;
  return private.warning_step(w, 'note', 'investigating', null, p_note, p_photo_ids, null);
end
$$;

--
-- Name: warning_assign(uuid, uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.warning_assign(p_warning_id uuid, p_owner_id uuid, p_note text DEFAULT NULL::text) RETURNS public.warnings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  w public.warnings := private.warning_for_action(p_warning_id);
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only an area manager or a manager assigns a warning',
                         '只有区域经理或销售经理可以指派预警');
  end if;
  if p_owner_id is null then
    raise exception 'p_owner_id is required' using errcode = '22023', detail = '请选择负责人（owner）';
  end if;
  if not exists (select from public.profiles p where p.id = p_owner_id and p.active
                    and p.role in ('rep', 'area_manager')) then
    raise exception 'owner % is not an active rep or area manager', p_owner_id
      using errcode = 'P0002', detail = '负责人（owner）必须是在职的业务员或区域经理';
  end if;
  if not private.staff_sees_customer(p_owner_id, w.customer_id) then
    raise exception 'the owner must serve this customer' using errcode = '22023',
      detail = '负责人（owner）必须是负责该客户的业务员或区域经理';
  end if;
  perform private.warning_check_note(p_note, false);
  if p_owner_id = w.owner_id then
    return w;
  end if;
  return private.warning_step(w, 'assigned', w.status, p_owner_id, p_note, '{}', null);
end
$$;

--
-- Name: warning_desk(date, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.warning_desk(p_as_of date DEFAULT NULL::date, p_lang text DEFAULT 'zh'::text) RETURNS TABLE(id uuid, customer_id uuid, customer_code text, customer_name text, area_id uuid, area_name text, owner_id uuid, owner_name text, rep_id uuid, rep_name text, kind text, severity text, status text, message text, figures jsonb, raised_at timestamp with time zone, age_days integer, due_on date, overdue boolean, previous_id uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  as_of date := coalesce(p_as_of, private.company_today());
  tz text := private.company_tz();
  -- the caller's role (current_user is the owner inside security definer): people are scoped,
  -- the service side (service_role: reports, benchmarks) reads every warning
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
begin
  if api then
    perform private.require_staff();
  end if;
  if p_lang is null or p_lang not in ('zh', 'en') then
    raise exception 'p_lang must be zh or en' using errcode = '22023', detail = '语言（p_lang）只能是 zh 或 en';
  end if;
  -- overdue depends on the severity and the company day raised only: computed once per pair
  -- (private.warning_overdue at the start of that day), not once per row
  return query
  with open_ as (
    select w.*, (w.raised_at at time zone tz)::date as raised_on
      from public.warnings w
     where w.status <> 'resolved'
       and (not api or (select private.is_manager())
            or w.customer_id in (select private.staff_customer_ids()))
  ),
  due as materialized (
    select d.severity, d.raised_on,
           private.warning_due_on(d.severity, private.day_start(d.raised_on)) as due_on,
           private.warning_overdue(d.severity, private.day_start(d.raised_on), 'open', as_of)
             as overdue
      from (select distinct o.severity, o.raised_on from open_ o) d
  )
  select w.id, w.customer_id, c.code, c.name, c.area_id, a.name, w.owner_id, o.full_name,
         c.owner_id, r.full_name, w.kind, w.severity, w.status,
         public.warning_message(w.kind, w.figures, p_lang), w.figures, w.raised_at,
         (as_of - w.raised_on)::integer, du.due_on, du.overdue, w.previous_id
    from open_ w
    join due du on du.severity = w.severity and du.raised_on = w.raised_on
    join public.customers c on c.id = w.customer_id
    left join public.areas a on a.id = c.area_id
    left join public.profiles o on o.id = w.owner_id
    left join public.profiles r on r.id = c.owner_id
   order by 19 desc, case w.severity when 'high' then 0 when 'medium' then 1 else 2 end,
            w.raised_at, w.id;
end
$$;

--
-- Name: warning_detail(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.warning_detail(p_warning_id uuid) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  w public.warnings;
  result jsonb;
begin
  perform private.require_caller();
  if p_warning_id is null then
    raise exception 'p_warning_id is required' using errcode = '22023', detail = '缺少预警编号';
  end if;
  select * into w from public.warnings x where x.id = p_warning_id;
  if not found then
    raise exception 'warning % not found', p_warning_id using errcode = 'P0002', detail = '找不到该预警';
  end if;
  select to_jsonb(w) || jsonb_build_object(
    'message_zh', public.warning_message(w.kind, w.figures, 'zh'),
    'message_en', public.warning_message(w.kind, w.figures, 'en'),
    'customer_name', c.name, 'customer_code', c.code, 'area_id', c.area_id,
    'rep_id', c.owner_id,
    'owner_name', (select p.full_name from public.profiles p where p.id = w.owner_id),
    'due_on', private.warning_due_on(w.severity, w.raised_at),
    'overdue', private.warning_overdue(w.severity, w.raised_at, w.status, private.company_today()),
    'events', coalesce((
      select jsonb_agg(to_jsonb(ev) || jsonb_build_object('actor_name', a.full_name,
                                                          'actor_role', a.role,
                                                          'owner_name', o.full_name)
                       order by ev.at, ev.created_at, ev.id)
        from public.warning_events ev
        left join public.profiles a on a.id = ev.actor_id
        left join public.profiles o on o.id = ev.owner_id
       where ev.warning_id = w.id), '[]'::jsonb))
    into result
    from public.customers c where c.id = w.customer_id;
  return result;
end
$$;

--
-- Name: warning_message(text, jsonb, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.warning_message(p_kind text, p_figures jsonb, p_lang text DEFAULT 'zh'::text) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  f jsonb := coalesce(p_figures, '{}');
  zh boolean := coalesce(p_lang, 'zh') <> 'en';
begin
  if current_user in ('authenticated', 'anon') then
    perform private.require_caller();
  end if;
  return case p_kind
    when 'credit_over_limit' then case when zh
      then format('应收余额 %s 元，超过信用额度 %s 元%s', private.fmt_money(f -> 'balance'),
                  private.fmt_money(f -> 'credit_limit'),
                  coalesce('（' || private.fmt_pct(f -> 'ratio') || '）', ''))
      else format('Receivable balance %s CNY is over the credit limit of %s CNY%s',
                  private.fmt_money(f -> 'balance'), private.fmt_money(f -> 'credit_limit'),
                  coalesce(' (' || private.fmt_pct(f -> 'ratio') || ')', '')) end
    when 'behind_plan' then case when zh
      then format('%s 年至今进货 %s 元，仅完成同期计划 %s 元的 %s', f ->> 'year',
                  private.fmt_money(f -> 'purchases'), private.fmt_money(f -> 'plan_to_date'),
                  private.fmt_pct(f -> 'attainment'))
      else format('Purchases in %s to date are %s CNY, %s of the plan to date (%s CNY)',
                  f ->> 'year', private.fmt_money(f -> 'purchases'),
                  private.fmt_pct(f -> 'attainment'), private.fmt_money(f -> 'plan_to_date')) end
    when 'below_last_year' then case when zh
      then format('近 90 天进货 %s 元，仅为去年同期 %s 元的 %s',
                  private.fmt_money(f -> 'purchases_90d'), private.fmt_money(f -> 'last_year_90d'),
                  private.fmt_pct(f -> 'ratio'))
      else format('Purchases in the last 90 days are %s CNY, %s of the same 90 days last year (%s CNY)',
                  private.fmt_money(f -> 'purchases_90d'), private.fmt_pct(f -> 'ratio'),
                  private.fmt_money(f -> 'last_year_90d')) end
    when 'purchase_frequency_drop' then case when zh
      then format('已 %s 天未进货（上次 %s），此前通常每 %s 天进货一次', f ->> 'days_since',
                  f ->> 'last_purchase', f ->> 'median_gap_days')
      else format('No purchase for %s days (last on %s); before that the customer bought every %s days',
                  f ->> 'days_since', f ->> 'last_purchase', f ->> 'median_gap_days') end
    when 'churn' then case when zh
      then format('已 %s 天未进货（上次 %s），客户可能已流失', f ->> 'days_since', f ->> 'last_purchase')
      else format('No purchase for %s days (last on %s): the customer may have stopped buying',
                  f ->> 'days_since', f ->> 'last_purchase') end
    when 'expense_over_budget' then case when zh
      then format('%s 至 %s 的销售费用 %s 元，超出预算 %s 元', f ->> 'period_start', f ->> 'period_end',
                  private.fmt_money(f -> 'spent'), private.fmt_money(f -> 'budget'))
      else format('Sales expenses for %s to %s are %s CNY, over the budget of %s CNY',
                  f ->> 'period_start', f ->> 'period_end', private.fmt_money(f -> 'spent'),
                  private.fmt_money(f -> 'budget')) end
    when 'expense_rising' then case when zh
      then format('近 3 个月销售费用 %s 元，前 3 个月 %s 元', private.fmt_money(f -> 'expenses_3m'),
                  private.fmt_money(f -> 'previous_3m'))
      else format('Sales expenses in the last 3 months are %s CNY, against %s CNY in the 3 months before',
                  private.fmt_money(f -> 'expenses_3m'), private.fmt_money(f -> 'previous_3m')) end
    when 'major_incident' then case when zh
      then format('业务员报告重大变故（%s，%s）：%s',
                  case f ->> 'incident_kind' when 'theft' then '被盗' when 'accident' then '车祸'
                    when 'family_split' then '分家' when 'serious_illness' then '重病'
                    else '其他重大变故' end,
                  f ->> 'occurred_on', f ->> 'description')
      else format('Major incident reported (%s, %s): %s', replace(f ->> 'incident_kind', '_', ' '),
                  f ->> 'occurred_on', f ->> 'description') end
    when 'complaint_unanswered' then case when zh
      then format('%s 起客户投诉超过时限仍未答复，最久已逾期 %s 天（应于 %s 前答复）',
                  f ->> 'complaints', f ->> 'days_overdue', f ->> 'oldest_due')
      else format('Complaints past their due time without an answer: %s; the oldest is %s days overdue (due %s)',
                  f ->> 'complaints', f ->> 'days_overdue', f ->> 'oldest_due') end
    else null
  end;
end
$$;

--
-- Name: warning_resolve(uuid, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.warning_resolve(p_warning_id uuid, p_category text, p_note text) RETURNS public.warnings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  w public.warnings := private.warning_for_action(p_warning_id);
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only an area manager or a manager resolves a warning',
                         '只有区域经理或销售经理可以解除预警');
  end if;
  if p_category is null or p_category not in ('collected', 'plan_adjusted', 'supply_stopped',
                                              'false_alarm', 'other') then
    raise exception 'category must be collected, plan_adjusted, supply_stopped, false_alarm or other'
      using errcode = '22023',
      detail = '处理结果（category）只能是收回欠款、调整计划、停止供货、误报或其他';
  end if;
  perform private.warning_check_note(p_note, true);
  return private.warning_step(w, 'resolved', 'resolved', null, p_note, '{}', p_category);
end
$$;

--
-- Name: warning_staff(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.warning_staff(p_warning_id uuid) RETURNS TABLE(id uuid, full_name text, role text)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  w public.warnings;
begin
  perform private.require_staff();
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only an area manager or a manager assigns a warning',
                         '只有区域经理或销售经理可以指派预警');
  end if;
  select * into w from public.warnings x where x.id = p_warning_id;
  if not found then
    raise exception 'warning % not found', p_warning_id using errcode = 'P0002', detail = '找不到该预警';
  end if;
  return query
  select p.id, p.full_name, p.role from public.profiles p
   where p.role in ('rep', 'area_manager') and private.staff_sees_customer(p.id, w.customer_id)
   order by case p.role when 'rep' then 0 else 1 end, p.full_name, p.id;
end
$$;

--
-- Name: whoami(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.whoami() RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  who uuid := private.require_caller();
  result jsonb;
begin
  select jsonb_build_object(
    'id', p.id, 'email', p.email, 'full_name', p.full_name, 'role', p.role, 'phone', p.phone,
    'area', case when a.id is null then null
                 else jsonb_build_object('id', a.id, 'code', a.code, 'name', a.name) end,
    -- a dealer sees its own company without internal fields (grade, quadrant, notes)
    'company', case when c.id is null then null
                    else jsonb_build_object('id', c.id, 'code', c.code, 'name', c.name,
                      'address', c.address, 'phone', c.phone, 'credit_limit', c.credit_limit) end)
  into result
  from public.profiles p
  left join public.areas a on a.id = p.area_id
  left join public.customers c on c.id = p.customer_id
  where p.id = who;
  return result;
end
$$;

--
-- Name: withdraw_elimination(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.withdraw_elimination(p_elimination_id uuid) RETURNS public.customer_eliminations
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  who uuid := private.require_staff();
  e public.customer_eliminations;
  row public.customer_eliminations;
begin
  e := private.elimination_for_action(p_elimination_id);
  if e.requested_by <> who then
    perform private.deny('only the area manager who asked withdraws an elimination request',
                         '只有提出申请的区域经理可以撤回淘汰申请');
  end if;
  update public.customer_eliminations
     set status = 'withdrawn', withdrawn_at = private.company_now()
   where id = e.id
  returning * into row;
  return row;
end
$$;

--
-- Name: withdraw_visit_plan(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.withdraw_visit_plan(p_plan_id uuid) RETURNS public.visit_plans
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  plan public.visit_plans := private.own_plan_for_change(p_plan_id);
begin
  if plan.status in ('approved', 'rejected') then
    raise exception 'a decided plan cannot be withdrawn (it is %)', plan.status
      using errcode = '55000', detail = '计划已审批，不能撤回';
  end if;
  if plan.status <> 'submitted' then
    raise exception 'only a submitted plan can be withdrawn (it is %)', plan.status
      using errcode = '55000', detail = '只有已提交的计划可以撤回';
  end if;
  update public.visit_plans set status = 'withdrawn' where id = plan.id returning * into plan;
  return plan;
end
$$;

--
-- Name: users; Type: TABLE; Schema: auth; Owner: -
--

CREATE TABLE auth.users (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    email text,
    encrypted_password text,
    raw_app_meta_data jsonb DEFAULT '{}'::jsonb NOT NULL,
    raw_user_meta_data jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: notify_outbox; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.notify_outbox (
    id bigint NOT NULL,
    event text NOT NULL,
    subject_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    area_id uuid,
    channel_id uuid NOT NULL,
    dedupe_key text NOT NULL,
    title text NOT NULL,
    message text NOT NULL,
    status text DEFAULT 'queued'::text NOT NULL,
    tries integer DEFAULT 0 NOT NULL,
    next_try_at timestamp with time zone DEFAULT private.company_now() NOT NULL,
    lease_until timestamp with time zone,
    claimed_by text,
    last_error text,
    created_at timestamp with time zone DEFAULT private.company_now() NOT NULL,
    sent_at timestamp with time zone,
    CONSTRAINT notify_outbox_event_check CHECK ((event = ANY (ARRAY['warning_raised'::text, 'warning_overdue'::text, 'case_escalated'::text]))),
    CONSTRAINT notify_outbox_last_error_check CHECK ((char_length(last_error) <= 500)),
    CONSTRAINT notify_outbox_status_check CHECK ((status = ANY (ARRAY['queued'::text, 'sent'::text, 'dead'::text]))),
    CONSTRAINT notify_outbox_tries_check CHECK ((tries >= 0))
);

--
-- Name: notify_outbox_id_seq; Type: SEQUENCE; Schema: private; Owner: -
--

ALTER TABLE private.notify_outbox ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME private.notify_outbox_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: notify_requeues; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.notify_requeues (
    id bigint NOT NULL,
    outbox_id bigint NOT NULL,
    requeued_by uuid,
    requeued_at timestamp with time zone DEFAULT private.company_now() NOT NULL,
    tries integer NOT NULL,
    last_error text,
    CONSTRAINT notify_requeues_last_error_check CHECK ((char_length(last_error) <= 500)),
    CONSTRAINT notify_requeues_tries_check CHECK ((tries >= 0))
);

--
-- Name: notify_requeues_id_seq; Type: SEQUENCE; Schema: private; Owner: -
--

ALTER TABLE private.notify_requeues ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME private.notify_requeues_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: notify_secrets; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.notify_secrets (
    name text NOT NULL,
    value text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT notify_secrets_name_check CHECK ((name ~ '^[a-z][a-z0-9_.]{0,63}$'::text)),
    CONSTRAINT notify_secrets_value_check CHECK (((char_length(value) >= 1) AND (char_length(value) <= 2000)))
);

--
-- Name: photo_file_backlog; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.photo_file_backlog (
    photo_id uuid NOT NULL,
    content bytea NOT NULL
);

--
-- Name: purchase_days; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.purchase_days (
    customer_id uuid NOT NULL,
    day date NOT NULL,
    cents bigint NOT NULL,
    billed_cents bigint NOT NULL,
    lines integer NOT NULL
);

--
-- Name: purchase_stats; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.purchase_stats (
    customer_id uuid NOT NULL,
    billed_cents bigint NOT NULL,
    last_day date NOT NULL,
    purchases integer NOT NULL,
    median_gap numeric
);

--
-- Name: setting_parts; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.setting_parts (
    part text NOT NULL,
    sort integer NOT NULL,
    label_zh text NOT NULL,
    label_en text NOT NULL
);

--
-- Name: sync_tables; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.sync_tables (
    name text NOT NULL,
    ord smallint NOT NULL,
    pushable boolean NOT NULL,
    roles text[],
    pull_filter text
);

--
-- Name: sync_xid_source; Type: TABLE; Schema: private; Owner: -
--

CREATE UNLOGGED TABLE private.sync_xid_source (
    x boolean
);

--
-- Name: customer_classification_moves; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.customer_classification_moves WITH (security_invoker='true') AS
 SELECT customer_id,
    as_of,
    previous_as_of,
    previous_quadrant,
    quadrant,
    previous_grade,
    grade,
    volume_12m,
    loyalty_score
   FROM ( SELECT cc.customer_id,
            cc.as_of,
            cc.quadrant,
            cc.grade,
            cc.volume_12m,
            cc.loyalty_score,
            lag(cc.as_of) OVER w AS previous_as_of,
            lag(cc.quadrant) OVER w AS previous_quadrant,
            lag(cc.grade) OVER w AS previous_grade
           FROM public.customer_classifications cc
          WINDOW w AS (PARTITION BY cc.customer_id ORDER BY cc.as_of)) x
  WHERE ((previous_as_of IS NOT NULL) AND ((previous_quadrant <> quadrant) OR (previous_grade <> grade)));

--
-- Name: sync_revocations_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.sync_revocations ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.sync_revocations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: users users_email_key; Type: CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.users
    ADD CONSTRAINT users_email_key UNIQUE (email);

--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

--
-- Name: notify_outbox notify_outbox_dedupe_key_key; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.notify_outbox
    ADD CONSTRAINT notify_outbox_dedupe_key_key UNIQUE (dedupe_key);

--
-- Name: notify_outbox notify_outbox_pkey; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.notify_outbox
    ADD CONSTRAINT notify_outbox_pkey PRIMARY KEY (id);

--
-- Name: notify_requeues notify_requeues_pkey; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.notify_requeues
    ADD CONSTRAINT notify_requeues_pkey PRIMARY KEY (id);

--
-- Name: notify_secrets notify_secrets_pkey; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.notify_secrets
    ADD CONSTRAINT notify_secrets_pkey PRIMARY KEY (name);

--
-- Name: photo_file_backlog photo_file_backlog_pkey; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.photo_file_backlog
    ADD CONSTRAINT photo_file_backlog_pkey PRIMARY KEY (photo_id);

--
-- Name: purchase_days purchase_days_pkey; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.purchase_days
    ADD CONSTRAINT purchase_days_pkey PRIMARY KEY (customer_id, day) INCLUDE (cents, billed_cents);

--
-- Name: purchase_stats purchase_stats_pkey; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.purchase_stats
    ADD CONSTRAINT purchase_stats_pkey PRIMARY KEY (customer_id);

--
-- Name: setting_parts setting_parts_pkey; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.setting_parts
    ADD CONSTRAINT setting_parts_pkey PRIMARY KEY (part);

--
-- Name: setting_rules setting_rules_pkey; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.setting_rules
    ADD CONSTRAINT setting_rules_pkey PRIMARY KEY (key);

--
-- Name: sync_tables sync_tables_ord_key; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.sync_tables
    ADD CONSTRAINT sync_tables_ord_key UNIQUE (ord);

--
-- Name: sync_tables sync_tables_pkey; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.sync_tables
    ADD CONSTRAINT sync_tables_pkey PRIMARY KEY (name);

--
-- Name: areas areas_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.areas
    ADD CONSTRAINT areas_code_key UNIQUE (code);

--
-- Name: areas areas_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.areas
    ADD CONSTRAINT areas_pkey PRIMARY KEY (id);

--
-- Name: case_events case_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_events
    ADD CONSTRAINT case_events_pkey PRIMARY KEY (id);

--
-- Name: case_lines case_lines_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_lines
    ADD CONSTRAINT case_lines_pkey PRIMARY KEY (id);

--
-- Name: case_requests case_requests_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_requests
    ADD CONSTRAINT case_requests_pkey PRIMARY KEY (id);

--
-- Name: cases cases_complaint_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_complaint_id_key UNIQUE (complaint_id);

--
-- Name: cases cases_confirmation_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_confirmation_id_key UNIQUE (confirmation_id);

--
-- Name: cases cases_incident_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_incident_id_key UNIQUE (incident_id);

--
-- Name: cases cases_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_pkey PRIMARY KEY (id);

--
-- Name: complaints complaints_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.complaints
    ADD CONSTRAINT complaints_pkey PRIMARY KEY (id);

--
-- Name: contract_events contract_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contract_events
    ADD CONSTRAINT contract_events_pkey PRIMARY KEY (id);

--
-- Name: contract_lines contract_lines_contract_id_line_no_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contract_lines
    ADD CONSTRAINT contract_lines_contract_id_line_no_key UNIQUE (contract_id, line_no);

--
-- Name: contract_lines contract_lines_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contract_lines
    ADD CONSTRAINT contract_lines_pkey PRIMARY KEY (id);

--
-- Name: contracts contracts_contract_no_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contracts
    ADD CONSTRAINT contracts_contract_no_key UNIQUE (contract_no);

--
-- Name: contracts contracts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contracts
    ADD CONSTRAINT contracts_pkey PRIMARY KEY (id);

--
-- Name: customer_classifications customer_classifications_customer_id_as_of_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_classifications
    ADD CONSTRAINT customer_classifications_customer_id_as_of_key UNIQUE (customer_id, as_of);

--
-- Name: customer_classifications customer_classifications_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_classifications
    ADD CONSTRAINT customer_classifications_pkey PRIMARY KEY (id);

--
-- Name: customer_conduct_flags customer_conduct_flags_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_conduct_flags
    ADD CONSTRAINT customer_conduct_flags_pkey PRIMARY KEY (id);

--
-- Name: customer_contacts customer_contacts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_contacts
    ADD CONSTRAINT customer_contacts_pkey PRIMARY KEY (id);

--
-- Name: customer_eliminations customer_eliminations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_eliminations
    ADD CONSTRAINT customer_eliminations_pkey PRIMARY KEY (id);

--
-- Name: customer_feedback customer_feedback_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_feedback
    ADD CONSTRAINT customer_feedback_pkey PRIMARY KEY (id);

--
-- Name: customer_notes customer_notes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_notes
    ADD CONSTRAINT customer_notes_pkey PRIMARY KEY (id);

--
-- Name: customers customers_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_code_key UNIQUE (code);

--
-- Name: customers customers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id);

--
-- Name: delivery_confirmations delivery_confirmations_doc_no_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.delivery_confirmations
    ADD CONSTRAINT delivery_confirmations_doc_no_key UNIQUE (doc_no);

--
-- Name: delivery_confirmations delivery_confirmations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.delivery_confirmations
    ADD CONSTRAINT delivery_confirmations_pkey PRIMARY KEY (id);

--
-- Name: evaluations evaluations_customer_id_evaluated_on_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evaluations
    ADD CONSTRAINT evaluations_customer_id_evaluated_on_key UNIQUE (customer_id, evaluated_on);

--
-- Name: evaluations evaluations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evaluations
    ADD CONSTRAINT evaluations_pkey PRIMARY KEY (id);

--
-- Name: expense_budgets expense_budgets_customer_id_period_start_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.expense_budgets
    ADD CONSTRAINT expense_budgets_customer_id_period_start_key UNIQUE (customer_id, period_start);

--
-- Name: expense_budgets expense_budgets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.expense_budgets
    ADD CONSTRAINT expense_budgets_pkey PRIMARY KEY (id);

--
-- Name: expenses expenses_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.expenses
    ADD CONSTRAINT expenses_pkey PRIMARY KEY (id);

--
-- Name: expenses expenses_reference_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.expenses
    ADD CONSTRAINT expenses_reference_key UNIQUE (reference);

--
-- Name: incidents incidents_customer_id_occurred_on_kind_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incidents
    ADD CONSTRAINT incidents_customer_id_occurred_on_kind_key UNIQUE (customer_id, occurred_on, kind);

--
-- Name: incidents incidents_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incidents
    ADD CONSTRAINT incidents_pkey PRIMARY KEY (id);

--
-- Name: meeting_attendees meeting_attendees_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting_attendees
    ADD CONSTRAINT meeting_attendees_pkey PRIMARY KEY (id);

--
-- Name: meeting_decisions meeting_decisions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting_decisions
    ADD CONSTRAINT meeting_decisions_pkey PRIMARY KEY (id);

--
-- Name: meetings meetings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings
    ADD CONSTRAINT meetings_pkey PRIMARY KEY (id);

--
-- Name: notify_channels notify_channels_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notify_channels
    ADD CONSTRAINT notify_channels_pkey PRIMARY KEY (id);

--
-- Name: order_lines order_lines_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_lines
    ADD CONSTRAINT order_lines_pkey PRIMARY KEY (id);

--
-- Name: orders orders_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);

--
-- Name: payments payments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_pkey PRIMARY KEY (id);

--
-- Name: payments payments_reference_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_reference_key UNIQUE (reference);

--
-- Name: photo_files photo_files_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.photo_files
    ADD CONSTRAINT photo_files_pkey PRIMARY KEY (photo_id);

--
-- Name: photos photos_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.photos
    ADD CONSTRAINT photos_pkey PRIMARY KEY (id);

--
-- Name: products products_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.products
    ADD CONSTRAINT products_pkey PRIMARY KEY (id);

--
-- Name: products products_sku_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.products
    ADD CONSTRAINT products_sku_key UNIQUE (sku);

--
-- Name: profiles profiles_email_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.profiles
    ADD CONSTRAINT profiles_email_key UNIQUE (email);

--
-- Name: profiles profiles_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.profiles
    ADD CONSTRAINT profiles_pkey PRIMARY KEY (id);

--
-- Name: returns returns_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.returns
    ADD CONSTRAINT returns_pkey PRIMARY KEY (id);

--
-- Name: returns returns_reference_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.returns
    ADD CONSTRAINT returns_reference_key UNIQUE (reference);

--
-- Name: sales_plans sales_plans_customer_id_product_id_month_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sales_plans
    ADD CONSTRAINT sales_plans_customer_id_product_id_month_key UNIQUE (customer_id, product_id, month);

--
-- Name: sales_plans sales_plans_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sales_plans
    ADD CONSTRAINT sales_plans_pkey PRIMARY KEY (id);

--
-- Name: setting_changes setting_changes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.setting_changes
    ADD CONSTRAINT setting_changes_pkey PRIMARY KEY (id);

--
-- Name: settings settings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.settings
    ADD CONSTRAINT settings_pkey PRIMARY KEY (key);

--
-- Name: shipments shipments_doc_no_line_no_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.shipments
    ADD CONSTRAINT shipments_doc_no_line_no_key UNIQUE (doc_no, line_no);

--
-- Name: shipments shipments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.shipments
    ADD CONSTRAINT shipments_pkey PRIMARY KEY (id);

--
-- Name: stock_counts stock_counts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_counts
    ADD CONSTRAINT stock_counts_pkey PRIMARY KEY (id);

--
-- Name: support_activities support_activities_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.support_activities
    ADD CONSTRAINT support_activities_pkey PRIMARY KEY (id);

--
-- Name: sync_clients sync_clients_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sync_clients
    ADD CONSTRAINT sync_clients_pkey PRIMARY KEY (client_id);

--
-- Name: sync_meta sync_meta_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sync_meta
    ADD CONSTRAINT sync_meta_pkey PRIMARY KEY (key);

--
-- Name: sync_revocations sync_revocations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sync_revocations
    ADD CONSTRAINT sync_revocations_pkey PRIMARY KEY (id);

--
-- Name: visit_plan_decisions visit_plan_decisions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.visit_plan_decisions
    ADD CONSTRAINT visit_plan_decisions_pkey PRIMARY KEY (id);

--
-- Name: visit_plan_stops visit_plan_stops_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.visit_plan_stops
    ADD CONSTRAINT visit_plan_stops_pkey PRIMARY KEY (id);

--
-- Name: visit_plan_stops visit_plan_stops_plan_id_visit_date_seq_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.visit_plan_stops
    ADD CONSTRAINT visit_plan_stops_plan_id_visit_date_seq_key UNIQUE (plan_id, visit_date, seq);

--
-- Name: visit_plans visit_plans_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.visit_plans
    ADD CONSTRAINT visit_plans_pkey PRIMARY KEY (id);

--
-- Name: visits visits_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.visits
    ADD CONSTRAINT visits_pkey PRIMARY KEY (id);

--
-- Name: warning_events warning_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.warning_events
    ADD CONSTRAINT warning_events_pkey PRIMARY KEY (id);

--
-- Name: warning_thresholds warning_thresholds_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.warning_thresholds
    ADD CONSTRAINT warning_thresholds_pkey PRIMARY KEY (id);

--
-- Name: warnings warnings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.warnings
    ADD CONSTRAINT warnings_pkey PRIMARY KEY (id);

--
-- Name: notify_outbox_channel_id_idx; Type: INDEX; Schema: private; Owner: -
--

CREATE INDEX notify_outbox_channel_id_idx ON private.notify_outbox USING btree (channel_id);

--
-- Name: notify_outbox_due_idx; Type: INDEX; Schema: private; Owner: -
--

CREATE INDEX notify_outbox_due_idx ON private.notify_outbox USING btree (next_try_at, id) WHERE (status = 'queued'::text);

--
-- Name: notify_requeues_outbox_id_idx; Type: INDEX; Schema: private; Owner: -
--

CREATE INDEX notify_requeues_outbox_id_idx ON private.notify_requeues USING btree (outbox_id);

--
-- Name: purchase_days_day_idx; Type: INDEX; Schema: private; Owner: -
--

CREATE INDEX purchase_days_day_idx ON private.purchase_days USING btree (day) INCLUDE (customer_id, cents);

--
-- Name: purchase_days_empty_idx; Type: INDEX; Schema: private; Owner: -
--

CREATE INDEX purchase_days_empty_idx ON private.purchase_days USING btree (customer_id) WHERE (lines <= 0);

--
-- Name: areas_parent_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX areas_parent_id_idx ON public.areas USING btree (parent_id);

--
-- Name: areas_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX areas_txid_idx ON public.areas USING btree (txid);

--
-- Name: case_events_actor_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_events_actor_id_idx ON public.case_events USING btree (actor_id);

--
-- Name: case_events_case_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_events_case_id_idx ON public.case_events USING btree (case_id, at);

--
-- Name: case_events_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_events_customer_id_idx ON public.case_events USING btree (customer_id);

--
-- Name: case_events_owner_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_events_owner_id_idx ON public.case_events USING btree (owner_id);

--
-- Name: case_events_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_events_txid_idx ON public.case_events USING btree (txid);

--
-- Name: case_lines_case_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_lines_case_id_idx ON public.case_lines USING btree (case_id);

--
-- Name: case_lines_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_lines_customer_id_idx ON public.case_lines USING btree (customer_id);

--
-- Name: case_lines_product_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_lines_product_id_idx ON public.case_lines USING btree (product_id);

--
-- Name: case_lines_shipment_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_lines_shipment_id_idx ON public.case_lines USING btree (shipment_id);

--
-- Name: case_lines_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_lines_txid_idx ON public.case_lines USING btree (txid);

--
-- Name: case_requests_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_requests_customer_id_idx ON public.case_requests USING btree (customer_id);

--
-- Name: case_requests_requested_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_requests_requested_by_idx ON public.case_requests USING btree (requested_by);

--
-- Name: case_requests_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_requests_txid_idx ON public.case_requests USING btree (txid);

--
-- Name: cases_complaints_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cases_complaints_idx ON public.cases USING btree (customer_id) INCLUDE (due_at, answered_at, closed_at, severity) WHERE ((kind = 'complaint'::text) AND (deleted_at IS NULL));

--
-- Name: cases_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cases_customer_id_idx ON public.cases USING btree (customer_id, status);

--
-- Name: cases_decided_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cases_decided_by_idx ON public.cases USING btree (decided_by);

--
-- Name: cases_doc_no_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cases_doc_no_idx ON public.cases USING btree (doc_no);

--
-- Name: cases_opened_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cases_opened_by_idx ON public.cases USING btree (opened_by);

--
-- Name: cases_owner_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cases_owner_id_idx ON public.cases USING btree (owner_id, status);

--
-- Name: cases_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cases_txid_idx ON public.cases USING btree (txid);

--
-- Name: cases_unfinished_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cases_unfinished_idx ON public.cases USING btree (opened_at) WHERE ((deleted_at IS NULL) AND (status <> ALL (ARRAY['closed'::text, 'resolved'::text])));

--
-- Name: complaints_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX complaints_customer_id_idx ON public.complaints USING btree (customer_id);

--
-- Name: complaints_decided_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX complaints_decided_by_idx ON public.complaints USING btree (decided_by);

--
-- Name: complaints_raised_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX complaints_raised_by_idx ON public.complaints USING btree (raised_by);

--
-- Name: complaints_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX complaints_txid_idx ON public.complaints USING btree (txid);

--
-- Name: contract_events_contract_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contract_events_contract_id_idx ON public.contract_events USING btree (contract_id);

--
-- Name: contract_lines_product_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contract_lines_product_id_idx ON public.contract_lines USING btree (product_id);

--
-- Name: contracts_custodian_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contracts_custodian_id_idx ON public.contracts USING btree (custodian_id);

--
-- Name: contracts_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contracts_customer_id_idx ON public.contracts USING btree (customer_id);

--
-- Name: contracts_previous_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contracts_previous_id_idx ON public.contracts USING btree (previous_id);

--
-- Name: customer_classifications_as_of_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_classifications_as_of_idx ON public.customer_classifications USING btree (as_of);

--
-- Name: customer_classifications_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_classifications_customer_id_idx ON public.customer_classifications USING btree (customer_id);

--
-- Name: customer_conduct_flags_customer_day_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_conduct_flags_customer_day_idx ON public.customer_conduct_flags USING btree (customer_id, flagged_on);

--
-- Name: customer_conduct_flags_reported_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_conduct_flags_reported_by_idx ON public.customer_conduct_flags USING btree (reported_by);

--
-- Name: customer_contacts_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_contacts_customer_id_idx ON public.customer_contacts USING btree (customer_id);

--
-- Name: customer_contacts_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_contacts_txid_idx ON public.customer_contacts USING btree (txid);

--
-- Name: customer_eliminations_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_eliminations_customer_id_idx ON public.customer_eliminations USING btree (customer_id);

--
-- Name: customer_eliminations_decided_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_eliminations_decided_by_idx ON public.customer_eliminations USING btree (decided_by);

--
-- Name: customer_eliminations_open_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX customer_eliminations_open_idx ON public.customer_eliminations USING btree (customer_id) WHERE (status = 'requested'::text);

--
-- Name: customer_eliminations_requested_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_eliminations_requested_by_idx ON public.customer_eliminations USING btree (requested_by);

--
-- Name: customer_feedback_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_feedback_customer_id_idx ON public.customer_feedback USING btree (customer_id, recorded_on);

--
-- Name: customer_feedback_meeting_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_feedback_meeting_id_idx ON public.customer_feedback USING btree (meeting_id);

--
-- Name: customer_feedback_recorded_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_feedback_recorded_by_idx ON public.customer_feedback USING btree (recorded_by);

--
-- Name: customer_feedback_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_feedback_txid_idx ON public.customer_feedback USING btree (txid);

--
-- Name: customer_feedback_visit_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_feedback_visit_id_idx ON public.customer_feedback USING btree (visit_id);

--
-- Name: customer_notes_author_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_notes_author_id_idx ON public.customer_notes USING btree (author_id);

--
-- Name: customer_notes_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_notes_customer_id_idx ON public.customer_notes USING btree (customer_id);

--
-- Name: customer_notes_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_notes_txid_idx ON public.customer_notes USING btree (txid);

--
-- Name: customers_area_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customers_area_id_idx ON public.customers USING btree (area_id);

--
-- Name: customers_evaluated_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customers_evaluated_idx ON public.customers USING btree (id) INCLUDE (owner_id, credit_limit, grade, status) WHERE (deleted_at IS NULL);

--
-- Name: customers_owner_chain_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customers_owner_chain_idx ON public.customers USING gin (owner_chain) WITH (fastupdate=off);

--
-- Name: customers_owner_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customers_owner_id_idx ON public.customers USING btree (owner_id);

--
-- Name: customers_parent_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customers_parent_id_idx ON public.customers USING btree (parent_id);

--
-- Name: customers_phone_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customers_phone_idx ON public.customers USING btree (phone);

--
-- Name: customers_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customers_txid_idx ON public.customers USING btree (txid);

--
-- Name: delivery_confirmations_confirmed_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX delivery_confirmations_confirmed_by_idx ON public.delivery_confirmations USING btree (confirmed_by);

--
-- Name: delivery_confirmations_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX delivery_confirmations_customer_id_idx ON public.delivery_confirmations USING btree (customer_id);

--
-- Name: delivery_confirmations_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX delivery_confirmations_txid_idx ON public.delivery_confirmations USING btree (txid);

--
-- Name: evaluations_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX evaluations_customer_id_idx ON public.evaluations USING btree (customer_id);

--
-- Name: evaluations_evaluator_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX evaluations_evaluator_id_idx ON public.evaluations USING btree (evaluator_id);

--
-- Name: expense_budgets_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX expense_budgets_customer_id_idx ON public.expense_budgets USING btree (customer_id);

--
-- Name: expenses_customer_day_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX expenses_customer_day_idx ON public.expenses USING btree (customer_id, spent_on);

--
-- Name: expenses_live_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX expenses_live_idx ON public.expenses USING btree (customer_id, spent_on) INCLUDE (amount) WHERE (deleted_at IS NULL);

--
-- Name: expenses_support_activity_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX expenses_support_activity_id_idx ON public.expenses USING btree (support_activity_id);

--
-- Name: incidents_reported_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX incidents_reported_by_idx ON public.incidents USING btree (reported_by);

--
-- Name: incidents_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX incidents_txid_idx ON public.incidents USING btree (txid);

--
-- Name: incidents_visit_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX incidents_visit_id_idx ON public.incidents USING btree (visit_id);

--
-- Name: meeting_attendees_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meeting_attendees_customer_id_idx ON public.meeting_attendees USING btree (customer_id);

--
-- Name: meeting_attendees_customer_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX meeting_attendees_customer_idx ON public.meeting_attendees USING btree (meeting_id, customer_id) WHERE (customer_id IS NOT NULL);

--
-- Name: meeting_attendees_profile_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meeting_attendees_profile_id_idx ON public.meeting_attendees USING btree (profile_id);

--
-- Name: meeting_attendees_profile_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX meeting_attendees_profile_idx ON public.meeting_attendees USING btree (meeting_id, profile_id) WHERE (profile_id IS NOT NULL);

--
-- Name: meeting_attendees_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meeting_attendees_txid_idx ON public.meeting_attendees USING btree (txid);

--
-- Name: meeting_decisions_created_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meeting_decisions_created_by_idx ON public.meeting_decisions USING btree (created_by);

--
-- Name: meeting_decisions_done_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meeting_decisions_done_by_idx ON public.meeting_decisions USING btree (done_by);

--
-- Name: meeting_decisions_meeting_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meeting_decisions_meeting_id_idx ON public.meeting_decisions USING btree (meeting_id);

--
-- Name: meeting_decisions_owner_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meeting_decisions_owner_id_idx ON public.meeting_decisions USING btree (owner_id);

--
-- Name: meeting_decisions_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meeting_decisions_txid_idx ON public.meeting_decisions USING btree (txid);

--
-- Name: meetings_area_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_area_id_idx ON public.meetings USING btree (area_id);

--
-- Name: meetings_created_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_created_by_idx ON public.meetings USING btree (created_by);

--
-- Name: meetings_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_txid_idx ON public.meetings USING btree (txid);

--
-- Name: notify_channels_area_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notify_channels_area_id_idx ON public.notify_channels USING btree (area_id);

--
-- Name: order_lines_order_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX order_lines_order_id_idx ON public.order_lines USING btree (order_id);

--
-- Name: order_lines_product_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX order_lines_product_id_idx ON public.order_lines USING btree (product_id);

--
-- Name: order_lines_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX order_lines_txid_idx ON public.order_lines USING btree (txid);

--
-- Name: orders_cancelled_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX orders_cancelled_by_idx ON public.orders USING btree (cancelled_by);

--
-- Name: orders_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX orders_customer_id_idx ON public.orders USING btree (customer_id, ordered_on);

--
-- Name: orders_decided_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX orders_decided_by_idx ON public.orders USING btree (decided_by);

--
-- Name: orders_received_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX orders_received_by_idx ON public.orders USING btree (received_by);

--
-- Name: orders_rep_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX orders_rep_id_idx ON public.orders USING btree (rep_id);

--
-- Name: orders_shipped_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX orders_shipped_by_idx ON public.orders USING btree (shipped_by);

--
-- Name: orders_supplier_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX orders_supplier_id_idx ON public.orders USING btree (supplier_id);

--
-- Name: orders_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX orders_txid_idx ON public.orders USING btree (txid);

--
-- Name: orders_visit_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX orders_visit_id_idx ON public.orders USING btree (visit_id);

--
-- Name: payments_customer_day_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payments_customer_day_idx ON public.payments USING btree (customer_id, paid_on);

--
-- Name: payments_live_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payments_live_idx ON public.payments USING btree (customer_id, paid_on) INCLUDE (amount) WHERE (deleted_at IS NULL);

--
-- Name: photo_files_storage_path_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX photo_files_storage_path_key ON public.photo_files USING btree (storage_path);

--
-- Name: photo_files_uploaded_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX photo_files_uploaded_by_idx ON public.photo_files USING btree (uploaded_by);

--
-- Name: photos_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX photos_customer_id_idx ON public.photos USING btree (customer_id);

--
-- Name: photos_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX photos_txid_idx ON public.photos USING btree (txid);

--
-- Name: photos_visit_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX photos_visit_id_idx ON public.photos USING btree (visit_id);

--
-- Name: products_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX products_txid_idx ON public.products USING btree (txid);

--
-- Name: profiles_area_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX profiles_area_id_idx ON public.profiles USING btree (area_id);

--
-- Name: profiles_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX profiles_customer_id_idx ON public.profiles USING btree (customer_id);

--
-- Name: profiles_role_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX profiles_role_idx ON public.profiles USING btree (role);

--
-- Name: returns_case_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX returns_case_id_idx ON public.returns USING btree (case_id);

--
-- Name: returns_credited_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX returns_credited_idx ON public.returns USING btree (customer_id, decided_on) INCLUDE (amount) WHERE ((deleted_at IS NULL) AND (status = ANY (ARRAY['accepted'::text, 'completed'::text])) AND (kind = ANY (ARRAY['return'::text, 'credit_note'::text])));

--
-- Name: returns_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX returns_customer_id_idx ON public.returns USING btree (customer_id, decided_on);

--
-- Name: returns_product_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX returns_product_id_idx ON public.returns USING btree (product_id);

--
-- Name: returns_shipment_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX returns_shipment_id_idx ON public.returns USING btree (shipment_id);

--
-- Name: sales_plans_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sales_plans_customer_id_idx ON public.sales_plans USING btree (customer_id);

--
-- Name: sales_plans_live_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sales_plans_live_idx ON public.sales_plans USING btree (customer_id, month) INCLUDE (amount) WHERE (deleted_at IS NULL);

--
-- Name: sales_plans_live_month_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sales_plans_live_month_idx ON public.sales_plans USING btree (month) INCLUDE (customer_id, amount) WHERE (deleted_at IS NULL);

--
-- Name: sales_plans_month_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sales_plans_month_idx ON public.sales_plans USING btree (month);

--
-- Name: sales_plans_product_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sales_plans_product_id_idx ON public.sales_plans USING btree (product_id);

--
-- Name: setting_changes_changed_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX setting_changes_changed_by_idx ON public.setting_changes USING btree (changed_by);

--
-- Name: setting_changes_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX setting_changes_customer_id_idx ON public.setting_changes USING btree (customer_id);

--
-- Name: setting_changes_key_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX setting_changes_key_idx ON public.setting_changes USING btree (setting_key, changed_at DESC);

--
-- Name: settings_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX settings_txid_idx ON public.settings USING btree (txid);

--
-- Name: shipments_confirmed_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX shipments_confirmed_by_idx ON public.shipments USING btree (confirmed_by);

--
-- Name: shipments_customer_day_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX shipments_customer_day_idx ON public.shipments USING btree (customer_id, shipped_on);

--
-- Name: shipments_product_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX shipments_product_id_idx ON public.shipments USING btree (product_id);

--
-- Name: shipments_seller_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX shipments_seller_id_idx ON public.shipments USING btree (seller_id);

--
-- Name: shipments_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX shipments_txid_idx ON public.shipments USING btree (txid);

--
-- Name: stock_counts_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stock_counts_customer_id_idx ON public.stock_counts USING btree (customer_id);

--
-- Name: stock_counts_customer_product_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stock_counts_customer_product_idx ON public.stock_counts USING btree (customer_id, product_id, counted_at);

--
-- Name: stock_counts_product_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stock_counts_product_id_idx ON public.stock_counts USING btree (product_id);

--
-- Name: stock_counts_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stock_counts_txid_idx ON public.stock_counts USING btree (txid);

--
-- Name: stock_counts_visit_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stock_counts_visit_id_idx ON public.stock_counts USING btree (visit_id);

--
-- Name: support_activities_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX support_activities_customer_id_idx ON public.support_activities USING btree (customer_id);

--
-- Name: support_activities_owner_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX support_activities_owner_id_idx ON public.support_activities USING btree (owner_id);

--
-- Name: sync_clients_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sync_clients_user_id_idx ON public.sync_clients USING btree (user_id);

--
-- Name: sync_revocations_user_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sync_revocations_user_txid_idx ON public.sync_revocations USING btree (user_id, txid);

--
-- Name: visit_plan_decisions_decided_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX visit_plan_decisions_decided_by_idx ON public.visit_plan_decisions USING btree (decided_by);

--
-- Name: visit_plan_decisions_plan_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX visit_plan_decisions_plan_id_idx ON public.visit_plan_decisions USING btree (plan_id, decided_at);

--
-- Name: visit_plan_decisions_rep_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX visit_plan_decisions_rep_id_idx ON public.visit_plan_decisions USING btree (rep_id);

--
-- Name: visit_plan_stops_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX visit_plan_stops_customer_id_idx ON public.visit_plan_stops USING btree (customer_id);

--
-- Name: visit_plan_stops_plan_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX visit_plan_stops_plan_id_idx ON public.visit_plan_stops USING btree (plan_id);

--
-- Name: visit_plan_stops_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX visit_plan_stops_txid_idx ON public.visit_plan_stops USING btree (txid);

--
-- Name: visit_plans_decided_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX visit_plans_decided_by_idx ON public.visit_plans USING btree (decided_by);

--
-- Name: visit_plans_rep_week_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX visit_plans_rep_week_idx ON public.visit_plans USING btree (rep_id, week_start);

--
-- Name: visit_plans_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX visit_plans_txid_idx ON public.visit_plans USING btree (txid);

--
-- Name: visits_customer_checkin_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX visits_customer_checkin_idx ON public.visits USING btree (customer_id, checkin_at);

--
-- Name: visits_plan_stop_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX visits_plan_stop_id_idx ON public.visits USING btree (plan_stop_id);

--
-- Name: visits_rep_checkin_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX visits_rep_checkin_idx ON public.visits USING btree (rep_id, checkin_at);

--
-- Name: visits_rep_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX visits_rep_id_idx ON public.visits USING btree (rep_id);

--
-- Name: visits_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX visits_txid_idx ON public.visits USING btree (txid);

--
-- Name: warning_events_actor_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX warning_events_actor_id_idx ON public.warning_events USING btree (actor_id);

--
-- Name: warning_events_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX warning_events_customer_id_idx ON public.warning_events USING btree (customer_id);

--
-- Name: warning_events_owner_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX warning_events_owner_id_idx ON public.warning_events USING btree (owner_id);

--
-- Name: warning_events_warning_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX warning_events_warning_id_idx ON public.warning_events USING btree (warning_id, at);

--
-- Name: warning_thresholds_customer_key_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX warning_thresholds_customer_key_idx ON public.warning_thresholds USING btree (customer_id, setting_key) WHERE (customer_id IS NOT NULL);

--
-- Name: warning_thresholds_grade_key_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX warning_thresholds_grade_key_idx ON public.warning_thresholds USING btree (grade, setting_key) WHERE (grade IS NOT NULL);

--
-- Name: warnings_customer_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX warnings_customer_id_idx ON public.warnings USING btree (customer_id);

--
-- Name: warnings_one_open_per_cause_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX warnings_one_open_per_cause_idx ON public.warnings USING btree (customer_id, kind, cause_key) WHERE (status <> 'resolved'::text);

--
-- Name: warnings_owner_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX warnings_owner_id_idx ON public.warnings USING btree (owner_id);

--
-- Name: warnings_previous_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX warnings_previous_id_idx ON public.warnings USING btree (previous_id);

--
-- Name: warnings_status_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX warnings_status_idx ON public.warnings USING btree (status) WHERE (status <> 'resolved'::text);

--
-- Name: warnings_suppressed_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX warnings_suppressed_idx ON public.warnings USING btree (customer_id, kind, cause_key) WHERE ((status = 'resolved'::text) AND (cleared_at IS NULL));

--
-- Name: warnings_txid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX warnings_txid_idx ON public.warnings USING btree (txid);

--
-- Name: areas areas_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER areas_00_guard_write BEFORE INSERT OR UPDATE ON public.areas FOR EACH ROW EXECUTE FUNCTION private.guard_write_areas();

--
-- Name: areas areas_refuse_parent_cycle; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER areas_refuse_parent_cycle BEFORE UPDATE OF parent_id ON public.areas FOR EACH ROW EXECUTE FUNCTION private.refuse_parent_cycle();

--
-- Name: areas areas_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER areas_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.areas FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: areas areas_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER areas_sync_stamp BEFORE INSERT OR UPDATE ON public.areas FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: areas areas_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER areas_tombstone BEFORE DELETE ON public.areas FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: areas areas_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER areas_touch_updated_at BEFORE UPDATE ON public.areas FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: case_events case_events_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_events_00_guard_write BEFORE INSERT OR UPDATE ON public.case_events FOR EACH ROW EXECUTE FUNCTION private.guard_write_case_events();

--
-- Name: case_events case_events_01_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_events_01_append_only BEFORE DELETE OR UPDATE ON public.case_events FOR EACH ROW EXECUTE FUNCTION private.guard_case_event();

--
-- Name: case_events case_events_05_incident_internal; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_events_05_incident_internal BEFORE INSERT ON public.case_events FOR EACH ROW EXECUTE FUNCTION private.case_event_internal();

--
-- Name: case_events case_events_20_photos; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_events_20_photos BEFORE INSERT ON public.case_events FOR EACH ROW EXECUTE FUNCTION private.check_photo_ids();

--
-- Name: case_events case_events_notify_escalated; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_events_notify_escalated AFTER INSERT ON public.case_events REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION private.notify_cases_escalated();

--
-- Name: case_events case_events_progress; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_events_progress AFTER INSERT ON public.case_events FOR EACH ROW EXECUTE FUNCTION private.case_event_progress();

--
-- Name: case_events case_events_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_events_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.case_events FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: case_events case_events_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_events_sync_stamp BEFORE INSERT OR UPDATE ON public.case_events FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: case_events case_events_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_events_tombstone BEFORE DELETE ON public.case_events FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: case_lines case_lines_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_lines_00_guard_write BEFORE INSERT OR UPDATE ON public.case_lines FOR EACH ROW EXECUTE FUNCTION private.guard_write_case_lines();

--
-- Name: case_lines case_lines_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_lines_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.case_lines FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: case_lines case_lines_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_lines_sync_stamp BEFORE INSERT OR UPDATE ON public.case_lines FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: case_lines case_lines_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_lines_tombstone BEFORE DELETE ON public.case_lines FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: case_requests case_requests_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_requests_00_guard_write BEFORE INSERT OR UPDATE ON public.case_requests FOR EACH ROW EXECUTE FUNCTION private.guard_write_case_requests();

--
-- Name: case_requests case_requests_10_check; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_requests_10_check BEFORE INSERT ON public.case_requests FOR EACH ROW EXECUTE FUNCTION private.check_case_request();

--
-- Name: case_requests case_requests_10_once; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_requests_10_once BEFORE UPDATE ON public.case_requests FOR EACH ROW EXECUTE FUNCTION private.guard_case_request_row();

--
-- Name: case_requests case_requests_20_photos; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_requests_20_photos BEFORE INSERT ON public.case_requests FOR EACH ROW EXECUTE FUNCTION private.check_photo_ids();

--
-- Name: case_requests case_requests_open_case; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_requests_open_case AFTER INSERT ON public.case_requests FOR EACH ROW EXECUTE FUNCTION private.open_requested_case();

--
-- Name: case_requests case_requests_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_requests_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.case_requests FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: case_requests case_requests_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_requests_sync_stamp BEFORE INSERT OR UPDATE ON public.case_requests FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: case_requests case_requests_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_requests_tombstone BEFORE DELETE ON public.case_requests FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: cases cases_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER cases_00_guard_write BEFORE INSERT OR UPDATE ON public.cases FOR EACH ROW EXECUTE FUNCTION private.guard_write_cases();

--
-- Name: cases cases_10_guard; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER cases_10_guard BEFORE UPDATE ON public.cases FOR EACH ROW EXECUTE FUNCTION private.guard_case();

--
-- Name: cases cases_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER cases_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.cases FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: cases cases_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER cases_sync_stamp BEFORE INSERT OR UPDATE ON public.cases FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: cases cases_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER cases_tombstone BEFORE DELETE ON public.cases FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: complaints complaints_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER complaints_00_guard_write BEFORE INSERT OR UPDATE ON public.complaints FOR EACH ROW EXECUTE FUNCTION private.guard_write_complaints();

--
-- Name: complaints complaints_open_case; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER complaints_open_case AFTER INSERT ON public.complaints FOR EACH ROW EXECUTE FUNCTION private.open_complaint_case();

--
-- Name: complaints complaints_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER complaints_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.complaints FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: complaints complaints_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER complaints_sync_stamp BEFORE INSERT OR UPDATE ON public.complaints FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: complaints complaints_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER complaints_tombstone BEFORE DELETE ON public.complaints FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: complaints complaints_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER complaints_touch_updated_at BEFORE UPDATE ON public.complaints FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: contract_events contract_events_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER contract_events_00_guard_write BEFORE INSERT OR UPDATE ON public.contract_events FOR EACH ROW EXECUTE FUNCTION private.guard_write_contract_events();

--
-- Name: contract_lines contract_lines_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER contract_lines_00_guard_write BEFORE INSERT OR UPDATE ON public.contract_lines FOR EACH ROW EXECUTE FUNCTION private.guard_write_contract_lines();

--
-- Name: contract_lines contract_lines_guard; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER contract_lines_guard BEFORE INSERT OR DELETE OR UPDATE ON public.contract_lines FOR EACH ROW EXECUTE FUNCTION private.guard_contract_line();

--
-- Name: contracts contracts_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER contracts_00_guard_write BEFORE INSERT OR UPDATE ON public.contracts FOR EACH ROW EXECUTE FUNCTION private.guard_write_contracts();

--
-- Name: contracts contracts_guard; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER contracts_guard BEFORE INSERT OR DELETE OR UPDATE ON public.contracts FOR EACH ROW EXECUTE FUNCTION private.guard_contract();

--
-- Name: contracts contracts_guard_termination; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER contracts_guard_termination BEFORE UPDATE OF status ON public.contracts FOR EACH ROW EXECUTE FUNCTION private.guard_contract_termination();

--
-- Name: contracts contracts_record_event; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER contracts_record_event AFTER INSERT OR UPDATE OF status ON public.contracts FOR EACH ROW EXECUTE FUNCTION private.record_contract_event();

--
-- Name: contracts contracts_references_check; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER contracts_references_check BEFORE INSERT OR UPDATE OF custodian_id, previous_id, customer_id ON public.contracts FOR EACH ROW EXECUTE FUNCTION private.check_contract_references();

--
-- Name: contracts contracts_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER contracts_touch_updated_at BEFORE UPDATE ON public.contracts FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: customer_classifications customer_classifications_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_classifications_00_guard_write BEFORE INSERT OR UPDATE ON public.customer_classifications FOR EACH ROW EXECUTE FUNCTION private.guard_write_customer_classifications();

--
-- Name: customer_conduct_flags customer_conduct_flags_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_conduct_flags_00_guard_write BEFORE INSERT OR UPDATE ON public.customer_conduct_flags FOR EACH ROW EXECUTE FUNCTION private.guard_write_customer_conduct_flags();

--
-- Name: customer_conduct_flags customer_conduct_flags_10_day; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_conduct_flags_10_day BEFORE INSERT OR UPDATE ON public.customer_conduct_flags FOR EACH ROW EXECUTE FUNCTION private.guard_conduct_flag_day();

--
-- Name: customer_conduct_flags customer_conduct_flags_20_photo_ids; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_conduct_flags_20_photo_ids BEFORE INSERT OR UPDATE OF photo_ids ON public.customer_conduct_flags FOR EACH ROW EXECUTE FUNCTION private.check_photo_ids();

--
-- Name: customer_conduct_flags customer_conduct_flags_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_conduct_flags_touch_updated_at BEFORE UPDATE ON public.customer_conduct_flags FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: customer_contacts customer_contacts_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_contacts_00_guard_write BEFORE INSERT OR UPDATE ON public.customer_contacts FOR EACH ROW EXECUTE FUNCTION private.guard_write_customer_contacts();

--
-- Name: customer_contacts customer_contacts_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_contacts_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.customer_contacts FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: customer_contacts customer_contacts_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_contacts_sync_stamp BEFORE INSERT OR UPDATE ON public.customer_contacts FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: customer_contacts customer_contacts_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_contacts_tombstone BEFORE DELETE ON public.customer_contacts FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: customer_contacts customer_contacts_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_contacts_touch_updated_at BEFORE UPDATE ON public.customer_contacts FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: customer_eliminations customer_eliminations_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_eliminations_00_guard_write BEFORE INSERT OR UPDATE ON public.customer_eliminations FOR EACH ROW EXECUTE FUNCTION private.guard_write_customer_eliminations();

--
-- Name: customer_eliminations customer_eliminations_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_eliminations_touch_updated_at BEFORE UPDATE ON public.customer_eliminations FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: customer_feedback customer_feedback_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_feedback_00_guard_write BEFORE INSERT OR UPDATE ON public.customer_feedback FOR EACH ROW EXECUTE FUNCTION private.guard_write_customer_feedback();

--
-- Name: customer_feedback customer_feedback_10_place; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_feedback_10_place BEFORE INSERT OR UPDATE OF customer_id, visit_id, meeting_id ON public.customer_feedback FOR EACH ROW EXECUTE FUNCTION private.check_feedback_place();

--
-- Name: customer_feedback customer_feedback_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_feedback_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.customer_feedback FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: customer_feedback customer_feedback_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_feedback_sync_stamp BEFORE INSERT OR UPDATE ON public.customer_feedback FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: customer_feedback customer_feedback_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_feedback_tombstone BEFORE DELETE ON public.customer_feedback FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: customer_feedback customer_feedback_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_feedback_touch_updated_at BEFORE UPDATE ON public.customer_feedback FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: customer_notes customer_notes_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_notes_00_guard_write BEFORE INSERT OR UPDATE ON public.customer_notes FOR EACH ROW EXECUTE FUNCTION private.guard_write_customer_notes();

--
-- Name: customer_notes customer_notes_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_notes_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.customer_notes FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: customer_notes customer_notes_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_notes_sync_stamp BEFORE INSERT OR UPDATE ON public.customer_notes FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: customer_notes customer_notes_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_notes_tombstone BEFORE DELETE ON public.customer_notes FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: customer_notes customer_notes_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customer_notes_touch_updated_at BEFORE UPDATE ON public.customer_notes FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: customers customers_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customers_00_guard_write BEFORE INSERT OR UPDATE ON public.customers FOR EACH ROW EXECUTE FUNCTION private.guard_write_customers();

--
-- Name: customers customers_check_parent; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customers_check_parent BEFORE INSERT OR UPDATE OF parent_id, tier ON public.customers FOR EACH ROW EXECUTE FUNCTION private.check_customer_parent();

--
-- Name: customers customers_eliminated_status; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customers_eliminated_status BEFORE INSERT OR UPDATE OF status ON public.customers FOR EACH ROW EXECUTE FUNCTION private.guard_eliminated_status();

--
-- Name: customers customers_guard; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customers_guard BEFORE INSERT OR UPDATE ON public.customers FOR EACH ROW EXECUTE FUNCTION private.guard_customer();

--
-- Name: customers customers_owner_chain; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customers_owner_chain BEFORE INSERT OR UPDATE ON public.customers FOR EACH ROW EXECUTE FUNCTION private.customer_owner_chain();

--
-- Name: customers customers_owner_chain_down; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customers_owner_chain_down AFTER UPDATE ON public.customers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION private.customer_owner_chains_down();

--
-- Name: customers customers_owner_check; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customers_owner_check BEFORE INSERT OR UPDATE OF owner_id, area_id ON public.customers FOR EACH ROW EXECUTE FUNCTION private.check_customer_owner();

--
-- Name: customers customers_refuse_parent_cycle; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customers_refuse_parent_cycle BEFORE UPDATE OF parent_id ON public.customers FOR EACH ROW EXECUTE FUNCTION private.refuse_parent_cycle();

--
-- Name: customers customers_sync_moved; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customers_sync_moved AFTER UPDATE ON public.customers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION private.sync_customers_moved();

--
-- Name: customers customers_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customers_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.customers FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: customers customers_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customers_sync_stamp BEFORE INSERT OR UPDATE ON public.customers FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: customers customers_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customers_tombstone BEFORE DELETE ON public.customers FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: customers customers_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER customers_touch_updated_at BEFORE UPDATE ON public.customers FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: delivery_confirmations delivery_confirmations_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER delivery_confirmations_00_guard_write BEFORE INSERT OR UPDATE ON public.delivery_confirmations FOR EACH ROW EXECUTE FUNCTION private.guard_write_delivery_confirmations();

--
-- Name: delivery_confirmations delivery_confirmations_10_check; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER delivery_confirmations_10_check BEFORE INSERT ON public.delivery_confirmations FOR EACH ROW EXECUTE FUNCTION private.check_delivery_confirmation();

--
-- Name: delivery_confirmations delivery_confirmations_10_once; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER delivery_confirmations_10_once BEFORE UPDATE ON public.delivery_confirmations FOR EACH ROW EXECUTE FUNCTION private.guard_delivery_confirmation_row();

--
-- Name: delivery_confirmations delivery_confirmations_20_photos; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER delivery_confirmations_20_photos BEFORE INSERT ON public.delivery_confirmations FOR EACH ROW EXECUTE FUNCTION private.check_photo_ids();

--
-- Name: delivery_confirmations delivery_confirmations_apply; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER delivery_confirmations_apply AFTER INSERT ON public.delivery_confirmations FOR EACH ROW EXECUTE FUNCTION private.apply_delivery_confirmation();

--
-- Name: delivery_confirmations delivery_confirmations_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER delivery_confirmations_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.delivery_confirmations FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: delivery_confirmations delivery_confirmations_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER delivery_confirmations_sync_stamp BEFORE INSERT OR UPDATE ON public.delivery_confirmations FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: delivery_confirmations delivery_confirmations_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER delivery_confirmations_tombstone BEFORE DELETE ON public.delivery_confirmations FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: evaluations evaluations_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER evaluations_00_guard_write BEFORE INSERT OR UPDATE ON public.evaluations FOR EACH ROW EXECUTE FUNCTION private.guard_write_evaluations();

--
-- Name: evaluations evaluations_score; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER evaluations_score BEFORE INSERT OR UPDATE ON public.evaluations FOR EACH ROW EXECUTE FUNCTION private.evaluation_score();

--
-- Name: evaluations evaluations_sets_grade_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER evaluations_sets_grade_insert AFTER INSERT ON public.evaluations REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION private.evaluation_sets_grade();

--
-- Name: evaluations evaluations_sets_grade_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER evaluations_sets_grade_update AFTER UPDATE ON public.evaluations REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION private.evaluation_sets_grade();

--
-- Name: evaluations evaluations_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER evaluations_touch_updated_at BEFORE UPDATE ON public.evaluations FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: expense_budgets expense_budgets_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER expense_budgets_00_guard_write BEFORE INSERT OR UPDATE ON public.expense_budgets FOR EACH ROW EXECUTE FUNCTION private.guard_write_expense_budgets();

--
-- Name: expense_budgets expense_budgets_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER expense_budgets_touch_updated_at BEFORE UPDATE ON public.expense_budgets FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: expenses expenses_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER expenses_00_guard_write BEFORE INSERT OR UPDATE ON public.expenses FOR EACH ROW EXECUTE FUNCTION private.guard_write_expenses();

--
-- Name: expenses expenses_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER expenses_touch_updated_at BEFORE UPDATE ON public.expenses FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: incidents incidents_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER incidents_00_guard_write BEFORE INSERT OR UPDATE ON public.incidents FOR EACH ROW EXECUTE FUNCTION private.guard_write_incidents();

--
-- Name: incidents incidents_open_case; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER incidents_open_case AFTER INSERT ON public.incidents FOR EACH ROW EXECUTE FUNCTION private.open_incident_case();

--
-- Name: incidents incidents_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER incidents_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.incidents FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: incidents incidents_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER incidents_sync_stamp BEFORE INSERT OR UPDATE ON public.incidents FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: incidents incidents_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER incidents_tombstone BEFORE DELETE ON public.incidents FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: incidents incidents_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER incidents_touch_updated_at BEFORE UPDATE ON public.incidents FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: meeting_attendees meeting_attendees_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER meeting_attendees_00_guard_write BEFORE INSERT OR UPDATE ON public.meeting_attendees FOR EACH ROW EXECUTE FUNCTION private.guard_write_meeting_attendees();

--
-- Name: meeting_attendees meeting_attendees_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER meeting_attendees_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.meeting_attendees FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: meeting_attendees meeting_attendees_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER meeting_attendees_sync_stamp BEFORE INSERT OR UPDATE ON public.meeting_attendees FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: meeting_attendees meeting_attendees_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER meeting_attendees_tombstone BEFORE DELETE ON public.meeting_attendees FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: meeting_attendees meeting_attendees_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER meeting_attendees_touch_updated_at BEFORE UPDATE ON public.meeting_attendees FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: meeting_decisions meeting_decisions_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER meeting_decisions_00_guard_write BEFORE INSERT OR UPDATE ON public.meeting_decisions FOR EACH ROW EXECUTE FUNCTION private.guard_write_meeting_decisions();

--
-- Name: meeting_decisions meeting_decisions_10_status; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER meeting_decisions_10_status BEFORE UPDATE ON public.meeting_decisions FOR EACH ROW EXECUTE FUNCTION private.guard_decision_status();

--
-- Name: meeting_decisions meeting_decisions_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER meeting_decisions_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.meeting_decisions FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: meeting_decisions meeting_decisions_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER meeting_decisions_sync_stamp BEFORE INSERT OR UPDATE ON public.meeting_decisions FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: meeting_decisions meeting_decisions_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER meeting_decisions_tombstone BEFORE DELETE ON public.meeting_decisions FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: meeting_decisions meeting_decisions_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER meeting_decisions_touch_updated_at BEFORE UPDATE ON public.meeting_decisions FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: meetings meetings_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER meetings_00_guard_write BEFORE INSERT OR UPDATE ON public.meetings FOR EACH ROW EXECUTE FUNCTION private.guard_write_meetings();

--
-- Name: meetings meetings_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER meetings_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.meetings FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: meetings meetings_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER meetings_sync_stamp BEFORE INSERT OR UPDATE ON public.meetings FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: meetings meetings_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER meetings_tombstone BEFORE DELETE ON public.meetings FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: meetings meetings_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER meetings_touch_updated_at BEFORE UPDATE ON public.meetings FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: notify_channels notify_channels_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER notify_channels_00_guard_write BEFORE INSERT OR UPDATE ON public.notify_channels FOR EACH ROW EXECUTE FUNCTION private.guard_write_notify_channels();

--
-- Name: notify_channels notify_channels_audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER notify_channels_audit AFTER INSERT OR DELETE OR UPDATE ON public.notify_channels FOR EACH ROW EXECUTE FUNCTION private.audit_notify_channel();

--
-- Name: order_lines order_lines_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER order_lines_00_guard_write BEFORE INSERT OR UPDATE ON public.order_lines FOR EACH ROW EXECUTE FUNCTION private.guard_write_order_lines();

--
-- Name: order_lines order_lines_guard_accepted; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER order_lines_guard_accepted BEFORE INSERT OR UPDATE ON public.order_lines FOR EACH ROW EXECUTE FUNCTION private.guard_order_line();

--
-- Name: order_lines order_lines_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER order_lines_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.order_lines FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: order_lines order_lines_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER order_lines_sync_stamp BEFORE INSERT OR UPDATE ON public.order_lines FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: order_lines order_lines_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER order_lines_tombstone BEFORE DELETE ON public.order_lines FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: order_lines order_lines_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER order_lines_touch_updated_at BEFORE UPDATE ON public.order_lines FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: orders orders_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER orders_00_guard_write BEFORE INSERT OR UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION private.guard_write_orders();

--
-- Name: orders orders_10_not_eliminated; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER orders_10_not_eliminated BEFORE INSERT ON public.orders FOR EACH ROW EXECUTE FUNCTION private.refuse_eliminated_customer();

--
-- Name: orders orders_guard_status; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER orders_guard_status BEFORE INSERT OR UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION private.guard_order();

--
-- Name: orders orders_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER orders_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.orders FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: orders orders_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER orders_sync_stamp BEFORE INSERT OR UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: orders orders_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER orders_tombstone BEFORE DELETE ON public.orders FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: orders orders_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER orders_touch_updated_at BEFORE UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: payments payments_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER payments_00_guard_write BEFORE INSERT OR UPDATE ON public.payments FOR EACH ROW EXECUTE FUNCTION private.guard_write_payments();

--
-- Name: payments payments_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER payments_touch_updated_at BEFORE UPDATE ON public.payments FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: photo_files photo_files_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER photo_files_00_guard_write BEFORE INSERT OR UPDATE ON public.photo_files FOR EACH ROW EXECUTE FUNCTION private.guard_write_photo_files();

--
-- Name: photos photos_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER photos_00_guard_write BEFORE INSERT OR UPDATE ON public.photos FOR EACH ROW EXECUTE FUNCTION private.guard_write_photos();

--
-- Name: photos photos_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER photos_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.photos FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: photos photos_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER photos_sync_stamp BEFORE INSERT OR UPDATE ON public.photos FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: photos photos_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER photos_tombstone BEFORE DELETE ON public.photos FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: photos photos_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER photos_touch_updated_at BEFORE UPDATE ON public.photos FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: products products_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER products_00_guard_write BEFORE INSERT OR UPDATE ON public.products FOR EACH ROW EXECUTE FUNCTION private.guard_write_products();

--
-- Name: products products_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER products_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.products FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: products products_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER products_sync_stamp BEFORE INSERT OR UPDATE ON public.products FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: products products_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER products_tombstone BEFORE DELETE ON public.products FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: products products_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER products_touch_updated_at BEFORE UPDATE ON public.products FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: profiles profiles_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER profiles_00_guard_write BEFORE INSERT OR UPDATE ON public.profiles FOR EACH ROW EXECUTE FUNCTION private.guard_write_profiles();

--
-- Name: profiles profiles_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER profiles_touch_updated_at BEFORE UPDATE ON public.profiles FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: returns returns_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER returns_00_guard_write BEFORE INSERT OR UPDATE ON public.returns FOR EACH ROW EXECUTE FUNCTION private.guard_write_returns();

--
-- Name: returns returns_10_case; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER returns_10_case BEFORE INSERT OR UPDATE ON public.returns FOR EACH ROW EXECUTE FUNCTION private.guard_return_case();

--
-- Name: returns returns_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER returns_touch_updated_at BEFORE UPDATE ON public.returns FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: sales_plans sales_plans_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER sales_plans_00_guard_write BEFORE INSERT OR UPDATE ON public.sales_plans FOR EACH ROW EXECUTE FUNCTION private.guard_write_sales_plans();

--
-- Name: sales_plans sales_plans_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER sales_plans_touch_updated_at BEFORE UPDATE ON public.sales_plans FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: setting_changes setting_changes_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER setting_changes_00_guard_write BEFORE INSERT OR UPDATE ON public.setting_changes FOR EACH ROW EXECUTE FUNCTION private.guard_write_setting_changes();

--
-- Name: setting_changes setting_changes_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER setting_changes_append_only BEFORE DELETE OR UPDATE ON public.setting_changes FOR EACH ROW EXECUTE FUNCTION private.setting_changes_append_only();

--
-- Name: settings settings_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_00_guard_write BEFORE INSERT OR UPDATE ON public.settings FOR EACH ROW EXECUTE FUNCTION private.guard_write_settings();

--
-- Name: settings settings_audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_audit AFTER INSERT OR DELETE OR UPDATE ON public.settings FOR EACH ROW EXECUTE FUNCTION private.audit_setting();

--
-- Name: settings settings_case_settings_check; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_case_settings_check BEFORE INSERT OR UPDATE ON public.settings FOR EACH ROW WHEN ((new.key = ANY (ARRAY['delivery.confirm_days'::text, 'case.sla_days'::text]))) EXECUTE FUNCTION private.check_case_settings();

--
-- Name: settings settings_company_timezone_check; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_company_timezone_check BEFORE INSERT OR UPDATE ON public.settings FOR EACH ROW WHEN ((new.key = 'company.timezone'::text)) EXECUTE FUNCTION private.check_company_timezone();

--
-- Name: settings settings_confirm_from_check; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_confirm_from_check BEFORE INSERT OR UPDATE ON public.settings FOR EACH ROW WHEN ((new.key = 'delivery.confirm_from'::text)) EXECUTE FUNCTION private.check_confirm_from();

--
-- Name: settings settings_notify_settings_check; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_notify_settings_check BEFORE INSERT OR UPDATE ON public.settings FOR EACH ROW WHEN ((new.key = ANY (ARRAY['notify.min_severity'::text, 'notify.max_tries'::text, 'warning.due_days'::text]))) EXECUTE FUNCTION private.check_notify_settings();

--
-- Name: settings settings_returns_window_check; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_returns_window_check BEFORE INSERT OR UPDATE ON public.settings FOR EACH ROW WHEN ((new.key = 'returns.window_days'::text)) EXECUTE FUNCTION private.check_returns_window();

--
-- Name: settings settings_rule_check; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_rule_check BEFORE INSERT OR UPDATE ON public.settings FOR EACH ROW EXECUTE FUNCTION private.check_setting_rule();

--
-- Name: settings settings_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.settings FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: settings settings_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_sync_stamp BEFORE INSERT OR UPDATE ON public.settings FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: settings settings_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_tombstone BEFORE DELETE ON public.settings FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: settings settings_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_touch_updated_at BEFORE UPDATE ON public.settings FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: settings settings_warning_due_days_apply; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_warning_due_days_apply AFTER INSERT OR UPDATE ON public.settings FOR EACH ROW WHEN ((new.key = 'warning.due_days'::text)) EXECUTE FUNCTION private.warnings_due_days_changed();

--
-- Name: settings settings_warning_snooze_check; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER settings_warning_snooze_check BEFORE INSERT OR UPDATE ON public.settings FOR EACH ROW WHEN ((new.key = 'warning.snooze_days'::text)) EXECUTE FUNCTION private.check_warning_snooze_setting();

--
-- Name: shipments shipments_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER shipments_00_guard_write BEFORE INSERT OR UPDATE ON public.shipments FOR EACH ROW EXECUTE FUNCTION private.guard_write_shipments();

--
-- Name: shipments shipments_guard; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER shipments_guard BEFORE UPDATE ON public.shipments FOR EACH ROW EXECUTE FUNCTION private.guard_shipment();

--
-- Name: shipments shipments_guard_confirmation; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER shipments_guard_confirmation BEFORE UPDATE ON public.shipments FOR EACH ROW EXECUTE FUNCTION private.guard_delivery_confirmation();

--
-- Name: shipments shipments_purchase_days_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER shipments_purchase_days_delete AFTER DELETE ON public.shipments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION private.purchase_days_apply();

--
-- Name: shipments shipments_purchase_days_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER shipments_purchase_days_insert AFTER INSERT ON public.shipments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION private.purchase_days_apply();

--
-- Name: shipments shipments_purchase_days_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER shipments_purchase_days_truncate AFTER TRUNCATE ON public.shipments FOR EACH STATEMENT EXECUTE FUNCTION private.purchase_days_truncate();

--
-- Name: shipments shipments_purchase_days_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER shipments_purchase_days_update AFTER UPDATE ON public.shipments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION private.purchase_days_apply();

--
-- Name: shipments shipments_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER shipments_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.shipments FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: shipments shipments_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER shipments_sync_stamp BEFORE INSERT OR UPDATE ON public.shipments FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: shipments shipments_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER shipments_tombstone BEFORE DELETE ON public.shipments FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: shipments shipments_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER shipments_touch_updated_at BEFORE UPDATE ON public.shipments FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: stock_counts stock_counts_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stock_counts_00_guard_write BEFORE INSERT OR UPDATE ON public.stock_counts FOR EACH ROW EXECUTE FUNCTION private.guard_write_stock_counts();

--
-- Name: stock_counts stock_counts_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stock_counts_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.stock_counts FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: stock_counts stock_counts_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stock_counts_sync_stamp BEFORE INSERT OR UPDATE ON public.stock_counts FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: stock_counts stock_counts_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stock_counts_tombstone BEFORE DELETE ON public.stock_counts FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: stock_counts stock_counts_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER stock_counts_touch_updated_at BEFORE UPDATE ON public.stock_counts FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: support_activities support_activities_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER support_activities_00_guard_write BEFORE INSERT OR UPDATE ON public.support_activities FOR EACH ROW EXECUTE FUNCTION private.guard_write_support_activities();

--
-- Name: support_activities support_activities_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER support_activities_touch_updated_at BEFORE UPDATE ON public.support_activities FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: sync_clients sync_clients_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER sync_clients_00_guard_write BEFORE INSERT OR UPDATE ON public.sync_clients FOR EACH ROW EXECUTE FUNCTION private.guard_write_sync_clients();

--
-- Name: sync_meta sync_meta_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER sync_meta_00_guard_write BEFORE INSERT OR UPDATE ON public.sync_meta FOR EACH ROW EXECUTE FUNCTION private.guard_write_sync_meta();

--
-- Name: sync_revocations sync_revocations_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER sync_revocations_00_guard_write BEFORE INSERT OR UPDATE ON public.sync_revocations FOR EACH ROW EXECUTE FUNCTION private.guard_write_sync_revocations();

--
-- Name: visit_plan_decisions visit_plan_decisions_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visit_plan_decisions_00_guard_write BEFORE INSERT OR UPDATE ON public.visit_plan_decisions FOR EACH ROW EXECUTE FUNCTION private.guard_write_visit_plan_decisions();

--
-- Name: visit_plan_stops visit_plan_stops_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visit_plan_stops_00_guard_write BEFORE INSERT OR UPDATE ON public.visit_plan_stops FOR EACH ROW EXECUTE FUNCTION private.guard_write_visit_plan_stops();

--
-- Name: visit_plan_stops visit_plan_stops_10_not_eliminated; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visit_plan_stops_10_not_eliminated BEFORE INSERT ON public.visit_plan_stops FOR EACH ROW EXECUTE FUNCTION private.refuse_eliminated_customer();

--
-- Name: visit_plan_stops visit_plan_stops_guard; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visit_plan_stops_guard BEFORE INSERT OR DELETE OR UPDATE ON public.visit_plan_stops FOR EACH ROW EXECUTE FUNCTION private.guard_plan_stop();

--
-- Name: visit_plan_stops visit_plan_stops_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visit_plan_stops_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.visit_plan_stops FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: visit_plan_stops visit_plan_stops_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visit_plan_stops_sync_stamp BEFORE INSERT OR UPDATE ON public.visit_plan_stops FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: visit_plan_stops visit_plan_stops_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visit_plan_stops_tombstone BEFORE DELETE ON public.visit_plan_stops FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: visit_plan_stops visit_plan_stops_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visit_plan_stops_touch_updated_at BEFORE UPDATE ON public.visit_plan_stops FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: visit_plans visit_plans_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visit_plans_00_guard_write BEFORE INSERT OR UPDATE ON public.visit_plans FOR EACH ROW EXECUTE FUNCTION private.guard_write_visit_plans();

--
-- Name: visit_plans visit_plans_guard; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visit_plans_guard BEFORE INSERT OR UPDATE ON public.visit_plans FOR EACH ROW EXECUTE FUNCTION private.guard_visit_plan();

--
-- Name: visit_plans visit_plans_guard_rejection; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visit_plans_guard_rejection BEFORE UPDATE OF status ON public.visit_plans FOR EACH ROW EXECUTE FUNCTION private.guard_plan_rejection();

--
-- Name: visit_plans visit_plans_guard_submission; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visit_plans_guard_submission BEFORE INSERT OR UPDATE OF status ON public.visit_plans FOR EACH ROW EXECUTE FUNCTION private.guard_plan_submission();

--
-- Name: visit_plans visit_plans_record_decision; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visit_plans_record_decision AFTER INSERT OR UPDATE OF status ON public.visit_plans FOR EACH ROW WHEN ((new.status = ANY (ARRAY['approved'::text, 'rejected'::text]))) EXECUTE FUNCTION private.record_plan_decision();

--
-- Name: visit_plans visit_plans_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visit_plans_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.visit_plans FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: visit_plans visit_plans_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visit_plans_sync_stamp BEFORE INSERT OR UPDATE ON public.visit_plans FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: visit_plans visit_plans_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visit_plans_tombstone BEFORE DELETE ON public.visit_plans FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: visit_plans visit_plans_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visit_plans_touch_updated_at BEFORE UPDATE ON public.visit_plans FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: visits visits_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visits_00_guard_write BEFORE INSERT OR UPDATE ON public.visits FOR EACH ROW EXECUTE FUNCTION private.guard_write_visits();

--
-- Name: visits visits_submit_orders; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visits_submit_orders AFTER UPDATE OF checkout_at ON public.visits FOR EACH ROW WHEN (((old.checkout_at IS NULL) AND (new.checkout_at IS NOT NULL))) EXECUTE FUNCTION private.submit_visit_orders();

--
-- Name: visits visits_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visits_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.visits FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: visits visits_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visits_sync_stamp BEFORE INSERT OR UPDATE ON public.visits FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: visits visits_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visits_tombstone BEFORE DELETE ON public.visits FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: visits visits_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER visits_touch_updated_at BEFORE UPDATE ON public.visits FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: warning_events warning_events_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER warning_events_00_guard_write BEFORE INSERT OR UPDATE ON public.warning_events FOR EACH ROW EXECUTE FUNCTION private.guard_write_warning_events();

--
-- Name: warning_events warning_events_01_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER warning_events_01_append_only BEFORE DELETE OR UPDATE ON public.warning_events FOR EACH ROW EXECUTE FUNCTION private.guard_warning_event();

--
-- Name: warning_events warning_events_02_photo_ids; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER warning_events_02_photo_ids BEFORE INSERT ON public.warning_events FOR EACH ROW EXECUTE FUNCTION private.check_photo_ids();

--
-- Name: warning_thresholds warning_thresholds_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER warning_thresholds_00_guard_write BEFORE INSERT OR UPDATE ON public.warning_thresholds FOR EACH ROW EXECUTE FUNCTION private.guard_write_warning_thresholds();

--
-- Name: warning_thresholds warning_thresholds_audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER warning_thresholds_audit AFTER INSERT OR DELETE OR UPDATE ON public.warning_thresholds FOR EACH ROW EXECUTE FUNCTION private.audit_warning_threshold();

--
-- Name: warning_thresholds warning_thresholds_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER warning_thresholds_touch_updated_at BEFORE UPDATE ON public.warning_thresholds FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: warnings warnings_00_guard_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER warnings_00_guard_write BEFORE INSERT OR UPDATE ON public.warnings FOR EACH ROW EXECUTE FUNCTION private.guard_write_warnings();

--
-- Name: warnings warnings_10_due_on; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER warnings_10_due_on BEFORE INSERT OR UPDATE OF severity, raised_at ON public.warnings FOR EACH ROW EXECUTE FUNCTION private.set_warning_due_on();

--
-- Name: warnings warnings_guard; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER warnings_guard BEFORE UPDATE ON public.warnings FOR EACH ROW EXECUTE FUNCTION private.guard_warning();

--
-- Name: warnings warnings_guard_step; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER warnings_guard_step BEFORE UPDATE OF status ON public.warnings FOR EACH ROW EXECUTE FUNCTION private.guard_warning_step();

--
-- Name: warnings warnings_notify_raised; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER warnings_notify_raised AFTER INSERT ON public.warnings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION private.notify_warnings_raised();

--
-- Name: warnings warnings_sync_register; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER warnings_sync_register BEFORE INSERT OR DELETE OR UPDATE ON public.warnings FOR EACH STATEMENT EXECUTE FUNCTION private.sync_register_statement();

--
-- Name: warnings warnings_sync_stamp; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER warnings_sync_stamp BEFORE UPDATE ON public.warnings FOR EACH ROW EXECUTE FUNCTION private.sync_stamp();

--
-- Name: warnings warnings_sync_stamp_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER warnings_sync_stamp_insert BEFORE INSERT ON public.warnings FOR EACH ROW WHEN (((new.version <> 1) OR ((new.txid)::text IS DISTINCT FROM split_part(current_setting('fieldsales.sync_stamp'::text, true), ':'::text, 2)))) EXECUTE FUNCTION private.sync_stamp();

--
-- Name: warnings warnings_tombstone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER warnings_tombstone BEFORE DELETE ON public.warnings FOR EACH ROW EXECUTE FUNCTION private.sync_tombstone();

--
-- Name: warnings warnings_touch_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER warnings_touch_updated_at BEFORE UPDATE ON public.warnings FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();

--
-- Name: notify_outbox notify_outbox_channel_id_fkey; Type: FK CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.notify_outbox
    ADD CONSTRAINT notify_outbox_channel_id_fkey FOREIGN KEY (channel_id) REFERENCES public.notify_channels(id) ON DELETE CASCADE;

--
-- Name: notify_requeues notify_requeues_outbox_id_fkey; Type: FK CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.notify_requeues
    ADD CONSTRAINT notify_requeues_outbox_id_fkey FOREIGN KEY (outbox_id) REFERENCES private.notify_outbox(id) ON DELETE CASCADE;

--
-- Name: notify_requeues notify_requeues_requeued_by_fkey; Type: FK CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.notify_requeues
    ADD CONSTRAINT notify_requeues_requeued_by_fkey FOREIGN KEY (requeued_by) REFERENCES public.profiles(id);

--
-- Name: photo_file_backlog photo_file_backlog_photo_id_fkey; Type: FK CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.photo_file_backlog
    ADD CONSTRAINT photo_file_backlog_photo_id_fkey FOREIGN KEY (photo_id) REFERENCES public.photo_files(photo_id) ON DELETE CASCADE;

--
-- Name: areas areas_parent_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.areas
    ADD CONSTRAINT areas_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.areas(id);

--
-- Name: case_events case_events_actor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_events
    ADD CONSTRAINT case_events_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES public.profiles(id);

--
-- Name: case_events case_events_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_events
    ADD CONSTRAINT case_events_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: case_events case_events_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_events
    ADD CONSTRAINT case_events_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: case_events case_events_owner_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_events
    ADD CONSTRAINT case_events_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.profiles(id);

--
-- Name: case_lines case_lines_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_lines
    ADD CONSTRAINT case_lines_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: case_lines case_lines_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_lines
    ADD CONSTRAINT case_lines_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: case_lines case_lines_product_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_lines
    ADD CONSTRAINT case_lines_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id);

--
-- Name: case_lines case_lines_shipment_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_lines
    ADD CONSTRAINT case_lines_shipment_id_fkey FOREIGN KEY (shipment_id) REFERENCES public.shipments(id);

--
-- Name: case_requests case_requests_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_requests
    ADD CONSTRAINT case_requests_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: case_requests case_requests_requested_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_requests
    ADD CONSTRAINT case_requests_requested_by_fkey FOREIGN KEY (requested_by) REFERENCES public.profiles(id);

--
-- Name: cases cases_complaint_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_complaint_id_fkey FOREIGN KEY (complaint_id) REFERENCES public.complaints(id) ON DELETE SET NULL;

--
-- Name: cases cases_confirmation_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_confirmation_id_fkey FOREIGN KEY (confirmation_id) REFERENCES public.delivery_confirmations(id);

--
-- Name: cases cases_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: cases cases_decided_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES public.profiles(id);

--
-- Name: cases cases_incident_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES public.incidents(id) ON DELETE SET NULL;

--
-- Name: cases cases_opened_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_opened_by_fkey FOREIGN KEY (opened_by) REFERENCES public.profiles(id);

--
-- Name: cases cases_owner_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.profiles(id);

--
-- Name: complaints complaints_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.complaints
    ADD CONSTRAINT complaints_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: complaints complaints_decided_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.complaints
    ADD CONSTRAINT complaints_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES public.profiles(id);

--
-- Name: complaints complaints_raised_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.complaints
    ADD CONSTRAINT complaints_raised_by_fkey FOREIGN KEY (raised_by) REFERENCES public.profiles(id);

--
-- Name: contract_events contract_events_actor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contract_events
    ADD CONSTRAINT contract_events_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES public.profiles(id);

--
-- Name: contract_events contract_events_contract_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contract_events
    ADD CONSTRAINT contract_events_contract_id_fkey FOREIGN KEY (contract_id) REFERENCES public.contracts(id) ON DELETE CASCADE;

--
-- Name: contract_lines contract_lines_contract_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contract_lines
    ADD CONSTRAINT contract_lines_contract_id_fkey FOREIGN KEY (contract_id) REFERENCES public.contracts(id) ON DELETE CASCADE;

--
-- Name: contract_lines contract_lines_product_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contract_lines
    ADD CONSTRAINT contract_lines_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id);

--
-- Name: contracts contracts_custodian_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contracts
    ADD CONSTRAINT contracts_custodian_id_fkey FOREIGN KEY (custodian_id) REFERENCES public.profiles(id);

--
-- Name: contracts contracts_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contracts
    ADD CONSTRAINT contracts_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: contracts contracts_previous_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contracts
    ADD CONSTRAINT contracts_previous_id_fkey FOREIGN KEY (previous_id) REFERENCES public.contracts(id);

--
-- Name: customer_classifications customer_classifications_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_classifications
    ADD CONSTRAINT customer_classifications_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: customer_conduct_flags customer_conduct_flags_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_conduct_flags
    ADD CONSTRAINT customer_conduct_flags_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: customer_conduct_flags customer_conduct_flags_reported_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_conduct_flags
    ADD CONSTRAINT customer_conduct_flags_reported_by_fkey FOREIGN KEY (reported_by) REFERENCES public.profiles(id);

--
-- Name: customer_contacts customer_contacts_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_contacts
    ADD CONSTRAINT customer_contacts_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON DELETE CASCADE;

--
-- Name: customer_eliminations customer_eliminations_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_eliminations
    ADD CONSTRAINT customer_eliminations_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: customer_eliminations customer_eliminations_decided_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_eliminations
    ADD CONSTRAINT customer_eliminations_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES public.profiles(id);

--
-- Name: customer_eliminations customer_eliminations_requested_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_eliminations
    ADD CONSTRAINT customer_eliminations_requested_by_fkey FOREIGN KEY (requested_by) REFERENCES public.profiles(id);

--
-- Name: customer_feedback customer_feedback_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_feedback
    ADD CONSTRAINT customer_feedback_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: customer_feedback customer_feedback_meeting_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_feedback
    ADD CONSTRAINT customer_feedback_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES public.meetings(id);

--
-- Name: customer_feedback customer_feedback_recorded_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_feedback
    ADD CONSTRAINT customer_feedback_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES public.profiles(id);

--
-- Name: customer_feedback customer_feedback_visit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_feedback
    ADD CONSTRAINT customer_feedback_visit_id_fkey FOREIGN KEY (visit_id) REFERENCES public.visits(id);

--
-- Name: customer_notes customer_notes_author_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_notes
    ADD CONSTRAINT customer_notes_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.profiles(id);

--
-- Name: customer_notes customer_notes_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_notes
    ADD CONSTRAINT customer_notes_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON DELETE CASCADE;

--
-- Name: customers customers_area_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_area_id_fkey FOREIGN KEY (area_id) REFERENCES public.areas(id);

--
-- Name: customers customers_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.profiles(id);

--
-- Name: customers customers_owner_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.profiles(id);

--
-- Name: customers customers_parent_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.customers(id);

--
-- Name: delivery_confirmations delivery_confirmations_confirmed_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.delivery_confirmations
    ADD CONSTRAINT delivery_confirmations_confirmed_by_fkey FOREIGN KEY (confirmed_by) REFERENCES public.profiles(id);

--
-- Name: delivery_confirmations delivery_confirmations_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.delivery_confirmations
    ADD CONSTRAINT delivery_confirmations_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: evaluations evaluations_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evaluations
    ADD CONSTRAINT evaluations_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: evaluations evaluations_evaluator_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evaluations
    ADD CONSTRAINT evaluations_evaluator_id_fkey FOREIGN KEY (evaluator_id) REFERENCES public.profiles(id);

--
-- Name: expense_budgets expense_budgets_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.expense_budgets
    ADD CONSTRAINT expense_budgets_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: expenses expenses_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.expenses
    ADD CONSTRAINT expenses_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: expenses expenses_support_activity_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.expenses
    ADD CONSTRAINT expenses_support_activity_id_fkey FOREIGN KEY (support_activity_id) REFERENCES public.support_activities(id);

--
-- Name: incidents incidents_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incidents
    ADD CONSTRAINT incidents_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: incidents incidents_reported_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incidents
    ADD CONSTRAINT incidents_reported_by_fkey FOREIGN KEY (reported_by) REFERENCES public.profiles(id);

--
-- Name: incidents incidents_visit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incidents
    ADD CONSTRAINT incidents_visit_id_fkey FOREIGN KEY (visit_id) REFERENCES public.visits(id);

--
-- Name: meeting_attendees meeting_attendees_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting_attendees
    ADD CONSTRAINT meeting_attendees_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: meeting_attendees meeting_attendees_meeting_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting_attendees
    ADD CONSTRAINT meeting_attendees_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES public.meetings(id);

--
-- Name: meeting_attendees meeting_attendees_profile_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting_attendees
    ADD CONSTRAINT meeting_attendees_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id);

--
-- Name: meeting_decisions meeting_decisions_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting_decisions
    ADD CONSTRAINT meeting_decisions_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.profiles(id);

--
-- Name: meeting_decisions meeting_decisions_done_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting_decisions
    ADD CONSTRAINT meeting_decisions_done_by_fkey FOREIGN KEY (done_by) REFERENCES public.profiles(id);

--
-- Name: meeting_decisions meeting_decisions_meeting_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting_decisions
    ADD CONSTRAINT meeting_decisions_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES public.meetings(id);

--
-- Name: meeting_decisions meeting_decisions_owner_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting_decisions
    ADD CONSTRAINT meeting_decisions_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.profiles(id);

--
-- Name: meetings meetings_area_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings
    ADD CONSTRAINT meetings_area_id_fkey FOREIGN KEY (area_id) REFERENCES public.areas(id);

--
-- Name: meetings meetings_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings
    ADD CONSTRAINT meetings_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.profiles(id);

--
-- Name: notify_channels notify_channels_area_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notify_channels
    ADD CONSTRAINT notify_channels_area_id_fkey FOREIGN KEY (area_id) REFERENCES public.areas(id);

--
-- Name: order_lines order_lines_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_lines
    ADD CONSTRAINT order_lines_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE CASCADE;

--
-- Name: order_lines order_lines_product_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_lines
    ADD CONSTRAINT order_lines_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id);

--
-- Name: orders orders_cancelled_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_cancelled_by_fkey FOREIGN KEY (cancelled_by) REFERENCES public.profiles(id);

--
-- Name: orders orders_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: orders orders_decided_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES public.profiles(id);

--
-- Name: orders orders_received_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_received_by_fkey FOREIGN KEY (received_by) REFERENCES public.profiles(id);

--
-- Name: orders orders_rep_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_rep_id_fkey FOREIGN KEY (rep_id) REFERENCES public.profiles(id);

--
-- Name: orders orders_shipped_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_shipped_by_fkey FOREIGN KEY (shipped_by) REFERENCES public.profiles(id);

--
-- Name: orders orders_supplier_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_supplier_id_fkey FOREIGN KEY (supplier_id) REFERENCES public.customers(id);

--
-- Name: orders orders_visit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_visit_id_fkey FOREIGN KEY (visit_id) REFERENCES public.visits(id);

--
-- Name: payments payments_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: photo_files photo_files_photo_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.photo_files
    ADD CONSTRAINT photo_files_photo_id_fkey FOREIGN KEY (photo_id) REFERENCES public.photos(id) ON DELETE CASCADE;

--
-- Name: photo_files photo_files_uploaded_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.photo_files
    ADD CONSTRAINT photo_files_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES public.profiles(id);

--
-- Name: photos photos_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.photos
    ADD CONSTRAINT photos_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON DELETE CASCADE;

--
-- Name: photos photos_taken_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.photos
    ADD CONSTRAINT photos_taken_by_fkey FOREIGN KEY (taken_by) REFERENCES public.profiles(id);

--
-- Name: photos photos_visit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.photos
    ADD CONSTRAINT photos_visit_id_fkey FOREIGN KEY (visit_id) REFERENCES public.visits(id);

--
-- Name: profiles profiles_area_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.profiles
    ADD CONSTRAINT profiles_area_id_fkey FOREIGN KEY (area_id) REFERENCES public.areas(id);

--
-- Name: profiles profiles_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.profiles
    ADD CONSTRAINT profiles_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: profiles profiles_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.profiles
    ADD CONSTRAINT profiles_id_fkey FOREIGN KEY (id) REFERENCES auth.users(id) ON DELETE CASCADE;

--
-- Name: returns returns_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.returns
    ADD CONSTRAINT returns_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: returns returns_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.returns
    ADD CONSTRAINT returns_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: returns returns_product_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.returns
    ADD CONSTRAINT returns_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id);

--
-- Name: returns returns_shipment_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.returns
    ADD CONSTRAINT returns_shipment_id_fkey FOREIGN KEY (shipment_id) REFERENCES public.shipments(id);

--
-- Name: sales_plans sales_plans_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sales_plans
    ADD CONSTRAINT sales_plans_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: sales_plans sales_plans_product_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sales_plans
    ADD CONSTRAINT sales_plans_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id);

--
-- Name: setting_changes setting_changes_changed_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.setting_changes
    ADD CONSTRAINT setting_changes_changed_by_fkey FOREIGN KEY (changed_by) REFERENCES public.profiles(id);

--
-- Name: setting_changes setting_changes_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.setting_changes
    ADD CONSTRAINT setting_changes_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: shipments shipments_confirmed_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.shipments
    ADD CONSTRAINT shipments_confirmed_by_fkey FOREIGN KEY (confirmed_by) REFERENCES public.profiles(id);

--
-- Name: shipments shipments_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.shipments
    ADD CONSTRAINT shipments_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: shipments shipments_product_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.shipments
    ADD CONSTRAINT shipments_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id);

--
-- Name: shipments shipments_seller_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.shipments
    ADD CONSTRAINT shipments_seller_id_fkey FOREIGN KEY (seller_id) REFERENCES public.customers(id);

--
-- Name: stock_counts stock_counts_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_counts
    ADD CONSTRAINT stock_counts_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: stock_counts stock_counts_product_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_counts
    ADD CONSTRAINT stock_counts_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id);

--
-- Name: stock_counts stock_counts_visit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_counts
    ADD CONSTRAINT stock_counts_visit_id_fkey FOREIGN KEY (visit_id) REFERENCES public.visits(id) ON DELETE CASCADE;

--
-- Name: support_activities support_activities_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.support_activities
    ADD CONSTRAINT support_activities_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: support_activities support_activities_owner_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.support_activities
    ADD CONSTRAINT support_activities_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.profiles(id);

--
-- Name: sync_clients sync_clients_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sync_clients
    ADD CONSTRAINT sync_clients_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.profiles(id);

--
-- Name: sync_revocations sync_revocations_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sync_revocations
    ADD CONSTRAINT sync_revocations_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.profiles(id);

--
-- Name: visit_plan_decisions visit_plan_decisions_decided_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.visit_plan_decisions
    ADD CONSTRAINT visit_plan_decisions_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES public.profiles(id);

--
-- Name: visit_plan_decisions visit_plan_decisions_plan_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.visit_plan_decisions
    ADD CONSTRAINT visit_plan_decisions_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES public.visit_plans(id);

--
-- Name: visit_plan_decisions visit_plan_decisions_rep_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.visit_plan_decisions
    ADD CONSTRAINT visit_plan_decisions_rep_id_fkey FOREIGN KEY (rep_id) REFERENCES public.profiles(id);

--
-- Name: visit_plan_stops visit_plan_stops_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.visit_plan_stops
    ADD CONSTRAINT visit_plan_stops_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: visit_plan_stops visit_plan_stops_plan_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.visit_plan_stops
    ADD CONSTRAINT visit_plan_stops_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES public.visit_plans(id) ON DELETE CASCADE;

--
-- Name: visit_plans visit_plans_decided_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.visit_plans
    ADD CONSTRAINT visit_plans_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES public.profiles(id);

--
-- Name: visit_plans visit_plans_rep_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.visit_plans
    ADD CONSTRAINT visit_plans_rep_id_fkey FOREIGN KEY (rep_id) REFERENCES public.profiles(id);

--
-- Name: visits visits_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.visits
    ADD CONSTRAINT visits_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: visits visits_plan_stop_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.visits
    ADD CONSTRAINT visits_plan_stop_id_fkey FOREIGN KEY (plan_stop_id) REFERENCES public.visit_plan_stops(id);

--
-- Name: visits visits_rep_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.visits
    ADD CONSTRAINT visits_rep_id_fkey FOREIGN KEY (rep_id) REFERENCES public.profiles(id);

--
-- Name: warning_events warning_events_actor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.warning_events
    ADD CONSTRAINT warning_events_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES public.profiles(id);

--
-- Name: warning_events warning_events_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.warning_events
    ADD CONSTRAINT warning_events_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: warning_events warning_events_owner_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.warning_events
    ADD CONSTRAINT warning_events_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.profiles(id);

--
-- Name: warning_events warning_events_warning_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.warning_events
    ADD CONSTRAINT warning_events_warning_id_fkey FOREIGN KEY (warning_id) REFERENCES public.warnings(id);

--
-- Name: warning_thresholds warning_thresholds_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.warning_thresholds
    ADD CONSTRAINT warning_thresholds_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON DELETE CASCADE;

--
-- Name: warnings warnings_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.warnings
    ADD CONSTRAINT warnings_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

--
-- Name: warnings warnings_owner_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.warnings
    ADD CONSTRAINT warnings_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.profiles(id);

--
-- Name: warnings warnings_previous_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.warnings
    ADD CONSTRAINT warnings_previous_id_fkey FOREIGN KEY (previous_id) REFERENCES public.warnings(id);

--
-- Name: photo_file_backlog; Type: ROW SECURITY; Schema: private; Owner: -
--

ALTER TABLE private.photo_file_backlog ENABLE ROW LEVEL SECURITY;

--
-- Name: purchase_days; Type: ROW SECURITY; Schema: private; Owner: -
--

ALTER TABLE private.purchase_days ENABLE ROW LEVEL SECURITY;

--
-- Name: purchase_stats; Type: ROW SECURITY; Schema: private; Owner: -
--

ALTER TABLE private.purchase_stats ENABLE ROW LEVEL SECURITY;

--
-- Name: sales_plans Area managers and managers can create sales plans; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Area managers and managers can create sales plans" ON public.sales_plans FOR INSERT TO authenticated WITH CHECK ((( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

--
-- Name: returns Area managers and managers can decide returns; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Area managers and managers can decide returns" ON public.returns FOR UPDATE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

--
-- Name: sales_plans Area managers and managers can delete sales plans; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Area managers and managers can delete sales plans" ON public.sales_plans FOR DELETE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

--
-- Name: support_activities Area managers and managers can delete support activities; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Area managers and managers can delete support activities" ON public.support_activities FOR DELETE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

--
-- Name: evaluations Area managers and managers can evaluate customers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Area managers and managers can evaluate customers" ON public.evaluations FOR INSERT TO authenticated WITH CHECK (((evaluator_id = ( SELECT auth.uid() AS uid)) AND (( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))))));

--
-- Name: expenses Area managers and managers can record expenses; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Area managers and managers can record expenses" ON public.expenses FOR INSERT TO authenticated WITH CHECK ((( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

--
-- Name: expenses Area managers and managers can update expenses; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Area managers and managers can update expenses" ON public.expenses FOR UPDATE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

--
-- Name: sales_plans Area managers and managers can update sales plans; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Area managers and managers can update sales plans" ON public.sales_plans FOR UPDATE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

--
-- Name: contract_lines Area managers can add lines to drafts of their area; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Area managers can add lines to drafts of their area" ON public.contract_lines FOR INSERT TO authenticated WITH CHECK (((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (contract_id IN ( SELECT c.id
   FROM public.contracts c
  WHERE ((c.status = 'draft'::text) AND (c.customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))))));

--
-- Name: contracts Area managers can draft contracts for their area; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Area managers can draft contracts for their area" ON public.contracts FOR INSERT TO authenticated WITH CHECK (((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: contracts Area managers can edit and submit drafts of their area; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Area managers can edit and submit drafts of their area" ON public.contracts FOR UPDATE TO authenticated USING (((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (status = 'draft'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))) WITH CHECK (((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (status = ANY (ARRAY['draft'::text, 'in_review'::text])) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: contract_lines Area managers can edit lines of drafts of their area; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Area managers can edit lines of drafts of their area" ON public.contract_lines FOR UPDATE TO authenticated USING (((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (contract_id IN ( SELECT c.id
   FROM public.contracts c
  WHERE ((c.status = 'draft'::text) AND (c.customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))))));

--
-- Name: contract_lines Area managers can remove lines of drafts of their area; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Area managers can remove lines of drafts of their area" ON public.contract_lines FOR DELETE TO authenticated USING (((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (contract_id IN ( SELECT c.id
   FROM public.contracts c
  WHERE ((c.status = 'draft'::text) AND (c.customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))))));

--
-- Name: customer_notes Authors and managers can delete notes; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Authors and managers can delete notes" ON public.customer_notes FOR DELETE TO authenticated USING (((author_id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_manager() AS is_manager)));

--
-- Name: customer_notes Authors can update their notes; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Authors can update their notes" ON public.customer_notes FOR UPDATE TO authenticated USING ((author_id = ( SELECT auth.uid() AS uid)));

--
-- Name: customer_notes Authors, their area managers and managers can read notes; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Authors, their area managers and managers can read notes" ON public.customer_notes FOR SELECT TO authenticated USING (((author_id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (author_id IN ( SELECT private.managed_rep_ids() AS managed_rep_ids)))));

--
-- Name: photos Dealers can add photos of their own company; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Dealers can add photos of their own company" ON public.photos FOR INSERT TO authenticated WITH CHECK (((taken_by = ( SELECT auth.uid() AS uid)) AND (visit_id IS NULL) AND (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));

--
-- Name: orders Dealers can read the orders addressed to them; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Dealers can read the orders addressed to them" ON public.orders FOR SELECT TO authenticated USING ((supplier_id = ( SELECT private.my_customer_id() AS my_customer_id)));

--
-- Name: photos Dealers can read the photos their own people took; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Dealers can read the photos their own people took" ON public.photos FOR SELECT TO authenticated USING (((customer_id = ( SELECT private.my_customer_id() AS my_customer_id)) AND (taken_by IN ( SELECT private.my_company_people() AS my_company_people))));

--
-- Name: settings Dealers can read the settings their app needs; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Dealers can read the settings their app needs" ON public.settings FOR SELECT TO authenticated USING (((key = ANY (ARRAY['company.timezone'::text, 'delivery.confirm_days'::text, 'delivery.confirm_from'::text])) AND (( SELECT private.my_role() AS my_role) = 'dealer'::text)));

--
-- Name: evaluations Evaluators can update their evaluations; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Evaluators can update their evaluations" ON public.evaluations FOR UPDATE TO authenticated USING ((evaluator_id = ( SELECT auth.uid() AS uid)));

--
-- Name: shipments Managers and the receiving dealer can update shipments; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers and the receiving dealer can update shipments" ON public.shipments FOR UPDATE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));

--
-- Name: contract_lines Managers can add contract lines; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can add contract lines" ON public.contract_lines FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_manager() AS is_manager));

--
-- Name: notify_channels Managers can add group bots; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can add group bots" ON public.notify_channels FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_manager() AS is_manager));

--
-- Name: settings Managers can add settings; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can add settings" ON public.settings FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_manager() AS is_manager));

--
-- Name: warning_thresholds Managers can add warning thresholds; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can add warning thresholds" ON public.warning_thresholds FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_manager() AS is_manager));

--
-- Name: notify_channels Managers can change group bots; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can change group bots" ON public.notify_channels FOR UPDATE TO authenticated USING (( SELECT private.is_manager() AS is_manager)) WITH CHECK (( SELECT private.is_manager() AS is_manager));

--
-- Name: settings Managers can change settings; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can change settings" ON public.settings FOR UPDATE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: warning_thresholds Managers can change warning thresholds; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can change warning thresholds" ON public.warning_thresholds FOR UPDATE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: areas Managers can create areas; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can create areas" ON public.areas FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_manager() AS is_manager));

--
-- Name: contracts Managers can create contracts; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can create contracts" ON public.contracts FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_manager() AS is_manager));

--
-- Name: products Managers can create products; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can create products" ON public.products FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_manager() AS is_manager));

--
-- Name: shipments Managers can create shipments; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can create shipments" ON public.shipments FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_manager() AS is_manager));

--
-- Name: areas Managers can delete areas; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can delete areas" ON public.areas FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: complaints Managers can delete complaints; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can delete complaints" ON public.complaints FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: customer_conduct_flags Managers can delete conduct flags; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can delete conduct flags" ON public.customer_conduct_flags FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: contract_lines Managers can delete contract lines; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can delete contract lines" ON public.contract_lines FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: contracts Managers can delete contracts; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can delete contracts" ON public.contracts FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: customers Managers can delete customers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can delete customers" ON public.customers FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: evaluations Managers can delete evaluations; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can delete evaluations" ON public.evaluations FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: expense_budgets Managers can delete expense budgets; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can delete expense budgets" ON public.expense_budgets FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: expenses Managers can delete expenses; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can delete expenses" ON public.expenses FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: notify_channels Managers can delete group bots; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can delete group bots" ON public.notify_channels FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: incidents Managers can delete incidents; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can delete incidents" ON public.incidents FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: payments Managers can delete payments; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can delete payments" ON public.payments FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: products Managers can delete products; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can delete products" ON public.products FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: returns Managers can delete returns; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can delete returns" ON public.returns FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: settings Managers can delete settings; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can delete settings" ON public.settings FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: shipments Managers can delete shipments; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can delete shipments" ON public.shipments FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: notify_channels Managers can read group bots; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can read group bots" ON public.notify_channels FOR SELECT TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: setting_changes Managers can read setting changes; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can read setting changes" ON public.setting_changes FOR SELECT TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: payments Managers can record payments; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can record payments" ON public.payments FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_manager() AS is_manager));

--
-- Name: warning_thresholds Managers can remove warning thresholds; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can remove warning thresholds" ON public.warning_thresholds FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: expense_budgets Managers can set expense budgets; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can set expense budgets" ON public.expense_budgets FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_manager() AS is_manager));

--
-- Name: areas Managers can update areas; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can update areas" ON public.areas FOR UPDATE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: contract_lines Managers can update contract lines; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can update contract lines" ON public.contract_lines FOR UPDATE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: contracts Managers can update contracts; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can update contracts" ON public.contracts FOR UPDATE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: expense_budgets Managers can update expense budgets; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can update expense budgets" ON public.expense_budgets FOR UPDATE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: payments Managers can update payments; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can update payments" ON public.payments FOR UPDATE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: products Managers can update products; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Managers can update products" ON public.products FOR UPDATE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

--
-- Name: areas Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.areas AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: case_events Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.case_events AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: case_lines Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.case_lines AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: case_requests Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.case_requests AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: cases Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.cases AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: complaints Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.complaints AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: contract_events Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.contract_events AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: contract_lines Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.contract_lines AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: contracts Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.contracts AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: customer_classifications Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.customer_classifications AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: customer_conduct_flags Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.customer_conduct_flags AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: customer_contacts Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.customer_contacts AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: customer_eliminations Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.customer_eliminations AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: customer_feedback Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.customer_feedback AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: customer_notes Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.customer_notes AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: customers Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.customers AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: delivery_confirmations Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.delivery_confirmations AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: evaluations Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.evaluations AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: expense_budgets Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.expense_budgets AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: expenses Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.expenses AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: incidents Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.incidents AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: meeting_attendees Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.meeting_attendees AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: meeting_decisions Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.meeting_decisions AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: meetings Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.meetings AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: notify_channels Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.notify_channels AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: order_lines Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.order_lines AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: orders Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.orders AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: payments Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.payments AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: photo_files Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.photo_files AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: photos Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.photos AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: products Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.products AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: profiles Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.profiles AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: returns Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.returns AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: sales_plans Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.sales_plans AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: setting_changes Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.setting_changes AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: settings Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.settings AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: shipments Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.shipments AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: stock_counts Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.stock_counts AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: support_activities Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.support_activities AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: sync_clients Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.sync_clients AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: sync_meta Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.sync_meta AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: sync_revocations Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.sync_revocations AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: visit_plan_decisions Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.visit_plan_decisions AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: visit_plan_stops Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.visit_plan_stops AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: visit_plans Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.visit_plans AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: visits Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.visits AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: warning_events Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.warning_events AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: warning_thresholds Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.warning_thresholds AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: warnings Only active users get in; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Only active users get in" ON public.warnings AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

--
-- Name: warnings Owners and managers can move warnings along; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Owners and managers can move warnings along" ON public.warnings FOR UPDATE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))) OR ((( SELECT private.my_role() AS my_role) = 'rep'::text) AND (owner_id = ( SELECT auth.uid() AS uid)))));

--
-- Name: sync_clients People can advance their own sync clients; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "People can advance their own sync clients" ON public.sync_clients FOR UPDATE TO authenticated USING ((user_id = ( SELECT auth.uid() AS uid)));

--
-- Name: profiles People can read their own profile and staff can read colleagues; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "People can read their own profile and staff can read colleagues" ON public.profiles FOR SELECT TO authenticated USING (((id = ( SELECT auth.uid() AS uid)) OR (( SELECT private.is_staff() AS is_staff) AND (role <> 'dealer'::text)) OR (( SELECT private.is_staff() AS is_staff) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

--
-- Name: sync_clients People can register their own sync clients; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "People can register their own sync clients" ON public.sync_clients FOR INSERT TO authenticated WITH CHECK ((user_id = ( SELECT auth.uid() AS uid)));

--
-- Name: sync_clients People can remove their own sync clients; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "People can remove their own sync clients" ON public.sync_clients FOR DELETE TO authenticated USING ((user_id = ( SELECT auth.uid() AS uid)));

--
-- Name: sync_revocations People can see their own revocations; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "People can see their own revocations" ON public.sync_revocations FOR SELECT TO authenticated USING ((user_id = ( SELECT auth.uid() AS uid)));

--
-- Name: sync_clients People can see their own sync clients; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "People can see their own sync clients" ON public.sync_clients FOR SELECT TO authenticated USING ((user_id = ( SELECT auth.uid() AS uid)));

--
-- Name: profiles People can update their own name and phone; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "People can update their own name and phone" ON public.profiles FOR UPDATE TO authenticated USING ((id = ( SELECT auth.uid() AS uid)));

--
-- Name: meeting_attendees People read the attendees of meetings they may see; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "People read the attendees of meetings they may see" ON public.meeting_attendees FOR SELECT TO authenticated USING ((meeting_id IN ( SELECT private.my_meeting_ids() AS my_meeting_ids)));

--
-- Name: meeting_decisions People read the decisions of meetings they may see; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "People read the decisions of meetings they may see" ON public.meeting_decisions FOR SELECT TO authenticated USING ((meeting_id IN ( SELECT private.my_meeting_ids() AS my_meeting_ids)));

--
-- Name: meetings People read the meetings they may see; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "People read the meetings they may see" ON public.meetings FOR SELECT TO authenticated USING ((id IN ( SELECT private.my_meeting_ids() AS my_meeting_ids)));

--
-- Name: photos Photographers and managers can delete photos; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Photographers and managers can delete photos" ON public.photos FOR DELETE TO authenticated USING (((taken_by = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_manager() AS is_manager)));

--
-- Name: photos Photographers can update their photos; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Photographers can update their photos" ON public.photos FOR UPDATE TO authenticated USING ((taken_by = ( SELECT auth.uid() AS uid)));

--
-- Name: photo_files Photographers can upload the files of their photos; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Photographers can upload the files of their photos" ON public.photo_files FOR INSERT TO authenticated WITH CHECK (((uploaded_by = ( SELECT auth.uid() AS uid)) AND (EXISTS ( SELECT
   FROM public.photos p
  WHERE ((p.id = photo_files.photo_id) AND (p.taken_by = ( SELECT auth.uid() AS uid)))))));

--
-- Name: contract_lines Readers of a contract can read its lines; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Readers of a contract can read its lines" ON public.contract_lines FOR SELECT TO authenticated USING ((contract_id IN ( SELECT c.id
   FROM public.contracts c)));

--
-- Name: visit_plan_stops Readers of a plan can read its stops; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Readers of a plan can read its stops" ON public.visit_plan_stops FOR SELECT TO authenticated USING ((plan_id IN ( SELECT p.id
   FROM public.visit_plans p)));

--
-- Name: order_lines Readers of an order can read its lines; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Readers of an order can read its lines" ON public.order_lines FOR SELECT TO authenticated USING ((order_id IN ( SELECT o.id
   FROM public.orders o)));

--
-- Name: customer_conduct_flags Reporters and managers can update conduct flags; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reporters and managers can update conduct flags" ON public.customer_conduct_flags FOR UPDATE TO authenticated USING (((reported_by = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

--
-- Name: incidents Reporters and their managers can update incidents; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reporters and their managers can update incidents" ON public.incidents FOR UPDATE TO authenticated USING (((reported_by = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

--
-- Name: visit_plan_decisions Reps and their approvers can read plan decisions; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps and their approvers can read plan decisions" ON public.visit_plan_decisions FOR SELECT TO authenticated USING (((rep_id = ( SELECT auth.uid() AS uid)) OR (rep_id IN ( SELECT private.managed_rep_ids() AS managed_rep_ids))));

--
-- Name: visit_plans Reps and their approvers can update visit plans; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps and their approvers can update visit plans" ON public.visit_plans FOR UPDATE TO authenticated USING (((rep_id = ( SELECT auth.uid() AS uid)) OR (rep_id IN ( SELECT private.managed_rep_ids() AS managed_rep_ids))));

--
-- Name: visit_plans Reps and their managers can read visit plans; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps and their managers can read visit plans" ON public.visit_plans FOR SELECT TO authenticated USING (((rep_id = ( SELECT auth.uid() AS uid)) OR (rep_id IN ( SELECT private.managed_rep_ids() AS managed_rep_ids))));

--
-- Name: visits Reps and their managers can read visits; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps and their managers can read visits" ON public.visits FOR SELECT TO authenticated USING (((rep_id = ( SELECT auth.uid() AS uid)) OR (rep_id IN ( SELECT private.managed_rep_ids() AS managed_rep_ids))));

--
-- Name: order_lines Reps can add lines to their draft orders; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps can add lines to their draft orders" ON public.order_lines FOR INSERT TO authenticated WITH CHECK ((EXISTS ( SELECT
   FROM public.orders o
  WHERE ((o.id = order_lines.order_id) AND (o.rep_id = ( SELECT auth.uid() AS uid)) AND (o.status = 'draft'::text)))));

--
-- Name: visit_plan_stops Reps can add stops to their plans; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps can add stops to their plans" ON public.visit_plan_stops FOR INSERT TO authenticated WITH CHECK (((EXISTS ( SELECT
   FROM public.visit_plans p
  WHERE ((p.id = visit_plan_stops.plan_id) AND (p.rep_id = ( SELECT auth.uid() AS uid))))) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: order_lines Reps can change lines of their draft orders; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps can change lines of their draft orders" ON public.order_lines FOR UPDATE TO authenticated USING ((EXISTS ( SELECT
   FROM public.orders o
  WHERE ((o.id = order_lines.order_id) AND (o.rep_id = ( SELECT auth.uid() AS uid)) AND (o.status = 'draft'::text)))));

--
-- Name: stock_counts Reps can correct counts of their visits; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps can correct counts of their visits" ON public.stock_counts FOR UPDATE TO authenticated USING ((EXISTS ( SELECT
   FROM public.visits v
  WHERE ((v.id = stock_counts.visit_id) AND (v.rep_id = ( SELECT auth.uid() AS uid))))));

--
-- Name: stock_counts Reps can count stock on their visits; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps can count stock on their visits" ON public.stock_counts FOR INSERT TO authenticated WITH CHECK (((EXISTS ( SELECT
   FROM public.visits v
  WHERE ((v.id = stock_counts.visit_id) AND (v.rep_id = ( SELECT auth.uid() AS uid))))) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: visit_plans Reps can create their own visit plans; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps can create their own visit plans" ON public.visit_plans FOR INSERT TO authenticated WITH CHECK (((rep_id = ( SELECT auth.uid() AS uid)) AND (( SELECT private.my_role() AS my_role) = 'rep'::text)));

--
-- Name: stock_counts Reps can delete counts of their visits; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps can delete counts of their visits" ON public.stock_counts FOR DELETE TO authenticated USING ((EXISTS ( SELECT
   FROM public.visits v
  WHERE ((v.id = stock_counts.visit_id) AND (v.rep_id = ( SELECT auth.uid() AS uid))))));

--
-- Name: order_lines Reps can delete lines of their draft orders; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps can delete lines of their draft orders" ON public.order_lines FOR DELETE TO authenticated USING ((EXISTS ( SELECT
   FROM public.orders o
  WHERE ((o.id = order_lines.order_id) AND (o.rep_id = ( SELECT auth.uid() AS uid)) AND (o.status = 'draft'::text)))));

--
-- Name: visit_plan_stops Reps can delete stops of their plans; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps can delete stops of their plans" ON public.visit_plan_stops FOR DELETE TO authenticated USING ((EXISTS ( SELECT
   FROM public.visit_plans p
  WHERE ((p.id = visit_plan_stops.plan_id) AND (p.rep_id = ( SELECT auth.uid() AS uid))))));

--
-- Name: orders Reps can delete their draft orders; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps can delete their draft orders" ON public.orders FOR DELETE TO authenticated USING (((rep_id = ( SELECT auth.uid() AS uid)) AND (status = 'draft'::text)));

--
-- Name: visit_plans Reps can delete their draft plans; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps can delete their draft plans" ON public.visit_plans FOR DELETE TO authenticated USING (((rep_id = ( SELECT auth.uid() AS uid)) AND (status = 'draft'::text)));

--
-- Name: visits Reps can delete their visits; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps can delete their visits" ON public.visits FOR DELETE TO authenticated USING ((rep_id = ( SELECT auth.uid() AS uid)));

--
-- Name: orders Reps can edit their draft orders; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps can edit their draft orders" ON public.orders FOR UPDATE TO authenticated USING (((rep_id = ( SELECT auth.uid() AS uid)) AND (status = 'draft'::text)));

--
-- Name: visits Reps can record visits to their customers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps can record visits to their customers" ON public.visits FOR INSERT TO authenticated WITH CHECK (((rep_id = ( SELECT auth.uid() AS uid)) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: orders Reps can take orders from their customers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps can take orders from their customers" ON public.orders FOR INSERT TO authenticated WITH CHECK (((rep_id = ( SELECT auth.uid() AS uid)) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: visit_plan_stops Reps can update stops of their plans; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps can update stops of their plans" ON public.visit_plan_stops FOR UPDATE TO authenticated USING ((EXISTS ( SELECT
   FROM public.visit_plans p
  WHERE ((p.id = visit_plan_stops.plan_id) AND (p.rep_id = ( SELECT auth.uid() AS uid))))));

--
-- Name: visits Reps can update their visits; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Reps can update their visits" ON public.visits FOR UPDATE TO authenticated USING ((rep_id = ( SELECT auth.uid() AS uid))) WITH CHECK ((rep_id = ( SELECT auth.uid() AS uid)));

--
-- Name: products Signed-in people can read products; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Signed-in people can read products" ON public.products FOR SELECT TO authenticated USING ((( SELECT private.my_role() AS my_role) IS NOT NULL));

--
-- Name: sync_meta Signed-in people can read the sync epoch; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Signed-in people can read the sync epoch" ON public.sync_meta FOR SELECT TO authenticated USING ((( SELECT private.my_role() AS my_role) IS NOT NULL));

--
-- Name: complaints Staff and the dealer can raise complaints; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff and the dealer can raise complaints" ON public.complaints FOR INSERT TO authenticated WITH CHECK (((status = 'open'::text) AND (raised_by = ( SELECT auth.uid() AS uid)) AND (( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id)))));

--
-- Name: returns Staff and the dealer can raise returns; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff and the dealer can raise returns" ON public.returns FOR INSERT TO authenticated WITH CHECK (((status = 'requested'::text) AND (( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id)))));

--
-- Name: case_events Staff and the dealer can read case events, the dealer no intern; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff and the dealer can read case events, the dealer no intern" ON public.case_events FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR ((customer_id = ( SELECT private.my_customer_id() AS my_customer_id)) AND (NOT internal))));

--
-- Name: case_lines Staff and the dealer can read case lines; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff and the dealer can read case lines" ON public.case_lines FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));

--
-- Name: case_requests Staff and the dealer can read case requests; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff and the dealer can read case requests" ON public.case_requests FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));

--
-- Name: cases Staff and the dealer can read cases; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff and the dealer can read cases" ON public.cases FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR ((customer_id = ( SELECT private.my_customer_id() AS my_customer_id)) AND (kind <> 'incident'::text))));

--
-- Name: complaints Staff and the dealer can read complaints; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff and the dealer can read complaints" ON public.complaints FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));

--
-- Name: delivery_confirmations Staff and the dealer can read delivery confirmations; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff and the dealer can read delivery confirmations" ON public.delivery_confirmations FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));

--
-- Name: payments Staff and the dealer can read payments; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff and the dealer can read payments" ON public.payments FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));

--
-- Name: returns Staff and the dealer can read returns; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff and the dealer can read returns" ON public.returns FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));

--
-- Name: sales_plans Staff and the dealer can read sales plans; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff and the dealer can read sales plans" ON public.sales_plans FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));

--
-- Name: shipments Staff and the dealer can read shipments; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff and the dealer can read shipments" ON public.shipments FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));

--
-- Name: customer_contacts Staff can add contacts to their customers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can add contacts to their customers" ON public.customer_contacts FOR INSERT TO authenticated WITH CHECK ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: photos Staff can add photos of their customers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can add photos of their customers" ON public.photos FOR INSERT TO authenticated WITH CHECK (((taken_by = ( SELECT auth.uid() AS uid)) AND (( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

--
-- Name: customers Staff can create customers in their areas; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can create customers in their areas" ON public.customers FOR INSERT TO authenticated WITH CHECK ((( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (area_id IN ( SELECT private.my_area_ids() AS my_area_ids))) OR ((( SELECT private.my_role() AS my_role) = 'rep'::text) AND (owner_id = ( SELECT auth.uid() AS uid)) AND (area_id IN ( SELECT private.my_area_ids() AS my_area_ids)))));

--
-- Name: customer_contacts Staff can delete contacts of their customers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can delete contacts of their customers" ON public.customer_contacts FOR DELETE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: customer_conduct_flags Staff can flag conduct of their customers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can flag conduct of their customers" ON public.customer_conduct_flags FOR INSERT TO authenticated WITH CHECK (((reported_by = ( SELECT auth.uid() AS uid)) AND (( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

--
-- Name: complaints Staff can handle complaints of their customers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can handle complaints of their customers" ON public.complaints FOR UPDATE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: support_activities Staff can plan support activities; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can plan support activities" ON public.support_activities FOR INSERT TO authenticated WITH CHECK ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: areas Staff can read areas; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can read areas" ON public.areas FOR SELECT TO authenticated USING (( SELECT private.is_staff() AS is_staff));

--
-- Name: customer_classifications Staff can read classification history; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can read classification history" ON public.customer_classifications FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: customer_conduct_flags Staff can read conduct flags of their customers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can read conduct flags of their customers" ON public.customer_conduct_flags FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: customer_contacts Staff can read contacts of their customers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can read contacts of their customers" ON public.customer_contacts FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: customer_eliminations Staff can read elimination requests of their customers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can read elimination requests of their customers" ON public.customer_eliminations FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: evaluations Staff can read evaluations; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can read evaluations" ON public.evaluations FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: expense_budgets Staff can read expense budgets; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can read expense budgets" ON public.expense_budgets FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: expenses Staff can read expenses; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can read expenses" ON public.expenses FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: incidents Staff can read incidents; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can read incidents" ON public.incidents FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: orders Staff can read orders of their customers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can read orders of their customers" ON public.orders FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: photos Staff can read photos of their customers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can read photos of their customers" ON public.photos FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: settings Staff can read settings; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can read settings" ON public.settings FOR SELECT TO authenticated USING (( SELECT private.is_staff() AS is_staff));

--
-- Name: stock_counts Staff can read stock counts of their customers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can read stock counts of their customers" ON public.stock_counts FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: support_activities Staff can read support activities; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can read support activities" ON public.support_activities FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: customers Staff can read the customers they look after; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can read the customers they look after" ON public.customers FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (owner_chain @> ARRAY[( SELECT auth.uid() AS uid)]) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (area_id IN ( SELECT private.my_area_ids() AS my_area_ids)))));

--
-- Name: photo_files Staff can read the files of photos they can see; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can read the files of photos they can see" ON public.photo_files FOR SELECT TO authenticated USING ((EXISTS ( SELECT
   FROM public.photos p
  WHERE (p.id = photo_files.photo_id))));

--
-- Name: warning_events Staff can read the history of warnings of their customers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can read the history of warnings of their customers" ON public.warning_events FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: warning_thresholds Staff can read warning thresholds; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can read warning thresholds" ON public.warning_thresholds FOR SELECT TO authenticated USING (( SELECT private.is_staff() AS is_staff));

--
-- Name: warnings Staff can read warnings of their customers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can read warnings of their customers" ON public.warnings FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: incidents Staff can report incidents at their customers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can report incidents at their customers" ON public.incidents FOR INSERT TO authenticated WITH CHECK (((reported_by = ( SELECT auth.uid() AS uid)) AND (( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

--
-- Name: customer_contacts Staff can update contacts of their customers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can update contacts of their customers" ON public.customer_contacts FOR UPDATE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: support_activities Staff can update support activities; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can update support activities" ON public.support_activities FOR UPDATE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

--
-- Name: customers Staff can update the customers they look after; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can update the customers they look after" ON public.customers FOR UPDATE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (area_id IN ( SELECT private.my_area_ids() AS my_area_ids))) OR ((( SELECT private.my_role() AS my_role) = 'rep'::text) AND (owner_id = ( SELECT auth.uid() AS uid))))) WITH CHECK ((( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (area_id IN ( SELECT private.my_area_ids() AS my_area_ids))) OR ((( SELECT private.my_role() AS my_role) = 'rep'::text) AND (owner_id = ( SELECT auth.uid() AS uid)))));

--
-- Name: customer_notes Staff can write notes on their customers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff can write notes on their customers" ON public.customer_notes FOR INSERT TO authenticated WITH CHECK (((author_id = ( SELECT auth.uid() AS uid)) AND (( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

--
-- Name: customer_feedback Staff read their customers' feedback, a dealer its own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff read their customers' feedback, a dealer its own" ON public.customer_feedback FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));

--
-- Name: customer_feedback Staff record feedback of customers they see; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff record feedback of customers they see" ON public.customer_feedback FOR INSERT TO authenticated WITH CHECK (((recorded_by = ( SELECT auth.uid() AS uid)) AND (( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

--
-- Name: contract_events Staff who read a contract can read its history; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff who read a contract can read its history" ON public.contract_events FOR SELECT TO authenticated USING ((( SELECT private.is_staff() AS is_staff) AND (contract_id IN ( SELECT c.id
   FROM public.contracts c))));

--
-- Name: contracts Staff, custodians and the dealer can read a contract; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Staff, custodians and the dealer can read a contract" ON public.contracts FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (custodian_id = ( SELECT auth.uid() AS uid)) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));

--
-- Name: case_requests The dealer and staff who see the customer can raise requests; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "The dealer and staff who see the customer can raise requests" ON public.case_requests FOR INSERT TO authenticated WITH CHECK ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));

--
-- Name: meeting_decisions The owner, the area manager and managers mark a decision done; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "The owner, the area manager and managers mark a decision done" ON public.meeting_decisions FOR UPDATE TO authenticated USING (((owner_id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (meeting_id IN ( SELECT private.my_meeting_ids() AS my_meeting_ids))))) WITH CHECK (true);

--
-- Name: delivery_confirmations The receiving dealer can confirm its deliveries; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "The receiving dealer can confirm its deliveries" ON public.delivery_confirmations FOR INSERT TO authenticated WITH CHECK ((customer_id = ( SELECT private.my_customer_id() AS my_customer_id)));

--
-- Name: customer_feedback The recorder corrects their feedback; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "The recorder corrects their feedback" ON public.customer_feedback FOR UPDATE TO authenticated USING (((recorded_by = ( SELECT auth.uid() AS uid)) AND (( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

--
-- Name: areas; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.areas ENABLE ROW LEVEL SECURITY;

--
-- Name: case_events; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.case_events ENABLE ROW LEVEL SECURITY;

--
-- Name: case_lines; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.case_lines ENABLE ROW LEVEL SECURITY;

--
-- Name: case_requests; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.case_requests ENABLE ROW LEVEL SECURITY;

--
-- Name: cases; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.cases ENABLE ROW LEVEL SECURITY;

--
-- Name: complaints; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.complaints ENABLE ROW LEVEL SECURITY;

--
-- Name: contract_events; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.contract_events ENABLE ROW LEVEL SECURITY;

--
-- Name: contract_lines; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.contract_lines ENABLE ROW LEVEL SECURITY;

--
-- Name: contracts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.contracts ENABLE ROW LEVEL SECURITY;

--
-- Name: customer_classifications; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.customer_classifications ENABLE ROW LEVEL SECURITY;

--
-- Name: customer_conduct_flags; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.customer_conduct_flags ENABLE ROW LEVEL SECURITY;

--
-- Name: customer_contacts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.customer_contacts ENABLE ROW LEVEL SECURITY;

--
-- Name: customer_eliminations; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.customer_eliminations ENABLE ROW LEVEL SECURITY;

--
-- Name: customer_feedback; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.customer_feedback ENABLE ROW LEVEL SECURITY;

--
-- Name: customer_notes; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.customer_notes ENABLE ROW LEVEL SECURITY;

--
-- Name: customers; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.customers ENABLE ROW LEVEL SECURITY;

--
-- Name: delivery_confirmations; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.delivery_confirmations ENABLE ROW LEVEL SECURITY;

--
-- Name: evaluations; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.evaluations ENABLE ROW LEVEL SECURITY;

--
-- Name: expense_budgets; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.expense_budgets ENABLE ROW LEVEL SECURITY;

--
-- Name: expenses; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.expenses ENABLE ROW LEVEL SECURITY;

--
-- Name: incidents; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.incidents ENABLE ROW LEVEL SECURITY;

--
-- Name: meeting_attendees; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.meeting_attendees ENABLE ROW LEVEL SECURITY;

--
-- Name: meeting_decisions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.meeting_decisions ENABLE ROW LEVEL SECURITY;

--
-- Name: meetings; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.meetings ENABLE ROW LEVEL SECURITY;

--
-- Name: notify_channels; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.notify_channels ENABLE ROW LEVEL SECURITY;

--
-- Name: order_lines; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.order_lines ENABLE ROW LEVEL SECURITY;

--
-- Name: orders; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;

--
-- Name: payments; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.payments ENABLE ROW LEVEL SECURITY;

--
-- Name: photo_files; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.photo_files ENABLE ROW LEVEL SECURITY;

--
-- Name: photos; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.photos ENABLE ROW LEVEL SECURITY;

--
-- Name: products; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.products ENABLE ROW LEVEL SECURITY;

--
-- Name: profiles; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;

--
-- Name: returns; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.returns ENABLE ROW LEVEL SECURITY;

--
-- Name: sales_plans; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.sales_plans ENABLE ROW LEVEL SECURITY;

--
-- Name: setting_changes; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.setting_changes ENABLE ROW LEVEL SECURITY;

--
-- Name: settings; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.settings ENABLE ROW LEVEL SECURITY;

--
-- Name: shipments; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.shipments ENABLE ROW LEVEL SECURITY;

--
-- Name: stock_counts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.stock_counts ENABLE ROW LEVEL SECURITY;

--
-- Name: support_activities; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.support_activities ENABLE ROW LEVEL SECURITY;

--
-- Name: sync_clients; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.sync_clients ENABLE ROW LEVEL SECURITY;

--
-- Name: sync_meta; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.sync_meta ENABLE ROW LEVEL SECURITY;

--
-- Name: sync_revocations; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.sync_revocations ENABLE ROW LEVEL SECURITY;

--
-- Name: visit_plan_decisions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.visit_plan_decisions ENABLE ROW LEVEL SECURITY;

--
-- Name: visit_plan_stops; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.visit_plan_stops ENABLE ROW LEVEL SECURITY;

--
-- Name: visit_plans; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.visit_plans ENABLE ROW LEVEL SECURITY;

--
-- Name: visits; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.visits ENABLE ROW LEVEL SECURITY;

--
-- Name: warning_events; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.warning_events ENABLE ROW LEVEL SECURITY;

--
-- Name: warning_thresholds; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.warning_thresholds ENABLE ROW LEVEL SECURITY;

--
-- Name: warnings; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.warnings ENABLE ROW LEVEL SECURITY;

--
-- Name: SCHEMA auth; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA auth TO anon;
GRANT USAGE ON SCHEMA auth TO authenticated;
GRANT USAGE ON SCHEMA auth TO service_role;

--
-- Name: SCHEMA private; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA private TO service_role;
GRANT USAGE ON SCHEMA private TO authenticated;

--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA public TO anon;
GRANT USAGE ON SCHEMA public TO authenticated;
GRANT USAGE ON SCHEMA public TO service_role;

--
-- Name: FUNCTION jwt(); Type: ACL; Schema: auth; Owner: -
--

GRANT ALL ON FUNCTION auth.jwt() TO anon;
GRANT ALL ON FUNCTION auth.jwt() TO authenticated;
GRANT ALL ON FUNCTION auth.jwt() TO service_role;

--
-- Name: FUNCTION role(); Type: ACL; Schema: auth; Owner: -
--

GRANT ALL ON FUNCTION auth.role() TO anon;
GRANT ALL ON FUNCTION auth.role() TO authenticated;
GRANT ALL ON FUNCTION auth.role() TO service_role;

--
-- Name: FUNCTION uid(); Type: ACL; Schema: auth; Owner: -
--

GRANT ALL ON FUNCTION auth.uid() TO anon;
GRANT ALL ON FUNCTION auth.uid() TO authenticated;
GRANT ALL ON FUNCTION auth.uid() TO service_role;

--
-- Name: FUNCTION active_user(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.active_user() FROM PUBLIC;
GRANT ALL ON FUNCTION private.active_user() TO authenticated;

--
-- Name: FUNCTION add_active_user_policies(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.add_active_user_policies() FROM PUBLIC;

--
-- Name: FUNCTION apply_delivery_confirmation(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.apply_delivery_confirmation() FROM PUBLIC;
GRANT ALL ON FUNCTION private.apply_delivery_confirmation() TO authenticated;
GRANT ALL ON FUNCTION private.apply_delivery_confirmation() TO service_role;

--
-- Name: FUNCTION area_managers_over(p_area uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.area_managers_over(p_area uuid) FROM PUBLIC;

--
-- Name: FUNCTION areas_related(p_a uuid, p_b uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.areas_related(p_a uuid, p_b uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.areas_related(p_a uuid, p_b uuid) TO authenticated;
GRANT ALL ON FUNCTION private.areas_related(p_a uuid, p_b uuid) TO service_role;

--
-- Name: FUNCTION audit_actor(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.audit_actor() FROM PUBLIC;
GRANT ALL ON FUNCTION private.audit_actor() TO authenticated;
GRANT ALL ON FUNCTION private.audit_actor() TO service_role;

--
-- Name: FUNCTION audit_notify_channel(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.audit_notify_channel() FROM PUBLIC;

--
-- Name: FUNCTION audit_setting(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.audit_setting() FROM PUBLIC;
GRANT ALL ON FUNCTION private.audit_setting() TO authenticated;
GRANT ALL ON FUNCTION private.audit_setting() TO service_role;

--
-- Name: FUNCTION audit_warning_threshold(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.audit_warning_threshold() FROM PUBLIC;
GRANT ALL ON FUNCTION private.audit_warning_threshold() TO authenticated;
GRANT ALL ON FUNCTION private.audit_warning_threshold() TO service_role;

--
-- Name: FUNCTION balances(p_as_of date, p_customer_ids uuid[]); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.balances(p_as_of date, p_customer_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION private.balances(p_as_of date, p_customer_ids uuid[]) TO service_role;

--
-- Name: FUNCTION budget_use(p_as_of date, p_customer_ids uuid[], p_from date); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.budget_use(p_as_of date, p_customer_ids uuid[], p_from date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.budget_use(p_as_of date, p_customer_ids uuid[], p_from date) TO service_role;

--
-- Name: FUNCTION bump_sync_epoch(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.bump_sync_epoch() FROM PUBLIC;

--
-- Name: FUNCTION case_event_internal(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.case_event_internal() FROM PUBLIC;
GRANT ALL ON FUNCTION private.case_event_internal() TO authenticated;
GRANT ALL ON FUNCTION private.case_event_internal() TO service_role;

--
-- Name: FUNCTION case_event_progress(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.case_event_progress() FROM PUBLIC;

--
-- Name: FUNCTION sync_register(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.sync_register() FROM PUBLIC;
GRANT ALL ON FUNCTION private.sync_register() TO authenticated;
GRANT ALL ON FUNCTION private.sync_register() TO service_role;

--
-- Name: TABLE cases; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.cases TO authenticated;
GRANT ALL ON TABLE public.cases TO service_role;

--
-- Name: FUNCTION case_for_action(p_case_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.case_for_action(p_case_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.case_for_action(p_case_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.case_for_action(p_case_id uuid) TO service_role;

--
-- Name: FUNCTION case_for_service(p_case_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.case_for_service(p_case_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.case_for_service(p_case_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.case_for_service(p_case_id uuid) TO service_role;

--
-- Name: FUNCTION case_id_taken(p_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.case_id_taken(p_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.case_id_taken(p_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.case_id_taken(p_id uuid) TO service_role;

--
-- Name: FUNCTION case_owner_for(p_customer_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.case_owner_for(p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.case_owner_for(p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.case_owner_for(p_customer_id uuid) TO service_role;

--
-- Name: FUNCTION case_sla_days(p_severity text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.case_sla_days(p_severity text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.case_sla_days(p_severity text) TO authenticated;
GRANT ALL ON FUNCTION private.case_sla_days(p_severity text) TO service_role;

--
-- Name: FUNCTION case_step_allowed(p_from text, p_to text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.case_step_allowed(p_from text, p_to text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.case_step_allowed(p_from text, p_to text) TO authenticated;
GRANT ALL ON FUNCTION private.case_step_allowed(p_from text, p_to text) TO service_role;

--
-- Name: FUNCTION case_was_rejected(p_case_id uuid, p_status text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.case_was_rejected(p_case_id uuid, p_status text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.case_was_rejected(p_case_id uuid, p_status text) TO authenticated;
GRANT ALL ON FUNCTION private.case_was_rejected(p_case_id uuid, p_status text) TO service_role;

--
-- Name: FUNCTION chain_owners(p_owner uuid, p_parent uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.chain_owners(p_owner uuid, p_parent uuid) FROM PUBLIC;

--
-- Name: FUNCTION chain_window(p_days integer, p_as_of date); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.chain_window(p_days integer, p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.chain_window(p_days integer, p_as_of date) TO authenticated;
GRANT ALL ON FUNCTION private.chain_window(p_days integer, p_as_of date) TO service_role;

--
-- Name: FUNCTION check_case_request(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.check_case_request() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_case_request() TO authenticated;
GRANT ALL ON FUNCTION private.check_case_request() TO service_role;

--
-- Name: FUNCTION check_case_settings(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.check_case_settings() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_case_settings() TO authenticated;
GRANT ALL ON FUNCTION private.check_case_settings() TO service_role;

--
-- Name: FUNCTION check_company_timezone(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.check_company_timezone() FROM PUBLIC;

--
-- Name: FUNCTION check_conduct_flag_day(p_day date); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.check_conduct_flag_day(p_day date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_conduct_flag_day(p_day date) TO service_role;
GRANT ALL ON FUNCTION private.check_conduct_flag_day(p_day date) TO authenticated;

--
-- Name: FUNCTION check_confirm_from(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.check_confirm_from() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_confirm_from() TO authenticated;
GRANT ALL ON FUNCTION private.check_confirm_from() TO service_role;

--
-- Name: FUNCTION check_contract_references(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.check_contract_references() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_contract_references() TO authenticated;
GRANT ALL ON FUNCTION private.check_contract_references() TO service_role;

--
-- Name: FUNCTION check_customer_owner(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.check_customer_owner() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_customer_owner() TO authenticated;
GRANT ALL ON FUNCTION private.check_customer_owner() TO service_role;

--
-- Name: FUNCTION check_customer_parent(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.check_customer_parent() FROM PUBLIC;

--
-- Name: FUNCTION check_delivery_confirmation(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.check_delivery_confirmation() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_delivery_confirmation() TO authenticated;
GRANT ALL ON FUNCTION private.check_delivery_confirmation() TO service_role;

--
-- Name: FUNCTION check_feedback_place(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.check_feedback_place() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_feedback_place() TO authenticated;
GRANT ALL ON FUNCTION private.check_feedback_place() TO service_role;

--
-- Name: FUNCTION check_notify_ref(p_field text, p_zh text, p_value text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.check_notify_ref(p_field text, p_zh text, p_value text) FROM PUBLIC;

--
-- Name: FUNCTION check_notify_settings(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.check_notify_settings() FROM PUBLIC;

--
-- Name: FUNCTION check_photo_ids(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.check_photo_ids() FROM PUBLIC;

--
-- Name: FUNCTION check_returns_window(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.check_returns_window() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_returns_window() TO authenticated;
GRANT ALL ON FUNCTION private.check_returns_window() TO service_role;

--
-- Name: TABLE setting_rules; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT ON TABLE private.setting_rules TO authenticated;
GRANT SELECT ON TABLE private.setting_rules TO service_role;

--
-- Name: FUNCTION check_setting_number(r private.setting_rules, field text, v jsonb); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.check_setting_number(r private.setting_rules, field text, v jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_setting_number(r private.setting_rules, field text, v jsonb) TO authenticated;
GRANT ALL ON FUNCTION private.check_setting_number(r private.setting_rules, field text, v jsonb) TO service_role;

--
-- Name: FUNCTION check_setting_rule(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.check_setting_rule() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_setting_rule() TO authenticated;
GRANT ALL ON FUNCTION private.check_setting_rule() TO service_role;

--
-- Name: FUNCTION check_warning_snooze_setting(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.check_warning_snooze_setting() FROM PUBLIC;

--
-- Name: FUNCTION classify_customers_core(p_as_of date); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.classify_customers_core(p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.classify_customers_core(p_as_of date) TO service_role;

--
-- Name: FUNCTION cols_equal(p_left text, p_lcols text[], p_right text, p_rcols text[]); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.cols_equal(p_left text, p_lcols text[], p_right text, p_rcols text[]) FROM PUBLIC;

--
-- Name: FUNCTION cols_test(p_row text, p_cols text[], p_test text, p_join text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.cols_test(p_row text, p_cols text[], p_test text, p_join text) FROM PUBLIC;

--
-- Name: FUNCTION company_now(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.company_now() FROM PUBLIC;
GRANT ALL ON FUNCTION private.company_now() TO authenticated;
GRANT ALL ON FUNCTION private.company_now() TO service_role;

--
-- Name: FUNCTION company_today(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.company_today() FROM PUBLIC;
GRANT ALL ON FUNCTION private.company_today() TO authenticated;
GRANT ALL ON FUNCTION private.company_today() TO service_role;

--
-- Name: FUNCTION company_tz(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.company_tz() FROM PUBLIC;
GRANT ALL ON FUNCTION private.company_tz() TO authenticated;
GRANT ALL ON FUNCTION private.company_tz() TO service_role;

--
-- Name: TABLE contracts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.contracts TO authenticated;
GRANT ALL ON TABLE public.contracts TO service_role;

--
-- Name: FUNCTION contract_or_raise(p_contract_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.contract_or_raise(p_contract_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.contract_or_raise(p_contract_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.contract_or_raise(p_contract_id uuid) TO service_role;

--
-- Name: FUNCTION contract_step_allowed(p_from text, p_to text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.contract_step_allowed(p_from text, p_to text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.contract_step_allowed(p_from text, p_to text) TO authenticated;
GRANT ALL ON FUNCTION private.contract_step_allowed(p_from text, p_to text) TO service_role;

--
-- Name: FUNCTION credit_return(p_case_id uuid, p_requested_on date, p_day date); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.credit_return(p_case_id uuid, p_requested_on date, p_day date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.credit_return(p_case_id uuid, p_requested_on date, p_day date) TO service_role;

--
-- Name: FUNCTION customer_owner_chain(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.customer_owner_chain() FROM PUBLIC;
GRANT ALL ON FUNCTION private.customer_owner_chain() TO authenticated;

--
-- Name: FUNCTION customer_owner_chains_down(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.customer_owner_chains_down() FROM PUBLIC;
GRANT ALL ON FUNCTION private.customer_owner_chains_down() TO authenticated;

--
-- Name: FUNCTION day_start(p_day date); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.day_start(p_day date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.day_start(p_day date) TO authenticated;
GRANT ALL ON FUNCTION private.day_start(p_day date) TO service_role;

--
-- Name: FUNCTION delivery_confirm_days(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.delivery_confirm_days() FROM PUBLIC;
GRANT ALL ON FUNCTION private.delivery_confirm_days() TO authenticated;
GRANT ALL ON FUNCTION private.delivery_confirm_days() TO service_role;

--
-- Name: FUNCTION delivery_confirm_from(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.delivery_confirm_from() FROM PUBLIC;
GRANT ALL ON FUNCTION private.delivery_confirm_from() TO authenticated;
GRANT ALL ON FUNCTION private.delivery_confirm_from() TO service_role;

--
-- Name: FUNCTION deny(what text, zh text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.deny(what text, zh text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.deny(what text, zh text) TO authenticated;

--
-- Name: FUNCTION distribution(p_as_of date, p_days integer, p_customer_ids uuid[]); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.distribution(p_as_of date, p_days integer, p_customer_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION private.distribution(p_as_of date, p_days integer, p_customer_ids uuid[]) TO authenticated;
GRANT ALL ON FUNCTION private.distribution(p_as_of date, p_days integer, p_customer_ids uuid[]) TO service_role;

--
-- Name: FUNCTION elimination_check_text(p_text text, p_required boolean, p_field text, p_zh text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.elimination_check_text(p_text text, p_required boolean, p_field text, p_zh text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.elimination_check_text(p_text text, p_required boolean, p_field text, p_zh text) TO service_role;

--
-- Name: TABLE customer_eliminations; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.customer_eliminations TO authenticated;
GRANT ALL ON TABLE public.customer_eliminations TO service_role;

--
-- Name: FUNCTION elimination_for_action(p_elimination_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.elimination_for_action(p_elimination_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.elimination_for_action(p_elimination_id uuid) TO service_role;

--
-- Name: FUNCTION evaluate_warnings_core(p_customer_ids uuid[], p_as_of date); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.evaluate_warnings_core(p_customer_ids uuid[], p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.evaluate_warnings_core(p_customer_ids uuid[], p_as_of date) TO service_role;

--
-- Name: FUNCTION evaluation_grade(p_score numeric); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.evaluation_grade(p_score numeric) FROM PUBLIC;
GRANT ALL ON FUNCTION private.evaluation_grade(p_score numeric) TO authenticated;
GRANT ALL ON FUNCTION private.evaluation_grade(p_score numeric) TO service_role;

--
-- Name: FUNCTION evaluation_period_months(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.evaluation_period_months() FROM PUBLIC;
GRANT ALL ON FUNCTION private.evaluation_period_months() TO authenticated;
GRANT ALL ON FUNCTION private.evaluation_period_months() TO service_role;

--
-- Name: FUNCTION evaluation_score(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.evaluation_score() FROM PUBLIC;

--
-- Name: FUNCTION evaluation_sets_grade(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.evaluation_sets_grade() FROM PUBLIC;
GRANT ALL ON FUNCTION private.evaluation_sets_grade() TO authenticated;
GRANT ALL ON FUNCTION private.evaluation_sets_grade() TO service_role;

--
-- Name: FUNCTION figure_date(p_as_of date); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.figure_date(p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.figure_date(p_as_of date) TO authenticated;
GRANT ALL ON FUNCTION private.figure_date(p_as_of date) TO service_role;

--
-- Name: FUNCTION fmt_money(x jsonb); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.fmt_money(x jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION private.fmt_money(x jsonb) TO authenticated;
GRANT ALL ON FUNCTION private.fmt_money(x jsonb) TO service_role;

--
-- Name: FUNCTION fmt_pct(x jsonb); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.fmt_pct(x jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION private.fmt_pct(x jsonb) TO authenticated;
GRANT ALL ON FUNCTION private.fmt_pct(x jsonb) TO service_role;

--
-- Name: FUNCTION guard_case(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_case() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_case() TO authenticated;
GRANT ALL ON FUNCTION private.guard_case() TO service_role;

--
-- Name: FUNCTION guard_case_event(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_case_event() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_case_event() TO authenticated;
GRANT ALL ON FUNCTION private.guard_case_event() TO service_role;

--
-- Name: FUNCTION guard_case_request_row(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_case_request_row() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_case_request_row() TO authenticated;
GRANT ALL ON FUNCTION private.guard_case_request_row() TO service_role;

--
-- Name: FUNCTION guard_conduct_flag_day(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_conduct_flag_day() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_conduct_flag_day() TO authenticated;
GRANT ALL ON FUNCTION private.guard_conduct_flag_day() TO service_role;

--
-- Name: FUNCTION guard_contract(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_contract() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_contract() TO authenticated;
GRANT ALL ON FUNCTION private.guard_contract() TO service_role;

--
-- Name: FUNCTION guard_contract_line(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_contract_line() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_contract_line() TO authenticated;
GRANT ALL ON FUNCTION private.guard_contract_line() TO service_role;

--
-- Name: FUNCTION guard_contract_termination(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_contract_termination() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_contract_termination() TO authenticated;
GRANT ALL ON FUNCTION private.guard_contract_termination() TO service_role;

--
-- Name: FUNCTION guard_customer(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_customer() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_customer() TO authenticated;

--
-- Name: FUNCTION guard_decision_status(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_decision_status() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_decision_status() TO authenticated;
GRANT ALL ON FUNCTION private.guard_decision_status() TO service_role;

--
-- Name: FUNCTION guard_delivery_confirmation(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_delivery_confirmation() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_delivery_confirmation() TO authenticated;
GRANT ALL ON FUNCTION private.guard_delivery_confirmation() TO service_role;

--
-- Name: FUNCTION guard_delivery_confirmation_row(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_delivery_confirmation_row() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_delivery_confirmation_row() TO authenticated;
GRANT ALL ON FUNCTION private.guard_delivery_confirmation_row() TO service_role;

--
-- Name: FUNCTION guard_eliminated_status(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_eliminated_status() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_eliminated_status() TO authenticated;
GRANT ALL ON FUNCTION private.guard_eliminated_status() TO service_role;

--
-- Name: FUNCTION guard_order(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_order() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_order() TO authenticated;

--
-- Name: FUNCTION guard_order_line(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_order_line() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_order_line() TO authenticated;

--
-- Name: FUNCTION guard_plan_rejection(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_plan_rejection() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_plan_rejection() TO authenticated;
GRANT ALL ON FUNCTION private.guard_plan_rejection() TO service_role;

--
-- Name: FUNCTION guard_plan_stop(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_plan_stop() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_plan_stop() TO authenticated;

--
-- Name: FUNCTION guard_plan_submission(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_plan_submission() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_plan_submission() TO authenticated;
GRANT ALL ON FUNCTION private.guard_plan_submission() TO service_role;

--
-- Name: FUNCTION guard_return_case(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_return_case() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_return_case() TO authenticated;
GRANT ALL ON FUNCTION private.guard_return_case() TO service_role;

--
-- Name: FUNCTION guard_shipment(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_shipment() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_shipment() TO authenticated;

--
-- Name: FUNCTION guard_visit_plan(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_visit_plan() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_visit_plan() TO authenticated;

--
-- Name: FUNCTION guard_warning(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_warning() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_warning() TO authenticated;

--
-- Name: FUNCTION guard_warning_event(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_warning_event() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_warning_event() TO service_role;

--
-- Name: FUNCTION guard_warning_step(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_warning_step() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_warning_step() TO authenticated;
GRANT ALL ON FUNCTION private.guard_warning_step() TO service_role;

--
-- Name: FUNCTION guard_write_areas(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_areas() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_areas() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_areas() TO service_role;

--
-- Name: FUNCTION guard_write_case_events(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_case_events() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_case_events() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_case_events() TO service_role;

--
-- Name: FUNCTION guard_write_case_lines(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_case_lines() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_case_lines() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_case_lines() TO service_role;

--
-- Name: FUNCTION guard_write_case_requests(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_case_requests() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_case_requests() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_case_requests() TO service_role;

--
-- Name: FUNCTION guard_write_cases(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_cases() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_cases() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_cases() TO service_role;

--
-- Name: FUNCTION guard_write_complaints(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_complaints() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_complaints() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_complaints() TO service_role;

--
-- Name: FUNCTION guard_write_contract_events(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_contract_events() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_contract_events() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_contract_events() TO service_role;

--
-- Name: FUNCTION guard_write_contract_lines(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_contract_lines() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_contract_lines() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_contract_lines() TO service_role;

--
-- Name: FUNCTION guard_write_contracts(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_contracts() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_contracts() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_contracts() TO service_role;

--
-- Name: FUNCTION guard_write_customer_classifications(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_customer_classifications() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_customer_classifications() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_customer_classifications() TO service_role;

--
-- Name: FUNCTION guard_write_customer_conduct_flags(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_customer_conduct_flags() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_customer_conduct_flags() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_customer_conduct_flags() TO service_role;

--
-- Name: FUNCTION guard_write_customer_contacts(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_customer_contacts() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_customer_contacts() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_customer_contacts() TO service_role;

--
-- Name: FUNCTION guard_write_customer_eliminations(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_customer_eliminations() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_customer_eliminations() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_customer_eliminations() TO service_role;

--
-- Name: FUNCTION guard_write_customer_feedback(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_customer_feedback() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_customer_feedback() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_customer_feedback() TO service_role;

--
-- Name: FUNCTION guard_write_customer_notes(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_customer_notes() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_customer_notes() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_customer_notes() TO service_role;

--
-- Name: FUNCTION guard_write_customers(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_customers() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_customers() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_customers() TO service_role;

--
-- Name: FUNCTION guard_write_delivery_confirmations(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_delivery_confirmations() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_delivery_confirmations() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_delivery_confirmations() TO service_role;

--
-- Name: FUNCTION guard_write_evaluations(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_evaluations() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_evaluations() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_evaluations() TO service_role;

--
-- Name: FUNCTION guard_write_expense_budgets(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_expense_budgets() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_expense_budgets() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_expense_budgets() TO service_role;

--
-- Name: FUNCTION guard_write_expenses(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_expenses() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_expenses() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_expenses() TO service_role;

--
-- Name: FUNCTION guard_write_incidents(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_incidents() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_incidents() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_incidents() TO service_role;

--
-- Name: FUNCTION guard_write_meeting_attendees(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_meeting_attendees() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_meeting_attendees() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_meeting_attendees() TO service_role;

--
-- Name: FUNCTION guard_write_meeting_decisions(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_meeting_decisions() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_meeting_decisions() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_meeting_decisions() TO service_role;

--
-- Name: FUNCTION guard_write_meetings(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_meetings() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_meetings() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_meetings() TO service_role;

--
-- Name: FUNCTION guard_write_notify_channels(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_notify_channels() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_notify_channels() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_notify_channels() TO service_role;

--
-- Name: FUNCTION guard_write_order_lines(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_order_lines() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_order_lines() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_order_lines() TO service_role;

--
-- Name: FUNCTION guard_write_orders(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_orders() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_orders() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_orders() TO service_role;

--
-- Name: FUNCTION guard_write_payments(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_payments() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_payments() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_payments() TO service_role;

--
-- Name: FUNCTION guard_write_photo_files(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_photo_files() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_photo_files() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_photo_files() TO service_role;

--
-- Name: FUNCTION guard_write_photos(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_photos() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_photos() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_photos() TO service_role;

--
-- Name: FUNCTION guard_write_products(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_products() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_products() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_products() TO service_role;

--
-- Name: FUNCTION guard_write_profiles(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_profiles() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_profiles() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_profiles() TO service_role;

--
-- Name: FUNCTION guard_write_returns(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_returns() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_returns() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_returns() TO service_role;

--
-- Name: FUNCTION guard_write_sales_plans(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_sales_plans() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_sales_plans() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_sales_plans() TO service_role;

--
-- Name: FUNCTION guard_write_setting_changes(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_setting_changes() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_setting_changes() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_setting_changes() TO service_role;

--
-- Name: FUNCTION guard_write_settings(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_settings() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_settings() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_settings() TO service_role;

--
-- Name: FUNCTION guard_write_shipments(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_shipments() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_shipments() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_shipments() TO service_role;

--
-- Name: FUNCTION guard_write_stock_counts(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_stock_counts() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_stock_counts() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_stock_counts() TO service_role;

--
-- Name: FUNCTION guard_write_support_activities(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_support_activities() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_support_activities() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_support_activities() TO service_role;

--
-- Name: FUNCTION guard_write_sync_clients(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_sync_clients() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_sync_clients() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_sync_clients() TO service_role;

--
-- Name: FUNCTION guard_write_sync_meta(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_sync_meta() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_sync_meta() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_sync_meta() TO service_role;

--
-- Name: FUNCTION guard_write_sync_revocations(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_sync_revocations() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_sync_revocations() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_sync_revocations() TO service_role;

--
-- Name: FUNCTION guard_write_visit_plan_decisions(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_visit_plan_decisions() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_visit_plan_decisions() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_visit_plan_decisions() TO service_role;

--
-- Name: FUNCTION guard_write_visit_plan_stops(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_visit_plan_stops() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_visit_plan_stops() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_visit_plan_stops() TO service_role;

--
-- Name: FUNCTION guard_write_visit_plans(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_visit_plans() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_visit_plans() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_visit_plans() TO service_role;

--
-- Name: FUNCTION guard_write_visits(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_visits() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_visits() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_visits() TO service_role;

--
-- Name: FUNCTION guard_write_warning_events(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_warning_events() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_warning_events() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_warning_events() TO service_role;

--
-- Name: FUNCTION guard_write_warning_thresholds(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_warning_thresholds() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_warning_thresholds() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_warning_thresholds() TO service_role;

--
-- Name: FUNCTION guard_write_warnings(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.guard_write_warnings() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_warnings() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_warnings() TO service_role;

--
-- Name: FUNCTION install_write_guards(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.install_write_guards() FROM PUBLIC;

--
-- Name: FUNCTION is_manager(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.is_manager() FROM PUBLIC;
GRANT ALL ON FUNCTION private.is_manager() TO authenticated;

--
-- Name: FUNCTION is_staff(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.is_staff() FROM PUBLIC;
GRANT ALL ON FUNCTION private.is_staff() TO authenticated;

--
-- Name: TABLE areas; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.areas TO authenticated;
GRANT ALL ON TABLE public.areas TO service_role;

--
-- Name: FUNCTION key_taken_areas(p_key integer, r public.areas); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_areas(p_key integer, r public.areas) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_areas(p_key integer, r public.areas) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_areas(p_key integer, r public.areas) TO service_role;

--
-- Name: TABLE case_events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.case_events TO authenticated;
GRANT ALL ON TABLE public.case_events TO service_role;

--
-- Name: FUNCTION key_taken_case_events(p_key integer, r public.case_events); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_case_events(p_key integer, r public.case_events) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_case_events(p_key integer, r public.case_events) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_case_events(p_key integer, r public.case_events) TO service_role;

--
-- Name: TABLE case_lines; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.case_lines TO authenticated;
GRANT ALL ON TABLE public.case_lines TO service_role;

--
-- Name: FUNCTION key_taken_case_lines(p_key integer, r public.case_lines); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_case_lines(p_key integer, r public.case_lines) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_case_lines(p_key integer, r public.case_lines) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_case_lines(p_key integer, r public.case_lines) TO service_role;

--
-- Name: TABLE case_requests; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.case_requests TO authenticated;
GRANT ALL ON TABLE public.case_requests TO service_role;

--
-- Name: FUNCTION key_taken_case_requests(p_key integer, r public.case_requests); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_case_requests(p_key integer, r public.case_requests) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_case_requests(p_key integer, r public.case_requests) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_case_requests(p_key integer, r public.case_requests) TO service_role;

--
-- Name: FUNCTION key_taken_cases(p_key integer, r public.cases); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_cases(p_key integer, r public.cases) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_cases(p_key integer, r public.cases) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_cases(p_key integer, r public.cases) TO service_role;

--
-- Name: TABLE complaints; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.complaints TO authenticated;
GRANT ALL ON TABLE public.complaints TO service_role;

--
-- Name: FUNCTION key_taken_complaints(p_key integer, r public.complaints); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_complaints(p_key integer, r public.complaints) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_complaints(p_key integer, r public.complaints) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_complaints(p_key integer, r public.complaints) TO service_role;

--
-- Name: TABLE contract_events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.contract_events TO authenticated;
GRANT ALL ON TABLE public.contract_events TO service_role;

--
-- Name: FUNCTION key_taken_contract_events(p_key integer, r public.contract_events); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_contract_events(p_key integer, r public.contract_events) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_contract_events(p_key integer, r public.contract_events) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_contract_events(p_key integer, r public.contract_events) TO service_role;

--
-- Name: TABLE contract_lines; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.contract_lines TO authenticated;
GRANT ALL ON TABLE public.contract_lines TO service_role;

--
-- Name: FUNCTION key_taken_contract_lines(p_key integer, r public.contract_lines); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_contract_lines(p_key integer, r public.contract_lines) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_contract_lines(p_key integer, r public.contract_lines) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_contract_lines(p_key integer, r public.contract_lines) TO service_role;

--
-- Name: FUNCTION key_taken_contracts(p_key integer, r public.contracts); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_contracts(p_key integer, r public.contracts) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_contracts(p_key integer, r public.contracts) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_contracts(p_key integer, r public.contracts) TO service_role;

--
-- Name: TABLE customer_classifications; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.customer_classifications TO authenticated;
GRANT ALL ON TABLE public.customer_classifications TO service_role;

--
-- Name: FUNCTION key_taken_customer_classifications(p_key integer, r public.customer_classifications); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_customer_classifications(p_key integer, r public.customer_classifications) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_customer_classifications(p_key integer, r public.customer_classifications) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_customer_classifications(p_key integer, r public.customer_classifications) TO service_role;

--
-- Name: TABLE customer_conduct_flags; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.customer_conduct_flags TO authenticated;
GRANT ALL ON TABLE public.customer_conduct_flags TO service_role;

--
-- Name: FUNCTION key_taken_customer_conduct_flags(p_key integer, r public.customer_conduct_flags); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_customer_conduct_flags(p_key integer, r public.customer_conduct_flags) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_customer_conduct_flags(p_key integer, r public.customer_conduct_flags) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_customer_conduct_flags(p_key integer, r public.customer_conduct_flags) TO service_role;

--
-- Name: TABLE customer_contacts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.customer_contacts TO authenticated;
GRANT ALL ON TABLE public.customer_contacts TO service_role;

--
-- Name: FUNCTION key_taken_customer_contacts(p_key integer, r public.customer_contacts); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_customer_contacts(p_key integer, r public.customer_contacts) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_customer_contacts(p_key integer, r public.customer_contacts) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_customer_contacts(p_key integer, r public.customer_contacts) TO service_role;

--
-- Name: FUNCTION key_taken_customer_eliminations(p_key integer, r public.customer_eliminations); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_customer_eliminations(p_key integer, r public.customer_eliminations) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_customer_eliminations(p_key integer, r public.customer_eliminations) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_customer_eliminations(p_key integer, r public.customer_eliminations) TO service_role;

--
-- Name: TABLE customer_feedback; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.customer_feedback TO authenticated;
GRANT ALL ON TABLE public.customer_feedback TO service_role;

--
-- Name: FUNCTION key_taken_customer_feedback(p_key integer, r public.customer_feedback); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_customer_feedback(p_key integer, r public.customer_feedback) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_customer_feedback(p_key integer, r public.customer_feedback) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_customer_feedback(p_key integer, r public.customer_feedback) TO service_role;

--
-- Name: TABLE customer_notes; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.customer_notes TO authenticated;
GRANT ALL ON TABLE public.customer_notes TO service_role;

--
-- Name: FUNCTION key_taken_customer_notes(p_key integer, r public.customer_notes); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_customer_notes(p_key integer, r public.customer_notes) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_customer_notes(p_key integer, r public.customer_notes) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_customer_notes(p_key integer, r public.customer_notes) TO service_role;

--
-- Name: TABLE customers; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.customers TO authenticated;
GRANT ALL ON TABLE public.customers TO service_role;

--
-- Name: COLUMN customers.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(code) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(name),UPDATE(name) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.tier; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(tier),UPDATE(tier) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.parent_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(parent_id),UPDATE(parent_id) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.owner_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(owner_id),UPDATE(owner_id) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.area_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(area_id),UPDATE(area_id) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.status; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(status),UPDATE(status) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.address; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(address),UPDATE(address) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.lat; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(lat),UPDATE(lat) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.lng; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(lng),UPDATE(lng) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.contact_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contact_name),UPDATE(contact_name) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.phone; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(phone),UPDATE(phone) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.credit_limit; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(credit_limit),UPDATE(credit_limit) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.payment_terms_days; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(payment_terms_days),UPDATE(payment_terms_days) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.sub_distributor_count; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(sub_distributor_count),UPDATE(sub_distributor_count) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.coverage; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(coverage),UPDATE(coverage) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.capital_10k; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(capital_10k),UPDATE(capital_10k) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.hot_brands; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(hot_brands),UPDATE(hot_brands) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.warehouse_m2; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(warehouse_m2),UPDATE(warehouse_m2) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.vehicles; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(vehicles),UPDATE(vehicles) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.staff; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(staff),UPDATE(staff) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.management_flexibility; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(management_flexibility),UPDATE(management_flexibility) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.exclusive; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(exclusive),UPDATE(exclusive) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.since; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(since),UPDATE(since) ON TABLE public.customers TO authenticated;

--
-- Name: COLUMN customers.deleted_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(deleted_at) ON TABLE public.customers TO authenticated;

--
-- Name: FUNCTION key_taken_customers(p_key integer, r public.customers); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_customers(p_key integer, r public.customers) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_customers(p_key integer, r public.customers) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_customers(p_key integer, r public.customers) TO service_role;

--
-- Name: TABLE delivery_confirmations; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.delivery_confirmations TO authenticated;
GRANT ALL ON TABLE public.delivery_confirmations TO service_role;

--
-- Name: FUNCTION key_taken_delivery_confirmations(p_key integer, r public.delivery_confirmations); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_delivery_confirmations(p_key integer, r public.delivery_confirmations) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_delivery_confirmations(p_key integer, r public.delivery_confirmations) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_delivery_confirmations(p_key integer, r public.delivery_confirmations) TO service_role;

--
-- Name: TABLE evaluations; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.evaluations TO authenticated;
GRANT ALL ON TABLE public.evaluations TO service_role;

--
-- Name: FUNCTION key_taken_evaluations(p_key integer, r public.evaluations); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_evaluations(p_key integer, r public.evaluations) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_evaluations(p_key integer, r public.evaluations) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_evaluations(p_key integer, r public.evaluations) TO service_role;

--
-- Name: TABLE expense_budgets; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.expense_budgets TO authenticated;
GRANT ALL ON TABLE public.expense_budgets TO service_role;

--
-- Name: FUNCTION key_taken_expense_budgets(p_key integer, r public.expense_budgets); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_expense_budgets(p_key integer, r public.expense_budgets) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_expense_budgets(p_key integer, r public.expense_budgets) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_expense_budgets(p_key integer, r public.expense_budgets) TO service_role;

--
-- Name: TABLE expenses; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.expenses TO authenticated;
GRANT ALL ON TABLE public.expenses TO service_role;

--
-- Name: FUNCTION key_taken_expenses(p_key integer, r public.expenses); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_expenses(p_key integer, r public.expenses) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_expenses(p_key integer, r public.expenses) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_expenses(p_key integer, r public.expenses) TO service_role;

--
-- Name: TABLE incidents; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.incidents TO authenticated;
GRANT ALL ON TABLE public.incidents TO service_role;

--
-- Name: FUNCTION key_taken_incidents(p_key integer, r public.incidents); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_incidents(p_key integer, r public.incidents) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_incidents(p_key integer, r public.incidents) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_incidents(p_key integer, r public.incidents) TO service_role;

--
-- Name: TABLE meeting_attendees; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.meeting_attendees TO authenticated;
GRANT ALL ON TABLE public.meeting_attendees TO service_role;

--
-- Name: FUNCTION key_taken_meeting_attendees(p_key integer, r public.meeting_attendees); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_meeting_attendees(p_key integer, r public.meeting_attendees) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_meeting_attendees(p_key integer, r public.meeting_attendees) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_meeting_attendees(p_key integer, r public.meeting_attendees) TO service_role;

--
-- Name: TABLE meeting_decisions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.meeting_decisions TO authenticated;
GRANT ALL ON TABLE public.meeting_decisions TO service_role;

--
-- Name: COLUMN meeting_decisions.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.meeting_decisions TO authenticated;

--
-- Name: COLUMN meeting_decisions.done_note; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(done_note) ON TABLE public.meeting_decisions TO authenticated;

--
-- Name: FUNCTION key_taken_meeting_decisions(p_key integer, r public.meeting_decisions); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_meeting_decisions(p_key integer, r public.meeting_decisions) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_meeting_decisions(p_key integer, r public.meeting_decisions) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_meeting_decisions(p_key integer, r public.meeting_decisions) TO service_role;

--
-- Name: TABLE meetings; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.meetings TO authenticated;
GRANT ALL ON TABLE public.meetings TO service_role;

--
-- Name: FUNCTION key_taken_meetings(p_key integer, r public.meetings); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_meetings(p_key integer, r public.meetings) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_meetings(p_key integer, r public.meetings) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_meetings(p_key integer, r public.meetings) TO service_role;

--
-- Name: TABLE notify_channels; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.notify_channels TO authenticated;
GRANT ALL ON TABLE public.notify_channels TO service_role;

--
-- Name: FUNCTION key_taken_notify_channels(p_key integer, r public.notify_channels); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_notify_channels(p_key integer, r public.notify_channels) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_notify_channels(p_key integer, r public.notify_channels) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_notify_channels(p_key integer, r public.notify_channels) TO service_role;

--
-- Name: TABLE order_lines; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.order_lines TO authenticated;
GRANT ALL ON TABLE public.order_lines TO service_role;

--
-- Name: FUNCTION key_taken_order_lines(p_key integer, r public.order_lines); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_order_lines(p_key integer, r public.order_lines) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_order_lines(p_key integer, r public.order_lines) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_order_lines(p_key integer, r public.order_lines) TO service_role;

--
-- Name: TABLE orders; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.orders TO authenticated;
GRANT ALL ON TABLE public.orders TO service_role;

--
-- Name: FUNCTION key_taken_orders(p_key integer, r public.orders); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_orders(p_key integer, r public.orders) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_orders(p_key integer, r public.orders) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_orders(p_key integer, r public.orders) TO service_role;

--
-- Name: TABLE payments; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.payments TO authenticated;
GRANT ALL ON TABLE public.payments TO service_role;

--
-- Name: FUNCTION key_taken_payments(p_key integer, r public.payments); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_payments(p_key integer, r public.payments) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_payments(p_key integer, r public.payments) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_payments(p_key integer, r public.payments) TO service_role;

--
-- Name: TABLE photo_files; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.photo_files TO authenticated;
GRANT ALL ON TABLE public.photo_files TO service_role;

--
-- Name: FUNCTION key_taken_photo_files(p_key integer, r public.photo_files); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_photo_files(p_key integer, r public.photo_files) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_photo_files(p_key integer, r public.photo_files) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_photo_files(p_key integer, r public.photo_files) TO service_role;

--
-- Name: TABLE photos; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.photos TO authenticated;
GRANT ALL ON TABLE public.photos TO service_role;

--
-- Name: FUNCTION key_taken_photos(p_key integer, r public.photos); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_photos(p_key integer, r public.photos) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_photos(p_key integer, r public.photos) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_photos(p_key integer, r public.photos) TO service_role;

--
-- Name: TABLE products; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.products TO authenticated;
GRANT ALL ON TABLE public.products TO service_role;

--
-- Name: FUNCTION key_taken_products(p_key integer, r public.products); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_products(p_key integer, r public.products) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_products(p_key integer, r public.products) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_products(p_key integer, r public.products) TO service_role;

--
-- Name: TABLE profiles; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE ON TABLE public.profiles TO authenticated;
GRANT ALL ON TABLE public.profiles TO service_role;

--
-- Name: COLUMN profiles.full_name; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(full_name) ON TABLE public.profiles TO authenticated;

--
-- Name: COLUMN profiles.phone; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(phone) ON TABLE public.profiles TO authenticated;

--
-- Name: FUNCTION key_taken_profiles(p_key integer, r public.profiles); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_profiles(p_key integer, r public.profiles) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_profiles(p_key integer, r public.profiles) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_profiles(p_key integer, r public.profiles) TO service_role;

--
-- Name: TABLE returns; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.returns TO authenticated;
GRANT ALL ON TABLE public.returns TO service_role;

--
-- Name: FUNCTION key_taken_returns(p_key integer, r public.returns); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_returns(p_key integer, r public.returns) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_returns(p_key integer, r public.returns) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_returns(p_key integer, r public.returns) TO service_role;

--
-- Name: TABLE sales_plans; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.sales_plans TO authenticated;
GRANT ALL ON TABLE public.sales_plans TO service_role;

--
-- Name: FUNCTION key_taken_sales_plans(p_key integer, r public.sales_plans); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_sales_plans(p_key integer, r public.sales_plans) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_sales_plans(p_key integer, r public.sales_plans) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_sales_plans(p_key integer, r public.sales_plans) TO service_role;

--
-- Name: TABLE setting_changes; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON TABLE public.setting_changes TO service_role;
GRANT SELECT ON TABLE public.setting_changes TO authenticated;

--
-- Name: FUNCTION key_taken_setting_changes(p_key integer, r public.setting_changes); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_setting_changes(p_key integer, r public.setting_changes) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_setting_changes(p_key integer, r public.setting_changes) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_setting_changes(p_key integer, r public.setting_changes) TO service_role;

--
-- Name: TABLE settings; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.settings TO authenticated;
GRANT ALL ON TABLE public.settings TO service_role;

--
-- Name: FUNCTION key_taken_settings(p_key integer, r public.settings); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_settings(p_key integer, r public.settings) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_settings(p_key integer, r public.settings) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_settings(p_key integer, r public.settings) TO service_role;

--
-- Name: TABLE shipments; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.shipments TO authenticated;
GRANT ALL ON TABLE public.shipments TO service_role;

--
-- Name: FUNCTION key_taken_shipments(p_key integer, r public.shipments); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_shipments(p_key integer, r public.shipments) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_shipments(p_key integer, r public.shipments) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_shipments(p_key integer, r public.shipments) TO service_role;

--
-- Name: TABLE stock_counts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.stock_counts TO authenticated;
GRANT ALL ON TABLE public.stock_counts TO service_role;

--
-- Name: FUNCTION key_taken_stock_counts(p_key integer, r public.stock_counts); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_stock_counts(p_key integer, r public.stock_counts) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_stock_counts(p_key integer, r public.stock_counts) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_stock_counts(p_key integer, r public.stock_counts) TO service_role;

--
-- Name: TABLE support_activities; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.support_activities TO authenticated;
GRANT ALL ON TABLE public.support_activities TO service_role;

--
-- Name: FUNCTION key_taken_support_activities(p_key integer, r public.support_activities); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_support_activities(p_key integer, r public.support_activities) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_support_activities(p_key integer, r public.support_activities) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_support_activities(p_key integer, r public.support_activities) TO service_role;

--
-- Name: TABLE sync_clients; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.sync_clients TO authenticated;
GRANT ALL ON TABLE public.sync_clients TO service_role;

--
-- Name: FUNCTION key_taken_sync_clients(p_key integer, r public.sync_clients); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_sync_clients(p_key integer, r public.sync_clients) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_sync_clients(p_key integer, r public.sync_clients) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_sync_clients(p_key integer, r public.sync_clients) TO service_role;

--
-- Name: TABLE sync_meta; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.sync_meta TO authenticated;
GRANT ALL ON TABLE public.sync_meta TO service_role;

--
-- Name: FUNCTION key_taken_sync_meta(p_key integer, r public.sync_meta); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_sync_meta(p_key integer, r public.sync_meta) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_sync_meta(p_key integer, r public.sync_meta) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_sync_meta(p_key integer, r public.sync_meta) TO service_role;

--
-- Name: TABLE sync_revocations; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.sync_revocations TO authenticated;
GRANT ALL ON TABLE public.sync_revocations TO service_role;

--
-- Name: FUNCTION key_taken_sync_revocations(p_key integer, r public.sync_revocations); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_sync_revocations(p_key integer, r public.sync_revocations) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_sync_revocations(p_key integer, r public.sync_revocations) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_sync_revocations(p_key integer, r public.sync_revocations) TO service_role;

--
-- Name: TABLE visit_plan_decisions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.visit_plan_decisions TO authenticated;
GRANT ALL ON TABLE public.visit_plan_decisions TO service_role;

--
-- Name: FUNCTION key_taken_visit_plan_decisions(p_key integer, r public.visit_plan_decisions); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_visit_plan_decisions(p_key integer, r public.visit_plan_decisions) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_visit_plan_decisions(p_key integer, r public.visit_plan_decisions) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_visit_plan_decisions(p_key integer, r public.visit_plan_decisions) TO service_role;

--
-- Name: TABLE visit_plan_stops; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.visit_plan_stops TO authenticated;
GRANT ALL ON TABLE public.visit_plan_stops TO service_role;

--
-- Name: FUNCTION key_taken_visit_plan_stops(p_key integer, r public.visit_plan_stops); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_visit_plan_stops(p_key integer, r public.visit_plan_stops) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_visit_plan_stops(p_key integer, r public.visit_plan_stops) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_visit_plan_stops(p_key integer, r public.visit_plan_stops) TO service_role;

--
-- Name: TABLE visit_plans; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.visit_plans TO authenticated;
GRANT ALL ON TABLE public.visit_plans TO service_role;

--
-- Name: FUNCTION key_taken_visit_plans(p_key integer, r public.visit_plans); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_visit_plans(p_key integer, r public.visit_plans) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_visit_plans(p_key integer, r public.visit_plans) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_visit_plans(p_key integer, r public.visit_plans) TO service_role;

--
-- Name: TABLE visits; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.visits TO authenticated;
GRANT ALL ON TABLE public.visits TO service_role;

--
-- Name: FUNCTION key_taken_visits(p_key integer, r public.visits); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_visits(p_key integer, r public.visits) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_visits(p_key integer, r public.visits) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_visits(p_key integer, r public.visits) TO service_role;

--
-- Name: TABLE warning_events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.warning_events TO authenticated;
GRANT ALL ON TABLE public.warning_events TO service_role;

--
-- Name: FUNCTION key_taken_warning_events(p_key integer, r public.warning_events); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_warning_events(p_key integer, r public.warning_events) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_warning_events(p_key integer, r public.warning_events) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_warning_events(p_key integer, r public.warning_events) TO service_role;

--
-- Name: TABLE warning_thresholds; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.warning_thresholds TO authenticated;
GRANT ALL ON TABLE public.warning_thresholds TO service_role;

--
-- Name: FUNCTION key_taken_warning_thresholds(p_key integer, r public.warning_thresholds); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_warning_thresholds(p_key integer, r public.warning_thresholds) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_warning_thresholds(p_key integer, r public.warning_thresholds) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_warning_thresholds(p_key integer, r public.warning_thresholds) TO service_role;

--
-- Name: TABLE warnings; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.warnings TO authenticated;
GRANT ALL ON TABLE public.warnings TO service_role;

--
-- Name: FUNCTION key_taken_warnings(p_key integer, r public.warnings); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.key_taken_warnings(p_key integer, r public.warnings) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_warnings(p_key integer, r public.warnings) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_warnings(p_key integer, r public.warnings) TO service_role;

--
-- Name: FUNCTION last_purchases(p_as_of date, p_customer_ids uuid[]); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.last_purchases(p_as_of date, p_customer_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION private.last_purchases(p_as_of date, p_customer_ids uuid[]) TO service_role;

--
-- Name: FUNCTION ledger_customer(p_customer_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.ledger_customer(p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.ledger_customer(p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.ledger_customer(p_customer_id uuid) TO service_role;

--
-- Name: FUNCTION ledger_dealer_rows(p_as_of date, p_customer_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.ledger_dealer_rows(p_as_of date, p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.ledger_dealer_rows(p_as_of date, p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.ledger_dealer_rows(p_as_of date, p_customer_id uuid) TO service_role;

--
-- Name: FUNCTION managed_rep_ids(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.managed_rep_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.managed_rep_ids() TO authenticated;

--
-- Name: FUNCTION mask_urls(p_text text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.mask_urls(p_text text) FROM PUBLIC;

--
-- Name: FUNCTION may_soft_delete(p_table regclass, p_old jsonb); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.may_soft_delete(p_table regclass, p_old jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION private.may_soft_delete(p_table regclass, p_old jsonb) TO authenticated;
GRANT ALL ON FUNCTION private.may_soft_delete(p_table regclass, p_old jsonb) TO service_role;

--
-- Name: FUNCTION meeting_check_text(p_text text, p_required boolean, p_max integer, p_field text, p_zh text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.meeting_check_text(p_text text, p_required boolean, p_max integer, p_field text, p_zh text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.meeting_check_text(p_text text, p_required boolean, p_max integer, p_field text, p_zh text) TO authenticated;
GRANT ALL ON FUNCTION private.meeting_check_text(p_text text, p_required boolean, p_max integer, p_field text, p_zh text) TO service_role;

--
-- Name: FUNCTION meeting_for_staff_edit(p_meeting_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.meeting_for_staff_edit(p_meeting_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.meeting_for_staff_edit(p_meeting_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.meeting_for_staff_edit(p_meeting_id uuid) TO service_role;

--
-- Name: FUNCTION my_area_ids(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.my_area_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.my_area_ids() TO authenticated;

--
-- Name: FUNCTION my_company_people(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.my_company_people() FROM PUBLIC;
GRANT ALL ON FUNCTION private.my_company_people() TO authenticated;

--
-- Name: FUNCTION my_customer_id(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.my_customer_id() FROM PUBLIC;
GRANT ALL ON FUNCTION private.my_customer_id() TO authenticated;

--
-- Name: FUNCTION my_meeting_ids(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.my_meeting_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.my_meeting_ids() TO authenticated;
GRANT ALL ON FUNCTION private.my_meeting_ids() TO service_role;

--
-- Name: FUNCTION my_role(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.my_role() FROM PUBLIC;
GRANT ALL ON FUNCTION private.my_role() TO authenticated;

--
-- Name: FUNCTION next_contract_no(p_code text, p_year integer); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.next_contract_no(p_code text, p_year integer) FROM PUBLIC;
GRANT ALL ON FUNCTION private.next_contract_no(p_code text, p_year integer) TO authenticated;
GRANT ALL ON FUNCTION private.next_contract_no(p_code text, p_year integer) TO service_role;

--
-- Name: FUNCTION notify_cases_escalated(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.notify_cases_escalated() FROM PUBLIC;

--
-- Name: FUNCTION notify_channel_snapshot(ch public.notify_channels); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.notify_channel_snapshot(ch public.notify_channels) FROM PUBLIC;

--
-- Name: FUNCTION notify_channels_for(p_area_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.notify_channels_for(p_area_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION notify_min_rank(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.notify_min_rank() FROM PUBLIC;

--
-- Name: FUNCTION notify_warning_text(p_event text, p_warning_id uuid, p_as_of date); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.notify_warning_text(p_event text, p_warning_id uuid, p_as_of date) FROM PUBLIC;

--
-- Name: FUNCTION notify_warnings_raised(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.notify_warnings_raised() FROM PUBLIC;

--
-- Name: FUNCTION open_complaint_case(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.open_complaint_case() FROM PUBLIC;
GRANT ALL ON FUNCTION private.open_complaint_case() TO authenticated;
GRANT ALL ON FUNCTION private.open_complaint_case() TO service_role;

--
-- Name: FUNCTION open_incident_case(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.open_incident_case() FROM PUBLIC;
GRANT ALL ON FUNCTION private.open_incident_case() TO authenticated;
GRANT ALL ON FUNCTION private.open_incident_case() TO service_role;

--
-- Name: FUNCTION open_requested_case(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.open_requested_case() FROM PUBLIC;
GRANT ALL ON FUNCTION private.open_requested_case() TO authenticated;
GRANT ALL ON FUNCTION private.open_requested_case() TO service_role;

--
-- Name: FUNCTION order_reason(p_reason text, p_required boolean, p_en text, p_zh text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.order_reason(p_reason text, p_required boolean, p_en text, p_zh text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.order_reason(p_reason text, p_required boolean, p_en text, p_zh text) TO authenticated;

--
-- Name: FUNCTION order_state_error(o public.orders, p_wanted text, p_step_en text, p_step_zh text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.order_state_error(o public.orders, p_wanted text, p_step_en text, p_step_zh text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.order_state_error(o public.orders, p_wanted text, p_step_en text, p_step_zh text) TO authenticated;

--
-- Name: FUNCTION order_supplier(p_customer_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.order_supplier(p_customer_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION own_plan_for_change(p_plan_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.own_plan_for_change(p_plan_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.own_plan_for_change(p_plan_id uuid) TO authenticated;

--
-- Name: FUNCTION purchase_days_apply(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.purchase_days_apply() FROM PUBLIC;

--
-- Name: FUNCTION purchase_days_truncate(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.purchase_days_truncate() FROM PUBLIC;

--
-- Name: FUNCTION purchases(p_from date, p_to date, p_customer_ids uuid[], p_by_product boolean); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.purchases(p_from date, p_to date, p_customer_ids uuid[], p_by_product boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION private.purchases(p_from date, p_to date, p_customer_ids uuid[], p_by_product boolean) TO service_role;

--
-- Name: FUNCTION rebuild_purchase_days(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.rebuild_purchase_days() FROM PUBLIC;
GRANT ALL ON FUNCTION private.rebuild_purchase_days() TO service_role;

--
-- Name: FUNCTION record_contract_event(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.record_contract_event() FROM PUBLIC;
GRANT ALL ON FUNCTION private.record_contract_event() TO authenticated;
GRANT ALL ON FUNCTION private.record_contract_event() TO service_role;

--
-- Name: FUNCTION record_plan_decision(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.record_plan_decision() FROM PUBLIC;
GRANT ALL ON FUNCTION private.record_plan_decision() TO authenticated;

--
-- Name: FUNCTION reevaluate_warnings(p_customer_ids uuid[], p_as_of date); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.reevaluate_warnings(p_customer_ids uuid[], p_as_of date) FROM PUBLIC;

--
-- Name: FUNCTION refresh_purchase_stats(p_customer_ids uuid[]); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.refresh_purchase_stats(p_customer_ids uuid[]) FROM PUBLIC;

--
-- Name: FUNCTION refuse_eliminated_customer(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.refuse_eliminated_customer() FROM PUBLIC;
GRANT ALL ON FUNCTION private.refuse_eliminated_customer() TO authenticated;
GRANT ALL ON FUNCTION private.refuse_eliminated_customer() TO service_role;

--
-- Name: FUNCTION refuse_parent_cycle(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.refuse_parent_cycle() FROM PUBLIC;

--
-- Name: FUNCTION refuse_unseen(p_table text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.refuse_unseen(p_table text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.refuse_unseen(p_table text) TO authenticated;
GRANT ALL ON FUNCTION private.refuse_unseen(p_table text) TO service_role;

--
-- Name: FUNCTION report_customers(p_area_code text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.report_customers(p_area_code text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.report_customers(p_area_code text) TO authenticated;
GRANT ALL ON FUNCTION private.report_customers(p_area_code text) TO service_role;

--
-- Name: FUNCTION require_caller(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.require_caller() FROM PUBLIC;
GRANT ALL ON FUNCTION private.require_caller() TO authenticated;

--
-- Name: FUNCTION require_manager(what text, zh text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.require_manager(what text, zh text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.require_manager(what text, zh text) TO authenticated;
GRANT ALL ON FUNCTION private.require_manager(what text, zh text) TO service_role;

--
-- Name: FUNCTION require_staff(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.require_staff() FROM PUBLIC;
GRANT ALL ON FUNCTION private.require_staff() TO authenticated;
GRANT ALL ON FUNCTION private.require_staff() TO service_role;

--
-- Name: FUNCTION returns_window_days(p_grade text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.returns_window_days(p_grade text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.returns_window_days(p_grade text) TO authenticated;
GRANT ALL ON FUNCTION private.returns_window_days(p_grade text) TO service_role;

--
-- Name: FUNCTION sales_figures(p_as_of date, p_customer_ids uuid[], p_from date); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.sales_figures(p_as_of date, p_customer_ids uuid[], p_from date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.sales_figures(p_as_of date, p_customer_ids uuid[], p_from date) TO service_role;

--
-- Name: FUNCTION scorecard_indicators(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.scorecard_indicators() FROM PUBLIC;
GRANT ALL ON FUNCTION private.scorecard_indicators() TO authenticated;
GRANT ALL ON FUNCTION private.scorecard_indicators() TO service_role;

--
-- Name: FUNCTION set_warning_due_on(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.set_warning_due_on() FROM PUBLIC;

--
-- Name: FUNCTION setting_changes_append_only(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.setting_changes_append_only() FROM PUBLIC;
GRANT ALL ON FUNCTION private.setting_changes_append_only() TO authenticated;
GRANT ALL ON FUNCTION private.setting_changes_append_only() TO service_role;

--
-- Name: FUNCTION setting_shape_parts(p_shape text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.setting_shape_parts(p_shape text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.setting_shape_parts(p_shape text) TO authenticated;
GRANT ALL ON FUNCTION private.setting_shape_parts(p_shape text) TO service_role;

--
-- Name: FUNCTION severity_rank(p_severity text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.severity_rank(p_severity text) FROM PUBLIC;

--
-- Name: FUNCTION shipment_returnable(p_shipment_id uuid, p_except uuid, OUT delivered numeric, OUT used numeric); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.shipment_returnable(p_shipment_id uuid, p_except uuid, OUT delivered numeric, OUT used numeric) FROM PUBLIC;
GRANT ALL ON FUNCTION private.shipment_returnable(p_shipment_id uuid, p_except uuid, OUT delivered numeric, OUT used numeric) TO authenticated;
GRANT ALL ON FUNCTION private.shipment_returnable(p_shipment_id uuid, p_except uuid, OUT delivered numeric, OUT used numeric) TO service_role;

--
-- Name: FUNCTION staff_customer_ids(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.staff_customer_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.staff_customer_ids() TO authenticated;

--
-- Name: FUNCTION staff_ledger_customer(p_customer_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.staff_ledger_customer(p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.staff_ledger_customer(p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.staff_ledger_customer(p_customer_id uuid) TO service_role;

--
-- Name: FUNCTION staff_order(p_order_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.staff_order(p_order_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION staff_sees_customer(p_profile uuid, p_customer_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.staff_sees_customer(p_profile uuid, p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.staff_sees_customer(p_profile uuid, p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.staff_sees_customer(p_profile uuid, p_customer_id uuid) TO service_role;

--
-- Name: FUNCTION submit_visit_orders(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.submit_visit_orders() FROM PUBLIC;

--
-- Name: FUNCTION supplied_order(p_order_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.supplied_order(p_order_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION sync_apply(m jsonb); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.sync_apply(m jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION private.sync_apply(m jsonb) TO authenticated;

--
-- Name: FUNCTION sync_customers_moved(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.sync_customers_moved() FROM PUBLIC;
GRANT ALL ON FUNCTION private.sync_customers_moved() TO authenticated;

--
-- Name: FUNCTION sync_pull_bound(p_snap pg_snapshot); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.sync_pull_bound(p_snap pg_snapshot) FROM PUBLIC;
GRANT ALL ON FUNCTION private.sync_pull_bound(p_snap pg_snapshot) TO authenticated;
GRANT ALL ON FUNCTION private.sync_pull_bound(p_snap pg_snapshot) TO service_role;

--
-- Name: FUNCTION sync_reevaluate(p_customer_ids uuid[]); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.sync_reevaluate(p_customer_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION private.sync_reevaluate(p_customer_ids uuid[]) TO authenticated;

--
-- Name: FUNCTION sync_register_statement(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.sync_register_statement() FROM PUBLIC;
GRANT ALL ON FUNCTION private.sync_register_statement() TO authenticated;
GRANT ALL ON FUNCTION private.sync_register_statement() TO service_role;

--
-- Name: FUNCTION sync_stamp(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.sync_stamp() FROM PUBLIC;
GRANT ALL ON FUNCTION private.sync_stamp() TO authenticated;
GRANT ALL ON FUNCTION private.sync_stamp() TO service_role;

--
-- Name: FUNCTION sync_tombstone(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.sync_tombstone() FROM PUBLIC;
GRANT ALL ON FUNCTION private.sync_tombstone() TO authenticated;

--
-- Name: FUNCTION touch_updated_at(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.touch_updated_at() FROM PUBLIC;

--
-- Name: FUNCTION warning_check_note(p_note text, p_required boolean); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.warning_check_note(p_note text, p_required boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION private.warning_check_note(p_note text, p_required boolean) TO service_role;

--
-- Name: FUNCTION warning_due_days(p_severity text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.warning_due_days(p_severity text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.warning_due_days(p_severity text) TO authenticated;
GRANT ALL ON FUNCTION private.warning_due_days(p_severity text) TO service_role;

--
-- Name: FUNCTION warning_due_on(p_severity text, p_raised_at timestamp with time zone); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.warning_due_on(p_severity text, p_raised_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION private.warning_due_on(p_severity text, p_raised_at timestamp with time zone) TO authenticated;
GRANT ALL ON FUNCTION private.warning_due_on(p_severity text, p_raised_at timestamp with time zone) TO service_role;

--
-- Name: FUNCTION warning_for_action(p_warning_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.warning_for_action(p_warning_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.warning_for_action(p_warning_id uuid) TO service_role;

--
-- Name: FUNCTION warning_overdue(p_severity text, p_raised_at timestamp with time zone, p_status text, p_as_of date); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.warning_overdue(p_severity text, p_raised_at timestamp with time zone, p_status text, p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.warning_overdue(p_severity text, p_raised_at timestamp with time zone, p_status text, p_as_of date) TO authenticated;
GRANT ALL ON FUNCTION private.warning_overdue(p_severity text, p_raised_at timestamp with time zone, p_status text, p_as_of date) TO service_role;

--
-- Name: FUNCTION warning_snooze_days(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.warning_snooze_days() FROM PUBLIC;
GRANT ALL ON FUNCTION private.warning_snooze_days() TO service_role;

--
-- Name: FUNCTION warning_step(w public.warnings, p_action text, p_to_status text, p_owner_id uuid, p_note text, p_photo_ids uuid[], p_category text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.warning_step(w public.warnings, p_action text, p_to_status text, p_owner_id uuid, p_note text, p_photo_ids uuid[], p_category text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.warning_step(w public.warnings, p_action text, p_to_status text, p_owner_id uuid, p_note text, p_photo_ids uuid[], p_category text) TO service_role;

--
-- Name: FUNCTION warning_threshold_keys(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.warning_threshold_keys() FROM PUBLIC;
GRANT ALL ON FUNCTION private.warning_threshold_keys() TO authenticated;
GRANT ALL ON FUNCTION private.warning_threshold_keys() TO service_role;

--
-- Name: FUNCTION warnings_deferred(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.warnings_deferred() FROM PUBLIC;

--
-- Name: FUNCTION warnings_due_days_changed(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.warnings_due_days_changed() FROM PUBLIC;

--
-- Name: FUNCTION write_guard_source(p_table regclass); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.write_guard_source(p_table regclass) FROM PUBLIC;

--
-- Name: FUNCTION accept_order(p_order_id uuid, p_lines jsonb, p_reason text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.accept_order(p_order_id uuid, p_lines jsonb, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.accept_order(p_order_id uuid, p_lines jsonb, p_reason text) TO authenticated;
GRANT ALL ON FUNCTION public.accept_order(p_order_id uuid, p_lines jsonb, p_reason text) TO service_role;

--
-- Name: FUNCTION advance_contract(p_contract_id uuid, p_status text, p_note text, p_date date, p_place text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.advance_contract(p_contract_id uuid, p_status text, p_note text, p_date date, p_place text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.advance_contract(p_contract_id uuid, p_status text, p_note text, p_date date, p_place text) TO authenticated;
GRANT ALL ON FUNCTION public.advance_contract(p_contract_id uuid, p_status text, p_note text, p_date date, p_place text) TO service_role;

--
-- Name: FUNCTION amend_contract(p_contract_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.amend_contract(p_contract_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.amend_contract(p_contract_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.amend_contract(p_contract_id uuid) TO service_role;

--
-- Name: FUNCTION approve_visit_plan(p_plan_id uuid, p_comment text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.approve_visit_plan(p_plan_id uuid, p_comment text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.approve_visit_plan(p_plan_id uuid, p_comment text) TO authenticated;
GRANT ALL ON FUNCTION public.approve_visit_plan(p_plan_id uuid, p_comment text) TO service_role;

--
-- Name: FUNCTION assign_warning(p_warning_id uuid, p_owner_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.assign_warning(p_warning_id uuid, p_owner_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.assign_warning(p_warning_id uuid, p_owner_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.assign_warning(p_warning_id uuid, p_owner_id uuid) TO service_role;

--
-- Name: FUNCTION cancel_order(p_order_id uuid, p_reason text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.cancel_order(p_order_id uuid, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.cancel_order(p_order_id uuid, p_reason text) TO authenticated;
GRANT ALL ON FUNCTION public.cancel_order(p_order_id uuid, p_reason text) TO service_role;

--
-- Name: FUNCTION case_add_note(p_case_id uuid, p_note text, p_photo_ids uuid[], p_internal boolean); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.case_add_note(p_case_id uuid, p_note text, p_photo_ids uuid[], p_internal boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_add_note(p_case_id uuid, p_note text, p_photo_ids uuid[], p_internal boolean) TO authenticated;
GRANT ALL ON FUNCTION public.case_add_note(p_case_id uuid, p_note text, p_photo_ids uuid[], p_internal boolean) TO service_role;

--
-- Name: FUNCTION case_answer(p_case_id uuid, p_answer text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.case_answer(p_case_id uuid, p_answer text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_answer(p_case_id uuid, p_answer text) TO authenticated;
GRANT ALL ON FUNCTION public.case_answer(p_case_id uuid, p_answer text) TO service_role;

--
-- Name: FUNCTION case_approve(p_case_id uuid, p_approved boolean, p_reason text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.case_approve(p_case_id uuid, p_approved boolean, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_approve(p_case_id uuid, p_approved boolean, p_reason text) TO authenticated;
GRANT ALL ON FUNCTION public.case_approve(p_case_id uuid, p_approved boolean, p_reason text) TO service_role;

--
-- Name: FUNCTION case_assign(p_case_id uuid, p_owner_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.case_assign(p_case_id uuid, p_owner_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_assign(p_case_id uuid, p_owner_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.case_assign(p_case_id uuid, p_owner_id uuid) TO service_role;

--
-- Name: FUNCTION case_close(p_case_id uuid, p_note text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.case_close(p_case_id uuid, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_close(p_case_id uuid, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.case_close(p_case_id uuid, p_note text) TO service_role;

--
-- Name: FUNCTION case_decide(p_case_id uuid, p_decision text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.case_decide(p_case_id uuid, p_decision text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_decide(p_case_id uuid, p_decision text) TO authenticated;
GRANT ALL ON FUNCTION public.case_decide(p_case_id uuid, p_decision text) TO service_role;

--
-- Name: FUNCTION case_desk(p_as_of timestamp with time zone, p_closed boolean); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.case_desk(p_as_of timestamp with time zone, p_closed boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_desk(p_as_of timestamp with time zone, p_closed boolean) TO authenticated;
GRANT ALL ON FUNCTION public.case_desk(p_as_of timestamp with time zone, p_closed boolean) TO service_role;

--
-- Name: FUNCTION case_detail(p_case_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.case_detail(p_case_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_detail(p_case_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.case_detail(p_case_id uuid) TO service_role;

--
-- Name: FUNCTION case_resolve(p_case_id uuid, p_resolution text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.case_resolve(p_case_id uuid, p_resolution text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_resolve(p_case_id uuid, p_resolution text) TO authenticated;
GRANT ALL ON FUNCTION public.case_resolve(p_case_id uuid, p_resolution text) TO service_role;

--
-- Name: FUNCTION case_service_step(p_case_id uuid, p_step text, p_on date, p_note text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.case_service_step(p_case_id uuid, p_step text, p_on date, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_service_step(p_case_id uuid, p_step text, p_on date, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.case_service_step(p_case_id uuid, p_step text, p_on date, p_note text) TO service_role;

--
-- Name: FUNCTION case_staff(p_case_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.case_staff(p_case_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_staff(p_case_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.case_staff(p_case_id uuid) TO service_role;

--
-- Name: FUNCTION classify_customers(p_as_of date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.classify_customers(p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.classify_customers(p_as_of date) TO service_role;

--
-- Name: FUNCTION confirm_delivery(p_shipment_id uuid, p_received_quantity numeric, p_damaged_quantity numeric, p_note text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.confirm_delivery(p_shipment_id uuid, p_received_quantity numeric, p_damaged_quantity numeric, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.confirm_delivery(p_shipment_id uuid, p_received_quantity numeric, p_damaged_quantity numeric, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.confirm_delivery(p_shipment_id uuid, p_received_quantity numeric, p_damaged_quantity numeric, p_note text) TO service_role;

--
-- Name: FUNCTION confirm_delivery_doc(p_doc_no text, p_lines jsonb, p_note text, p_photo_id uuid, p_confirmation_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.confirm_delivery_doc(p_doc_no text, p_lines jsonb, p_note text, p_photo_id uuid, p_confirmation_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.confirm_delivery_doc(p_doc_no text, p_lines jsonb, p_note text, p_photo_id uuid, p_confirmation_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.confirm_delivery_doc(p_doc_no text, p_lines jsonb, p_note text, p_photo_id uuid, p_confirmation_id uuid) TO service_role;

--
-- Name: FUNCTION contract_detail(p_contract_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.contract_detail(p_contract_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.contract_detail(p_contract_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.contract_detail(p_contract_id uuid) TO service_role;

--
-- Name: FUNCTION contracts_needing_attention(p_as_of date, p_days integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.contracts_needing_attention(p_as_of date, p_days integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.contracts_needing_attention(p_as_of date, p_days integer) TO authenticated;
GRANT ALL ON FUNCTION public.contracts_needing_attention(p_as_of date, p_days integer) TO service_role;

--
-- Name: FUNCTION dealer_account(p_as_of date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.dealer_account(p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dealer_account(p_as_of date) TO authenticated;
GRANT ALL ON FUNCTION public.dealer_account(p_as_of date) TO service_role;

--
-- Name: FUNCTION dealer_contracts(p_customer_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.dealer_contracts(p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dealer_contracts(p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.dealer_contracts(p_customer_id uuid) TO service_role;

--
-- Name: FUNCTION dealer_deliveries(p_as_of date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.dealer_deliveries(p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dealer_deliveries(p_as_of date) TO authenticated;
GRANT ALL ON FUNCTION public.dealer_deliveries(p_as_of date) TO service_role;

--
-- Name: FUNCTION dealer_distribution(p_customer_id uuid, p_days integer, p_as_of date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.dealer_distribution(p_customer_id uuid, p_days integer, p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dealer_distribution(p_customer_id uuid, p_days integer, p_as_of date) TO authenticated;
GRANT ALL ON FUNCTION public.dealer_distribution(p_customer_id uuid, p_days integer, p_as_of date) TO service_role;

--
-- Name: FUNCTION dealer_ledger(p_customer_id uuid, p_year integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.dealer_ledger(p_customer_id uuid, p_year integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dealer_ledger(p_customer_id uuid, p_year integer) TO authenticated;
GRANT ALL ON FUNCTION public.dealer_ledger(p_customer_id uuid, p_year integer) TO service_role;

--
-- Name: FUNCTION dealer_ledger_lines(p_customer_id uuid, p_month date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.dealer_ledger_lines(p_customer_id uuid, p_month date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dealer_ledger_lines(p_customer_id uuid, p_month date) TO authenticated;
GRANT ALL ON FUNCTION public.dealer_ledger_lines(p_customer_id uuid, p_month date) TO service_role;

--
-- Name: FUNCTION dealer_month_plan(p_customer_id uuid, p_month date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.dealer_month_plan(p_customer_id uuid, p_month date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dealer_month_plan(p_customer_id uuid, p_month date) TO authenticated;
GRANT ALL ON FUNCTION public.dealer_month_plan(p_customer_id uuid, p_month date) TO service_role;

--
-- Name: FUNCTION dealer_outlets(p_customer_id uuid, p_days integer, p_as_of date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.dealer_outlets(p_customer_id uuid, p_days integer, p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dealer_outlets(p_customer_id uuid, p_days integer, p_as_of date) TO authenticated;
GRANT ALL ON FUNCTION public.dealer_outlets(p_customer_id uuid, p_days integer, p_as_of date) TO service_role;

--
-- Name: FUNCTION decide_elimination(p_elimination_id uuid, p_approved boolean, p_note text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.decide_elimination(p_elimination_id uuid, p_approved boolean, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.decide_elimination(p_elimination_id uuid, p_approved boolean, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.decide_elimination(p_elimination_id uuid, p_approved boolean, p_note text) TO service_role;

--
-- Name: FUNCTION decide_visit_plan(p_plan_id uuid, p_decision text, p_comment text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.decide_visit_plan(p_plan_id uuid, p_decision text, p_comment text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.decide_visit_plan(p_plan_id uuid, p_decision text, p_comment text) TO authenticated;
GRANT ALL ON FUNCTION public.decide_visit_plan(p_plan_id uuid, p_decision text, p_comment text) TO service_role;

--
-- Name: FUNCTION decision_add(p_meeting_id uuid, p_body text, p_owner_id uuid, p_due_on date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.decision_add(p_meeting_id uuid, p_body text, p_owner_id uuid, p_due_on date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.decision_add(p_meeting_id uuid, p_body text, p_owner_id uuid, p_due_on date) TO authenticated;
GRANT ALL ON FUNCTION public.decision_add(p_meeting_id uuid, p_body text, p_owner_id uuid, p_due_on date) TO service_role;

--
-- Name: FUNCTION decision_done(p_decision_id uuid, p_note text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.decision_done(p_decision_id uuid, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.decision_done(p_decision_id uuid, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.decision_done(p_decision_id uuid, p_note text) TO service_role;

--
-- Name: FUNCTION elimination_requests(p_customer_id uuid, p_open_only boolean); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.elimination_requests(p_customer_id uuid, p_open_only boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.elimination_requests(p_customer_id uuid, p_open_only boolean) TO authenticated;
GRANT ALL ON FUNCTION public.elimination_requests(p_customer_id uuid, p_open_only boolean) TO service_role;

--
-- Name: FUNCTION escalate_cases(p_as_of timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.escalate_cases(p_as_of timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.escalate_cases(p_as_of timestamp with time zone) TO authenticated;
GRANT ALL ON FUNCTION public.escalate_cases(p_as_of timestamp with time zone) TO service_role;

--
-- Name: FUNCTION evaluate_customer_warnings(p_customer_ids uuid[], p_as_of date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.evaluate_customer_warnings(p_customer_ids uuid[], p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.evaluate_customer_warnings(p_customer_ids uuid[], p_as_of date) TO service_role;

--
-- Name: FUNCTION evaluate_warnings(p_as_of date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.evaluate_warnings(p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.evaluate_warnings(p_as_of date) TO service_role;

--
-- Name: FUNCTION evaluations_due(p_as_of date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.evaluations_due(p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.evaluations_due(p_as_of date) TO authenticated;
GRANT ALL ON FUNCTION public.evaluations_due(p_as_of date) TO service_role;

--
-- Name: FUNCTION expenses_vs_budget(p_month date, p_area_code text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.expenses_vs_budget(p_month date, p_area_code text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.expenses_vs_budget(p_month date, p_area_code text) TO authenticated;
GRANT ALL ON FUNCTION public.expenses_vs_budget(p_month date, p_area_code text) TO service_role;

--
-- Name: FUNCTION expire_contracts(p_as_of date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.expire_contracts(p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.expire_contracts(p_as_of date) TO authenticated;
GRANT ALL ON FUNCTION public.expire_contracts(p_as_of date) TO service_role;

--
-- Name: FUNCTION feedback_summary(p_area_id uuid, p_from date, p_to date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.feedback_summary(p_area_id uuid, p_from date, p_to date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.feedback_summary(p_area_id uuid, p_from date, p_to date) TO authenticated;
GRANT ALL ON FUNCTION public.feedback_summary(p_area_id uuid, p_from date, p_to date) TO service_role;

--
-- Name: FUNCTION grade_history(p_customer_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.grade_history(p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.grade_history(p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.grade_history(p_customer_id uuid) TO service_role;

--
-- Name: FUNCTION ledger_dealers(p_as_of date, p_customer_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.ledger_dealers(p_as_of date, p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.ledger_dealers(p_as_of date, p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.ledger_dealers(p_as_of date, p_customer_id uuid) TO service_role;

--
-- Name: FUNCTION make_contract_effective(p_contract_id uuid, p_effective_on date, p_note text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.make_contract_effective(p_contract_id uuid, p_effective_on date, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.make_contract_effective(p_contract_id uuid, p_effective_on date, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.make_contract_effective(p_contract_id uuid, p_effective_on date, p_note text) TO service_role;

--
-- Name: FUNCTION meeting_save(p_meeting_id uuid, p_area_id uuid, p_kind text, p_held_on date, p_place text, p_agenda text, p_minutes text, p_customer_ids uuid[], p_staff_ids uuid[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.meeting_save(p_meeting_id uuid, p_area_id uuid, p_kind text, p_held_on date, p_place text, p_agenda text, p_minutes text, p_customer_ids uuid[], p_staff_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.meeting_save(p_meeting_id uuid, p_area_id uuid, p_kind text, p_held_on date, p_place text, p_agenda text, p_minutes text, p_customer_ids uuid[], p_staff_ids uuid[]) TO authenticated;
GRANT ALL ON FUNCTION public.meeting_save(p_meeting_id uuid, p_area_id uuid, p_kind text, p_held_on date, p_place text, p_agenda text, p_minutes text, p_customer_ids uuid[], p_staff_ids uuid[]) TO service_role;

--
-- Name: FUNCTION meeting_staff(p_area_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.meeting_staff(p_area_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.meeting_staff(p_area_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.meeting_staff(p_area_id uuid) TO service_role;

--
-- Name: FUNCTION meetings_list(p_from date, p_to date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.meetings_list(p_from date, p_to date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.meetings_list(p_from date, p_to date) TO authenticated;
GRANT ALL ON FUNCTION public.meetings_list(p_from date, p_to date) TO service_role;

--
-- Name: FUNCTION monthly_plan_actual(p_month date, p_area_code text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.monthly_plan_actual(p_month date, p_area_code text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.monthly_plan_actual(p_month date, p_area_code text) TO authenticated;
GRANT ALL ON FUNCTION public.monthly_plan_actual(p_month date, p_area_code text) TO service_role;

--
-- Name: FUNCTION new_contract(p_customer_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.new_contract(p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.new_contract(p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.new_contract(p_customer_id uuid) TO service_role;

--
-- Name: FUNCTION notify_channel_save(p_name text, p_platform text, p_webhook_ref text, p_secret_ref text, p_area_id uuid, p_active boolean, p_channel_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.notify_channel_save(p_name text, p_platform text, p_webhook_ref text, p_secret_ref text, p_area_id uuid, p_active boolean, p_channel_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.notify_channel_save(p_name text, p_platform text, p_webhook_ref text, p_secret_ref text, p_area_id uuid, p_active boolean, p_channel_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.notify_channel_save(p_name text, p_platform text, p_webhook_ref text, p_secret_ref text, p_area_id uuid, p_active boolean, p_channel_id uuid) TO authenticated;

--
-- Name: FUNCTION notify_channels_list(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.notify_channels_list() FROM PUBLIC;
GRANT ALL ON FUNCTION public.notify_channels_list() TO service_role;
GRANT ALL ON FUNCTION public.notify_channels_list() TO authenticated;

--
-- Name: FUNCTION notify_requeue(p_outbox_id bigint); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.notify_requeue(p_outbox_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION public.notify_requeue(p_outbox_id bigint) TO service_role;
GRANT ALL ON FUNCTION public.notify_requeue(p_outbox_id bigint) TO authenticated;

--
-- Name: FUNCTION notify_status(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.notify_status() FROM PUBLIC;
GRANT ALL ON FUNCTION public.notify_status() TO service_role;
GRANT ALL ON FUNCTION public.notify_status() TO authenticated;

--
-- Name: FUNCTION overdue_deliveries(p_as_of date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.overdue_deliveries(p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.overdue_deliveries(p_as_of date) TO authenticated;
GRANT ALL ON FUNCTION public.overdue_deliveries(p_as_of date) TO service_role;

--
-- Name: FUNCTION photo_file(p_photo_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.photo_file(p_photo_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.photo_file(p_photo_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.photo_file(p_photo_id uuid) TO service_role;

--
-- Name: FUNCTION plan_vs_actual(p_week_start date, p_rep_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.plan_vs_actual(p_week_start date, p_rep_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.plan_vs_actual(p_week_start date, p_rep_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.plan_vs_actual(p_week_start date, p_rep_id uuid) TO service_role;

--
-- Name: FUNCTION quadrant_matrix(p_area_id uuid, p_max_points integer, p_max_movers integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.quadrant_matrix(p_area_id uuid, p_max_points integer, p_max_movers integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.quadrant_matrix(p_area_id uuid, p_max_points integer, p_max_movers integer) TO authenticated;
GRANT ALL ON FUNCTION public.quadrant_matrix(p_area_id uuid, p_max_points integer, p_max_movers integer) TO service_role;

--
-- Name: FUNCTION queue_overdue_notifications(p_as_of date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.queue_overdue_notifications(p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.queue_overdue_notifications(p_as_of date) TO service_role;

--
-- Name: FUNCTION receivables_ageing(p_as_of date, p_area_code text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.receivables_ageing(p_as_of date, p_area_code text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.receivables_ageing(p_as_of date, p_area_code text) TO authenticated;
GRANT ALL ON FUNCTION public.receivables_ageing(p_as_of date, p_area_code text) TO service_role;

--
-- Name: FUNCTION receive_order(p_order_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.receive_order(p_order_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.receive_order(p_order_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.receive_order(p_order_id uuid) TO service_role;

--
-- Name: FUNCTION record_conduct_flag(p_customer_id uuid, p_kind text, p_flagged_on date, p_note text, p_photo_ids uuid[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.record_conduct_flag(p_customer_id uuid, p_kind text, p_flagged_on date, p_note text, p_photo_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.record_conduct_flag(p_customer_id uuid, p_kind text, p_flagged_on date, p_note text, p_photo_ids uuid[]) TO authenticated;
GRANT ALL ON FUNCTION public.record_conduct_flag(p_customer_id uuid, p_kind text, p_flagged_on date, p_note text, p_photo_ids uuid[]) TO service_role;

--
-- Name: FUNCTION record_photo_file(p_photo_id uuid, p_mime text, p_size integer, p_sha256 text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.record_photo_file(p_photo_id uuid, p_mime text, p_size integer, p_sha256 text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.record_photo_file(p_photo_id uuid, p_mime text, p_size integer, p_sha256 text) TO authenticated;
GRANT ALL ON FUNCTION public.record_photo_file(p_photo_id uuid, p_mime text, p_size integer, p_sha256 text) TO service_role;

--
-- Name: FUNCTION reject_order(p_order_id uuid, p_reason text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.reject_order(p_order_id uuid, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.reject_order(p_order_id uuid, p_reason text) TO authenticated;
GRANT ALL ON FUNCTION public.reject_order(p_order_id uuid, p_reason text) TO service_role;

--
-- Name: FUNCTION reject_visit_plan(p_plan_id uuid, p_comment text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.reject_visit_plan(p_plan_id uuid, p_comment text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.reject_visit_plan(p_plan_id uuid, p_comment text) TO authenticated;
GRANT ALL ON FUNCTION public.reject_visit_plan(p_plan_id uuid, p_comment text) TO service_role;

--
-- Name: FUNCTION request_elimination(p_customer_id uuid, p_reason text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.request_elimination(p_customer_id uuid, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.request_elimination(p_customer_id uuid, p_reason text) TO authenticated;
GRANT ALL ON FUNCTION public.request_elimination(p_customer_id uuid, p_reason text) TO service_role;

--
-- Name: FUNCTION set_sales_plans(p_customer_id uuid, p_month text, p_lines jsonb, p_schedule text, p_planned_support text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.set_sales_plans(p_customer_id uuid, p_month text, p_lines jsonb, p_schedule text, p_planned_support text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.set_sales_plans(p_customer_id uuid, p_month text, p_lines jsonb, p_schedule text, p_planned_support text) TO authenticated;
GRANT ALL ON FUNCTION public.set_sales_plans(p_customer_id uuid, p_month text, p_lines jsonb, p_schedule text, p_planned_support text) TO service_role;

--
-- Name: FUNCTION set_setting(p_key text, p_value jsonb); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.set_setting(p_key text, p_value jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION public.set_setting(p_key text, p_value jsonb) TO authenticated;
GRANT ALL ON FUNCTION public.set_setting(p_key text, p_value jsonb) TO service_role;

--
-- Name: FUNCTION set_warning_status(p_warning_id uuid, p_status text, p_note text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.set_warning_status(p_warning_id uuid, p_status text, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.set_warning_status(p_warning_id uuid, p_status text, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.set_warning_status(p_warning_id uuid, p_status text, p_note text) TO service_role;

--
-- Name: FUNCTION set_warning_threshold(p_setting_key text, p_value numeric, p_grade text, p_customer_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.set_warning_threshold(p_setting_key text, p_value numeric, p_grade text, p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.set_warning_threshold(p_setting_key text, p_value numeric, p_grade text, p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.set_warning_threshold(p_setting_key text, p_value numeric, p_grade text, p_customer_id uuid) TO service_role;

--
-- Name: FUNCTION setting_catalog(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.setting_catalog() FROM PUBLIC;
GRANT ALL ON FUNCTION public.setting_catalog() TO authenticated;
GRANT ALL ON FUNCTION public.setting_catalog() TO service_role;

--
-- Name: FUNCTION ship_order(p_order_id uuid, p_shipped_on date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.ship_order(p_order_id uuid, p_shipped_on date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.ship_order(p_order_id uuid, p_shipped_on date) TO authenticated;
GRANT ALL ON FUNCTION public.ship_order(p_order_id uuid, p_shipped_on date) TO service_role;

--
-- Name: FUNCTION sign_contract(p_contract_id uuid, p_signed_on date, p_place text, p_note text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.sign_contract(p_contract_id uuid, p_signed_on date, p_place text, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.sign_contract(p_contract_id uuid, p_signed_on date, p_place text, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.sign_contract(p_contract_id uuid, p_signed_on date, p_place text, p_note text) TO service_role;

--
-- Name: FUNCTION submit_contract(p_contract_id uuid, p_note text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.submit_contract(p_contract_id uuid, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.submit_contract(p_contract_id uuid, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.submit_contract(p_contract_id uuid, p_note text) TO service_role;

--
-- Name: FUNCTION submit_evaluation(p_customer_id uuid, p_scores jsonb, p_notes jsonb, p_comment text, p_evaluation_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.submit_evaluation(p_customer_id uuid, p_scores jsonb, p_notes jsonb, p_comment text, p_evaluation_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.submit_evaluation(p_customer_id uuid, p_scores jsonb, p_notes jsonb, p_comment text, p_evaluation_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.submit_evaluation(p_customer_id uuid, p_scores jsonb, p_notes jsonb, p_comment text, p_evaluation_id uuid) TO service_role;

--
-- Name: FUNCTION submit_visit_plan(p_plan_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.submit_visit_plan(p_plan_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.submit_visit_plan(p_plan_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.submit_visit_plan(p_plan_id uuid) TO service_role;

--
-- Name: FUNCTION sync_pull(p_since bigint, p_limit integer, p_after text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.sync_pull(p_since bigint, p_limit integer, p_after text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.sync_pull(p_since bigint, p_limit integer, p_after text) TO authenticated;
GRANT ALL ON FUNCTION public.sync_pull(p_since bigint, p_limit integer, p_after text) TO service_role;

--
-- Name: FUNCTION sync_push(p_client_id uuid, p_mutations jsonb); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.sync_push(p_client_id uuid, p_mutations jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION public.sync_push(p_client_id uuid, p_mutations jsonb) TO authenticated;
GRANT ALL ON FUNCTION public.sync_push(p_client_id uuid, p_mutations jsonb) TO service_role;

--
-- Name: FUNCTION terminate_contract(p_contract_id uuid, p_note text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.terminate_contract(p_contract_id uuid, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.terminate_contract(p_contract_id uuid, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.terminate_contract(p_contract_id uuid, p_note text) TO service_role;

--
-- Name: FUNCTION todays_route(p_day date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.todays_route(p_day date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.todays_route(p_day date) TO authenticated;
GRANT ALL ON FUNCTION public.todays_route(p_day date) TO service_role;

--
-- Name: FUNCTION warning_acknowledge(p_warning_id uuid, p_note text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.warning_acknowledge(p_warning_id uuid, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.warning_acknowledge(p_warning_id uuid, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.warning_acknowledge(p_warning_id uuid, p_note text) TO service_role;

--
-- Name: FUNCTION warning_add_note(p_warning_id uuid, p_note text, p_photo_ids uuid[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.warning_add_note(p_warning_id uuid, p_note text, p_photo_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.warning_add_note(p_warning_id uuid, p_note text, p_photo_ids uuid[]) TO authenticated;
GRANT ALL ON FUNCTION public.warning_add_note(p_warning_id uuid, p_note text, p_photo_ids uuid[]) TO service_role;

--
-- Name: FUNCTION warning_assign(p_warning_id uuid, p_owner_id uuid, p_note text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.warning_assign(p_warning_id uuid, p_owner_id uuid, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.warning_assign(p_warning_id uuid, p_owner_id uuid, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.warning_assign(p_warning_id uuid, p_owner_id uuid, p_note text) TO service_role;

--
-- Name: FUNCTION warning_desk(p_as_of date, p_lang text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.warning_desk(p_as_of date, p_lang text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.warning_desk(p_as_of date, p_lang text) TO authenticated;
GRANT ALL ON FUNCTION public.warning_desk(p_as_of date, p_lang text) TO service_role;

--
-- Name: FUNCTION warning_detail(p_warning_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.warning_detail(p_warning_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.warning_detail(p_warning_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.warning_detail(p_warning_id uuid) TO service_role;

--
-- Name: FUNCTION warning_message(p_kind text, p_figures jsonb, p_lang text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.warning_message(p_kind text, p_figures jsonb, p_lang text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.warning_message(p_kind text, p_figures jsonb, p_lang text) TO authenticated;
GRANT ALL ON FUNCTION public.warning_message(p_kind text, p_figures jsonb, p_lang text) TO service_role;

--
-- Name: FUNCTION warning_resolve(p_warning_id uuid, p_category text, p_note text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.warning_resolve(p_warning_id uuid, p_category text, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.warning_resolve(p_warning_id uuid, p_category text, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.warning_resolve(p_warning_id uuid, p_category text, p_note text) TO service_role;

--
-- Name: FUNCTION warning_staff(p_warning_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.warning_staff(p_warning_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.warning_staff(p_warning_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.warning_staff(p_warning_id uuid) TO service_role;

--
-- Name: FUNCTION whoami(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.whoami() FROM PUBLIC;
GRANT ALL ON FUNCTION public.whoami() TO authenticated;
GRANT ALL ON FUNCTION public.whoami() TO service_role;

--
-- Name: FUNCTION withdraw_elimination(p_elimination_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.withdraw_elimination(p_elimination_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.withdraw_elimination(p_elimination_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.withdraw_elimination(p_elimination_id uuid) TO service_role;

--
-- Name: FUNCTION withdraw_visit_plan(p_plan_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.withdraw_visit_plan(p_plan_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.withdraw_visit_plan(p_plan_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.withdraw_visit_plan(p_plan_id uuid) TO service_role;

--
-- Name: TABLE sync_tables; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT ON TABLE private.sync_tables TO authenticated;

--
-- Name: TABLE customer_classification_moves; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.customer_classification_moves TO authenticated;
GRANT ALL ON TABLE public.customer_classification_moves TO service_role;

--
-- Name: SEQUENCE sync_revocations_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON SEQUENCE public.sync_revocations_id_seq TO anon;
GRANT ALL ON SEQUENCE public.sync_revocations_id_seq TO authenticated;
GRANT ALL ON SEQUENCE public.sync_revocations_id_seq TO service_role;

--
-- Name: DEFAULT PRIVILEGES FOR SEQUENCES; Type: DEFAULT ACL; Schema: public; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON SEQUENCES TO anon;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON SEQUENCES TO authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON SEQUENCES TO service_role;

--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: public; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON FUNCTIONS TO anon;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON FUNCTIONS TO authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON FUNCTIONS TO service_role;

--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: public; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT SELECT,INSERT,DELETE,UPDATE ON TABLES TO authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON TABLES TO service_role;
