-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_customer_parent() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  parent_tier smallint;
begin
  if new.parent_id is null then
    return new;
  end if;
  select c.tier into parent_tier from public.customers c where c.id = new.parent_id;
  if parent_tier is null then
    raise exception 'parent customer % does not exist', new.parent_id using errcode = '23503';
  end if;
  if parent_tier >= new.tier then
    raise exception 'a tier % customer cannot have a tier % parent', new.tier, parent_tier
      using errcode = '23514';
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.check_customer_parent() FROM PUBLIC;
