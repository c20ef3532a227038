-- The dealer ledger: contract workflow and template, contracts needing attention, the monthly
-- ledger (purchases, payments, credits, balance against the credit limit, plan progress, year to
-- date, same period last year) with line drill-down, down-the-chain outlets and numeric
-- distribution, and the set-based figures behind the monthly report.
-- Sections: 1 settings, 2 contract guard and history, 3 contract RPCs, 4 attention list,
-- 5 ledger, 6 down the chain, 7 report figures, 8 grants.
--
-- Definitions follow docs/warnings.md: a purchase is a live shipment line where the customer is
-- the buyer (any seller); the receivable balance = purchases sold by the manufacturer
-- (seller_id is null) − payments − returns/credit notes accepted or completed (on decided_on).
-- Ledger functions are security invoker: RLS decides what the caller sees. Called by the service
-- side (current_user not an API role) they see everything.

-- 1 settings ------------------------------------------------------------------------------------

insert into public.settings (key, value, description) values
  ('company.logo', to_jsonb('data:image/svg+xml;utf8,' ||
     '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">' ||
     '<circle cx="32" cy="32" r="30" fill="#b3202a"/>' ||
     '<path d="M18 40 Q32 12 46 40 Z" fill="#fff"/>' ||
     '<rect x="17" y="42" width="30" height="5" rx="2" fill="#fff"/></svg>'),
   'Company logo on contracts and reports (a data URI or an https URL)'),
  ('company.address', '"上海市闵行区莘庄工业区申富路588号"', 'Company address (party A on contracts)'),
  ('company.phone', '"021-64881234"', 'Company phone (party A on contracts)'),
  ('company.legal_rep', '"陈国华"', 'Company legal representative (party A on contracts)'),
  ('company.bank', '"中国工商银行上海莘庄支行"', 'Company bank (party A on contracts)'),
  ('company.account', '"1001234509876543210"', 'Company bank account (party A on contracts)'),
  ('company.tax_id', '"91310112MA1G8K2Q7X"', 'Company tax id (party A on contracts)'),
  ('contract.template', jsonb_build_object(
     'quality_terms', '产品符合国家食品安全标准及甲方企业标准，每批附出厂检验报告；保质期内非人为质量问题由甲方负责退换',
     'delivery_time', '乙方订单确认后3个工作日内送达',
     'transport_mode', '公路运输，甲方安排物流配送',
     'freight_paid_by', 'supplier',
     'acceptance_terms', '货到当场清点数量、检查外包装；质量异议须在收货后7日内书面提出，逾期视为验收合格',
     'rights_level', 'general',
     'settlement_method', '月结，每月10日前银行转账结清上月货款',
     'rebate_pct', 2,
     'annual_bonus', '全年完成销售目标100%以上按回款额1%奖励，120%以上按1.5%奖励',
     'promotion_support', '每季度一次终端促销活动，费用甲方承担60%',
     'advertising_support', '提供门头广告、POP物料、陈列道具',
     'staff_support', '甲方派驻业务员1名，协助终端开发、理货及库存盘点',
     'ordering_terms', '每月25日前提交下月订货计划，单次订货不少于50箱',
     'return_terms', '质量问题及临期（剩余保质期不足1/3）产品可退换；非质量问题原则上不予退货',
     'breach_liability', '任何一方违约应赔偿对方因此造成的损失；乙方跨区域销售（窜货）或低价倾销的，甲方有权取消返利直至解除合同',
     'dispute_resolution', '双方协商解决；协商不成的，提交甲方所在地人民法院诉讼解决',
     'term_months', 12),
   'Standard clauses a new contract starts from (sections ②–⑨, term in months)'),
  ('contract.expiring_days', '60', 'Contracts ending within this many days need attention')
on conflict (key) do nothing;

-- 2 contract guard and history -----------------------------------------------------------------
-- Workflow: draft → in_review → signed → effective → expired | terminated; in_review → draft
-- (sent back); draft, in_review, signed → terminated (cancelled). Only a draft's content changes;
-- after that only the custodian may change, and the step's own fields (signing, effective date).
-- Only a manager signs. These rules hold for every API write, whether through the RPCs below or
-- a direct REST update; the service side (importer) is trusted.

create or replace function private.contract_step_allowed(p_from text, p_to text) returns boolean
language sql immutable set search_path = ''
as $$
  select (p_from, p_to) in (('draft', 'in_review'), ('in_review', 'draft'),
    ('in_review', 'signed'), ('signed', 'effective'), ('effective', 'expired'),
    ('effective', 'terminated'), ('draft', 'terminated'), ('in_review', 'terminated'),
    ('signed', 'terminated'))
$$;

create or replace function private.guard_contract() returns trigger
language plpgsql set search_path = ''
as $$
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

create trigger contracts_guard
  before insert or update or delete on public.contracts
  for each row execute function private.guard_contract();

-- Lines change only while their contract is a draft (through the API).
create or replace function private.guard_contract_line() returns trigger
language plpgsql set search_path = ''
as $$
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

create trigger contract_lines_guard
  before insert or update or delete on public.contract_lines
  for each row execute function private.guard_contract_line();

-- Every creation and status change is recorded (who, when, an optional note from the RPC),
-- whoever writes it. When a new version becomes effective the one it amends ends.
create or replace function private.record_contract_event() returns trigger
language plpgsql security definer set search_path = ''
as $$
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

create trigger contracts_record_event
  after insert or update of status on public.contracts
  for each row execute function private.record_contract_event();

-- 3 contract RPCs -------------------------------------------------------------------------------

create or replace function private.contract_or_raise(p_contract_id uuid) returns public.contracts
language plpgsql stable set search_path = ''
as $$
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

-- One step of the workflow. p_date: the signing date (signed, default today) or the effective
-- date (effective, default the later of the signing date and the term start); p_place: where
-- it was signed.
create or replace function public.advance_contract(
  p_contract_id uuid, p_status text, p_note text default null, p_date date default null,
  p_place text default null)
returns public.contracts
language plpgsql security invoker set search_path = ''
as $$
declare
  v_row public.contracts;
begin
  perform private.require_caller();
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
         signed_on = case when p_status = 'signed' then coalesce(p_date, current_date)
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

create or replace function public.submit_contract(p_contract_id uuid, p_note text default null)
returns public.contracts language sql security invoker set search_path = ''
as $$ select public.advance_contract(p_contract_id, 'in_review', p_note) $$;

create or replace function public.sign_contract(
  p_contract_id uuid, p_signed_on date default null, p_place text default null,
  p_note text default null)
returns public.contracts language sql security invoker set search_path = ''
as $$ select public.advance_contract(p_contract_id, 'signed', p_note, p_signed_on, p_place) $$;

create or replace function public.make_contract_effective(
  p_contract_id uuid, p_effective_on date default null, p_note text default null)
returns public.contracts language sql security invoker set search_path = ''
as $$ select public.advance_contract(p_contract_id, 'effective', p_note, p_effective_on) $$;

create or replace function public.terminate_contract(p_contract_id uuid, p_note text)
returns public.contracts language sql security invoker set search_path = ''
as $$ select public.advance_contract(p_contract_id, 'terminated', p_note) $$;

-- Effective contracts whose term ended before p_as_of become expired (managers, service side).
create or replace function public.expire_contracts(p_as_of date default current_date)
returns integer
language plpgsql security invoker set search_path = ''
as $$
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

-- A number that is free: HT<year>-<customer code>[-<n>]
create or replace function private.next_contract_no(p_code text, p_year int) returns text
language plpgsql stable set search_path = ''
as $$
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

-- A new draft from the template: party A from the company settings, party B from the customer,
-- the standard clauses, a one-year term from the first of next month, and goods lines for the
-- products the customer bought from us in the last 12 months (their planned or bought
-- quantity at list price). The caller becomes the custodian.
create or replace function public.new_contract(p_customer_id uuid)
returns public.contracts
language plpgsql security invoker set search_path = ''
as $$
declare
  who uuid := private.require_caller();
  cust public.customers;
  t jsonb;
  s jsonb;
  start date := (date_trunc('month', current_date) + interval '1 month')::date;
  v_row public.contracts;
begin
  if p_customer_id is null then
    raise exception 'p_customer_id is required' using errcode = '22023', detail = '缺少客户编号';
  end if;
  if (select private.my_role()) <> 'manager' then
    perform private.deny('only a manager drafts contracts', '只有销售经理可以起草合同');
  end if;
  select * into cust from public.customers c where c.id = p_customer_id and c.deleted_at is null;
  if not found then
    raise exception 'customer % not found', p_customer_id using errcode = 'P0002',
      detail = '找不到该客户';
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
             and sh.shipped_on > current_date - interval '1 year'
           group by sh.product_id) b
    join public.products pr on pr.id = b.product_id;
  return v_row;
end
$$;

-- Amend an effective (or signed) contract: a copy as a new draft, version + 1, pointing back.
create or replace function public.amend_contract(p_contract_id uuid)
returns public.contracts
language plpgsql security invoker set search_path = ''
as $$
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
$$;

-- 4 contracts needing attention -------------------------------------------------------------------
-- Customers with business (purchases from us in the 12 months up to p_as_of) and no effective
-- contract covering p_as_of, and effective contracts ending within p_days.

create or replace function public.contracts_needing_attention(
  p_as_of date default current_date, p_days integer default null)
returns table (customer_id uuid, customer_code text, customer_name text, area_id uuid,
               reason text, contract_id uuid, contract_no text, status text, term_end date,
               days_left integer, purchases_12m numeric)
language plpgsql stable security invoker set search_path = ''
as $$
#variable_conflict use_column
declare
  v_days integer;
begin
  if current_user in ('authenticated', 'anon') then
    perform private.require_caller();
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

-- 5 the ledger ----------------------------------------------------------------------------------

-- The customer a ledger is about, if the caller may see it (staff by visibility, a dealer its
-- own company, the service side everything): its code, name and credit limit.
create or replace function private.ledger_customer(p_customer_id uuid)
returns table (id uuid, code text, name text, credit_limit numeric, area_id uuid, tier smallint)
language plpgsql stable security definer set search_path = ''
as $$
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

create or replace function public.dealer_ledger(p_customer_id uuid, p_year integer)
returns table (
  month date, purchases numeric, purchase_lines integer, purchase_quantity numeric,
  billed numeric, payments numeric, credits numeric, opening_balance numeric,
  closing_balance numeric, credit_limit numeric, over_limit numeric, plan_amount numeric,
  plan_quantity numeric, progress_pct numeric, ytd_purchases numeric, ytd_plan numeric,
  ytd_progress_pct numeric, last_year_purchases numeric, last_year_ytd numeric,
  yoy_pct numeric)
language plpgsql stable security invoker set search_path = ''
as $$
#variable_conflict use_column
declare
  cu record;
  y0 date;
  opening numeric;
begin
  if p_year is null or p_year < 2000 or p_year > 2100 then
    raise exception 'p_year must be between 2000 and 2100' using errcode = '22023',
      detail = '年份须在2000到2100之间';
  end if;
  select * into cu from private.ledger_customer(p_customer_id);
  y0 := make_date(p_year, 1, 1);
  opening := coalesce((select sum(s.amount) from public.shipments s
                        where s.customer_id = cu.id and s.seller_id is null
                          and s.deleted_at is null and s.shipped_on < y0), 0)
           - coalesce((select sum(p.amount) from public.payments p
                        where p.customer_id = cu.id and p.deleted_at is null and p.paid_on < y0), 0)
           - coalesce((select sum(r.amount) from public.returns r
                        where r.customer_id = cu.id and r.deleted_at is null
                          and r.kind in ('return', 'credit_note')
                          and r.status in ('accepted', 'completed') and r.decided_on < y0), 0);
  return query
  with m as (
    select g::date as m from generate_series(y0, make_date(p_year, 12, 1), interval '1 month') g
  ), sh as (
    select date_trunc('month', s.shipped_on)::date as m, sum(s.amount) as amt,
           count(*)::int as n, sum(s.quantity) as qty,
           coalesce(sum(s.amount) filter (where s.seller_id is null), 0) as billed
      from public.shipments s
     where s.customer_id = cu.id and s.deleted_at is null
       and s.shipped_on >= y0 - interval '1 year' and s.shipped_on < y0 + interval '1 year'
     group by 1
  ), pa as (
    select date_trunc('month', p.paid_on)::date as m, sum(p.amount) as amt
      from public.payments p
     where p.customer_id = cu.id and p.deleted_at is null
       and p.paid_on >= y0 and p.paid_on < y0 + interval '1 year'
     group by 1
  ), cr as (
    select date_trunc('month', r.decided_on)::date as m, sum(r.amount) as amt
      from public.returns r
     where r.customer_id = cu.id and r.deleted_at is null and r.kind in ('return', 'credit_note')
       and r.status in ('accepted', 'completed')
       and r.decided_on >= y0 and r.decided_on < y0 + interval '1 year'
     group by 1
  ), pl as (
    select p.month as m, sum(p.amount) as amt, sum(p.quantity) as qty
      from public.sales_plans p
     where p.customer_id = cu.id and p.deleted_at is null
       and p.month >= y0 and p.month < y0 + interval '1 year'
     group by 1
  ), mrows as (
    select m.m, coalesce(sh.amt, 0) as purchases, coalesce(sh.n, 0) as lines,
           coalesce(sh.qty, 0) as qty, coalesce(sh.billed, 0) as billed,
           coalesce(pa.amt, 0) as paid, coalesce(cr.amt, 0) as credited,
           pl.amt as plan_amt, pl.qty as plan_qty, coalesce(ly.amt, 0) as ly
      from m
      left join sh on sh.m = m.m
      left join sh ly on ly.m = (m.m - interval '1 year')::date
      left join pa on pa.m = m.m
      left join cr on cr.m = m.m
      left join pl on pl.m = m.m
  ), run as (
    select r.*,
           opening + sum(r.billed - r.paid - r.credited) over w as closing,
           sum(r.purchases) over w as ytd, sum(coalesce(r.plan_amt, 0)) over w as ytd_plan,
           sum(r.ly) over w as ly_ytd
      from mrows r
    window w as (order by r.m rows between unbounded preceding and current row)
  )
  select r.m, r.purchases, r.lines, r.qty, r.billed, r.paid, r.credited,
         r.closing - (r.billed - r.paid - r.credited), r.closing, cu.credit_limit,
         greatest(r.closing - cu.credit_limit, 0), r.plan_amt, r.plan_qty,
         round(100 * r.purchases / nullif(r.plan_amt, 0), 1), r.ytd, r.ytd_plan,
         round(100 * r.ytd / nullif(r.ytd_plan, 0), 1), r.ly, r.ly_ytd,
         round(100 * r.purchases / nullif(r.ly, 0), 1)
    from run r order by r.m;
end
$$;

-- The lines behind one month of the ledger: purchases, payments and credits, with their
-- effect on the receivable balance.
create or replace function public.dealer_ledger_lines(p_customer_id uuid, p_month date)
returns table (
  kind text, on_date date, reference text, line_no integer, sku text, product_name text,
  spec text, quantity numeric, unit_price numeric, amount numeric, balance_effect numeric,
  settlement_status text, seller_code text, status text)
language plpgsql stable security invoker set search_path = ''
as $$
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

-- 6 down the chain ------------------------------------------------------------------------------

create or replace function private.chain_window(p_days integer, p_as_of date) returns void
language plpgsql immutable set search_path = ''
as $$
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

-- The tier-2/3 outlets under a dealer (all levels) with their orders and purchases in the
-- p_days up to p_as_of, their last visit and their last stock count per SKU.
create or replace function public.dealer_outlets(
  p_customer_id uuid, p_days integer default 90, p_as_of date default current_date)
returns table (
  customer_id uuid, code text, name text, tier smallint, parent_code text, status text,
  orders integer, order_amount numeric, purchases numeric, last_order_on date,
  last_visit_at timestamptz, last_count_at timestamptz, skus_in_stock integer, stock jsonb)
language plpgsql stable security invoker set search_path = ''
as $$
#variable_conflict use_column
declare
  cu record;
begin
  perform private.chain_window(p_days, p_as_of);
  select * into cu from private.ledger_customer(p_customer_id);
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
       and sc.counted_at < p_as_of + 1
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
       and v.status <> 'cancelled' and v.checkin_at < p_as_of + 1
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

-- Numeric distribution: of the dealer's active outlets, how many carry each SKU — a stock count
-- above zero, or an order or purchase of it, in the p_days up to p_as_of.
create or replace function public.dealer_distribution(
  p_customer_id uuid, p_days integer default 90, p_as_of date default current_date)
returns table (
  product_id uuid, sku text, product_name text, outlets integer, carrying integer,
  by_stock integer, by_orders integer, distribution_pct numeric)
language plpgsql stable security invoker set search_path = ''
as $$
#variable_conflict use_column
declare
  cu record;
begin
  perform private.chain_window(p_days, p_as_of);
  select * into cu from private.ledger_customer(p_customer_id);
  return query
  with recursive chain as (
    select c.id from public.customers c
     where c.parent_id = cu.id and c.deleted_at is null
    union
    select c.id from public.customers c join chain ch on c.parent_id = ch.id
     where c.deleted_at is null
  ), active as (
    select c.id from public.customers c join chain ch on ch.id = c.id
     where c.status in ('active', 'suspended')
  ), seen as (
    select sc.customer_id, sc.product_id, 's'::text as via from public.stock_counts sc
     where sc.customer_id in (select id from active) and sc.deleted_at is null
       and sc.quantity > 0 and sc.counted_at >= p_as_of - p_days + 1 and sc.counted_at < p_as_of + 1
    union
    select o.customer_id, l.product_id, 'o' from public.orders o
      join public.order_lines l on l.order_id = o.id and l.deleted_at is null
     where o.customer_id in (select id from active) and o.deleted_at is null
       and o.status <> 'cancelled' and o.ordered_on > p_as_of - p_days and o.ordered_on <= p_as_of
    union
    select s.customer_id, s.product_id, 'o' from public.shipments s
     where s.customer_id in (select id from active) and s.deleted_at is null
       and s.shipped_on > p_as_of - p_days and s.shipped_on <= p_as_of
  ), total as (select count(*)::int as n from active)
  select pr.id, pr.sku, pr.name, t.n,
         count(distinct se.customer_id)::int,
         count(distinct se.customer_id) filter (where se.via = 's')::int,
         count(distinct se.customer_id) filter (where se.via = 'o')::int,
         round(100.0 * count(distinct se.customer_id) / nullif(t.n, 0), 1)
    from public.products pr
    cross join total t
    left join seen se on se.product_id = pr.id
   where pr.deleted_at is null and (pr.active or se.customer_id is not null)
   group by pr.id, pr.sku, pr.name, t.n
   order by 5 desc, pr.sku;
end
$$;

-- 7 report figures (set-based; the monthly report reads these) -----------------------------------

-- The customers in scope: visible to the caller, in an area (and the areas below it) when given.
create or replace function private.report_customers(p_area_code text)
returns table (id uuid)
language plpgsql stable security invoker set search_path = ''
as $$
#variable_conflict use_column
declare
  v_area uuid;
begin
  if current_user in ('authenticated', 'anon') then
    perform private.require_caller();
  end if;
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
   where c.deleted_at is null and (v_area is null or c.area_id in (select t.id from tree t));
end
$$;

-- Plan against actual by dealer (tier 1) and SKU for one month: the month, year to date and the
-- same periods last year. Purchases of a SKU without a plan are listed too.
create or replace function public.monthly_plan_actual(p_month date, p_area_code text default null)
returns table (
  customer_id uuid, customer_code text, customer_name text, area_code text, product_id uuid,
  sku text, product_name text, spec text, plan_quantity numeric, plan_amount numeric,
  actual_quantity numeric, actual_amount numeric, progress_pct numeric, ytd_plan numeric,
  ytd_actual numeric, ytd_progress_pct numeric, last_year_amount numeric,
  last_year_ytd numeric)
language plpgsql stable security invoker set search_path = ''
as $$
#variable_conflict use_column
declare
  m0 date;
  y0 date;
begin
  if p_month is null then
    raise exception 'p_month is required' using errcode = '22023', detail = '缺少月份';
  end if;
  m0 := date_trunc('month', p_month)::date;
  y0 := date_trunc('year', m0)::date;
  return query
  with scope as (
    select c.id, c.code, c.name, a.code as area_code from public.customers c
      join public.areas a on a.id = c.area_id
     where c.tier = 1 and c.id in (select r.id from private.report_customers(p_area_code) r)
  ), pl as (
    select p.customer_id, p.product_id,
           sum(p.quantity) filter (where p.month = m0) as q,
           sum(p.amount) filter (where p.month = m0) as amt,
           sum(p.amount) as ytd
      from public.sales_plans p
     where p.customer_id in (select id from scope) and p.deleted_at is null
       and p.month >= y0 and p.month <= m0
     group by 1, 2
  ), sh as (
    select s.customer_id, s.product_id,
           coalesce(sum(s.quantity) filter (where s.shipped_on >= m0), 0) as q,
           coalesce(sum(s.amount) filter (where s.shipped_on >= m0), 0) as amt,
           coalesce(sum(s.amount) filter (where s.shipped_on >= y0), 0) as ytd,
           coalesce(sum(s.amount) filter (where s.shipped_on < y0
             and s.shipped_on >= (m0 - interval '1 year')::date), 0) as ly,
           coalesce(sum(s.amount) filter (where s.shipped_on < y0), 0) as ly_ytd
      from public.shipments s
     where s.customer_id in (select id from scope) and s.deleted_at is null
       and ((s.shipped_on >= y0 and s.shipped_on < m0 + interval '1 month')
         or (s.shipped_on >= y0 - interval '1 year'
             and s.shipped_on < (m0 - interval '1 year') + interval '1 month'))
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

-- Receivables ageing as of a date: the balance (as in the ledger) split over the open
-- shipments, payments and credits applied oldest first (FIFO by shipment date), by age.
create or replace function public.receivables_ageing(p_as_of date, p_area_code text default null)
returns table (
  customer_id uuid, customer_code text, customer_name text, area_code text, tier smallint,
  credit_limit numeric, balance numeric, days_0_30 numeric, days_31_60 numeric,
  days_61_90 numeric, days_over_90 numeric, over_limit numeric, oldest_open date)
language plpgsql stable security invoker set search_path = ''
as $$
#variable_conflict use_column
begin
  if p_as_of is null then
    raise exception 'p_as_of is required' using errcode = '22023', detail = '缺少日期';
  end if;
  return query
  with scope as (select r.id from private.report_customers(p_area_code) r),
  paid as (
    select x.customer_id, sum(x.amt) as amt from (
      select p.customer_id, p.amount as amt from public.payments p
       where p.deleted_at is null and p.paid_on <= p_as_of
         and p.customer_id in (select id from scope)
      union all
      select r.customer_id, r.amount from public.returns r
       where r.deleted_at is null and r.kind in ('return', 'credit_note')
         and r.status in ('accepted', 'completed') and r.decided_on <= p_as_of
         and r.customer_id in (select id from scope)) x
    group by 1
  ), lines as (
    select s.customer_id, s.shipped_on, s.amount,
           sum(s.amount) over (partition by s.customer_id order by s.shipped_on, s.doc_no,
                               s.line_no) as cum
      from public.shipments s
     where s.seller_id is null and s.deleted_at is null and s.shipped_on <= p_as_of
       and s.customer_id in (select id from scope)
  ), openl as (
    select l.customer_id, l.shipped_on,
           greatest(0, least(l.amount, l.cum - coalesce(p.amt, 0))) as open_amt
      from lines l left join paid p on p.customer_id = l.customer_id
  ), agg as (
    select o.customer_id,
           sum(o.open_amt) filter (where p_as_of - o.shipped_on <= 30) as d30,
           sum(o.open_amt) filter (where p_as_of - o.shipped_on between 31 and 60) as d60,
           sum(o.open_amt) filter (where p_as_of - o.shipped_on between 61 and 90) as d90,
           sum(o.open_amt) filter (where p_as_of - o.shipped_on > 90) as dmore,
           min(o.shipped_on) filter (where o.open_amt > 0) as oldest,
           sum(o.open_amt) as total
      from openl o group by 1
  ), bal as (
    select coalesce(b.customer_id, p.customer_id) as customer_id,
           coalesce(b.billed, 0) - coalesce(p.amt, 0) as balance
      from (select l.customer_id, max(l.cum) as billed from lines l group by 1) b
      full join paid p on p.customer_id = b.customer_id
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

-- Expenses against budget for a month: every live budget whose period overlaps the month
-- (spent in the month, and in the period up to the month's end), and customers who spent in
-- the month without a budget.
create or replace function public.expenses_vs_budget(p_month date, p_area_code text default null)
returns table (
  customer_id uuid, customer_code text, customer_name text, area_code text,
  period_start date, period_end date, budget numeric, spent_month numeric,
  spent_period numeric, remaining numeric, used_pct numeric)
language plpgsql stable security invoker set search_path = ''
as $$
#variable_conflict use_column
declare
  m0 date;
  m1 date;
begin
  if p_month is null then
    raise exception 'p_month is required' using errcode = '22023', detail = '缺少月份';
  end if;
  m0 := date_trunc('month', p_month)::date;
  m1 := (m0 + interval '1 month' - interval '1 day')::date;
  return query
  with scope as (select r.id from private.report_customers(p_area_code) r),
  b as (
    select eb.customer_id, eb.period_start, eb.period_end, eb.amount
      from public.expense_budgets eb
     where eb.deleted_at is null and eb.period_start <= m1 and eb.period_end >= m0
       and eb.customer_id in (select id from scope)
  ), e as (
    select x.customer_id, x.spent_on, x.amount from public.expenses x
     where x.deleted_at is null and x.customer_id in (select id from scope)
       and x.spent_on <= m1
       and x.spent_on >= least(m0, coalesce((select min(b.period_start) from b), m0))
  ), mrows as (
    select b.customer_id, b.period_start, b.period_end, b.amount as budget,
           coalesce((select sum(e.amount) from e where e.customer_id = b.customer_id
                      and e.spent_on between greatest(m0, b.period_start)
                                         and least(m1, b.period_end)), 0) as sm,
           coalesce((select sum(e.amount) from e where e.customer_id = b.customer_id
                      and e.spent_on between b.period_start and least(m1, b.period_end)), 0) as sp
      from b
    union all
    select e.customer_id, null, null, null, sum(e.amount), sum(e.amount)
      from e
     where e.spent_on >= m0 and not exists (select from b where b.customer_id = e.customer_id)
     group by e.customer_id
  )
  select c.id, c.code, c.name, a.code, r.period_start, r.period_end, r.budget, r.sm, r.sp,
         r.budget - r.sp, round(100 * r.sp / nullif(r.budget, 0), 1)
    from mrows r join public.customers c on c.id = r.customer_id
    join public.areas a on a.id = c.area_id
   order by a.code, c.code, r.period_start nulls last;
end
$$;

-- 8 grants --------------------------------------------------------------------------------------

revoke all on function private.contract_step_allowed(text, text), private.guard_contract(),
  private.guard_contract_line(), private.record_contract_event(),
  private.contract_or_raise(uuid), private.next_contract_no(text, integer),
  private.ledger_customer(uuid), private.chain_window(integer, date),
  private.report_customers(text) from public;
grant execute on function private.contract_step_allowed(text, text), private.guard_contract(),
  private.guard_contract_line(), private.record_contract_event(),
  private.contract_or_raise(uuid), private.next_contract_no(text, integer),
  private.ledger_customer(uuid), private.chain_window(integer, date),
  private.report_customers(text) to authenticated, service_role;

revoke all on function public.advance_contract(uuid, text, text, date, text),
  public.submit_contract(uuid, text), public.sign_contract(uuid, date, text, text),
  public.make_contract_effective(uuid, date, text), public.terminate_contract(uuid, text),
  public.expire_contracts(date), public.new_contract(uuid), public.amend_contract(uuid),
  public.contracts_needing_attention(date, integer), public.dealer_ledger(uuid, integer),
  public.dealer_ledger_lines(uuid, date), public.dealer_outlets(uuid, integer, date),
  public.dealer_distribution(uuid, integer, date), public.monthly_plan_actual(date, text),
  public.receivables_ageing(date, text), public.expenses_vs_budget(date, text)
  from public, anon;
grant execute on function public.advance_contract(uuid, text, text, date, text),
  public.submit_contract(uuid, text), public.sign_contract(uuid, date, text, text),
  public.make_contract_effective(uuid, date, text), public.terminate_contract(uuid, text),
  public.expire_contracts(date), public.new_contract(uuid), public.amend_contract(uuid),
  public.contracts_needing_attention(date, integer), public.dealer_ledger(uuid, integer),
  public.dealer_ledger_lines(uuid, date), public.dealer_outlets(uuid, integer, date),
  public.dealer_distribution(uuid, integer, date), public.monthly_plan_actual(date, text),
  public.receivables_ageing(date, text), public.expenses_vs_budget(date, text)
  to authenticated, service_role;

-- Contract history is written only by the workflow's trigger: nobody can forge a step.
drop policy "Managers can record contract events" on public.contract_events;
revoke insert, update, delete on public.contract_events from authenticated;
