-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

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

REVOKE ALL ON FUNCTION private.sync_pull_bound(p_snap pg_snapshot) FROM PUBLIC;
GRANT ALL ON FUNCTION private.sync_pull_bound(p_snap pg_snapshot) TO authenticated;
GRANT ALL ON FUNCTION private.sync_pull_bound(p_snap pg_snapshot) TO service_role;
