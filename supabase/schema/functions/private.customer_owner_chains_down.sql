-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.customer_owner_chains_down() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
begin
  -- a statement trigger fires for an update of no rows too: that is where the cascade stops
  if not exists (select from new_rows) then
    return null;
  end if;
  execute 'update public.customers c set owner_chain = c.owner_chain'
          ' from new_rows n join old_rows o on o.id = n.id'
          ' where c.parent_id = n.id and o.owner_chain is distinct from n.owner_chain';
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.customer_owner_chains_down() FROM PUBLIC;
GRANT ALL ON FUNCTION private.customer_owner_chains_down() TO authenticated;
