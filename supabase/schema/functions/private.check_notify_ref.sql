-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_notify_ref(p_field text, p_zh text, p_value text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $_$
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
$_$;

REVOKE ALL ON FUNCTION private.check_notify_ref(p_field text, p_zh text, p_value text) FROM PUBLIC;
