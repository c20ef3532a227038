"""Contract workflow, template and access, called as PostgREST would for each persona."""

from __future__ import annotations

import datetime as dt
from typing import Any

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.postgrest import request, rpc

SECTION_FIELDS = (
    "quality_terms", "delivery_time", "delivery_place", "transport_mode", "freight_paid_by",
    "acceptance_terms", "rights_level", "territory", "term_start", "term_end",
    "settlement_method", "payment_days", "rebate_pct", "annual_bonus", "promotion_support",
    "advertising_support", "staff_support", "ordering_terms", "return_terms",
    "breach_liability", "dispute_resolution", "signed_place",
    "party_a_name", "party_a_address", "party_a_phone", "party_a_legal_rep",
    "party_a_signing_rep", "party_a_bank", "party_a_account", "party_a_tax_id",
    "party_b_name", "party_b_address",
)  # fmt: skip


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    w = build_world(conn)
    conn.execute("update customers set address = '上海市浦东新区张江路1号' where code = 'D_SH'")
    return w


def _events(conn: psycopg.Connection, contract_id: str) -> list[tuple[Any, ...]]:
    return conn.execute(
        "select e.from_status, e.to_status, p.email, e.note from contract_events e"
        " left join profiles p on p.id = e.actor_id where e.contract_id = %s order by e.at, e.id",
        (contract_id,),
    ).fetchall()


def _new(conn: psycopg.Connection, world: World) -> dict[str, Any]:
    return rpc(conn, "new_contract", {"p_customer_id": world.ids["D_SH"]}, world.claims("mgr"))


def test_new_contract_starts_from_the_template(conn: psycopg.Connection, world: World) -> None:
    c = _new(conn, world)
    assert c["status"] == "draft" and c["version"] == 1
    assert c["custodian_id"] == world.users["mgr"]
    missing = [f for f in SECTION_FIELDS if c[f] in (None, "")]
    assert missing == []
    assert c["party_a_name"] == "华东食品有限公司" and c["party_b_name"] == "上海鑫源"
    assert c["party_a_signing_rep"] == "陈总"
    assert c["contract_no"].startswith("HT") and c["contract_no"].endswith("D_SH")
    lines = conn.execute(
        "select line_no, quantity, unit_price from contract_lines where contract_id = %s",
        (c["id"],),
    ).fetchall()
    assert len(lines) == 1  # what the dealer bought in the last 12 months
    assert _events(conn, c["id"]) == [(None, "draft", "boss@example.cn", None)]
    # while it is a draft, "new" opens it again; once in review, a new draft gets a free number
    assert _new(conn, world)["id"] == c["id"]
    rpc(conn, "submit_contract", {"p_contract_id": c["id"]}, world.claims("mgr"))
    assert _new(conn, world)["contract_no"] == c["contract_no"] + "-2"


def test_area_managers_draft_and_submit_and_only_a_manager_signs(
    conn: psycopg.Connection, world: World
) -> None:
    for who in ("rep", "dealer"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            rpc(conn, "new_contract", {"p_customer_id": world.ids["D_SH"]}, world.claims(who))
    with pytest.raises(psycopg.errors.NoDataFound):  # another area's dealer does not exist for them
        rpc(conn, "new_contract", {"p_customer_id": world.ids["D_SH"]}, world.claims("am2"))
    c = rpc(conn, "new_contract", {"p_customer_id": world.ids["D_SH"]}, world.claims("am"))
    assert c["status"] == "draft" and c["custodian_id"] == world.users["am"]
    with request(conn, world.claims("am"), commit=True) as cur:  # the draft is theirs to edit
        cur.execute(
            "update contracts set quality_terms = '按国标' where id = %s returning 1", (c["id"],)
        )
        assert cur.fetchone() is not None
    rpc(conn, "submit_contract", {"p_contract_id": c["id"]}, world.claims("am"))
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="only a manager signs"):
        rpc(conn, "sign_contract", {"p_contract_id": c["id"]}, world.claims("am"))
    # reps and dealers are refused by their role, before the contract is even looked up
    for who in ("rep", "rep2", "dealer"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="only managers and area"):
            rpc(conn, "sign_contract", {"p_contract_id": c["id"]}, world.claims(who))
    # in review, it is no longer the area manager's: no edit, no sending back, no signing by REST
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="only a manager changes"):
        rpc(conn, "advance_contract", {"p_contract_id": c["id"], "p_status": "draft"},
            world.claims("am"))  # fmt: skip
    with request(conn, world.claims("am")) as cur:
        cur.execute(
            "update contracts set status = 'signed', signed_on = private.company_today(),"
            " signed_place = 'x' where id = %s returning 1",
            (c["id"],),
        )
        assert cur.fetchone() is None
        cur.execute(
            "update contracts set quality_terms = '改' where id = %s returning 1", (c["id"],)
        )
        assert cur.fetchone() is None
    # the area manager of another area does not even see it
    with pytest.raises(psycopg.errors.NoDataFound):
        rpc(conn, "submit_contract", {"p_contract_id": c["id"]}, world.claims("am2"))
    signed = rpc(
        conn,
        "sign_contract",
        {"p_contract_id": c["id"], "p_signed_on": "2026-11-20", "p_place": "上海"},
        world.claims("mgr"),
    )
    assert signed["status"] == "signed" and signed["signed_on"] == "2026-11-20"
    assert signed["quality_terms"] == "按国标"
    eff = rpc(conn, "make_contract_effective", {"p_contract_id": c["id"]}, world.claims("mgr"))
    assert eff["status"] == "effective" and eff["effective_on"] == c["term_start"]
    am = conn.execute("select email from profiles where id = %s", (world.users["am"],)).fetchone()[
        0
    ]
    assert [e[:3] for e in _events(conn, c["id"])] == [
        (None, "draft", am),
        ("draft", "in_review", am),
        ("in_review", "signed", "boss@example.cn"),
        ("signed", "effective", "boss@example.cn"),
    ]


def test_wrong_steps_and_bad_arguments(conn: psycopg.Connection, world: World) -> None:
    c = _new(conn, world)
    mgr = world.claims("mgr")
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState):
        rpc(conn, "sign_contract", {"p_contract_id": c["id"]}, mgr)  # not reviewed
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        rpc(conn, "advance_contract", {"p_contract_id": c["id"], "p_status": "done"}, mgr)
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="needs a note"):
        rpc(conn, "terminate_contract", {"p_contract_id": c["id"], "p_note": " "}, mgr)
    with pytest.raises(psycopg.errors.NoDataFound):
        rpc(conn, "submit_contract", {"p_contract_id": "00000000-0000-4000-8000-000000000000"}, mgr)
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        rpc(conn, "submit_contract", {"p_contract_id": None}, mgr)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # anon may not call it at all
        rpc(conn, "submit_contract", {"p_contract_id": c["id"]}, None)
    # in review it can be sent back to draft, with a note in the history
    rpc(conn, "submit_contract", {"p_contract_id": c["id"]}, mgr)
    back = rpc(
        conn,
        "advance_contract",
        {"p_contract_id": c["id"], "p_status": "draft", "p_note": "价格有误"},
        mgr,
    )
    assert back["status"] == "draft"
    assert _events(conn, c["id"])[-1] == ("in_review", "draft", "boss@example.cn", "价格有误")


def test_effective_contract_is_not_edited_but_amended(
    conn: psycopg.Connection, world: World
) -> None:
    mgr = world.claims("mgr")
    cid = world.ids["contract"]  # HT-SH, effective
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState), request(conn, mgr) as cur:
        cur.execute("update contracts set status = 'draft' where id = %s", (cid,))
    for sql in (
        "update contracts set quality_terms = '改' where id = %s",
        "delete from contracts where id = %s",
        "update contract_lines set quantity = 1 where contract_id = %s",
        "delete from contract_lines where contract_id = %s",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege), request(conn, mgr) as cur:
            cur.execute(sql, (cid,))
    # the custodian may change
    with request(conn, mgr) as cur:
        cur.execute(
            "update contracts set custodian_id = %s where id = %s returning 1",
            (world.users["am"], cid),
        )
        assert cur.fetchone() is not None
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        rpc(conn, "amend_contract", {"p_contract_id": cid}, world.claims("am"))
    v2 = rpc(conn, "amend_contract", {"p_contract_id": cid}, mgr)
    assert v2["version"] == 2 and v2["previous_id"] == cid and v2["status"] == "draft"
    assert v2["contract_no"] == "HT-SH-V2" and v2["signed_on"] is None
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState):
        rpc(conn, "amend_contract", {"p_contract_id": cid}, mgr)  # one open amendment at a time
    lines = conn.execute(
        "select count(*) from contract_lines where contract_id = %s", (v2["id"],)
    ).fetchone()
    assert lines == (1,)
    # the draft is edited freely, then goes through the workflow; the old version ends
    with request(conn, mgr, commit=True) as cur:
        cur.execute("update contracts set rebate_pct = 3 where id = %s", (v2["id"],))
        cur.execute("update contract_lines set quantity = 200 where contract_id = %s", (v2["id"],))
    for fn, args in (
        ("submit_contract", {}),
        ("sign_contract", {"p_place": "上海"}),
        ("make_contract_effective", {"p_effective_on": "2026-12-01"}),
    ):
        rpc(conn, fn, {"p_contract_id": v2["id"], **args}, mgr)
    old = conn.execute("select status from contracts where id = %s", (cid,)).fetchone()
    assert old == ("terminated",)
    assert _events(conn, cid)[-1][:2] == ("effective", "terminated")
    assert "HT-SH-V2" in _events(conn, cid)[-1][3]


def test_dealer_sees_only_its_own_contract(conn: psycopg.Connection, world: World) -> None:
    with request(conn, world.claims("dealer")) as cur:
        cur.execute("select contract_no from contracts")
        assert cur.fetchall() == [{"contract_no": "HT-SH"}]
    with request(conn, world.claims("dealer2")) as cur:
        cur.execute("select contract_no from contracts")
        assert cur.fetchall() == []
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        rpc(conn, "terminate_contract", {"p_contract_id": world.ids["contract"], "p_note": "x"},
            world.claims("dealer"))  # fmt: skip
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        rpc(conn, "submit_contract", {"p_contract_id": world.ids["contract"]},
            world.claims("dealer2"))  # fmt: skip


def test_contracts_needing_attention(conn: psycopg.Connection, world: World) -> None:
    # D_SH bought in January 2026 and has an effective contract with no end: fine on 2026-06-01
    as_of = dt.date(2026, 6, 1)
    got = rpc(conn, "contracts_needing_attention", {"p_as_of": as_of}, world.claims("mgr"))
    assert got is None or got == []
    conn.execute("update contracts set term_end = '2026-07-15'")
    rows = conn.execute(
        "select customer_code, reason, days_left from public.contracts_needing_attention(%s)",
        (as_of,),
    ).fetchall()
    assert rows == [("D_SH", "expiring", 44)]
    conn.execute("update contracts set status = 'expired'")
    rows = conn.execute(
        "select customer_code, reason from public.contracts_needing_attention(%s)", (as_of,)
    ).fetchall()
    assert rows == [("D_SH", "no_contract")]
    # RLS applies: the other area's manager and dealers see none of it
    for who, n in (("am", 1), ("am2", 0), ("rep", 1), ("rep2", 0)):
        with request(conn, world.claims(who)) as cur:
            cur.execute("select * from public.contracts_needing_attention(%s)", (as_of,))
            assert len(cur.fetchall()) == n, who
    # a year after the last purchase the customer has no business
    late = conn.execute(
        "select count(*) from public.contracts_needing_attention('2027-01-06')"
    ).fetchone()
    assert late == (0,)


def test_ledger_access(conn: psycopg.Connection, world: World) -> None:
    def ledger(who: str, code: str = "D_SH") -> list[dict[str, Any]]:
        with request(conn, world.claims(who)) as cur:
            cur.execute("select * from public.dealer_ledger(%s, 2026)", (world.ids[code],))
            return cur.fetchall()

    for who in ("rep", "am", "mgr", "dealer"):
        jan = ledger(who)[0]
        assert jan["purchases"] == 360 and jan["payments"] == 360, who
        assert jan["credit_limit"] == 100000
    for who in ("rep2", "am2", "dealer2"):
        with pytest.raises(psycopg.errors.NoDataFound):
            ledger(who)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        rpc(conn, "dealer_ledger", {"p_customer_id": world.ids["D_SH"], "p_year": 2026}, None)


def test_an_unsigned_contract_can_be_abandoned(conn: psycopg.Connection, world: World) -> None:
    """A draft and a contract in review are terminated with a note (abandoned before signing);
    they keep no signing date, and the history says who did it and why."""
    mgr = world.claims("mgr")
    draft = _new(conn, world)
    done = rpc(
        conn, "terminate_contract", {"p_contract_id": draft["id"], "p_note": "条款重谈"}, mgr
    )
    assert (done["status"], done["signed_on"]) == ("terminated", None)
    assert _events(conn, draft["id"])[-1] == ("draft", "terminated", "boss@example.cn", "条款重谈")
    in_review = _new(conn, world)
    rpc(conn, "submit_contract", {"p_contract_id": in_review["id"]}, mgr)
    done = rpc(
        conn, "terminate_contract", {"p_contract_id": in_review["id"], "p_note": "经销商放弃"}, mgr
    )
    assert (done["status"], done["signed_on"]) == ("terminated", None)
    # signing still needs its date: the check refuses a signed contract without one
    with pytest.raises(psycopg.errors.CheckViolation, match="contracts_check1"):
        conn.execute("update contracts set status = 'signed' where id = %s", (in_review["id"],))


def test_the_attention_buyers_are_the_billed_lines_of_the_year(
    conn: psycopg.Connection, world: World
) -> None:
    """Who bought without a contract, and for how much, from the purchase summary: the same as the
    manufacturer's live shipment lines from the day after a year before to the day itself, as
    each caller may read them (migration 20261217200000)."""
    as_of = dt.date(2026, 6, 1)
    conn.execute("update contracts set status = 'expired'")
    product = conn.execute("select id from products order by sku limit 1").fetchone()[0]
    ids = world.ids
    lines = [  # (customer, seller, day, amount, deleted)
        ("D_SH", None, as_of, "100.10", False),  # the day itself counts
        ("D_SH", None, dt.date(2025, 6, 1), "7.00", False),  # a year before: not counted
        ("D_SH", None, dt.date(2025, 6, 2), "0.05", False),  # the day after: counted
        ("D_SH", None, dt.date(2026, 3, 1), "900.00", True),  # deleted
        ("S_SH", "D_SH", dt.date(2026, 3, 1), "55.00", False),  # sold by the dealer
        ("D_ZJ", None, dt.date(2026, 5, 31), "12.34", False),
    ]
    for k, (who, seller, day, amount, deleted) in enumerate(lines):
        conn.execute(
            "insert into shipments (doc_no, line_no, customer_id, seller_id, product_id,"
            " shipped_on, quantity, unit_price, amount, deleted_at)"
            " values (%s, 1, %s, %s, %s, %s, 1, %s, %s, case when %s then now() end)",
            (f"ATT{k}", ids[who], seller and ids[seller], product, day, amount, amount, deleted),
        )
    per_line = (
        "select c.code, sum(s.amount) from public.shipments s"
        " join public.customers c on c.id = s.customer_id"
        " where s.seller_id is null and s.deleted_at is null"
        " and s.shipped_on > %(d)s::date - interval '1 year' and s.shipped_on <= %(d)s"
        " group by 1 order by 1"
    )
    listed = (
        "select customer_code, purchases_12m from public.contracts_needing_attention(%(d)s)"
        " where reason = 'no_contract' order by 1"
    )
    everyone = conn.execute(listed, {"d": as_of}).fetchall()
    assert everyone == conn.execute(per_line, {"d": as_of}).fetchall()
    assert {c for c, _ in everyone} >= {"D_SH", "D_ZJ"} and "S_SH" not in {c for c, _ in everyone}
    for who in ("mgr", "am", "am2", "rep", "rep2"):
        with request(conn, world.claims(who)) as cur:
            want = [tuple(r.values()) for r in cur.execute(per_line, {"d": as_of})]
            assert [tuple(r.values()) for r in cur.execute(listed, {"d": as_of})] == want, who
