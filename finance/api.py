"""REST endpoints of the RAA's money: hub budgets and outturns."""

from core.api_support import ScopedViewSet
from finance import filters, selectors, services
from finance.serializers import HubBudgetSerializer


class HubBudgetViewSet(ScopedViewSet):
    """Each hub's budget and outturn by financial year (RAA managers, in their own RAA)."""

    serializer_class = HubBudgetSerializer
    selector = selectors.hub_budget_list
    create_service = services.hub_budget_record
    update_service = services.hub_budget_update
    delete_service = services.hub_budget_delete
    record = "hub_budget"
    filterset_class = filters.HubBudgetFilterSet
    ordering_fields = ["financial_year"]
