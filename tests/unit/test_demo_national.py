"""The national demo scale (issue 20): counts, determinism, warning patterns, Excel split."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from backend.cli import _parser
from backend.demo import HIGH_CREDIT, PATTERNS, SCALES, generate
from backend.demo_workbook import workbook_paths, workbooks
from backend.importer.spec import SHEETS, SHEETS_BY_NAME
from tests.unit.test_demo import _triggered, summary

AS_OF = dt.date(2026, 11, 27)  # the benchmarks' date
LINES = 5_000_000


@pytest.fixture(scope="module")
def national() -> dict[str, pd.DataFrame]:
    return generate("national", as_of=AS_OF)  # ~15-20 s, ~2 GB at its peak


def test_counts_at_national_scale(national: dict[str, pd.DataFrame]) -> None:
    counts = summary(national)
    assert counts["areas"] == 31 and counts["reps"] == 300  # 30 areas under the root
    assert counts["dealers"] == 2_000 and counts["outlets"] == 100_000
    assert 0.9 * LINES <= counts["shipments"] <= 1.1 * LINES
    c, s = national["customers"], national["shipments"]
    assert c["code"].is_unique and c["area_code"].nunique() == 30
    assert (c[c["tier"] == 1].groupby("area_code").size() >= 60).all()  # dealers in every area
    reps = national["users"][national["users"]["role"] == "rep"]
    assert (reps.groupby("area_code").size() == 10).all()
    assert c["owner_email"].isin(reps["email"]).all()
    months = s["shipped_on"].dt.to_period("M")
    assert months.nunique() == 24 and months.max() == pd.Period(AS_OF, "M")
    assert not s.duplicated(list(SHEETS_BY_NAME["shipments"].key)).any()
    root = national["areas"][national["areas"]["parent_code"].isna()]
    assert root["name"].tolist() == ["全国"]


def test_pattern_dealers_keep_their_causes_at_national_scale(
    national: dict[str, pd.DataFrame],
) -> None:
    hit = _triggered(national, AS_OF)
    for kind, codes in PATTERNS.items():
        assert set(codes) <= hit[kind], (kind, sorted(set(codes) - hit[kind]))
    assert hit["high_credit"] == set(HIGH_CREDIT)


def _slice(monkeypatch: pytest.MonkeyPatch) -> str:
    """One area of the national scale (its rhythm and 24 months): a thirtieth of the company."""
    cfg = SCALES["national"]
    part = {"areas": 1, "dealers": cfg["dealers"] // 30, "outlets": cfg["outlets"] // 30}
    monkeypatch.setitem(SCALES, "national-area", cfg | part)
    return "national-area"


def test_one_area_is_a_thirtieth_and_the_same_seed_gives_the_same_frames(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scale = _slice(monkeypatch)
    a, b = generate(scale, as_of=AS_OF), generate(scale, as_of=AS_OF)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)
    assert 0.9 * LINES <= 30 * len(a["shipments"]) <= 1.1 * LINES
    other = generate(scale, seed=7, as_of=AS_OF)
    assert not other["shipments"].equals(a["shipments"])


def test_shipments_over_an_excel_sheet_go_to_further_workbooks_by_whole_months() -> None:
    frames = generate(as_of=AS_OF)
    s = frames["shipments"]
    limit = len(s) // 3
    books = workbooks(frames, limit=limit)
    assert len(books) >= 3 and list(books[0]) == list(frames)
    required = [x.name for x in SHEETS if x.required]
    for book in books[1:]:
        assert list(book) == [*required, "shipments"]
        for name in required:
            assert book[name] is frames[name]
    parts = [book["shipments"] for book in books]
    assert all(0 < len(p) <= limit for p in parts)
    pd.testing.assert_frame_equal(pd.concat(parts, ignore_index=True), s)
    months = [set(p["shipped_on"].dt.to_period("M")) for p in parts]
    assert all(not (m & n) for i, m in enumerate(months) for n in months[i + 1 :])
    assert workbooks(frames) == [frames]  # the default demo fits one sheet
    paths = workbook_paths(Path("out.xlsx"), 3)
    assert [p.name for p in paths] == ["out.xlsx", "out-2.xlsx", "out-3.xlsx"]
    with pytest.raises(ValueError, match="one month holds"):
        workbooks(frames, limit=10)


def test_cli_accepts_the_national_scale() -> None:
    for argv in (["demo", "--scale", "national", "--no-ui"], ["demo-workbook", "x.xlsx",
                                                              "--scale", "national"]):  # fmt: skip
        assert _parser().parse_args(argv).scale == "national"
    with pytest.raises(SystemExit):
        _parser().parse_args(["demo", "--scale", "planet"])
