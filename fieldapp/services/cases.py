"""After-sales cases (售后): a dealer raises a request offline (return, exchange, repair,
packaging exchange, complaint) and follows its case; staff work cases on the desk through the
server's RPCs (docs/cases.md). The phone checks what the server checks before queuing a request;
the server decides the window, the owner and the due time."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from fieldapp.services import formatting as fmt
from fieldapp.services.base import UserService
from fieldapp.services.i18n import FieldErrors, Msg
from fieldapp.services.orders import BadQuantity, parse_quantity
from fieldapp.services.photos import Picked, keep_photos, photos_problem
from fieldapp.store import cases as repo
from fieldapp.store import deliveries as deliveries_repo
from fieldapp.store import orders as products_repo

REQUEST_KINDS = ("return", "exchange", "repair", "packaging_exchange", "complaint")
GOODS_KINDS = frozenset(REQUEST_KINDS) - {"complaint"}  # they name a delivery and its lines
RETURNING = frozenset({"return", "exchange"})  # quantities count against what was delivered
SEVERITIES = ("low", "medium", "high")
FINISHED = frozenset({"resolved", "closed"})
MAX_TEXT = 4000
# online actions: name → (RPC, the argument its text goes to)
ACTIONS: dict[str, tuple[str, str | None]] = {
    "note": ("case_add_note", "p_note"),
    "decide": ("case_decide", "p_decision"),
    "answer": ("case_answer", "p_answer"),
    "approve": ("case_approve", "p_reason"),
    "refuse": ("case_approve", "p_reason"),
    "received": ("case_service_step", "p_note"),
    "done": ("case_service_step", "p_note"),
    "sent_back": ("case_service_step", "p_note"),
    "close": ("case_close", "p_note"),
    "assign": ("case_assign", None),
}


EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _when(value: Any) -> dt.datetime:
    """A stored timestamp as an aware time (the phone's and the server's compare)."""
    return fmt.parse_time(str(value) if value else None) or EPOCH


class CaseService(UserService):
    """Cases from the phone's store (a dealer's own, a rep's customers'), requests queued for the
    server, and the desk's online calls."""

    # -- what the phone has ----------------------------------------------------------------------

    def cases(self, customer_id: str | None = None) -> list[dict[str, Any]]:
        """Cases on the phone (one customer's when given) with the requests still waiting to
        become one: unfinished first, then newest first."""
        now = self.now()
        found = [c for c in repo.cases(self.store) if customer_id in (None, c.get("customer_id"))]
        known = {c["id"] for c in found}
        out = [self._summary(c, now) for c in found]
        for r in repo.requests(self.store):
            if r["id"] not in known and customer_id in (None, r.get("customer_id")):
                out.append(self._pending(r))
        out.sort(key=lambda c: c["opened_at"] or "", reverse=True)
        out.sort(key=lambda c: c["status"] in FINISHED)
        return out

    def _summary(self, c: repo.Case, now: dt.datetime) -> dict[str, Any]:
        due = fmt.parse_time(c.get("due_at"))
        overdue = c.get("status") not in FINISHED and due is not None and due < now
        return {
            **c,
            "opened_at": str(c.get("opened_at") or ""),
            "changed_at": _when(c.get("updated_at") or c.get("opened_at")),
            "overdue": overdue,
            "uploading": False,
            "answered": bool(c.get("answer")),
        }

    def _pending(self, r: repo.Request) -> dict[str, Any]:
        return {
            "id": r["id"],
            "kind": r["kind"],
            "customer_id": r.get("customer_id"),
            "doc_no": r.get("doc_no"),
            "status": "open",
            "severity": r.get("severity") or "medium",
            "title": r.get("reason") or "",
            "detail": r.get("reason"),
            "photo_ids": list(r.get("photo_ids") or []),
            "opened_at": str(r.get("requested_at") or ""),
            "changed_at": _when(r.get("requested_at")),
            "due_at": None,
            "overdue": False,
            "uploading": True,
            "answered": False,
        }

    def case(self, case_id: str) -> dict[str, Any] | None:
        """One case as the phone has it (a request not yet a case counts), with its lines (and
        their products) and the history the phone has."""
        found = next((c for c in self.cases() if c["id"] == case_id), None)
        if found is None:
            return None
        names = {p["id"]: p for p in products_repo.products(self.store)}
        if found["uploading"]:
            request = next(r for r in repo.requests(self.store) if r["id"] == case_id)
            lines: list[dict[str, Any]] = [dict(x) for x in request.get("lines") or []]
            shipments = {
                s["id"]: s for s in deliveries_repo.lines_of(self.store, found.get("doc_no") or "")
            }
            for line in lines:
                s = shipments.get(str(line.get("shipment_id")), {})
                line.setdefault("product_id", s.get("product_id"))
                line["line_no"] = s.get("line_no")
        else:
            lines = [dict(x) for x in repo.lines(self.store, case_id)]
        for line in lines:
            p = names.get(str(line.get("product_id")), {})
            line["product"] = p.get("name") or p.get("sku") or ""
        events = [] if found["uploading"] else repo.events(self.store, case_id)
        return {**found, "lines": lines, "events": events}

    # -- raising a request (offline) -------------------------------------------------------------

    def returnable(self, doc_no: str) -> list[dict[str, Any]]:
        """The delivery's lines with what may still be returned or exchanged on each: delivered
        (received when confirmed, else shipped) less what open or accepted cases and queued
        requests already ask for (rejected ones give it back)."""
        asked: dict[str, Decimal] = defaultdict(Decimal)
        live = {c["id"] for c in repo.cases(self.store) if c.get("kind") in RETURNING}
        live -= {c["id"] for c in repo.cases(self.store) if c.get("status") == "rejected"}
        for line in repo.lines(self.store):
            if line.get("case_id") in live and line.get("shipment_id"):
                asked[str(line["shipment_id"])] += Decimal(str(line.get("quantity") or 0))
        cased = {c["id"] for c in repo.cases(self.store)}
        for r in repo.requests(self.store):
            if r["id"] not in cased and r.get("kind") in RETURNING:
                for x in r.get("lines") or []:
                    asked[str(x.get("shipment_id"))] += Decimal(str(x.get("quantity") or 0))
        names = {p["id"]: p for p in products_repo.products(self.store)}
        out = []
        for s in deliveries_repo.lines_of(self.store, doc_no):
            if s.get("seller_id"):
                continue
            got = s.get("received_quantity") if s.get("confirmed_at") else s.get("quantity")
            delivered = Decimal(str(got or 0))
            p = names.get(s["product_id"], {})
            out.append(
                {
                    **s,
                    "product": p.get("name") or p.get("sku") or "",
                    "delivered": delivered,
                    "left": max(Decimal(0), delivered - asked[s["id"]]),
                }
            )
        return out

    def deliveries(self) -> list[str]:
        """The deliveries a request may name: the phone's deliveries from the manufacturer,
        newest first."""
        seen: dict[str, str] = {}
        for s in deliveries_repo.manufacturer_lines(self.store):
            day = str(s.get("shipped_on") or "")
            seen[s["doc_no"]] = max(seen.get(s["doc_no"], ""), day)
        return sorted(seen, key=lambda d: (seen[d], d), reverse=True)

    def request(
        self,
        kind: str,
        reason: str,
        *,
        doc_no: str | None = None,
        quantities: dict[str, str] | None = None,
        severity: str = "medium",
        customer_id: str | None = None,
        photos: Sequence[Picked] = (),
    ) -> repo.Request:
        """Queue a request: the kind, why, and for goods the delivery and the boxes per line
        (line id → typed quantity), with photos (queued before it, so they reach the server
        first). Checks what the server checks; FieldErrors (keys "kind", "doc", "reason",
        "severity", "lines", "<line id>", "photos") and nothing queued when wrong."""
        errors: dict[str, Msg] = {}
        if kind not in REQUEST_KINDS:
            errors["kind"] = Msg("请选择申请类型", "Choose what you are asking for")
        if severity not in SEVERITIES:
            errors["severity"] = Msg("请选择紧急程度", "Choose how serious it is")
        reason = (reason or "").strip()
        if not reason:
            errors["reason"] = Msg("请写明原因", "Say why")
        elif len(reason) > MAX_TEXT:
            errors["reason"] = Msg("原因不能超过4000字", "At most 4,000 characters")
        lines: list[dict[str, Any]] = []
        customer = customer_id
        if kind in GOODS_KINDS or doc_no:
            lines, customer = self._request_lines(kind, doc_no, quantities or {}, errors)
        if customer is None:
            customer = self._my_customer()
        if customer is None:
            errors.setdefault("doc", Msg("请选择到货单", "Choose the delivery"))
        problem = photos_problem(photos, self.photos_dir)
        if problem is not None:
            errors["photos"] = problem
        if errors:
            raise FieldErrors(errors)
        row: repo.Request = {
            "id": self.store.new_id(),
            "customer_id": str(customer),
            "kind": kind,
            "severity": severity,
            "doc_no": doc_no or None,
            "lines": lines,
            "reason": reason,
            "photo_ids": [],
            "requested_at": self.now().isoformat(),
        }
        with self.store.transaction():
            if photos and self.photos_dir is not None:
                about = {
                    "customer_id": row["customer_id"],
                    "kind": "damage" if kind in GOODS_KINDS else "evidence",
                    "taken_at": row["requested_at"],
                    "taken_by": self.user.user_id,
                }
                row["photo_ids"] = keep_photos(
                    self.store, self.photos_dir, about, photos, taker=self.taker()
                )
            repo.save_request(self.store, row)
        return row

    def _request_lines(
        self, kind: str, doc_no: str | None, typed: dict[str, str], errors: dict[str, Msg]
    ) -> tuple[list[dict[str, Any]], str | None]:
        if not doc_no:
            errors["doc"] = Msg("请选择到货单", "Choose the delivery")
            return [], None
        rows = self.returnable(doc_no)
        if not rows:
            errors["doc"] = Msg("找不到该到货单", "This delivery is not on the phone")
            return [], None
        out = []
        for s in rows:
            try:
                q = parse_quantity(typed.get(s["id"]))
            except BadQuantity as exc:
                errors[s["id"]] = exc.msg
                continue
            if not q:
                continue
            cap = s["left"] if kind in RETURNING else s["delivered"]
            if q > cap:
                errors[s["id"]] = Msg(
                    f"第{s['line_no']}行最多还能申请 {int(cap)} 箱",
                    f"Line {s['line_no']}: at most {int(cap)} boxes are left to ask for",
                )
                continue
            out.append({"shipment_id": s["id"], "quantity": int(q)})
        if not out and not any(s["id"] in errors for s in rows) and kind in GOODS_KINDS:
            errors["lines"] = Msg("请至少填写一行数量", "Enter the boxes of at least one line")
        return out, str(rows[0]["customer_id"])

    def _my_customer(self) -> str | None:
        lines = deliveries_repo.manufacturer_lines(self.store)
        return str(lines[0]["customer_id"]) if lines else None

    # -- the desk (online) -----------------------------------------------------------------------

    def desk(self, closed: bool = False) -> list[dict[str, Any]]:
        """The cases in the caller's scope, overdue first (public.case_desk)."""
        return list(self.rpc("case_desk", p_closed=closed) or [])

    def detail(self, case_id: str) -> dict[str, Any]:
        """One case with its lines and history, from the server (public.case_detail)."""
        return dict(self.rpc("case_detail", p_case_id=case_id))

    def staff(self, case_id: str) -> list[dict[str, Any]]:
        """Who may own the case (public.case_staff)."""
        return list(self.rpc("case_staff", p_case_id=case_id) or [])

    def note_photos(self, customer_id: str, photos: Sequence[Picked]) -> list[str]:
        """Queue the photos of a note about the customer's case (they must reach the server, by
        a sync, before the note names them); their ids. FieldErrors ("photos") when they cannot
        be kept, with nothing queued."""
        problem = photos_problem(photos, self.photos_dir)
        if problem is not None:
            raise FieldErrors({"photos": problem})
        if not photos or self.photos_dir is None:
            return []
        about = {
            "customer_id": customer_id,
            "kind": "evidence",
            "taken_at": self.now().isoformat(),
            "taken_by": self.user.user_id,
        }
        with self.store.transaction():
            return keep_photos(self.store, self.photos_dir, about, photos, taker=self.taker())

    def act(
        self,
        case_id: str,
        action: str,
        text: str = "",
        *,
        owner_id: str | None = None,
        internal: bool = False,
        photo_ids: Sequence[str] = (),
    ) -> Any:
        """One step on a case through its RPC (the server checks who may and what is needed); a
        note may carry photos already on the server (see note_photos)."""
        fn, field = ACTIONS[action]
        args: dict[str, Any] = {"p_case_id": case_id}
        if field is not None:
            args[field] = text.strip() or None
        if action == "assign":
            args["p_owner_id"] = owner_id
        elif action == "note":
            args["p_internal"] = internal
            args["p_photo_ids"] = "{" + ",".join(photo_ids) + "}"
        elif action in ("approve", "refuse"):
            args["p_approved"] = action == "approve"
        elif fn == "case_service_step":
            args["p_step"] = action
        return self.rpc(fn, **args)
