"""The signed-in phone's services that are made on first use (`Phone` inherits them): each is
made once by `Phone._service(name, class)` with (store, user, now, rpc, photos_dir)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from fieldapp.services.approvals import ApprovalService
    from fieldapp.services.cases import CaseService
    from fieldapp.services.dealer import DealerService
    from fieldapp.services.dealer_orders import DealerOrderService
    from fieldapp.services.deliveries import DeliveryService
    from fieldapp.services.display_checks import DisplayChecks
    from fieldapp.services.display_templates import TemplateEditor
    from fieldapp.services.dist_targets import DistTargetService
    from fieldapp.services.eliminations import EliminationService
    from fieldapp.services.exec_visits import ExecVisitService
    from fieldapp.services.geocoding import GeocodingService
    from fieldapp.services.ledger import LedgerService
    from fieldapp.services.mapview import MapService
    from fieldapp.services.meetings import MeetingService
    from fieldapp.services.order_status import OrderStatusService
    from fieldapp.services.plans import PlanService
    from fieldapp.services.policy import PolicyService
    from fieldapp.services.quadrant_matrix import QuadrantMatrixService
    from fieldapp.services.scorecards import ScorecardService
    from fieldapp.services.support import SupportService
    from fieldapp.services.warning_desk import WarningDeskService

S = TypeVar("S")  # a service class


class MoreServices:
    """Plans, approvals, the desks, the ledger, the map … of the signed-in user."""

    def _service(self, name: str, make: Callable[..., S]) -> S:
        raise NotImplementedError  # Phone makes them

    @property
    def plans(self) -> PlanService:
        """The rep's weekly visit plans: suggestions, days, route order, submission."""
        from fieldapp.services.plans import PlanService

        return self._service("plans", PlanService)

    @property
    def approvals(self) -> ApprovalService:
        """Plans waiting for a manager's decision, decisions, plan versus actual."""
        from fieldapp.services.approvals import ApprovalService

        return self._service("approvals", ApprovalService)

    @property
    def dealer(self) -> DealerService:
        """A dealer's own account (online)."""
        from fieldapp.services.dealer import DealerService

        return self._service("dealer", DealerService)

    @property
    def policy(self) -> PolicyService:
        """Policy settings (managers, online): the catalog and its changes."""
        from fieldapp.services.policy import PolicyService

        return self._service("policy", PolicyService)

    @property
    def scorecards(self) -> ScorecardService:
        """Evaluation scorecards: drafts on the phone, submitted online; due lists, history."""
        from fieldapp.services.scorecards import ScorecardService

        return self._service("scorecards", ScorecardService)

    @property
    def warning_desk(self) -> WarningDeskService:
        """The warnings desk (online): open warnings in scope, one warning, its steps."""
        from fieldapp.services.warning_desk import WarningDeskService

        return self._service("warning_desk", WarningDeskService)

    @property
    def eliminations(self) -> EliminationService:
        """Eliminate requests and conduct flags (online)."""
        from fieldapp.services.eliminations import EliminationService

        return self._service("eliminations", EliminationService)

    @property
    def dist_targets(self) -> DistTargetService:
        """Distribution targets and target versus actual (online)."""
        from fieldapp.services.dist_targets import DistTargetService

        return self._service("dist_targets", DistTargetService)

    @property
    def exec_visits(self) -> ExecVisitService:
        """Executive visits (高层拜访): from the store, planned and recorded online."""
        from fieldapp.services.exec_visits import ExecVisitService

        return self._service("exec_visits", ExecVisitService)

    @property
    def support(self) -> SupportService:
        """Support activities (辅导支援): history and visit records offline, the desk online."""
        from fieldapp.services.support import SupportService

        return self._service("support", SupportService)

    @property
    def quadrant_matrix(self) -> QuadrantMatrixService:
        """The quadrant matrix (online): the latest classification in scope, who moved."""
        from fieldapp.services.quadrant_matrix import QuadrantMatrixService

        return self._service("quadrant_matrix", QuadrantMatrixService)

    @property
    def cases(self) -> CaseService:
        """After-sales cases: a dealer's requests (offline) and the staff's desk (online)."""
        from fieldapp.services.cases import CaseService

        return self._service("cases", CaseService)

    @property
    def deliveries(self) -> DeliveryService:
        """A dealer's deliveries and their confirmation (offline)."""
        from fieldapp.services.deliveries import DeliveryService

        return self._service("deliveries", DeliveryService)

    @property
    def dealer_orders(self) -> DealerOrderService:
        """The orders addressed to a dealer: read offline, accepted / rejected / shipped online."""
        from fieldapp.services.dealer_orders import DealerOrderService

        return self._service("dealer_orders", DealerOrderService)

    @property
    def order_status(self) -> OrderStatusService:
        """The rep's order statuses, receipts at the visit and the dealers' overdue deliveries."""
        from fieldapp.services.order_status import OrderStatusService

        return self._service("order_status", OrderStatusService)

    @property
    def ledger(self) -> LedgerService:
        """Dealers' ledgers, monthly plans and contracts (online)."""
        from fieldapp.services.ledger import LedgerService

        return self._service("ledger", LedgerService)

    @property
    def meetings(self) -> MeetingService:
        """Meetings and decisions (Today's overdue ones offline), customer feedback."""
        from fieldapp.services.meetings import MeetingService

        return self._service("meetings", MeetingService)

    @property
    def display(self) -> DisplayChecks:
        """Display checks (陈列检查) and competitor reports (竞品上报) at a visit, offline."""
        from fieldapp.services.display_checks import DisplayChecks

        return self._service("display", DisplayChecks)

    @property
    def display_templates(self) -> TemplateEditor:
        """陈列模板: the manager's editor of display check templates (online)."""
        from fieldapp.services.display_templates import TemplateEditor

        return self._service("display_templates", TemplateEditor)

    @property
    def map(self) -> MapService:
        """Customers on the map: clusters per viewport, filters, near me, today's route."""
        from fieldapp.services.mapview import MapService

        return self._service("map", MapService)

    @property
    def geocoding(self) -> GeocodingService:
        """Locate from address (根据地址定位): the server's geocoder cache, online."""
        from fieldapp.services.geocoding import GeocodingService

        return self._service("geocoding", GeocodingService)
