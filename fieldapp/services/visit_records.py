"""Records of a visit in progress: stock counts, the order, notes, incidents, complaints, photos."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from fieldapp.domain import clock
from fieldapp.errors import InvalidInput
from fieldapp.services import settings
from fieldapp.services.device import SignedIn
from fieldapp.services.i18n import FieldErrors, Msg
from fieldapp.services.orders import BadQuantity, line_amount, order_total, parse_quantity, price_of
from fieldapp.services.photos import PHOTO_KINDS, keep_photo
from fieldapp.services.position import GPS, Fix, StaleFix, check_fresh
from fieldapp.store import Store, orders, visits
from fieldapp.store.orders import Order, OrderLine, Product
from fieldapp.store.visits import Complaint, Incident, Photo, StockCount, Visit

INCIDENT_KINDS: dict[str, Msg] = {
    "theft": Msg("被盗", "Theft"),
    "accident": Msg("车祸", "Accident"),
    "family_split": Msg("分家", "Family split"),
    "serious_illness": Msg("重病", "Serious illness"),
    "other_major": Msg("其他重大变故", "Other major incident"),
    "minor": Msg("一般事件", "Minor incident"),
}
MAJOR_INCIDENTS = frozenset(INCIDENT_KINDS) - {"minor"}
COMPLAINT_CATEGORIES: dict[str, Msg] = {
    "product": Msg("产品质量", "Product"),
    "delivery": Msg("配送", "Delivery"),
    "service": Msg("服务", "Service"),
    "price": Msg("价格", "Price"),
    "other": Msg("其他", "Other"),
}
NOTE_FIELDS = ("competitor_notes", "feedback", "notes")
MAX_TEXT = 4000


@dataclass(frozen=True)
class StockLine:
    """A product on the stock sheet: the last count before this visit and this visit's count."""

    product: Product
    last: StockCount | None
    current: StockCount | None


@dataclass(frozen=True)
class OrderSheet:
    """The visit's order: each product with its line (if any), and the total."""

    order: Order | None
    lines: list[tuple[Product, OrderLine | None]]
    total: Any  # Decimal

    @property
    def count(self) -> int:
        """Lines with a quantity."""
        return sum(1 for _, line in self.lines if line is not None)


def iso(t: dt.datetime) -> str:
    """A time as the phone stores it: UTC, ISO 8601, whole seconds."""
    return t.astimezone(dt.UTC).isoformat(timespec="seconds")


class VisitRecords:
    """What a rep records during a visit; VisitService adds check-in and check-out."""

    store: Store
    user: SignedIn
    now: Callable[[], dt.datetime]
    photos_dir: Path

    def _open_visit(self, visit_id: str) -> Visit:
        raise NotImplementedError

    def products(self) -> list[Product]:
        """Active products of the price list, by SKU."""
        return [p for p in orders.products(self.store) if p.get("active", True)]

    # -- stock --------------------------------------------------------------------------------

    def stock_sheet(self, visit: Mapping[str, Any]) -> list[StockLine]:
        """Each active product with the last count before this visit and this visit's count."""
        mine = {s["product_id"]: s for s in visits.stock_of_visit(self.store, visit["id"])}
        last: dict[str, StockCount] = {}
        for s in visits.stock_before(self.store, visit["customer_id"], visit["id"]):
            last.setdefault(s["product_id"], s)
        lines = [StockLine(p, last.get(p["id"]), mine.get(p["id"])) for p in self.products()]
        # products counted on earlier visits first (what this outlet carries); the order does
        # not change while the rep types
        return sorted(lines, key=lambda ln: (ln.last is None, ln.product.get("sku", "")))

    def _quantities(self, typed: Mapping[str, str | float | None]) -> dict[str, Any]:
        """Quantities typed per product id, parsed; FieldErrors naming each wrong product."""
        products = {p["id"]: p for p in orders.products(self.store)}
        parsed, problems = {}, {}
        for pid, text in typed.items():
            product = products.get(pid, {})
            try:
                parsed[pid] = parse_quantity(text, product.get("unit") or "箱")
            except BadQuantity as exc:
                name = product.get("name") or pid
                problems[pid] = Msg(f"「{name}」{exc.msg.zh}", f"{name}: {exc.msg.en}")
        if problems:
            raise FieldErrors(problems)
        return parsed

    def save_stock(self, visit_id: str, counts: Mapping[str, str | float | None]) -> int:
        """Write the counts typed on the stock sheet (product id → quantity); returns how many."""
        visit = self._open_visit(visit_id)
        parsed = self._quantities(counts)
        mine = {s["product_id"]: s for s in visits.stock_of_visit(self.store, visit_id)}
        written = 0
        with self.store.transaction():
            for pid, q in parsed.items():
                old = mine.get(pid)
                if q is None:
                    if old is not None:
                        self.store.delete("stock_counts", old["id"])
                        written += 1
                    continue
                if old is not None and _same(old.get("quantity"), q):
                    continue
                self.store.write(
                    "stock_counts",
                    {
                        "id": old["id"] if old else self.store.new_id(),
                        "visit_id": visit_id,
                        "customer_id": visit["customer_id"],
                        "product_id": pid,
                        "quantity": float(q),
                        "counted_at": iso(self.now()),
                    },
                )
                written += 1
        return written

    # -- order --------------------------------------------------------------------------------

    def order_sheet(self, visit: Mapping[str, Any]) -> OrderSheet:
        """The products with the visit's order lines and the order total."""
        order = orders.of_visit(self.store, visit["id"])
        lines = orders.lines(self.store, order["id"]) if order else []
        by_product = {ln["product_id"]: ln for ln in lines}
        rows = [(p, by_product.get(p["id"])) for p in self.products()]
        rows.sort(key=lambda r: r[0].get("sku", ""))  # a stable order while typing
        return OrderSheet(order, rows, order_total(lines))

    def save_order(self, visit_id: str, quantities: Mapping[str, str | float | None]) -> OrderSheet:
        """Set the order's quantities (product id → quantity; blank or 0 removes the line)."""
        visit = self._open_visit(visit_id)
        parsed = self._quantities(quantities)
        products = {p["id"]: p for p in orders.products(self.store)}
        unknown = [pid for pid in parsed if pid not in products]
        if unknown:
            raise InvalidInput("订单中有未知产品", f"unknown product(s) in the order: {unknown}")
        with self.store.transaction():
            order: Mapping[str, Any] | None = orders.of_visit(self.store, visit_id)
            lines: dict[str, Mapping[str, Any]] = (
                {ln["product_id"]: ln for ln in orders.lines(self.store, order["id"])}
                if order
                else {}
            )
            if order is None and any(q for q in parsed.values()):
                order = self.store.write(
                    "orders",
                    {
                        "id": self.store.new_id(),
                        "customer_id": visit["customer_id"],
                        "visit_id": visit_id,
                        "rep_id": self.user.user_id,
                        "ordered_on": clock.today(self.now()).isoformat(),
                        "status": "draft",
                    },
                )
            for pid, q in parsed.items():
                old = lines.get(pid)
                if not q:
                    if old is not None:
                        self.store.delete("order_lines", old["id"])
                        del lines[pid]
                    continue
                if old is not None and _same(old.get("quantity"), q):
                    continue
                assert order is not None
                lines[pid] = self.store.write(
                    "order_lines",
                    {
                        "id": old["id"] if old else self.store.new_id(),
                        "order_id": order["id"],
                        "product_id": pid,
                        "quantity": float(q),
                        "unit_price": float(old["unit_price"] if old else price_of(products[pid])),
                    },
                )
            if order is not None and not lines:
                self.store.delete("orders", order["id"])
        return self.order_sheet(visit)

    @staticmethod
    def amount(line: Mapping[str, Any]) -> Any:
        """A line's amount (quantity × unit price)."""
        return line_amount(line.get("quantity") or 0, line.get("unit_price") or 0)

    # -- notes, incidents, complaints, photos ---------------------------------------------------

    def save_notes(self, visit_id: str, **fields: str | None) -> Visit:
        """Save competitor notes, feedback and notes; only fields that changed are queued."""
        visit = self._open_visit(visit_id)
        patch: dict[str, Any] = {}
        for key, value in fields.items():
            if key not in NOTE_FIELDS:
                raise InvalidInput(f"未知字段 {key}", f"unknown field {key}")
            text = (value or "").strip()
            if len(text) > MAX_TEXT:
                raise FieldErrors(
                    {key: Msg(f"最多 {MAX_TEXT} 字", f"At most {MAX_TEXT} characters")}
                )
            if text != (visit.get(key) or ""):
                patch[key] = text or None
        if not patch:
            return visit
        return cast(Visit, self.store.write("visits", {"id": visit_id, **patch}))

    def incidents(self, visit_id: str) -> list[Incident]:
        """Incidents reported on this visit."""
        return visits.incidents_of_visit(self.store, visit_id)

    def report_incident(self, visit_id: str, kind: str, description: str) -> dict[str, Any]:
        """Report an incident at the outlet (major kinds raise a warning on the server)."""
        visit = self._open_visit(visit_id)
        text = _kind_and_text(
            kind in INCIDENT_KINDS,
            ("kind", Msg("请选择事件类型", "Choose the kind of incident")),
            description,
            ("description", Msg("请描述发生了什么", "Describe what happened")),
        )
        today = clock.today(self.now()).isoformat()
        # one incident per customer, day and kind (a server rule): a second report updates it
        same = visits.incident_on(self.store, visit["customer_id"], today, kind)
        return self.store.write(
            "incidents",
            {
                "id": same["id"] if same else self.store.new_id(),
                "customer_id": visit["customer_id"],
                "visit_id": visit_id,
                "reported_by": self.user.user_id,
                "occurred_on": today,
                "kind": kind,
                "description": text,
            },
        )

    def complaints(self, visit: Mapping[str, Any]) -> list[Complaint]:
        """Complaints raised at this outlet today."""
        today = clock.today(self.now()).isoformat()
        return visits.complaints_on(self.store, visit["customer_id"], today)

    def raise_complaint(self, visit_id: str, category: str, detail: str) -> dict[str, Any]:
        """Record a customer's complaint; it is investigated and answered on the server side."""
        visit = self._open_visit(visit_id)
        text = _kind_and_text(
            category in COMPLAINT_CATEGORIES,
            ("category", Msg("请选择投诉类别", "Choose a category")),
            detail,
            ("detail", Msg("请填写投诉内容", "Enter what the customer complains about")),
        )
        return self.store.write(
            "complaints",
            {
                "id": self.store.new_id(),
                "customer_id": visit["customer_id"],
                "raised_by": self.user.user_id,
                "raised_on": clock.today(self.now()).isoformat(),
                "category": category,
                "detail": text,
                "status": "open",
            },
        )

    def photos(self, visit_id: str) -> list[Photo]:
        """Photos taken on this visit."""
        return visits.photos_of_visit(self.store, visit_id)

    def add_photo(
        self,
        visit_id: str,
        data: bytes,
        *,
        kind: str | None,
        ext: str = "jpg",
        fix: Fix | None = None,
    ) -> dict[str, Any]:
        """Keep a photo of the visit on the phone, watermarked (time, customer, rep, position and
        accuracy), and record it with its kind and storage path. The position is the device's
        fix as the photo is taken when it is as fresh as a check-in's must be (GPS, setting
        visit.fix_max_age_s), else the check-in's. The original is not kept. InvalidInput for a
        missing or unknown kind or a file that is no image."""
        if kind not in PHOTO_KINDS:
            raise InvalidInput("请选择照片类型", "choose what the photo shows (its kind)")
        visit = self._open_visit(visit_id)
        row = {
            "customer_id": visit["customer_id"],
            "visit_id": visit_id,
            "kind": kind,
            "taken_at": iso(self.now()),
            "taken_by": self.user.user_id,
        }
        where = (
            visit.get("checkin_lat"),
            visit.get("checkin_lng"),
            visit.get("checkin_accuracy_m"),
        )
        if fix is not None and fix.source == GPS:
            with contextlib.suppress(StaleFix):  # as fresh as a check-in's must be, or not used
                check_fresh(fix, self.now(), settings.fix_max_age_s(self.store))
                where = (fix.lat, fix.lng, fix.accuracy_m)
        taker = self.user.full_name or self.user.email
        return keep_photo(self.store, self.photos_dir, row, data, ext, taker=taker, position=where)


def _kind_and_text(
    kind_ok: bool, kind_error: tuple[str, Msg], text: str, text_error: tuple[str, Msg]
) -> str:
    """The trimmed text of a report whose kind is valid; FieldErrors naming each bad field."""
    problems: dict[str, Msg] = {}
    if not kind_ok:
        problems[kind_error[0]] = kind_error[1]
    text = (text or "").strip()
    if not text:
        problems[text_error[0]] = text_error[1]
    elif len(text) > MAX_TEXT:
        problems[text_error[0]] = Msg(f"最多 {MAX_TEXT} 字", f"At most {MAX_TEXT} characters")
    if problems:
        raise FieldErrors(problems)
    return text


def _same(stored: Any, q: Decimal) -> bool:
    """Whether a stored quantity is the one typed (a stored one may predate whole boxes)."""
    return stored is not None and Decimal(str(stored)) == q
