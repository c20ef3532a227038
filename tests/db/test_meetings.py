"""Communication (沟通体制), issue 18 part 2: meetings with attendees and decisions, who may mark a
decision done (the RPC and a phone's sync_push alike), who sees which meeting, customer feedback
scores, and feedback_summary's arithmetic checked against the rows (visits.feedback text too).
Bad input is refused with both languages and nothing written."""

from __future__ import annotations

import json
import uuid
from typing import Any

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.db.request_helpers import TODAY, freeze
from tests.postgrest import request, rpc, rpc_rows


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    freeze(conn)  # company today 2026-12-10; the world's meeting decision is due 2026-11-15
    return build_world(conn)


def _sqlstate(conn: psycopg.Connection, fn: str, args: dict[str, Any], claims: Any) -> str:
    with pytest.raises(psycopg.Error) as err:
        rpc(conn, fn, args, claims)
    assert err.value.diag.message_detail  # the Chinese half of the message
    return err.value.sqlstate or ""


def _fingerprint(conn: psycopg.Connection) -> Any:
    return conn.execute(
        "select (select jsonb_agg(to_jsonb(m) - 'txid' order by m.id) from meetings m),"
        " (select count(*) from meeting_attendees), "
        " (select jsonb_agg(to_jsonb(d) - 'txid' order by d.id) from meeting_decisions d),"
        " (select count(*) from customer_feedback)"
    ).fetchone()


def _meeting(world: World, **over: Any) -> dict[str, Any]:
    args = {
        "p_meeting_id": None,
        "p_area_id": world.ids["area_SH"],
        "p_kind": "quarterly",
        "p_held_on": "2026-11-20",
        "p_place": "上海办事处",
        "p_agenda": "四季度铺货与回款",
        "p_minutes": "经销商同意月底前回款",
        "p_customer_ids": [world.ids["D_SH"], world.ids["S_SH"]],
        "p_staff_ids": [world.users["rep"]],
    }
    args.update(over)
    return args


def test_meeting_with_attendees_and_decisions(conn: psycopg.Connection, world: World) -> None:
    c = world.claims
    m = rpc(conn, "meeting_save", _meeting(world), c("am"))
    assert m["kind"] == "quarterly" and m["created_by"] == world.users["am"]
    who = conn.execute(
        "select count(customer_id), count(profile_id) from meeting_attendees"
        " where meeting_id = %s and deleted_at is null",
        (m["id"],),
    ).fetchone()
    assert tuple(who) == (2, 1)
    # saving again with one customer fewer tombstones that attendee (phones drop it)
    rpc(conn, "meeting_save",
        _meeting(world, p_meeting_id=m["id"], p_customer_ids=[world.ids["D_SH"]]), c("am"))  # fmt: skip
    live = conn.execute(
        "select count(*) from meeting_attendees where meeting_id = %s and customer_id is not null"
        " and deleted_at is null",
        (m["id"],),
    ).fetchone()[0]
    assert live == 1
    d = rpc(conn, "decision_add", {"p_meeting_id": m["id"], "p_body": "补齐冰红茶陈列",
            "p_owner_id": world.users["rep"], "p_due_on": "2026-12-05"}, c("am"))  # fmt: skip
    assert d["status"] == "open" and d["owner_id"] == world.users["rep"]
    listed = {r["id"]: r for r in rpc_rows(conn, "meetings_list", {}, c("rep"))}
    # overdue counts calendar days from the company clock: due 12-05, today 12-10
    assert listed[m["id"]]["overdue_decisions"] == 1 and listed[m["id"]]["customers"] == 1


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"p_kind": "monthly"}, "kind"),
        ({"p_held_on": None}, "held_on"),
        ({"p_agenda": "  "}, "agenda"),
        ({"p_place": "地" * 201}, "place"),
        ({"p_minutes": "纪" * 4001}, "minutes"),
        ({"p_customer_ids": []}, "customer_ids"),
        ({"p_area_id": None}, "area_id"),
    ],
)
def test_bad_meeting_is_refused(conn: psycopg.Connection, world: World, over, field) -> None:
    before = _fingerprint(conn)
    with pytest.raises(psycopg.Error) as err:
        rpc(conn, "meeting_save", _meeting(world, **over), world.claims("am"))
    assert err.value.sqlstate == "22023"
    assert field in err.value.diag.message_primary and field in err.value.diag.message_detail
    assert _fingerprint(conn) == before


def test_meeting_refusals_by_scope(conn: psycopg.Connection, world: World) -> None:
    c, before = world.claims, _fingerprint(conn)
    assert _sqlstate(conn, "meeting_save", _meeting(world), c("rep")) == "42501"
    assert _sqlstate(conn, "meeting_save", _meeting(world), c("am2")) == "P0002"  # not their area
    # a Zhejiang customer at a Shanghai meeting
    zj = _meeting(world, p_customer_ids=[world.ids["D_ZJ"]])
    assert _sqlstate(conn, "meeting_save", zj, c("mgr")) == "22023"
    assert _fingerprint(conn) == before


def test_decision_needs_owner_and_due_date(conn: psycopg.Connection, world: World) -> None:
    c, m, before = world.claims, world.ids["meetings"], _fingerprint(conn)
    base = {"p_meeting_id": m, "p_body": "月底前回款", "p_owner_id": world.users["rep"],
            "p_due_on": "2026-12-31"}  # fmt: skip
    for over, field in [
        ({"p_owner_id": None}, "owner_id"),
        ({"p_due_on": None}, "due_on"),
        ({"p_body": ""}, "body"),
        ({"p_due_on": "2026-10-01"}, "due_on"),  # before the meeting (2026-10-15)
        ({"p_owner_id": world.ids["D_SH"]}, "owner"),  # not a person
    ]:
        with pytest.raises(psycopg.Error) as err:
            rpc(conn, "decision_add", {**base, **over}, c("am"))
        assert err.value.sqlstate == "22023", over
        assert field in err.value.diag.message_primary and err.value.diag.message_detail
    assert _sqlstate(conn, "decision_add", base, c("rep")) == "42501"
    assert _sqlstate(conn, "decision_add", base, c("am2")) == "P0002"
    assert _fingerprint(conn) == before


def test_meeting_staff_lists_who_may_own_a_decision(conn: psycopg.Connection, world: World) -> None:
    area = {"p_area_id": world.ids["area_SH"]}
    got = {r["id"]: r["role"] for r in rpc_rows(conn, "meeting_staff", area, world.claims("am"))}
    assert got == {world.users["rep"]: "rep", world.users["am"]: "area_manager",
                   world.users["mgr"]: "manager"}  # fmt: skip
    assert _sqlstate(conn, "meeting_staff", area, world.claims("am2")) == "P0002"
    assert _sqlstate(conn, "meeting_staff", area, world.claims("rep")) == "42501"


def test_decision_done_only_by_owner_area_manager_or_manager(
    conn: psycopg.Connection, world: World
) -> None:
    c, d = world.claims, world.ids["meeting_decisions"]  # owned by rep, SH meeting
    before = _fingerprint(conn)
    for persona, state in [("rep2", "P0002"), ("am2", "P0002"), ("dealer", "42501")]:
        assert _sqlstate(conn, "decision_done", {"p_decision_id": d}, c(persona)) == state
    assert _fingerprint(conn) == before
    # a decision owned by the area manager: the rep sees it (their customer's meeting) but may not
    other = rpc(conn, "decision_add", {"p_meeting_id": world.ids["meetings"], "p_body": "走访",
                "p_owner_id": world.users["am"], "p_due_on": "2026-12-01"}, c("mgr"))  # fmt: skip
    assert _sqlstate(conn, "decision_done", {"p_decision_id": other["id"]}, c("rep")) == "42501"
    assert rpc(conn, "decision_done", {"p_decision_id": other["id"]}, c("am"))["status"] == "done"
    done = rpc(conn, "decision_done", {"p_decision_id": d, "p_note": " 已补齐 "}, c("rep"))
    assert done["status"] == "done" and done["done_by"] == world.users["rep"]
    assert done["done_at"].startswith(TODAY) and done["done_note"] == "已补齐"
    # done stays done
    assert _sqlstate(conn, "decision_done", {"p_decision_id": d}, c("mgr")) == "55000"


def _push(conn: psycopg.Connection, world: World, persona: str, row: dict[str, Any]) -> dict:
    mutations = [{"id": 1, "table": "meeting_decisions", "op": "upsert", "row": row}]
    out = rpc(conn, "sync_push",
              {"p_client_id": str(uuid.uuid4()), "p_mutations": json.dumps(mutations)},
              world.claims(persona))  # fmt: skip
    return out["results"][0]


def test_done_offline_obeys_the_same_rules(conn: psycopg.Connection, world: World) -> None:
    d = world.ids["meeting_decisions"]
    before = _fingerprint(conn)
    done = {"id": d, "status": "done", "done_note": "离线完成"}
    assert _push(conn, world, "rep2", done)["status"] == "rejected"
    assert _push(conn, world, "rep", {"id": d, "body": "改写决议"})["status"] == "rejected"
    assert _push(conn, world, "rep", {"id": d, "due_on": "2027-01-01"})["status"] == "rejected"
    assert _fingerprint(conn) == before
    assert _push(conn, world, "rep", done)["status"] == "applied"
    row = conn.execute(
        "select status, done_by, done_note, done_at::date from meeting_decisions where id = %s",
        (d,),
    ).fetchone()
    assert (row[0], str(row[1]), row[2], str(row[3])) == (
        "done",
        world.users["rep"],
        "离线完成",
        TODAY,
    )
    back = {"id": d, "status": "open"}
    assert _push(conn, world, "rep", back)["status"] == "rejected"


def test_who_sees_which_meeting(conn: psycopg.Connection, world: World) -> None:
    m = world.ids["meetings"]  # SH, D_SH attended
    # a ZJ meeting that D_ZJ attended
    zj = rpc(conn, "meeting_save", _meeting(world, p_area_id=world.ids["area_ZJ"],
             p_customer_ids=[world.ids["D_ZJ"]], p_staff_ids=[]), world.claims("mgr"))  # fmt: skip
    # a SH meeting of S_SH only: the dealer D_SH did not attend it
    s_only = rpc(conn, "meeting_save", _meeting(world, p_customer_ids=[world.ids["S_SH"]],
                 p_staff_ids=[]), world.claims("am"))  # fmt: skip
    seen = {}
    for persona in ("rep", "rep2", "am", "am2", "mgr", "dealer", "dealer2"):
        with request(conn, world.claims(persona)) as cur:
            cur.execute("select id from meetings")
            seen[persona] = {str(r["id"]) for r in cur.fetchall()}
    assert seen["dealer"] == {m}  # only the meeting it attended
    assert seen["dealer2"] == {zj["id"]}
    assert seen["rep"] == {m, s_only["id"]} and seen["am"] == {m, s_only["id"]}
    assert seen["rep2"] == {zj["id"]} and seen["am2"] == {zj["id"]}
    assert seen["mgr"] == {m, zj["id"], s_only["id"]}
    with request(conn, world.claims("dealer")) as cur:  # and the decisions of it
        cur.execute("select count(*) as n from meeting_decisions")
        assert cur.fetchone()["n"] == 1


@pytest.mark.parametrize("score", [0, 6])
def test_feedback_score_out_of_range(conn: psycopg.Connection, world: World, score: int) -> None:
    before = _fingerprint(conn)
    with (
        pytest.raises(psycopg.errors.CheckViolation) as err,
        request(conn, world.claims("rep"), commit=True) as cur,
    ):
        cur.execute(
            "insert into customer_feedback (customer_id, score, body, recorded_by)"
            " values (%s, %s, '一般', %s)",
            (world.ids["D_SH"], score, world.users["rep"]),
        )
    assert err.value.diag.constraint_name == "customer_feedback_score_range"
    assert _fingerprint(conn) == before


def test_feedback_at_a_meeting_needs_an_attendee(conn: psycopg.Connection, world: World) -> None:
    before = _fingerprint(conn)
    with (
        pytest.raises(psycopg.Error) as err,
        request(conn, world.claims("rep"), commit=True) as cur,
    ):
        cur.execute(
            "insert into customer_feedback (customer_id, score, meeting_id, recorded_by)"
            " values (%s, 3, %s, %s)",
            (world.ids["S_SH"], world.ids["meetings"], world.users["rep"]),
        )
    assert err.value.sqlstate == "22023" and "meeting_id" in err.value.diag.message_detail
    assert _fingerprint(conn) == before


def test_feedback_summary_against_the_rows(conn: psycopg.Connection, world: World) -> None:
    d_sh, s_sh, rep = world.ids["D_SH"], world.ids["S_SH"], world.users["rep"]
    rows = [(d_sh, 5, "2026-10-03"), (s_sh, 1, "2026-10-20"), (d_sh, 2, "2026-11-02"),
            (s_sh, 4, "2026-11-28"), (d_sh, 3, "2026-11-30"), (world.ids["D_ZJ"], 1, "2026-11-05")]  # fmt: skip
    for cust, score, day in rows:
        conn.execute(
            "insert into customer_feedback (customer_id, score, recorded_on, recorded_by)"
            " values (%s, %s, %s, %s)",
            (cust, score, day, rep),
        )
    # a visit with free-text feedback and no score (the old column), in November
    conn.execute(
        "insert into visits (rep_id, customer_id, checkin_at, feedback)"
        " values (%s, %s, '2026-11-10T10:00:00+08', '希望增加促销支持')",
        (rep, d_sh),
    )
    out = rpc_rows(conn, "feedback_summary",
                   {"p_area_id": world.ids["area_SH"], "p_from": "2026-10-01", "p_to": "2026-11-30"},
                   world.claims("am"))  # fmt: skip
    by_month = {r["month"]: r for r in out}
    # the world's own feedback: D_SH, 4, 2026-10-15
    sh = [s for c, s, d in rows if c != world.ids["D_ZJ"]] + [4]
    total = by_month[None]
    assert total["feedback_count"] == len(sh) == 6
    assert float(total["average_score"]) == round(sum(sh) / len(sh), 2)
    assert float(total["low_share"]) == round(sum(s <= 2 for s in sh) / len(sh), 4)
    assert total["unscored"] == 1
    oct_, nov = by_month["2026-10-01"], by_month["2026-11-01"]
    assert (oct_["feedback_count"], float(oct_["average_score"])) == (3, round(10 / 3, 2))
    assert (nov["feedback_count"], float(nov["average_score"]), nov["unscored"]) == (3, 3.0, 1)
    assert float(nov["low_share"]) == round(1 / 3, 4)
    # the ZJ area manager does not get SH; a rep and a dealer are refused
    args = {"p_area_id": world.ids["area_SH"]}
    assert _sqlstate(conn, "feedback_summary", args, world.claims("am2")) == "P0002"
    assert _sqlstate(conn, "feedback_summary", {}, world.claims("rep")) == "42501"
    assert _sqlstate(conn, "feedback_summary", {}, world.claims("dealer")) == "42501"
    bad = {"p_from": "2026-12-01", "p_to": "2026-11-01"}
    assert _sqlstate(conn, "feedback_summary", bad, world.claims("mgr")) == "22023"


def test_the_reports_show_feedback_and_the_visits_text(
    conn: psycopg.Connection, world: World, tmp_path
) -> None:
    import datetime as dt

    from backend.reports_monthly import FEEDBACK, FEEDBACK_TEXTS, monthly_report, report_frames
    from backend.reports_visits import fetch_feedback, visits_report

    d_sh, rep = world.ids["D_SH"], world.users["rep"]
    conn.execute(
        "insert into visits (rep_id, customer_id, checkin_at, feedback)"
        " values (%s, %s, '2026-11-10T10:00:00+08', '希望增加促销支持')",
        (rep, d_sh),
    )
    scored = conn.execute(
        "insert into visits (rep_id, customer_id, checkin_at, feedback)"
        " values (%s, %s, '2026-11-11T10:00:00+08', '陈列位置不好') returning id",
        (rep, d_sh),
    ).fetchone()[0]
    conn.execute(
        "insert into customer_feedback (customer_id, score, body, visit_id, recorded_on, recorded_by)"
        " values (%s, 2, '送货慢', %s, '2026-11-11', %s)",
        (d_sh, scored, rep),
    )
    frames = report_frames(conn, dt.date(2026, 11, 1))
    texts = frames[FEEDBACK_TEXTS.name]
    assert "希望增加促销支持" in list(texts["text"])  # the old column, without a score
    assert [s for t, s in zip(texts["text"], texts["score"], strict=True) if t == "送货慢"] == [2]
    # the summary sheet is feedback_summary's (service side: every area)
    summary = frames[FEEDBACK.name]
    nov = summary[summary["month"] == "2026-11"]
    assert list(nov["feedback_count"]) == [1] and list(nov["unscored"]) == [1]
    assert [float(v) for v in nov["low_pct"]] == [100.0]
    rows = fetch_feedback(conn, dt.date(2026, 11, 9))  # the week of 9–15 November
    assert [(r[4], r[5]) for r in rows] == [
        (None, "希望增加促销支持"),
        (2, "陈列位置不好 / 送货慢"),
    ]
    out = tmp_path / "m.xlsx"
    counts = monthly_report(conn, "2026-11", out)
    assert counts[FEEDBACK_TEXTS.name] == 2 and out.exists()
    visits_report(conn, "2026-W46", tmp_path / "v.xlsx")
    assert (tmp_path / "v.xlsx").exists()
