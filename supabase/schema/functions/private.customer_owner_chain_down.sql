-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.customer_owner_chain_down() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  update public.customers c set owner_chain = c.owner_chain where c.parent_id = new.id;
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.customer_owner_chain_down() FROM PUBLIC;
GRANT ALL ON FUNCTION private.customer_owner_chain_down() TO authenticated;
