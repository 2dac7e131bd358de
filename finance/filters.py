import django_filters

from finance.models import HubBudget


class HubBudgetFilterSet(django_filters.FilterSet):
    raa = django_filters.CharFilter(field_name="hub__raa__slug", help_text="slug of the RAA")

    class Meta:
        model = HubBudget
        fields = ["hub", "financial_year"]
