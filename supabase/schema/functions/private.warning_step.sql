-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.warning_step(w public.warnings, p_action text, p_to_status text, p_owner_id uuid, p_note text, p_photo_ids uuid[], p_category text) RETURNS public.warnings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  note text := nullif(btrim(coalesce(p_note, '')), '');
  now_ timestamptz := private.company_now();
  row public.warnings;
begin
  update public.warnings
     set status = p_to_status,
         owner_id = coalesce(p_owner_id, owner_id),
         acknowledged_at = case when p_to_status = 'acknowledged' then coalesce(acknowledged_at, now_)
                                else acknowledged_at end,
         resolved_at = case when p_to_status = 'resolved' then now_ else resolved_at end,
         resolution = case when p_to_status = 'resolved' then note else resolution end,
         resolution_category = case when p_to_status = 'resolved' then p_category
                                    else resolution_category end,
         notes = case when note is not null and p_to_status <> 'resolved'
                      then right(concat_ws(E'\n', notes, note), 4000) else notes end
   where id = w.id
  returning * into row;
  insert into public.warning_events (warning_id, customer_id, actor_id, at, action, note, photo_ids,
                                     category, from_status, to_status, owner_id)
  values (w.id, w.customer_id, (select auth.uid()), now_, p_action, note,
          coalesce(p_photo_ids, '{}'), p_category, w.status, p_to_status, row.owner_id);
  return row;
end
$$;

REVOKE ALL ON FUNCTION private.warning_step(w public.warnings, p_action text, p_to_status text, p_owner_id uuid, p_note text, p_photo_ids uuid[], p_category text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.warning_step(w public.warnings, p_action text, p_to_status text, p_owner_id uuid, p_note text, p_photo_ids uuid[], p_category text) TO service_role;
