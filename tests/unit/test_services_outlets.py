"""New outlets: a message under each bad field, duplicate detection within the radius, creation."""

from __future__ import annotations

import pytest

from fieldapp.services.i18n import FieldErrors
from fieldapp.services.outlets import (
    DuplicateSuspected,
    OutletForm,
    OutletService,
    normalise_phone,
    similar_names,
)
from fieldapp.services.position import Fix
from fieldapp.store import visits as visit_rows
from tests.images import png
from tests.unit.services_world import SHOP, World, build, north


@pytest.fixture
def world() -> World:
    return build()


def form(world: World, **kw) -> OutletForm:
    base = dict(
        tier="3",
        parent_id=world.ids["S1"],
        name="美宜佳(张杨路店)",
        contact_name="陈店长",
        phone="139 1234 5678",
        address="上海市浦东新区张杨路500号",
    )
    return OutletForm(**{**base, **kw})


def test_every_bad_field_gets_its_own_message(world: World) -> None:
    svc = OutletService(world.store, world.user, world.clock)
    with pytest.raises(FieldErrors) as err:
        svc.validate(
            OutletForm(
                tier="",
                name=" ",
                phone="12ab",
                address="",
                staff="-2",
                vehicles="2.5",
                capital_10k="lots",
                management_flexibility="7",
            ),
            None,
        )
    fields = err.value.fields
    assert set(fields) == {
        "tier",
        "parent_id",
        "name",
        "phone",
        "address",
        "position",
        "staff",
        "vehicles",
        "capital_10k",
        "management_flexibility",
    }
    assert (
        fields["phone"].zh.startswith("电话格式不对")
        and fields["name"].en == "Enter the outlet's name"
    )
    with pytest.raises(FieldErrors) as err:  # beyond the server's limits (docs/access.md)
        svc.validate(
            form(world, address="路" * 201, capital_10k="2000000", warehouse_m2="1e7"),
            Fix(*SHOP, 5.0, world.clock()),
        )
    assert set(err.value.fields) == {"address", "capital_10k", "warehouse_m2"}
    assert "200" in err.value.fields["address"].en
    with pytest.raises(FieldErrors) as err:  # a store cannot sit under a store
        svc.validate(form(world, parent_id=world.ids["R2"]), Fix(*SHOP, 5.0, world.clock()))
    assert set(err.value.fields) == {"parent_id"}


def test_valid_form_becomes_a_row_in_the_parents_area(world: World) -> None:
    svc = OutletService(world.store, world.user, world.clock)
    row = svc.validate(
        form(
            world,
            hot_brands="农夫山泉、康师傅, 可口可乐",
            staff="3",
            warehouse_m2="12.5",
            management_flexibility="4",
        ),
        Fix(31.25, 121.5, 6.0, world.clock()),
    )
    assert row["tier"] == 3 and row["parent_id"] == world.ids["S1"]
    assert row["area_id"] == world.ids["area"] and row["phone"] == "13912345678"
    assert row["hot_brands"] == ["农夫山泉", "康师傅", "可口可乐"]
    assert (row["staff"], row["warehouse_m2"], row["management_flexibility"]) == (3, 12.5, 4)
    assert (row["lat"], row["lng"]) == (31.25, 121.5)


def test_similar_names_and_phones() -> None:
    assert similar_names("联华便利店(南京路店)", "联华便利店 南京路店")
    assert similar_names("联华便利店", "联华便利店(南京路店)")  # one contains the other
    assert similar_names("好德超市", "好德超市店")
    assert not similar_names("好德超市", "联华便利店")
    assert not similar_names("", "好德")
    assert normalise_phone("+86 139-1234-5678") == "+8613912345678"


def test_duplicates_similar_name_or_same_phone_within_the_radius(world: World) -> None:
    svc = OutletService(world.store, world.user, world.clock)
    lat, lng = north(150)  # R1 (联华便利店(南京路店), 13800000003) is 150 m south
    by_name = svc.duplicates("联华便利店南京路店", "13700000000", lat, lng)
    assert [(d.customer["code"], d.similar_name, d.same_phone) for d in by_name] == [
        ("R1", True, False)
    ]
    assert by_name[0].why().zh == "名称相似，相距 150\u00a0米"
    by_phone = svc.duplicates("全新的店", "138-0000-0003", lat, lng)
    assert [(d.customer["code"], d.same_phone) for d in by_phone] == [("R1", True)]
    far = north(260)  # beyond 200 m: not a duplicate
    assert svc.duplicates("联华便利店南京路店", "13800000003", *far) == []
    assert svc.duplicates("全新的店", "13700000000", lat, lng) == []


def test_create_warns_about_duplicates_then_saves_when_confirmed(world: World) -> None:
    svc = OutletService(world.store, world.user, world.clock)
    fix = Fix(*north(50), 8.0, world.clock())
    f = form(world, name="联华便利店（南京路）")
    with pytest.raises(DuplicateSuspected) as err:
        svc.create(f, fix)
    assert [d.customer["code"] for d in err.value.duplicates] == ["R1"]
    before = world.store.pending_count()
    row = svc.create(f, fix, confirm_duplicates=True)
    assert world.store.pending_count() == before + 1
    assert row["owner_id"] == world.user.user_id and row["code"].startswith("N")
    assert row["status"] == "active" and row["since"] == "2026-11-27"
    assert "created_by" not in row and "credit_limit" not in row  # server-only columns
    assert world.store.get("customers", row["id"])["name"] == "联华便利店（南京路）"
    clean = svc.create(
        form(world, name="美宜佳", phone="13911112222"), Fix(31.3, 121.3, 5.0, world.clock())
    )
    assert clean["tier"] == 3


def test_parents_for_a_store_and_for_a_sub_distributor(world: World) -> None:
    svc = OutletService(world.store, world.user, world.clock)
    assert [c["code"] for c in svc.parents(2)] == ["D1"]
    assert [c["code"] for c in svc.parents(3)] == ["D1", "S1"]
    assert [c["code"] for c in svc.parents(3, "浦东")] == ["S1"]


def test_a_storefront_photo_is_kept_with_the_outlet_and_a_bad_one_writes_nothing(
    world: World, tmp_path
) -> None:
    svc = OutletService(world.store, world.user, world.clock, tmp_path / "photos")
    fix = Fix(*north(5000), 5.0, world.clock())  # far from every existing outlet
    before = world.store.pending_count()
    with pytest.raises(FieldErrors) as err:
        svc.create(form(world), fix, photo=(b"", "jpg"))
    assert err.value.fields["photo"].en == "the photo is empty"
    assert world.store.pending_count() == before and not (tmp_path / "photos").exists()

    with pytest.raises(FieldErrors) as err:  # a PNG's signature, then no image
        svc.create(form(world), fix, photo=(b"\x89PNG\r\n\x1a\n-front", ".PNG"))
    assert err.value.fields["photo"].en == "the photo cannot be read"
    assert world.store.pending_count() == before and not (tmp_path / "photos").exists()

    front = png()
    row = svc.create(form(world), fix, photo=(front, ".PNG"))
    [photo] = visit_rows.photos_of_customer(world.store, row["id"])
    assert photo["kind"] == "storefront" and photo["taken_by"] == world.user.user_id
    assert photo["storage_path"] == f"customers/{row['id']}/{photo['id']}.jpg"
    kept = (tmp_path / "photos" / f"{photo['id']}.jpg").read_bytes()
    assert kept[:3] == b"\xff\xd8\xff" and kept != front  # watermarked, the original not kept
    assert world.store.pending_count() == before + 2  # the outlet, then its photo


def test_the_place_comes_from_the_fix_offline(world: World) -> None:
    """Issue 19: province/city/district from the GPS fix by the packaged boundaries (no
    network); a fix in the sea leaves them out rather than guessing."""
    svc = OutletService(world.store, world.user, world.clock)
    row = svc.validate(form(world), Fix(31.2304, 121.4737, 6.0, world.clock()))
    assert (row["province"], row["city"], row["district"]) == ("上海市", "上海市", "黄浦区")
    row = svc.validate(form(world), Fix(31.0, 123.5, 6.0, world.clock()))
    assert "district" not in row and "province" not in row
