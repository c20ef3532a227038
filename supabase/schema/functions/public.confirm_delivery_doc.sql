-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.confirm_delivery_doc(p_doc_no text, p_lines jsonb DEFAULT '[]'::jsonb, p_note text DEFAULT NULL::text, p_photo_id uuid DEFAULT NULL::uuid, p_confirmation_id uuid DEFAULT NULL::uuid) RETURNS public.delivery_confirmations
    LANGUAGE plpgsql
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  row public.delivery_confirmations;
begin
  perform private.require_caller();
  if (select private.my_role()) <> 'dealer' then
    perform private.deny('only the receiving dealer confirms a delivery', '只有收货的经销商可以确认到货');
  end if;
  if p_confirmation_id is not null then
    select * into row from public.delivery_confirmations d where d.id = p_confirmation_id;
    if found and row.doc_no = p_doc_no then
      return row;
    end if;
  end if;
  insert into public.delivery_confirmations (id, doc_no, lines, note, photo_id)
  values (coalesce(p_confirmation_id, gen_random_uuid()), p_doc_no, p_lines, p_note, p_photo_id)
  returning * into row;
  return row;
end
$$;

REVOKE ALL ON FUNCTION public.confirm_delivery_doc(p_doc_no text, p_lines jsonb, p_note text, p_photo_id uuid, p_confirmation_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.confirm_delivery_doc(p_doc_no text, p_lines jsonb, p_note text, p_photo_id uuid, p_confirmation_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.confirm_delivery_doc(p_doc_no text, p_lines jsonb, p_note text, p_photo_id uuid, p_confirmation_id uuid) TO service_role;
