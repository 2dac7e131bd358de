"""Reads of children, journeys and adopters, always through the user's role and LA scope."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from agencies.audit import audit_record
from agencies.models import AuditEvent
from agencies.scoping import CHILDREN, HOUSEHOLDS, IMPORTS, require_read, scope_by_la
from journeys.models import (
    AdopterHousehold,
    Child,
    Disruption,
    ImportRecord,
    Journey,
    Link,
    Placement,
)


def child_list(*, user) -> QuerySet[Child]:
    """Children the user may see."""
    access = require_read(user, CHILDREN)
    return scope_by_la(Child.objects.select_related("la", "sibling_group"), access, "la")


def child_get(*, user, pk: int, via: str = "page") -> Child:
    """One child the user may see; the read is audited."""
    child = get_object_or_404(child_list(user=user), pk=pk)
    audit_record(
        user=user,
        action=AuditEvent.Action.VIEW,
        model="child",
        object_ids=[pk],
        la_id=child.la_id,
        via=via,
    )
    return child


def journey_list(*, user) -> QuerySet[Journey]:
    """Journeys of the children the user may see."""
    access = require_read(user, CHILDREN)
    return scope_by_la(
        Journey.objects.select_related("child", "child__la", "adopters"), access, "child__la"
    )


def journey_get(*, user, pk: int, via: str = "page") -> Journey:
    """One journey the user may see, with its placements and notes; the read is audited."""
    journey = get_object_or_404(
        journey_list(user=user).prefetch_related("placements__disruption", "notes", "links"), pk=pk
    )
    audit_record(
        user=user,
        action=AuditEvent.Action.VIEW,
        model="journey",
        object_ids=[pk],
        la_id=journey.child.la_id,
        via=via,
    )
    return journey


def placement_list(*, user) -> QuerySet[Placement]:
    access = require_read(user, CHILDREN)
    return scope_by_la(
        Placement.objects.select_related("journey__child__la", "household"),
        access,
        "journey__child__la",
    )


def disruption_list(*, user) -> QuerySet[Disruption]:
    access = require_read(user, CHILDREN)
    return scope_by_la(
        Disruption.objects.select_related("placement__journey__child__la"),
        access,
        "placement__journey__child__la",
    )


def link_list(*, user) -> QuerySet[Link]:
    access = require_read(user, CHILDREN)
    return scope_by_la(
        Link.objects.select_related("journey__child__la", "household"), access, "journey__child__la"
    )


def household_list(*, user) -> QuerySet[AdopterHousehold]:
    """Households recorded under an LA or RAA in scope, or linked with a child in scope."""
    access = require_read(user, HOUSEHOLDS)
    households = AdopterHousehold.objects.select_related("raa", "la", "approving_agency")
    if access.la_ids is None:
        return households
    linked_in_scope = Link.objects.filter(
        household=OuterRef("pk"), journey__child__la__in=access.la_ids
    )
    visible = Q(la__in=access.la_ids) | Exists(linked_in_scope)
    if access.home_la_id is None and access.raa_id is not None:
        visible |= Q(raa_id=access.raa_id)
    return households.filter(visible)


def import_record_list(*, user) -> QuerySet[ImportRecord]:
    """SSDA903 imports of the LAs in the user's scope."""
    access = require_read(user, IMPORTS)
    return scope_by_la(ImportRecord.objects.select_related("la", "user"), access, "la")
