"""REST endpoints for agencies (readable by every signed-in user) and the audit trail (RAA
managers, read-only)."""

from agencies.models import (
    AuditEvent,
    ExternalAgency,
    Hub,
    LocalAuthority,
    RegionalAdoptionAgency,
)
from agencies.selectors import audit_event_list
from agencies.serializers import (
    AuditEventSerializer,
    ExternalAgencySerializer,
    HubSerializer,
    LocalAuthoritySerializer,
    RaaSerializer,
)
from agencies.services import settings_save, superuser_save
from core.api_support import ScopedViewSet
from core.filters import filterset_for


def _everyone(model):
    return staticmethod(lambda user: model.objects.all())


class RaaViewSet(ScopedViewSet):
    """Regional adoption agencies."""

    serializer_class = RaaSerializer
    selector = _everyone(RegionalAdoptionAgency)
    create_service = staticmethod(
        lambda user, **fields: superuser_save(RegionalAdoptionAgency(), user=user, **fields)
    )
    update_service = staticmethod(
        lambda raa, user, **fields: settings_save(raa, user=user, raa_id=raa.pk, **fields)
    )
    filterset_class = filterset_for(
        RegionalAdoptionAgency, la_path=None, fields=["slug"], search=["name"]
    )
    ordering_fields = ["name", "go_live"]


class LocalAuthorityViewSet(ScopedViewSet):
    """Partner local authorities, with their RAA and hub."""

    serializer_class = LocalAuthoritySerializer
    selector = _everyone(LocalAuthority)
    create_service = staticmethod(
        lambda user, **fields: settings_save(
            LocalAuthority(), user=user, raa_id=getattr(fields.get("raa"), "pk", None), **fields
        )
    )
    update_service = staticmethod(
        lambda la, user, **fields: settings_save(la, user=user, raa_id=la.raa_id, **fields)
    )
    filterset_class = filterset_for(
        LocalAuthority, la_path=None, fields=["code", "hub"], search=["name"]
    )
    ordering_fields = ["name", "code"]


class HubViewSet(ScopedViewSet):
    """Hubs of an RAA (central or locality)."""

    serializer_class = HubSerializer
    selector = _everyone(Hub)
    create_service = staticmethod(
        lambda user, **fields: settings_save(Hub(), user=user, raa_id=fields["raa"].pk, **fields)
    )
    update_service = staticmethod(
        lambda hub, user, **fields: settings_save(hub, user=user, raa_id=hub.raa_id, **fields)
    )
    filterset_class = filterset_for(Hub, la_path=None, fields=["kind"], search=["name"])


class ExternalAgencyViewSet(ScopedViewSet):
    """Agencies outside the RAA that approve adopters (other RAAs and LAs, VAAs)."""

    serializer_class = ExternalAgencySerializer
    selector = _everyone(ExternalAgency)
    create_service = staticmethod(
        lambda user, **fields: settings_save(ExternalAgency(), user=user, raa_id=None, **fields)
    )
    update_service = staticmethod(
        lambda agency, user, **fields: settings_save(agency, user=user, raa_id=None, **fields)
    )
    filterset_class = filterset_for(ExternalAgency, la_path=None, fields=["kind"], search=["name"])


class AuditEventViewSet(ScopedViewSet):
    """Who read or changed which child-level record, and when (identifiers only)."""

    serializer_class = AuditEventSerializer
    selector = staticmethod(audit_event_list)
    filterset_class = filterset_for(
        AuditEvent, la_path="la", dates=["at__date"], fields=["action", "model", "via"]
    )
    ordering_fields = ["at"]
