"""Reads for agencies."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from agencies.models import AuditEvent, LocalAuthority
from agencies.scoping import AUDIT_TRAIL, access_for, scope_by_la

AUDIT_REFUSED = "The audit trail is for RAA managers."


def la_list(*, user) -> QuerySet[LocalAuthority]:
    """The LAs in the user's scope, by name: the LAs a form offers them."""
    return scope_by_la(LocalAuthority.objects.order_by("name"), access_for(user), "pk")


def audit_event_list(*, user):
    """The audit trail of the LAs in an RAA manager's scope (superusers: all)."""
    access = access_for(user)
    if access.is_superuser:
        return AuditEvent.objects.select_related("user", "la")
    if not access.can_read(AUDIT_TRAIL):
        raise PermissionDenied(AUDIT_REFUSED)
    return AuditEvent.objects.select_related("user", "la").filter(la__in=access.la_ids)
