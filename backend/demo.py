"""Demo data in the import workbook format: dealers, outlets and 18 or 24 months of trade.

Deterministic for (scale, seed, as_of). The dealers in PATTERNS carry deliberate warning causes;
as the demo means them (as of `as_of`, amounts in CNY, windows ending at as_of):
- credit_over_limit: shipments - payments - accepted/completed returns and credit notes > limit
  (HIGH_CREDIT dealers above 120 %)
- behind_plan: purchases since 1 January < 80 % of this year's plans to date (this month prorated)
- below_last_year: last 90 days' purchases < 70 % of the same 90 days a year earlier (>= 10,000)
- purchase_frequency_drop: >= 4 purchase days; the last is > 2 x median gap and < 90 days ago
- churn: no purchase in the last 90 days, but some in the 365 days before
- expense_over_budget: the quarter containing as_of has spent more than its budget
- expense_rising: last 3 calendar months' expenses > 1.3 x the 3 months before, and > 5,000
- major_incident: a theft, accident, family split or serious illness in the last 30 days
A pattern dealer may also raise a related kind (a churned dealer is also below last year and
behind plan); the other dealers raise none.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from backend import clock
from backend import demo_names as nm
from backend.demo_workbook import write_workbook
from backend.importer.spec import SHEETS, SHEETS_BY_NAME

# reps per area; months of trade ending with as_of's month; outlet purchases a month in % of the
# default rhythm (national: 90, so ~5.0 M shipment lines rather than ~5.5 M)
SCALES: dict[str, dict[str, int]] = {
    "default": {"areas": 3, "reps": 2, "dealers": 40, "outlets": 600, "months": 18, "rate": 100},
    "large": {"areas": 8, "reps": 5, "dealers": 800, "outlets": 19_200, "months": 18, "rate": 100},
    "national": {"areas": 30, "reps": 10, "dealers": 2_000, "outlets": 100_000, "months": 24,
                 "rate": 90},  # for benchmarks: generating and importing it takes minutes
}  # fmt: skip
SEASON = np.array([1.3, 1.2, 0.9, 0.9, 1.0, 1.1, 1.15, 1.1, 1.0, 1.05, 1.0, 1.15])
MAJOR = ("theft", "accident", "family_split", "serious_illness")
DOMAIN = "@demo.fieldsales.cn"
SKU = np.array([p[0] for p in nm.PRODUCTS], dtype=object)
PRICE = np.array([p[5] for p in nm.PRODUCTS])
WEIGHTS = np.array([10, 6, 10, 8, 6, 6, 14, 6, 8, 8, 6, 6, 6])  # settings evaluation.weights
INDICATORS = [c.name for c in SHEETS_BY_NAME["evaluations"].cols[3:16]]
__all__ = ["HIGH_CREDIT", "PATTERNS", "SCALES", "generate", "write_workbook"]
KINDS = ("credit_over_limit", "behind_plan", "below_last_year", "purchase_frequency_drop",
         "churn", "expense_over_budget", "expense_rising", "major_incident")  # fmt: skip


def _assign_patterns() -> dict[str, list[str]]:
    order = np.random.default_rng(2026).permutation(np.arange(2, 41)).tolist()
    out: dict[str, list[str]] = {}
    for kind in KINDS:
        n = 4 if kind == "credit_over_limit" else 2
        out[kind], order = sorted(f"D{i:03d}" for i in order[:n]), order[n:]
    return out


PATTERNS: dict[str, list[str]] = _assign_patterns()
HIGH_CREDIT: list[str] = PATTERNS["credit_over_limit"][:2]


class _World:
    """The clock and the arrays the generators share (dealers come first among customers)."""

    def __init__(self, cfg: dict[str, int], as_of: dt.date) -> None:
        self.cfg, self.as_of, self.T = cfg, as_of, np.datetime64(as_of, "D")
        now = np.datetime64(as_of, "M")
        self.M = cfg["months"]
        self.months = np.arange(now - (self.M - 1), now + 1)
        self.start = self.months.astype("datetime64[D]")
        self.days = ((self.months + 1).astype("datetime64[D]") - self.start).astype(int)
        self.year = self.months.astype(int) // 12 + 1970
        self.n = cfg["dealers"]
        self.pat = {k: np.array([int(c[1:]) - 1 for c in v if int(c[1:]) <= self.n], dtype=int)
                    for k, v in PATTERNS.items()}  # fmt: skip
        self.area_codes = np.array(list(nm.AREAS)[: cfg["areas"]], dtype=object)

    def has(self, kind: str, d: np.ndarray) -> np.ndarray:
        """Whether the dealers with indices d carry the pattern kind."""
        return np.isin(d, self.pat[kind])


def _cols(sheet: str) -> list[str]:
    return [c.name for c in SHEETS_BY_NAME[sheet].cols]


def _frame(sheet: str, data: dict[str, object]) -> pd.DataFrame:
    """A frame with exactly the sheet's columns in spec order (absent ones blank)."""
    n = len(next(iter(data.values())))  # type: ignore[arg-type]
    return pd.DataFrame({c: data.get(c, [None] * n) for c in _cols(sheet)})


def _ym(dates: np.ndarray) -> pd.Series:
    m = dates.astype("datetime64[M]").astype(int)
    return pd.Series((m // 12 + 1970) * 100 + m % 12 + 1).astype(str)


def _numbered(prefix: str, dates: np.ndarray, group: np.ndarray | int = 0) -> np.ndarray:
    """References like HK2025060001, numbered per month (and group) in the order given."""
    key = pd.Series(dates.astype("datetime64[M]").astype(int) * 1000 + group)
    seq = key.groupby(key).cumcount().add(1).astype(str).str.zfill(4)
    return (prefix + _ym(dates) + seq).to_numpy(dtype=object)


def _indices(*shape: int) -> tuple[np.ndarray, ...]:
    return tuple(a.ravel() for a in np.indices(shape))


def generate(
    scale: str = "default", seed: int = 42, as_of: dt.date | None = None
) -> dict[str, pd.DataFrame]:
    """The demo workbook as frames keyed by sheet name; deterministic for (scale, seed, as_of)."""
    rng = np.random.default_rng(seed)
    w = _World(SCALES[scale], as_of or clock.today())
    root = nm.ROOT_AREA if len(w.area_codes) <= nm.EAST_AREAS else nm.NATIONAL
    codes = list(w.area_codes)
    names = [root[1]] + [nm.AREAS[c][0] for c in codes]
    up = [None] + [root[0]] * len(codes)
    f = {"areas": _frame("areas", {"code": [root[0], *codes], "name": names, "parent_code": up})}
    f["customers"] = _customers(rng, w)
    f["users"] = _users(rng, w)
    p = list(zip(*nm.PRODUCTS, strict=True))
    f["products"] = _frame("products", {
        "sku": SKU, "name": p[1], "brand": p[2], "variety": p[3], "spec": p[4], "unit": "箱",
        "unit_price": PRICE, "active": True})  # fmt: skip
    f["plans"] = _plans(rng, w)
    f["shipments"] = _shipments(rng, w)
    f["returns"] = _returns(rng, w)
    f["payments"] = _payments(rng, w, f)
    f["expenses"], f["budgets"] = _expenses(rng, w)
    f["incidents"] = _incidents(rng, w)
    f["contracts"], f["contract_lines"] = _contracts(rng, w, f["customers"])
    f["evaluations"] = _evaluations(rng, w, f["customers"])
    f["support"] = pd.DataFrame(columns=_cols("support"))  # seeded by backend/demo_support.py
    return {s.name: f[s.name] for s in SHEETS}


def _customers(rng: np.random.Generator, w: _World) -> pd.DataFrame:
    """Dealers (D001..) round-robin over the areas; outlets S/R under dealers, weighted by size."""
    D, A, R = w.n, w.cfg["areas"], w.cfg["reps"]
    d_area = np.arange(D) % A
    cities = [nm.AREAS[c][1] for c in w.area_codes]
    pick = (rng.random(D) ** 1.6 * np.array([len(cities[a]) for a in d_area])).astype(int)
    d_city = np.array([cities[a][i] for a, i in zip(d_area, pick, strict=True)], dtype=object)
    w.limit = rng.integers(5, 51, D) * 10_000.0
    share = rng.uniform(0.18, 0.28, D)
    share[w.pat["credit_over_limit"]] = 0.45  # big buyers, so stopped payments pass the limit
    w.base = w.limit * share  # planned monthly purchases now
    n2 = w.cfg["outlets"] // 4
    n3, p = w.cfg["outlets"] - n2, w.base / w.base.sum()
    root = np.concatenate([np.arange(D), *(np.sort(rng.choice(D, k, p=p)) for k in (n2, n3))])
    tier = np.repeat([1, 2, 3], [D, n2, n3])
    code = [f"D{i + 1:03d}" for i in range(D)] + [f"S{i + 1:04d}" for i in range(n2)]
    code = np.array(code + [f"R{i + 1:04d}" for i in range(n3)], dtype=object)
    cnt2, r3 = np.bincount(root[tier == 2], minlength=D), root[tier == 3]
    via2 = (rng.random(len(r3)) < 0.6) & (cnt2[r3] > 0)  # else the store buys from the dealer
    sub = D + (np.cumsum(cnt2) - cnt2)[r3] + (rng.random(len(r3)) * cnt2[r3]).astype(int)
    parent = np.concatenate([np.full(D, -1), root[tier == 2], np.where(via2, sub, r3)])
    n, u = len(tier), rng.random((len(tier), 8))
    w.tier, w.root, w.parent, w.code, w.area = tier, root, parent, code, d_area[root]
    w.reps = np.array([f"rep{i + 1:02d}{DOMAIN}" for i in range(A * R)], dtype=object).reshape(A, R)
    own = np.where(tier == 1, np.arange(n) // A % R, rng.integers(0, R, n))
    w.owner = w.reps[w.area, np.where((tier > 1) & (u[:, 0] < 0.8), root // A % R, own)]
    w.city = d_city[root]
    w.district, street, w.address = nm.places(rng, w.city)
    lat, lng = nm.scatter(rng, w.city, 3.0)
    odd = np.select([u[:, 1] < 0.04, u[:, 1] < 0.06], ["prospect", "suspended"], "eliminated")
    w.status = np.where((tier == 1) | (u[:, 1] >= 0.08), "active", odd)
    w.since = w.T - np.where(tier == 1, rng.integers(730, 3650, n), rng.integers(30, 2200, n))
    t = tier - 1

    def span(lo: list[float], hi: list[float], col: int) -> np.ndarray:
        return np.array(lo)[t] + u[:, col] * (np.array(hi)[t] - np.array(lo)[t])

    order = np.argsort(rng.random((n, len(nm.HOT_BRANDS))), axis=1)
    many = rng.integers(1, 4, n) + (tier == 1)
    brands = ["、".join(nm.HOT_BRANDS[j] for j in o[:k]) for o, k in zip(order, many, strict=True)]
    w.contact, kids = nm.person_names(rng, n), np.bincount(parent[parent >= 0], minlength=n)
    return _frame("customers", {
        "code": code, "name": nm.outlet_names(rng, w.city, w.district, street, tier), "tier": tier,
        "parent_code": np.where(parent >= 0, code[parent], None), "owner_email": w.owner,
        "area_code": w.area_codes[w.area], "status": w.status, "address": w.address, "lat": lat,
        "lng": lng, "contact_name": w.contact, "phone": nm.phones(rng, n),
        "credit_limit": np.where(tier == 1, np.resize(w.limit, n), 0.0),
        "payment_terms_days": np.where(tier == 1, 30, rng.choice([0, 7, 15, 30], n)),
        "sub_distributor_count": kids + (tier < 3) * rng.integers(0, 15, n),
        "coverage": np.where(tier == 1, w.city + "市区及" + w.district + "周边乡镇",
                             np.where(tier == 2, w.district + "及周边", "周边社区")),
        "capital_10k": np.round(span([50, 5, 1], [2000, 150, 30], 2), 2), "hot_brands": brands,
        "warehouse_m2": np.round(span([200, 50, 10], [3000, 500, 80], 3)),
        "vehicles": span([1, 0, 0], [15, 4, 1.5], 4).astype(int),
        "staff": span([5, 2, 1], [60, 12, 6], 5).astype(int),
        "management_flexibility": 1 + (u[:, 6] * 5).astype(int),
        "exclusive": u[:, 7] < np.array([0.3, 0.1, 0.0])[t],
        "grade": np.where(tier == 1, None, nm.pick(rng, list("ABBBCCCD"), n)),
        "since": w.since})  # fmt: skip


def _users(rng: np.random.Generator, w: _World) -> pd.DataFrame:
    """The manager, an area manager per area, the reps, and logins for the first ten dealers."""
    A, k = len(w.area_codes), min(10, w.n)
    email = [f"manager{DOMAIN}", *(f"am-{c.lower()}{DOMAIN}" for c in w.area_codes),
             *w.reps.ravel(), *(f"dealer-{c.lower()}{DOMAIN}" for c in w.code[:k])]  # fmt: skip
    names = nm.person_names(rng, len(email))
    names[len(email) - k :] = w.contact[:k]
    w.managers, w.am_names = np.array(email[1 : A + 1], dtype=object), names[1 : A + 1]
    return _frame("users", {
        "email": email, "full_name": names,
        "role": ["manager"] + ["area_manager"] * A + ["rep"] * w.reps.size + ["dealer"] * k,
        "area_code": [None, *w.area_codes, *np.repeat(w.area_codes, w.cfg["reps"])] + [None] * k,
        "customer_code": [None] * (len(email) - k) + list(w.code[:k]),
        "phone": nm.phones(rng, len(email), start=10**6), "active": True})  # fmt: skip


def _plans(rng: np.random.Generator, w: _World) -> pd.DataFrame:
    """Monthly targets for 8 of each dealer's 12 SKUs, seasonal, growing ~6 % a year."""
    D, M = w.n, w.M
    w.skus = np.argsort(rng.random((D, len(SKU))), axis=1)[:, :12]
    share = rng.gamma(2.0, 1.0, (D, 8))
    trend = SEASON[w.months.astype(int) % 12] * (1 + 0.005 * (np.arange(M) - (M - 1)))
    target = np.einsum("d,m,dj->dmj", w.base, trend, share / share.sum(1, keepdims=True))
    price = PRICE[w.skus[:, :8]][:, None, :]
    w.plan_norm = (np.maximum(1, np.round(target / price)) * price).sum(2)
    ambitious = w.has("behind_plan", np.arange(D))[:, None] & (w.year == w.as_of.year)[None, :]
    qty = np.maximum(1, np.round(target * np.where(ambitious, 2.0, 1.0)[:, :, None] / price))
    w.plan_qty = qty[:, -12:, :].sum(1)
    d, m, j = _indices(*qty.shape)
    return _frame("plans", {
        "customer_code": w.code[d], "sku": SKU[w.skus[d, j]], "month": w.start[m],
        "quantity": qty.ravel().astype(int),
        "amount": np.round(qty.ravel() * PRICE[w.skus[d, j]], 2),
        "schedule": nm.pick(rng, nm.SCHEDULES, len(d)),
        "planned_support": nm.pick(rng, nm.SUPPORTS, len(d))})  # fmt: skip


def _spread(
    rng: np.random.Generator, w: _World, lines: np.ndarray, root: np.ndarray
) -> tuple[np.ndarray, ...]:
    """Expand purchases into lines: purchase index, line number, distinct SKUs of the dealer."""
    ev = np.repeat(np.arange(len(lines)), lines)
    no = np.arange(len(ev)) - np.repeat(np.cumsum(lines) - lines, lines)
    start = rng.integers(0, 12, len(lines))
    step = np.array([1, 5, 7, 11])[rng.integers(0, 4, len(lines))]  # coprime to 12: distinct
    return ev, no + 1, w.skus[root[ev], (start[ev] + no * step[ev]) % 12]


def _dealer_buys(rng: np.random.Generator, w: _World) -> tuple[np.ndarray, ...]:
    """Dealers buy from us k times a month, evenly spaced from the 1st, on plan or a pattern."""
    D, M = w.n, w.M
    k = rng.integers(4, 7, D)
    cnt = np.repeat(k, M)
    dm = np.repeat(np.arange(D * M), cnt)
    j = np.arange(len(dm)) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    d, m = dm // M, dm % M
    date = w.start[m] + (j * w.days[m]) // k[d] + (j > 0) * rng.integers(0, 2, len(dm))
    ago = (w.T - date).astype(int)
    fac = rng.uniform(1.0, 1.15, (D, M))
    fac[w.pat["behind_plan"]] = rng.uniform(0.9, 1.0, (len(w.pat["behind_plan"]), M))
    amount = w.plan_norm[d, m] * fac[d, m] / k[d]
    amount *= np.where(w.has("below_last_year", d) & (ago >= 358) & (ago < 462), 2.5, 1.0)
    stop = np.zeros(D, dtype=int)
    for kind, lo, hi in (("churn", 100, 201), ("purchase_frequency_drop", 40, 71)):
        stop[w.pat[kind]] = rng.integers(lo, hi, len(w.pat[kind]))
    keep = ago >= stop[d]
    if w.as_of.month == 1:  # the dealer with an ambitious plan has not ordered yet this year
        keep &= ~(w.has("behind_plan", d) & (date >= np.datetime64(f"{w.as_of.year}-01-01")))
    d, date, amount = d[keep], date[keep], amount[keep]
    ev, no, sku = _spread(rng, w, np.clip(amount // 3500 + 1, 1, 8).astype(int), d)
    g = rng.gamma(2.0, 1.0, len(ev))
    qty = np.maximum(1, np.ceil(amount[ev] * g / np.bincount(ev, g)[ev] / PRICE[sku]))
    return d, date, np.full(len(d), -1), ev, no, sku, qty, PRICE[sku]


def _outlet_buys(rng: np.random.Generator, w: _World) -> tuple[np.ndarray, ...]:
    """Sub-distributors and stores buy from their parent, a few times a month, a few lines."""
    o, M, n = np.flatnonzero(w.tier > 1), w.M, len(w.tier)
    rate = np.where(w.tier[o] == 2, rng.uniform(1.5, 3.0, len(o)), rng.uniform(0.6, 1.5, len(o)))
    rate *= w.cfg["rate"] / 100
    cnt = rng.poisson(np.where(w.status[o] == "prospect", 0, rate)[:, None] * np.ones(M)).ravel()
    om = np.repeat(np.arange(len(o) * M), cnt)
    c, m = o[om // M], om % M
    date = w.start[m] + (rng.random(len(om)) * w.days[m]).astype(int)
    gone = [w.status == "eliminated", w.status == "suspended"]
    stop = np.select(gone, [rng.integers(120, 360, n), rng.integers(30, 90, n)], 0)
    keep = ((w.T - date).astype(int) >= stop[c]) & (date >= w.since[c])
    c, date = c[keep], date[keep]
    two = w.tier[c] == 2
    lines = np.where(two, rng.integers(1, 4, len(c)), rng.integers(1, 3, len(c)))
    ev, no, sku = _spread(rng, w, lines, w.root[c])
    qty = 1.0 + rng.poisson(np.where(two[ev], 5.0, 1.5))
    markup = np.where(w.tier == 2, 1.08, np.where(w.tier[w.parent] == 1, 1.10, 1.15))
    return c, date, w.parent[c], ev, no, sku, qty, np.round(PRICE[sku] * markup[c[ev]], 2)


def _shipments(rng: np.random.Generator, w: _World) -> pd.DataFrame:
    """One document per purchase, numbered per area and month in date order, with its lines."""
    a, b = _dealer_buys(rng, w), _outlet_buys(rng, w)
    cust, date, seller = (np.concatenate([x, y]) for x, y in zip(a[:3], b[:3], strict=True))
    ev, no, sku, qty, price = (np.concatenate([x, y]) for x, y in zip(a[3:], b[3:], strict=True))
    ev[len(a[3]) :] += len(a[0])
    order = np.lexsort((cust, date))
    doc, rank = np.empty(len(cust), dtype=object), np.empty(len(cust), dtype=int)
    area = w.area[cust[order]]
    doc[order] = w.area_codes[area] + _numbered("", date[order], area)
    rank[order] = np.arange(len(order))
    lines = np.lexsort((no, rank[ev]))
    ev, no, sku, qty, price = ev[lines], no[lines], sku[lines], qty[lines], price[lines]
    amount = np.round(qty * price, 2)
    w.ship = pd.DataFrame({"cust": cust[ev], "seller": seller[ev], "date": date[ev]})
    w.ship["amount"] = amount
    return _frame("shipments", {
        "doc_no": doc[ev], "line_no": no, "customer_code": w.code[cust[ev]],
        "seller_code": np.where(seller[ev] >= 0, w.code[seller[ev]], None), "sku": SKU[sku],
        "shipped_on": date[ev], "quantity": qty.astype(int), "unit_price": price,
        "amount": amount})  # fmt: skip


def _returns(rng: np.random.Generator, w: _World) -> pd.DataFrame:
    """A few returns and credit notes by dealers; most decided within a week."""
    n = max(4, round(w.n * 1.2))
    req, d = np.sort(w.T - rng.integers(0, 480, n)), rng.integers(0, w.n, n)
    kinds = ["return"] * 4 + ["credit_note", "exchange"] * 2 + ["packaging", "repair"]
    kind = nm.pick(rng, kinds, n)
    sku, note, u = w.skus[d, rng.integers(0, 12, n)], kind == "credit_note", rng.random(n)
    qty = np.where(note, 0.0, rng.integers(1, 21, n))
    amount = np.round(np.where(note, rng.uniform(300, 3000, n), qty * PRICE[sku]), 2)
    decided = np.select([u < 0.5, u < 0.8], ["accepted", "completed"], "rejected")
    status = np.where((w.T - req).astype(int) < 7, "requested", decided)
    on = np.minimum(req + rng.integers(1, 8, n), w.T)
    on = np.where(status == "requested", np.datetime64("NaT"), on)
    credit = np.isin(kind, ["return", "credit_note"]) & np.isin(status, ["accepted", "completed"])
    w.credits = np.bincount(d[credit], amount[credit], minlength=w.n)
    return _frame("returns", {
        "reference": _numbered("TH", req), "customer_code": w.code[d],
        "sku": np.where(note, None, SKU[sku]), "kind": kind, "quantity": qty.astype(int),
        "amount": amount,
        "reason": [nm.RETURN_REASON[k] for k in kind], "status": status, "requested_on": req,
        "decided_on": on})  # fmt: skip


def _payments(rng: np.random.Generator, w: _World, f: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """A month's purchases are paid on a fixed day of the next; credit patterns stop paying."""
    D, M, T, s = w.n, w.M, w.T, w.ship
    own = s[s["seller"] < 0]
    mi = (own["date"].to_numpy().astype("datetime64[M]") - w.months[0]).astype(int)
    bought = np.bincount(own["cust"] * M + mi, own["amount"], minlength=D * M).reshape(D, M)
    d, m = np.nonzero(bought[:, :-1] > 0)
    date, amt = w.start[m + 1] + rng.integers(4, 12, D)[d], np.round(bought[d, m], 2)
    month = pd.Series(w.months[m].astype(int) % 12 + 1).astype(str)
    note = (_ym(w.start[m]).str.slice(0, 4) + "年" + month + "月货款").to_numpy(dtype=object)
    keep = date <= T
    d, date, amt, note = d[keep], date[keep], amt[keep], note[keep]
    for i, x in enumerate(w.pat["credit_over_limit"]):  # no payment for 120 days, then a part
        ratio = (1.35, 1.28, 1.08, 1.15)[i]
        stay = ~((d == x) & (date > T - 120))
        d, date, amt, note = d[stay], date[stay], amt[stay], note[stay]
        owed = bought[x].sum() - w.credits[x] - amt[d == x].sum()
        if owed <= ratio * w.limit[x]:
            w.limit[x] = max(10_000.0, np.floor(owed / ratio / 1000) * 1000)
        if (part := round(owed - ratio * w.limit[x], 2)) > 0:
            d, date = np.append(d, x), np.append(date, T - rng.integers(20, 60))
            amt, note = np.append(amt, part), np.append(note, "部分回款")
    f["customers"].loc[: D - 1, "credit_limit"] = w.limit
    order = np.lexsort((d, date))
    d, date, amt, note = d[order], date[order], amt[order], note[order]
    # settled first in, first out against payments and credits; outlets settle after 30 days
    paid = np.bincount(d, amt, minlength=D) + w.credits + 0.005
    cum = s["amount"].where(s["seller"] < 0, 0.0).groupby(s["cust"]).cumsum().to_numpy()
    mine = paid[np.minimum(s["cust"], D - 1)]
    dealer = np.where(cum - s["amount"] < mine, "partial", "unsettled")
    outlet = np.where(rng.random(len(s)) < 0.3, "partial", "unsettled")
    outlet = np.where((T - s["date"].to_numpy()).astype(int) > 30, "settled", outlet)
    dealer = np.where(cum <= mine, "settled", dealer)
    f["shipments"]["settlement_status"] = np.where(s["seller"] < 0, dealer, outlet)
    method = nm.pick(rng, ["transfer"] * 7 + ["acceptance"] * 2 + ["cash", "cheque"], len(d))
    return _frame("payments", {
        "reference": _numbered("HK", date), "customer_code": w.code[d], "paid_on": date,
        "amount": amt, "method": method, "note": note})  # fmt: skip


def _expenses(rng: np.random.Generator, w: _World) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Monthly support costs on fixed days, quarterly display fees, and quarterly budgets."""
    D, T = w.n, w.T
    months = np.arange(w.months[0], w.months[-1] + 3 - (w.as_of.month - 1) % 3)  # to quarter end
    base = w.base * rng.uniform(0.015, 0.035, D)
    rising = w.pat["expense_rising"]
    base[rising] = np.maximum(base[rising], 1500)
    series = rng.integers(1, 3, D)
    d, s, m = _indices(D, 2, len(months))
    d, s, m = d[s < series[d]], s[s < series[d]], m[s < series[d]]
    date = months.astype("datetime64[D]")[m] + rng.integers(2, 28, (D, 2))[d, s]
    amt = base[d] / series[d] * rng.uniform(0.9, 1.1, len(d))
    cat = nm.pick(rng, list(nm.EXPENSE_TEXT)[:-1], len(d))
    fee = (rng.random(D) < 0.3) | w.has("expense_over_budget", np.arange(D))
    fee[rising] = False
    fd, fm = np.nonzero(fee[:, None] & (months.astype(int) % 3 == 0)[None, :])
    d, date = np.concatenate([d, fd]), np.concatenate([date, months[fm].astype("datetime64[D]")])
    amt = np.concatenate([amt, 1.5 * base[fd] * rng.uniform(0.97, 1.03, len(fd))])
    cat = np.concatenate([cat, np.full(len(fd), "store_display", dtype=object)])
    cut = np.datetime64((pd.Timestamp(w.as_of) - pd.DateOffset(months=3)).date(), "D")
    amt = np.round(np.where(w.has("expense_rising", d) & (date > cut), 2 * amt, amt), 2)
    q0 = int(months[0].astype(int)) // 3
    nq = int(months[-1].astype(int)) // 3 - q0 + 1
    q = date.astype("datetime64[M]").astype(int) // 3 - q0
    spent = np.bincount(d * nq + q, amt, minlength=D * nq).reshape(D, nq)
    budget = np.ceil(spent * rng.uniform(1.15, 1.35, (D, nq)) / 100) * 100
    over = w.pat["expense_over_budget"]
    budget[over, -1] = np.floor(0.75 * 1.5 * base[over] / 100) * 100  # below this quarter's fee
    bd, bq = _indices(D, nq)
    qs = ((bq + q0) * 3).astype("datetime64[M]")
    start, end = qs.astype("datetime64[D]"), (qs + 3).astype("datetime64[D]") - 1
    budgets = _frame("budgets", {
        "customer_code": w.code[bd], "period_start": start, "period_end": end,
        "amount": budget.ravel()})  # fmt: skip
    order = np.lexsort((d, date))
    d, date, amt, cat = (a[order[date[order] <= T]] for a in (d, date, amt, cat))
    return _frame("expenses", {
        "reference": _numbered("FY", date), "customer_code": w.code[d], "spent_on": date,
        "category": cat, "amount": amt,
        "description": [nm.EXPENSE_TEXT[c] for c in cat]}), budgets  # fmt: skip


def _incidents(rng: np.random.Generator, w: _World) -> pd.DataFrame:
    """Major incidents for the pattern dealers this month; minor ones scattered over the years."""
    major = w.pat["major_incident"]
    minor = np.flatnonzero(rng.random(len(w.tier)) < np.where(w.tier == 1, 0.25, 0.02))
    c = np.concatenate([major, minor])
    kind = np.array([MAJOR[i % 4] for i in range(len(major))] + ["minor"] * len(minor))
    date = w.T - np.concatenate([rng.integers(2, 30, len(major)), rng.integers(0, 500, len(minor))])
    text = np.array([nm.INCIDENT_TEXT.get(k, "") for k in kind], dtype=object)
    desc = np.where(kind == "minor", nm.pick(rng, nm.MINOR_INCIDENTS, len(c)), text)
    return _frame("incidents", {"customer_code": w.code[c], "occurred_on": date, "kind": kind,
                                "description": desc, "reporter_email": w.owner[c]})  # fmt: skip


def _contracts(
    rng: np.random.Generator, w: _World, cust: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One contract per dealer: most effective this year, a few expired, draft or missing."""
    rows, lines = [], []
    for x in range(w.n):
        status = {7: "expired", 13: "draft", 17: None}.get(x % 20, "effective")
        if status is None:
            continue
        year = w.as_of.year + {"expired": -1, "draft": 1}.get(status, 0)
        start, signed = dt.date(year, 1, 1), dt.date(year - 1, 12, int(rng.integers(1, 29)))
        no, city, draft = f"HT{year}-{w.code[x]}", nm.CITIES[w.city[x]][0], status == "draft"
        carried = {nm.PRODUCTS[i][2] for i in w.skus[x]}
        days, staff = rng.integers(2, 4), rng.integers(1, 3)
        text = {k: v.format(days=days, staff=staff) for k, v in nm.CONTRACT_TEXT.items()}
        name, phone = cust.at[x, "name"], cust.at[x, "phone"]
        b = nm.party(rng, name, w.address[x], phone, w.contact[x], w.city[x])
        a = nm.COMPANY | {"signing_rep": w.am_names[w.area[x]]}
        rows.append({
            "contract_no": no, "customer_code": w.code[x], "version": 1, "status": status,
            "custodian_email": w.managers[w.area[x]], **text, "payment_days": 30,
            "delivery_place": f"{w.address[x]}(乙方仓库)",
            "rights_level": "general" if rng.random() < 0.7 else "sub",
            "freight_paid_by": ("supplier", "supplier", "shared", "dealer")[rng.integers(4)],
            "territory": f"{city}{w.district[x]}及周边乡镇",
            "brands": "、".join(brand for brand in nm.BRANDS if brand in carried),
            "term_start": start, "term_end": dt.date(year, 12, 31),
            "rebate_pct": round(float(rng.uniform(1, 3)), 1),
            "signed_on": None if draft else signed, "effective_on": None if draft else start,
            "signed_place": "上海市闵行区" if rng.random() < 0.5 else city,
            **{f"party_a_{k}": v for k, v in a.items()},
            **{f"party_b_{k}": v for k, v in b.items()}})  # fmt: skip
        for j in range(int(rng.integers(2, 5))):
            p, qty = nm.PRODUCTS[w.skus[x, j]], int(np.ceil(w.plan_qty[x, j] / 10) * 10)
            lines.append({
                "contract_no": no, "line_no": j + 1, "sku": p[0], "variety": p[3], "brand": p[2],
                "spec": p[4], "quantity": qty, "unit_price": p[5]})  # fmt: skip
    frame = pd.DataFrame(rows, columns=_cols("contracts"))
    for c in ("term_start", "term_end", "signed_on", "effective_on"):
        frame[c] = pd.to_datetime(frame[c])
    return frame, pd.DataFrame(lines, columns=_cols("contract_lines"))


def _evaluations(rng: np.random.Generator, w: _World, cust: pd.DataFrame) -> pd.DataFrame:
    """Half-yearly scorecards by the area manager for most dealers; the latest sets the grade."""
    who = np.flatnonzero(rng.random(w.n) < 0.85)
    d, i = np.repeat(who, 3), np.tile(np.arange(3), len(who))
    date = w.T - 15 - 182 * i - rng.integers(0, 10, len(d))
    q = rng.uniform(2.6, 4.8, w.n)
    s = np.clip(np.round(q[d][:, None] + rng.normal(0, 0.6, (len(d), 13))), 1, 5).astype(int)
    bad = w.has("credit_over_limit", d)
    s[bad, 6] = rng.integers(1, 3, int(bad.sum()))  # poor credit
    score = s @ WEIGHTS / (5 * WEIGHTS.sum()) * 100
    grade = np.select([score >= 85, score >= 70, score >= 55], ["A", "B", "C"], "D")
    cust.loc[d[i == 0], "grade"] = grade[i == 0]
    o = np.lexsort((date, d))
    return _frame("evaluations", {
        "customer_code": w.code[d[o]], "evaluated_on": date[o],
        "evaluator_email": w.managers[w.area[d[o]]],
        **{k: s[o, n] for n, k in enumerate(INDICATORS)},
        "comment": [nm.EVALUATION_COMMENT[g] for g in grade[o]]})  # fmt: skip
