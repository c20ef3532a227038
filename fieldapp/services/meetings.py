"""Communication (沟通体制): business meetings with their decisions, and customer feedback.

Offline (the phone's store, pushed by sync): the signed-in person's overdue decisions for Today and
marking one done (the server applies the same rules as `decision_done`), feedback recorded at a
visit, a customer's recent feedback for the card (scored records, and the free-text
`visits.feedback` shown as feedback without a score). Online: recording a meeting and its
decisions, the meetings list and the feedback summary (one SQL function, `feedback_summary`).
"Overdue" counts calendar days from the company clock (fieldapp/domain/clock.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fieldapp.domain.meetings import KINDS, days_overdue, valid_score
from fieldapp.errors import InvalidInput
from fieldapp.services.base import UserService
from fieldapp.services.i18n import FieldErrors, Msg
from fieldapp.store import customers as customer_store
from fieldapp.store import meetings as store
from fieldapp.store import visits as visit_store
from fieldapp.store.meetings import Decision, Meeting

MAX_TEXT = 4000
MAX_PLACE = 200


@dataclass(frozen=True)
class OverdueDecision:
    """A decision past its due date, not done: for its owner's Today."""

    decision: Decision
    meeting: Meeting | None
    customers: list[str]  # names of the customers who attended (those on this phone)
    others: int  # attending customers this phone does not have
    days: int  # calendar days overdue on the company's today


@dataclass(frozen=True)
class AttendedMeeting:
    """A meeting a dealer attended, with its decisions (earliest due first)."""

    meeting: Meeting
    decisions: list[Decision]


@dataclass(frozen=True)
class FeedbackItem:
    """One piece of a customer's feedback: a scored record, or a visit's free text (score None)."""

    day: str
    score: int | None
    text: str
    source: str  # "visit", "meeting", "other", "visit_text" (the visit's own feedback field)


def _text(value: str | None, field: str, zh: str, en: str, *, required: bool, limit: int) -> None:
    text = (value or "").strip()
    if required and not text:
        raise FieldErrors({field: Msg(f"请填写{zh}", f"Please fill in the {en}")})
    if len(text) > limit:
        raise FieldErrors(
            {field: Msg(f"{zh}不能超过{limit}字", f"The {en} is over {limit} characters")}
        )


class MeetingService(UserService):
    """Meetings, decisions and feedback."""

    # -- offline ---------------------------------------------------------------------------------

    def overdue_decisions(self) -> list[OverdueDecision]:
        """The signed-in person's open decisions past their due date, most overdue first."""
        today = self.today()
        out = []
        for d in store.open_decisions_of(self.store, self.user.user_id):
            due = dt.date.fromisoformat(d["due_on"])
            if due >= today:
                continue
            m = store.meeting(self.store, d["meeting_id"])
            ids = store.customers_of(self.store, d["meeting_id"])
            known = customer_store.by_ids(self.store, ids)
            names = sorted(c.get("name") or "—" for c in known.values())
            others = len(set(ids) - set(known))  # attendees that are not this phone's customers
            out.append(OverdueDecision(d, m, names, others, days_overdue(due, today)))
        return sorted(out, key=lambda o: (-o.days, o.decision.get("id") or ""))

    def mark_done(self, decision_id: str, note: str | None = None) -> None:
        """Mark an own decision done (offline; the server checks who may when it arrives)."""
        d = store.decision(self.store, decision_id)
        if d is None:
            raise InvalidInput("找不到该决议", "decision not found")
        if d.get("status") == "done":
            raise InvalidInput("该决议已完成", "the decision is already done")
        _text(note, "note", "完成说明", "note", required=False, limit=MAX_TEXT)
        store.mark_done(self.store, decision_id, (note or "").strip() or None)

    def record_feedback(
        self,
        customer_id: str,
        score: Any,
        text: str | None,
        *,
        visit_id: str | None = None,
        meeting_id: str | None = None,
    ) -> dict[str, Any]:
        """Record a satisfaction score (1–5) and a text for a customer (offline, pushed)."""
        if not valid_score(score):
            raise FieldErrors({"score": Msg("请选择1到5分的满意度", "Choose a score from 1 to 5")})
        _text(text, "body", "意见内容", "feedback text", required=False, limit=MAX_TEXT)
        row: store.Feedback = {
            "id": self.store.new_id(),
            "customer_id": customer_id,
            "score": int(score),
            "body": (text or "").strip() or None,
            "visit_id": visit_id,
            "meeting_id": meeting_id,
            "recorded_on": self.today().isoformat(),
            "recorded_by": self.user.user_id,
        }
        store.save_feedback(self.store, row)
        return dict(row)

    def feedback_of_visit(self, visit_id: str, customer_id: str) -> store.Feedback | None:
        """The scored feedback recorded at a visit, if any."""
        for f in store.feedback_of(self.store, customer_id):
            if f.get("visit_id") == visit_id:
                return f
        return None

    def recent_feedback(self, customer_id: str, limit: int = 5) -> list[FeedbackItem]:
        """A customer's recent feedback, newest first: scored records, and the visits' free-text
        feedback (visits.feedback) of visits without a scored record, shown without a score."""
        items = []
        scored_visits = set()
        for f in store.feedback_of(self.store, customer_id):
            source = "visit" if f.get("visit_id") else "meeting" if f.get("meeting_id") else "other"
            if f.get("visit_id"):
                scored_visits.add(f["visit_id"])
            items.append(
                FeedbackItem(
                    f.get("recorded_on") or "", f.get("score"), f.get("body") or "", source
                )
            )
        for v in visit_store.of_customer(self.store, customer_id, 50):
            text = (v.get("feedback") or "").strip()
            if text and v.get("id") not in scored_visits:
                items.append(
                    FeedbackItem((v.get("checkin_at") or "")[:10], None, text, "visit_text")
                )
        items.sort(key=lambda i: i.day, reverse=True)
        return items[:limit]

    def attended(self, customer_id: str | None) -> list[AttendedMeeting]:
        """The meetings a customer (the dealer's own company) attended, newest first, each with
        its decisions; none when the company is not known."""
        if not customer_id:
            return []
        return [
            AttendedMeeting(m, store.decisions_of(self.store, m["id"]))
            for m in store.attended_by(self.store, customer_id)
        ]

    def own_feedback(self, customer_id: str | None, limit: int = 5) -> list[store.Feedback]:
        """A customer's own scored feedback (the dealer's 我的评价), newest first."""
        if not customer_id:
            return []
        found = store.feedback_of(self.store, customer_id)
        found.sort(key=lambda f: (f.get("recorded_on") or "", f.get("id") or ""), reverse=True)
        return found[:limit]

    # -- online ----------------------------------------------------------------------------------

    def meetings(self) -> list[dict[str, Any]]:
        """Meetings the caller may see, newest first (public.meetings_list)."""
        return list(self.rpc("meetings_list") or [])

    def staff(self, area_id: str) -> list[dict[str, Any]]:
        """Who may own a decision of a meeting of the area (public.meeting_staff)."""
        return list(self.rpc("meeting_staff", p_area_id=area_id) or [])

    def save_meeting(
        self,
        *,
        area_id: str | None,
        kind: str,
        held_on: dt.date | None,
        place: str | None,
        agenda: str | None,
        minutes: str | None,
        customer_ids: Sequence[str],
        meeting_id: str | None = None,
    ) -> dict[str, Any]:
        """Record a meeting with its customer attendees; FieldErrors name the wrong field."""
        errors: dict[str, Msg] = {}
        if not area_id:
            errors["area"] = Msg("请选择区域", "Choose the area")
        if kind not in KINDS:
            errors["kind"] = Msg("请选择会议类型", "Choose the kind of meeting")
        if held_on is None:
            errors["held_on"] = Msg(
                "请填写会议日期（如 2026-12-07）", "Give the date (e.g. 2026-12-07)"
            )
        for field, value, zh, en, req, limit in (
            ("place", place, "地点", "place", False, MAX_PLACE),
            ("agenda", agenda, "议题", "agenda", True, MAX_TEXT),
            ("minutes", minutes, "会议纪要", "minutes", False, MAX_TEXT),
        ):
            try:
                _text(value, field, zh, en, required=req, limit=limit)
            except FieldErrors as e:
                errors.update(e.fields)
        if not customer_ids:
            errors["customers"] = Msg("请选择至少一位参会客户", "Choose at least one customer")
        if errors:
            raise FieldErrors(errors)
        return dict(
            self.rpc(
                "meeting_save",
                p_meeting_id=meeting_id,
                p_area_id=area_id,
                p_kind=kind,
                p_held_on=held_on.isoformat() if held_on else None,
                p_place=(place or "").strip() or None,
                p_agenda=(agenda or "").strip(),
                p_minutes=(minutes or "").strip() or None,
                p_customer_ids="{" + ",".join(customer_ids) + "}",  # PostgREST's array text
            )
        )

    def add_decision(
        self, meeting_id: str, body: str | None, owner_id: str | None, due_on: dt.date | None
    ) -> dict[str, Any]:
        """A decision with its owner and due date (all required); FieldErrors name the field."""
        self.check_decision(body, owner_id, due_on)
        return dict(
            self.rpc(
                "decision_add",
                p_meeting_id=meeting_id,
                p_body=(body or "").strip(),
                p_owner_id=owner_id,
                p_due_on=due_on.isoformat() if due_on else None,
            )
        )

    def check_decision(
        self, body: str | None, owner_id: str | None, due_on: dt.date | None
    ) -> None:
        """FieldErrors when the decision's text, owner or due date is missing (nothing sent)."""
        errors: dict[str, Msg] = {}
        try:
            _text(body, "body", "决议内容", "decision", required=True, limit=MAX_TEXT)
        except FieldErrors as e:
            errors.update(e.fields)
        if not owner_id:
            errors["owner"] = Msg("请指定负责人", "Choose who owns the decision")
        if due_on is None:
            errors["due_on"] = Msg(
                "请填写完成期限（如 2026-12-31）", "Give the due date (e.g. 2026-12-31)"
            )
        if errors:
            raise FieldErrors(errors)

    def summary(
        self, area_id: str | None = None, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[dict[str, Any]]:
        """The feedback figure per area and month (public.feedback_summary)."""
        args: dict[str, Any] = {}
        if area_id:
            args["p_area_id"] = area_id
        if start:
            args["p_from"] = start.isoformat()
        if end:
            args["p_to"] = end.isoformat()
        return list(self.rpc("feedback_summary", **args) or [])


def _below(areas: list[dict[str, str]], area_id: str) -> set[str]:
    """The area and every area under it."""
    out, todo = {area_id}, [area_id]
    while todo:
        parent = todo.pop()
        for a in areas:
            if a.get("parent_id") == parent and a["id"] not in out:
                out.add(a["id"])
                todo.append(a["id"])
    return out


def meeting_choices(
    svc: MeetingService,
) -> tuple[list[tuple[str, str]], dict[str, list[tuple[str, str]]]]:
    """For the meeting form, from the phone's store: the areas with dealers of their own (id, name)
    and, per area, the dealers of it and the areas under it (id, name) — the invited customers.
    The server accepts any customer of the area (meeting_save); the form offers dealers."""
    areas = store.areas(svc.store)
    customers = store.live_dealers(svc.store)
    with_customers = {c.get("area_id") for c in customers}
    out_areas, by_area = [], {}
    for a in areas:
        if a["id"] not in with_customers:  # an area above (a region) is not offered
            continue
        below = _below(areas, a["id"])
        out_areas.append((a["id"], a.get("name") or a["id"]))
        by_area[a["id"]] = [
            (c["id"], c.get("name") or c["id"]) for c in customers if c.get("area_id") in below
        ]
    return out_areas, by_area
