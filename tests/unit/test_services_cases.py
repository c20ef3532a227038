"""After-sales on the phone (fieldapp.services.cases): what is left to return on each delivery
line, a request checked as the server checks it and queued once (nothing queued when wrong), the
dealer's cases with the requests still uploading, and the desk steps' RPC calls."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from fieldapp.services.cases import CaseService
from fieldapp.services.i18n import FieldErrors
from fieldapp.store import cases as repo
from tests.images import jpeg
from tests.unit.services_world import NOW, Clock, World, build, uid
from tests.unit.test_services_deliveries import DEALER, delivery, pull

TODAY = dt.date(2026, 11, 27)  # NOW in Shanghai


class Calls:
    """The online calls a service made (fn, args), answering each with `answer`."""

    def __init__(self) -> None:
        self.made: list[tuple[str, dict[str, Any]]] = []

    def __call__(self, fn: str, **args: Any) -> Any:
        self.made.append((fn, args))
        return {}


@pytest.fixture
def svc() -> CaseService:
    world: World = build(clock=Clock(NOW))
    confirmed = delivery("D1", TODAY - dt.timedelta(days=10), [10, 4])
    confirmed[0].update(confirmed_at="2026-11-18T08:00:00Z", received_quantity=9)
    confirmed[1].update(confirmed_at="2026-11-18T08:00:00Z", received_quantity=4)
    pull(world, shipments=confirmed + delivery("D2", TODAY, [5]))
    service = CaseService(world.store, world.user, world.clock, Calls())
    service.world = world  # type: ignore[attr-defined]
    service.d1 = confirmed  # type: ignore[attr-defined]
    return service


def left(svc: CaseService, doc: str) -> list[int]:
    return [int(s["left"]) for s in svc.returnable(doc)]


def test_what_is_left_counts_received_boxes_cases_and_queued_requests(svc: CaseService) -> None:
    d1 = svc.d1  # type: ignore[attr-defined]
    assert left(svc, "D1") == [9, 4]  # received, not shipped
    assert left(svc, "D2") == [5]  # never confirmed: shipped
    assert svc.deliveries() == ["D2", "D1"]
    # a pulled return case on line 1 and a rejected one on line 2 (which gives its boxes back)
    ok, no = uid(), uid()
    pull(
        svc.world,  # type: ignore[attr-defined]
        cases=[
            {"id": ok, "kind": "return", "customer_id": DEALER, "status": "in_progress",
             "title": "退货", "opened_at": "2026-11-20T08:00:00Z"},
            {"id": no, "kind": "exchange", "customer_id": DEALER, "status": "rejected",
             "title": "换货", "opened_at": "2026-11-21T08:00:00Z"},
        ],
        case_lines=[
            {"id": uid(), "case_id": ok, "customer_id": DEALER, "shipment_id": d1[0]["id"],
             "quantity": 3},
            {"id": uid(), "case_id": no, "customer_id": DEALER, "shipment_id": d1[1]["id"],
             "quantity": 4},
        ],
    )  # fmt: skip
    assert left(svc, "D1") == [6, 4]
    svc.request("return", "破损", doc_no="D1", quantities={d1[1]["id"]: "2"})
    assert left(svc, "D1") == [6, 2]  # the queued request counts at once


def test_a_request_is_checked_and_queued_once(svc: CaseService) -> None:
    d1 = svc.d1  # type: ignore[attr-defined]
    first, second = d1[0]["id"], d1[1]["id"]
    bad: list[tuple[dict[str, Any], set[str]]] = [
        ({"kind": "return", "reason": " ", "doc_no": "D1", "quantities": {first: "1"}},
         {"reason"}),
        ({"kind": "return", "reason": "x", "doc_no": None}, {"doc"}),
        ({"kind": "return", "reason": "x", "doc_no": "NOPE"}, {"doc"}),
        ({"kind": "return", "reason": "x", "doc_no": "D1", "quantities": {}}, {"lines"}),
        ({"kind": "return", "reason": "x", "doc_no": "D1", "quantities": {first: "10"}},
         {first}),  # 9 received
        ({"kind": "return", "reason": "x", "doc_no": "D1", "quantities": {first: "-1"}}, {first}),
        ({"kind": "return", "reason": "x", "doc_no": "D1", "quantities": {first: "1.5"}},
         {first}),
        ({"kind": "gift", "reason": "x", "doc_no": "D1", "quantities": {first: "1"}}, {"kind"}),
        ({"kind": "complaint", "reason": "x", "severity": "urgent"}, {"severity"}),
        ({"kind": "complaint", "reason": "x" * 4001}, {"reason"}),
    ]  # fmt: skip
    for args, keys in bad:
        kind, reason = args.pop("kind"), args.pop("reason")
        with pytest.raises(FieldErrors) as err:
            svc.request(kind, reason, **args)
        assert set(err.value.fields) == keys, (kind, args)
        assert all(m.zh and m.en for m in err.value.fields.values())
    assert repo.requests(svc.store) == []  # nothing queued
    row = svc.request("exchange", " 包装破损 ", doc_no="D1", quantities={first: "9", second: ""})
    assert row["lines"] == [{"shipment_id": first, "quantity": 9}]
    assert row["reason"] == "包装破损" and row["customer_id"] == DEALER
    complaint = svc.request("complaint", "送货太慢", severity="high")
    assert complaint["lines"] == [] and complaint["customer_id"] == DEALER
    assert {r["id"] for r in repo.requests(svc.store)} == {row["id"], complaint["id"]}
    assert svc.store.has_pending("case_requests", row["id"])
    # both show as uploading cases and open as cases with their lines
    listed = svc.cases()
    assert {c["id"] for c in listed} == {complaint["id"], row["id"]}
    assert all(c["uploading"] and c["status"] == "open" for c in listed)
    one = svc.case(row["id"])
    assert one is not None and one["lines"][0]["quantity"] == 9 and one["events"] == []


def test_overdue_and_finished_cases_sort_last(svc: CaseService) -> None:
    late, done, fresh = uid(), uid(), uid()
    pull(
        svc.world,  # type: ignore[attr-defined]
        cases=[
            {"id": late, "kind": "complaint", "customer_id": DEALER, "status": "in_progress",
             "title": "a", "opened_at": "2026-11-01T08:00:00Z", "due_at": "2026-11-05T08:00:00Z"},
            {"id": done, "kind": "return", "customer_id": DEALER, "status": "closed",
             "title": "b", "opened_at": "2026-11-26T08:00:00Z", "due_at": "2026-11-05T08:00:00Z",
             "answer": "已退款"},
            {"id": fresh, "kind": "repair", "customer_id": DEALER, "status": "open",
             "title": "c", "opened_at": "2026-11-20T08:00:00Z", "due_at": "2026-12-20T08:00:00Z"},
        ],
    )  # fmt: skip
    got = svc.cases()
    assert [c["id"] for c in got] == [fresh, late, done]
    assert [c["overdue"] for c in got] == [False, True, False]  # a closed case is never overdue
    assert got[2]["answered"]


def test_desk_steps_call_their_rpc(svc: CaseService) -> None:
    calls: Calls = svc.rpc  # type: ignore[assignment]
    svc.act("c1", "note", " 已联系 ", internal=True)
    svc.act("c1", "assign", owner_id="u2")
    svc.act("c1", "refuse", "超出期限")
    svc.act("c1", "done", "更换外包装")
    assert calls.made == [
        (
            "case_add_note",
            {"p_case_id": "c1", "p_note": "已联系", "p_internal": True, "p_photo_ids": "{}"},
        ),
        ("case_assign", {"p_case_id": "c1", "p_owner_id": "u2"}),
        ("case_approve", {"p_case_id": "c1", "p_reason": "超出期限", "p_approved": False}),
        ("case_service_step", {"p_case_id": "c1", "p_note": "更换外包装", "p_step": "done"}),
    ]


JPEG = jpeg()


def test_photos_go_before_their_request_and_bad_ones_queue_nothing(
    svc: CaseService, tmp_path: Any
) -> None:
    d1 = svc.d1  # type: ignore[attr-defined]
    goods = {"doc_no": "D1", "quantities": {d1[0]["id"]: "1"}}
    with pytest.raises(FieldErrors) as err:  # a device that cannot keep photos
        svc.request("return", "破损", photos=[(JPEG, ".jpg")], **goods)
    assert set(err.value.fields) == {"photos"}
    svc.photos_dir = tmp_path
    for photos, zh in (
        ([(b"GIF89a" + bytes(20), ".jpg")], "第 1 张照片"),  # no JPEG, PNG or WebP
        ([(JPEG, ".jpg")] * 10, "最多 9 张"),
    ):
        with pytest.raises(FieldErrors) as err:
            svc.request("return", "破损", photos=photos, **goods)
        assert zh in err.value.fields["photos"].zh and err.value.fields["photos"].en
    assert svc.store.pending_count() == 0 and list(tmp_path.iterdir()) == []
    row = svc.request("return", "破损", photos=[(JPEG, ".jpg"), (JPEG, "x.jpeg")], **goods)
    queued = svc.store.next_batch(10)
    assert [m.table for m in queued] == ["photos", "photos", "case_requests"]
    assert row["photo_ids"] == [m.row_id for m in queued[:2]]
    assert {m.patch["kind"] for m in queued[:2]} == {"damage"}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{i}.jpg" for i in row["photo_ids"]
    )
    complaint = svc.request("complaint", "态度差", photos=[(JPEG, ".jpg")])
    (photo,) = complaint["photo_ids"]
    assert svc.store.get("photos", photo)["kind"] == "evidence"  # type: ignore[index]
    assert svc.case(complaint["id"])["photo_ids"] == [photo]  # type: ignore[index]


def test_a_notes_photos_are_queued_first(svc: CaseService, tmp_path: Any) -> None:
    svc.photos_dir = tmp_path
    with pytest.raises(FieldErrors):
        svc.note_photos(DEALER, [(b"no image", ".jpg")])
    assert svc.store.pending_count() == 0
    ids = svc.note_photos(DEALER, [(JPEG, ".jpg"), (JPEG, ".jpg")])
    assert [m.row_id for m in svc.store.next_batch(5)] == ids
    svc.act("c1", "note", "见照片", photo_ids=ids)
    calls: Calls = svc.rpc  # type: ignore[assignment]
    assert calls.made[-1][1]["p_photo_ids"] == "{" + ",".join(ids) + "}"
