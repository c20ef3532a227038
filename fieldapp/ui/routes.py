"""The route registry: every screen under a name. The shell opens screens by name
(`shell.open("customer_card", customer_id=...)`), so no screen module imports another; a screen's
module is imported when it is first opened. A bottom-navigation tab's route is the tab's name."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fieldapp.ui.screen import Host, Screen

# name → "module:class" (module under fieldapp.ui)
ROUTES: dict[str, str] = {
    "signin": "signin.signin:SignInScreen",
    "settings": "settings.settings:SettingsScreen",
    "policy": "settings.policy:PolicyScreen",
    "notify_status": "settings.notify:NotifyScreen",
    "sync": "sync.sync:SyncScreen",
    "today": "today.today:TodayScreen",
    "customers": "customers.customers:CustomersScreen",
    "customer_card": "customers.customer_card:CustomerCardScreen",
    "new_outlet": "customers.new_outlet:NewOutletScreen",
    "scorecard": "customers.scorecard:ScorecardScreen",
    "customer_thresholds": "customers.thresholds:ThresholdsScreen",
    "scorecards_due": "customers.scorecard_due:ScorecardsDueScreen",
    "visit": "visit.visit:VisitScreen",
    "map": "map.map:MapScreen",
    "plans": "plans.plans:PlansScreen",
    "plan_suggest": "plans.plan_suggest:SuggestScreen",
    "plan_actual": "plans.plan_actual:PlanActualScreen",
    "team_actual": "plans.plan_actual:TeamScreen",
    "exec_visits": "plans.exec_visits:ExecVisitsScreen",
    "approvals": "approvals.approvals:ApprovalsScreen",
    "approval": "approvals.approval_detail:ApprovalScreen",
    "ledger": "ledger.ledger:LedgerScreen",
    "dealer_ledger": "ledger.ledger_dealer:DealerLedgerScreen",
    "ledger_lines": "ledger.ledger_lines:LedgerLinesScreen",
    "ledger_chain": "ledger.ledger_chain:ChainScreen",
    "ledger_plan": "ledger.ledger_plan:PlanEntryScreen",
    "contracts": "contracts.contracts:ContractsScreen",
    "contract": "contracts.contract:ContractScreen",
    "account": "dealer.account:AccountScreen",
    "deliveries": "dealer.deliveries:DeliveriesScreen",
    "delivery": "dealer.delivery:DeliveryScreen",
    "service": "cases.service:ServiceScreen",
    "case_new": "cases.case_new:CaseNewScreen",
    "case": "cases.case:CaseScreen",
    "cases": "cases.desk:DeskScreen",
    "warnings": "warnings.desk:WarningDeskScreen",
    "warning": "warnings.warning:WarningScreen",
    "quadrant_matrix": "warnings.matrix:QuadrantMatrixScreen",
    "support": "support.desk:SupportDeskScreen",
    "meetings": "meetings.meetings:MeetingsScreen",
    "meeting_new": "meetings.meeting_new:MeetingNewScreen",
    "feedback_summary": "meetings.feedback:FeedbackSummaryScreen",
    "competitors": "display.competitors:CompetitorsScreen",
    "display_templates": "display.templates:DisplayTemplatesScreen",
    "orders": "dealer.orders:OrdersScreen",
    "dealer_order": "dealer.order:DealerOrderScreen",
}


def screen_class(name: str) -> type[Screen]:
    """The screen class registered under name (its module imported now)."""
    module, _, cls = ROUTES[name].partition(":")
    found: type[Screen] = getattr(importlib.import_module(f"fieldapp.ui.{module}"), cls)
    return found


def make_screen(host: Host, route: str, /, **args: Any) -> Screen:
    """A new screen for the route, with its arguments (customer_id=..., name=..., ...): the
    route and host are positional-only, so a screen may take an argument called name or host."""
    return screen_class(route)(host, **args)
