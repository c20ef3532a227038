-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_competitor_report() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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

REVOKE ALL ON FUNCTION private.check_competitor_report() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_competitor_report() TO authenticated;
GRANT ALL ON FUNCTION private.check_competitor_report() TO service_role;
