"""Customers (dealers, sub-distributors, stores) and their contacts on the phone."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple, TypedDict, cast

from fieldapp.store.rows import marks, read
from fieldapp.store.store import Store


class Customer(TypedDict, total=False):
    """A customer row as pulled (public.customers) with the phone's pending edits."""

    id: str
    code: str
    name: str
    tier: int  # 1 dealer, 2 sub-distributor, 3 store
    parent_id: str | None
    owner_id: str | None
    area_id: str
    status: str
    phone: str | None
    address: str | None
    contact_name: str | None
    grade: str | None
    quadrant: str | None
    lat: float | None
    lng: float | None
    version: int


class Contact(TypedDict, total=False):
    """A contact person of a customer (public.customer_contacts)."""

    id: str
    customer_id: str
    name: str
    phone: str | None
    title: str | None
    is_primary: bool


class Positioned(NamedTuple):
    """What the map needs of a customer with a position."""

    id: str
    name: str | None
    tier: int | None
    grade: str | None
    quadrant: str | None
    owner_id: str | None
    lat: float
    lng: float


def like(word: str) -> str:
    """A LIKE pattern (escape '\\') for text containing word."""
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def get(store: Store, customer_id: str) -> Customer | None:
    """One customer, or None."""
    return cast(Customer | None, store.get("customers", customer_id))


def by_ids(store: Store, ids: Sequence[str]) -> dict[str, Customer]:
    """The customers with these ids that are on the phone, by id."""
    if not ids:
        return {}
    found: list[Customer] = read(store, "customers", f"id in ({marks(len(ids))})", list(ids))
    return {r["id"]: r for r in found}


def suppliers(
    store: Store, tiers: Sequence[int], words: Sequence[str], limit: int
) -> list[Customer]:
    """Customers of these tiers, not eliminated, whose search text holds every word; by tier
    and name (who may supply a new outlet)."""
    where = [f"tier in ({marks(len(tiers))})", "status <> 'eliminated'"]
    params: list[Any] = list(tiers)
    for word in words:
        where.append("search like ? escape '\\'")
        params.append(like(word))
    return read(store, "customers", " and ".join(where), params, order="tier, name", limit=limit)


def in_box(store: Store, lat: tuple[float, float], lng: tuple[float, float]) -> list[Customer]:
    """Customers positioned inside a latitude and a longitude range."""
    return read(store, "customers", "lat between ? and ? and lng between ? and ?", [*lat, *lng])


def with_phone_or_name(store: Store, phone: str, name: str) -> list[Customer]:
    """Customers with this phone number or exactly this name."""
    return read(store, "customers", "phone = ? or name = ?", [phone, name])


def workable(store: Store) -> list[Customer]:
    """Customers neither eliminated nor suspended, by code (what a plan may visit)."""
    return read(
        store,
        "customers",
        "status is null or status not in ('eliminated', 'suspended')",
        order="code",
    )


def area_of_owner(store: Store, owner_id: str) -> str | None:
    """The area of one of the customers this user owns (None when they own none)."""
    found = read(store, "customers", "owner_id = ?", [owner_id], limit=1)
    return found[0].get("area_id") if found else None


def owned_by(store: Store, owner_id: str) -> list[Customer]:
    """The customers this user owns."""
    return read(store, "customers", "owner_id = ?", [owner_id])


def children_count(store: Store, customer_id: str) -> int:
    """How many customers this one supplies (one tier down)."""
    with store.reading() as c:
        row = c.execute(
            "select count(*) from customers where deleted = 0 and parent_id = ?", (customer_id,)
        ).fetchone()
    return int(row[0])


def positioned(store: Store) -> list[Positioned]:
    """Every customer with a position, with what the map draws."""
    with store.reading() as c:
        found = c.execute(
            "select id, name, tier, grade, quadrant, owner_id, lat, lng from customers"
            " where deleted = 0 and lat is not null and lng is not null"
        ).fetchall()
    return [Positioned(*r) for r in found]


def map_columns(
    store: Store,
) -> tuple[
    list[str],
    list[str | None],
    list[int | None],
    list[str | None],
    list[str | None],
    list[str | None],
    list[float],
    list[float],
]:
    """What the map draws of every positioned customer, as columns (ids, names, tiers, grades,
    quadrants, owners, lats, lngs), in name order: one query over customer_find, no JSON."""
    with store.reading() as c:
        found = c.execute(
            "select id, name, tier, grade, quadrant, owner_id, lat, lng from customer_find"
            " where lat is not null and lng is not null"
        ).fetchall()
    if not found:
        return [], [], [], [], [], [], [], []
    cols = tuple(list(col) for col in zip(*found, strict=True))
    return cols  # type: ignore[return-value]


class Unplaced(NamedTuple):
    """A customer without a position (待定位: `fieldsales geocode` places it from its address)."""

    id: str
    name: str | None
    address: str | None


def unplaced(store: Store) -> list[Unplaced]:
    """Every customer without a position, by name."""
    with store.reading() as c:
        found = c.execute(
            "select id, name, address from customers"
            " where deleted = 0 and (lat is null or lng is null) order by name, id"
        ).fetchall()
    return [Unplaced(*r) for r in found]


def contacts(store: Store, customer_id: str) -> list[Contact]:
    """A customer's contact people, by name."""
    return read(store, "customer_contacts", "customer_id = ?", [customer_id], order="name")
