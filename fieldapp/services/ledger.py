"""Dealer ledgers (台账), monthly plans and contracts (合同), read and written online."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from fieldapp.services.base import UserService
from fieldapp.services.i18n import FieldErrors, Msg
from fieldapp.store import orders

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
PROGRESS_TTL_S = 60.0  # the customer card's plan progress is fetched again after this
PLAN_ROLES = ("area_manager", "manager")
LEDGER_ROLES = ("area_manager", "manager")
# the server's limits on a plan line (docs/access.md, Limits): whole boxes and a sane amount
MAX_PLAN_BOXES = 1_000_000
MAX_PLAN_AMOUNT = 1_000_000_000
# the workflow steps each role may take from each status (the server enforces the same rules):
# area managers draft and submit for their area; a manager reviews, signs and ends
ACTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "manager": {
        "draft": ("submit", "terminate"),
        "in_review": ("sign", "send_back", "terminate"),
        "signed": ("effective", "amend", "terminate"),
        "effective": ("amend", "terminate"),
    },
    "area_manager": {"draft": ("submit",)},
}
_AS_OF_TODAY = (
    "ytd_purchases",
    "ytd_plan",
    "ytd_progress_pct",
    "last_year_ytd",
    "credit_limit",
    "over_limit",
)
NUMERIC = {
    "credit_limit",
    "balance",
    "over_limit",
    "month_plan",
    "month_purchases",
    "ytd_plan",
    "ytd_purchases",
    "ytd_progress_pct",
    "last_year_ytd",
    "purchases",
    "purchase_quantity",
    "billed",
    "payments",
    "credits",
    "opening_balance",
    "closing_balance",
    "plan_amount",
    "plan_quantity",
    "progress_pct",
    "last_year_purchases",
    "yoy_pct",
    "quantity",
    "unit_price",
    "amount",
    "balance_effect",
    "order_amount",
    "actual_quantity",
    "actual_amount",
    "purchases_12m",
    "distribution_pct",
    "rebate_pct",
    "credit_used_pct",
    "month_progress_pct",
    "month_payments",
    "ytd_payments",
}


def dec(value: Any) -> Decimal | None:
    """A JSON number (or numeric text) as a Decimal; None stays None."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def server_numbers(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row from the server with its money, quantities and percentages as Decimals."""
    return {k: dec(v) if k in NUMERIC else v for k, v in row.items()}


def progress_fraction(actual: Decimal | None, plan: Decimal | None) -> float | None:
    """How full a progress bar is (0–1, capped), or None when there is no plan."""
    if not plan or actual is None:
        return None
    return max(0.0, min(1.0, float(actual / plan)))


def month_text(month: dt.date) -> str:
    """A month as YYYY-MM."""
    return f"{month.year:04d}-{month.month:02d}"


def parse_amount(text: str, *, blank: bool = False) -> Decimal | None:
    """A number typed by a person (commas, ¥ and spaces allowed); None when blank and allowed;
    raises ValueError when it is not a number ≥ 0."""
    cleaned = (text or "").replace(",", "").replace("，", "").replace("¥", "").strip()
    if not cleaned:
        if blank:
            return None
        raise ValueError("blank")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(cleaned) from exc
    if not value.is_finite() or value < 0:
        raise ValueError(cleaned)
    return value


class LedgerService(UserService):
    """Ledgers and contracts for managers: everything through the server's RPC functions."""

    def setup(self) -> None:
        """Caches of this service."""
        self._progress: dict[str, tuple[float, dict[str, Any] | None]] = {}

    # -- who may do what -----------------------------------------------------------------------

    @property
    def sees_ledgers(self) -> bool:
        """Whether the user opens dealers' ledgers (area managers and managers)."""
        return self.user.role in LEDGER_ROLES

    @property
    def enters_plans(self) -> bool:
        """Whether the user enters monthly plans (area managers and managers)."""
        return self.user.role in PLAN_ROLES

    @property
    def drafts_contracts(self) -> bool:
        """Whether the user drafts contracts (managers; area managers for their area)."""
        return self.user.role in ACTIONS

    # -- dealers -------------------------------------------------------------------------------

    def dealers(self, as_of: dt.date | None = None) -> list[dict[str, Any]]:
        """The tier-1 dealers the user may see, by area, with year-to-date plan, purchases and
        progress, the receivable balance against the credit limit and the covering contract."""
        day = as_of or self.today()
        rows = [
            server_numbers(r) for r in self.rpc("ledger_dealers", p_as_of=day.isoformat()) or []
        ]
        for r in rows:
            end = r.get("contract_term_end")
            r["contract_valid"] = r.get("contract_status") == "effective" and (
                not end or str(end) >= day.isoformat()
            )
        return rows

    @staticmethod
    def by_area(rows: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
        """Dealers grouped by area name, in the server's order."""
        groups: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            groups.setdefault(r.get("area_name") or r.get("area_code") or "—", []).append(r)
        return list(groups.items())

    def progress(self, customer_id: str, *, fresh: bool = False) -> dict[str, Any] | None:
        """One dealer's year-to-date plan, purchases and progress (kept for a minute); None when
        the customer is not a dealer the user may see."""
        hit = self._progress.get(customer_id)
        if hit is not None and not fresh and time.monotonic() - hit[0] < PROGRESS_TTL_S:
            return hit[1]
        rows = self.rpc(
            "ledger_dealers", p_as_of=self.today().isoformat(), p_customer_id=customer_id
        )
        row = server_numbers(rows[0]) if rows else None
        self._progress[customer_id] = (time.monotonic(), row)
        return row

    def attention(self, as_of: dt.date | None = None) -> list[dict[str, Any]]:
        """Customers with business and no valid contract, and contracts expiring soon."""
        rows = self.rpc("contracts_needing_attention", p_as_of=(as_of or self.today()).isoformat())
        return [server_numbers(r) for r in rows or []]

    # -- one dealer's ledger ---------------------------------------------------------------------

    def ledger(self, customer_id: str, year: int | None = None) -> dict[str, Any]:
        """A dealer's year by month (up to this month in the current year) and its summary: the
        figures of the last month shown, which are the year to date."""
        today = self.today()
        year = year or today.year
        dealer = self.progress(customer_id, fresh=True)
        months = [
            server_numbers(r)
            for r in self.rpc("dealer_ledger", p_customer_id=customer_id, p_year=year) or []
        ]
        if year == today.year:
            months = [m for m in months if str(m["month"]) <= today.isoformat()]
        summary = months[-1] if months else {}  # a past year: as of its last day
        if year == today.year and dealer:  # this year: as of today, as on the dealers' list
            summary = {**summary, **{k: dealer.get(k) for k in _AS_OF_TODAY}}
            summary["closing_balance"] = dealer.get("balance")
        return {"year": year, "dealer": dealer or {}, "months": months, "summary": summary}

    def lines(self, customer_id: str, month: dt.date) -> list[dict[str, Any]]:
        """The purchases, payments and credits of one month of a dealer's ledger."""
        rows = self.rpc(
            "dealer_ledger_lines",
            p_customer_id=customer_id,
            p_month=month.replace(day=1).isoformat(),
        )
        return [server_numbers(r) for r in rows or []]

    def chain(self, customer_id: str, days: int = 90) -> dict[str, Any]:
        """Down the chain: the dealer's outlets (orders, stock counts) and the numeric
        distribution of each SKU among them, over the last days."""
        today = self.today().isoformat()
        outlets = self.rpc("dealer_outlets", p_customer_id=customer_id, p_days=days, p_as_of=today)
        dist = self.rpc(
            "dealer_distribution", p_customer_id=customer_id, p_days=days, p_as_of=today
        )
        return {
            "days": days,
            "outlets": [server_numbers(r) for r in outlets or []],
            "distribution": [server_numbers(r) for r in dist or []],
        }

    # -- contracts -----------------------------------------------------------------------------

    def contracts(self, customer_id: str) -> list[dict[str, Any]]:
        """A dealer's contracts, the live ones first."""
        return list(self.rpc("dealer_contracts", p_customer_id=customer_id) or [])

    def contract(self, contract_id: str) -> dict[str, Any]:
        """One contract: its sections' fields, goods lines, history and the steps allowed."""
        c = dict(self.rpc("contract_detail", p_contract_id=contract_id))
        c["lines"] = [server_numbers(x) for x in c.get("lines") or []]
        c["rebate_pct"] = dec(c.get("rebate_pct"))
        c["actions"] = list(self.actions(c.get("status") or ""))
        return c

    def actions(self, status: str) -> tuple[str, ...]:
        """The workflow steps the user's role allows on a contract in this status."""
        return ACTIONS.get(self.user.role or "", {}).get(status, ())

    def act(
        self,
        contract_id: str,
        action: str,
        *,
        note: str = "",
        place: str = "",
        on: dt.date | None = None,
    ) -> dict[str, Any]:
        """Take one workflow step (submit, send_back, sign, effective, terminate, amend); returns
        the contract row the step produced (for amend: the new draft)."""
        note, place = note.strip(), place.strip()
        if action == "terminate" and not note:
            raise FieldErrors({"note": Msg("请填写终止原因", "Say why the contract ends")})
        if len(note) > 2000 or len(place) > 200:
            raise FieldErrors({"note": Msg("说明过长", "The note is too long")})
        args: dict[str, Any] = {"p_contract_id": contract_id}
        if note and action != "amend":
            args["p_note"] = note
        if action == "submit":
            return dict(self.rpc("submit_contract", **args))
        if action == "send_back":
            return dict(self.rpc("advance_contract", p_status="draft", **args))
        if action == "sign":
            if place:
                args["p_place"] = place
            if on is not None:
                args["p_signed_on"] = on.isoformat()
            return dict(self.rpc("sign_contract", **args))
        if action == "effective":
            if on is not None:
                args["p_effective_on"] = on.isoformat()
            return dict(self.rpc("make_contract_effective", **args))
        if action == "terminate":
            return dict(self.rpc("terminate_contract", **args))
        if action == "amend":
            return dict(self.rpc("amend_contract", p_contract_id=contract_id))
        raise FieldErrors({"action": Msg(f"未知操作：{action}", f"unknown step: {action}")})

    def new_contract(self, customer_id: str) -> dict[str, Any]:
        """A new draft from the standard template and the customer's data; when the customer
        already has a draft, the server answers that one, marked "existing" to say so."""
        drafts = {c.get("id") for c in self.contracts(customer_id) if c.get("status") == "draft"}
        row = dict(self.rpc("new_contract", p_customer_id=customer_id))
        row["existing"] = row.get("id") in drafts
        return row

    # -- monthly plans ---------------------------------------------------------------------------

    def month_plan(self, customer_id: str, month: dt.date) -> list[dict[str, Any]]:
        """A dealer's plan and purchases of one month per SKU."""
        rows = self.rpc(
            "dealer_month_plan", p_customer_id=customer_id, p_month=month.replace(day=1).isoformat()
        )
        return [server_numbers(r) for r in rows or []]

    def save_plan(
        self,
        customer_id: str,
        month: str,
        entries: Mapping[str, tuple[str, str]],
        *,
        schedule: str = "",
        support: str = "",
    ) -> int:
        """Write a dealer's plan for a month (YYYY-MM): SKU → (quantity, amount; a blank amount is
        quantity × list price). Every entry is checked first; any problem raises FieldErrors
        (keys month, qty:SKU, amount:SKU, lines) and nothing is written. Returns lines written."""
        problems: dict[str, Msg] = {}
        if not self.enters_plans:
            raise FieldErrors(
                {
                    "lines": Msg(
                        "只有区域经理和销售经理可以录入销售计划",
                        "Only area managers and managers enter sales plans",
                    )
                }
            )
        month = (month or "").strip()
        if not MONTH.match(month):
            problems["month"] = Msg(
                "月份格式应为“年-月”，例如 2026-12", "Enter a month like 2026-12"
            )
        prices = {p.get("sku"): p.get("unit_price") for p in orders.products(self.store)}
        lines = []
        for sku, (qty_text, amount_text) in entries.items():
            if not (qty_text or "").strip() and not (amount_text or "").strip():
                continue  # an untouched row
            if prices and sku not in prices:
                problems[f"qty:{sku}"] = Msg(
                    f"找不到产品编码「{sku}」", f"no product with SKU {sku}"
                )
                continue
            try:
                qty = parse_amount(qty_text)
            except ValueError:
                problems[f"qty:{sku}"] = Msg("数量须为不小于0的数", "Quantity must be 0 or more")
                continue
            if qty is None or qty != qty.to_integral_value() or qty > MAX_PLAN_BOXES:
                problems[f"qty:{sku}"] = Msg(
                    f"数量须为0到{MAX_PLAN_BOXES:,}之间的整箱数",
                    f"Quantity must be whole boxes from 0 to {MAX_PLAN_BOXES:,}",
                )
                continue
            try:
                amount = parse_amount(amount_text, blank=True)
            except ValueError:
                problems[f"amount:{sku}"] = Msg("金额须为不小于0的数", "Amount must be 0 or more")
                continue
            price = dec(prices.get(sku))
            total = amount if amount is not None else (qty * price if price is not None else None)
            if total is not None and total > MAX_PLAN_AMOUNT:
                problems[f"amount:{sku}"] = Msg(
                    f"金额不能超过 ¥{MAX_PLAN_AMOUNT:,}",
                    f"The amount cannot exceed ¥{MAX_PLAN_AMOUNT:,}",
                )
                continue
            lines.append(
                {
                    "sku": sku,
                    "quantity": str(qty),
                    "amount": None if amount is None else str(amount),
                }
            )
        if not lines and not problems:
            problems["lines"] = Msg(
                "请至少填写一个产品的计划数量", "Enter a quantity for a product"
            )
        if len(schedule) > 2000 or len(support) > 2000:
            problems["schedule"] = Msg("不能超过2000字", "At most 2,000 characters")
        if problems:
            raise FieldErrors(problems)
        args: dict[str, Any] = {"p_customer_id": customer_id, "p_month": month, "p_lines": lines}
        if schedule.strip():
            args["p_schedule"] = schedule.strip()
        if support.strip():
            args["p_planned_support"] = support.strip()
        written = int(self.rpc("set_sales_plans", **args))
        self._progress.pop(customer_id, None)
        return written
