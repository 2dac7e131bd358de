"""FilterSets of the indicators API."""

import django_filters

from indicators.models import ReferenceValue


class ReferenceValueFilterSet(django_filters.FilterSet):
    class Meta:
        model = ReferenceValue
        fields = ["indicator", "kind", "period"]
