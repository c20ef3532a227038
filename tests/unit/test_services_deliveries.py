"""A dealer's deliveries on the phone (fieldapp.services.deliveries): what waits, what is overdue
or history by the pulled settings, and a confirmation checked as the server checks it — queued
once, nothing queued when wrong."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from fieldapp.services.deliveries import DeliveryService
from fieldapp.services.i18n import FieldErrors
from fieldapp.store import deliveries as repo
from tests.images import png
from tests.unit.services_world import NOW, Clock, World, build, uid

TODAY = dt.date(2026, 11, 27)  # NOW in Shanghai
DEALER = uid()


def pull(world: World, **tables: list[dict[str, Any]]) -> None:
    """Rows as a pull brings them."""
    changes = {
        t: [{"version": 1, "deleted_at": None, **r} for r in rows] for t, rows in tables.items()
    }
    world.store.apply_page(cursor=99, after=None, epoch=1, revoked=[], changes=changes)


def delivery(doc: str, shipped: dt.date, quantities: list[int], **kw: Any) -> list[dict[str, Any]]:
    """The lines of a delivery from the manufacturer."""
    return [
        {"id": uid(), "doc_no": doc, "line_no": n, "customer_id": DEALER, "seller_id": None,
         "product_id": "p", "shipped_on": shipped.isoformat(), "quantity": q, "unit_price": 10,
         "amount": q * 10, "confirmed_at": None, **kw}
        for n, q in enumerate(quantities, start=1)
    ]  # fmt: skip


@pytest.fixture
def svc() -> DeliveryService:
    world = build(clock=Clock(NOW))
    pull(
        world,
        shipments=delivery("NEW", TODAY, [10, 4])
        + delivery("LATE", TODAY - dt.timedelta(days=5), [6])
        + delivery("OLD", TODAY - dt.timedelta(days=40), [3])
        + delivery("DONE", TODAY - dt.timedelta(days=2), [2], confirmed_at="2026-11-26T08:00:00Z")
        + delivery("ANCIENT", TODAY - dt.timedelta(days=400), [1]),
    )
    service = DeliveryService(world.store, world.user, world.clock, lambda *a, **k: None)
    service.world = world  # type: ignore[attr-defined]
    return service


def by_doc(svc: DeliveryService) -> dict[str, dict[str, Any]]:
    return {d["doc_no"]: d for d in svc.deliveries()}


def test_waiting_overdue_and_history(svc: DeliveryService) -> None:
    got = by_doc(svc)
    assert list(got) == ["NEW", "DONE", "LATE", "OLD", "ANCIENT"]  # newest first
    assert got["NEW"]["awaiting"] and not got["NEW"]["overdue"] and got["NEW"]["line_count"] == 2
    assert got["LATE"]["overdue"] and got["LATE"]["days_since"] == 5
    assert got["DONE"]["confirmed"] and not got["DONE"]["awaiting"]
    assert got["ANCIENT"]["awaiting"]  # no confirm_from pulled: every delivery waits
    assert svc.delivery("LATE") == got["LATE"] and svc.delivery("NOPE") is None
    pull(svc.world, settings=[  # type: ignore[attr-defined]
        {"id": "delivery.confirm_from", "value": (TODAY - dt.timedelta(days=30)).isoformat()},
        {"id": "delivery.confirm_days", "value": 7},
    ])  # fmt: skip
    got = by_doc(svc)
    assert "ANCIENT" not in got  # history beyond 180 days
    assert not got["OLD"]["awaiting"] and not got["OLD"]["overdue"]  # before confirm_from
    assert not got["LATE"]["overdue"]  # 5 days < 7


def test_a_confirmation_is_queued_once_with_the_server_arithmetic(svc: DeliveryService) -> None:
    lines = svc.lines("NEW")
    first, second = lines[0]["id"], lines[1]["id"]
    row = svc.confirm(
        "NEW", {first: {"received": "10", "damaged": "2"}, second: {"missing": "1"}}, "压坏两箱"
    )
    assert row["lines"] == [
        {"shipment_id": first, "received": 10, "damaged": 2, "missing": 0},
        {"shipment_id": second, "received": 3, "damaged": 0, "missing": 1},
    ]
    assert svc.store.pending_count() == 1
    got = by_doc(svc)["NEW"]
    assert got["confirmed"] and got["uploading"] and not got["awaiting"]
    assert [x["damaged"] for x in svc.lines("NEW")] == [2, 0]
    with pytest.raises(FieldErrors) as twice:
        svc.confirm("NEW", {}, "")
    assert "重复确认" in twice.value.fields["doc"].zh
    assert svc.store.pending_count() == 1
    assert repo.confirmations(svc.store)["NEW"]["note"] == "压坏两箱"


@pytest.mark.parametrize(
    ("typed", "note", "field", "zh"),
    [
        ({"received": "-1"}, "", "received", "负数"),
        ({"received": "2.5"}, "", "received", "小数"),
        ({"received": "abc"}, "", "received", "数字"),
        ({"damaged": "5", "missing": "2"}, "x", "damaged", "不能超过发货数量"),
        ({"received": "7", "missing": "1"}, "x", "received", "必须等于发货数量"),
        ({"received": "11"}, "x", "received", "必须等于发货数量"),
        ({"damaged": "1"}, "", "note", "写明情况"),
        ({"missing": "1"}, "  ", "note", "写明情况"),
    ],
)
def test_bad_figures_queue_nothing(
    svc: DeliveryService, typed: dict[str, str], note: str, field: str, zh: str
) -> None:
    (line,) = svc.lines("LATE")
    with pytest.raises(FieldErrors) as err:
        svc.confirm("LATE", {line["id"]: typed}, note)
    key = "note" if field == "note" else f"{line['id']}:{field}"
    assert zh in err.value.fields[key].zh and err.value.fields[key].en
    assert svc.store.pending_count() == 0 and by_doc(svc)["LATE"]["awaiting"]


def test_unknown_deliveries_are_refused(svc: DeliveryService) -> None:
    with pytest.raises(FieldErrors):
        svc.confirm("NOPE", {}, "")
    with pytest.raises(FieldErrors):
        svc.confirm("DONE", {}, "")  # confirmed on the server
    assert svc.store.pending_count() == 0


def test_a_photo_goes_with_the_confirmation_and_a_bad_one_queues_nothing(
    svc: DeliveryService, tmp_path: Path
) -> None:
    first = svc.lines("NEW")[0]["id"]
    damaged = {first: {"received": "10", "damaged": "1"}}
    svc.photos_dir = tmp_path
    with pytest.raises(FieldErrors) as err:
        svc.confirm("NEW", damaged, "压坏", photo=(b"not an image", ".jpg"))
    assert "JPEG" in err.value.fields["photo"].zh
    assert svc.store.pending_count() == 0 and list(tmp_path.iterdir()) == []
    row = svc.confirm("NEW", damaged, "压坏", photo=(png(), "a.png"))
    photo, confirmation = svc.store.next_batch(5)
    assert (photo.table, confirmation.table) == ("photos", "delivery_confirmations")
    assert row["photo_id"] == photo.row_id and photo.patch["kind"] == "damage"
    kept = (tmp_path / f"{photo.row_id}.jpg").read_bytes()  # watermarked: kept as JPEG
    assert kept[:3] == b"\xff\xd8\xff"
