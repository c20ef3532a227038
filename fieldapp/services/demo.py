"""Demo mode: the users a visitor may sign in as, read from the demo database.

Trusted-LAN/demo only, exactly like fieldapp.sync.pg_remote.PgRemote.sign_in (the connection is
the credential). psycopg is imported only when this is called, so the packed phone app never
needs it.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.sync.errors import ConnectionLost


@dataclass(frozen=True)
class DemoUser:
    """A user of the demo data."""

    email: str
    full_name: str
    role: str
    area: str | None


def list_demo_users(database_url: str, limit_per_role: int = 12) -> list[DemoUser]:
    """Active users by role (rep, area manager, manager, dealer), at most limit_per_role each."""
    import psycopg

    query = """
        select email, full_name, role, area from (
          select p.email, p.full_name, p.role, a.name as area,
                 row_number() over (partition by p.role order by p.email) as n
            from public.profiles p left join public.areas a on a.id = p.area_id
           where p.active) u
         where n <= %s
         order by array_position(array['rep', 'area_manager', 'manager', 'dealer'], role), email
    """
    try:
        with psycopg.connect(database_url, connect_timeout=10) as conn:
            rows = conn.execute(query, (limit_per_role,)).fetchall()
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConnectionLost(
            f"无法读取演示账号：{first}", f"cannot read the demo users: {first}"
        ) from exc
    return [DemoUser(*r) for r in rows]
