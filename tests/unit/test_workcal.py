"""The working calendar (工作日历): statutory holidays and make-up days from chinese-calendar, the
company's override, days near midnight in Shanghai, and planning on holidays and 调休 days."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest

from fieldapp.domain import clock
from fieldapp.domain.planning import (
    Outlet,
    days_overdue,
    due_day,
    suggest_visits,
    working_week,
)
from fieldapp.domain.workcal import (
    DAY_HOLIDAY,
    DAY_MAKEUP,
    DAY_WEEKEND,
    DAY_WORK,
    WorkCalendar,
    parse_overrides,
)
from fieldapp.errors import InvalidInput

D = dt.date
CAL = WorkCalendar()
# 2026 as the package (chinese-calendar 1.11) has it: 国庆 1–7 October off, with the make-up
# working days Sunday 20 September and Saturday 10 October; 中秋 25–27 September off.
NATIONAL_DAY = [D(2026, 10, 1) + dt.timedelta(days=k) for k in range(7)]
MAKEUP = [D(2026, 9, 20), D(2026, 10, 10)]


def test_the_package_agrees_with_what_these_tests_assume() -> None:
    for d in NATIONAL_DAY:
        assert chinese_calendar.is_holiday(d), d
    for d in MAKEUP:
        assert chinese_calendar.is_workday(d), d
    assert chinese_calendar.is_workday(D(2026, 10, 8))


def test_national_day_and_makeup_days() -> None:
    for d in NATIONAL_DAY:
        assert not CAL.is_working_day(d)
        assert CAL.day_kind(d) == DAY_HOLIDAY  # the weekend inside it too
    assert CAL.note(D(2026, 10, 3)) == "National Day"
    for d in MAKEUP:
        assert CAL.is_working_day(d) and CAL.day_kind(d) == DAY_MAKEUP
    assert CAL.is_working_day(D(2026, 10, 8)) and CAL.day_kind(D(2026, 10, 8)) == DAY_WORK
    assert CAL.day_kind(D(2026, 10, 11)) == DAY_WEEKEND  # an ordinary Sunday
    assert CAL.day_kind(D(2026, 12, 7)) == DAY_WORK


def test_counting_working_days_over_the_holiday() -> None:
    assert CAL.next_working_days(D(2026, 9, 30), 4) == [
        D(2026, 9, 30), D(2026, 10, 8), D(2026, 10, 9), D(2026, 10, 10),
    ]  # fmt: skip
    assert CAL.add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert CAL.add_working_days(D(2026, 9, 30), 0) == D(2026, 9, 30)
    assert CAL.working_days_between(D(2026, 9, 30), D(2026, 10, 11)) == 3
    assert CAL.working_days_between(D(2026, 10, 11), D(2026, 9, 30)) == 0
    with pytest.raises(InvalidInput):
        CAL.next_working_days(D(2026, 9, 30), -1)


def test_company_override_wins_and_unknown_years_fall_back_to_weekdays() -> None:
    cal = WorkCalendar.from_setting(
        {
            "2026-10-08": {"kind": "holiday", "note": "公司团建"},
            "2026-10-03": {"kind": "workday"},
            "2027-10-01": {"kind": "holiday", "note": "国庆节"},
        }
    )
    assert not cal.is_working_day(D(2026, 10, 8)) and cal.note(D(2026, 10, 8)) == "公司团建"
    assert cal.is_working_day(D(2026, 10, 3)) and cal.day_kind(D(2026, 10, 3)) == DAY_MAKEUP
    # 2027: the package does not know it yet; weekdays work unless the company says otherwise
    assert not cal.is_working_day(D(2027, 10, 1))
    assert cal.is_working_day(D(2027, 10, 4)) and not cal.is_working_day(D(2027, 10, 2))
    assert WorkCalendar.from_setting(None).overrides == {}


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ([1, 2], "对象"),
        ({"2026-13-01": {"kind": "holiday"}}, "日期"),
        ({"2026-10-09": {"kind": "off"}}, "类型"),
        ({"2026-10-09": "holiday"}, "类型"),
        ({"2026-10-09": {"kind": "holiday", "note": "x" * 201}}, "备注"),
    ],
)
def test_bad_overrides_are_refused_in_both_languages(value: object, words: str) -> None:
    with pytest.raises(InvalidInput) as e:
        parse_overrides(value)
    assert words in e.value.message_zh and e.value.message_en


def test_near_midnight_in_shanghai_the_company_day_decides() -> None:
    # 16:30 UTC on 30 September is 00:30 on 1 October in Shanghai: a holiday
    t = dt.datetime(2026, 9, 30, 16, 30, tzinfo=dt.UTC)
    assert clock.today(t) == D(2026, 10, 1) and not CAL.is_working_day(clock.today(t))
    # 15:59 UTC on 30 September is 23:59 in Shanghai: still a working day
    t2 = dt.datetime(2026, 9, 30, 15, 59, tzinfo=dt.UTC)
    assert clock.today(t2) == D(2026, 9, 30) and CAL.is_working_day(clock.today(t2))
    # the same instant read in Shanghai's zone
    assert t.astimezone(ZoneInfo("Asia/Shanghai")).date() == D(2026, 10, 1)


def test_planning_weeks_with_holidays_and_makeup_days() -> None:
    # the week of 28 September: Monday–Wednesday worked, 国庆 from Thursday
    assert working_week(D(2026, 9, 28)) == [D(2026, 9, 28), D(2026, 9, 29), D(2026, 9, 30)]
    # the week of 5 October: Thursday, Friday and the make-up Saturday
    assert working_week(D(2026, 10, 5)) == [D(2026, 10, 8), D(2026, 10, 9), D(2026, 10, 10)]
    # the week of 14 September ends with the make-up Sunday 20 September
    assert working_week(D(2026, 9, 14))[-1] == D(2026, 9, 20)
    outlets = [Outlet("a", "a", grade="A", last_visit=D(2026, 9, 1))]
    assert [s.outlet.id for s in suggest_visits(outlets, D(2026, 10, 5))] == ["a"]
    # a week the company declares entirely off: nothing is suggested
    off = WorkCalendar.from_setting(
        {(D(2026, 10, 5) + dt.timedelta(days=k)).isoformat(): {"kind": "holiday"}
         for k in range(7)}
    )  # fmt: skip
    assert working_week(D(2026, 10, 5), off) == []
    assert suggest_visits(outlets, D(2026, 10, 5), calendar=off) == []
    # 春节 2026: 16–22 February all off
    assert working_week(D(2026, 2, 16)) == []


def test_a_due_day_on_a_non_working_day_moves_to_the_next_working_day() -> None:
    # weekly outlet last visited Saturday 26 September: due 3 October (国庆), so 8 October
    assert due_day(D(2026, 9, 26), 7) == D(2026, 10, 8)
    assert due_day(D(2026, 9, 24), 7, CAL) == D(2026, 10, 8)  # 1 October too
    assert due_day(D(2026, 9, 23), 7) == D(2026, 9, 30)  # a working Wednesday stays
    # an ordinary Saturday (28 November 2026) and Sunday move to Monday 30 November
    assert due_day(D(2026, 11, 21), 7) == D(2026, 11, 30)
    assert due_day(D(2026, 11, 22), 7) == D(2026, 11, 30)
    # a make-up Saturday (班, 10 October) and Sunday (20 September) are worked: they stay
    assert due_day(D(2026, 10, 3), 7) == D(2026, 10, 10)
    assert due_day(D(2026, 9, 13), 7) == D(2026, 9, 20)
    # 中秋 25–27 September: due Friday 25 moves to Monday 28
    assert due_day(D(2026, 9, 11), 14) == D(2026, 9, 28)
    # the company's days: a holiday on Monday 30 November moves it on; a worked Saturday stays
    company = WorkCalendar.from_setting(
        {"2026-11-30": {"kind": "holiday", "note": "公司年会"}, "2026-12-05": {"kind": "workday"}}
    )
    assert due_day(D(2026, 11, 21), 7, company) == D(2026, 12, 1)
    assert due_day(D(2026, 11, 28), 7, company) == D(2026, 12, 5)
    # the length stays in calendar days: a D outlet (90 days) is due 90 days on, if worked
    assert due_day(D(2026, 9, 1), 90) == D(2026, 11, 30)
    # no working day within a year (a calendar gone wrong): the day itself
    never = WorkCalendar.from_setting(
        {(D(2026, 12, 1) + dt.timedelta(days=k)).isoformat(): {"kind": "holiday"}
         for k in range(400)}
    )  # fmt: skip
    assert never.next_working_day(D(2026, 12, 1)) == D(2026, 12, 1)


def test_days_overdue_count_working_days_after_the_due_day() -> None:
    due = D(2026, 10, 8)  # due 3 October, moved
    assert days_overdue(due, due) == 0
    assert days_overdue(due, D(2026, 10, 9)) == 1
    assert days_overdue(due, D(2026, 10, 10)) == 2  # the make-up Saturday (班) counts
    assert days_overdue(due, D(2026, 10, 11)) == 2  # an ordinary Sunday does not
    assert days_overdue(due, D(2026, 10, 12)) == 3
    # before the due day: the working days still to go (国庆 is not among them)
    assert days_overdue(due, D(2026, 9, 30)) == -1
    assert days_overdue(due, D(2026, 9, 29), CAL) == -2
    # a holiday in the company's calendar is not counted either
    company = WorkCalendar.from_setting({"2026-10-09": {"kind": "holiday"}})
    assert days_overdue(due, D(2026, 10, 10), company) == 1


def test_the_due_list_orders_by_working_days_overdue() -> None:
    week = D(2026, 10, 5)  # 国庆 until Wednesday; Thursday, Friday, make-up Saturday worked
    outlets = [
        Outlet("oct1", "due 1 Oct", grade="A", last_visit=D(2026, 9, 24)),  # → 8 October
        Outlet("oct7", "due 7 Oct", grade="A", last_visit=D(2026, 9, 30), open_warnings=1),
        Outlet("sep30", "due 30 Sep", grade="A", last_visit=D(2026, 9, 23)),  # worked
        Outlet("oct17", "due Sat 17 Oct", grade="A", last_visit=D(2026, 10, 10)),  # → 19th
    ]
    got = suggest_visits(outlets, week, longest=0)
    by_id = {s.outlet.id: s for s in got}
    # 1 and 7 October are both due on the 8th, 2 working days overdue at the week's end (9th,
    # make-up 10th): the one with a warning first, though 1 October is 6 calendar days older
    assert [s.outlet.id for s in got] == ["sep30", "oct7", "oct1"]
    assert by_id["oct1"].due_on == by_id["oct7"].due_on == D(2026, 10, 8)
    assert by_id["oct1"].days_overdue == by_id["oct7"].days_overdue == 2
    assert by_id["sep30"].due_on == D(2026, 9, 30) and by_id["sep30"].days_overdue == 3
    # due on an ordinary Saturday: Monday 19 October, the next week's
    assert "oct17" not in by_id
    assert [s.outlet.id for s in suggest_visits(outlets[3:], D(2026, 10, 12), longest=0)] == []
    nxt = suggest_visits(outlets[3:], D(2026, 10, 19), longest=0)
    assert nxt[0].due_on == D(2026, 10, 19) and nxt[0].days_overdue == 4
