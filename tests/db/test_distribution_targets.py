"""Distribution targets (分销目标), issue 18 part 3: set per dealer or area, SKU and month by area
managers (their areas) and managers; bad input refused with a bilingual message and nothing
written; every change audited (who, when, old → new); target versus actual equals the one
distribution function (private.distribution)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.db.request_helpers import freeze
from tests.postgrest import request, rpc, rpc_rows

MONTH = "2026-12-01"  # the frozen today is 2026-12-10


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    freeze(conn)
    w = build_world(conn)
    # a second SKU and a second outlet under D_SH: S_SH orders P1 today (the world's submitted
    # order), S_SH2 carries nothing; so P1 is at 50 % (1 of 2 outlets), P2 at 0 %
    w.ids["P2"] = str(
        conn.execute(
            "insert into products (sku, name, brand, spec, unit_price)"
            " values ('P2', '绿茶', '清泉', '500ml×15', 30) returning id"
        ).fetchone()[0]
    )
    conn.execute(
        "insert into customers (code, name, tier, parent_id, area_id, owner_id, status)"
        " select 'S_SH2', '闵行三批', 3, c.id, c.area_id, c.owner_id, 'active' from customers c"
        " where c.code = 'D_SH'"
    )
    return w


def _args(world: World, **change: Any) -> dict[str, Any]:
    return {
        "p_dealer_id": world.ids["D_SH"],
        "p_product_id": world.ids["product"],
        "p_month": MONTH,
        "p_target_pct": 50,
        "p_target_outlets": 1,
        **change,
    }


def _fingerprint(conn: psycopg.Connection) -> Any:
    return conn.execute(
        "select (select jsonb_agg(to_jsonb(t) order by t.id) from distribution_targets t),"
        " (select count(*) from distribution_target_changes)"
    ).fetchone()


def _refused(conn: psycopg.Connection, args: dict[str, Any], claims: Any) -> psycopg.Error:
    before = _fingerprint(conn)
    with pytest.raises(psycopg.Error) as err:
        rpc(conn, "distribution_target_set", args, claims)
    assert err.value.diag.message_detail  # the Chinese half of the message
    assert _fingerprint(conn) == before  # nothing written
    return err.value


def test_set_then_change_is_audited(conn: psycopg.Connection, world: World) -> None:
    c = world.claims
    first = rpc(conn, "distribution_target_set", _args(world), c("am"))
    assert (Decimal(str(first["target_pct"])), first["target_outlets"]) == (Decimal(50), 1)
    assert first["set_by"] == world.users["am"] and first["month"] == MONTH
    again = rpc(conn, "distribution_target_set",
                _args(world, p_target_pct=Decimal("60.5"), p_target_outlets=2), c("mgr"))  # fmt: skip
    assert again["id"] == first["id"]  # one per (dealer, product, month)
    same = rpc(conn, "distribution_target_set",
               _args(world, p_target_pct=Decimal("60.5"), p_target_outlets=2), c("mgr"))  # fmt: skip
    assert same["id"] == first["id"]
    history = conn.execute(
        "select old_pct, new_pct, old_outlets, new_outlets, changed_by::text from"
        " distribution_target_changes where target_id = %s order by changed_at, new_pct",
        (first["id"],),
    ).fetchall()
    assert history == [
        (None, Decimal("50.0"), None, 1, world.users["am"]),
        (Decimal("50.0"), Decimal("60.5"), 1, 2, world.users["mgr"]),
    ]  # the unchanged third call records nothing
    # the history is append-only, for the service side too
    with pytest.raises(psycopg.Error):
        conn.execute("delete from distribution_target_changes")
    # staff who see the dealer read it, others do not
    for persona, n in (("rep", 2), ("am", 2), ("mgr", 2), ("rep2", 0), ("am2", 0), ("dealer", 0)):
        with request(conn, c(persona)) as cur:
            q = "select count(*) as n from distribution_target_changes where target_id = %s"
            assert cur.execute(q, (first["id"],)).fetchone()["n"] == n, persona
    # an area's target
    area = rpc(conn, "distribution_target_set",
               _args(world, p_dealer_id=None, p_area_id=world.ids["area_SH"]), c("am"))  # fmt: skip
    assert area["area_id"] == world.ids["area_SH"] and area["dealer_id"] is None


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"p_target_pct": 101}, "target_pct"),
        ({"p_target_pct": -1}, "target_pct"),
        ({"p_target_pct": Decimal("50.25")}, "target_pct"),
        ({"p_target_pct": None}, "target_pct"),
        ({"p_target_outlets": -1}, "target_outlets"),
        ({"p_target_outlets": None}, "target_outlets"),
        ({"p_month": "2026-12-05"}, "month"),
        ({"p_month": None}, "month"),
        ({"p_product_id": "00000000-0000-4000-8000-000000000000"}, "product_id"),
        ({"p_dealer_id": None}, "dealer_id"),  # neither a dealer nor an area
        ({"p_area_id": "@area_SH"}, "dealer_id"),  # both
        ({"p_dealer_id": "@S_SH"}, "dealer_id"),  # an outlet is not a dealer
    ],
)
def test_bad_input_is_refused(
    conn: psycopg.Connection, world: World, change: dict[str, Any], words: str
) -> None:
    change = {
        k: world.ids[v[1:]] if isinstance(v, str) and v.startswith("@") else v
        for k, v in change.items()
    }
    err = _refused(conn, _args(world, **change), world.claims("am"))
    assert err.sqlstate == "22023"
    assert words in str(err) and words in (err.diag.message_detail or "")


def test_who_may_set(conn: psycopg.Connection, world: World) -> None:
    c = world.claims
    assert _refused(conn, _args(world), c("rep")).sqlstate == "42501"
    assert _refused(conn, _args(world), c("dealer")).sqlstate == "42501"
    # another area's dealer or area: not found, for the area manager
    assert _refused(conn, _args(world), c("am2")).sqlstate == "P0002"
    zj = _args(world, p_dealer_id=world.ids["D_ZJ"])
    assert _refused(conn, zj, c("am")).sqlstate == "P0002"
    zj_area = _args(world, p_dealer_id=None, p_area_id=world.ids["area_ZJ"])
    assert _refused(conn, zj_area, c("am")).sqlstate == "P0002"
    assert rpc(conn, "distribution_target_set", zj, c("mgr"))["dealer_id"] == world.ids["D_ZJ"]
    # a direct write is refused to everyone
    for persona in ("am", "mgr"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege), request(conn, c(persona)) as cur:
            cur.execute("update distribution_targets set target_pct = 1")


def test_target_vs_actual_is_the_distribution_function(
    conn: psycopg.Connection, world: World
) -> None:
    c = world.claims
    rpc(conn, "distribution_target_set", _args(world), c("am"))  # P1 50 %, 1 outlet: met
    rpc(conn, "distribution_target_set",
        _args(world, p_product_id=world.ids["P2"], p_target_pct=30, p_target_outlets=1),
        c("am"))  # fmt: skip  # P2 30 %, 1 outlet: missed
    rows = rpc_rows(conn, "distribution_vs_target",
                    {"p_dealer_id": world.ids["D_SH"], "p_month": MONTH}, c("rep"))  # fmt: skip
    got = {
        r["sku"]: (r["target_pct"], r["actual_pct"], r["target_outlets"], r["actual_outlets"],
                   r["gap_pct"], r["gap_outlets"], r["met"])
        for r in rows
    }  # fmt: skip
    assert got == {
        "P1": (50.0, 50.0, 1, 1, 0.0, 0, True),
        "P2": (30.0, 0, 1, 0, -30.0, -1, False),
    }
    # the same numbers as the one definition, as of the month's last day so far (today)
    one = conn.execute(
        "select p.sku, coalesce(d.distribution_pct, 0), d.carrying, d.outlets"
        " from private.distribution('2026-12-10', 90, array[%s]::uuid[]) d"
        " join products p on p.id = d.product_id",
        (world.ids["D_SH"],),
    ).fetchall()
    assert {s: (float(p), n, o) for s, p, n, o in one} == {
        r["sku"]: (float(r["actual_pct"]), r["actual_outlets"], r["outlets"]) for r in rows
    }
    # a past month is taken as of its last day: November had no order yet (0 %), no targets
    nov = rpc_rows(conn, "distribution_vs_target",
                   {"p_dealer_id": world.ids["D_SH"], "p_month": "2026-11-01"}, c("am"))  # fmt: skip
    assert all(r["target_pct"] is None and r["met"] is None for r in nov)
    # bad month, out of scope, a dealer: refused
    with pytest.raises(psycopg.Error) as err:
        rpc_rows(conn, "distribution_vs_target",
                 {"p_dealer_id": world.ids["D_SH"], "p_month": "2026-12-02"}, c("am"))  # fmt: skip
    assert err.value.sqlstate == "22023"
    for persona in ("rep2", "dealer"):
        with pytest.raises(psycopg.Error) as err:
            rpc_rows(conn, "distribution_vs_target",
                     {"p_dealer_id": world.ids["D_SH"], "p_month": MONTH}, c(persona))  # fmt: skip
        assert err.value.sqlstate in ("P0002", "42501")


def test_the_monthly_report_lists_targets_vs_actual(
    conn: psycopg.Connection, world: World, tmp_path: Any
) -> None:
    from backend.reports_monthly import DISTRIBUTION, monthly_report

    rpc(conn, "distribution_target_set", _args(world), world.claims("am"))
    rpc(conn, "distribution_target_set",
        _args(world, p_product_id=world.ids["P2"], p_target_pct=30, p_target_outlets=1),
        world.claims("am"))  # fmt: skip
    counts = monthly_report(conn, "2026-12", tmp_path / "r.xlsx")
    assert counts[DISTRIBUTION.name] == 2
    import pandas as pd

    sheet = pd.read_excel(tmp_path / "r.xlsx", sheet_name=DISTRIBUTION.name, header=2)
    sheet = sheet.rename(columns={h: c for c, h, _ in DISTRIBUTION.cols})
    got = {
        r.sku: (r.target_pct, r.actual_pct, r.gap_pct, r.target_outlets, r.actual_outlets, r.met)
        for r in sheet.itertuples()
    }
    assert got == {
        "P1": (50, 50, 0, 1, 1, "达成 met"),
        "P2": (30, 0, -30, 1, 0, "未达成 missed"),
    }


def test_an_area_target_against_the_sum_over_its_dealers(
    conn: psycopg.Connection, world: World, tmp_path: Any
) -> None:
    c = world.claims
    # a second SH dealer with one outlet carrying P1 (a shipment today) and one carrying nothing
    d2 = conn.execute(
        "insert into customers (code, name, tier, area_id, owner_id, status)"
        " select 'D_SH2', '浦东经销商', 1, c.area_id, c.owner_id, 'active' from customers c"
        " where c.code = 'D_SH' returning id"
    ).fetchone()[0]
    for code in ("S_SH3", "S_SH4"):
        conn.execute(
            "insert into customers (code, name, tier, parent_id, area_id, owner_id, status)"
            " select %s, %s, 2, %s, c.area_id, c.owner_id, 'active' from customers c"
            " where c.code = 'D_SH'",
            (code, f"网点{code}", d2),
        )
    conn.execute(
        "insert into shipments (doc_no, line_no, customer_id, product_id, shipped_on, quantity,"
        " unit_price, amount) select 'SO-A', 1, c.id, %s, private.company_today(), 2, 30, 60"
        " from customers c where c.code = 'S_SH3'",
        (world.ids["product"],),
    )
    area = {"p_dealer_id": None, "p_area_id": world.ids["area_SH"]}
    rpc(conn, "distribution_target_set", _args(world, **area, p_target_pct=60,
        p_target_outlets=2), c("am"))  # fmt: skip
    rows = rpc_rows(conn, "area_distribution_vs_target",
                    {"p_area_id": world.ids["area_SH"], "p_month": MONTH}, c("am"))  # fmt: skip
    # the one definition, per dealer, summed: carrying outlets ÷ all outlets of the area's dealers
    carrying, outlets = conn.execute(
        "select sum(d.carrying), sum(d.outlets) from private.distribution('2026-12-10', 90,"
        " array(select id from customers where tier = 1 and area_id = %s)) d"
        " where d.product_id = %s",
        (world.ids["area_SH"], world.ids["product"]),
    ).fetchone()
    assert (carrying, outlets) == (2, 4)  # S_SH (an order) and S_SH3 (a shipment) of 4
    [row] = rows
    assert (row["target_pct"], row["actual_pct"], row["actual_outlets"], row["outlets"]) == (
        60.0, 50.0, 2, 4)  # fmt: skip
    assert (row["dealers"], row["gap_pct"], row["gap_outlets"], row["met"]) == (2, -10.0, 0, False)
    # the report lists it as the area's row beside the dealers'
    from backend.reports_monthly import DISTRIBUTION, monthly_report

    monthly_report(conn, "2026-12", tmp_path / "r.xlsx")
    import pandas as pd

    sheet = pd.read_excel(tmp_path / "r.xlsx", sheet_name=DISTRIBUTION.name, header=2)
    sheet = sheet.rename(columns={h: c for c, h, _ in DISTRIBUTION.cols})
    [area_row] = [r for r in sheet.itertuples() if r.customer_name == "区域合计 Area"]
    assert (area_row.target_pct, area_row.actual_pct, area_row.met) == (60, 50, "未达成 missed")
    # a bad month, another area's manager, a dealer: refused
    with pytest.raises(psycopg.Error) as err:
        rpc_rows(conn, "area_distribution_vs_target",
                 {"p_area_id": world.ids["area_SH"], "p_month": "2026-12-05"}, c("am"))  # fmt: skip
    assert err.value.sqlstate == "22023"
    for persona in ("am2", "dealer"):
        with pytest.raises(psycopg.Error) as err:
            rpc_rows(conn, "area_distribution_vs_target",
                     {"p_area_id": world.ids["area_SH"], "p_month": MONTH}, c(persona))  # fmt: skip
        assert err.value.sqlstate in ("P0002", "42501")
