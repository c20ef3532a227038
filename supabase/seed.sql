-- Seed for `supabase db reset` on a local Supabase: one area and two products, enough to sign
-- in and look around. The full demo data set goes through the importer instead
-- (`fieldsales demo`, or `fieldsales demo-workbook demo.xlsx` then `fieldsales import demo.xlsx`),
-- because users must be created in Supabase Auth and the importer validates everything.
insert into public.areas (code, name) values ('HD', '华东大区')
  on conflict (code) do nothing;
insert into public.products (sku, name, brand, variety, spec, unit, unit_price) values
  ('DEMO-01', '冰红茶', '清泉', '茶饮料', '500ml×15瓶', '箱', 36.00),
  ('DEMO-02', '苏打饼干', '麦香', '饼干', '400g×12袋', '箱', 58.50)
  on conflict (sku) do nothing;
