"""Evaluation scorecards (客户评价) for area managers and managers: a draft kept on the phone
(offline, across restarts), submitted online; the server computes score and grade from the
weights and cut-offs (one definition) and the grade becomes the customer's. Also the list of
customers due for a scorecard and a customer's grade history."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from fieldapp.services.base import UserService
from fieldapp.services.i18n import FieldErrors, Msg
from fieldapp.store import preferences


@dataclass(frozen=True)
class Indicator:
    """One line of the scorecard, as the source document names it."""

    key: str
    zh: str
    en: str


INDICATORS: tuple[Indicator, ...] = (
    Indicator("enthusiasm", "积极性", "Enthusiasm"),
    Indicator("flexibility", "经营灵活性", "Flexibility"),
    Indicator("distribution_capacity", "分销能力", "Distribution capacity"),
    Indicator("capital_strength", "资金实力", "Capital"),
    Indicator("hot_brands", "畅销品牌", "Hot brands"),
    Indicator("logistics", "仓储车辆人员", "Warehouse, vehicles, staff"),
    Indicator("credit", "信誉", "Credit"),
    Indicator("social_relations", "社会关系", "Social relations"),
    Indicator("sales_management", "销售管理", "Sales management"),
    Indicator("network", "销售网络", "Network"),
    Indicator("promotion_ability", "促销能力", "Promotion ability"),
    Indicator("after_sales", "售后服务能力", "After-sales capability"),
    Indicator("relationship", "与本公司关系", "Relationship with us"),
)
KEYS = tuple(i.key for i in INDICATORS)
MAX_NOTE = 1000
MAX_COMMENT = 4000
_DRAFT = "scorecard_draft:"  # + customer id: the phone's own state, never synced


def _score(value: Any) -> int | None:
    """A score 1–5 from a form (int or text), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and 1 <= value <= 5 else None


def problems_of(
    scores: dict[str, Any], notes: dict[str, str], comment: str, *, complete: bool
) -> dict[str, Msg]:
    """What is wrong with a scorecard, by field (an indicator, note.<indicator>, comment); an
    incomplete one is fine as a draft (complete=False) but not for submitting."""
    problems: dict[str, Msg] = {}
    for ind in INDICATORS:
        raw = scores.get(ind.key)
        if raw in (None, ""):
            if complete:
                problems[ind.key] = Msg(
                    f"请为「{ind.zh}」打分（1到5分）", f"Score {ind.en} (1 to 5)"
                )
        elif _score(raw) is None:
            problems[ind.key] = Msg(
                f"「{ind.zh}」的评分必须是1到5的整数",
                f"{ind.en} must be a whole number from 1 to 5",
            )
        note = notes.get(ind.key) or ""
        if len(note) > MAX_NOTE:
            problems[f"note.{ind.key}"] = Msg(
                f"「{ind.zh}」的备注不能超过{MAX_NOTE}字",
                f"The note on {ind.en} is over {MAX_NOTE} characters",
            )
    unknown = (set(scores) | set(notes)) - set(KEYS)
    for key in sorted(unknown):
        problems[key] = Msg(f"没有这项指标：{key}", f"No such indicator: {key}")
    if len(comment) > MAX_COMMENT:
        problems["comment"] = Msg(
            f"评语不能超过{MAX_COMMENT}字", f"The comment is over {MAX_COMMENT} characters"
        )
    return problems


class ScorecardService(UserService):
    """Drafts on the phone, submission and the lists through the server's RPCs."""

    # -- the draft (offline) ---------------------------------------------------------------------

    def draft(self, customer_id: str) -> dict[str, Any]:
        """The customer's draft on this phone: scores, notes, comment and the id it will be
        submitted with (an empty draft when there is none)."""
        found = preferences.get(self.store, _DRAFT + customer_id)
        if not isinstance(found, dict):
            return {"id": None, "scores": {}, "notes": {}, "comment": "", "saved_at": None}
        return found

    def save_draft(
        self,
        customer_id: str,
        scores: dict[str, Any],
        notes: dict[str, str] | None = None,
        comment: str = "",
    ) -> dict[str, Any]:
        """Keep a draft on the phone (it may be incomplete; FieldErrors, nothing kept, for a
        score out of 1–5 or an over-long text)."""
        notes = {k: v.strip() for k, v in (notes or {}).items() if v and v.strip()}
        problems = problems_of(scores, notes, comment, complete=False)
        if problems:
            raise FieldErrors(problems)
        kept = {
            "id": self.draft(customer_id)["id"],
            "scores": {k: _score(v) for k, v in scores.items() if v not in (None, "")},
            "notes": notes,
            "comment": comment.strip(),
            "saved_at": self.now().isoformat(),
        }
        preferences.put(self.store, _DRAFT + customer_id, kept)
        return kept

    def discard_draft(self, customer_id: str) -> None:
        """Forget the customer's draft."""
        preferences.put(self.store, _DRAFT + customer_id, None)

    # -- online ----------------------------------------------------------------------------------

    def submit(self, customer_id: str) -> dict[str, Any]:
        """Submit the customer's draft (FieldErrors, nothing sent, unless every indicator is
        scored); the server answers score, grade and the previous grade, and the draft is gone.
        The draft's id goes with it, so a retry after a lost answer is not a second scorecard."""
        d = self.draft(customer_id)
        problems = problems_of(d["scores"], d["notes"], d["comment"], complete=True)
        if problems:
            raise FieldErrors(problems)
        if not d["id"]:
            d = {**d, "id": str(uuid.uuid4())}
            preferences.put(self.store, _DRAFT + customer_id, d)
        answer = dict(
            self.rpc(
                "submit_evaluation",
                p_customer_id=customer_id,
                p_scores={k: d["scores"][k] for k in KEYS},
                p_notes=d["notes"] or None,
                p_comment=d["comment"] or None,
                p_evaluation_id=d["id"],
            )
        )
        self.discard_draft(customer_id)
        return answer

    def due(self, as_of: dt.date | None = None) -> list[dict[str, Any]]:
        """Customers whose scorecard is due, oldest first (public.evaluations_due)."""
        day = (as_of or self.today()).isoformat()
        return list(self.rpc("evaluations_due", p_as_of=day) or [])

    def history(self, customer_id: str) -> list[dict[str, Any]]:
        """The customer's scorecards, newest first, with who scored (public.grade_history)."""
        return list(self.rpc("grade_history", p_customer_id=customer_id) or [])
