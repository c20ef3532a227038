-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

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

REVOKE ALL ON FUNCTION private.rebuild_purchase_days() FROM PUBLIC;
GRANT ALL ON FUNCTION private.rebuild_purchase_days() TO service_role;
