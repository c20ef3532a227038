"""`fieldsales map export`: customers and their key figures as one shareable HTML map (folium).

The figures come from one set-based query (no per-customer round trips), the page itself is
built by `backend.map_page` from the shared legend table. The file is written only when
everything succeeded, so a bad area or rep code leaves nothing behind.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

from backend import clock
from fieldapp.domain.geo import wgs84_to_gcj02
from fieldapp.domain.legend import TILES
from fieldapp.errors import InvalidInput

_QUERY = """
with recursive picked_areas as (
  select a.id from public.areas a where a.id = %(area_id)s::uuid
  union all
  select a.id from public.areas a join picked_areas p on a.parent_id = p.id
),
c as (
  select c.id, c.code, c.name, c.tier, c.grade, c.quadrant, c.lat, c.lng, c.credit_limit,
         c.owner_id, c.area_id
  from public.customers c
  where c.deleted_at is null
    and (%(area_id)s::uuid is null or c.area_id in (select id from picked_areas))
    and (%(rep_id)s::uuid is null or c.owner_id = %(rep_id)s::uuid)
),
ids as (
  select __IDS__ as ids
),
-- the figures are the server's one definition of each (20261201120000_figures.sql)
b as (
  select b.customer_id, b.balance
  from ids, private.balances(%(as_of)s, ids.ids) b
),
f as (
  select f.customer_id, f.period_purchases, f.period_plan
  from ids, private.sales_figures(%(as_of)s, ids.ids, %(start)s) f
),
lp as (
  select l.customer_id, l.last_day
  from ids, private.last_purchases(%(as_of)s, ids.ids) l
),
v as (
  select v.customer_id, max(v.checkin_at) as last_visit
  from public.visits v
  where v.deleted_at is null and v.status <> 'cancelled'
    and (v.checkin_at at time zone (select private.company_tz()))::date <= %(as_of)s __ONLY__(v)
  group by v.customer_id
),
w as (
  select w.customer_id,
         array_agg(w.kind order by array_position(%(sevs)s::text[], w.severity) desc, w.kind)
           as kinds,
         array_agg(w.severity order by array_position(%(sevs)s::text[], w.severity) desc, w.kind)
           as severities
  from public.warnings w
  where w.status <> 'resolved' __ONLY__(w)
  group by w.customer_id
)
select c.id::text, c.code, c.name, c.tier, c.grade, c.quadrant,
       round(c.lat::numeric, 6)::float8, round(c.lng::numeric, 6)::float8,
       round(coalesce(f.period_purchases, 0))::bigint, round(coalesce(f.period_plan, 0))::bigint,
       round(coalesce(b.balance, 0))::bigint,
       round(c.credit_limit)::bigint, lp.last_day::text,
       ((v.last_visit at time zone (select private.company_tz()))::date)::text,
       o.full_name, a.name, coalesce(w.kinds, '{}'), coalesce(w.severities, '{}')
from c
join public.areas a on a.id = c.area_id
left join public.profiles o on o.id = c.owner_id
left join b on b.customer_id = c.id
left join f on f.customer_id = c.id
left join lp on lp.customer_id = c.id
left join v on v.customer_id = c.id
left join w on w.customer_id = c.id
order by c.code
"""


@dataclass(frozen=True, slots=True)
class MapCustomer:
    """One customer's position (to 0.1 m) and its popup's key figures (money in whole CNY)."""

    id: str
    code: str
    name: str
    tier: int
    grade: str | None
    quadrant: str | None
    lat: float | None
    lng: float | None
    bought_12m: int  # purchases in the 12 calendar months up to as_of (private.sales_figures)
    plan_12m: int  # plan for those months, the current month pro-rated by elapsed days
    balance: int  # the receivable balance as of as_of (private.balances)
    credit_limit: int
    last_purchase: str | None  # ISO date
    last_visit: str | None  # ISO date (local calendar day)
    rep: str | None
    area: str
    warnings: tuple[tuple[str, str], ...]  # open (unresolved) (kind, severity), worst first

    @property
    def worst(self) -> str:
        """The most severe open warning, or 'none'."""
        return self.warnings[0][1] if self.warnings else "none"


@dataclass(frozen=True)
class ExportStats:
    """What an export wrote."""

    path: Path
    customers: int  # matched by the filters
    on_map: int  # of those, with a position
    without_position: int
    with_warnings: int
    tiles: str
    offline: bool
    bytes: int
    seconds: float


def window(as_of: dt.date) -> tuple[dt.date, dt.date, float]:
    """First day of the 12-month window, first day of as_of's month, share of it elapsed."""
    month = as_of.replace(day=1)
    y, m = divmod(month.year * 12 + month.month - 1 - 11, 12)
    days = calendar.monthrange(as_of.year, as_of.month)[1]
    return dt.date(y, m + 1, 1), month, as_of.day / days


def resolve_area(conn: psycopg.Connection, code: str) -> tuple[str, str]:
    """(id, name) of the area with this code (any case), or InvalidInput listing known codes."""
    row = conn.execute(
        "select id::text, name from public.areas where lower(code) = lower(%s)"
        " and deleted_at is null",
        (code,),
    ).fetchone()
    if row:
        return row[0], row[1]
    known = [r[0] for r in conn.execute("select code from public.areas order by code limit 12")]
    listed = ", ".join(known) if known else "—"
    raise InvalidInput(
        f"没有编码为 “{code}” 的区域（已有：{listed}）",
        f"no area with code '{code}' (known: {listed})",
    )


def resolve_rep(conn: psycopg.Connection, email: str) -> tuple[str, str]:
    """(id, full name) of the user with this e-mail (any case), or InvalidInput."""
    row = conn.execute(
        "select id::text, full_name from public.profiles where lower(email) = lower(%s)",
        (email.strip(),),
    ).fetchone()
    if row:
        return row[0], row[1]
    raise InvalidInput(f"没有邮箱为 “{email}” 的业务员", f"no rep (user) with e-mail '{email}'")


def load_customers(
    conn: psycopg.Connection,
    as_of: dt.date,
    area_id: str | None = None,
    rep_id: str | None = None,
) -> list[MapCustomer]:
    """Customers matching the filters with their key figures, in one set-based query."""
    start, _, _ = window(as_of)
    params = {
        "area_id": area_id,
        "rep_id": rep_id,
        "as_of": as_of,
        "start": start,
        "sevs": ["low", "medium", "high"],
    }
    # Filtered: the figures of the picked customers only. Whole company: every customer's at
    # once (null ids: a plain hash aggregate, twice as fast as restricting to "all customers").
    filtered = bool(area_id or rep_id)
    ids = "(select coalesce(array_agg(id), '{}') from c)" if filtered else "null::uuid[]"
    only = r"and \1.customer_id in (select id from c)" if filtered else ""
    query = re.sub(r"__ONLY__\((\w)\)", only, _QUERY.replace("__IDS__", ids))
    with conn.transaction(), conn.cursor() as cur:
        # JIT compilation costs ~1.4 s on this query and saves nothing
        cur.execute("set local jit = off")
        cur.execute(query, params)
        rows = cur.fetchall()
    return [
        MapCustomer(
            r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11],
            r[12], r[13], r[14], r[15], tuple(zip(r[16], r[17], strict=True)),
        )
        for r in rows
    ]  # fmt: skip


def export_map(
    conn: psycopg.Connection,
    out: Path,
    area: str | None = None,
    rep: str | None = None,
    tiles: str = "osm",
    offline: bool = False,
    *,
    as_of: dt.date | None = None,
    tianditu_key: str | None = None,
) -> ExportStats:
    """Write a single-file HTML map of the customers in an area and/or of a rep."""
    from backend.map_page import build_page

    started = time.perf_counter()
    source = TILES.get(tiles)
    if source is None:
        raise InvalidInput(
            f"未知底图 “{tiles}”（可选：{', '.join(TILES)}）",
            f"unknown tiles '{tiles}' (choose from {', '.join(TILES)})",
        )
    key = None
    if source.key_env:
        key = tianditu_key or os.environ.get(source.key_env)
        if not key:
            raise InvalidInput(
                f"{source.label_zh}底图需要密钥：设置环境变量 {source.key_env}",
                f"{source.label_en} tiles need a key: set {source.key_env}",
            )
    out = Path(out)
    if not out.parent.is_dir():
        raise InvalidInput(f"目录不存在：{out.parent}", f"folder does not exist: {out.parent}")
    as_of = as_of or clock.today(conn)
    area_id, area_name = resolve_area(conn, area) if area else (None, None)
    rep_id, rep_name = resolve_rep(conn, rep) if rep else (None, None)
    customers = load_customers(conn, as_of, area_id, rep_id)
    if source.datum == "gcj02":
        customers = [_to_gcj02(c) for c in customers]
    scope = " · ".join(x for x in (area_name, rep_name) if x)
    html = build_page(customers, source, key=key, offline=offline, as_of=as_of, scope=scope)
    data = html.encode("utf-8")
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    on_map = sum(1 for c in customers if c.lat is not None)
    return ExportStats(
        path=out,
        customers=len(customers),
        on_map=on_map,
        without_position=len(customers) - on_map,
        with_warnings=sum(1 for c in customers if c.warnings),
        tiles=source.key,
        offline=offline,
        bytes=len(data),
        seconds=time.perf_counter() - started,
    )


def _to_gcj02(c: MapCustomer) -> MapCustomer:
    """The customer with its position shifted for GCJ-02 tiles (AMap)."""
    if c.lat is None or c.lng is None:
        return c
    lat, lng = wgs84_to_gcj02(c.lat, c.lng)
    return _replace(c, lat, lng)


def _replace(c: MapCustomer, lat: float, lng: float) -> MapCustomer:
    """A copy of c at another position (dataclasses.replace is slow on 50,000 rows)."""
    fields = [getattr(c, f) for f in MapCustomer.__slots__]
    fields[6], fields[7] = lat, lng
    return MapCustomer(*fields)
