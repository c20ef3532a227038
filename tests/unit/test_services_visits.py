"""The visit flow on the phone, without Flet or a server: check-in rules, stock, order, check-out."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from fieldapp.errors import InvalidInput
from fieldapp.services.display_checks import DisplayChecks
from fieldapp.services.i18n import FieldErrors
from fieldapp.services.position import MAX_FIX_AGE_S, Fix, StaleFix, parse_manual
from fieldapp.services.visits import NothingRecorded, VisitService
from fieldapp.store import Store
from fieldapp.store import visits as visit_rows
from tests.images import jpeg
from tests.unit.services_world import SHOP, World, build, north


@pytest.fixture
def world() -> World:
    return build()


def service(w: World, photos: Path | None = None) -> VisitService:
    return VisitService(w.store, w.user, w.clock, photos or Path("/nonexistent"))


def test_check_in_inside_the_radius_records_position_accuracy_and_distance(world: World) -> None:
    visits = service(world)
    before = world.store.pending_count()
    v = visits.check_in(
        world.ids["R1"], world.fix(*north(120), acc=8), plan_stop_id=world.ids["stop1"]
    )
    assert v["status"] == "in_progress" and v["rep_id"] == world.user.user_id
    assert v["checkin_lat"] == pytest.approx(north(120)[0]) and v["checkin_accuracy_m"] == 8
    assert v["checkin_distance_m"] == pytest.approx(120, abs=1)
    assert v["offsite"] is False and "offsite_reason" not in v
    assert v["plan_stop_id"] == world.ids["stop1"]
    assert world.store.pending_count() == before + 1  # row and outbox entry together
    assert visits.active()["id"] == v["id"]


def test_check_in_beyond_the_radius_needs_a_reason_and_is_flagged(world: World) -> None:
    visits = service(world)
    fix = world.fix(*north(450))
    check = visits.assess(world.ids["R1"], fix)
    assert check.beyond and check.needs_reason and check.radius_m == 300
    assert "450" in check.sentence().zh and "beyond the 300 m" in check.sentence().en
    with pytest.raises(FieldErrors) as err:
        visits.check_in(world.ids["R1"], fix, reason="   ")
    assert set(err.value.fields) == {"reason"}
    assert visits.active() is None  # nothing was written
    v = visits.check_in(world.ids["R1"], fix, reason="门店搬到对面商场")
    assert v["offsite"] is True and v["offsite_reason"] == "门店搬到对面商场"
    assert v["checkin_distance_m"] == pytest.approx(450, abs=1)


def test_the_radius_comes_from_the_settings(world: World) -> None:
    world.store.apply_page(
        cursor=11,
        after=None,
        epoch=1,
        revoked=[],
        changes={
            "settings": [
                {
                    "id": "visit.checkin_radius_m",
                    "key": "visit.checkin_radius_m",
                    "value": 500,
                    "version": 2,
                }
            ]
        },
    )
    check = service(world).assess(world.ids["R1"], world.fix(*north(450)))
    assert check.radius_m == 500 and not check.needs_reason


def test_a_stale_fix_is_refused(world: World) -> None:
    visits = service(world)
    with pytest.raises(StaleFix) as err:
        visits.check_in(world.ids["R1"], world.fix(*SHOP, age_s=MAX_FIX_AGE_S + 30))
    assert "150" in err.value.message_zh and "locate again" in err.value.message_en
    with pytest.raises(StaleFix):  # dated in the future: a wrong clock somewhere
        visits.check_in(world.ids["R1"], world.fix(*SHOP, age_s=-600))
    assert visits.active() is None
    visits.check_in(world.ids["R1"], world.fix(*SHOP, age_s=MAX_FIX_AGE_S - 1))


def test_a_manual_position_needs_a_reason_and_is_tagged(world: World) -> None:
    visits = service(world)
    fix = parse_manual(str(SHOP[0]), str(SHOP[1]), world.clock())
    assert fix.accuracy_m is None and visits.assess(world.ids["R1"], fix).needs_reason
    v = visits.check_in(world.ids["R1"], fix, reason="手机没有GPS")
    assert v["offsite"] is True and v["offsite_reason"].endswith("手机没有GPS")
    assert "manual" in v["offsite_reason"] and v["checkin_accuracy_m"] is None
    with pytest.raises(InvalidInput):
        parse_manual("north", "121", world.clock())
    with pytest.raises(InvalidInput):
        parse_manual("95", "121", world.clock())


def test_one_visit_at_a_time(world: World) -> None:
    visits = service(world)
    v = visits.check_in(world.ids["R1"], world.fix(*SHOP))
    assert visits.check_in(world.ids["R1"], world.fix(*SHOP))["id"] == v["id"]  # resumes
    with pytest.raises(InvalidInput) as err:
        visits.check_in(world.ids["R2"], world.fix(31.2280, 121.4700))
    assert "联华便利店" in err.value.message_zh


def test_stock_sheet_shows_the_last_count_and_saves_counts(world: World) -> None:
    visits = service(world)
    first = visits.check_in(world.ids["R1"], world.fix(*SHOP))
    visits.save_stock(first["id"], {world.ids["P1"]: "12"})
    visits.check_out(first["id"])
    world.clock.advance(86400)
    second = visits.check_in(world.ids["R1"], world.fix(*SHOP))
    sheet = visits.stock_sheet(second)
    assert sheet[0].product["id"] == world.ids["P1"]  # counted before: listed first
    assert sheet[0].last["quantity"] == 12 and sheet[0].current is None
    with pytest.raises(FieldErrors) as err:
        visits.save_stock(second["id"], {world.ids["P1"]: "-1", world.ids["P2"]: "abc"})
    assert set(err.value.fields) == {world.ids["P1"], world.ids["P2"]}
    assert visits.save_stock(second["id"], {world.ids["P1"]: "7", world.ids["P2"]: "0"}) == 2
    assert visits.save_stock(second["id"], {world.ids["P1"]: "7"}) == 0  # unchanged: not queued
    n = world.store.pending_count()
    with pytest.raises(FieldErrors) as err:  # boxes are whole: an opened box is not counted
        visits.save_stock(second["id"], {world.ids["P1"]: "8.5", world.ids["P2"]: "3"})
    said = err.value.fields[world.ids["P1"]]
    assert set(err.value.fields) == {world.ids["P1"]} and world.store.pending_count() == n
    assert "清泉源冰红茶" in said.zh and "整箱" in said.zh
    assert said.en == "清泉源冰红茶: The quantity must be whole boxes, no fractions"
    visits.save_stock(second["id"], {world.ids["P1"]: "8"})
    sheet = {s.product["id"]: s for s in visits.stock_sheet(second)}
    assert sheet[world.ids["P1"]].current["quantity"] == 8
    assert sheet[world.ids["P2"]].current["quantity"] == 0
    counts = visit_rows.stock_of_visit(world.store, second["id"])
    assert len(counts) == 2  # a correction updates the same row


def test_order_lines_take_the_list_price_and_total_up(world: World) -> None:
    visits = service(world)
    v = visits.check_in(world.ids["R1"], world.fix(*SHOP))
    sheet = visits.save_order(v["id"], {world.ids["P1"]: "3", world.ids["P2"]: "2"})
    assert sheet.total == Decimal("200.00")  # 3 × 45.00 + 2 × 32.50
    assert sheet.order["status"] == "draft" and sheet.order["customer_id"] == world.ids["R1"]
    lines = {p["id"]: line for p, line in sheet.lines}
    assert lines[world.ids["P1"]]["unit_price"] == 45.0 and sheet.count == 2
    sheet = visits.save_order(v["id"], {world.ids["P1"]: "4", world.ids["P2"]: ""})
    assert sheet.total == Decimal("180.00") and sheet.count == 1
    for typed in ("1.5", "1.0005"):
        with pytest.raises(FieldErrors) as err:
            visits.save_order(v["id"], {world.ids["P1"]: typed})
        said = err.value.fields[world.ids["P1"]]
        assert said.en == "清泉源冰红茶: The quantity must be whole boxes, no fractions"
        assert said.zh == "「清泉源冰红茶」数量须为整箱数，不能有小数"
    assert visits.order_sheet(v).total == Decimal("180.00")  # nothing changed
    sheet = visits.save_order(v["id"], {world.ids["P1"]: "0"})
    assert sheet.order is None and sheet.total == 0  # no lines: the draft order is gone


def test_notes_incidents_complaints_and_photos(world: World, tmp_path: Path) -> None:
    visits = service(world, tmp_path / "photos")
    v = visits.check_in(world.ids["R1"], world.fix(*SHOP))
    n = world.store.pending_count()
    visits.save_notes(v["id"], competitor_notes="康师傅买二送一", feedback="", notes=None)
    assert world.store.pending_count() == n + 1
    visits.save_notes(v["id"], competitor_notes="康师傅买二送一")  # unchanged: nothing queued
    assert world.store.pending_count() == n + 1
    with pytest.raises(FieldErrors) as err:
        visits.report_incident(v["id"], "flood", "")
    assert set(err.value.fields) == {"kind", "description"}
    inc = visits.report_incident(v["id"], "theft", "昨晚仓库被盗")
    again = visits.report_incident(v["id"], "theft", "昨晚仓库被盗，损失约两万元")
    assert again["id"] == inc["id"] and again["reported_by"] == world.user.user_id
    with pytest.raises(FieldErrors):
        visits.raise_complaint(v["id"], "price", " ")
    c = visits.raise_complaint(v["id"], "delivery", "上周到货晚了三天")
    assert c["status"] == "open" and c["raised_by"] == world.user.user_id
    shot = jpeg()
    with pytest.raises(InvalidInput):
        visits.add_photo(v["id"], shot, kind=None)  # every photo has its kind
    photo = visits.add_photo(v["id"], shot, kind="shelf")
    kept = (tmp_path / "photos" / f"{photo['id']}.jpg").read_bytes()
    assert kept != shot and kept[:3] == b"\xff\xd8\xff"  # watermarked, the original not kept
    assert photo["storage_path"] == f"visits/{v['id']}/{photo['id']}.jpg"


def test_check_out_records_the_duration(world: World) -> None:
    """(How fast: benchmarks/bench_app.py.)"""
    visits = service(world)
    v = visits.check_in(world.ids["R1"], world.fix(*SHOP))
    world.clock.advance(25 * 60)
    row, seconds = visits.check_out(v["id"], empty_reason="closed")
    assert row["status"] == "done" and seconds == 25 * 60
    assert visits.duration_s(row) == 25 * 60
    assert visits.active() is None
    with pytest.raises(InvalidInput):
        visits.save_notes(v["id"], notes="too late")


def test_the_visit_draft_survives_a_restart(world: World, tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    w = build(Store.open(path))
    visits = service(w)
    v = visits.check_in(w.ids["R1"], w.fix(*SHOP))
    visits.save_stock(v["id"], {w.ids["P1"]: "5"})
    visits.save_order(v["id"], {w.ids["P2"]: "2"})
    visits.save_notes(v["id"], notes="老板不在")
    w.store.close()  # the app is killed
    w.store = Store.open(path)
    again = service(w)
    draft = again.active()
    assert draft is not None and draft["id"] == v["id"] and draft["notes"] == "老板不在"
    assert {s.product["id"]: s.current for s in again.stock_sheet(draft)}[w.ids["P1"]][
        "quantity"
    ] == 5
    assert again.order_sheet(draft).total == Decimal("65.00")


def test_fix_needs_a_time_zone_and_valid_coordinates() -> None:
    with pytest.raises(InvalidInput):
        Fix(31.0, 121.0, 5.0, dt.datetime(2026, 1, 1))
    with pytest.raises(InvalidInput):
        Fix(91.0, 121.0, 5.0, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


def test_the_oldest_fix_follows_the_pulled_setting(world: World) -> None:
    visits = service(world)
    assert visits.max_fix_age_s() == MAX_FIX_AGE_S  # before the first sync: the default
    setting = {"id": "visit.fix_max_age_s", "key": "visit.fix_max_age_s", "value": 300}
    world.store.apply_page(
        cursor=11, after=None, epoch=1, changes={"settings": [{**setting, "version": 1}]},
        revoked=[],
    )  # fmt: skip
    assert visits.max_fix_age_s() == 300
    visits.check_in(world.ids["R1"], world.fix(*SHOP, age_s=MAX_FIX_AGE_S + 30))


def test_an_empty_visit_needs_a_reason_and_writes_nothing_without_one(world: World) -> None:
    visits = service(world)
    v = visits.check_in(world.ids["R1"], world.fix(*SHOP))
    assert visits.is_empty(v["id"])
    before = world.store.pending_count()
    with pytest.raises(NothingRecorded) as e:
        visits.check_out(v["id"])
    assert "关门" in e.value.message_zh and "closed" in e.value.message_en
    for reason, note, field in (
        ("bored", "", "empty_reason"),
        ("other", "  ", "empty_note"),
        ("other", "x" * 201, "empty_note"),
    ):
        with pytest.raises(FieldErrors) as bad:
            visits.check_out(v["id"], empty_reason=reason, empty_note=note)
        assert field in bad.value.fields
    assert world.store.pending_count() == before and visits.active() is not None  # nothing written
    row, _ = visits.check_out(v["id"], empty_reason="other", empty_note=" 门店装修 ")
    assert row["status"] == "done"
    assert (row["empty_reason"], row["empty_note"]) == ("other", "门店装修")


def test_a_visit_with_anything_recorded_checks_out_without_a_reason(world: World) -> None:
    visits = service(world)
    pop = {"id": "i1", "template_id": "t1", "sort": 1, "label": "POP", "kind": "yes_no",
           "options": [], "required": False, "version": 1}  # fmt: skip
    world.store.apply_page(
        cursor=12, after=None, epoch=1, revoked=[],
        changes={"display_templates": [{"id": "t1", "name": "门店陈列", "tier": None,
                                        "grade": None, "active": True, "version": 1}],
                 "display_items": [pop]},
    )  # fmt: skip
    display = DisplayChecks(world.store, world.user, world.clock, lambda *a, **k: None)
    for record in (
        lambda vid: visits.save_stock(vid, {world.ids["P1"]: "3"}),
        lambda vid: visits.save_notes(vid, competitor_notes="竞品降价"),
        lambda vid: visits.report_incident(vid, "theft", "被盗"),
        lambda vid: visits.raise_complaint(vid, "delivery", "到货晚"),
        lambda vid: display.answer(vid, pop, False),  # only a display answer ("no" is one)
        lambda vid: display.report_competitor(vid, brand="统一", price="3.5"),  # only a report
    ):
        v = visits.check_in(world.ids["R1"], world.fix(*SHOP))
        record(v["id"])
        assert not visits.is_empty(v["id"])
        row, _ = visits.check_out(v["id"], empty_reason="closed")  # ignored: not empty
        assert row["status"] == "done" and not row.get("empty_reason")
        world.clock.advance(60)


def test_a_photo_is_watermarked_where_it_is_taken_when_the_fix_is_fresh(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldapp.services import visit_records

    marked: list[tuple[object, ...]] = []
    kept = visit_records.keep_photo

    def spy(*args: object, **kw: object) -> dict[str, object]:
        marked.append(kw["position"])  # type: ignore[arg-type]
        return kept(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(visit_records, "keep_photo", spy)
    visits = service(world, tmp_path / "photos")
    v = visits.check_in(world.ids["R1"], world.fix(*SHOP, acc=12.0))
    aisle = (SHOP[0] + 0.0002, SHOP[1])
    visits.add_photo(v["id"], jpeg(), kind="shelf", fix=world.fix(*aisle, acc=6.0))
    stale = world.fix(*aisle, acc=6.0, age_s=MAX_FIX_AGE_S + 1)
    visits.add_photo(v["id"], jpeg(), kind="shelf", fix=stale)
    typed = Fix(*aisle, 6.0, world.clock(), source="manual")
    visits.add_photo(v["id"], jpeg(), kind="shelf", fix=typed)
    visits.add_photo(v["id"], jpeg(), kind="shelf")
    at_checkin = (SHOP[0], SHOP[1], 12.0)
    assert marked == [(*aisle, 6.0), at_checkin, at_checkin, at_checkin]
