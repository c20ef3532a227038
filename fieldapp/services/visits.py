"""The visit flow: check in with the position, record the visit, check out.

Everything is written to the local store and its outbox at once, so it works offline and
nothing is lost when the app is killed: the visit in progress is the draft.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from fieldapp.domain import clock
from fieldapp.errors import InvalidInput
from fieldapp.services import settings
from fieldapp.services.device import SignedIn
from fieldapp.services.i18n import FieldErrors, Msg
from fieldapp.services.position import MANUAL, Fix, check_fresh, distance_to
from fieldapp.services.visit_records import VisitRecords, iso
from fieldapp.store import Store, customers, visits
from fieldapp.store.visits import Visit

MANUAL_TAG = "[手动定位 manual position] "
# why a visit ends with nothing recorded (visits.empty_reason); other needs a note
EMPTY_REASONS: dict[str, Msg] = {
    "closed": Msg("关门", "Closed"),
    "owner_absent": Msg("老板不在", "Owner absent"),
    "refused": Msg("拒绝", "Refused"),
    "other": Msg("其他", "Other"),
}
EMPTY_NOTE_MAX = 200


class NothingRecorded(FieldErrors):
    """Checking out a visit with nothing recorded: the rep says why (EMPTY_REASONS)."""


@dataclass(frozen=True)
class CheckinCheck:
    """How a position relates to the outlet: distance, radius, and whether a reason is needed."""

    distance_m: float | None  # None when the outlet has no coordinates yet
    radius_m: float
    accuracy_m: float | None
    source: str

    @property
    def beyond(self) -> bool:
        """Farther from the outlet than the check-in radius."""
        return self.distance_m is not None and self.distance_m > self.radius_m

    @property
    def needs_reason(self) -> bool:
        """Off-site or typed by hand: allowed only with a reason, and flagged."""
        return self.beyond or self.source == MANUAL

    def sentence(self) -> Msg:
        """What the check-in screen says about the position."""
        r = int(self.radius_m)
        acc = "" if self.accuracy_m is None else f"（精度 ±{int(self.accuracy_m)} 米）"
        acc_en = "" if self.accuracy_m is None else f" (accuracy ±{int(self.accuracy_m)} m)"
        if self.distance_m is None:
            return Msg(
                f"网点还没有坐标，无法核对距离{acc}", f"The outlet has no position yet{acc_en}"
            )
        d = round(self.distance_m)
        if self.source == MANUAL:
            return Msg(
                f"手动输入的位置，距网点 {d} 米：需要填写原因，签到会被标记",
                f"Typed position, {d} m from the outlet: a reason is needed and the check-in is"
                " flagged",
            )
        if self.beyond:
            return Msg(
                f"距网点 {d} 米，超出签到范围 {r} 米{acc}：需要填写原因，签到会被标记",
                f"{d} m from the outlet, beyond the {r} m check-in radius{acc_en}: a reason is"
                " needed and the check-in is flagged",
            )
        return Msg(
            f"距网点 {d} 米，在签到范围 {r} 米内{acc}",
            f"{d} m from the outlet, within {r} m{acc_en}",
        )


class VisitService(VisitRecords):
    """Visits of the signed-in rep, on the local store."""

    def __init__(
        self, store: Store, user: SignedIn, now: Callable[[], dt.datetime], photos_dir: Path
    ) -> None:
        self.store = store
        self.user = user
        self.now = now
        self.photos_dir = photos_dir

    # -- reading ------------------------------------------------------------------------------

    def get(self, visit_id: str) -> Visit:
        """One visit; InvalidInput when it is not on the phone."""
        v = visits.get(self.store, visit_id)
        if v is None:
            raise InvalidInput("找不到这次拜访", "this visit is not on the phone")
        return v

    def active(self) -> Visit | None:
        """The rep's visit in progress (the draft that survives restarts), if any."""
        return visits.in_progress(self.store, self.user.user_id)

    @staticmethod
    def duration_s(visit: Mapping[str, Any]) -> float | None:
        """Seconds between check-in and check-out (None while in progress)."""
        a, b = visit.get("checkin_at"), visit.get("checkout_at")
        if not a or not b:
            return None
        return (dt.datetime.fromisoformat(b) - dt.datetime.fromisoformat(a)).total_seconds()

    # -- check in -----------------------------------------------------------------------------

    def radius_m(self) -> float:
        """The check-in radius (setting visit.checkin_radius_m, default 300 m)."""
        return settings.metres(self.store, settings.CHECKIN_RADIUS_M)

    def max_fix_age_s(self) -> float:
        """The oldest position a check-in may use (the setting `visit.fix_max_age_s`)."""
        return settings.fix_max_age_s(self.store)

    def assess(self, customer_id: str, fix: Fix) -> CheckinCheck:
        """Distance from the fix to the outlet, against the radius."""
        customer = customers.get(self.store, customer_id)
        if customer is None:
            raise InvalidInput("找不到该客户", "this customer is not on the phone")
        return CheckinCheck(distance_to(fix, customer), self.radius_m(), fix.accuracy_m, fix.source)

    def check_in(
        self,
        customer_id: str,
        fix: Fix,
        *,
        reason: str = "",
        plan_stop_id: str | None = None,
    ) -> Visit:
        """Start a visit with the position, its accuracy and distance; off-site needs a reason."""
        current = self.active()
        if current is not None:
            if current["customer_id"] == customer_id:
                return current
            other = customers.get(self.store, current["customer_id"])
            name = (other or {}).get("name", "")
            raise InvalidInput(
                f"请先签退正在进行的拜访（{name}）",
                f"check out of the visit in progress first ({name})",
            )
        now = self.now()
        check_fresh(fix, now, self.max_fix_age_s())
        check = self.assess(customer_id, fix)
        reason = (reason or "").strip()
        if check.needs_reason and not reason:
            raise FieldErrors(
                {"reason": Msg("请填写签到原因", "Enter the reason for this check-in")}
            )
        if len(reason) > 500:
            raise FieldErrors({"reason": Msg("原因最多 500 字", "At most 500 characters")})
        row: dict[str, Any] = {
            "id": self.store.new_id(),
            "rep_id": self.user.user_id,
            "customer_id": customer_id,
            "status": "in_progress",
            "checkin_at": iso(now),
            "checkin_lat": fix.lat,
            "checkin_lng": fix.lng,
            "checkin_accuracy_m": fix.accuracy_m,
            "checkin_distance_m": None if check.distance_m is None else round(check.distance_m, 1),
            "offsite": check.needs_reason,
        }
        if check.needs_reason:
            row["offsite_reason"] = (MANUAL_TAG if fix.source == MANUAL else "") + reason
        if plan_stop_id:
            row["plan_stop_id"] = plan_stop_id
        return cast(Visit, self.store.write("visits", row))

    # -- check out ----------------------------------------------------------------------------

    def is_empty(self, visit_id: str) -> bool:
        """Nothing recorded at the visit yet: no stock count, order, photo, incident, support,
        feedback, complaint or note."""
        visit = self.get(visit_id)
        day = clock.day_of(dt.datetime.fromisoformat(visit["checkin_at"])).isoformat()
        return not visits.has_records(self.store, visit, day)

    def check_out(
        self, visit_id: str, *, empty_reason: str | None = None, empty_note: str = ""
    ) -> tuple[Visit, float]:
        """Finish the visit: status done and check-out time; returns the row and its duration.

        A visit with nothing recorded needs a reason (EMPTY_REASONS; other with a note): without
        one, NothingRecorded and nothing is written. It then counts as 已拜访·无记录."""
        visit = self._open_visit(visit_id)
        patch: dict[str, Any] = {"id": visit_id, "status": "done"}
        if self.is_empty(visit_id):
            patch.update(_empty_reason(empty_reason, empty_note))
        checkin = dt.datetime.fromisoformat(visit["checkin_at"])
        out = max(self.now(), checkin)
        row = self.store.write("visits", {**patch, "checkout_at": iso(out)})
        return cast(Visit, row), (out - checkin).total_seconds()

    def cancel(self, visit_id: str) -> Visit:
        """Give up a visit in progress (kept as cancelled, so the route shows it)."""
        self._open_visit(visit_id)
        return cast(Visit, self.store.write("visits", {"id": visit_id, "status": "cancelled"}))

    def _open_visit(self, visit_id: str) -> Visit:
        visit = self.get(visit_id)
        if visit.get("status") != "in_progress":
            raise InvalidInput("这次拜访已经结束", "this visit has ended")
        if visit.get("rep_id") != self.user.user_id:
            raise InvalidInput("这不是你的拜访", "this is not your visit")
        return visit


def _empty_reason(reason: str | None, note: str) -> dict[str, Any]:
    note = (note or "").strip()
    if not reason:
        raise NothingRecorded(
            {
                "empty_reason": Msg(
                    "这次拜访没有任何记录，请选择原因：关门、老板不在、拒绝或其他",
                    "Nothing was recorded at this visit: choose why (closed, owner absent,"
                    " refused or other)",
                )
            }
        )
    if reason not in EMPTY_REASONS:
        raise FieldErrors(
            {"empty_reason": Msg(f"无记录原因 {reason!r} 无效", f"{reason!r} is not a reason")}
        )
    if reason == "other" and not note:
        raise FieldErrors({"empty_note": Msg("选择“其他”时请填写说明", "Say what happened")})
    if len(note) > EMPTY_NOTE_MAX:
        too_long = Msg(f"说明最多 {EMPTY_NOTE_MAX} 字", f"At most {EMPTY_NOTE_MAX} characters")
        raise FieldErrors({"empty_note": too_long})
    return {"empty_reason": reason, "empty_note": note or None}
