"""Admin pages of children's records (superusers only, docs/adr/0007-admin.md). Records are
made on the pages and by the API; the admin corrects them through the same services, and shows
the milestones that the link, match, placement and order steps derive as read-only."""

from django.contrib import admin

from agencies.admin_base import ReadOnlyInline, ServiceAdmin
from journeys import services
from journeys.models import (
    AdopterHousehold,
    Child,
    Disruption,
    ImportRecord,
    Journey,
    JourneyNote,
    Link,
    Placement,
    ReturnRow,
    SiblingGroup,
)

VIA = "admin"


def child_update(child, *, user, **fields):
    return services.child_update(user=user, child=child, via=VIA, **fields)


def journey_update(journey, *, user, **fields):
    return services.journey_update(user=user, journey=journey, via=VIA, **fields)


def journey_delete(journey, *, user):
    services.journey_delete(user=user, journey=journey, via=VIA)


def household_update(household, *, user, **fields):
    return services.household_update(user=user, household=household, **fields)


def placement_update(placement, *, user, **fields):
    return services.placement_update(user=user, placement=placement, via=VIA, **fields)


def disruption_update(disruption, *, user, **fields):
    return services.disruption_update(user=user, disruption=disruption, via=VIA, **fields)


@admin.register(SiblingGroup)
class SiblingGroupAdmin(ServiceAdmin):
    la_path = "la"
    list_display = ["reference", "la"]
    search_fields = ["reference"]


@admin.register(Child)
class ChildAdmin(ServiceAdmin):
    la_path = "la"
    list_display = ["la_child_id", "la", "sex", "date_of_birth", "ethnicity", "disability"]
    list_filter = ["la", "sex", "disability", "ethnicity"]
    search_fields = ["la_child_id"]
    # Moving a child to another LA is not a correction (issue 15: a separate, audited move).
    readonly_fields = ["la", "sibling_group"]
    update_service = staticmethod(child_update)


class NoteInline(ReadOnlyInline):
    model = JourneyNote


@admin.register(Journey)
class JourneyAdmin(ServiceAdmin):
    la_path = "child__la"
    list_display = [
        "child",
        "entered_care",
        "adm_decision",
        "placement_order",
        "matched",
        "placed",
        "adoption_order",
        "plan_ceased",
    ]
    list_filter = ["child__la", "early_permanence", "foster_carer_adoption", "source"]
    search_fields = ["child__la_child_id"]
    date_hierarchy = "adoption_order"
    readonly_fields = ["child", *services.JOURNEY_FIELDS_SET_BY_STEPS]
    inlines = [NoteInline]
    update_service = staticmethod(journey_update)
    delete_service = staticmethod(journey_delete)


@admin.register(AdopterHousehold)
class AdopterHouseholdAdmin(ServiceAdmin):
    la_path = "la"
    list_display = ["reference", "raa", "la", "registration", "approved", "withdrawn"]
    list_filter = ["raa", "la", "early_permanence", "approving_agency"]
    search_fields = ["reference"]
    readonly_fields = ["raa", "la"]
    update_service = staticmethod(household_update)


@admin.register(Link)
class LinkAdmin(ServiceAdmin):
    la_path = "journey__child__la"
    list_display = ["journey", "household", "linked", "matched", "status"]
    list_filter = ["status"]


@admin.register(Placement)
class PlacementAdmin(ServiceAdmin):
    la_path = "journey__child__la"
    list_display = ["journey", "household", "placed", "moved_in", "ended", "end_reason", "source"]
    list_filter = ["end_reason", "source", "early_permanence"]
    fields = ["journey", "placed", "moved_in", "ended", "end_reason", *services.PLACEMENT_FIELDS]
    readonly_fields = ["journey", "placed", "moved_in", "ended", "end_reason"]
    autocomplete_fields = ["household"]
    update_service = staticmethod(placement_update)


@admin.register(Disruption)
class DisruptionAdmin(ServiceAdmin):
    la_path = "placement__journey__child__la"
    list_display = ["placement", "meeting", "chair", "chair_independent", "report_completed"]
    readonly_fields = ["placement"]
    update_service = staticmethod(disruption_update)


@admin.register(ImportRecord)
class ImportRecordAdmin(ServiceAdmin):
    la_path = "la"
    list_display = ["created", "la", "year", "user", "status"]
    list_filter = ["status", "year", "la"]


@admin.register(ReturnRow)
class ReturnRowAdmin(ServiceAdmin):
    la_path = "la"
    list_display = ["la", "year", "table", "child", "key"]
    list_filter = ["table", "year", "la"]
    search_fields = ["child"]
