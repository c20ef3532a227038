"""supabase/seed.sql runs on the migrated schema and can run twice."""

import psycopg

from tests.conftest import ROOT


def test_seed_sql_applies_twice(conn: psycopg.Connection) -> None:
    seed = (ROOT / "supabase" / "seed.sql").read_text(encoding="utf-8")
    conn.execute(seed)
    conn.execute(seed)
    assert conn.execute("select count(*) from public.products").fetchone()[0] == 2
