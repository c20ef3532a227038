"""Province / city / district from the coordinates, offline, for the imported customers whose
are blank (issue 19). Only NULLs are filled: a place given in the sheet, or set earlier, is
never overwritten. New customers get theirs in the frame, before they are written (`prefill`),
so they are inserted whole; existing ones left blank are filled after the load (`fill_places`),
in the import's transaction. Filling 20,000 new customers after their insert rewrote every row
once more (its triggers included): 10.6 s of the large demo's import. The lookup is
fieldapp/domain/districts.py over the packaged boundaries: no network."""

from __future__ import annotations

import pandas as pd
import psycopg

from fieldapp.domain import districts

PLACES = ("province", "city", "district")


def prefill(conn: psycopg.Connection, frame: pd.DataFrame) -> pd.DataFrame:
    """The customers' frame with the blank places of customers not yet in the database filled
    from their coordinates (a copy; the frame itself is left as it is)."""
    if "lat" not in frame or "lng" not in frame or frame.empty:
        return frame
    known = {
        r[0]
        for r in conn.execute(
            "select code from public.customers where code = any(%s)",
            (list(frame["code"].dropna()),),
        )
    }
    out = frame.copy()
    for col in PLACES:
        if col not in out:
            out[col] = None
        out[col] = out[col].astype(object)
    blank = out[list(PLACES)].isna().any(axis=1)
    todo = blank & out["lat"].notna() & out["lng"].notna() & ~out["code"].isin(known)
    for i, lat, lng in zip(out.index[todo], out["lat"][todo], out["lng"][todo], strict=True):
        place = districts.locate(lat, lng)
        if place is None:
            continue  # the sea, abroad: left blank, not guessed
        for col in PLACES:
            if pd.isna(out.at[i, col]):
                out.at[i, col] = getattr(place, col)
    return out


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
