"""Writes of the RAA's money: hub budgets and outturns."""

from decimal import Decimal

from django.db import transaction

from agencies.audit import audited_save
from agencies.models import Hub
from agencies.scoping import FINANCE, require_raa
from finance.models import HubBudget


@transaction.atomic
def hub_budget_record(
    *,
    user,
    hub: Hub,
    financial_year: str,
    budget: Decimal,
    outturn: Decimal | None = None,
    notes: str = "",
    via: str = "",
) -> HubBudget:
    """Record a hub's budget (and outturn) for a year, or change the year's figures if set."""
    require_raa(user, FINANCE, ("hub", hub.raa))
    record = HubBudget.objects.filter(hub=hub, financial_year=financial_year).first()
    record = record or HubBudget(hub=hub, financial_year=financial_year)
    record.budget, record.outturn, record.notes = budget, outturn, notes
    return audited_save(record, user=user, la_id=None, via=via)


@transaction.atomic
def hub_budget_update(*, user, hub_budget: HubBudget, via: str = "", **fields) -> HubBudget:
    """Change a year's budget record; a new hub must be in the user's RAA as the old one is."""
    require_raa(user, FINANCE, ("hub", hub_budget.hub.raa))
    for name, value in fields.items():
        setattr(hub_budget, name, value)
    require_raa(user, FINANCE, ("hub", hub_budget.hub.raa))
    return audited_save(hub_budget, user=user, la_id=None, via=via)


@transaction.atomic
def hub_budget_delete(*, user, hub_budget: HubBudget) -> None:
    """Remove a year's budget record of a hub in the user's RAA."""
    require_raa(user, FINANCE, ("hub", hub_budget.hub.raa))
    hub_budget.delete()
