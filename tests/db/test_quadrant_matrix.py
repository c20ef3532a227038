"""The quadrant matrix (issue 17, 客户分类矩阵): public.quadrant_matrix on hand-made data whose
quadrants are known (docs/warnings.md, "Quadrants and grades"), classified twice with purchases
changed between the runs; who moved; points and the binned grid; the cut lines from the settings;
who may see what; bad input refused with a bilingual message."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest

from backend.risk import classify
from tests.db.warnings_world import D, World, day
from tests.postgrest import claims_for, rpc

LATER = day("2026-12-31")
MONTHS = [dt.date(2025 + (10 + m) // 12, (10 + m) % 12 + 1, 1) for m in range(12)]  # 2025-11 ..
USERS = {
    "mgr": "boss@example.cn",
    "rep": "rep@example.cn",
    "am": "am1@example.cn",
    "am2": "am2@example.cn",
    "dealer": "dealer@example.cn",
}


@dataclass
class Matrix:
    """The loaded world: customer ids by code, area ids by code, user ids by persona."""

    customers: dict[str, str]
    areas: dict[str, str]
    users: dict[str, str]

    def claims(self, persona: str) -> dict[str, Any] | None:
        """The JWT claims of a persona (anon: none)."""
        return claims_for(self.users.get(persona))


def _world() -> World:
    """Area A1: the four dealers of test_warnings_classify (one per quadrant); area A2: two more,
    served by their own rep and area manager."""
    w = World()
    w.rows["areas"].append({"code": "A2", "name": "第二区"})
    w.rows["users"] += [
        {"email": USERS["am"], "full_name": "赵区经", "role": "area_manager", "area_code": "A1"},
        {"email": USERS["am2"], "full_name": "钱区经", "role": "area_manager", "area_code": "A2"},
        {"email": "rep2@example.cn", "full_name": "孙业务", "role": "rep", "area_code": "A2"},
        {"email": USERS["dealer"], "full_name": "周老板", "role": "dealer",
         "customer_code": "BIGLOYAL"},
    ]  # fmt: skip
    w.customer("BIGLOYAL", exclusive=True, since=day("2020-01-01"))
    w.customer("BIGDIS")
    for m in MONTHS:
        w.plan("BIGLOYAL", m, 10_000).ship("BIGLOYAL", m.replace(day=15), 10_000)
        w.plan("BIGDIS", m, 10_000)
        if m >= day("2026-02-01"):
            w.ship("BIGDIS", m.replace(day=15), 10_000)  # 9 months, never paid
    w.pay("BIGLOYAL", D, 120_000)
    w.evaluation("BIGLOYAL", day("2026-10-01"), 5)
    w.customer("SMALLLOYAL", exclusive=True, since=day("2020-01-01"))
    w.ship("SMALLLOYAL", day("2026-06-01"), 1000).pay("SMALLLOYAL", day("2026-06-20"), 1000)
    w.evaluation("SMALLLOYAL", day("2026-10-01"), 1)
    w.customer("SMALLDIS").ship("SMALLDIS", day("2026-05-01"), 500)
    a2 = {"area_code": "A2", "owner_email": "rep2@example.cn"}
    w.customer("Z_LOYAL", exclusive=True, since=day("2020-01-01"), **a2)
    w.ship("Z_LOYAL", day("2026-09-01"), 5000).pay("Z_LOYAL", day("2026-09-10"), 5000)
    w.customer("Z_DIS", **a2).ship("Z_DIS", day("2026-04-01"), 800)
    return w


def _load(conn: psycopg.Connection) -> Matrix:
    """The world classified on D, then SMALLDIS buys big (paid on time: it becomes loyal too) and
    a new customer without purchases appears in A2, and everyone is classified again on LATER."""
    customers = {k: str(v) for k, v in _world().load(conn).items()}
    classify(conn, D)
    conn.execute(
        "insert into public.shipments (doc_no, line_no, customer_id, product_id, shipped_on,"
        " quantity, unit_price, amount)"
        " select 'SO-BIG', 1, %s, p.id, %s, 1, 300000, 300000 from public.products p",
        (customers["SMALLDIS"], day("2026-12-15")),
    )
    conn.execute(
        "insert into public.payments (reference, customer_id, paid_on, amount)"
        " values ('PAY-OLD', %s, %s, 500)",
        (customers["SMALLDIS"], day("2026-12-20")),
    )
    new = conn.execute(
        "insert into public.customers (code, name, tier, area_id, owner_id)"
        " select 'NEWBIE', '新客户', 1, c.area_id, c.owner_id from public.customers c"
        " where c.code = 'Z_LOYAL' returning id"
    ).fetchone()
    customers["NEWBIE"] = str(new[0])
    classify(conn, LATER)
    areas = {code: str(i) for code, i in conn.execute("select code, id from public.areas")}
    users = {
        k: str(conn.execute("select id from public.profiles where email = %s", (e,)).fetchone()[0])
        for k, e in USERS.items()
    }
    return Matrix(customers, areas, users)


@pytest.fixture
def world(conn: psycopg.Connection) -> Matrix:
    return _load(conn)


def _quadrants(conn: psycopg.Connection, as_of: dt.date) -> dict[str, str]:
    rows = conn.execute(
        "select c.code, cc.quadrant from public.customer_classifications cc"
        " join public.customers c on c.id = cc.customer_id where cc.as_of = %s",
        (as_of,),
    )
    return dict(rows.fetchall())


def test_the_hand_made_world_is_where_it_should_be(conn: psycopg.Connection, world: Matrix) -> None:
    """The data the matrix is checked against: one dealer per quadrant in A1 on D; on LATER
    SMALLDIS is large and loyal, BIGDIS falls below A1's volume cut (the median of 1,000, 90,000,
    100,000 and 300,500), and in A2 the new customer's zero volume puts Z_DIS (never paid) at
    the median: large."""
    before, after = _quadrants(conn, D), _quadrants(conn, LATER)
    assert before == {
        "BIGLOYAL": "core",
        "BIGDIS": "dangerous",
        "SMALLLOYAL": "cultivate",
        "SMALLDIS": "eliminate",
        "Z_LOYAL": "core",
        "Z_DIS": "eliminate",
    }
    assert after == {
        "BIGLOYAL": "core",
        "BIGDIS": "eliminate",
        "SMALLLOYAL": "cultivate",
        "SMALLDIS": "core",
        "Z_LOYAL": "core",
        "Z_DIS": "dangerous",
        "NEWBIE": "eliminate",
    }


def test_a_manager_sees_the_company_with_points_counts_and_movers(
    conn: psycopg.Connection, world: Matrix
) -> None:
    m = rpc(conn, "quadrant_matrix", {}, world.claims("mgr"), read_only=True)
    after = _quadrants(conn, LATER)
    assert m["as_of"] == str(LATER) and m["previous_as_of"] == str(D)
    assert m["cuts"] == {"volume_percentile": 0.5, "loyalty_cutoff": 60}
    assert m["total"] == 7 == len(after) and m["area_id"] is None
    assert m["counts"] == {
        q: sum(1 for v in after.values() if v == q)
        for q in ("core", "dangerous", "cultivate", "eliminate")
    }
    assert m["mode"] == "points" and m["cells"] == [] and len(m["points"]) == 7
    # percent ranks on LATER in A1: SMALLLOYAL 1,000 < BIGDIS 90,000 < BIGLOYAL 100,000 <
    # SMALLDIS 300,500; in A2: NEWBIE 0 < Z_DIS 800 < Z_LOYAL 5,000
    loyalty = dict(
        conn.execute(
            "select c.code, cc.loyalty_score from public.customer_classifications cc"
            " join public.customers c on c.id = cc.customer_id where cc.as_of = %s",
            (LATER,),
        ).fetchall()
    )
    expected = {
        ("SMALLLOYAL", 0.0),
        ("BIGDIS", 0.333),
        ("BIGLOYAL", 0.667),
        ("SMALLDIS", 1.0),
        ("NEWBIE", 0.0),
        ("Z_DIS", 0.5),  # on the line: the cut is its own volume
        ("Z_LOYAL", 1.0),
    }
    points = sorted((float(x), float(y), q) for x, y, q in m["points"])
    assert points == sorted((x, float(loyalty[code]), after[code]) for code, x in expected)
    # who moved: the worst destination first; NEWBIE has no previous classification
    assert m["movers_total"] == 3
    assert [(r["code"], r["from"], r["to"]) for r in m["movers"]] == [
        ("Z_DIS", "eliminate", "dangerous"),
        ("BIGDIS", "dangerous", "eliminate"),
        ("SMALLDIS", "eliminate", "core"),
    ]
    mover = m["movers"][1]
    assert mover["customer_id"] == world.customers["BIGDIS"] and mover["name"] == "客户BIGDIS"
    assert mover["area_name"] == "测试区" and mover["previous_as_of"] == str(D)
    assert float(mover["volume_12m"]) == 90_000 and mover["loyalty"] == float(loyalty["BIGDIS"])
    assert sorted((x["from"], x["to"], x["n"]) for x in m["moves"]) == [
        ("dangerous", "eliminate", 1),
        ("eliminate", "core", 1),
        ("eliminate", "dangerous", 1),
    ]
    assert [(a["name"], a["customers"]) for a in m["areas"]] == [("测试区", 4), ("第二区", 3)]
    # the view of every move agrees
    moved = conn.execute(
        "select count(*) from public.customer_classification_moves"
        " where as_of = %s and previous_quadrant <> quadrant",
        (LATER,),
    ).fetchone()[0]
    assert moved == m["movers_total"]


def test_the_grid_beyond_the_point_limit(conn: psycopg.Connection, world: Matrix) -> None:
    """Beyond p_max_points the answer is the binned grid: the same counts, cells on the right side
    of the lines, and no points."""
    mgr = world.claims("mgr")
    points = rpc(conn, "quadrant_matrix", {"p_max_points": 7}, mgr, read_only=True)
    assert points["mode"] == "points" and len(points["points"]) == 7
    grid = rpc(conn, "quadrant_matrix", {"p_max_points": 6}, mgr, read_only=True)
    assert grid["mode"] == "grid" and grid["points"] == [] and grid["bins"] == 20
    assert grid["counts"] == points["counts"] and grid["total"] == 7
    assert sum(n for _x, _y, _q, n in grid["cells"]) == 7
    per_quadrant: dict[str, int] = {}
    for x, y, q, n in grid["cells"]:
        per_quadrant[q] = per_quadrant.get(q, 0) + n
        large, loyal = q in ("core", "dangerous"), q in ("core", "cultivate")
        assert (x >= 0.5) == large or x == 0.5, (x, q)
        assert (y >= 60) == loyal or y == 60, (y, q)
    assert per_quadrant == {q: n for q, n in grid["counts"].items() if n}
    # every point's cell holds it: the cells' points are the points
    cells = {(q, min(int(x * 20), 19)) for x, _y, q, _n in grid["cells"]}
    assert {(q, min(int(float(x) * 20), 19)) for x, _y, q in points["points"]} == cells
    # the movers do not depend on the mode; a limit keeps the first and says how many there are
    assert grid["movers"] == points["movers"]
    one = rpc(conn, "quadrant_matrix", {"p_max_movers": 1}, mgr, read_only=True)
    assert [r["code"] for r in one["movers"]] == ["Z_DIS"] and one["movers_total"] == 3
    assert len(one["moves"]) == 3
    always = rpc(conn, "quadrant_matrix", {"p_max_points": 0}, mgr, read_only=True)
    assert always["mode"] == "grid"


def test_points_stay_on_their_side_of_lines_moved_since_the_run(
    conn: psycopg.Connection, world: Matrix
) -> None:
    """The lines are today's settings; a point whose quadrant (from the run) is across a line
    moved since then is drawn on that line, not across it."""
    conn.execute(
        "update public.settings set value = '0.7' where key = 'classification.volume_percentile'"
    )
    conn.execute(
        "update public.settings set value = '80' where key = 'classification.loyalty_cutoff'"
    )
    m = rpc(conn, "quadrant_matrix", {"p_area_id": world.areas["A1"]}, world.claims("mgr"))
    assert m["cuts"] == {"volume_percentile": 0.7, "loyalty_cutoff": 80}
    by_quadrant: dict[str, list[tuple[float, float]]] = {}
    for x, y, q in m["points"]:
        by_quadrant.setdefault(q, []).append((float(x), float(y)))
    # BIGLOYAL (core, rank 0.667, loyalty 100) sits on the volume line, SMALLDIS (core, loyalty
    # 64.4) and SMALLLOYAL (cultivate, loyalty 70) on the loyalty line
    assert sorted(by_quadrant["core"]) == [(0.7, 100.0), (1.0, 80.0)]
    assert by_quadrant["cultivate"] == [(0.0, 80.0)]
    for q, xys in by_quadrant.items():
        for x, y in xys:
            assert (x >= 0.7) if q in ("core", "dangerous") else (x <= 0.7)
            assert (y >= 80) if q in ("core", "cultivate") else (y <= 80)


def test_who_sees_what(conn: psycopg.Connection, world: Matrix) -> None:
    c, areas = world.claims, world.areas
    am = rpc(conn, "quadrant_matrix", {}, c("am"), read_only=True)
    assert am["total"] == 4 and [a["name"] for a in am["areas"]] == ["测试区"]
    assert {r["code"] for r in am["movers"]} == {"BIGDIS", "SMALLDIS"}
    own = rpc(conn, "quadrant_matrix", {"p_area_id": areas["A1"]}, c("am"), read_only=True)
    assert own["total"] == 4 and own["area_name"] == "测试区"
    am2 = rpc(conn, "quadrant_matrix", {}, c("am2"), read_only=True)
    assert am2["total"] == 3 and [r["code"] for r in am2["movers"]] == ["Z_DIS"]
    assert am2["movers_total"] == 1
    mgr = rpc(conn, "quadrant_matrix", {"p_area_id": areas["A2"]}, c("mgr"), read_only=True)
    assert mgr["total"] == 3 and mgr["area_name"] == "第二区"
    assert len(mgr["areas"]) == 2  # the filter still offers every area
    refused = [
        ({}, "rep", "42501"),
        ({}, "dealer", "42501"),
        ({}, "anon", "42501"),  # no execute grant at all
        ({"p_area_id": areas["A2"]}, "am", "42501"),  # another area's matrix
        ({"p_area_id": areas["A1"]}, "am2", "42501"),
    ]
    for args, persona, state in refused:
        with pytest.raises(psycopg.Error) as err:
            rpc(conn, "quadrant_matrix", args, c(persona), read_only=True)
        assert (persona, err.value.sqlstate) == (persona, state)
        if persona != "anon":
            assert err.value.diag.message_detail  # the Chinese half


def test_bad_input_is_refused_with_a_bilingual_message(
    conn: psycopg.Connection, world: Matrix
) -> None:
    unknown = "00000000-0000-0000-0000-00000000a7ea"
    bad = [
        ({"p_area_id": unknown}, "P0002", "p_area_id", "区域"),
        ({"p_max_points": -1}, "22023", "p_max_points", "散点上限"),
        ({"p_max_points": 5001}, "22023", "p_max_points", "散点上限"),
        ({"p_max_points": None}, "22023", "p_max_points", "散点上限"),
        ({"p_max_movers": 1001}, "22023", "p_max_movers", "变动客户上限"),
        ({"p_max_movers": None}, "22023", "p_max_movers", "变动客户上限"),
    ]
    for args, state, field, zh in bad:
        with pytest.raises(psycopg.Error) as err:
            rpc(conn, "quadrant_matrix", args, world.claims("mgr"), read_only=True)
        diag = err.value.diag
        assert (err.value.sqlstate, field in (diag.message_detail or "")) == (state, True)
        assert zh in diag.message_detail
        assert (diag.message_primary or "").split()[0] in ("area", field)
    conn.execute("update public.areas set deleted_at = now() where code = 'A2'")
    with pytest.raises(psycopg.errors.NoDataFound):
        rpc(conn, "quadrant_matrix", {"p_area_id": world.areas["A2"]}, world.claims("mgr"))


def test_nothing_classified_yet(conn: psycopg.Connection) -> None:
    """Before the first classification the matrix is empty, not an error."""
    _world().load(conn)
    boss = conn.execute("select id from public.profiles where role = 'manager'").fetchone()[0]
    m = rpc(conn, "quadrant_matrix", {}, claims_for(str(boss)), read_only=True)
    assert m["as_of"] is None and m["total"] == 0 and m["points"] == [] and m["movers"] == []
    assert m["counts"] == {"core": 0, "dangerous": 0, "cultivate": 0, "eliminate": 0}


def test_a_customer_missing_from_the_previous_run_is_compared_with_its_own_last_row(
    conn: psycopg.Connection, world: Matrix
) -> None:
    """SMALLDIS was not classified on D (its row there removed) but was on 2026-06-30, as
    cultivate: its move is cultivate → core, since that day."""
    smalldis = world.customers["SMALLDIS"]
    conn.execute(
        "delete from public.customer_classifications where customer_id = %s and as_of = %s",
        (smalldis, D),
    )
    conn.execute(
        "insert into public.customer_classifications"
        " (customer_id, as_of, volume_12m, loyalty_score, quadrant, grade)"
        " values (%s, '2026-06-30', 500, 70, 'cultivate', 'D')",
        (smalldis,),
    )
    m = rpc(conn, "quadrant_matrix", {}, world.claims("mgr"), read_only=True)
    assert m["previous_as_of"] == str(D) and m["movers_total"] == 3
    row = next(r for r in m["movers"] if r["code"] == "SMALLDIS")
    assert (row["from"], row["to"], row["previous_as_of"]) == ("cultivate", "core", "2026-06-30")
