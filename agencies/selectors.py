"""Reads for agencies: LAs, staff roles and the audit trail, scoped through the role table."""

from django.db.models import QuerySet

from agencies.models import AuditEvent, LocalAuthority, StaffRole
from agencies.scoping import AUDIT_TRAIL, STAFF, access_for, require_read, scope_by_la


def la_list(*, user) -> QuerySet[LocalAuthority]:
    """The LAs in the user's scope, by name: the LAs a form offers them."""
    return scope_by_la(LocalAuthority.objects.order_by("name"), access_for(user), "pk")


def staff_role_list(*, user) -> QuerySet[StaffRole]:
    """The staff roles over the user's RAA or its LAs (superusers: all)."""
    access = require_read(user, STAFF)
    roles = StaffRole.objects.select_related("user", "raa", "la").order_by("user__username")
    if access.is_superuser:
        return roles
    return roles.filter(raa_id=access.raa_id) | roles.filter(la__raa_id=access.raa_id)


def staff_la_choices(*, user) -> QuerySet[LocalAuthority]:
    """The LAs a role may be given over: those of the user's RAA (superusers: all)."""
    require_read(user, STAFF)
    return la_list(user=user)


def audit_event_list(*, user) -> QuerySet[AuditEvent]:
    """The audit trail of the LAs in an RAA manager's scope (superusers: all)."""
    access = require_read(user, AUDIT_TRAIL)
    events = AuditEvent.objects.select_related("user", "la")
    return scope_by_la(events, access, "la")
