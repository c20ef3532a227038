"""The scorecard service (issue 17): a draft kept on the phone across restarts, checked before it
is sent, submitted once with its id (a retry is not a second scorecard), and the due list and
grade history from the server — with a fake rpc that records the calls."""

from __future__ import annotations

from typing import Any

import pytest

from fieldapp.errors import FieldSalesError
from fieldapp.services.i18n import FieldErrors
from fieldapp.services.scorecards import KEYS, ScorecardService
from tests.unit.services_world import World, build


class FakeRpc:
    """Records calls; answers what the test set, or raises it."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.answers: dict[str, Any] = {}

    def __call__(self, fn: str, **args: Any) -> Any:
        self.calls.append((fn, args))
        answer = self.answers.get(fn)
        if isinstance(answer, Exception):
            raise answer
        return answer


@pytest.fixture
def world() -> World:
    return build()


def service(world: World, rpc: FakeRpc) -> ScorecardService:
    return ScorecardService(world.store, world.user, world.clock, rpc)


def test_a_draft_is_kept_on_the_phone_and_survives_a_new_service(world) -> None:
    rpc = FakeRpc()
    s = service(world, rpc)
    cid = world.ids["D1"]
    s.save_draft(cid, {"credit": 4, "network": "5", "flexibility": ""}, {"credit": " 按时回款 "})
    again = service(world, rpc).draft(cid)  # the app restarted
    assert again["scores"] == {"credit": 4, "network": 5}
    assert again["notes"] == {"credit": "按时回款"}
    assert rpc.calls == []  # offline: nothing sent


@pytest.mark.parametrize(
    ("scores", "notes", "comment", "field"),
    [
        ({"credit": 6}, {}, "", "credit"),
        ({"credit": 0}, {}, "", "credit"),
        ({"credit": "4.5"}, {}, "", "credit"),
        ({"credit": True}, {}, "", "credit"),
        ({"charm": 3}, {}, "", "charm"),
        ({}, {"credit": "长" * 1001}, "", "note.credit"),
        ({}, {}, "长" * 4001, "comment"),
    ],
)
def test_a_bad_draft_is_refused_in_both_languages_and_nothing_kept(
    world, scores, notes, comment, field
) -> None:
    s = service(world, FakeRpc())
    cid = world.ids["D1"]
    with pytest.raises(FieldErrors) as exc:
        s.save_draft(cid, scores, notes, comment)
    msg = exc.value.fields[field]
    assert msg("zh") != msg("en") and msg("zh") and msg("en")
    assert s.draft(cid)["scores"] == {}


def test_an_incomplete_draft_is_not_sent(world) -> None:
    rpc = FakeRpc()
    s = service(world, rpc)
    cid = world.ids["D1"]
    s.save_draft(cid, dict.fromkeys(KEYS[:-1], 3))
    with pytest.raises(FieldErrors) as exc:
        s.submit(cid)
    assert set(exc.value.fields) == {"relationship"}
    assert rpc.calls == []


def test_submit_sends_the_draft_once_with_its_id_and_forgets_it(world) -> None:
    rpc = FakeRpc()
    s = service(world, rpc)
    cid = world.ids["D1"]
    s.save_draft(cid, dict.fromkeys(KEYS, 4), {"credit": "好"}, "稳定")
    rpc.answers["submit_evaluation"] = FieldSalesError("网络中断", "offline")
    with pytest.raises(FieldSalesError):
        s.submit(cid)
    kept = s.draft(cid)
    assert kept["id"] and kept["scores"] == dict.fromkeys(KEYS, 4)  # still there to retry
    rpc.answers["submit_evaluation"] = {"id": kept["id"], "score": 80.0, "grade": "B"}
    assert s.submit(cid)["grade"] == "B"
    (fn1, first), (fn2, second) = rpc.calls
    assert fn1 == fn2 == "submit_evaluation"
    assert first == second  # the same id: the server answers a retry with the first scorecard
    assert second == {
        "p_customer_id": cid,
        "p_scores": dict.fromkeys(KEYS, 4),
        "p_notes": {"credit": "好"},
        "p_comment": "稳定",
        "p_evaluation_id": kept["id"],
    }
    assert s.draft(cid)["scores"] == {} and s.draft(cid)["id"] is None


def test_due_list_and_history_come_from_the_server(world) -> None:
    rpc = FakeRpc()
    rpc.answers = {"evaluations_due": [{"code": "D1"}], "grade_history": None}
    s = service(world, rpc)
    assert s.due() == [{"code": "D1"}]
    assert s.history(world.ids["D1"]) == []
    assert rpc.calls == [
        ("evaluations_due", {"p_as_of": s.today().isoformat()}),
        ("grade_history", {"p_customer_id": world.ids["D1"]}),
    ]
