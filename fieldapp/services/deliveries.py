"""A dealer's deliveries (到货): what waits for its confirmation, and confirming one line by line,
offline. The phone writes one confirmation row; the server applies it to the shipment lines and
opens the after-sales case for damage or shortage (docs/cases.md), exactly once."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from fieldapp.services import settings
from fieldapp.services.base import UserService
from fieldapp.services.i18n import FieldErrors, Msg
from fieldapp.services.orders import BadQuantity, parse_quantity
from fieldapp.services.photos import Picked, keep_photos, photos_problem
from fieldapp.store import deliveries as repo
from fieldapp.store import orders as products_repo
from fieldapp.store.cases import Case

CONFIRM_DAYS, CONFIRM_FROM = "delivery.confirm_days", "delivery.confirm_from"
DEFAULT_CONFIRM_DAYS = 3
HISTORY_DAYS = 180  # as the server's dealer_deliveries


class DeliveryService(UserService):
    """The dealer's deliveries from the phone's store; confirmations queued for the server."""

    def confirm_days(self) -> int:
        """Days a delivery may wait for its confirmation before it is overdue."""
        raw = settings.value(self.store, CONFIRM_DAYS)
        return int(raw) if isinstance(raw, int | float) and raw >= 1 else DEFAULT_CONFIRM_DAYS

    def confirm_from(self) -> dt.date | None:
        """Deliveries shipped before this date are history (no confirmation), if set."""
        raw = settings.value(self.store, CONFIRM_FROM)
        try:
            return dt.date.fromisoformat(raw) if isinstance(raw, str) else None
        except ValueError:
            return None

    def deliveries(self) -> list[dict[str, Any]]:
        """Deliveries newest first: days since shipping, lines, amount, whether it waits for the
        dealer (awaiting), is overdue, was confirmed (here or on the server), is waiting to be
        uploaded, and its discrepancy case; history beyond HISTORY_DAYS left out."""
        docs: dict[str, list[repo.ShipmentLine]] = defaultdict(list)
        for line in repo.manufacturer_lines(self.store):
            docs[line["doc_no"]].append(line)
        confirmed_here, cases = repo.confirmations(self.store), repo.discrepancy_cases(self.store)
        out = [self._summary(doc, lines, confirmed_here, cases) for doc, lines in docs.items()]
        shown = [d for d in out if d["shown"]]
        return sorted(shown, key=lambda d: (d["shipped_on"], d["doc_no"]), reverse=True)

    def delivery(self, doc_no: str) -> dict[str, Any] | None:
        """One delivery as deliveries() describes it (None when the phone does not have it)."""
        lines = [s for s in repo.lines_of(self.store, doc_no) if not s.get("seller_id")]
        if not lines:
            return None
        return self._summary(
            doc_no, lines, repo.confirmations(self.store), repo.discrepancy_cases(self.store)
        )

    def _summary(
        self,
        doc: str,
        lines: list[repo.ShipmentLine],
        confirmed_here: dict[str, repo.Confirmation],
        cases: dict[str, Case],
    ) -> dict[str, Any]:
        today, since = self.today(), self.confirm_from()
        shipped = min(dt.date.fromisoformat(str(s["shipped_on"])[:10]) for s in lines)
        mine = confirmed_here.get(doc)
        confirmed = mine is not None or all(s.get("confirmed_at") for s in lines)
        awaiting = not confirmed and (since is None or shipped >= since)
        waited = (today - shipped).days
        return {
            "doc_no": doc,
            "shipped_on": shipped,
            "days_since": waited,
            "line_count": len(lines),
            "quantity": sum(Decimal(str(s.get("quantity") or 0)) for s in lines),
            "amount": sum(Decimal(str(s.get("amount") or 0)) for s in lines),
            "confirmed": confirmed,
            "awaiting": awaiting,
            "overdue": awaiting and waited > self.confirm_days(),
            "uploading": mine is not None
            and self.store.has_pending("delivery_confirmations", mine["id"]),
            "case": cases.get(doc),
            "shown": shipped <= today and (awaiting or waited <= HISTORY_DAYS or doc in cases),
        }

    def lines(self, doc_no: str) -> list[dict[str, Any]]:
        """The delivery's lines with their product, and the confirmed figures when confirmed."""
        names = {p["id"]: p for p in products_repo.products(self.store)}
        mine = repo.confirmations(self.store).get(doc_no)
        given = {str(x.get("shipment_id")): x for x in (mine or {}).get("lines") or []}
        out = []
        for s in repo.lines_of(self.store, doc_no):
            p = names.get(s["product_id"], {})
            g = given.get(s["id"], {})
            out.append(
                {
                    **s,
                    "product": p.get("name") or "",
                    "sku": p.get("sku") or "",
                    "received": g.get("received", s.get("received_quantity")),
                    "damaged": g.get("damaged", s.get("damaged_quantity")),
                    "missing": g.get("missing", s.get("missing_quantity")),
                }
            )
        return out

    def confirm(
        self,
        doc_no: str,
        entries: dict[str, dict[str, str]],
        note: str = "",
        photo: Picked | None = None,
    ) -> repo.Confirmation:
        """Confirm the delivery: per line id, the typed received / damaged / missing boxes
        (blank: received = shipped − missing, missing = shipped − received, damaged = 0), with an
        optional photo (queued first; it goes into the discrepancy case). Checks what the server
        checks and asks for a note when boxes are damaged or missing; FieldErrors (keys
        "<line id>:<field>", "note", "photo") and nothing queued when wrong."""
        lines = repo.lines_of(self.store, doc_no)
        if not lines:
            raise FieldErrors({"doc": Msg("找不到该到货单", "This delivery is not on the phone")})
        if doc_no in repo.confirmations(self.store) or all(s.get("confirmed_at") for s in lines):
            raise FieldErrors(
                {
                    "doc": Msg(
                        "该到货单已确认收货，不能重复确认", "This delivery was already confirmed"
                    )
                }
            )
        errors: dict[str, Msg] = {}
        out: list[dict[str, Any]] = []
        short = False
        for s in lines:
            typed = entries.get(s["id"], {})
            values: dict[str, Decimal | None] = {}
            for field in ("received", "damaged", "missing"):
                try:
                    values[field] = parse_quantity(typed.get(field))
                except BadQuantity as exc:
                    errors[f"{s['id']}:{field}"] = exc.msg
            if any(f"{s['id']}:{f}" in errors for f in ("received", "damaged", "missing")):
                continue
            shipped = Decimal(str(s["quantity"])).quantize(Decimal(1))
            recv, miss, dmg = values["received"], values["missing"], values["damaged"] or Decimal(0)
            if recv is None:
                recv = shipped - (miss or 0)
            if miss is None:
                miss = shipped - recv
            n = s.get("line_no")
            if dmg + miss > shipped:
                errors[f"{s['id']}:damaged"] = Msg(
                    f"第{n}行：破损数量加短少数量不能超过发货数量 {shipped}",
                    f"Line {n}: damaged plus missing cannot exceed the {shipped} shipped",
                )
            elif miss < 0 or recv + miss != shipped:
                errors[f"{s['id']}:received"] = Msg(
                    f"第{n}行：实收数量加短少数量必须等于发货数量 {shipped}",
                    f"Line {n}: received plus missing must equal the {shipped} shipped",
                )
            short = short or dmg > 0 or miss > 0
            out.append(
                {
                    "shipment_id": s["id"],
                    "received": int(recv),
                    "damaged": int(dmg),
                    "missing": int(miss),
                }
            )
        note = (note or "").strip()
        if len(note) > 4000:
            errors["note"] = Msg(
                "说明不能超过4000字", "The note cannot be longer than 4,000 characters"
            )
        elif short and not note:
            errors["note"] = Msg(
                "有破损或短少时请写明情况", "Say what happened when boxes are damaged or missing"
            )
        photos = [photo] if photo is not None else []
        problem = photos_problem(photos, self.photos_dir, most=1)
        if problem is not None:
            errors["photo"] = problem
        if errors:
            raise FieldErrors(errors)
        row: repo.Confirmation = {
            "id": self.store.new_id(),
            "doc_no": doc_no,
            "customer_id": lines[0]["customer_id"],
            "lines": out,
            "note": note or None,
            "confirmed_at": self.now().isoformat(),
        }
        with self.store.transaction():
            if photos and self.photos_dir is not None:
                about = {
                    "customer_id": row["customer_id"],
                    "kind": "damage" if short else "delivery",
                    "taken_at": row["confirmed_at"],
                    "taken_by": self.user.user_id,
                }
                (row["photo_id"],) = keep_photos(
                    self.store, self.photos_dir, about, photos, taker=self.taker()
                )
            repo.save_confirmation(self.store, row)
        return row
