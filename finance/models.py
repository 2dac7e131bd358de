"""Money: each hub's budget and outturn by financial year (the RAA manager, or the finance lead
working under that role, keeps them)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from agencies.models import Hub
from core.dates import is_financial_year

NOT_A_FINANCIAL_YEAR = "A financial year is two years in a row, such as 2025-26."
NEGATIVE_MONEY = "An amount of money cannot be negative."


class HubBudget(models.Model):
    """A hub's budget for a financial year and, once the year is closed, what it spent."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="budgets")
    financial_year = models.CharField(max_length=7)
    budget = models.DecimalField(max_digits=12, decimal_places=2)
    outturn = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Blank until known."
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-financial_year", "hub__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "financial_year"], name="one_budget_a_hub_a_year"
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=0) & (Q(outturn__isnull=True) | Q(outturn__gte=0)),
                name="budget_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hub.name} {self.financial_year}"

    def clean(self) -> None:
        errors = {}
        if not is_financial_year(self.financial_year or ""):
            errors["financial_year"] = NOT_A_FINANCIAL_YEAR
        for name in ("budget", "outturn"):
            value = getattr(self, name)
            if value is not None and value < 0:
                errors[name] = NEGATIVE_MONEY
        if errors:
            raise ValidationError(errors)
