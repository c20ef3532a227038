"""New outlets (新建网点): validation with a message per field, duplicate warnings, creation."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from fieldapp.domain import clock, districts
from fieldapp.domain.distance import haversine_m
from fieldapp.errors import InvalidInput
from fieldapp.services import settings
from fieldapp.services.device import SignedIn
from fieldapp.services.i18n import FieldErrors, Msg
from fieldapp.services.photos import keep_photo, photo_ext
from fieldapp.services.position import Fix
from fieldapp.services.watermark import readable
from fieldapp.store import Store, customers
from fieldapp.store.customers import Customer

PHONE = re.compile(r"^(\+?86)?(1[3-9]\d{9}|0\d{9,11}|[2-9]\d{6,7})$")
SIMILAR = 0.75  # SequenceMatcher ratio of normalised names at or above which names are similar
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)
_INTS = ("sub_distributor_count", "vehicles", "staff")
_DECIMALS = ("capital_10k", "warehouse_m2")


class DuplicateSuspected(InvalidInput):
    """Outlets nearby look like the new one; create it only when the rep confirms."""

    title_zh = "可能重复"
    title_en = "Possible duplicate"

    def __init__(self, duplicates: list[Duplicate]) -> None:
        names = "、".join(d.customer.get("name", "") for d in duplicates[:3])
        super().__init__(f"附近已有相似网点：{names}", f"similar outlets nearby: {names}")
        self.duplicates = duplicates


@dataclass(frozen=True)
class Duplicate:
    """An existing outlet that may be the same as the new one, and why."""

    customer: Customer
    distance_m: float | None
    same_phone: bool
    similar_name: bool

    def why(self) -> Msg:
        """The reason in one phrase."""
        d = "" if self.distance_m is None else f"{round(self.distance_m)}"
        parts_zh, parts_en = [], []
        if self.same_phone:
            parts_zh.append("电话相同")
            parts_en.append("same phone")
        if self.similar_name:
            parts_zh.append("名称相似")
            parts_en.append("similar name")
        if d:
            parts_zh.append(f"相距 {d}\u00a0米")  # no line break between number and unit
            parts_en.append(f"{d}\u00a0m away")
        return Msg("，".join(parts_zh), ", ".join(parts_en))


def normalise_name(name: str) -> str:
    """A name for comparison: full-width folded, lower case, without spaces and punctuation."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", name or "").lower())


def similar_names(a: str, b: str) -> bool:
    """Whether two outlet names are alike (one contains the other, or they mostly match)."""
    x, y = normalise_name(a), normalise_name(b)
    if not x or not y:
        return False
    if x == y or (min(len(x), len(y)) >= 3 and (x in y or y in x)):
        return True
    return SequenceMatcher(None, x, y).ratio() >= SIMILAR


def normalise_phone(phone: str) -> str:
    """Digits (and a leading +) only."""
    text = unicodedata.normalize("NFKC", phone or "").strip()
    return ("+" if text.startswith("+") else "") + re.sub(r"\D", "", text)


@dataclass(frozen=True)
class OutletForm:
    """What the rep typed on the new-outlet screen (text as typed; checked by validate)."""

    tier: str = ""
    parent_id: str = ""
    name: str = ""
    contact_name: str = ""
    phone: str = ""
    address: str = ""
    status: str = "active"
    sub_distributor_count: str = ""
    capital_10k: str = ""
    hot_brands: str = ""
    warehouse_m2: str = ""
    vehicles: str = ""
    staff: str = ""
    management_flexibility: str = ""
    exclusive: bool = False


class OutletService:
    """Creates tier 2 and 3 outlets owned by the signed-in rep, offline."""

    def __init__(
        self,
        store: Store,
        user: SignedIn,
        now: Callable[[], dt.datetime],
        photos_dir: Path | None = None,
    ) -> None:
        self.store = store
        self.user = user
        self.now = now
        self.photos_dir = photos_dir

    def radius_m(self) -> float:
        """Duplicate radius (setting visit.duplicate_radius_m, default 200 m)."""
        return settings.metres(self.store, settings.DUPLICATE_RADIUS_M)

    def parents(self, tier: int, text: str = "", limit: int = 30) -> list[Customer]:
        """Who may supply a new outlet: dealers for a sub-distributor; dealers or
        sub-distributors for a store; matching the text."""
        tiers = [1] if tier == 2 else [1, 2]
        return customers.suppliers(self.store, tiers, text.lower().split(), limit)

    def validate(self, form: OutletForm, fix: Fix | None) -> dict[str, Any]:
        """The row to insert, or FieldErrors with a message for each bad field."""
        p: dict[str, Msg] = {}
        row: dict[str, Any] = {}
        tier = form.tier.strip()
        if tier not in ("2", "3"):
            p["tier"] = Msg("请选择网点类型（二批或终端）", "Choose sub-distributor or store")
        else:
            row["tier"] = int(tier)
        parent = customers.get(self.store, form.parent_id) if form.parent_id else None
        if parent is None:
            p["parent_id"] = Msg("请选择上级客户", "Choose who supplies this outlet")
        elif "tier" in row and (parent.get("tier") or 9) >= row["tier"]:
            p["parent_id"] = Msg(
                "上级必须高一级（二批的上级是经销商）", "The supplier must be one tier up"
            )
        else:
            row["parent_id"], row["area_id"] = parent["id"], parent.get("area_id")
            if not row["area_id"]:
                p["parent_id"] = Msg("上级客户没有所属区域", "The supplier has no area")
        name = " ".join(form.name.split())
        if not name:
            p["name"] = Msg("请填写网点名称", "Enter the outlet's name")
        elif len(name) > 200:
            p["name"] = Msg("名称最多 200 字", "At most 200 characters")
        row["name"] = name
        contact = " ".join(form.contact_name.split())
        if len(contact) > 100:
            p["contact_name"] = Msg("联系人最多 100 字", "At most 100 characters")
        row["contact_name"] = contact or None
        phone = normalise_phone(form.phone)
        if not phone:
            p["phone"] = Msg("请填写联系电话", "Enter a phone number")
        elif not PHONE.match(phone):
            p["phone"] = Msg(
                "电话格式不对（手机 11 位，座机带区号）",
                "Not a phone number (11-digit mobile, or landline with area code)",
            )
        row["phone"] = phone or None
        address = " ".join(form.address.split())
        if not address:
            p["address"] = Msg("请填写地址", "Enter the address")
        elif len(address) > 200:  # the server's limit for a text (docs/access.md, Limits)
            p["address"] = Msg("地址最多 200 字", "At most 200 characters")
        row["address"] = address
        if fix is None:
            p["position"] = Msg(
                "请先定位（或手动输入坐标）", "Locate the outlet first (or type it)"
            )
        else:
            row["lat"], row["lng"] = round(fix.lat, 7), round(fix.lng, 7)
            place = districts.locate(fix.lat, fix.lng)  # offline: the packaged boundaries
            if place is not None:
                row.update(province=place.province, city=place.city, district=place.district)
        if form.status not in ("active", "prospect"):
            p["status"] = Msg("请选择状态", "Choose a status")
        row["status"] = form.status
        for key in _INTS:
            row[key] = _number(getattr(form, key), key, p, integer=True, top=100_000)
        for key in _DECIMALS:
            # below the server's 1,000,000 (万元, m²; docs/access.md, Limits)
            row[key] = _number(getattr(form, key), key, p, integer=False, top=1_000_000)
        flex = _number(
            form.management_flexibility, "management_flexibility", p, integer=True, top=6
        )
        if flex is not None and not 1 <= flex <= 5:
            p["management_flexibility"] = Msg("请填 1 到 5", "Enter 1 to 5")
        row["management_flexibility"] = flex
        brands = [b for b in re.split(r"[,，、;；/\s]+", form.hot_brands) if b]
        if len(brands) > 20:
            p["hot_brands"] = Msg("最多 20 个品牌", "At most 20 brands")
        row["hot_brands"] = brands
        row["exclusive"] = bool(form.exclusive)
        if p:
            raise FieldErrors(p)
        return row

    def duplicates(
        self, name: str, phone: str, lat: float | None, lng: float | None
    ) -> list[Duplicate]:
        """Outlets within the duplicate radius with a similar name or the same phone (without a
        position: the same phone or the same name anywhere)."""
        phone = normalise_phone(phone)
        radius = self.radius_m()
        if lat is not None and lng is not None:
            dlat = radius / 111_320.0
            dlng = radius / (111_320.0 * max(0.01, math.cos(math.radians(lat))))
            near = customers.in_box(self.store, (lat - dlat, lat + dlat), (lng - dlng, lng + dlng))
        else:
            near = customers.with_phone_or_name(self.store, phone, name.strip())
        found = []
        for c in near:
            dist = None
            c_lat, c_lng = c.get("lat"), c.get("lng")
            if lat is not None and lng is not None and c_lat is not None and c_lng is not None:
                dist = haversine_m(lat, lng, c_lat, c_lng)
                if dist > radius:
                    continue
            same_phone = bool(phone) and normalise_phone(c.get("phone") or "") == phone
            similar = similar_names(name, c.get("name") or "")
            if same_phone or similar:
                found.append(Duplicate(c, dist, same_phone, similar))
        return sorted(found, key=lambda d: d.distance_m if d.distance_m is not None else 1e9)

    def create(
        self,
        form: OutletForm,
        fix: Fix | None,
        *,
        confirm_duplicates: bool = False,
        photo: tuple[bytes, str] | None = None,
    ) -> dict[str, Any]:
        """Validate and save the outlet (queued) with its storefront photo (bytes, extension);
        DuplicateSuspected unless confirmed. Nothing is written when anything is wrong."""
        row = self.validate(form, fix)
        if photo is not None:
            try:
                photo_ext(*photo)
                readable(photo[0])  # kept watermarked: it must decode
            except InvalidInput as exc:
                raise FieldErrors({"photo": Msg(exc.message_zh, exc.message_en)}) from exc
            if self.photos_dir is None:
                raise InvalidInput("这台设备无法保存照片", "photos cannot be kept on this device")
        if not confirm_duplicates:
            dups = self.duplicates(row["name"], row["phone"] or "", row.get("lat"), row.get("lng"))
            if dups:
                raise DuplicateSuspected(dups)
        row = {
            "id": self.store.new_id(),
            "code": "N" + uuid.uuid4().hex[:11].upper(),
            **row,
            "owner_id": self.user.user_id,
            "since": clock.today(self.now()).isoformat(),
        }
        saved = self.store.write("customers", {k: v for k, v in row.items() if v is not None})
        if photo is not None and self.photos_dir is not None:
            about = {
                "customer_id": saved["id"],
                "kind": "storefront",
                "taken_at": self.now().isoformat(timespec="seconds"),
                "taken_by": self.user.user_id,
            }
            where = (saved.get("lat"), saved.get("lng"), None)
            taker = self.user.full_name or self.user.email
            keep_photo(self.store, self.photos_dir, about, *photo, taker=taker, position=where)
        return saved


def _number(text: str, key: str, problems: dict[str, Msg], *, integer: bool, top: float) -> Any:
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = int(text) if integer else float(text)
    except ValueError:
        problems[key] = (
            Msg("请填整数", "Enter a whole number")
            if integer
            else Msg("请填数字", "Enter a number")
        )
        return None
    if not math.isfinite(value) or value < 0 or value >= top:
        problems[key] = Msg("数值超出范围", "Out of range")
        return None
    return value
