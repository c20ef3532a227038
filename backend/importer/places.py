"""Province / city / district from the coordinates, offline, for the imported customers whose
are blank (issue 19). Runs after the rows are loaded, in the import's transaction, and only
fills NULLs: a place given in the sheet, or set earlier, is never overwritten. The lookup is
fieldapp/domain/districts.py over the packaged boundaries: no network."""

from __future__ import annotations

import psycopg

from fieldapp.domain import districts


def fill_places(conn: psycopg.Connection, codes: list[str]) -> int:
    """Fill blank province/city/district of these customers from lat/lng; how many changed."""
    if not codes:
        return 0
    rows = conn.execute(
        "select id, lat, lng from public.customers where code = any(%s) and lat is not null"
        " and (province is null or city is null or district is null)",
        (codes,),
    ).fetchall()
    ids: list[str] = []
    found: dict[str, list[str | None]] = {"province": [], "city": [], "district": []}
    for cid, lat, lng in rows:
        place = districts.locate(lat, lng)
        if place is None:
            continue  # the sea, abroad: left blank, not guessed
        ids.append(str(cid))
        found["province"].append(place.province)
        found["city"].append(place.city)
        found["district"].append(place.district)
    if not ids:
        return 0
    cur = conn.execute(
        """
        update public.customers c
           set province = coalesce(c.province, p.province),
               city = coalesce(c.city, p.city),
               district = coalesce(c.district, p.district)
          from unnest(%s::uuid[], %s::text[], %s::text[], %s::text[])
               as p(id, province, city, district)
         where c.id = p.id
           and (c.province, c.city, c.district) is distinct from
               (coalesce(c.province, p.province), coalesce(c.city, p.city),
                coalesce(c.district, p.district))
        """,
        (ids, found["province"], found["city"], found["district"]),
    )
    return cur.rowcount
