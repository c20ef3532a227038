"""The dealer's 座谈会 / 我的评价 / 厂家支援 cards built without a browser (dealer_relations): offline
the meetings and feedback still come from the store and 厂家支援 says "联网后显示"; online the
support shows kind, title, date, status, cost, materials and outcome, never the evaluation."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace
from typing import Any

import flet as ft

from fieldapp.services.dealer import COMPANY_PREF, DealerService
from fieldapp.services.meetings import MeetingService
from fieldapp.services.support import SupportService
from fieldapp.store import Store, preferences
from fieldapp.sync.errors import ConnectionLost
from fieldapp.ui.dealer.dealer_relations import SupportSection, relations
from fieldapp.ui.strings import t
from tests.unit.services_world import NOW, Clock
from tests.unit.test_services_dealer_relations import ME, FakeServer, dealer_user
from tests.unit.test_services_dealer_relations import store as store


def texts(control: Any) -> list[str]:
    """Every text under a control, in order."""
    out: list[str] = []
    if isinstance(control, ft.Text) and control.value:
        out.append(str(control.value))
    if isinstance(getattr(control, "content", None), str):
        out.append(control.content)
    for child in [getattr(control, "content", None), *(getattr(control, "controls", None) or [])]:
        if isinstance(child, ft.Control):
            out += texts(child)
    return out


def screen(store: Store, server: FakeServer) -> Any:
    """What dealer_relations uses of a screen: the phone's services, t, lang, the UI lock."""
    args = (store, dealer_user(), Clock(NOW), server)
    phone = SimpleNamespace(
        dealer=DealerService(*args), meetings=MeetingService(*args), support=SupportService(*args)
    )

    def tr(key: str, **values: Any) -> str:
        text = t(key, "zh")
        return text.format(**values) if values else text

    return SimpleNamespace(
        phone=phone, t=tr, lang="zh", shell=SimpleNamespace(ui_lock=threading.RLock())
    )


def settled(section: SupportSection) -> list[str]:
    """The section's texts once the fetch has answered (and its thread has ended: a thread still
    importing Flet's page module while pytest imports its own breaks Python 3.11's compiler)."""
    for _ in range(100):
        shown = texts(section.control)
        if t("online_loading", "zh") not in shown:
            for th in threading.enumerate():
                if th.name == "fieldsales-online":
                    th.join(5)
            return shown
        time.sleep(0.05)
    raise AssertionError("the support section never answered")


def test_offline_the_meetings_and_feedback_show_and_support_waits(store: Store) -> None:
    preferences.put(store, COMPANY_PREF, ME)
    server = FakeServer()
    server.fail = ConnectionLost("断网", "offline")
    shown = [s for c in relations(screen(store, server), online=False) for s in texts(c)]
    joined = "\n".join(shown)
    assert "议题：四季度铺货" in joined and "议题：年度政策" in joined
    assert "别家的会" not in joined and "别家的决议" not in joined
    assert "补齐冰红茶陈列" in shown and "已完成" in shown and "进行中" in shown
    assert "期限 2026-11-30" in shown
    assert "我的评价" in shown and "第5次" in shown and "别家的评价" not in joined
    assert shown[-1] == "联网后显示"
    assert server.calls == []  # offline: nothing asked


def test_the_support_section_says_offline_when_the_server_fails(store: Store) -> None:
    server = FakeServer()
    server.fail = ConnectionLost("断网", "offline")
    assert settled(SupportSection(screen(store, server))) == ["联网后显示"]


def test_the_support_section_shows_what_the_dealer_may_see(store: Store) -> None:
    row = {"id": "s1", "kind": "training", "title": "新品培训", "status": "evaluated",
           "planned_on": "2026-11-01", "done_on": "2026-11-03", "cost": 800,
           "materials": "手册", "outcome": "店员会介绍新品", "score": 2,
           "evaluation_note": "内部：效果一般"}  # fmt: skip
    shown = settled(SupportSection(screen(store, FakeServer({"support_list": [row]}))))
    joined = "\n".join(shown)
    for expected in (
        "培训",
        "新品培训",
        "已评估",
        "完成 2026-11-03",
        "物料：手册",
        "效果：店员会介绍新品",
    ):
        assert expected in joined
    assert "800.00" in joined
    assert "内部：效果一般" not in joined and "2 分" not in joined
