"""The scorecard screens without a browser (issue 17): the form refuses a missing score under
its indicator and sends nothing, keeps a draft offline, submits a complete one and says score
and grade; the history chart draws a bar per evaluation; reps get no 客户评价 or 待评价."""

from __future__ import annotations

import threading
from types import SimpleNamespace
from typing import Any

import flet as ft
import pytest

from fieldapp.services.scorecards import KEYS, ScorecardService
from fieldapp.ui.customers.scorecard import ScorecardScreen
from fieldapp.ui.customers.scorecard_parts import (
    BAR_MAX_PX,
    due_button,
    history_card,
    history_chart,
)
from tests.unit.services_world import World, build


class FakeRpc:
    """Records calls and answers what the test set."""

    def __init__(self, answers: dict[str, Any] | None = None) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.answers = answers or {}

    def __call__(self, fn: str, **args: Any) -> Any:
        self.calls.append((fn, args))
        return self.answers.get(fn)


class FakeShell:
    """What a screen asks of the shell; a thread's work runs at once."""

    def __init__(self, world: World, rpc: FakeRpc, role: str) -> None:
        self.lang = "zh"
        user = SimpleNamespace(role=role, user_id=world.user.user_id)
        svc = ScorecardService(world.store, world.user, world.clock, rpc)
        self.phone = SimpleNamespace(user=user, scorecards=svc)
        self.ui_lock = threading.RLock()
        self.page = SimpleNamespace(run_thread=lambda fn: fn())
        self.toasts: list[str] = []
        self.opened: list[tuple[str, dict[str, Any]]] = []
        self.popped = self.synced = 0

    def refresh(self, screen: Any) -> None:
        screen.body()

    def toast(self, text: str, *, error: bool = False) -> None:
        self.toasts.append(text)

    def open(self, route: str, /, **args: Any) -> None:
        self.opened.append((route, args))

    def pop(self, *, refresh: bool = True) -> None:
        self.popped += 1

    def request_sync(self) -> None:
        self.synced += 1

    def fail(self, exc: Any) -> None:
        self.toasts.append(str(exc))


@pytest.fixture
def world() -> World:
    return build()


def texts(control: Any) -> list[str]:
    """Every Text value under a control (depth first)."""
    found: list[str] = []

    def walk(c: Any) -> None:
        if isinstance(c, ft.Text) and isinstance(c.value, str):
            found.append(c.value)
        for attr in ("content", "controls"):
            child = getattr(c, attr, None)
            for x in child if isinstance(child, list) else [child]:
                if isinstance(x, ft.Control):
                    walk(x)

    walk(control)
    return found


def test_a_missing_score_shows_under_its_indicator_and_nothing_is_sent(world) -> None:
    rpc = FakeRpc()
    shell = FakeShell(world, rpc, "area_manager")
    screen = ScorecardScreen(shell, world.ids["D1"], name="D1")
    screen.body()
    screen._score("enthusiasm", 4)
    screen._submit()
    assert rpc.calls == []
    assert screen.problem == "还有 12 项没有打分"
    assert screen.form.errors["flexibility"] == "请为「经营灵活性」打分（1到5分）"
    assert "请为「经营灵活性」打分（1到5分）" in texts(screen.body())
    # what was scored is kept on the phone (offline)
    assert shell.phone.scorecards.draft(world.ids["D1"])["scores"] == {"enthusiasm": 4}


def test_a_draft_is_kept_and_comes_back_in_a_new_screen(world) -> None:
    rpc = FakeRpc()
    shell = FakeShell(world, rpc, "manager")
    screen = ScorecardScreen(shell, world.ids["D1"])
    screen.body()
    screen._score("credit", 2)
    screen.form.set("note.credit", "回款慢")
    screen._save()
    assert rpc.calls == [] and shell.toasts == ["草稿已保存在本机"]
    again = ScorecardScreen(shell, world.ids["D1"])
    assert again.scores == {"credit": 2} and again.form.get("note.credit") == "回款慢"


def test_a_complete_scorecard_is_submitted_and_says_score_and_grade(world) -> None:
    answer = {"score": 80.0, "grade": "B", "previous_grade": "A"}
    rpc = FakeRpc({"submit_evaluation": answer})
    shell = FakeShell(world, rpc, "area_manager")
    screen = ScorecardScreen(shell, world.ids["D1"])
    screen.body()
    for key in KEYS:
        screen._score(key, 4)
    screen._submit()
    assert [c[0] for c in rpc.calls] == ["submit_evaluation"]
    assert rpc.calls[0][1]["p_scores"] == dict.fromkeys(KEYS, 4)
    assert shell.toasts[-1] == "已提交评价：得分 80，等级 B 级（原为 A 级）"
    assert shell.popped == 1 and shell.synced == 1
    assert shell.phone.scorecards.draft(world.ids["D1"])["scores"] == {}


def test_the_history_chart_has_a_bar_per_evaluation_and_the_latest_scorer(world) -> None:
    shell = FakeShell(world, FakeRpc(), "rep")
    screen = SimpleNamespace(shell=shell, phone=shell.phone, lang="zh", t=_t)
    rows = [
        {"evaluated_on": "2026-12-01", "score": 50, "grade": "D", "evaluator_name": "肖雪"},
        {"evaluated_on": "2026-09-01", "score": 100, "grade": "A", "evaluator_name": "李四"},
    ]
    chart = history_chart(screen, rows)
    bars = [
        c
        for c in _all(chart)
        if isinstance(c, ft.Container) and c.width == 28 and c.height is not None
    ]
    assert [b.height for b in bars] == [BAR_MAX_PX, BAR_MAX_PX // 2]  # oldest left
    assert "最近一次：2026-12-01 · 肖雪 · 50 分 · D 级" in texts(chart)
    assert texts(history_chart(screen, [])) == ["还没有评价"]


def test_reps_see_the_history_but_not_the_scorecard_or_the_due_list(world) -> None:
    for role, leads in (("rep", False), ("area_manager", True), ("manager", True)):
        shell = FakeShell(world, FakeRpc({"grade_history": []}), role)
        screen = SimpleNamespace(shell=shell, phone=shell.phone, lang="zh", t=_t)
        card = history_card(screen, world.ids["D1"], "D1")
        buttons = [c for c in _all(card) if isinstance(c, ft.OutlinedButton)]
        assert len(buttons) == int(leads), role
        assert (due_button(screen) is not None) == leads
        if leads:
            buttons[0].on_click(None)
            assert shell.opened[-1] == ("scorecard", {"customer_id": world.ids["D1"], "name": "D1"})


def _t(key: str, **values: Any) -> str:
    from fieldapp.ui.strings import t

    text = t(key, "zh")
    return text.format(**values) if values else text


def _all(control: Any) -> list[Any]:
    found = [control]
    for attr in ("content", "controls"):
        child = getattr(control, attr, None)
        for x in child if isinstance(child, list) else [child]:
            if isinstance(x, ft.Control):
                found += _all(x)
    return found
