-- Issue 17, 管理设置 → notification routing: a manager adds or changes a group bot
-- (public.notify_channels) from the app instead of SQL. 1 every change of a bot, by any path, is
-- recorded in public.setting_changes (key 'notify.channel:<id>', old → new, who, when); 2
-- public.notify_channel_save validates each field with a bilingual message naming it (22023) and
-- writes nothing on error; 3 public.notify_channels_list gives the screen each bot with its
-- references and the latest changes.

-- 1 the audit ------------------------------------------------------------------------------------

-- What a bot is, as recorded: never a URL or a secret (the columns hold reference names only).
create or replace function private.notify_channel_snapshot(ch public.notify_channels)
returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'name', ch.name, 'platform', ch.platform, 'area_id', ch.area_id,
    'area', (select a.name from public.areas a where a.id = ch.area_id),
    'webhook_ref', ch.webhook_ref, 'secret_ref', ch.secret_ref, 'active', ch.active)
$$;

create or replace function private.audit_notify_channel() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  was jsonb;
  now_is jsonb;
begin
  if tg_op <> 'INSERT' then
    was := private.notify_channel_snapshot(old);
  end if;
  if tg_op <> 'DELETE' then
    now_is := private.notify_channel_snapshot(new);
  end if;
  if tg_op = 'UPDATE' and was is not distinct from now_is then
    return null;
  end if;
  insert into public.setting_changes (setting_key, old_value, new_value, changed_by)
  values ('notify.channel:' || (case when tg_op = 'DELETE' then old.id else new.id end)::text,
          was, now_is, private.audit_actor());
  return null;
end
$$;
create trigger notify_channels_audit
  after insert or update or delete on public.notify_channels
  for each row execute function private.audit_notify_channel();

-- 2 add or change a bot ----------------------------------------------------------------------------

-- A reference is env:NAME or secret:name (docs/notify.md); a URL or anything else is refused
-- with a message naming the field.
create or replace function private.check_notify_ref(p_field text, p_zh text, p_value text)
returns void
language plpgsql immutable set search_path = ''
as $$
begin
  if p_value ~* '(://|^\s*(https?:|www\.)|/)' then  -- a reference never has a slash
    raise exception '% must be a reference name (env:NAME or secret:name), not a URL', p_field
      using errcode = '22023',
      detail = format('%s（%s）只能填引用名（env:NAME 或 secret:name），不能填网址', p_zh, p_field);
  end if;
  if p_value !~ '^(env:[A-Z][A-Z0-9_]{0,63}|secret:[a-z][a-z0-9_.]{0,63})$' then
    raise exception '% must be env:NAME (an environment variable, capitals) or secret:name'
      ' (a stored secret, lower case), never the value itself', p_field
      using errcode = '22023',
      detail = format('%s（%s）只能填环境变量名（env:大写名称）或密钥名（secret:小写名称），'
                      '不能填密钥或地址本身', p_zh, p_field);
  end if;
end
$$;

-- Managers only. p_channel_id null adds a bot, else changes that one. p_area_id null: all areas
-- (company-wide, private.notify_channels_for); else that area and the areas below it.
-- DingTalk and Feishu need p_secret_ref; for WeCom an empty one is stored as none.
create or replace function public.notify_channel_save(
  p_name text, p_platform text, p_webhook_ref text, p_secret_ref text default null,
  p_area_id uuid default null, p_active boolean default true, p_channel_id uuid default null)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
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

-- 3 the bots and their changes, for the screen -----------------------------------------------------

-- Managers only: each bot with its references (names, never values), the latest 30 changes of
-- any bot (who, when, old → new; a bot removed by SQL keeps its history, named as it was), and
-- the areas a bot may be for (the dialog's chips).
create or replace function public.notify_channels_list()
returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
begin
  perform private.require_caller();
  perform private.require_manager('only a manager reads the group bots',
                                  '只有销售经理可以查看群机器人');
  return jsonb_build_object(
    'channels', coalesce((select jsonb_agg(private.notify_channel_snapshot(ch)
                                           || jsonb_build_object('id', ch.id)
                                           order by ch.name, ch.id)
                            from public.notify_channels ch), '[]'::jsonb),
    'changes', coalesce((select jsonb_agg(x order by x.changed_at desc, x.id desc) from (
                 select c.id, substr(c.setting_key, 16)::uuid as channel_id,
                        coalesce(c.new_value ->> 'name', c.old_value ->> 'name') as channel,
                        c.old_value, c.new_value, c.changed_at,
                        coalesce(p.full_name, '系统 (system)') as changed_by_name
                   from public.setting_changes c
                   left join public.profiles p on p.id = c.changed_by
                  where c.setting_key like 'notify.channel:%'
                  order by c.changed_at desc, c.id desc limit 30) x), '[]'::jsonb),
    'areas', coalesce((select jsonb_agg(jsonb_build_object('id', a.id, 'code', a.code,
                                                           'name', a.name) order by a.code)
                         from public.areas a where a.deleted_at is null), '[]'::jsonb));
end
$$;

-- 4 grants -----------------------------------------------------------------------------------------

revoke all on function private.notify_channel_snapshot(public.notify_channels),
  private.audit_notify_channel(), private.check_notify_ref(text, text, text),
  public.notify_channel_save(text, text, text, text, uuid, boolean, uuid),
  public.notify_channels_list()
  from public, anon, authenticated;
grant execute on function public.notify_channel_save(text, text, text, text, uuid, boolean, uuid),
  public.notify_channels_list() to authenticated;
