-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.evaluation_score() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  w jsonb := (select s.value from public.settings s where s.key = 'evaluation.weights');
  cut jsonb := (select s.value from public.settings s where s.key = 'evaluation.grade_cutoffs');
  total numeric;
begin
  total := coalesce((w ->> 'enthusiasm')::numeric, 0) + coalesce((w ->> 'flexibility')::numeric, 0)
    + coalesce((w ->> 'distribution_capacity')::numeric, 0) + coalesce((w ->> 'capital_strength')::numeric, 0)
    + coalesce((w ->> 'hot_brands')::numeric, 0) + coalesce((w ->> 'logistics')::numeric, 0)
    + coalesce((w ->> 'credit')::numeric, 0) + coalesce((w ->> 'social_relations')::numeric, 0)
    + coalesce((w ->> 'sales_management')::numeric, 0) + coalesce((w ->> 'network')::numeric, 0)
    + coalesce((w ->> 'promotion_ability')::numeric, 0) + coalesce((w ->> 'after_sales')::numeric, 0)
    + coalesce((w ->> 'relationship')::numeric, 0);
  if total is null or total <= 0 then
    raise exception 'the setting evaluation.weights must have positive weights'
      using errcode = '22023', detail = '评价权重设置无效';
  end if;
  new.score := round((
      coalesce((w ->> 'enthusiasm')::numeric, 0) * new.enthusiasm
    + coalesce((w ->> 'flexibility')::numeric, 0) * new.flexibility
    + coalesce((w ->> 'distribution_capacity')::numeric, 0) * new.distribution_capacity
    + coalesce((w ->> 'capital_strength')::numeric, 0) * new.capital_strength
    + coalesce((w ->> 'hot_brands')::numeric, 0) * new.hot_brands
    + coalesce((w ->> 'logistics')::numeric, 0) * new.logistics
    + coalesce((w ->> 'credit')::numeric, 0) * new.credit
    + coalesce((w ->> 'social_relations')::numeric, 0) * new.social_relations
    + coalesce((w ->> 'sales_management')::numeric, 0) * new.sales_management
    + coalesce((w ->> 'network')::numeric, 0) * new.network
    + coalesce((w ->> 'promotion_ability')::numeric, 0) * new.promotion_ability
    + coalesce((w ->> 'after_sales')::numeric, 0) * new.after_sales
    + coalesce((w ->> 'relationship')::numeric, 0) * new.relationship
  ) / (5 * total) * 100, 1);
  new.grade := case
    when new.score >= coalesce((cut ->> 'A')::numeric, 85) then 'A'
    when new.score >= coalesce((cut ->> 'B')::numeric, 70) then 'B'
    when new.score >= coalesce((cut ->> 'C')::numeric, 55) then 'C'
    else 'D' end;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.evaluation_score() FROM PUBLIC;
