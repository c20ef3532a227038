-- Issue 19, part 3: display checks (陈列检查), competitor reports (竞品上报), photo kinds and the
-- photo window rule.
--
-- Managers define display check templates per customer tier (and optionally grade); a template
-- holds items of five kinds: count (排面数), choice (货架位置, from the item's options), yes_no
-- (POP/价签正确), photo (a required photo of kind 'display' taken at the visit) and text. A rep
-- answers the items at a visit, one row per visit and item in display_answers (typed columns: the
-- one that fits the item's kind is set, the others are null; anything else is refused with a
-- bilingual message, for every writer). Competitor reports are structured rows at a visit.
-- One figure: display_compliance(p_from, p_to, p_area_id) — per item and customer tier/grade.
--
-- Sections: 1 photos, 2 tables, 3 rules of every write, 4 access, 5 sync, 6 figures, 7 grants.

-- 1 photos: every photo has its real kind; a visit photo is taken during its visit ----------------
-- 'other' goes: a visit photo becomes 'shelf' (the visit's photo section took shelf photos), any
-- other 'other' or 'shelf' photo without a visit was taken as evidence (warning and conduct notes);
-- visit photos stored as 'shelf' stay 'shelf'.
update public.photos set kind = case when visit_id is null then 'evidence' else 'shelf' end
 where kind = 'other';
update public.photos set kind = 'evidence' where kind = 'shelf' and visit_id is null;
alter table public.photos drop constraint photos_kind_check;
alter table public.photos add constraint photos_kind_check check (kind in (
  'storefront', 'shelf', 'display', 'competitor', 'delivery', 'damage', 'evidence'));

insert into public.settings (key, value, description) values
  ('visit.photo_window_minutes', '30',
   '拜访照片的拍摄时间可早于签到或晚于签退的最多分钟数 | minutes a visit photo may be taken before check-in or after check-out');
insert into private.setting_rules
  (key, section, sort, label_zh, label_en, unit, unit_zh, shape, min, max, whole, choices, checked_by)
values
  ('visit.photo_window_minutes', 'visits', 40, '拜访照片时间容差', 'Visit photo time tolerance',
   'minutes', '分钟', 'number', 0, 1440, true, null, null);

create or replace function private.check_photo_kind_and_time() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v public.visits;
  slack interval := make_interval(mins => coalesce(
    (select (s.value #>> '{}')::integer from public.settings s
      where s.key = 'visit.photo_window_minutes' and s.deleted_at is null), 30));
begin
  if new.kind is null or btrim(new.kind) = '' then
    raise exception 'a photo needs its kind' using errcode = '22023',
      detail = '请选择照片类型（kind）';
  end if;
  if new.kind not in ('storefront', 'shelf', 'display', 'competitor', 'delivery', 'damage',
                      'evidence') then
    raise exception 'kind % is not a photo kind', new.kind using errcode = '22023',
      detail = '照片类型（kind）无效：门头、货架、陈列、竞品、送货、破损或凭证';
  end if;
  if new.visit_id is not null and (tg_op = 'INSERT' or (new.taken_at, new.visit_id)
                                   is distinct from (old.taken_at, old.visit_id)) then
    select * into v from public.visits where id = new.visit_id;
    if found and (new.taken_at < v.checkin_at - slack
                  or new.taken_at > coalesce(v.checkout_at, private.company_now()) + slack) then
      raise exception 'the photo was taken at %, outside its visit (% to %) by more than %',
        new.taken_at, v.checkin_at, coalesce(v.checkout_at::text, 'now'), slack
        using errcode = '22023',
        detail = format('照片拍摄时间（taken_at）不在拜访的签到至签退时间内（容差%s分钟）',
                        extract(epoch from slack)::integer / 60);
    end if;
  end if;
  return new;
end
$$;
create trigger photos_05_kind_time before insert or update on public.photos
  for each row execute function private.check_photo_kind_and_time();

-- 2 tables --------------------------------------------------------------------------------------

create table public.display_templates (
  id uuid primary key default gen_random_uuid(),
  name text not null constraint display_templates_name_len check (char_length(name) <= 200),
  tier smallint constraint display_templates_tier_check check (tier between 1 and 3),
  grade character(1) constraint display_templates_grade_check check (grade in ('A', 'B', 'C', 'D')),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  constraint display_templates_name_check check (length(btrim(name)) > 0)
);
create trigger display_templates_touch_updated_at before update on public.display_templates
  for each row execute function private.touch_updated_at();

create table public.display_items (
  id uuid primary key default gen_random_uuid(),
  template_id uuid not null references public.display_templates (id),
  sort smallint not null default 1
    constraint display_items_sort_check check (sort between 1 and 100),
  label text not null constraint display_items_label_len check (char_length(label) <= 200),
  kind text not null
    constraint display_items_kind_check check (kind in ('count', 'choice', 'yes_no', 'photo', 'text'))
    constraint display_items_kind_len check (char_length(kind) <= 200),
  options text[] not null default '{}',
  required boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  constraint display_items_label_check check (length(btrim(label)) > 0),
  constraint display_items_options_check check (
    (kind = 'choice') = (cardinality(options) > 0)),
  constraint display_items_options_len check (
    cardinality(options) <= 20 and char_length(array_to_string(options, '')) <= 2000)
);
create index display_items_template_id_idx on public.display_items (template_id, sort);
create trigger display_items_touch_updated_at before update on public.display_items
  for each row execute function private.touch_updated_at();

create table public.display_answers (
  id uuid primary key default gen_random_uuid(),
  visit_id uuid not null references public.visits (id),
  customer_id uuid not null references public.customers (id),
  item_id uuid not null references public.display_items (id),
  count_value integer,
  choice_value text constraint display_answers_choice_value_len check (char_length(choice_value) <= 200),
  yes_value boolean,
  photo_id uuid references public.photos (id),
  text_value text constraint display_answers_text_value_len check (char_length(text_value) <= 4000),
  answered_by uuid references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  constraint display_answers_count_value_range check (count_value between 0 and 10000)
);
create unique index display_answers_visit_item_key on public.display_answers (visit_id, item_id)
  where deleted_at is null;
create index display_answers_item_id_idx on public.display_answers (item_id);
create index display_answers_customer_id_idx on public.display_answers (customer_id);
create index display_answers_photo_id_idx on public.display_answers (photo_id);
create index display_answers_answered_by_idx on public.display_answers (answered_by);
create trigger display_answers_touch_updated_at before update on public.display_answers
  for each row execute function private.touch_updated_at();

create table public.competitor_reports (
  id uuid primary key default gen_random_uuid(),
  visit_id uuid not null references public.visits (id),
  customer_id uuid not null references public.customers (id),
  brand text not null constraint competitor_reports_brand_len check (char_length(brand) <= 200),
  product text constraint competitor_reports_product_len check (char_length(product) <= 200),
  shelf_price numeric(12, 2)
    constraint competitor_reports_shelf_price_range check (shelf_price between 0 and 1000000),
  promotion text constraint competitor_reports_promotion_len check (char_length(promotion) <= 4000),
  facings integer constraint competitor_reports_facings_range check (facings between 0 and 10000),
  photo_id uuid references public.photos (id),
  reported_on date not null default private.company_today(),
  reported_by uuid references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  constraint competitor_reports_brand_check check (length(btrim(brand)) > 0)
);
create index competitor_reports_visit_id_idx on public.competitor_reports (visit_id);
create index competitor_reports_customer_id_idx on public.competitor_reports (customer_id, reported_on);
create index competitor_reports_photo_id_idx on public.competitor_reports (photo_id);
create index competitor_reports_reported_by_idx on public.competitor_reports (reported_by);
create trigger competitor_reports_touch_updated_at before update on public.competitor_reports
  for each row execute function private.touch_updated_at();

-- 3 rules of every write ------------------------------------------------------------------------

-- The visit is a visit of the row's customer (read with the server's rights: visibility of the
-- reference itself is checked by the write guard).
create or replace function private.display_visit_matches(p_visit_id uuid, p_customer_id uuid)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select from public.visits v where v.id = p_visit_id
                  and v.customer_id = p_customer_id)
$$;

-- An answer has the type of its item: exactly one value column, the one of the item's kind.
create or replace function private.check_display_answer() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  it public.display_items;
  l text;
begin
  if not private.display_visit_matches(new.visit_id, new.customer_id) then
    raise exception 'the visit is not a visit of this customer' using errcode = '22023',
      detail = '拜访（visit_id）不是该客户的拜访';
  end if;
  select * into it from public.display_items i where i.id = new.item_id and i.deleted_at is null;
  if not found then
    raise exception 'display item % not found', new.item_id using errcode = '22023',
      detail = '找不到该陈列检查项（item_id）';
  end if;
  l := it.label;
  if new.deleted_at is not null then
    return new;
  end if;
  if it.kind = 'count' then
    if new.count_value is null or new.count_value not between 0 and 10000 then
      raise exception '"%" takes a count from 0 to 10000', l using errcode = '22023',
        detail = format('「%s」的答案须为0到10000之间的整数（count_value）', l);
    end if;
  elsif it.kind = 'choice' then
    if new.choice_value is null or not (new.choice_value = any (it.options)) then
      raise exception '"%" takes one of: %', l, array_to_string(it.options, ', ')
        using errcode = '22023',
        detail = format('「%s」的答案须为以下之一（choice_value）：%s', l,
                        array_to_string(it.options, '、'));
    end if;
  elsif it.kind = 'yes_no' then
    if new.yes_value is null then
      raise exception '"%" takes yes or no', l using errcode = '22023',
        detail = format('「%s」的答案须为是或否（yes_value）', l);
    end if;
  elsif it.kind = 'photo' then
    if new.photo_id is null or not exists (
        select from public.photos p where p.id = new.photo_id and p.visit_id = new.visit_id
           and p.deleted_at is null) then
      raise exception '"%" takes a photo taken at this visit', l using errcode = '22023',
        detail = format('「%s」的答案须为本次拜访拍摄的照片（photo_id）', l);
    end if;
  elsif it.kind = 'text' then
    if length(btrim(coalesce(new.text_value, ''))) = 0 then
      raise exception '"%" takes a text', l using errcode = '22023',
        detail = format('「%s」的答案须为文字（text_value）', l);
    end if;
  end if;
  if (it.kind <> 'count' and new.count_value is not null)
     or (it.kind <> 'choice' and new.choice_value is not null)
     or (it.kind <> 'yes_no' and new.yes_value is not null)
     or (it.kind <> 'photo' and new.photo_id is not null)
     or (it.kind <> 'text' and new.text_value is not null) then
    raise exception '"%" is a % item: only its own answer is given', l, it.kind
      using errcode = '22023',
      detail = format('「%s」的答案类型不符：只能填写该项类型（%s）的答案', l, it.kind);
  end if;
  if coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon')
     and tg_op = 'INSERT' then
    new.answered_by := coalesce(new.answered_by, (select auth.uid()));
  end if;
  return new;
end
$$;
create trigger display_answers_10_rules before insert or update on public.display_answers
  for each row execute function private.check_display_answer();

create or replace function private.check_competitor_report() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if not private.display_visit_matches(new.visit_id, new.customer_id) then
    raise exception 'the visit is not a visit of this customer' using errcode = '22023',
      detail = '拜访（visit_id）不是该客户的拜访';
  end if;
  if length(btrim(coalesce(new.brand, ''))) = 0 then
    raise exception 'brand is required' using errcode = '22023', detail = '请填写竞品品牌（brand）';
  end if;
  if new.shelf_price is not null and new.shelf_price not between 0 and 1000000 then
    raise exception 'shelf_price must be from 0 to 1000000 (got %)', new.shelf_price
      using errcode = '22023', detail = '货架价格（shelf_price）须在0到100万元之间';
  end if;
  if new.facings is not null and new.facings not between 0 and 10000 then
    raise exception 'facings must be from 0 to 10000 (got %)', new.facings
      using errcode = '22023', detail = '排面数（facings）须在0到10000之间';
  end if;
  if coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon')
     and tg_op = 'INSERT' then
    new.reported_by := coalesce(new.reported_by, (select auth.uid()));
  end if;
  return new;
end
$$;
create trigger competitor_reports_10_rules before insert or update on public.competitor_reports
  for each row execute function private.check_competitor_report();
create trigger competitor_reports_20_photos before insert or update of photo_id
  on public.competitor_reports for each row execute function private.check_photo_ids();
create trigger display_answers_20_photos before insert or update of photo_id
  on public.display_answers for each row execute function private.check_photo_ids();

-- 4 access --------------------------------------------------------------------------------------
-- Templates and items: staff read them, managers write them. Answers and competitor reports follow
-- the visit (as stock counts): staff read those of their customers, the visit's rep writes them.
-- Dealers see none of it.

alter table public.display_templates enable row level security;
create policy "Staff read display templates" on public.display_templates
  for select to authenticated using ((select private.is_staff()));
create policy "Managers write display templates" on public.display_templates
  for all to authenticated using ((select private.is_manager()))
  with check ((select private.is_manager()));

alter table public.display_items enable row level security;
create policy "Staff read display items" on public.display_items
  for select to authenticated using ((select private.is_staff()));
create policy "Managers write display items" on public.display_items
  for all to authenticated using ((select private.is_manager()))
  with check ((select private.is_manager()));

alter table public.display_answers enable row level security;
create policy "Staff read display answers of their customers" on public.display_answers
  for select to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
create policy "Reps answer display checks on their visits" on public.display_answers
  for insert to authenticated with check (
    exists (select from public.visits v where v.id = visit_id and v.rep_id = (select auth.uid()))
    and customer_id in (select private.staff_customer_ids()));
create policy "Reps correct display answers of their visits" on public.display_answers
  for update to authenticated using (
    exists (select from public.visits v where v.id = visit_id and v.rep_id = (select auth.uid())));
revoke delete on public.display_answers from authenticated;

alter table public.competitor_reports enable row level security;
create policy "Staff read competitor reports of their customers" on public.competitor_reports
  for select to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
create policy "Reps report competitors on their visits" on public.competitor_reports
  for insert to authenticated with check (
    exists (select from public.visits v where v.id = visit_id and v.rep_id = (select auth.uid()))
    and customer_id in (select private.staff_customer_ids()));
create policy "Reps correct competitor reports of their visits" on public.competitor_reports
  for update to authenticated using (
    exists (select from public.visits v where v.id = visit_id and v.rep_id = (select auth.uid())));
revoke delete on public.competitor_reports from authenticated;

-- 5 sync: phones pull templates and items (read-only), pull and push answers and reports ---------

insert into private.sync_tables (name, ord, pushable, roles, pull_filter) values
  ('display_templates', 41, false, array['rep', 'area_manager', 'manager'], null),
  ('display_items', 42, false, array['rep', 'area_manager', 'manager'], null),
  ('display_answers', 43, true, array['rep', 'area_manager', 'manager'], null),
  ('competitor_reports', 44, true, array['rep', 'area_manager', 'manager'], null);
do $$
declare
  t text;
begin
  foreach t in array array['display_templates', 'display_items', 'display_answers',
                           'competitor_reports'] loop
    execute format('alter table public.%1$I add column txid xid8 not null'
                   ' default private.sync_register()', t);
    execute format('alter table public.%1$I add column version bigint not null default 1', t);
    execute format('create index %1$I on public.%2$I (txid)', t || '_txid_idx', t);
    execute format('create trigger %1$I before insert or update on public.%2$I'
                   ' for each row execute function private.sync_stamp()', t || '_sync_stamp', t);
    execute format('create trigger %1$I before delete on public.%2$I'
                   ' for each row execute function private.sync_tombstone()', t || '_tombstone', t);
    execute format('create trigger %1$I before insert or update or delete on public.%2$I'
                   ' for each statement execute function private.sync_register_statement()',
                   t || '_sync_register', t);
  end loop;
end
$$;

-- 6 figures -------------------------------------------------------------------------------------

-- The customers the caller's figures cover: an area (and the areas below it) or the caller's
-- scope; the service side (reports) sees all.
create or replace function private.display_scope(p_area_id uuid) returns uuid[]
language plpgsql stable security definer set search_path = ''
as $$
declare
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  everyone boolean;
  v_areas uuid[];
begin
  if api then
    perform private.require_staff();
  end if;
  everyone := not api or (select private.is_manager());
  if p_area_id is not null then
    if not exists (select from public.areas a where a.id = p_area_id and a.deleted_at is null)
       or not (everyone or p_area_id in (select private.my_area_ids())
               or exists (select from public.profiles p where p.id = (select auth.uid())
                           and p.area_id = p_area_id)) then
      raise exception 'area % not found', p_area_id using errcode = 'P0002',
        detail = '找不到该区域（p_area_id）';
    end if;
    with recursive tree as (
      select p_area_id as id
      union select a.id from public.areas a join tree t on a.parent_id = t.id)
    select array_agg(c.id) into v_areas from public.customers c
     where c.area_id in (select id from tree)
       and (everyone or c.id in (select private.staff_customer_ids()));
  elsif everyone then
    select array_agg(c.id) into v_areas from public.customers c;
  else
    select array_agg(x) into v_areas from private.staff_customer_ids() x;
  end if;
  return coalesce(v_areas, '{}');
end
$$;

create or replace function private.display_check_period(p_from date, p_to date)
returns void
language plpgsql immutable set search_path = ''
as $$
begin
  if p_from is null or p_to is null then
    raise exception 'p_from and p_to are required' using errcode = '22023',
      detail = '请填写开始和结束日期（p_from、p_to）';
  end if;
  if p_from > p_to then
    raise exception 'p_from % is after p_to %', p_from, p_to using errcode = '22023',
      detail = '开始日期（p_from）不能晚于结束日期（p_to）';
  end if;
  if p_to - p_from > 3660 then
    raise exception 'the period is longer than ten years' using errcode = '22023',
      detail = '统计期间（p_from 至 p_to）不能超过十年';
  end if;
end
$$;

-- THE display compliance figure: per template item and customer tier and grade, over live answers
-- at live visits checked in on company days p_from..p_to: how many visits answered it, in how many
-- stores, yes count and share (yes_no), average count (count), photos (photo).
create or replace function public.display_compliance(p_from date, p_to date,
                                                     p_area_id uuid default null)
returns table (template_id uuid, template_name text, item_id uuid, item_label text, kind text,
               sort smallint, tier smallint, grade text, answered bigint, stores bigint,
               yes_count bigint, yes_pct numeric, avg_count numeric)
language plpgsql stable security definer set search_path = ''
as $$
declare
  scope uuid[];
begin
  perform private.display_check_period(p_from, p_to);
  scope := private.display_scope(p_area_id);
  return query
    select t.id, t.name, i.id, i.label, i.kind, i.sort, c.tier,
           coalesce(c.grade::text, '-'),
           count(*), count(distinct a.customer_id),
           count(*) filter (where a.yes_value),
           case when i.kind = 'yes_no'
                then round(100.0 * count(*) filter (where a.yes_value) / count(*), 1) end,
           case when i.kind = 'count' then round(avg(a.count_value), 2) end
      from public.display_answers a
      join public.visits v on v.id = a.visit_id and v.deleted_at is null
      join public.display_items i on i.id = a.item_id
      join public.display_templates t on t.id = i.template_id
      join public.customers c on c.id = a.customer_id
     where a.deleted_at is null and a.customer_id = any (scope)
       and (v.checkin_at at time zone private.company_tz())::date between p_from and p_to
     group by t.id, t.name, i.id, i.label, i.kind, i.sort, c.tier, c.grade
     order by t.name, i.sort, i.label, c.tier, coalesce(c.grade::text, '-');
end
$$;

-- THE competitor summary: per brand and product, reports in the period (reported_on), stores,
-- average / lowest / highest shelf price, average facings, reports with a promotion.
create or replace function public.competitor_summary(p_from date, p_to date,
                                                     p_area_id uuid default null)
returns table (brand text, product text, reports bigint, stores bigint, avg_price numeric,
               min_price numeric, max_price numeric, avg_facings numeric, with_promotion bigint)
language plpgsql stable security definer set search_path = ''
as $$
declare
  scope uuid[];
begin
  perform private.display_check_period(p_from, p_to);
  scope := private.display_scope(p_area_id);
  return query
    select r.brand, coalesce(r.product, ''), count(*), count(distinct r.customer_id),
           round(avg(r.shelf_price), 2), min(r.shelf_price), max(r.shelf_price),
           round(avg(r.facings), 1),
           count(*) filter (where length(btrim(coalesce(r.promotion, ''))) > 0)
      from public.competitor_reports r
     where r.deleted_at is null and r.customer_id = any (scope)
       and r.reported_on between p_from and p_to
     group by r.brand, coalesce(r.product, '')
     order by count(*) desc, r.brand, coalesce(r.product, '');
end
$$;

-- The competitor reports of a period, newest first, searched by brand, product or customer name
-- (the desk's 竞品上报 list).
create or replace function public.competitor_reports_list(p_from date, p_to date,
                                                          p_area_id uuid default null,
                                                          p_search text default null)
returns table (id uuid, reported_on date, customer_id uuid, customer_name text, area_name text,
               brand text, product text, shelf_price numeric, promotion text, facings integer,
               photo_id uuid, reported_by_name text)
language plpgsql stable security definer set search_path = ''
as $$
declare
  scope uuid[];
  q text := nullif(btrim(coalesce(p_search, '')), '');
begin
  perform private.display_check_period(p_from, p_to);
  if length(q) > 200 then
    raise exception 'p_search is longer than 200 characters' using errcode = '22023',
      detail = '搜索词（p_search）不能超过200字';
  end if;
  scope := private.display_scope(p_area_id);
  return query
    select r.id, r.reported_on, r.customer_id, c.name, a.name, r.brand, r.product, r.shelf_price,
           r.promotion, r.facings, r.photo_id, p.full_name
      from public.competitor_reports r
      join public.customers c on c.id = r.customer_id
      join public.areas a on a.id = c.area_id
      left join public.profiles p on p.id = r.reported_by
     where r.deleted_at is null and r.customer_id = any (scope)
       and r.reported_on between p_from and p_to
       and (q is null or strpos(lower(r.brand || ' ' || coalesce(r.product, '') || ' ' || c.name),
                                lower(q)) > 0)
     order by r.reported_on desc, c.name, r.brand
     limit 500;
end
$$;

-- 7 grants --------------------------------------------------------------------------------------

revoke all on function private.check_photo_kind_and_time(), private.check_display_answer(),
  private.check_competitor_report(), private.display_visit_matches(uuid, uuid),
  private.display_scope(uuid), private.display_check_period(date, date) from public, anon;
grant execute on function private.check_photo_kind_and_time(), private.check_display_answer(),
  private.check_competitor_report(), private.display_visit_matches(uuid, uuid),
  private.display_scope(uuid), private.display_check_period(date, date)
  to authenticated, service_role;

revoke all on function public.display_compliance(date, date, uuid),
  public.competitor_summary(date, date, uuid),
  public.competitor_reports_list(date, date, uuid, text) from public, anon;
grant execute on function public.display_compliance(date, date, uuid),
  public.competitor_summary(date, date, uuid),
  public.competitor_reports_list(date, date, uuid, text) to authenticated, service_role;

select private.install_write_guards();
select private.add_active_user_policies();
