-- FieldSales domain schema: the whole product of PRODUCT.md, designed once.
-- Sections: 1 helpers, 2 organisation, 3 customer network, 4 products and contracts,
-- 5 plans and sales records, 6 field work, 7 support, expenses and after-sales,
-- 8 evaluation and warnings, 9 settings, 10 row level security.
-- Plain PostgreSQL 15+ with plpgsql only. Ids are uuids that a phone may generate itself.
-- Money is numeric(14,2) in CNY; quantities are numeric(14,3) in the product's unit.

-- 1 helpers -----------------------------------------------------------------------------------

create schema if not exists private;
revoke all on schema private from public;

create or replace function private.touch_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

-- 2 organisation --------------------------------------------------------------------------------

create table public.areas (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[A-Za-z0-9_.-]{1,32}$'),
  name text not null check (length(btrim(name)) between 1 and 100),
  parent_id uuid references public.areas (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  check (parent_id is distinct from id)
);
create index areas_parent_id_idx on public.areas (parent_id);

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text not null unique check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  full_name text not null check (length(btrim(full_name)) between 1 and 100),
  role text not null check (role in ('rep', 'area_manager', 'manager', 'dealer')),
  area_id uuid references public.areas (id),
  customer_id uuid, -- a dealer's own company; foreign key added below
  phone text check (phone ~ '^[0-9+() -]{5,20}$'),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (role not in ('rep', 'area_manager') or area_id is not null),
  check ((role = 'dealer') = (customer_id is not null))
);
create index profiles_area_id_idx on public.profiles (area_id);
create index profiles_customer_id_idx on public.profiles (customer_id);

-- 3 customer network ---------------------------------------------------------------------------

create table public.customers (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[A-Za-z0-9_.-]{1,32}$'),
  name text not null check (length(btrim(name)) between 1 and 200),
  tier smallint not null check (tier in (1, 2, 3)),
  parent_id uuid references public.customers (id),
  owner_id uuid references public.profiles (id),
  area_id uuid not null references public.areas (id),
  status text not null default 'active'
    check (status in ('prospect', 'active', 'suspended', 'eliminated')),
  address text,
  lat double precision check (lat between -90 and 90),
  lng double precision check (lng between -180 and 180),
  contact_name text,
  phone text check (phone ~ '^[0-9+() -]{5,20}$'),
  credit_limit numeric(14, 2) not null default 0 check (credit_limit >= 0),
  payment_terms_days integer not null default 30 check (payment_terms_days between 0 and 365),
  -- business profile (the evaluation list of the source document)
  sub_distributor_count integer check (sub_distributor_count >= 0),
  coverage text,
  capital_10k numeric(12, 2) check (capital_10k >= 0),
  hot_brands text[] not null default '{}',
  warehouse_m2 numeric(10, 1) check (warehouse_m2 >= 0),
  vehicles integer check (vehicles >= 0),
  staff integer check (staff >= 0),
  management_flexibility smallint check (management_flexibility between 1 and 5),
  exclusive boolean not null default false,
  -- set by classification and evaluation, never by a rep
  grade char(1) check (grade in ('A', 'B', 'C', 'D')),
  quadrant text check (quadrant in ('core', 'dangerous', 'cultivate', 'eliminate')),
  since date,
  created_by uuid references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  check ((tier = 1) = (parent_id is null)),
  check ((lat is null) = (lng is null)),
  check (parent_id is distinct from id)
);
create index customers_parent_id_idx on public.customers (parent_id);
create index customers_owner_id_idx on public.customers (owner_id);
create index customers_area_id_idx on public.customers (area_id);
create index customers_phone_idx on public.customers (phone);

alter table public.profiles
  add constraint profiles_customer_id_fkey foreign key (customer_id) references public.customers (id);

-- A parent is one tier up: dealers (1) supply sub-distributors (2), which supply stores (3);
-- a store may also buy straight from a dealer.
create or replace function private.check_customer_parent() returns trigger
language plpgsql security definer
set search_path = ''
as $$
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

create trigger customers_check_parent
  before insert or update of parent_id, tier on public.customers
  for each row execute function private.check_customer_parent();

create table public.customer_contacts (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references public.customers (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 100),
  title text,
  phone text check (phone ~ '^[0-9+() -]{5,20}$'),
  is_primary boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index customer_contacts_customer_id_idx on public.customer_contacts (customer_id);

-- Social relations and standing: free text seen only by the owner's chain of command,
-- so it lives in its own table with its own policies.
create table public.customer_notes (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references public.customers (id) on delete cascade,
  author_id uuid references public.profiles (id),
  kind text not null check (kind in ('social_relations', 'standing', 'general')),
  body text not null check (length(body) between 1 and 4000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index customer_notes_customer_id_idx on public.customer_notes (customer_id);
create index customer_notes_author_id_idx on public.customer_notes (author_id);

create table public.photos (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references public.customers (id) on delete cascade,
  visit_id uuid, -- foreign key added with visits
  kind text not null check (kind in ('storefront', 'shelf', 'display', 'competitor', 'other')),
  storage_path text not null,
  taken_at timestamptz not null default now(),
  taken_by uuid references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index photos_customer_id_idx on public.photos (customer_id);
create index photos_visit_id_idx on public.photos (visit_id);

-- 4 products and contracts ---------------------------------------------------------------------

create table public.products (
  id uuid primary key default gen_random_uuid(),
  sku text not null unique check (sku ~ '^[A-Za-z0-9_.-]{1,32}$'),
  name text not null check (length(btrim(name)) between 1 and 200),
  brand text not null,
  variety text,
  spec text not null,
  unit text not null default '箱',
  unit_price numeric(14, 2) not null check (unit_price >= 0),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);

-- The standard contract: the eleven sections of the source document as fields.
create table public.contracts (
  id uuid primary key default gen_random_uuid(),
  contract_no text not null unique check (contract_no ~ '^[A-Za-z0-9_.-]{1,40}$'),
  customer_id uuid not null references public.customers (id),
  version integer not null default 1 check (version >= 1),
  previous_id uuid references public.contracts (id),
  status text not null default 'draft'
    check (status in ('draft', 'in_review', 'signed', 'effective', 'expired', 'terminated')),
  custodian_id uuid references public.profiles (id),
  -- ② quality
  quality_terms text,
  -- ③ delivery
  delivery_time text,
  delivery_place text,
  transport_mode text,
  freight_paid_by text check (freight_paid_by in ('supplier', 'dealer', 'shared')),
  -- ④ acceptance
  acceptance_terms text,
  -- ⑤ business rights
  rights_level text check (rights_level in ('general', 'sub')),
  territory text,
  brands text,
  term_start date,
  term_end date,
  -- ⑥ settlement
  settlement_method text,
  payment_days integer check (payment_days between 0 and 365),
  -- ⑦ dealer policy
  rebate_pct numeric(5, 2) check (rebate_pct between 0 and 100),
  annual_bonus text,
  promotion_support text,
  advertising_support text,
  staff_support text,
  -- ⑧ ordering and returns
  ordering_terms text,
  return_terms text,
  -- ⑨ breach liability and disputes
  breach_liability text,
  dispute_resolution text,
  -- ⑩ signing
  signed_on date,
  signed_place text,
  effective_on date,
  -- ⑪ both parties
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
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  check (term_end is null or term_start is null or term_end >= term_start),
  check (status in ('draft', 'in_review') or signed_on is not null)
);
create index contracts_customer_id_idx on public.contracts (customer_id);
create index contracts_custodian_id_idx on public.contracts (custodian_id);
create index contracts_previous_id_idx on public.contracts (previous_id);

-- ① goods: variety, brand, spec, quantity, price
create table public.contract_lines (
  id uuid primary key default gen_random_uuid(),
  contract_id uuid not null references public.contracts (id) on delete cascade,
  line_no integer not null check (line_no >= 1),
  product_id uuid references public.products (id),
  variety text,
  brand text,
  spec text,
  quantity numeric(14, 3) not null check (quantity >= 0),
  unit_price numeric(14, 2) not null check (unit_price >= 0),
  unique (contract_id, line_no)
);
create index contract_lines_product_id_idx on public.contract_lines (product_id);

create table public.contract_events (
  id uuid primary key default gen_random_uuid(),
  contract_id uuid not null references public.contracts (id) on delete cascade,
  from_status text,
  to_status text not null,
  actor_id uuid references public.profiles (id),
  note text,
  at timestamptz not null default now()
);
create index contract_events_contract_id_idx on public.contract_events (contract_id);

-- 5 plans and sales records --------------------------------------------------------------------

create table public.sales_plans (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references public.customers (id),
  product_id uuid not null references public.products (id),
  month date not null check (extract(day from month) = 1),
  quantity numeric(14, 3) not null check (quantity >= 0),
  amount numeric(14, 2) not null check (amount >= 0),
  schedule text,
  planned_support text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  unique (customer_id, product_id, month)
);
create index sales_plans_product_id_idx on public.sales_plans (product_id);
create index sales_plans_month_idx on public.sales_plans (month);

-- Sales records: one line of a delivery document. The buyer is customer_id; the seller is
-- the manufacturer (seller_id null) or, down the chain, the dealer or sub-distributor.
create table public.shipments (
  id uuid primary key default gen_random_uuid(),
  doc_no text not null check (doc_no ~ '^[A-Za-z0-9_.-]{1,40}$'),
  line_no integer not null check (line_no >= 1),
  customer_id uuid not null references public.customers (id),
  seller_id uuid references public.customers (id),
  product_id uuid not null references public.products (id),
  shipped_on date not null,
  quantity numeric(14, 3) not null check (quantity > 0),
  unit_price numeric(14, 2) not null check (unit_price >= 0),
  amount numeric(14, 2) not null check (amount >= 0),
  settlement_status text not null default 'unsettled'
    check (settlement_status in ('unsettled', 'partial', 'settled')),
  -- the dealer's delivery confirmation
  confirmed_at timestamptz,
  confirmed_by uuid references public.profiles (id),
  received_quantity numeric(14, 3) check (received_quantity >= 0),
  damaged_quantity numeric(14, 3) check (damaged_quantity >= 0),
  discrepancy_note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  unique (doc_no, line_no),
  check (seller_id is distinct from customer_id)
);
create index shipments_customer_day_idx on public.shipments (customer_id, shipped_on);
create index shipments_seller_id_idx on public.shipments (seller_id);
create index shipments_product_id_idx on public.shipments (product_id);
create index shipments_confirmed_by_idx on public.shipments (confirmed_by);

create table public.payments (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique check (reference ~ '^[A-Za-z0-9_.-]{1,40}$'),
  customer_id uuid not null references public.customers (id),
  paid_on date not null,
  amount numeric(14, 2) not null check (amount > 0),
  method text not null default 'transfer' check (method in ('transfer', 'cash', 'cheque', 'acceptance', 'other')),
  note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index payments_customer_day_idx on public.payments (customer_id, paid_on);

-- 6 field work: visit plans, visits, stock counts, orders ---------------------------------------

create table public.visit_plans (
  id uuid primary key default gen_random_uuid(),
  rep_id uuid not null references public.profiles (id),
  week_start date not null check (extract(isodow from week_start) = 1),
  status text not null default 'draft'
    check (status in ('draft', 'submitted', 'approved', 'rejected', 'withdrawn')),
  submitted_at timestamptz,
  decided_by uuid references public.profiles (id),
  decided_at timestamptz,
  decision_comment text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  check (status not in ('approved', 'rejected') or (decided_by is not null and decided_at is not null))
);
create index visit_plans_rep_week_idx on public.visit_plans (rep_id, week_start);
create index visit_plans_decided_by_idx on public.visit_plans (decided_by);

create table public.visit_plan_stops (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references public.visit_plans (id) on delete cascade,
  customer_id uuid not null references public.customers (id),
  visit_date date not null,
  seq integer not null check (seq >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  unique (plan_id, visit_date, seq)
);
create index visit_plan_stops_customer_id_idx on public.visit_plan_stops (customer_id);

create table public.visits (
  id uuid primary key default gen_random_uuid(),
  rep_id uuid not null references public.profiles (id),
  customer_id uuid not null references public.customers (id),
  plan_stop_id uuid references public.visit_plan_stops (id),
  status text not null default 'in_progress' check (status in ('in_progress', 'done', 'cancelled')),
  checkin_at timestamptz not null,
  checkin_lat double precision check (checkin_lat between -90 and 90),
  checkin_lng double precision check (checkin_lng between -180 and 180),
  checkin_accuracy_m real check (checkin_accuracy_m >= 0),
  checkin_distance_m real check (checkin_distance_m >= 0),
  offsite boolean not null default false,
  offsite_reason text,
  checkout_at timestamptz,
  competitor_notes text,
  feedback text,
  notes text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  check (not offsite or length(btrim(coalesce(offsite_reason, ''))) > 0),
  check (checkout_at is null or checkout_at >= checkin_at),
  check ((checkin_lat is null) = (checkin_lng is null))
);
create index visits_rep_checkin_idx on public.visits (rep_id, checkin_at);
create index visits_customer_checkin_idx on public.visits (customer_id, checkin_at);
create index visits_plan_stop_id_idx on public.visits (plan_stop_id);

alter table public.photos
  add constraint photos_visit_id_fkey foreign key (visit_id) references public.visits (id);

create table public.stock_counts (
  id uuid primary key default gen_random_uuid(),
  visit_id uuid references public.visits (id) on delete cascade,
  customer_id uuid not null references public.customers (id),
  product_id uuid not null references public.products (id),
  quantity numeric(14, 3) not null check (quantity >= 0),
  counted_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index stock_counts_visit_id_idx on public.stock_counts (visit_id);
create index stock_counts_customer_product_idx on public.stock_counts (customer_id, product_id, counted_at);
create index stock_counts_product_id_idx on public.stock_counts (product_id);

create table public.orders (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references public.customers (id),
  supplier_id uuid references public.customers (id),
  visit_id uuid references public.visits (id),
  rep_id uuid references public.profiles (id),
  ordered_on date not null,
  status text not null default 'draft' check (status in ('draft', 'submitted', 'confirmed', 'cancelled')),
  note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index orders_customer_id_idx on public.orders (customer_id, ordered_on);
create index orders_supplier_id_idx on public.orders (supplier_id);
create index orders_visit_id_idx on public.orders (visit_id);
create index orders_rep_id_idx on public.orders (rep_id);

create table public.order_lines (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references public.orders (id) on delete cascade,
  product_id uuid not null references public.products (id),
  quantity numeric(14, 3) not null check (quantity > 0),
  unit_price numeric(14, 2) not null check (unit_price >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index order_lines_order_id_idx on public.order_lines (order_id);
create index order_lines_product_id_idx on public.order_lines (product_id);

-- 7 support, expenses and after-sales ----------------------------------------------------------

create table public.support_activities (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references public.customers (id),
  kind text not null check (kind in (
    'management', 'sales_activity', 'advertising_pr', 'store_display', 'promotion',
    'information', 'training', 'meeting', 'executive_visit')),
  title text not null,
  planned_on date,
  done_on date,
  cost numeric(14, 2) not null default 0 check (cost >= 0),
  status text not null default 'planned' check (status in ('planned', 'done', 'cancelled')),
  owner_id uuid references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index support_activities_customer_id_idx on public.support_activities (customer_id);
create index support_activities_owner_id_idx on public.support_activities (owner_id);

-- Sales expenses recorded against a customer (the source document's 销售费用).
create table public.expenses (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique check (reference ~ '^[A-Za-z0-9_.-]{1,40}$'),
  customer_id uuid not null references public.customers (id),
  spent_on date not null,
  category text not null check (category in (
    'management', 'sales_activity', 'advertising_pr', 'store_display', 'promotion',
    'information', 'training', 'meeting', 'executive_visit', 'rebate', 'travel', 'other')),
  amount numeric(14, 2) not null check (amount > 0),
  description text,
  support_activity_id uuid references public.support_activities (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index expenses_customer_day_idx on public.expenses (customer_id, spent_on);
create index expenses_support_activity_id_idx on public.expenses (support_activity_id);

create table public.expense_budgets (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references public.customers (id),
  period_start date not null,
  period_end date not null,
  amount numeric(14, 2) not null check (amount >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  unique (customer_id, period_start),
  check (period_end >= period_start)
);

create table public.incidents (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references public.customers (id),
  visit_id uuid references public.visits (id),
  reported_by uuid references public.profiles (id),
  occurred_on date not null,
  kind text not null check (kind in (
    'theft', 'accident', 'family_split', 'serious_illness', 'other_major', 'minor')),
  description text not null check (length(btrim(description)) between 1 and 4000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  unique (customer_id, occurred_on, kind)
);
create index incidents_visit_id_idx on public.incidents (visit_id);
create index incidents_reported_by_idx on public.incidents (reported_by);

-- Returns, exchanges, repairs and packaging exchanges. Accepted returns and credit notes
-- reduce the receivable balance by their amount.
create table public.returns (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique check (reference ~ '^[A-Za-z0-9_.-]{1,40}$'),
  customer_id uuid not null references public.customers (id),
  shipment_id uuid references public.shipments (id),
  product_id uuid references public.products (id),
  kind text not null check (kind in ('return', 'exchange', 'repair', 'packaging', 'credit_note')),
  quantity numeric(14, 3) not null default 0 check (quantity >= 0),
  amount numeric(14, 2) not null default 0 check (amount >= 0),
  reason text,
  status text not null default 'requested'
    check (status in ('requested', 'accepted', 'rejected', 'completed')),
  requested_on date not null,
  decided_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  check (status = 'requested' or decided_on is not null)
);
create index returns_customer_id_idx on public.returns (customer_id, decided_on);
create index returns_shipment_id_idx on public.returns (shipment_id);
create index returns_product_id_idx on public.returns (product_id);

create table public.complaints (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references public.customers (id),
  raised_by uuid references public.profiles (id),
  raised_on date not null,
  category text not null check (category in ('product', 'delivery', 'service', 'price', 'other')),
  detail text not null check (length(btrim(detail)) between 1 and 4000),
  investigation text,
  decision text,
  decided_by uuid references public.profiles (id),
  decided_at timestamptz,
  reply text,
  replied_at timestamptz,
  status text not null default 'open'
    check (status in ('open', 'investigating', 'decided', 'answered', 'closed')),
  escalated boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  check (status not in ('answered', 'closed') or reply is not null)
);
create index complaints_customer_id_idx on public.complaints (customer_id);
create index complaints_raised_by_idx on public.complaints (raised_by);
create index complaints_decided_by_idx on public.complaints (decided_by);

-- 8 evaluation and warnings --------------------------------------------------------------------

-- A periodic scorecard: each indicator 1 (poor) .. 5 (excellent); the score and grade are
-- computed with the weights in settings when the evaluation is saved.
create table public.evaluations (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references public.customers (id),
  evaluator_id uuid references public.profiles (id),
  evaluated_on date not null,
  enthusiasm smallint not null check (enthusiasm between 1 and 5),
  flexibility smallint not null check (flexibility between 1 and 5),
  distribution_capacity smallint not null check (distribution_capacity between 1 and 5),
  capital_strength smallint not null check (capital_strength between 1 and 5),
  hot_brands smallint not null check (hot_brands between 1 and 5),
  logistics smallint not null check (logistics between 1 and 5),
  credit smallint not null check (credit between 1 and 5),
  social_relations smallint not null check (social_relations between 1 and 5),
  sales_management smallint not null check (sales_management between 1 and 5),
  network smallint not null check (network between 1 and 5),
  promotion_ability smallint not null check (promotion_ability between 1 and 5),
  after_sales smallint not null check (after_sales between 1 and 5),
  relationship smallint not null check (relationship between 1 and 5),
  score numeric(5, 1) check (score between 0 and 100),
  grade char(1) check (grade in ('A', 'B', 'C', 'D')),
  comment text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  unique (customer_id, evaluated_on)
);
create index evaluations_evaluator_id_idx on public.evaluations (evaluator_id);

-- Classification history: who moved between quadrants and grades, and when.
create table public.customer_classifications (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references public.customers (id),
  as_of date not null,
  volume_12m numeric(16, 2) not null,
  loyalty_score numeric(5, 1) not null check (loyalty_score between 0 and 100),
  quadrant text not null check (quadrant in ('core', 'dangerous', 'cultivate', 'eliminate')),
  grade char(1) not null check (grade in ('A', 'B', 'C', 'D')),
  created_at timestamptz not null default now(),
  unique (customer_id, as_of)
);

create table public.warnings (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references public.customers (id),
  kind text not null check (kind in (
    'credit_over_limit', 'behind_plan', 'below_last_year', 'purchase_frequency_drop', 'churn',
    'expense_over_budget', 'expense_rising', 'major_incident')),
  cause_key text not null,
  severity text not null check (severity in ('low', 'medium', 'high')),
  status text not null default 'open'
    check (status in ('open', 'acknowledged', 'investigating', 'resolved')),
  owner_id uuid references public.profiles (id),
  figures jsonb not null default '{}',
  raised_at timestamptz not null default now(),
  acknowledged_at timestamptz,
  resolved_at timestamptz,
  resolution text,
  notes text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'resolved') = (resolved_at is not null))
);
-- never raised twice for the same cause while it is not resolved
create unique index warnings_one_open_per_cause_idx
  on public.warnings (customer_id, kind, cause_key) where status <> 'resolved';
create index warnings_owner_id_idx on public.warnings (owner_id);
create index warnings_status_idx on public.warnings (status) where status <> 'resolved';

-- 9 settings ----------------------------------------------------------------------------------

create table public.settings (
  key text primary key check (key ~ '^[a-z][a-z0-9_.]{1,63}$'),
  value jsonb not null,
  description text not null,
  updated_at timestamptz not null default now()
);

insert into public.settings (key, value, description) values
  ('company.name', '"华东食品有限公司"', 'Company name on contracts and reports'),
  ('visit.checkin_radius_m', '300', 'Check-ins farther than this from the outlet are off-site (metres)'),
  ('visit.duplicate_radius_m', '200', 'New outlets this close with a similar name or the same phone are flagged (metres)'),
  ('warning.behind_plan.tolerance', '0.20', 'behind_plan: raised when year-to-date purchases < (1 - t) x plan'),
  ('warning.below_last_year.tolerance', '0.30', 'below_last_year: raised when 90-day purchases < (1 - t) x same 90 days a year earlier'),
  ('warning.below_last_year.min_amount', '10000', 'below_last_year: only when the year-earlier amount is at least this'),
  ('warning.frequency_drop.factor', '2.0', 'purchase_frequency_drop: days since last purchase > f x median gap'),
  ('warning.churn.days', '90', 'churn: no purchase in this many days'),
  ('warning.expense_rising.tolerance', '0.30', 'expense_rising: 3-month expenses > (1 + t) x the 3 months before'),
  ('warning.expense_rising.min_amount', '5000', 'expense_rising: only when the recent 3 months are above this'),
  ('warning.credit.high_ratio', '1.2', 'credit_over_limit: severity high above this share of the limit'),
  ('returns.window_days', '{"A": 60, "B": 45, "C": 30, "D": 15}', 'Return window by customer grade (days)'),
  ('visit.frequency_days', '{"A": 7, "B": 14, "C": 30, "D": 90}', 'Visit frequency by grade (days)'),
  ('evaluation.weights', '{"enthusiasm": 10, "flexibility": 6, "distribution_capacity": 10, "capital_strength": 8, "hot_brands": 6, "logistics": 6, "credit": 14, "social_relations": 6, "sales_management": 8, "network": 8, "promotion_ability": 6, "after_sales": 6, "relationship": 6}', 'Scorecard weights (sum 100)'),
  ('evaluation.grade_cutoffs', '{"A": 85, "B": 70, "C": 55}', 'Scorecard score at or above which a grade is given; below C is D'),
  ('classification.volume_percentile', '0.5', 'Large volume: at or above this percentile of the area'),
  ('classification.loyalty_cutoff', '60', 'Loyal: loyalty score at or above this');

-- updated_at on every table that has it
do $$
declare
  t record;
begin
  for t in
    select c.table_name from information_schema.columns c
    where c.table_schema = 'public' and c.column_name = 'updated_at'
  loop
    execute format(
      'create trigger %I before update on public.%I for each row execute function private.touch_updated_at()',
      t.table_name || '_touch_updated_at', t.table_name);
  end loop;
end
$$;

-- 10 row level security ------------------------------------------------------------------------
-- On for every table from the start. Policies come with the access-control migration; until
-- then the API roles (anon, authenticated) see nothing and only the service side writes.

do $$
declare
  t record;
begin
  for t in select tablename from pg_tables where schemaname = 'public' loop
    execute format('alter table public.%I enable row level security', t.tablename);
  end loop;
end
$$;
