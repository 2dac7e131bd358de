"""Admin page of the hubs' money (superusers only, docs/adr/0007-admin.md), through the finance
services."""

from django.contrib import admin

from agencies.admin_base import ServiceAdmin
from finance import services
from finance.models import HubBudget

VIA = "admin"


def hub_budget_create(hub_budget, *, user, **fields):
    return services.hub_budget_record(user=user, via=VIA, **fields)


def hub_budget_update(hub_budget, *, user, **fields):
    return services.hub_budget_update(user=user, hub_budget=hub_budget, via=VIA, **fields)


def hub_budget_delete(hub_budget, *, user):
    services.hub_budget_delete(user=user, hub_budget=hub_budget)


@admin.register(HubBudget)
class HubBudgetAdmin(ServiceAdmin):
    list_display = ["hub", "financial_year", "budget", "outturn"]
    list_filter = ["financial_year", "hub"]
    create_service = staticmethod(hub_budget_create)
    update_service = staticmethod(hub_budget_update)
    delete_service = staticmethod(hub_budget_delete)
