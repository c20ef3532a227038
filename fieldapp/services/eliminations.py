"""Eliminate (淘汰) and conduct flags (窜货, 砸价), online: an area manager asks to eliminate a
customer with a reason, a manager confirms or refuses it with a note, the requester may withdraw
it; reps and area managers record conduct flags with their evidence (a day, a note, photos of the
customer that the server has). The server decides who may do what
(supabase/migrations/20261211200000_eliminations.sql); the phone checks the obvious first so that
a form can say which field is wrong without a round trip.

Conduct flags are an online call, not a synced write: a flag needs a connection (the dialog says
so when there is none), and its photos are ones the server already has."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from fieldapp.services.base import UserService
from fieldapp.services.i18n import FieldErrors, Msg
from fieldapp.store.visits import photos_of_customer

FLAG_KINDS: dict[str, Msg] = {
    "cross_territory": Msg("窜货", "Cross-territory selling"),
    "dumping": Msg("砸价", "Price dumping"),
}
PHOTO_KINDS: dict[str, Msg] = {
    "storefront": Msg("门头", "storefront"),
    "shelf": Msg("货架", "shelf"),
    "display": Msg("陈列", "display"),
    "competitor": Msg("竞品", "competitor"),
    "delivery": Msg("到货", "delivery"),
    "damage": Msg("破损", "damage"),
    "evidence": Msg("证据", "evidence"),
    "other": Msg("其他", "other"),
}
MAX_TEXT = 4000
MAX_FLAG_PHOTOS = 20


def _text(value: str | None, required: Msg, too_long: Msg) -> Msg | None:
    text = (value or "").strip()
    if not text:
        return required
    if len(text) > MAX_TEXT:
        return too_long
    return None


def year_ago(day: dt.date) -> dt.date:
    """The same day a year before (29 February → 28 February), as PostgreSQL's
    `day - interval '1 year'`: the oldest day a flag may have."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


class EliminationService(UserService):
    """Elimination requests and conduct flags through the server's RPCs."""

    def requests(
        self, customer_id: str | None = None, *, open_only: bool = True
    ) -> list[dict[str, Any]]:
        """Elimination requests in scope (public.elimination_requests): open ones oldest first,
        or one customer's newest first."""
        args: dict[str, Any] = {"p_open_only": open_only}
        if customer_id is not None:
            args["p_customer_id"] = customer_id
        return list(self.rpc("elimination_requests", **args) or [])

    def request(self, customer_id: str, reason: str) -> dict[str, Any]:
        """Ask to eliminate a customer (area managers); FieldErrors for a missing reason."""
        bad = _text(
            reason,
            Msg("请填写淘汰理由", "Please give the reason"),
            Msg("淘汰理由不能超过4000字", "The reason is longer than 4,000 characters"),
        )
        if bad is not None:
            raise FieldErrors({"reason": bad})
        return dict(
            self.rpc("request_elimination", p_customer_id=customer_id, p_reason=reason.strip())
        )

    def decide(self, elimination_id: str, approved: bool, note: str = "") -> dict[str, Any]:
        """Confirm or refuse a request (managers); refusing needs a note."""
        text = (note or "").strip()
        if not approved and not text:
            raise FieldErrors({"note": Msg("驳回须填写说明", "Please say why it is refused")})
        if len(text) > MAX_TEXT:
            raise FieldErrors(
                {"note": Msg("说明不能超过4000字", "The note is longer than 4,000 characters")}
            )
        return dict(
            self.rpc(
                "decide_elimination",
                p_elimination_id=elimination_id,
                p_approved=approved,
                p_note=text or None,
            )
        )

    def withdraw(self, elimination_id: str) -> dict[str, Any]:
        """Take one's own open request back."""
        return dict(self.rpc("withdraw_elimination", p_elimination_id=elimination_id))

    def flag_photos(self, customer_id: str) -> list[dict[str, Any]]:
        """Photos of the customer that the server has (not waiting to be sent), newest first:
        the evidence a flag may carry."""
        photos = [
            dict(p)
            for p in photos_of_customer(self.store, customer_id)
            if not self.store.has_pending("photos", str(p["id"]))
        ]
        return sorted(photos, key=lambda p: str(p.get("taken_at") or ""), reverse=True)

    def flag(
        self,
        customer_id: str,
        kind: str | None,
        day: dt.date | str | None,
        note: str,
        photo_ids: Sequence[str] = (),
    ) -> dict[str, Any]:
        """Record a conduct flag; FieldErrors for a wrong kind, day, note or too many photos."""
        errors: dict[str, Msg] = {}
        if kind not in FLAG_KINDS:
            errors["kind"] = Msg("请选择窜货或砸价", "Choose cross-territory or dumping")
        parsed: dt.date | None = None
        try:
            parsed = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day or ""))
        except ValueError:
            errors["day"] = Msg("日期格式为 2026-12-01", "The date looks like 2026-12-01")
        today = self.today()
        if parsed is not None and parsed > today:
            errors["day"] = Msg("发现日期不能晚于今天", "The day cannot be in the future")
        elif parsed is not None and parsed < year_ago(today):
            errors["day"] = Msg("发现日期不能早于一年前", "The day cannot be over a year ago")
        bad = _text(
            note,
            Msg("请填写情况说明", "Please describe what was seen"),
            Msg("说明不能超过4000字", "The note is longer than 4,000 characters"),
        )
        if bad is not None:
            errors["note"] = bad
        if len(photo_ids) > MAX_FLAG_PHOTOS:
            errors["photos"] = Msg("最多20张照片", "At most 20 photos")
        if errors or parsed is None:
            raise FieldErrors(errors)
        return dict(
            self.rpc(
                "record_conduct_flag",
                p_customer_id=customer_id,
                p_kind=kind,
                p_flagged_on=parsed.isoformat(),
                p_note=note.strip(),
                # an array literal: a uuid[] parameter takes it from PostgREST and PostgreSQL alike
                p_photo_ids="{" + ",".join(photo_ids) + "}",
            )
        )
