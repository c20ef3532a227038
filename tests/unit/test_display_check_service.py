"""The phone checks a display answer's type as the server does (answer_columns) and picks the
template that fits the customer best (tier and grade, then tier, then any)."""

from __future__ import annotations

from typing import Any

import pytest

from fieldapp.errors import InvalidInput
from fieldapp.services.display_checks import answer_columns, template_for
from fieldapp.store.display import Item


def _item(kind: str, options: list[str] | None = None) -> Item:
    return {"id": "i1", "label": "排面数", "kind": kind, "options": options or []}


def test_each_kind_takes_its_own_value() -> None:
    assert answer_columns(_item("count"), " 6 ")["count_value"] == 6
    assert answer_columns(_item("yes_no"), False)["yes_value"] is False
    assert answer_columns(_item("choice", ["黄金位", "底层"]), "底层")["choice_value"] == "底层"
    assert answer_columns(_item("photo"), "p1")["photo_id"] == "p1"
    cols = answer_columns(_item("text"), "干净整齐")
    assert cols["text_value"] == "干净整齐" and cols["count_value"] is None


@pytest.mark.parametrize(
    ("kind", "value"),
    [("count", "-1"), ("count", "3.5"), ("count", "10001"), ("count", "六"), ("yes_no", "是"),
     ("yes_no", None), ("choice", "顶层"), ("photo", ""), ("text", "  "), ("text", "x" * 4001),
     ("gauge", "1")],
)  # fmt: skip
def test_a_wrong_type_is_refused_naming_the_item(kind: str, value: Any) -> None:
    with pytest.raises(InvalidInput) as err:
        answer_columns(_item(kind, ["黄金位"] if kind == "choice" else None), value)
    assert "排面数" in err.value.message_zh and "排面数" in err.value.message_en


class _Store:
    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows


def test_the_best_fitting_template(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [
        {"id": "any", "name": "通用", "tier": None, "grade": None},
        {"id": "t3", "name": "门店", "tier": 3, "grade": None},
        {"id": "t3b", "name": "门店B", "tier": 3, "grade": "B"},
        {"id": "t1", "name": "经销商", "tier": 1, "grade": None},
    ]
    monkeypatch.setattr("fieldapp.store.display.templates", lambda store: rows)
    pick = lambda c: (template_for(None, c) or {}).get("id")  # type: ignore[arg-type]  # noqa: E731
    assert pick({"tier": 3, "grade": "B"}) == "t3b"
    assert pick({"tier": 3, "grade": "A"}) == "t3"
    assert pick({"tier": 2, "grade": "B"}) == "any"
    assert pick({"tier": 1}) == "t1"
    monkeypatch.setattr("fieldapp.store.display.templates", lambda store: rows[1:2])
    assert pick({"tier": 1}) is None
