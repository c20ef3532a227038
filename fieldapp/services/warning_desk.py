"""The warnings desk (预警处理): the open warnings in the caller's scope from the server, filtered
on the phone by kind, severity, age, rep and area, one warning with its history, and the steps
(assign, acknowledge, investigation note, resolve) through the server's RPCs. The server decides
who may do what and records each step (docs/warnings.md, "The warnings desk"); the phone checks
the obvious first so that a form can say which field is wrong without a round trip."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fieldapp.services.base import UserService
from fieldapp.services.i18n import FieldErrors, Msg

# resolution categories (处理结果), in the order the form lists them
CATEGORIES: dict[str, Msg] = {
    "collected": Msg("收回欠款", "Collected"),
    "plan_adjusted": Msg("调整计划", "Plan adjusted"),
    "supply_stopped": Msg("停止供货", "Supply stopped"),
    "false_alarm": Msg("误报", "False alarm"),
    "other": Msg("其他", "Other"),
}
# age buckets for the filter: (key, the last age in days it holds, label); None: no limit
AGE_BUCKETS: tuple[tuple[str, int | None, Msg], ...] = (
    ("0-3", 3, Msg("3天内", "Up to 3 days")),
    ("4-7", 7, Msg("4–7天", "4–7 days")),
    ("8-14", 14, Msg("8–14天", "8–14 days")),
    ("15-30", 30, Msg("15–30天", "15–30 days")),
    ("30+", None, Msg("30天以上", "Over 30 days")),
)
STEPS = ("assign", "acknowledge", "note", "resolve")
MAX_NOTE = 4000
MAX_PHOTOS = 20

NOTE_REQUIRED = Msg("请填写说明", "Please write a note")
NOTE_TOO_LONG = Msg("说明不能超过4000字", "The note is longer than 4,000 characters")


def age_bucket(days: int) -> str:
    """The age bucket key of a warning open for this many days."""
    for key, last, _label in AGE_BUCKETS:
        if last is None or days <= last:
            return key
    return AGE_BUCKETS[-1][0]


@dataclass(frozen=True)
class DeskFilter:
    """What the desk shows: each set empty means every value; overdue_only keeps overdue ones."""

    kinds: frozenset[str] = frozenset()
    severities: frozenset[str] = frozenset()
    ages: frozenset[str] = frozenset()
    rep_ids: frozenset[str] = frozenset()
    area_ids: frozenset[str] = frozenset()
    overdue_only: bool = False

    def keeps(self, row: Mapping[str, Any]) -> bool:
        """Whether the desk row passes every filter."""
        checks = (
            (self.kinds, row.get("kind")),
            (self.severities, row.get("severity")),
            (self.ages, age_bucket(int(row.get("age_days") or 0))),
            (self.rep_ids, row.get("rep_id")),
            (self.area_ids, row.get("area_id")),
        )
        if self.overdue_only and not row.get("overdue"):
            return False
        return all(not allowed or value in allowed for allowed, value in checks)


def filter_rows(rows: Iterable[Mapping[str, Any]], f: DeskFilter | None) -> list[dict[str, Any]]:
    """The rows the filter keeps, in the server's order (overdue, severity, age)."""
    return [dict(r) for r in rows if f is None or f.keeps(r)]


def facets(rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """The values to filter by, with how many rows have each: kind, severity, age (bucket keys),
    rep and area (id → {"name", "count"})."""

    def named(id_key: str, name_key: str) -> dict[str, Any]:
        counts = Counter(str(r[id_key]) for r in rows if r.get(id_key))
        names = {str(r[id_key]): r.get(name_key) or "" for r in rows if r.get(id_key)}
        return {k: {"name": names[k], "count": n} for k, n in counts.items()}

    return {
        "kind": dict(Counter(r["kind"] for r in rows)),
        "severity": dict(Counter(r["severity"] for r in rows)),
        "age": dict(Counter(age_bucket(int(r.get("age_days") or 0)) for r in rows)),
        "rep": named("rep_id", "rep_name"),
        "area": named("area_id", "area_name"),
        "overdue": {"overdue": sum(1 for r in rows if r.get("overdue"))},
    }


def _note(text: str | None, required: bool) -> dict[str, Msg]:
    note = (text or "").strip()
    if required and not note:
        return {"note": NOTE_REQUIRED}
    if len(note) > MAX_NOTE:
        return {"note": NOTE_TOO_LONG}
    return {}


class WarningDeskService(UserService):
    """The desk's online calls for area managers and managers (reps: their customers' warnings,
    notes only)."""

    def desk(
        self, as_of: dt.date | None = None, filters: DeskFilter | None = None, lang: str = "zh"
    ) -> list[dict[str, Any]]:
        """Open warnings in scope (public.warning_desk), overdue first, filtered on the phone."""
        args: dict[str, Any] = {"p_lang": "en" if lang == "en" else "zh"}
        if as_of is not None:
            args["p_as_of"] = as_of.isoformat()
        return filter_rows(self.rpc("warning_desk", **args) or [], filters)

    def detail(self, warning_id: str) -> dict[str, Any]:
        """One warning with its sentence and history (public.warning_detail)."""
        return dict(self.rpc("warning_detail", p_warning_id=warning_id))

    def staff(self, warning_id: str) -> list[dict[str, Any]]:
        """Who may own the warning (public.warning_staff)."""
        return list(self.rpc("warning_staff", p_warning_id=warning_id) or [])

    def act(
        self,
        warning_id: str,
        step: str,
        text: str = "",
        *,
        owner_id: str | None = None,
        category: str | None = None,
        photo_ids: Sequence[str] = (),
    ) -> Any:
        """One step through its RPC; a wrong field raises FieldErrors and calls nothing."""
        note = (text or "").strip()
        args: dict[str, Any] = {"p_warning_id": warning_id}
        errors: dict[str, Msg] = {}
        if step == "assign":
            if not owner_id:
                errors["owner"] = Msg("请选择负责人", "Choose the owner")
            errors |= _note(note, False)
            fn, args = "warning_assign", {**args, "p_owner_id": owner_id, "p_note": note or None}
        elif step == "acknowledge":
            errors |= _note(note, False)
            fn, args = "warning_acknowledge", {**args, "p_note": note or None}
        elif step == "note":
            errors |= _note(note, True)
            if len(photo_ids) > MAX_PHOTOS:
                errors["photos"] = Msg("最多20张照片", "At most 20 photos")
            # an array literal: a uuid[] parameter takes it from PostgREST and PostgreSQL alike
            photos = "{" + ",".join(photo_ids) + "}"
            fn, args = "warning_add_note", {**args, "p_note": note, "p_photo_ids": photos}
        elif step == "resolve":
            if category not in CATEGORIES:
                errors["category"] = Msg("请选择处理结果", "Choose how it was resolved")
            errors |= _note(note, True)
            fn, args = "warning_resolve", {**args, "p_category": category, "p_note": note}
        else:
            raise ValueError(f"unknown step {step!r}; one of {', '.join(STEPS)}")
        if errors:
            raise FieldErrors(errors)
        return self.rpc(fn, **args)
