-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.notify_channel_save(p_name text, p_platform text, p_webhook_ref text, p_secret_ref text DEFAULT NULL::text, p_area_id uuid DEFAULT NULL::uuid, p_active boolean DEFAULT true, p_channel_id uuid DEFAULT NULL::uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  v_name text := btrim(coalesce(p_name, ''));
  v_webhook text := btrim(coalesce(p_webhook_ref, ''));
  v_secret text := nullif(btrim(coalesce(p_secret_ref, '')), '');
  ch public.notify_channels;
begin
  perform private.require_caller();
  perform private.require_manager('only a manager adds or changes a group bot',
                                  '只有销售经理可以添加或修改群机器人');
  if p_channel_id is not null and not exists (
      select from public.notify_channels c where c.id = p_channel_id) then
    raise exception 'no such group bot (p_channel_id)' using errcode = 'P0002',
      detail = '没有这个群机器人（p_channel_id）';
  end if;
  if char_length(v_name) not between 1 and 100 then
    raise exception 'p_name, the name of the bot, is 1 to 100 characters' using errcode = '22023',
      detail = '机器人名称（p_name）须为1到100个字符';
  end if;
  if p_platform is null or p_platform not in ('wecom', 'dingtalk', 'feishu') then
    raise exception 'p_platform must be wecom, dingtalk or feishu (got %)',
      coalesce(left(p_platform, 20), 'nothing') using errcode = '22023',
      detail = '平台（p_platform）须为企业微信（wecom）、钉钉（dingtalk）或飞书（feishu）';
  end if;
  if p_area_id is not null and not exists (
      select from public.areas a where a.id = p_area_id and a.deleted_at is null) then
    raise exception 'p_area_id: no such area (leave it empty for all areas)' using errcode = '22023',
      detail = '没有这个区域（p_area_id）；全部区域请留空';
  end if;
  if v_webhook = '' then
    raise exception 'p_webhook_ref is required: the name that holds the webhook URL'
      using errcode = '22023', detail = '请填写 Webhook 引用名（p_webhook_ref）';
  end if;
  perform private.check_notify_ref('p_webhook_ref', 'Webhook 引用名', v_webhook);
  if v_secret is null and p_platform <> 'wecom' then
    raise exception 'p_secret_ref is required: a % bot signs its messages', p_platform
      using errcode = '22023',
      detail = '钉钉和飞书机器人须填写签名密钥引用名（p_secret_ref）';
  end if;
  if v_secret is not null then
    perform private.check_notify_ref('p_secret_ref', '签名密钥引用名', v_secret);
  end if;
  if p_active is null then
    raise exception 'p_active is required: whether the bot receives events' using errcode = '22023',
      detail = '请指定是否启用（p_active）';
  end if;
  if p_channel_id is null then
    insert into public.notify_channels (name, platform, area_id, webhook_ref, secret_ref, active)
    values (v_name, p_platform, p_area_id, v_webhook, v_secret, p_active)
    returning * into ch;
  else
    update public.notify_channels c
       set name = v_name, platform = p_platform, area_id = p_area_id, webhook_ref = v_webhook,
           secret_ref = v_secret, active = p_active, updated_at = now()
     where c.id = p_channel_id
    returning * into ch;
  end if;
  return private.notify_channel_snapshot(ch) || jsonb_build_object('id', ch.id);
end
$$;

REVOKE ALL ON FUNCTION public.notify_channel_save(p_name text, p_platform text, p_webhook_ref text, p_secret_ref text, p_area_id uuid, p_active boolean, p_channel_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.notify_channel_save(p_name text, p_platform text, p_webhook_ref text, p_secret_ref text, p_area_id uuid, p_active boolean, p_channel_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.notify_channel_save(p_name text, p_platform text, p_webhook_ref text, p_secret_ref text, p_area_id uuid, p_active boolean, p_channel_id uuid) TO authenticated;
