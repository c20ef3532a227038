"""Unit tests of the demo data: shape, keys, references, places and the warning patterns."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from backend.demo import HIGH_CREDIT, PATTERNS, generate, write_workbook
from backend.demo_names import CITIES
from backend.importer.spec import REF_KEYS, SHEETS, SHEETS_BY_NAME

AS_OF = dt.date(2026, 6, 15)
CODE = r"^[A-Za-z0-9_.-]{1,32}$"
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
PHONE = r"^[0-9+() -]{5,20}$"
MAJOR = ("theft", "accident", "family_split", "serious_illness")


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return generate(as_of=AS_OF)


def test_same_inputs_same_frames_and_another_seed_differs(frames: dict[str, pd.DataFrame]) -> None:
    again = generate(as_of=AS_OF)
    assert list(again) == list(frames)
    for name, frame in frames.items():
        pd.testing.assert_frame_equal(again[name], frame, obj=name)
    other = generate(seed=7, as_of=AS_OF)
    assert not other["customers"]["name"].equals(frames["customers"]["name"])
    assert not other["shipments"].equals(frames["shipments"])


def summary(frames: dict[str, pd.DataFrame]) -> dict[str, int]:
    """Counts as backend.summary.database_summary reports them once imported."""
    tier, users = frames["customers"]["tier"], frames["users"]
    return {
        "areas": len(frames["areas"]),
        "reps": int((users["role"] == "rep").sum()),
        "dealers": int((tier == 1).sum()),
        "outlets": int((tier > 1).sum()),
        "products": len(frames["products"]),
        "shipments": len(frames["shipments"]),
        "payments": len(frames["payments"]),
    }


def test_counts_at_default_scale(frames: dict[str, pd.DataFrame]) -> None:
    counts = summary(frames)
    assert counts["areas"] == 4 and counts["products"] == 30
    assert counts["reps"] == 6 and 35 <= counts["dealers"] <= 45
    assert 550 <= counts["outlets"] <= 650
    assert 20_000 <= counts["shipments"] <= 80_000 and counts["payments"] >= 500
    roles = frames["users"]["role"].value_counts().to_dict()
    assert roles == {"manager": 1, "area_manager": 3, "rep": 6, "dealer": 10}
    per_contract = frames["contract_lines"].groupby("contract_no").size()
    assert per_contract.between(2, 4).all() and len(per_contract) == len(frames["contracts"])
    assert len(frames["contracts"]) < counts["dealers"]  # a few dealers have none
    assert frames["evaluations"]["customer_code"].nunique() >= 0.7 * counts["dealers"]


def test_sheets_have_exactly_the_spec_columns(frames: dict[str, pd.DataFrame]) -> None:
    assert set(frames) == {s.name for s in SHEETS}
    for sheet in SHEETS:
        frame = frames[sheet.name]
        assert list(frame.columns) == [c.name for c in sheet.cols], sheet.name
        for col in sheet.cols:
            if col.required:
                assert frame[col.name].notna().all(), (sheet.name, col.name)


def test_values_have_the_spec_types(frames: dict[str, pd.DataFrame]) -> None:
    for sheet in SHEETS:
        frame = frames[sheet.name]
        for col in sheet.cols:
            v = frame[col.name].dropna()
            where = (sheet.name, col.name)
            if v.empty:
                continue
            if col.kind in ("date", "month"):
                assert pd.api.types.is_datetime64_any_dtype(frame[col.name]), where
                assert (v.dt.normalize() == v).all(), where
                if col.kind == "month":
                    assert (v.dt.day == 1).all(), where
            elif col.kind == "int":
                assert pd.api.types.is_integer_dtype(frame[col.name]), where
            elif col.kind in ("decimal", "lat", "lng"):
                assert pd.api.types.is_float_dtype(frame[col.name]), where
                if col.kind == "decimal":
                    assert np.allclose(v, v.round(2)), where
            elif col.kind == "bool":
                assert pd.api.types.is_bool_dtype(frame[col.name]), where
            elif col.kind == "enum":
                assert set(v.astype(str)) <= set(col.choices), where
            else:
                assert all(isinstance(x, str) and x.strip() for x in v), where
            if col.min is not None and col.kind in ("int", "decimal"):
                assert (v > col.min).all() if col.min_exclusive else (v >= col.min).all(), where
            if col.max is not None and col.kind in ("int", "decimal"):
                assert (v <= col.max).all(), where
    assert set(frames["customers"]["tier"]) == {1, 2, 3}


def test_natural_keys_are_unique(frames: dict[str, pd.DataFrame]) -> None:
    for sheet in SHEETS:
        frame = frames[sheet.name]
        assert not frame.duplicated(list(sheet.key)).any(), sheet.name


def test_references_exist(frames: dict[str, pd.DataFrame]) -> None:
    for sheet in SHEETS:
        for col in sheet.cols:
            if col.ref is None:
                continue
            known = set(frames[col.ref][REF_KEYS[col.ref]])
            values = frames[sheet.name][col.name].dropna()
            assert set(values) <= known, (sheet.name, col.name, set(values) - known)


def test_codes_emails_and_phones_match_their_patterns(frames: dict[str, pd.DataFrame]) -> None:
    pattern = {"code": CODE, "email": EMAIL, "phone": PHONE}
    for sheet in SHEETS:
        for col in sheet.cols:
            if col.kind in pattern:
                v = frames[sheet.name][col.name].dropna().astype(str)
                assert v.str.fullmatch(pattern[col.kind]).all(), (sheet.name, col.name)
    c = frames["customers"]
    assert c["phone"].str.fullmatch(r"1[3-9]\d{9}").all() and c["phone"].is_unique
    assert c["code"].str.fullmatch(r"D\d{3}|S\d{4}|R\d{4}").all()
    emails = frames["users"]["email"]
    assert {
        "manager@demo.fieldsales.cn",
        "am-sh@demo.fieldsales.cn",
        "rep01@demo.fieldsales.cn",
        "dealer-d001@demo.fieldsales.cn",
    } <= set(emails)
    assert frames["shipments"]["doc_no"].str.fullmatch(r"(SH|ZJ|JS)20\d{4}\d{4}").all()


def test_network_structure(frames: dict[str, pd.DataFrame]) -> None:
    c = frames["customers"].set_index("code")
    users = frames["users"].set_index("email")
    dealers = c[c["tier"] == 1]
    assert dealers["parent_code"].isna().all()
    assert dealers["credit_limit"].between(50_000, 500_000).all()
    assert (
        dealers[["sub_distributor_count", "capital_10k", "warehouse_m2", "coverage"]]
        .notna()
        .all()
        .all()
    )
    assert dealers["management_flexibility"].between(1, 5).all()
    outlets = c[c["tier"] > 1]
    parent = c.loc[outlets["parent_code"]]
    assert (parent["tier"].to_numpy() < outlets["tier"].to_numpy()).all()
    assert (parent["area_code"].to_numpy() == outlets["area_code"].to_numpy()).all()
    assert (c.loc[outlets[outlets["tier"] == 2]["parent_code"], "tier"] == 1).all()
    owner = users.loc[c["owner_email"]]
    assert (owner["role"] == "rep").all()
    assert (owner["area_code"].to_numpy() == c["area_code"].to_numpy()).all()
    logins = frames["users"][frames["users"]["role"] == "dealer"]
    assert (c.loc[logins["customer_code"], "tier"] == 1).all()
    s = frames["shipments"]
    mine = c.loc[s["customer_code"]]
    assert (s["seller_code"].isna().to_numpy() == (mine["tier"] == 1).to_numpy()).all()
    outlet_rows = s["seller_code"].notna()
    assert (
        s.loc[outlet_rows, "seller_code"].to_numpy()
        == mine["parent_code"][outlet_rows.to_numpy()].to_numpy()
    ).all()
    assert np.allclose(s["amount"], (s["quantity"] * s["unit_price"]).round(2))
    assert s["shipped_on"].max() <= pd.Timestamp(AS_OF)
    assert s["shipped_on"].min() >= pd.Timestamp(2025, 1, 1)
    r = frames["returns"]
    assert (r["decided_on"].notna() == (r["status"] != "requested")).all()
    k = frames["contracts"]
    assert k.loc[k["status"] != "draft", "signed_on"].notna().all()
    assert (k["term_end"] >= k["term_start"]).all()
    assert (k["party_a_name"] == "华东食品有限公司").all()


def test_documents_and_purchase_rhythm(frames: dict[str, pd.DataFrame]) -> None:
    s = frames["shipments"]
    docs = s.groupby("doc_no").agg(
        customers=("customer_code", "nunique"), days=("shipped_on", "nunique"),
        sellers=("seller_code", lambda v: v.fillna("-").nunique()), lines=("line_no", "max"),
        count=("line_no", "size"),
    )  # fmt: skip
    assert (docs[["customers", "days", "sellers"]] == 1).all().all()
    assert (docs["lines"] == docs["count"]).all()  # line numbers 1..n
    dealer_buys = s[s["seller_code"].isna()]
    per_month = dealer_buys.groupby(["customer_code", dealer_buys["shipped_on"].dt.to_period("M")])
    assert per_month["doc_no"].nunique().median() >= 4  # several purchases a month
    assert dealer_buys.groupby("doc_no").size().median() >= 3
    assert s[s["seller_code"].notna()].groupby("doc_no").size().max() <= 3  # outlets: few lines


def _km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lng2 - lng1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(a))


def test_places_are_near_east_china_cities(frames: dict[str, pd.DataFrame]) -> None:
    known = {
        "上海": (31.2304, 121.4737),
        "杭州": (30.2741, 120.1551),
        "苏州": (31.2989, 120.5853),
        "南京": (32.0603, 118.7969),
        "合肥": (31.8206, 117.2272),
    }
    for city, (lat, lng) in known.items():
        assert _km(lat, lng, CITIES[city][1], CITIES[city][2]) < 1
    c = frames["customers"]
    assert c["lat"].between(23, 38).all() and c["lng"].between(114, 123).all()
    centres = [(v[1], v[2]) for v in CITIES.values()]
    for lat, lng, address in zip(c["lat"], c["lng"], c["address"], strict=True):
        assert min(_km(lat, lng, a, b) for a, b in centres) < 30, address
    assert c["address"].str.fullmatch(r"(上海市|\w{2,3}省\w{2,3}市)\w+[区市]\w+\d+号").all()


def _triggered(f: dict[str, pd.DataFrame], as_of: dt.date) -> dict[str, set[str]]:
    """Dealers meeting each warning condition as of as_of, recomputed from the frames."""
    T, day = pd.Timestamp(as_of), pd.Timedelta(days=1)
    s = f["shipments"]
    buy = s[s["seller_code"].isna() & (s["shipped_on"] <= T)]  # dealers buying from us
    total = buy.groupby("customer_code")["amount"].sum()
    r = f["returns"]
    credit = r[
        r["kind"].isin(["return", "credit_note"]) & r["status"].isin(["accepted", "completed"])
    ]
    owed = total.sub(f["payments"].groupby("customer_code")["amount"].sum(), fill_value=0)
    owed = owed.sub(credit.groupby("customer_code")["amount"].sum(), fill_value=0)
    limit = f["customers"].set_index("code")["credit_limit"]
    out = {"credit_over_limit": set(owed.index[owed > limit.reindex(owed.index)])}
    jan1 = pd.Timestamp(as_of.year, 1, 1)
    ytd = buy[buy["shipped_on"] >= jan1].groupby("customer_code")["amount"].sum()
    p = f["plans"]
    p = p[(p["month"] >= jan1) & (p["month"] <= T)]
    share = np.where(p["month"].dt.month == as_of.month, as_of.day / T.days_in_month, 1.0)
    plan = (p["amount"] * share).groupby(p["customer_code"]).sum()
    out["behind_plan"] = {c for c, v in plan.items() if v > 0 and ytd.get(c, 0) < 0.8 * v}
    last = buy[buy["shipped_on"] > T - 90 * day].groupby("customer_code")["amount"].sum()
    year_ago = buy[(buy["shipped_on"] > T - 455 * day) & (buy["shipped_on"] <= T - 365 * day)]
    prev = year_ago.groupby("customer_code")["amount"].sum()
    out["below_last_year"] = {
        c for c, v in prev.items() if v >= 10_000 and last.get(c, 0) < 0.7 * v
    }
    out["purchase_frequency_drop"], out["churn"] = set(), set()
    for code, dates in buy.groupby("customer_code")["shipped_on"]:
        days = np.unique(dates.to_numpy().astype("datetime64[D]"))
        since = (np.datetime64(as_of, "D") - days[-1]).astype(int)
        if len(days) >= 4 and 2 * np.median(np.diff(days).astype(int)) < since < 90:
            out["purchase_frequency_drop"].add(code)
        if since >= 90 and (days > np.datetime64(as_of, "D") - 365).any():
            out["churn"].add(code)
    e, b = f["expenses"], f["budgets"]
    e = e[e["spent_on"] <= T]
    now = b[(b["period_start"] <= T) & (b["period_end"] >= T)]
    out["expense_over_budget"] = {
        row.customer_code
        for row in now.itertuples()
        if e[(e["customer_code"] == row.customer_code) & (e["spent_on"] >= row.period_start)][
            "amount"
        ].sum()
        > row.amount
    }
    cut, cut2 = T - pd.DateOffset(months=3), T - pd.DateOffset(months=6)
    recent = e[e["spent_on"] > cut].groupby("customer_code")["amount"].sum()
    before = (
        e[(e["spent_on"] > cut2) & (e["spent_on"] <= cut)].groupby("customer_code")["amount"].sum()
    )
    out["expense_rising"] = {
        c for c, v in recent.items() if v > 5000 and v > 1.3 * before.get(c, 0)
    }
    i = f["incidents"]
    hit = i[i["kind"].isin(MAJOR) & (i["occurred_on"] > T - 30 * day) & (i["occurred_on"] <= T)]
    dealers = set(f["customers"].loc[f["customers"]["tier"] == 1, "code"])
    out["major_incident"] = set(hit["customer_code"]) & dealers
    out["high_credit"] = set(owed.index[owed > 1.2 * limit.reindex(owed.index)])
    return out


@pytest.mark.parametrize(
    ("seed", "as_of"),
    [
        (42, AS_OF),
        (42, dt.date(2026, 1, 3)),
        (42, dt.date(2025, 12, 31)),
        (7, dt.date(2026, 3, 1)),
        (7, dt.date(2026, 11, 27)),
        (3, dt.date(2024, 2, 29)),
        (11, dt.date(2026, 10, 1)),
    ],
)
def test_warning_patterns_hold_and_other_dealers_are_healthy(seed: int, as_of: dt.date) -> None:
    f = generate(seed=seed, as_of=as_of)
    hit = _triggered(f, as_of)
    assert set(PATTERNS) == set(hit) - {"high_credit"}
    flagged = {c for codes in PATTERNS.values() for c in codes}
    assert len(flagged) == sum(len(codes) for codes in PATTERNS.values())  # one pattern each
    for kind, codes in PATTERNS.items():
        assert 2 <= len(codes) <= 5
        assert set(codes) <= hit[kind], (kind, sorted(set(codes) - hit[kind]))
        assert hit[kind] <= flagged, (kind, sorted(hit[kind] - flagged))
    assert hit["high_credit"] == set(HIGH_CREDIT)


def test_workbook_has_one_sheet_per_frame_with_dates(
    frames: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    path = tmp_path / "demo.xlsx"
    write_workbook({k: v.head(30) for k, v in frames.items()}, path)
    wb = openpyxl.load_workbook(path, read_only=True)
    assert wb.sheetnames == list(frames)
    rows = list(wb["shipments"].iter_rows(min_row=1, max_row=2, values_only=True))
    assert list(rows[0]) == list(frames["shipments"].columns)
    shipped = rows[1][list(frames["shipments"].columns).index("shipped_on")]
    assert isinstance(shipped, dt.datetime) and shipped.time() == dt.time(0)
    back = pd.read_excel(path, sheet_name="customers")
    assert list(back.columns) == list(frames["customers"].columns) and len(back) == 30


def test_large_scale_is_big() -> None:
    f = generate("large", as_of=AS_OF)  # its speed: benchmarks (fieldsales demo --scale large)
    counts = summary(f)
    assert len(f["customers"]) >= 19_000 and counts["dealers"] >= 700
    assert 900_000 <= counts["shipments"] < 1_048_576  # fits one Excel sheet
    assert counts["reps"] >= 35 and counts["areas"] >= 8
    assert not f["shipments"].duplicated(list(SHEETS_BY_NAME["shipments"].key)).any()
    assert f["customers"]["code"].is_unique and f["payments"]["reference"].is_unique
    assert all(re.fullmatch(CODE, c) for c in f["customers"]["code"].head(100))
