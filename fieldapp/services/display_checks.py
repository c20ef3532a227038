"""陈列检查 and 竞品上报 at a visit, on the phone (offline): the template that fits the
customer, its items answered one by one (each answer of its item's type, checked here as the
server checks it), and structured competitor reports. Both go to the server with the next sync."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from fieldapp.domain import clock
from fieldapp.errors import InvalidInput
from fieldapp.services.base import UserService
from fieldapp.services.i18n import FieldErrors, Msg
from fieldapp.store import Store, display, visits
from fieldapp.store.display import Item, Template
from fieldapp.store.rows import read

KINDS: dict[str, Msg] = {
    "count": Msg("数量", "Count"),
    "choice": Msg("选择", "Choice"),
    "yes_no": Msg("是/否", "Yes/no"),
    "photo": Msg("照片", "Photo"),
    "text": Msg("文字", "Text"),
}
MAX_COUNT = 10000
MAX_PRICE = Decimal("1000000")


def template_for(store: Store, customer: dict[str, Any]) -> Template | None:
    """The template for a customer: its tier and grade first, then its tier, then any."""
    tier, grade = customer.get("tier"), customer.get("grade")

    def fit(t: Template) -> int:
        if t.get("tier") not in (None, tier) or t.get("grade") not in (None, grade):
            return -1
        return (t.get("tier") is not None) * 2 + (t.get("grade") is not None)

    ranked = sorted(((fit(t), t.get("name") or "", t) for t in display.templates(store)),
                    key=lambda x: (-x[0], x[1]))  # fmt: skip
    return ranked[0][2] if ranked and ranked[0][0] >= 0 else None


def missing_required(items: list[Item], given: dict[str, Any]) -> list[Item]:
    """The required items of a template that have no live answer (given: answers by item id),
    in the template's order: what check-out asks about."""
    return [
        i for i in items if i.get("required", True) and not _answered(given.get(i.get("id", "")))
    ]


def _answered(answer: dict[str, Any] | None) -> bool:
    if not answer or answer.get("deleted_at"):
        return False
    cols = ("count_value", "choice_value", "yes_value", "photo_id", "text_value")
    return any(answer.get(c) not in (None, "") for c in cols)


def answer_columns(item: Item, value: Any) -> dict[str, Any]:
    """The answer's columns for an item of its kind; InvalidInput (naming the item) when the
    value is not of the item's type."""
    label, kind = item.get("label", ""), item.get("kind")
    cols: dict[str, Any] = dict.fromkeys(
        ("count_value", "choice_value", "yes_value", "photo_id", "text_value")
    )
    text = "" if value is None else str(value).strip()
    if kind == "count":
        if not text.isdigit() or int(text) > MAX_COUNT:
            raise InvalidInput(
                f"「{label}」须为0到{MAX_COUNT}之间的整数",
                f'"{label}" takes a whole number from 0 to {MAX_COUNT}',
            )
        cols["count_value"] = int(text)
    elif kind == "choice":
        options = item.get("options") or []
        if text not in options:
            raise InvalidInput(
                f"「{label}」须为以下之一：{'、'.join(options)}",
                f'"{label}" takes one of: {", ".join(options)}',
            )
        cols["choice_value"] = text
    elif kind == "yes_no":
        if not isinstance(value, bool):
            raise InvalidInput(f"「{label}」须回答是或否", f'"{label}" takes yes or no')
        cols["yes_value"] = value
    elif kind == "photo":
        if not text:
            raise InvalidInput(f"「{label}」须拍一张照片", f'"{label}" takes a photo')
        cols["photo_id"] = text
    elif kind == "text":
        if not text or len(text) > 4000:
            raise InvalidInput(
                f"「{label}」须填写文字（最多4000字）", f'"{label}" takes a text (4,000 at most)'
            )
        cols["text_value"] = text
    else:
        raise InvalidInput(f"检查项「{label}」类型未知", f'unknown item kind for "{label}"')
    return cols


class DisplayChecks(UserService):
    """The display check and competitor reports of a visit in progress (offline), and the
    competitor reports of an area (online, the desk's 竞品上报)."""

    def _visit(self, visit_id: str) -> dict[str, Any]:
        v: dict[str, Any] | None = visits.get(self.store, visit_id)  # type: ignore[assignment]
        if v is None or v.get("status") != "in_progress":
            raise InvalidInput("拜访已结束或不存在", "the visit is over or unknown")
        return v

    def sheet(self, visit_id: str) -> tuple[Template | None, list[Item], dict[str, Any]]:
        """The template for the visit's customer, its items and the answers given (by item)."""
        v: dict[str, Any] = visits.get(self.store, visit_id) or {}  # type: ignore[assignment]
        customer = self.store.get("customers", v.get("customer_id", "")) or {}
        template = template_for(self.store, customer)
        items = display.items(self.store, template["id"]) if template else []
        given = {a["item_id"]: a for a in display.answers(self.store, visit_id)}
        return template, items, given

    def missing(self, visit_id: str) -> list[Item]:
        """The required items of the visit's template still unanswered (offline, the store)."""
        _template, items, given = self.sheet(visit_id)
        return missing_required(items, given)

    def answer(self, visit_id: str, item: Item, value: Any) -> dict[str, Any]:
        """Record (or correct) the answer to one item."""
        v = self._visit(visit_id)
        cols = answer_columns(item, value)
        old = next(
            (a for a in display.answers(self.store, visit_id) if a["item_id"] == item["id"]), None
        )
        row = {
            "id": old["id"] if old else self.store.new_id(),
            "visit_id": visit_id,
            "customer_id": v["customer_id"],
            "item_id": item["id"],
            **cols,
        }
        if old is None:
            row["answered_by"] = self.user.user_id
        return self.store.write("display_answers", row)

    def reports(self, visit_id: str) -> list[dict[str, Any]]:
        """Competitor reports of the visit."""
        return display.competitor_reports(self.store, visit_id)

    def report_competitor(
        self,
        visit_id: str,
        *,
        brand: str | None,
        product: str | None = None,
        price: str | None = None,
        promotion: str | None = None,
        facings: str | None = None,
        photo_id: str | None = None,
    ) -> dict[str, Any]:
        """Record a competitor report; FieldErrors (keys brand, product, price, promotion,
        facings) for what is wrong — nothing is written then."""
        v = self._visit(visit_id)
        errors: dict[str, Msg] = {}
        brand_t, product_t = (brand or "").strip(), (product or "").strip()
        if not brand_t or len(brand_t) > 200:
            errors["brand"] = Msg("请填写竞品品牌（最多200字）", "Enter the brand (200 at most)")
        if len(product_t) > 200:
            errors["product"] = Msg("产品最多200字", "The product takes 200 characters at most")
        shelf: Decimal | None = None
        if (price or "").strip():
            try:
                shelf = Decimal((price or "").strip())
            except InvalidOperation:
                shelf = Decimal(-1)
            if not shelf.is_finite() or shelf < 0 or shelf > MAX_PRICE:
                errors["price"] = Msg(
                    "货架价格须为0到100万元之间的数",
                    "The shelf price is a number from 0 to 1,000,000",
                )
        count: int | None = None
        if (facings or "").strip():
            f = (facings or "").strip()
            if not f.isdigit() or int(f) > MAX_COUNT:
                errors["facings"] = Msg(
                    f"排面数须为0到{MAX_COUNT}之间的整数",
                    f"Facings are a whole number from 0 to {MAX_COUNT}",
                )
            else:
                count = int(f)
        promo = (promotion or "").strip()
        if len(promo) > 4000:
            errors["promotion"] = Msg("促销最多4000字", "The promotion takes 4,000 at most")
        if errors:
            raise FieldErrors(errors)
        return self.store.write(
            "competitor_reports",
            {
                "id": self.store.new_id(),
                "visit_id": visit_id,
                "customer_id": v["customer_id"],
                "brand": brand_t,
                "product": product_t or None,
                "shelf_price": None if shelf is None else str(shelf),
                "promotion": promo or None,
                "facings": count,
                "photo_id": photo_id,
                "reported_on": clock.today(self.now()).isoformat(),
                "reported_by": self.user.user_id,
            },
        )

    def areas(self) -> list[dict[str, str]]:
        """The areas on this phone (id, name), by name: the desk's area chips."""
        found: list[dict[str, str]] = read(self.store, "areas", "", [], order="name")
        return found

    # -- online -----------------------------------------------------------------------------------

    def competitor_list(
        self, days: int = 31, area_id: str | None = None, search: str | None = None
    ) -> list[dict[str, Any]]:
        """The competitor reports of the last `days` days (server: competitor_reports_list)."""
        today = self.today()
        rows: list[dict[str, Any]] = self.rpc(
            "competitor_reports_list",
            p_from=(today - dt.timedelta(days=days - 1)).isoformat(),
            p_to=today.isoformat(),
            p_area_id=area_id,
            p_search=(search or "").strip() or None,
        )
        return rows or []
