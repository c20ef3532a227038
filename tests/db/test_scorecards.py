"""Evaluation scorecards (issue 17, 客户评价): an area manager or manager submits 13 indicators 1–5
with optional notes; the server computes the score and grade (one definition) and the grade
becomes the customer's; bad input is refused in both languages with nothing written; the due
list follows `evaluation.period_months` on the company's frozen clock; the grade history names
who scored."""

from __future__ import annotations

import json
import uuid
from typing import Any

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.db.request_helpers import TODAY, freeze
from tests.db.rpc_calls import SCORECARD
from tests.postgrest import rpc, rpc_rows

ALL_4 = dict.fromkeys(SCORECARD, 4)


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    w = build_world(conn)
    freeze(conn)
    return w


def submit(
    conn: psycopg.Connection, world: World, persona: str = "am", customer: str = "D_SH", **args: Any
) -> dict[str, Any]:
    call = {"p_customer_id": world.ids[customer], "p_scores": json.dumps(ALL_4), **args}
    return rpc(conn, "submit_evaluation", call, world.claims(persona))


def state(conn: psycopg.Connection, world: World) -> tuple[Any, ...]:
    """How many evaluations there are and D_SH's grade (nothing written?)."""
    n = conn.execute("select count(*) from evaluations").fetchone()[0]
    g = conn.execute("select grade from customers where id = %s", (world.ids["D_SH"],)).fetchone()
    return n, g[0]


def test_the_server_computes_score_and_grade_and_the_grade_becomes_the_customers(
    conn, world
) -> None:
    out = submit(conn, world, p_notes=json.dumps({"credit": "按时回款", "network": ""}))
    assert (out["score"], out["grade"], out["evaluated_on"]) == (80.0, "B", TODAY)
    row = conn.execute(
        "select evaluator_id::text, score, grade, notes from evaluations where id = %s",
        (out["id"],),
    ).fetchone()
    assert row == (world.users["am"], 80, "B", {"credit": "按时回款"})  # an empty note is none
    assert state(conn, world)[1] == "B"
    # the manager scores next day: weights × indicators ÷ 5, with the setting's weights
    freeze(conn, "2026-12-11")
    scores = {**ALL_4, "credit": 1, "enthusiasm": 5}  # weights credit 14, enthusiasm 10
    out = submit(conn, world, "mgr", p_scores=json.dumps(scores))
    assert out["score"] == pytest.approx((4 * 76 + 1 * 14 + 5 * 10) / 5, abs=0.05)  # 73.6
    assert (out["grade"], out["previous_grade"]) == ("B", "B")


def test_the_grade_follows_the_cut_offs_a_manager_sets(conn, world) -> None:
    cut = {"A": 78, "B": 60, "C": 40}
    rpc(conn, "set_setting", {"p_key": "evaluation.grade_cutoffs", "p_value": json.dumps(cut)},
        world.claims("mgr"))  # fmt: skip
    assert submit(conn, world)["grade"] == "A"  # 80 ≥ 78
    assert state(conn, world)[1] == "A"
    # one definition: the classification grades an evaluated customer the same way
    conn.execute("select classify_customers(%s::date)", (TODAY,))
    assert state(conn, world)[1] == "A"


def test_an_older_scorecard_does_not_overwrite_a_newer_grade(conn, world) -> None:
    submit(conn, world)  # today: B
    conn.execute(  # the importer brings an older one
        "insert into evaluations (customer_id, evaluated_on, " + ", ".join(SCORECARD) + ")"
        " values (%s, '2026-06-01', " + ", ".join(["5"] * 13) + ")",
        (world.ids["D_SH"],),
    )
    assert state(conn, world)[1] == "B"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ({"p_scores": json.dumps({k: v for k, v in ALL_4.items() if k != "credit"})}, "credit"),
        ({"p_scores": json.dumps({**ALL_4, "credit": 0})}, "credit"),
        ({"p_scores": json.dumps({**ALL_4, "network": 6})}, "network"),
        ({"p_scores": json.dumps({**ALL_4, "logistics": 2.5})}, "logistics"),
        ({"p_scores": json.dumps({**ALL_4, "relationship": "4"})}, "relationship"),
        ({"p_scores": json.dumps({**ALL_4, "charm": 5})}, "charm"),
        ({"p_scores": json.dumps([4] * 13)}, "p_scores"),
        ({"p_scores": None}, "p_scores"),
        ({"p_notes": json.dumps(["good"])}, "p_notes"),
        ({"p_notes": json.dumps({"charm": "很好"})}, "charm"),
        ({"p_notes": json.dumps({"credit": "长" * 1001})}, "credit"),
        ({"p_notes": json.dumps({"credit": 5})}, "credit"),
        ({"p_comment": "长" * 4001}, "p_comment"),
        ({"p_customer_id": None}, "p_customer_id"),
    ],
)
def test_bad_input_is_refused_in_both_languages_and_nothing_is_written(
    conn, world, args: dict[str, Any], words: str
) -> None:
    before = state(conn, world)
    with pytest.raises(psycopg.Error) as exc:
        submit(conn, world, **args)
    assert exc.value.sqlstate == "22023", str(exc.value)
    assert words in str(exc.value)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.value.diag.message_detail)
    assert state(conn, world) == before


@pytest.mark.parametrize(
    ("persona", "sqlstate"), [("rep", "42501"), ("dealer", "42501"), ("am2", "P0002")]
)
def test_reps_dealers_and_other_areas_may_not_score(conn, world, persona, sqlstate) -> None:
    before = state(conn, world)
    with pytest.raises(psycopg.Error) as exc:
        submit(conn, world, persona)
    assert exc.value.sqlstate == sqlstate
    assert exc.value.diag.message_detail
    assert state(conn, world) == before


def test_one_scorecard_per_day_and_a_retry_returns_the_first(conn, world) -> None:
    eid = str(uuid.uuid4())
    first = submit(conn, world, p_evaluation_id=eid)
    again = submit(
        conn, world, p_evaluation_id=eid, p_scores=json.dumps(dict.fromkeys(SCORECARD, 1))
    )
    assert (again["id"], again["score"], again["repeated"]) == (eid, first["score"], True)
    with pytest.raises(psycopg.Error) as exc:
        submit(conn, world, "mgr")
    assert exc.value.sqlstate == "55000" and "今天已经评价过" in exc.value.diag.message_detail
    assert state(conn, world)[0] == 2  # the world's and this one


def test_a_stale_weights_setting_is_refused_by_the_score_as_well(conn, world) -> None:
    # only possible around the setting's check (a restore, a superuser): the score refuses it too
    conn.execute("alter table settings disable trigger settings_rule_check")
    conn.execute("update settings set value = jsonb_set(value, '{credit}', '4')"
                 " where key = 'evaluation.weights'")  # fmt: skip
    conn.execute("alter table settings enable trigger settings_rule_check")
    before = state(conn, world)
    with pytest.raises(psycopg.Error) as exc:
        submit(conn, world)
    assert exc.value.sqlstate == "22023" and "90" in str(exc.value)
    assert state(conn, world) == before


def due(conn, world, persona: str = "am", as_of: str | None = None) -> dict[str, Any]:
    args = {"p_as_of": as_of} if as_of else {}
    return {r["code"]: r for r in rpc_rows(conn, "evaluations_due", args, world.claims(persona))}


def test_the_due_list_follows_the_period_on_the_company_clock(conn, world) -> None:
    # the world's D_SH was scored on 2026-01-31; D_ZJ never; S_SH is an outlet never scored
    mine = due(conn, world)  # frozen today 2026-12-10, period 3 months
    assert set(mine) == {"D_SH"}  # the Shanghai area manager's
    d = mine["D_SH"]
    assert (d["last_evaluated_on"], d["due_on"]) == ("2026-01-31", "2026-04-30")
    assert d["days_overdue"] == 224 and d["area_manager_id"] == world.users["am"]
    every = due(conn, world, "mgr")
    assert set(every) == {"D_SH", "D_ZJ"} and every["D_ZJ"]["last_evaluated_on"] is None
    assert list(every) == ["D_ZJ", "D_SH"]  # never scored first
    assert due(conn, world, as_of="2026-03-01") == {}  # not yet due
    rpc(conn, "set_setting", {"p_key": "evaluation.period_months", "p_value": "1"},
        world.claims("mgr"))  # fmt: skip
    assert due(conn, world, as_of="2026-03-01")["D_SH"]["due_on"] == "2026-02-28"
    submit(conn, world)  # scored today: off the list
    assert due(conn, world) == {}


@pytest.mark.parametrize("persona", ["rep", "dealer"])
def test_reps_and_dealers_get_no_due_list(conn, world, persona: str) -> None:
    with pytest.raises(psycopg.Error) as exc:
        due(conn, world, persona)
    assert exc.value.sqlstate == "42501"


def test_the_grade_history_names_who_scored(conn, world) -> None:
    submit(conn, world)
    history = rpc_rows(conn, "grade_history", {"p_customer_id": world.ids["D_SH"]},
                       world.claims("rep"))  # fmt: skip
    assert [(h["evaluated_on"], h["grade"], h["evaluator_id"]) for h in history] == [
        (TODAY, "B", world.users["am"]),
        ("2026-01-31", history[1]["grade"], world.users["am"]),
    ]
    assert history[0]["score"] == 80 and history[0]["scores"] == ALL_4
    assert history[0]["evaluator_name"]
    for persona, sqlstate in (("dealer", "42501"), ("rep2", "P0002")):
        with pytest.raises(psycopg.Error) as exc:
            rpc_rows(conn, "grade_history", {"p_customer_id": world.ids["D_SH"]},
                     world.claims(persona))  # fmt: skip
        assert exc.value.sqlstate == sqlstate
