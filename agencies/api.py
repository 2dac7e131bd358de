"""REST endpoints for agencies (readable by every signed-in user) and the audit trail (RAA
managers, read-only)."""

from django.core.exceptions import PermissionDenied

from agencies.models import (
    AuditEvent,
    ExternalAgency,
    Hub,
    LocalAuthority,
    RegionalAdoptionAgency,
    Role,
)
from agencies.scoping import access_for
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

AUDIT_REFUSED = "The audit trail is for RAA managers."


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
        lambda raa, user, **fields: settings_save(raa, user=user, **fields)
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
        lambda user, **fields: settings_save(LocalAuthority(), user=user, **fields)
    )
    update_service = staticmethod(lambda la, user, **fields: settings_save(la, user=user, **fields))
    filterset_class = filterset_for(
        LocalAuthority, la_path=None, fields=["code", "hub"], search=["name"]
    )
    ordering_fields = ["name", "code"]


class HubViewSet(ScopedViewSet):
    """Hubs of an RAA (central or locality)."""

    serializer_class = HubSerializer
    selector = _everyone(Hub)
    create_service = staticmethod(lambda user, **fields: settings_save(Hub(), user=user, **fields))
    update_service = staticmethod(
        lambda hub, user, **fields: settings_save(hub, user=user, **fields)
    )
    filterset_class = filterset_for(Hub, la_path=None, fields=["kind"], search=["name"])


class ExternalAgencyViewSet(ScopedViewSet):
    """Agencies outside the RAA that approve adopters (other RAAs and LAs, VAAs)."""

    serializer_class = ExternalAgencySerializer
    selector = _everyone(ExternalAgency)
    create_service = staticmethod(
        lambda user, **fields: superuser_save(ExternalAgency(), user=user, **fields)
    )
    update_service = staticmethod(
        lambda agency, user, **fields: superuser_save(agency, user=user, **fields)
    )
    filterset_class = filterset_for(ExternalAgency, la_path=None, fields=["kind"], search=["name"])


def audit_event_list(*, user):
    """The audit trail of the LAs in an RAA manager's scope (superusers: all)."""
    access = access_for(user)
    if access.is_superuser:
        return AuditEvent.objects.select_related("user", "la")
    if access.role != Role.RAA_MANAGER:
        raise PermissionDenied(AUDIT_REFUSED)
    return AuditEvent.objects.select_related("user", "la").filter(la__in=access.la_ids)


class AuditEventViewSet(ScopedViewSet):
    """Who read or changed which child-level record, and when (identifiers only)."""

    serializer_class = AuditEventSerializer
    selector = staticmethod(audit_event_list)
    filterset_class = filterset_for(
        AuditEvent, la_path="la", dates=["at__date"], fields=["action", "model", "via"]
    )
    ordering_fields = ["at"]
