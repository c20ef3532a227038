"""The forms offices type, read one by one (backend/importer/normalize.py)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from backend.importer.normalize import dates, find_header, numbers, texts, total_rows


def _dates(*values: object, month: bool = False) -> tuple[list, dict, list]:
    out, counts, ambiguous = dates(pd.Series(values, dtype=object), month=month)
    days = [None if pd.isna(v) else v.date() for v in out]
    return days, counts, list(ambiguous)


def test_year_first_dates_serials_and_iso_are_read() -> None:
    days, counts, ambiguous = _dates(
        "2025/8/5",
        "2025年8月5日",
        " 2025-08-05 ",
        45874,
        "２０２５．８．５",
        dt.datetime(2025, 8, 5),
    )
    assert days == [dt.date(2025, 8, 5)] * 6
    assert counts == {"date_text": 2, "date_chinese": 1, "excel_serial": 1, "trimmed": 1,
                      "full_width": 1}  # fmt: skip
    assert ambiguous == [False] * 6


def test_day_month_order_unknown_and_non_dates_are_refused() -> None:
    days, counts, ambiguous = _dates("1/2/2026", "13.2.2026", "2025/2/30", 45874.5, 20, "next week")
    assert days == [None] * 6 and counts == {}
    assert ambiguous == [True, True, False, False, False, False]


def test_months_in_an_office_form() -> None:
    days, counts, _ = _dates("2025年8月", "2025/8", "2025-08", month=True)
    assert days == [dt.date(2025, 8, 1)] * 3
    assert counts == {"date_chinese": 1, "date_text": 1}


def test_numbers_with_separators_and_currency() -> None:
    raw = pd.Series(
        ["66,814.00", "￥1,200", "¥ 35", "1200元", "1,20", "12,3456", " 7 ", 5], dtype=object
    )
    money, counts = numbers(raw, money=True)
    assert money.tolist()[:4] == [66814.0, 1200.0, 35.0, 1200.0]
    assert money[[4, 5]].isna().all() and money.tolist()[6:] == [7.0, 5.0]
    assert counts == {"thousands": 2, "currency": 3, "full_width": 1, "trimmed": 1}
    boxes, _ = numbers(pd.Series(["¥5", "1,000"], dtype=object), money=False)
    assert pd.isna(boxes[0]) and boxes[1] == 1000


def test_codes_are_nfkc_and_trimmed_free_text_keeps_its_punctuation() -> None:
    raw = pd.Series(["Ｄ００１", "S001 ", "D002", None, 1001.0], dtype=object)
    codes, counts = texts(raw, wide=True)
    assert codes.tolist() == ["D001", "S001", "D002", None, "1001"]
    assert counts == {"full_width": 1, "trimmed": 1}
    names, counts = texts(pd.Series(["华东食品（上海）有限公司 "]), wide=False)
    assert names.tolist() == ["华东食品（上海）有限公司"] and counts == {"trimmed": 1}


def test_the_header_is_found_below_a_title_and_rows_keep_their_excel_numbers() -> None:
    frame = pd.DataFrame(
        [[None, None], ["编码", "名称"], ["A1", "甲"], ["A2", "乙"]],
        columns=["华东食品有限公司 区域表 2026年11月", "Unnamed: 1"],
    )
    body, at = find_header(frame, {"编码", "名称", "code", "name"})
    assert at == 3 and list(body.columns) == ["编码", "名称"]
    assert [int(i) + 2 for i in body.index] == [4, 5]  # Excel rows
    same, at = find_header(body, {"编码", "名称"})
    assert at == 1 and same is body


def test_only_total_rows_at_the_end_are_skipped() -> None:
    frame = pd.DataFrame(
        [["A1", 1], ["小计", 1], ["A2", 2], [None, None], [" 合 计：", 3], ["总计", 3]],
        columns=["code", "n"],
    )
    tail, totals, middle = total_rows(frame)
    assert tail == [3, 4, 5] and totals == 2 and middle == [1]
    assert total_rows(frame.iloc[:3]) == ([], 0, [1])
    assert total_rows(pd.DataFrame([["A1", 1], [None, None]], columns=["code", "n"])) == ([], 0, [])
