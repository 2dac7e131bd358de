import django_filters

from finance.models import HubBudget


class HubBudgetFilterSet(django_filters.FilterSet):
    class Meta:
        model = HubBudget
        fields = ["hub", "financial_year"]
