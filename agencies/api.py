"""REST endpoints for agencies (readable by every signed-in user) and the audit trail (RAA
managers, read-only)."""

from agencies import filters, selectors
from agencies.models import (
    ExternalAgency,
    Hub,
    LocalAuthority,
    RegionalAdoptionAgency,
)
from agencies.serializers import (
    AuditEventSerializer,
    ExternalAgencySerializer,
    HubSerializer,
    LocalAuthoritySerializer,
    RaaSerializer,
)
from agencies.services import raa_of, settings_save, superuser_save
from core.api_support import ScopedViewSet, takes


class SettingsViewSet(ScopedViewSet):
    """Agency records that every signed-in user reads, written through settings_save (or
    superuser_save), which is told the RAA the record belongs to."""

    create_service = settings_save
    update_service = settings_save
    record = "obj"

    def service_arguments(self, service, **arguments) -> dict:
        if takes(service, "raa_id"):
            arguments["raa_id"] = raa_of(arguments["obj"], arguments)
        return super().service_arguments(service, **arguments)


class RaaViewSet(SettingsViewSet):
    """Regional adoption agencies."""

    serializer_class = RaaSerializer
    queryset = RegionalAdoptionAgency.objects.all()
    create_service = superuser_save
    filterset_class = filters.RaaFilterSet
    ordering_fields = ["name", "go_live"]


class LocalAuthorityViewSet(SettingsViewSet):
    """Partner local authorities, with their RAA and hub."""

    serializer_class = LocalAuthoritySerializer
    queryset = LocalAuthority.objects.all()
    filterset_class = filters.LocalAuthorityFilterSet
    ordering_fields = ["name", "code"]


class HubViewSet(SettingsViewSet):
    """Hubs of an RAA (central or locality)."""

    serializer_class = HubSerializer
    queryset = Hub.objects.all()
    filterset_class = filters.HubFilterSet


class ExternalAgencyViewSet(SettingsViewSet):
    """Agencies outside the RAA that approve adopters (other RAAs and LAs, VAAs)."""

    serializer_class = ExternalAgencySerializer
    queryset = ExternalAgency.objects.all()
    filterset_class = filters.ExternalAgencyFilterSet


class AuditEventViewSet(ScopedViewSet):
    """Who read or changed which child-level record, and when (identifiers only)."""

    serializer_class = AuditEventSerializer
    selector = selectors.audit_event_list
    filterset_class = filters.AuditEventFilterSet
    ordering_fields = ["at"]
