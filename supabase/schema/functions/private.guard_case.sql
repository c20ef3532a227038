-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

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

REVOKE ALL ON FUNCTION private.guard_case() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_case() TO authenticated;
GRANT ALL ON FUNCTION private.guard_case() TO service_role;
