"""The dealer's meetings, feedback and support (fieldapp.ui.dealer.dealer_relations): from its
phone's store, the meetings its company attended (newest first, with their decisions) and its own
feedback (newest 5) — nothing of a meeting it did not attend or of another customer's feedback,
even when such rows are on the phone; its company remembered from the account for offline; the
support received online, never with the internal score or evaluation note."""

from __future__ import annotations

from typing import Any

import pytest

from fieldapp.services.dealer import DealerService
from fieldapp.services.device import DEMO, SignedIn
from fieldapp.services.meetings import MeetingService
from fieldapp.services.support import SupportService
from fieldapp.store import Store
from fieldapp.sync.errors import ConnectionLost
from tests.unit.services_world import NOW, Clock, uid

ME, OTHER = uid(), uid()  # the dealer's company, another dealer


class FakeServer:
    """The remote: records calls, answers per function, or raises."""

    def __init__(self, answers: dict[str, Any] | None = None) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.answers = answers or {}
        self.fail: Exception | None = None

    def __call__(self, fn: str, **args: Any) -> Any:
        if self.fail is not None:
            raise self.fail
        self.calls.append((fn, args))
        return self.answers.get(fn)


def pull(store: Store, **tables: list[dict[str, Any]]) -> None:
    """Rows as a pull brings them."""
    changes = {
        t: [{"version": 1, "deleted_at": None, **r} for r in rows] for t, rows in tables.items()
    }
    store.apply_page(cursor=99, after=None, epoch=1, revoked=[], changes=changes)


@pytest.fixture
def store() -> Store:
    s = Store.open(":memory:")
    m1, m2, m3 = uid(), uid(), uid()
    pull(
        s,
        meetings=[
            {"id": m1, "area_id": uid(), "kind": "quarterly", "held_on": "2026-10-15",
             "place": "上海办事处", "agenda": "四季度铺货", "minutes": "全年目标确认"},
            {"id": m2, "area_id": uid(), "kind": "annual", "held_on": "2026-01-10",
             "place": None, "agenda": "年度政策", "minutes": None},
            # not attended by this dealer (RLS would not send it; the phone filters it anyway)
            {"id": m3, "area_id": uid(), "kind": "ad_hoc", "held_on": "2026-11-20",
             "place": "别处", "agenda": "别家的会", "minutes": "不该看到"},
        ],
        meeting_attendees=[
            {"id": uid(), "meeting_id": m1, "customer_id": ME, "profile_id": None},
            {"id": uid(), "meeting_id": m1, "customer_id": OTHER, "profile_id": None},
            {"id": uid(), "meeting_id": m1, "customer_id": None, "profile_id": uid()},
            {"id": uid(), "meeting_id": m2, "customer_id": ME, "profile_id": None},
            {"id": uid(), "meeting_id": m3, "customer_id": OTHER, "profile_id": None},
        ],
        meeting_decisions=[
            {"id": uid(), "meeting_id": m1, "body": "补齐冰红茶陈列", "owner_id": uid(),
             "due_on": "2026-11-30", "status": "open"},
            {"id": uid(), "meeting_id": m1, "body": "调整返利", "owner_id": uid(),
             "due_on": "2026-11-01", "status": "done", "done_at": "2026-10-30T02:00:00+00:00"},
            {"id": uid(), "meeting_id": m3, "body": "别家的决议", "owner_id": uid(),
             "due_on": "2026-12-01", "status": "open"},
        ],
        customer_feedback=[
            *({"id": uid(), "customer_id": ME, "score": 1 + i % 5, "body": f"第{i}次",
               "visit_id": None, "meeting_id": None, "recorded_on": f"2026-0{i + 1}-05",
               "recorded_by": uid()} for i in range(6)),
            {"id": uid(), "customer_id": OTHER, "score": 1, "body": "别家的评价",
             "visit_id": None, "meeting_id": m3, "recorded_on": "2026-11-20",
             "recorded_by": uid()},
        ],
    )  # fmt: skip
    return s


def dealer_user() -> SignedIn:
    return SignedIn(uid(), "dealer@example.cn", "dealer", "鑫源", DEMO, "test", NOW.isoformat())


def test_the_dealer_lists_only_the_meetings_it_attended_newest_first(store: Store) -> None:
    svc = MeetingService(store, dealer_user(), Clock(NOW), FakeServer())
    found = svc.attended(ME)
    assert [a.meeting["agenda"] for a in found] == ["四季度铺货", "年度政策"]
    first = found[0]
    assert [(d["body"], d["status"], d["due_on"]) for d in first.decisions] == [
        ("调整返利", "done", "2026-11-01"),
        ("补齐冰红茶陈列", "open", "2026-11-30"),
    ]
    assert found[1].decisions == []
    assert "别家的会" not in str(found) and "别家的决议" not in str(found)
    assert svc.attended(None) == []  # the company not known yet: nothing rather than everything


def test_the_dealer_sees_its_own_feedback_newest_five(store: Store) -> None:
    svc = MeetingService(store, dealer_user(), Clock(NOW), FakeServer())
    mine = svc.own_feedback(ME)
    assert [f["recorded_on"] for f in mine] == [f"2026-0{i}-05" for i in (6, 5, 4, 3, 2)]
    assert all(f["customer_id"] == ME for f in mine)
    assert svc.own_feedback(None) == []


def test_the_company_is_remembered_from_the_account_for_offline(store: Store) -> None:
    user = dealer_user()
    server = FakeServer({"dealer_account": [{"customer_id": ME, "name": "鑫源", "balance": 1}]})
    fresh = DealerService(store, user, Clock(NOW), server)
    assert fresh.company_id() is None  # never online, no delivery: not known
    assert fresh.account() is not None
    server.fail = ConnectionLost("断网", "offline")
    assert DealerService(store, user, Clock(NOW), server).company_id() == ME


def test_the_company_is_known_from_a_delivery_before_the_account(store: Store) -> None:
    pull(store, shipments=[{"id": uid(), "customer_id": ME, "seller_id": None, "doc_no": "D1"}])
    assert DealerService(store, dealer_user(), Clock(NOW), FakeServer()).company_id() == ME


def test_the_support_received_never_carries_the_internal_evaluation(store: Store) -> None:
    row = {"id": uid(), "customer_id": ME, "kind": "training", "title": "培训", "status":
           "evaluated", "planned_on": "2026-11-01", "done_on": "2026-11-03", "cost": 800,
           "materials": "手册", "outcome": "店员会介绍新品", "score": 2,
           "evaluation_note": "内部：效果一般"}  # fmt: skip
    server = FakeServer({"support_list": [row]})
    got = SupportService(store, dealer_user(), Clock(NOW), server).received()
    assert server.calls == [
        ("support_list", {"p_area_id": None, "p_status": None, "p_customer_id": None,
                          "p_limit": 50})
    ]  # fmt: skip
    assert got == [{k: v for k, v in row.items() if k not in ("score", "evaluation_note")}]
    assert "score" not in got[0] and "evaluation_note" not in got[0]


def test_the_support_list_offline_raises_for_the_screen_to_say_so(store: Store) -> None:
    server = FakeServer()
    server.fail = ConnectionLost("断网", "offline")
    with pytest.raises(ConnectionLost):
        SupportService(store, dealer_user(), Clock(NOW), server).received()
