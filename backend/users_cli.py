"""`fieldsales user deactivate EMAIL` and `fieldsales user activate EMAIL` (wired in by
backend.cli with `add_parser(sub)`).

Deactivating sets `profiles.active = false`: from the next request on, the database refuses the
user everything (docs/access.md, "Deactivated users and sessions"). Where the environment
configures Supabase (SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY), it also bans the user in
Supabase Auth, which ends their sessions: the refresh token no longer works and they cannot sign
in again. Activating lifts both. The database change and the Auth call succeed together or not at
all: when Auth refuses or cannot be reached, the profile is left as it was.
"""

from __future__ import annotations

import argparse
import os
import re
from dataclasses import dataclass

import psycopg

from fieldapp.errors import FieldSalesError, InvalidInput

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")  # the same test as profiles.email's check
BAN_FOREVER = "876000h"  # 100 years: Supabase Auth's ban_duration is a Go duration
LIFT_BAN = "none"


class UnknownUser(FieldSalesError):
    """No profile has the email; nothing was changed."""

    title_zh = "找不到用户"
    title_en = "No such user"


class AuthAdminFailed(FieldSalesError):
    """Supabase Auth did not take the ban (or its lifting); the database was left as it was."""

    title_zh = "未完成"
    title_en = "Not done"


@dataclass(frozen=True)
class AuthAdmin:
    """Supabase Auth's admin API, with the service role key (never the app's anon key)."""

    url: str
    service_key: str

    @classmethod
    def from_env(cls) -> AuthAdmin | None:
        """The admin API when SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY are set, None when
        neither is; one without the other is an error (sessions would silently stay open)."""
        url = (os.environ.get("SUPABASE_URL") or "").strip()
        key = (os.environ.get("SUPABASE_SERVICE_ROLE_KEY") or "").strip()
        if not url and not key:
            return None
        if not key:
            raise InvalidInput(
                "已设置 SUPABASE_URL 但没有 SUPABASE_SERVICE_ROLE_KEY：无法结束该用户的登录会话，"
                "未做任何更改",
                "SUPABASE_URL is set but SUPABASE_SERVICE_ROLE_KEY is not: the user's sessions"
                " could not be ended; nothing was changed",
            )
        if not url:
            raise InvalidInput(
                "已设置 SUPABASE_SERVICE_ROLE_KEY 但没有 SUPABASE_URL，未做任何更改",
                "SUPABASE_SERVICE_ROLE_KEY is set but SUPABASE_URL is not; nothing was changed",
            )
        return cls(url.rstrip("/"), key)

    def set_ban(self, user_id: str, duration: str) -> None:
        """PUT /auth/v1/admin/users/{id} {"ban_duration": duration}; AuthAdminFailed if refused."""
        from supabase.lib.client_options import SyncClientOptions

        from supabase import create_client

        try:
            client = create_client(
                self.url,
                self.service_key,
                options=SyncClientOptions(auto_refresh_token=False, persist_session=False),
            )
            client.auth.admin.update_user_by_id(user_id, {"ban_duration": duration})
        except Exception as exc:  # the client raises its own errors, ValueError and httpx's
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            zh, en = ("解除封禁", "lift the ban") if duration == LIFT_BAN else ("封禁", "ban")
            raise AuthAdminFailed(
                f"{self.url} 的 Supabase Auth 未能{zh}该用户（{reason}）；数据库未做任何更改",
                f"Supabase Auth at {self.url} did not {en} the user ({reason});"
                " the database was not changed",
            ) from exc


@dataclass(frozen=True)
class Change:
    """What set_active did."""

    user_id: str
    role: str
    was_active: bool
    auth: bool  # the Supabase ban was set (or lifted) too


def set_active(
    conn: psycopg.Connection, email: str, active: bool, auth: AuthAdmin | None
) -> Change:
    """Set the profile's `active` and, with Supabase, ban or unban the user, in one transaction
    that is rolled back when Auth does not take the change."""
    with conn.transaction():
        row = conn.execute(
            "select id::text, role, active from public.profiles where lower(email) = lower(%s)"
            " for update",
            (email,),
        ).fetchone()
        if row is None:
            raise UnknownUser(
                f"没有邮箱为 {email} 的用户，未做任何更改",
                f"no user has the email {email}; nothing was changed",
            )
        user_id, role, was_active = row
        conn.execute("update public.profiles set active = %s where id = %s", (active, user_id))
        if auth is not None:  # last, so that its failure rolls the update back
            auth.set_ban(user_id, LIFT_BAN if active else BAN_FOREVER)
    return Change(user_id, role, was_active, auth is not None)


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `user deactivate EMAIL` and `user activate EMAIL` to the CLI."""
    user = sub.add_parser("user", help="people who sign in").add_subparsers(
        required=True, metavar="TASK"
    )
    off = user.add_parser(
        "deactivate",
        help="refuse the user everything at once and end their Supabase sessions",
        description="Sets profiles.active = false (the database refuses the user from the next"
        " request on) and, with SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY, bans the user in"
        " Supabase Auth, which ends their sessions. Both or neither.",
    )
    off.add_argument("email", metavar="EMAIL")
    off.set_defaults(run=run_deactivate)
    on = user.add_parser(
        "activate", help="let a deactivated user in again (lifts the Supabase ban)"
    )
    on.add_argument("email", metavar="EMAIL")
    on.set_defaults(run=run_activate)


def run_deactivate(args: argparse.Namespace) -> int:
    return _run(args.email, active=False)


def run_activate(args: argparse.Namespace) -> int:
    return _run(args.email, active=True)


def _run(email: str, *, active: bool) -> int:
    from backend.db import connect

    email = email.strip()
    if not EMAIL.match(email):
        raise InvalidInput(f"不是有效的邮箱地址：{email!r}", f"not an email address: {email!r}")
    auth = AuthAdmin.from_env()  # a half-configured Supabase fails before any change
    with connect(autocommit=True) as conn:
        change = set_active(conn, email, active, auth)
    verb = "已启用 | activated" if active else "已停用 | deactivated"
    same = "（原已如此 | it already was）" if change.was_active == active else ""
    print(f"{verb} {email} ({change.role}){same}")
    if change.auth:
        print(
            "Supabase：已解除封禁，可以重新登录 | the ban is lifted: they can sign in again"
            if active
            else "Supabase：已封禁，登录会话已结束 | banned: their sessions are ended"
        )
    elif not active:
        print(
            "未配置 Supabase：数据库从下一次请求起拒绝该用户"
            " | no Supabase configured: the database refuses them from the next request on"
        )
    return 0
