"""Rules that span columns or sheets: tiers and parents, roles, periods, derived amounts."""

from __future__ import annotations

import pandas as pd

from backend.importer.validate import Validator


def apply_rules(
    v: Validator,
    frames: dict[str, pd.DataFrame],
    db_tiers: dict[str, int],
    db_area_parents: dict[str, str | None] | None = None,
) -> None:
    """Check cross-column rules and fill derived values (shipment amount). db_area_parents:
    the database's areas, code → parent code, for cycles through areas already there."""
    if "areas" in frames:
        a = frames["areas"]
        if "parent_code" in a:
            v.add_rows(
                "areas",
                a["parent_code"] == a["code"],
                "parent_code",
                "上级区域不能是自己",
                "an area cannot be its own parent",
            )
            _area_cycles(v, a, db_area_parents or {})
    if "customers" in frames:
        _customers(v, frames["customers"], db_tiers)
    if "users" in frames:
        _users(v, frames["users"])
    if "shipments" in frames:
        s = frames["shipments"]
        if "seller_code" in s:
            same = s["seller_code"].notna() & (s["seller_code"] == s["customer_code"])
            v.add_rows(
                "shipments",
                same,
                "seller_code",
                "供货方不能是客户自己",
                "a customer cannot sell to itself",
            )
        if "amount" not in s:
            s["amount"] = None
        blank = s["amount"].isna() & s["quantity"].notna() & s["unit_price"].notna()
        derived = (s["quantity"].astype(float) * s["unit_price"].astype(float)).round(2)
        s["amount"] = s["amount"].where(~blank, derived)
    if "expenses" in frames and "reference" in frames["expenses"]:
        ref = frames["expenses"]["reference"].astype("string").str.upper()
        v.add_rows(
            "expenses",
            ref.str.startswith("SUP-").fillna(False).astype(bool),
            "reference",
            "以 SUP- 开头的费用编号属于辅导支援自动记录的费用，请在辅导支援表里录入",
            "references starting with SUP- belong to support activities: use the support sheet",
        )
    if "support" in frames:
        _support(v, frames["support"])
    _after(
        v,
        frames,
        "budgets",
        "period_start",
        "period_end",
        "截止日期早于起始日期",
        "period_end is before period_start",
    )
    _after(
        v,
        frames,
        "contracts",
        "term_start",
        "term_end",
        "经营截止日早于起始日",
        "term_end is before term_start",
    )
    if "contracts" in frames:
        c = frames["contracts"]
        signed = _column(c, "status", "draft").isin(
            ["signed", "effective", "expired", "terminated"]
        )
        no_date = _column(c, "signed_on").isna()
        v.add_rows(
            "contracts",
            signed & no_date,
            "signed_on",
            "已签署的合同需要签约日期",
            "a signed contract needs signed_on",
        )
    if "returns" in frames:
        r = frames["returns"]
        decided = _column(r, "status", "requested") != "requested"
        no_date = _column(r, "decided_on").isna()
        v.add_rows(
            "returns",
            decided & no_date,
            "decided_on",
            "已处理的退换货需要处理日期",
            "a decided return needs decided_on",
        )


def _area_cycles(v: Validator, a: pd.DataFrame, db_parents: dict[str, str | None]) -> None:
    """An area may not be under itself by way of other areas (A → B → A)."""
    parents = dict(db_parents)
    parents.update(
        {
            c: (p if isinstance(p, str) else None)
            for c, p in zip(a["code"], a["parent_code"], strict=True)
        }
    )
    for index, code, parent in zip(a.index, a["code"], a["parent_code"], strict=True):
        if not isinstance(code, str) or not isinstance(parent, str) or parent == code:
            continue
        path, at = [code], parent
        while at is not None and at not in path:
            path.append(at)
            at = parents.get(at)
        if at == code:
            chain = " → ".join([*path, code])
            v.add(
                "areas",
                int(index) + 2,
                "parent_code",
                f"上级区域形成循环：{chain}",
                f"the areas' parents form a cycle: {chain}",
            )


# who a reference to a person may name (docs/access.md "References and guarded writes")
STAFF_REFERENCES: dict[tuple[str, str], tuple[set[str], str, str]] = {
    ("customers", "owner_email"): (
        {"rep", "area_manager", "manager"},
        "客户负责人必须是业务员、区域经理或销售经理",
        "a customer's owner must be a rep, an area manager or a manager",
    ),
    ("contracts", "custodian_email"): (
        {"rep", "area_manager", "manager"},
        "合同保管人必须是公司员工",
        "a contract's custodian must be a staff member",
    ),
    ("support", "owner_email"): (
        {"rep", "area_manager", "manager"},
        "支援负责人必须是公司员工",
        "a support activity's owner must be a staff member",
    ),
    ("support", "evaluator_email"): (
        {"area_manager", "manager"},
        "支援评估人必须是区域经理或销售经理",
        "a support activity is evaluated by an area manager or a manager",
    ),
}


def staff_emails(frames: dict[str, pd.DataFrame]) -> set[str]:
    """The emails that the staff-only reference columns name."""
    return {
        str(e).lower()
        for (sheet, col) in STAFF_REFERENCES
        if sheet in frames and col in frames[sheet]
        for e in frames[sheet][col].dropna()
    }


def check_staff_references(
    v: Validator, frames: dict[str, pd.DataFrame], db_roles: dict[str, str]
) -> None:
    """Owners and custodians name staff of the right role (the workbook's users first)."""
    roles = dict(db_roles)
    if "users" in frames:
        u = frames["users"]
        roles |= {str(e).lower(): r for e, r in zip(u["email"], u["role"], strict=True)}
    for (sheet, col), (allowed, zh, en) in STAFF_REFERENCES.items():
        if sheet not in frames or col not in frames[sheet]:
            continue
        named = frames[sheet][col]
        role = named.map(lambda e: roles.get(str(e).lower()), na_action="ignore")
        v.add_rows(sheet, named.notna() & role.notna() & ~role.isin(allowed), col, zh, en)


def _column(frame: pd.DataFrame, name: str, default: object = None) -> pd.Series:
    """A column, its blank cells (or all of it, when the sheet leaves it out) read as the value a
    new row gets."""
    if name in frame:
        return frame[name].where(frame[name].notna(), default)
    return pd.Series([default] * len(frame), index=frame.index, dtype=object)


def _customers(v: Validator, c: pd.DataFrame, db_tiers: dict[str, int]) -> None:
    tier = pd.to_numeric(c["tier"], errors="coerce")
    parent = _column(c, "parent_code")
    v.add_rows(
        "customers",
        (tier == 1) & parent.notna(),
        "parent_code",
        "经销商（一级）不能有上级客户",
        "a tier 1 dealer has no parent",
    )
    v.add_rows(
        "customers",
        (tier > 1) & parent.isna(),
        "parent_code",
        "二批和终端必须填写上级客户",
        "tier 2 and 3 outlets need a parent",
    )
    v.add_rows(
        "customers",
        parent.notna() & (parent == c["code"]),
        "parent_code",
        "上级客户不能是自己",
        "a customer cannot be its own parent",
    )
    tiers = db_tiers | dict(zip(c["code"], tier, strict=True))
    parent_tier = parent.map(tiers)
    v.add_rows(
        "customers",
        parent_tier.notna() & (parent_tier >= tier),
        "parent_code",
        "上级客户的层级必须高于本客户（经销商→二批→终端）",
        "the parent must be a higher tier (dealer → sub-distributor → store)",
    )
    lat, lng = _column(c, "lat"), _column(c, "lng")
    v.add_rows(
        "customers",
        lat.isna() != lng.isna(),
        "lat/lng",
        "经纬度须同时填写",
        "lat and lng go together",
    )


def _users(v: Validator, u: pd.DataFrame) -> None:
    area, cust = _column(u, "area_code"), _column(u, "customer_code")
    field = u["role"].isin(["rep", "area_manager"])
    dealer = u["role"] == "dealer"
    v.add_rows(
        "users",
        field & area.isna(),
        "area_code",
        "业务员和区域经理必须有区域",
        "reps and area managers need an area",
    )
    v.add_rows(
        "users",
        dealer & cust.isna(),
        "customer_code",
        "经销商用户必须关联客户",
        "a dealer user needs customer_code",
    )
    v.add_rows(
        "users",
        u["role"].notna() & ~dealer & cust.notna(),
        "customer_code",
        "只有经销商用户可以关联客户",
        "only dealer users have a customer_code",
    )


def _after(
    v: Validator,
    frames: dict[str, pd.DataFrame],
    sheet: str,
    start: str,
    end: str,
    zh: str,
    en: str,
) -> None:
    f = frames.get(sheet)
    if f is None or start not in f or end not in f:
        return
    both = f[start].notna() & f[end].notna()
    early = pd.Series(False, index=f.index)
    early[both] = pd.to_datetime(f.loc[both, end]) < pd.to_datetime(f.loc[both, start])
    v.add_rows(sheet, early, end, zh, en)


def _support(v: Validator, f: pd.DataFrame) -> None:
    """A done or evaluated activity has its done day; an evaluated one its score, evaluator and
    day; a cancelled one its day; only evaluated ones have a score (as the server's check)."""
    status = _column(f, "status", "planned").fillna("planned")
    done = status.isin(["done", "evaluated"])
    evaluated = status == "evaluated"
    rules = (
        (done & _column(f, "done_on").isna(), "done_on", "已完成的支援须填写完成日期",
         "a done activity needs done_on"),
        (evaluated & _column(f, "score").isna(), "score", "已评估的支援须填写评分",
         "an evaluated activity needs a score"),
        (evaluated & _column(f, "evaluator_email").isna(), "evaluator_email",
         "已评估的支援须填写评估人邮箱", "an evaluated activity needs evaluator_email"),
        (evaluated & _column(f, "evaluated_on").isna(), "evaluated_on",
         "已评估的支援须填写评估日期", "an evaluated activity needs evaluated_on"),
        (~evaluated & _column(f, "score").notna(), "score", "只有已评估的支援才有评分",
         "only an evaluated activity has a score"),
        ((status == "cancelled") & _column(f, "cancelled_on").isna(), "cancelled_on",
         "已取消的支援须填写取消日期", "a cancelled activity needs cancelled_on"),
        ((status != "cancelled") & _column(f, "cancelled_on").notna(), "cancelled_on",
         "只有已取消的支援才有取消日期", "only a cancelled activity has cancelled_on"),
    )  # fmt: skip
    for mask, column, zh, en in rules:
        v.add_rows("support", mask.astype(bool), column, zh, en)
