-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.sync_register() RETURNS xid8
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  had xid8 := pg_catalog.pg_current_xact_id_if_assigned();
  cached text := pg_catalog.current_setting('fieldsales.sync_stamp', true);
  stamp xid8;
  top bigint;
  sub bigint;
begin
  -- the cache is '<transaction id>:<stamp>', local to the transaction (and undone with the
  -- subtransaction that set it, together with the lock below)
  if had is not null and cached like had::text || ':%' then
    stamp := pg_catalog.split_part(cached, ':', 2)::xid8;
    if stamp >= had then
      return stamp;
    end if;
  end if;

  -- From here on, a pull that reads the lock table sees this backend as registered.
  perform pg_catalog.pg_advisory_xact_lock_shared(727010, pg_catalog.pg_backend_pid());

  if had is null then
    -- our transaction id is assigned only now, after the lock: a pull that sees it running
    -- also sees us registered, and a pull that read the locks earlier took its snapshot before
    -- this id existed, so its bound is at most this id
    stamp := pg_catalog.pg_current_xact_id();
  else
    -- Late: we already had an id, and a pull that read the locks before we registered may have
    -- stepped over it. Stamp with a fresh id instead, taken after the lock: every such pull took
    -- its snapshot before, so its bound is at most this id. The subtransaction is rolled back;
    -- its id still counts as completed (so pulls can move past it once we commit) and is never
    -- given to anyone else.
    begin
      insert into private.sync_xid_source default values returning xmin::text::bigint into sub;
      raise exception using errcode = 'P0001', message = 'fieldsales: fresh transaction id taken';
    exception when raise_exception then
      null;
    end;
    -- xmin is the 32-bit id; it follows our own id by less than 2^31, so its epoch is ours or next
    top := had::text::bigint;
    sub := top - top % 4294967296 + sub;
    if sub < top then
      sub := sub + 4294967296;
    end if;
    stamp := sub::text::xid8;
  end if;
  perform pg_catalog.set_config('fieldsales.sync_stamp',
    pg_catalog.pg_current_xact_id()::text || ':' || stamp::text, true);
  return stamp;
end
$$;

REVOKE ALL ON FUNCTION private.sync_register() FROM PUBLIC;
GRANT ALL ON FUNCTION private.sync_register() TO authenticated;
GRANT ALL ON FUNCTION private.sync_register() TO service_role;
