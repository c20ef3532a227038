-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

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

REVOKE ALL ON FUNCTION private.evaluation_score() FROM PUBLIC;
