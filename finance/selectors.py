"""Reads of the RAA's money, kept to the user's RAA."""

from django.db.models import QuerySet

from agencies.models import Hub
from agencies.scoping import FINANCE, require_read
from finance.models import HubBudget


def hub_budget_list(*, user) -> QuerySet[HubBudget]:
    """The budget records of the hubs of the user's RAA (every hub for superusers)."""
    access = require_read(user, FINANCE)
    budgets = HubBudget.objects.select_related("hub__raa")
    return budgets if access.is_superuser else budgets.filter(hub__raa_id=access.raa_id)


def finance_hub_list(*, user) -> QuerySet[Hub]:
    """The hubs whose money the user may keep."""
    access = require_read(user, FINANCE)
    hubs = Hub.objects.select_related("raa")
    return hubs if access.is_superuser else hubs.filter(raa_id=access.raa_id)
