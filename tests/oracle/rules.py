"""The warning rules in pandas: an independent twin of the SQL evaluation (and its speed baseline).

`conditions(frames, as_of)` returns the warnings whose condition holds as of D, with the same
cause keys, severities and figures as the SQL functions. Definitions: docs/warnings.md. Money is
int64 cents and thresholds are exact fractions, so both sides agree to the last digit.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from tests.oracle.frames import Frames, day_number

# threshold column -> settings key (the rules' parameters, overridable per grade or customer)
THRESHOLDS: dict[str, str] = {
    "behind_t": "warning.behind_plan.tolerance",
    "bly_t": "warning.below_last_year.tolerance",
    "bly_min": "warning.below_last_year.min_amount",
    "freq_f": "warning.frequency_drop.factor",
    "churn_n": "warning.churn.days",
    "exp_t": "warning.expense_rising.tolerance",
    "exp_min": "warning.expense_rising.min_amount",
    "credit_high": "warning.credit.high_ratio",
    "incident_n": "warning.major_incident.days",
}
COLUMNS = ["customer_id", "kind", "cause_key", "severity", "figures"]


def shift_date(d: dt.date, years: int = 0, months: int = 0) -> dt.date:
    """d moved by whole years/months, clamped to the month's end like PostgreSQL's interval."""
    m = d.year * 12 + d.month - 1 + years * 12 + months
    y, mo = divmod(m, 12)
    first_next = dt.date(y + (mo + 1) // 12, (mo + 1) % 12 + 1, 1)
    last_day = (first_next - dt.timedelta(days=1)).day
    return dt.date(y, mo + 1, min(d.day, last_day))


def _year_back(days: np.ndarray) -> np.ndarray:
    """Day numbers one calendar year earlier (29 February becomes 28 February)."""
    idx = pd.DatetimeIndex(days.astype("datetime64[D]"))
    day = np.where((idx.month == 2) & (idx.day == 29), 28, idx.day)
    back = pd.to_datetime({"year": idx.year - 1, "month": idx.month, "day": day})
    return back.to_numpy("datetime64[D]").astype("int64")


def _money(c: int) -> Decimal:
    return Decimal(int(c)).scaleb(-2)


def _round(x: Fraction, places: int) -> Decimal:
    """x rounded half away from zero, like PostgreSQL's round(numeric, n)."""
    with localcontext() as ctx:
        ctx.prec = 60
        value = Decimal(x.numerator) / Decimal(x.denominator)
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _num(text: object) -> Decimal:
    return Decimal(str(text))


def thresholds(frames: Frames) -> pd.DataFrame:
    """Per live customer: each threshold as a Decimal (customer, then grade, then settings), and
    whether it is active (not eliminated: every rule applies, else the credit rule only)."""
    cust = frames["customers"]
    cust = cust[cust["live"]].set_index("id")
    settings = dict(zip(frames["settings"]["key"], frames["settings"]["value"], strict=True))
    out = pd.DataFrame(index=cust.index)
    over = frames["thresholds"]
    for col, key in THRESHOLDS.items():
        if key not in settings:
            raise KeyError(f"setting {key} is missing")
        value = pd.Series(_num(settings[key]), index=cust.index, dtype=object)
        rows = over[over["setting_key"] == key]
        by_grade = {g: _num(v) for g, v in zip(rows["grade"], rows["value"], strict=True) if g == g}
        by_cust = {
            c: _num(v) for c, v in zip(rows["customer_id"], rows["value"], strict=True) if c == c
        }
        grade_value = cust["grade"].map(by_grade)
        value = value.where(grade_value.isna(), grade_value)
        cust_value = pd.Series(cust.index, index=cust.index).map(by_cust)
        out[col] = value.where(cust_value.isna(), cust_value)
    out["credit_limit"] = cust["credit_limit"]
    out["active"] = cust["active"]
    return out


def _sum_by(frame: pd.DataFrame, mask: np.ndarray | pd.Series, index: pd.Index) -> pd.Series:
    """Sum of amount (cents) per customer over the masked rows, 0 where none."""
    got = frame.loc[mask].groupby("customer_id")["amount"].sum()
    return got.reindex(index, fill_value=0).astype("int64")


def _rows(
    ids: pd.Index, kind: str, causes: list[str], severities: list[str], figures: list[dict]
) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": list(ids),
            "kind": kind,
            "cause_key": causes,
            "severity": severities,
            "figures": figures,
        },
        columns=COLUMNS,
    )


def conditions(frames: Frames, as_of: dt.date) -> pd.DataFrame:
    """Every warning condition that holds as of as_of: customer_id, kind, cause_key, severity,
    figures. Deleted customers raise none, eliminated ones only credit_over_limit."""
    th = thresholds(frames)
    ids = th.index
    d = day_number(as_of)
    parts = [
        _credit(frames, th, d),
        _plan(frames, th, as_of),
        *_purchases(frames, th, as_of),
        *_expenses(frames, th, as_of),
        _incidents(frames, th, d),
        _complaints(frames, th, as_of),
    ]
    found = [p for p in parts if len(p)]
    if not found:
        return pd.DataFrame(columns=COLUMNS)
    out = pd.concat(found, ignore_index=True)
    out = out[out["customer_id"].isin(ids)]
    # an eliminated customer's debt is still watched; no other rule applies to it
    active = out["customer_id"].map(th["active"]).astype(bool)
    out = out[active | (out["kind"] == "credit_over_limit")]
    return out.sort_values(["customer_id", "kind", "cause_key"], ignore_index=True)


def _credit(frames: Frames, th: pd.DataFrame, d: int) -> pd.DataFrame:
    ids = th.index
    s, p, r = frames["shipments"], frames["payments"], frames["returns"]
    billed = _sum_by(s, s["billed"] & (s["shipped_on"] <= d), ids)
    paid = _sum_by(p, p["paid_on"] <= d, ids)
    credit_rows = (
        r["status"].isin(["accepted", "completed"])
        & r["kind"].isin(["return", "credit_note"])
        & (r["decided_on"] <= d)
    )
    credited = _sum_by(r, credit_rows, ids)
    balance = billed - paid - credited
    hit = balance > th["credit_limit"]
    causes, sev, figs = [], [], []
    for cid in ids[hit.to_numpy()]:
        bal, lim, high = (
            int(balance[cid]),
            int(th.at[cid, "credit_limit"]),
            th.at[cid, "credit_high"],
        )
        causes.append("balance")
        sev.append("high" if Fraction(bal) > Fraction(high) * lim else "medium")
        figs.append(
            {
                "balance": _money(bal),
                "credit_limit": _money(lim),
                "ratio": _round(Fraction(bal, lim), 4) if lim else None,
                "high_ratio": high,
            }
        )
    return _rows(ids[hit.to_numpy()], "credit_over_limit", causes, sev, figs)


def _plan(frames: Frames, th: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    ids = th.index
    s, pl = frames["shipments"], frames["plans"]
    d, y0 = day_number(as_of), day_number(dt.date(as_of.year, 1, 1))
    m0 = day_number(as_of.replace(day=1))
    dim = (shift_date(as_of.replace(day=1), months=1) - as_of.replace(day=1)).days
    ytd = _sum_by(s, (s["shipped_on"] >= y0) & (s["shipped_on"] <= d), ids)
    full = _sum_by(pl, (pl["month"] >= y0) & (pl["month"] < m0), ids)
    cur = _sum_by(pl, pl["month"] == m0, ids)
    plan_x_dim = full * dim + cur * as_of.day
    causes, sev, figs, hits = [], [], [], []
    for cid in ids[(plan_x_dim > 0).to_numpy()]:
        got, plan, t = int(ytd[cid]), int(plan_x_dim[cid]), Fraction(th.at[cid, "behind_t"])
        if not got * dim < (1 - t) * plan:
            continue
        hits.append(cid)
        causes.append(str(as_of.year))
        sev.append("medium")
        figs.append(
            {
                "year": as_of.year,
                "purchases": _money(got),
                "plan_to_date": _round(Fraction(plan, dim * 100), 2),
                "attainment": _round(Fraction(got * dim, plan), 4),
                "tolerance": th.at[cid, "behind_t"],
            }
        )
    return _rows(pd.Index(hits), "behind_plan", causes, sev, figs)


def _purchases(frames: Frames, th: pd.DataFrame, as_of: dt.date) -> list[pd.DataFrame]:
    """below_last_year, churn and purchase_frequency_drop: they share the purchase days."""
    ids = th.index
    s = frames["shipments"]
    d = day_number(as_of)
    ly = day_number(shift_date(as_of, years=-1))
    live = s[s["shipped_on"] <= d]
    r90 = _sum_by(live, live["shipped_on"] > d - 90, ids)
    p90 = _sum_by(live, (live["shipped_on"] > ly - 90) & (live["shipped_on"] <= ly), ids)
    causes, sev, figs, hits = [], [], [], []
    for cid in ids[(p90 > 0).to_numpy()]:
        recent, before = int(r90[cid]), int(p90[cid])
        t, low = Fraction(th.at[cid, "bly_t"]), Fraction(th.at[cid, "bly_min"])
        if before >= low * 100 and recent < (1 - t) * before:
            hits.append(cid)
            causes.append("rolling")
            sev.append("medium")
            figs.append(
                {
                    "purchases_90d": _money(recent),
                    "last_year_90d": _money(before),
                    "ratio": _round(Fraction(recent, before), 4),
                    "tolerance": th.at[cid, "bly_t"],
                    "min_amount": th.at[cid, "bly_min"],
                }
            )
    below = _rows(pd.Index(hits), "below_last_year", causes, sev, figs)

    days = live[["customer_id", "shipped_on"]].drop_duplicates()
    days = days[days["customer_id"].isin(ids)].sort_values(["customer_id", "shipped_on"])
    last = days.groupby("customer_id")["shipped_on"].max()
    churn_n = th.loc[last.index, "churn_n"].map(int).to_numpy(dtype="int64")
    cut = d - churn_n
    churned = (last.to_numpy() <= cut) & (last.to_numpy() > _year_back(cut))
    churned = pd.Series(churned, index=last.index)
    churn_ids = last.index[churned.to_numpy()]
    churn = _rows(
        churn_ids,
        "churn",
        [_iso(last[c]) for c in churn_ids],
        ["high"] * len(churn_ids),
        [
            {
                "last_purchase": _iso(last[c]),
                "days_since": d - int(last[c]),
                "days": int(th.at[c, "churn_n"]),
            }
            for c in churn_ids
        ],
    )

    # gaps between consecutive purchase days, both inside the 12 months up to the last one
    lower = pd.Series(_year_back(last.to_numpy()), index=last.index)
    prev = days.groupby("customer_id")["shipped_on"].shift(1)
    inside = prev > days["customer_id"].map(lower)
    gaps = (days["shipped_on"] - prev)[inside]
    grouped = gaps.groupby(days.loc[inside, "customer_id"])
    count = grouped.size().reindex(last.index, fill_value=0) + 1
    median = grouped.median()
    causes, sev, figs, hits = [], [], [], []
    for cid in last.index[(~churned & (count >= 4)).to_numpy()]:
        since, med, f = d - int(last[cid]), Fraction(median[cid]), Fraction(th.at[cid, "freq_f"])
        if since > f * med:
            hits.append(cid)
            causes.append(_iso(last[cid]))
            sev.append("low")
            figs.append(
                {
                    "last_purchase": _iso(last[cid]),
                    "days_since": since,
                    "median_gap_days": Decimal(median[cid]).normalize(),
                    "purchases": int(count[cid]),
                    "factor": th.at[cid, "freq_f"],
                }
            )
    drop = _rows(pd.Index(hits), "purchase_frequency_drop", causes, sev, figs)
    return [below, churn, drop]


def _expenses(frames: Frames, th: pd.DataFrame, as_of: dt.date) -> list[pd.DataFrame]:
    ids = th.index
    e, b = frames["expenses"], frames["budgets"]
    d = day_number(as_of)
    m3, m6 = day_number(shift_date(as_of, months=-3)), day_number(shift_date(as_of, months=-6))
    recent = _sum_by(e, (e["spent_on"] > m3) & (e["spent_on"] <= d), ids)
    before = _sum_by(e, (e["spent_on"] > m6) & (e["spent_on"] <= m3), ids)
    causes, sev, figs, hits = [], [], [], []
    for cid in ids[(recent > 0).to_numpy()]:
        now, then = int(recent[cid]), int(before[cid])
        t, low = Fraction(th.at[cid, "exp_t"]), Fraction(th.at[cid, "exp_min"])
        if now > low * 100 and now > (1 + t) * then:
            hits.append(cid)
            causes.append("rolling")
            sev.append("low")
            figs.append(
                {
                    "expenses_3m": _money(now),
                    "previous_3m": _money(then),
                    "tolerance": th.at[cid, "exp_t"],
                    "min_amount": th.at[cid, "exp_min"],
                }
            )
    rising = _rows(pd.Index(hits), "expense_rising", causes, sev, figs)

    cur = b[(b["period_start"] <= d) & (b["period_end"] >= d) & b["customer_id"].isin(ids)]
    spent_rows = e.merge(cur, on="customer_id", suffixes=("", "_b"))
    spent_rows = spent_rows[
        (spent_rows["spent_on"] >= spent_rows["period_start"]) & (spent_rows["spent_on"] <= d)
    ]
    spent = spent_rows.groupby(["customer_id", "period_start"])["amount"].sum()
    causes, sev, figs, hits = [], [], [], []
    for row in cur.itertuples(index=False):
        used = int(spent.get((row.customer_id, row.period_start), 0))
        if used > row.amount:
            hits.append(row.customer_id)
            causes.append(_iso(row.period_start))
            sev.append("medium")
            figs.append(
                {
                    "period_start": _iso(row.period_start),
                    "period_end": _iso(row.period_end),
                    "spent": _money(used),
                    "budget": _money(row.amount),
                    "ratio": _round(Fraction(used, int(row.amount)), 4) if row.amount else None,
                }
            )
    over = _rows(pd.Index(hits), "expense_over_budget", causes, sev, figs)
    return [over, rising]


def _incidents(frames: Frames, th: pd.DataFrame, d: int) -> pd.DataFrame:
    i = frames["incidents"]
    i = i[(i["kind"] != "minor") & i["customer_id"].isin(th.index) & (i["occurred_on"] <= d)]
    window = i["customer_id"].map(th["incident_n"]).map(int)
    i = i[i["occurred_on"] > d - window]
    return _rows(
        pd.Index(i["customer_id"]),
        "major_incident",
        list(i["id"]),
        ["high"] * len(i),
        [
            {
                "incident_kind": k,
                "occurred_on": _iso(o),
                "description": text[:200],
            }
            for k, o, text in zip(i["kind"], i["occurred_on"], i["description"], strict=True)
        ],
    )


def _iso(day: object) -> str:
    return str(np.datetime64(int(day), "D"))


def _micros(at: dt.datetime) -> int:
    """An aware instant as microseconds since the epoch."""
    delta = at - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _complaints(frames: Frames, th: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """complaint_unanswered: complaints due before D began, not answered nor closed by its end."""
    settings = dict(zip(frames["settings"]["key"], frames["settings"]["value"], strict=True))
    zone = ZoneInfo(settings.get("company.timezone") or "Asia/Shanghai")
    start = _micros(dt.datetime.combine(as_of, dt.time(), zone))
    end = _micros(dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time(), zone))
    c = frames["cases"]
    c = c[
        c["customer_id"].isin(th.index)
        & (c["due"] < start)
        & (c["answered"].isna() | (c["answered"] >= end))
        & (c["closed"].isna() | (c["closed"] >= end))
    ]
    rank = {"low": 0, "medium": 1, "high": 2}
    hits, sev, figs = [], [], []
    for cid, rows in c.groupby("customer_id", sort=True):
        oldest = dt.datetime.fromtimestamp(rows["due"].min() / 1_000_000, zone).date()
        hits.append(cid)
        sev.append(max(rows["severity"], key=rank.__getitem__))
        figs.append(
            {
                "complaints": len(rows),
                "days_overdue": (as_of - oldest).days,
                "oldest_due": oldest.isoformat(),
            }
        )
    return _rows(pd.Index(hits), "complaint_unanswered", ["complaints"] * len(hits), sev, figs)
