"""FilterSets of the agencies API."""

import django_filters

from agencies.models import AuditEvent, ExternalAgency, Hub, LocalAuthority, RegionalAdoptionAgency
from core.filters import by_la, date_range, text_search


class RaaFilterSet(django_filters.FilterSet):
    search = text_search("name")

    class Meta:
        model = RegionalAdoptionAgency
        fields = ["slug"]


class LocalAuthorityFilterSet(django_filters.FilterSet):
    search = text_search("name")

    class Meta:
        model = LocalAuthority
        fields = ["code", "hub"]


class HubFilterSet(django_filters.FilterSet):
    search = text_search("name")

    class Meta:
        model = Hub
        fields = ["kind"]


class ExternalAgencyFilterSet(django_filters.FilterSet):
    search = text_search("name")

    class Meta:
        model = ExternalAgency
        fields = ["kind"]


class AuditEventFilterSet(django_filters.FilterSet):
    la, raa, hub = by_la("la")
    at_date_after, at_date_before = date_range("at__date")

    class Meta:
        model = AuditEvent
        fields = ["action", "model", "via"]
