from django.contrib import admin

from agencies.admin import ScopedAdmin
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


@admin.register(SiblingGroup)
class SiblingGroupAdmin(ScopedAdmin):
    la_path = "la"
    list_display = ["reference", "la"]
    search_fields = ["reference"]


@admin.register(Child)
class ChildAdmin(ScopedAdmin):
    la_path = "la"
    child_level = True
    list_display = ["la_child_id", "la", "sex", "date_of_birth", "ethnicity", "disability"]
    list_filter = ["la", "sex", "disability", "ethnicity"]
    search_fields = ["la_child_id"]


class NoteInline(admin.TabularInline):
    model = JourneyNote
    extra = 0


@admin.register(Journey)
class JourneyAdmin(ScopedAdmin):
    la_path = "child__la"
    child_level = True
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
    raw_id_fields = ["child", "adopters"]
    inlines = [NoteInline]


@admin.register(AdopterHousehold)
class AdopterHouseholdAdmin(ScopedAdmin):
    la_path = "la"
    list_display = ["reference", "raa", "la", "registration", "approved", "withdrawn"]
    list_filter = ["raa", "la", "early_permanence", "approving_agency"]
    search_fields = ["reference"]


@admin.register(Link)
class LinkAdmin(ScopedAdmin):
    la_path = "journey__child__la"
    child_level = True
    list_display = ["journey", "household", "linked", "matched", "status"]
    list_filter = ["status"]
    raw_id_fields = ["journey", "household"]


@admin.register(Placement)
class PlacementAdmin(ScopedAdmin):
    la_path = "journey__child__la"
    child_level = True
    list_display = ["journey", "household", "placed", "moved_in", "ended", "end_reason", "source"]
    list_filter = ["end_reason", "source", "early_permanence"]
    raw_id_fields = ["journey", "household"]


@admin.register(Disruption)
class DisruptionAdmin(ScopedAdmin):
    la_path = "placement__journey__child__la"
    child_level = True
    list_display = ["placement", "meeting", "chair", "chair_independent", "report_completed"]
    raw_id_fields = ["placement"]


class ReadOnlyAdmin(ScopedAdmin):
    """Records written only by imports: readable, never edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ImportRecord)
class ImportRecordAdmin(ReadOnlyAdmin):
    la_path = "la"
    list_display = ["created", "la", "year", "user", "status"]
    list_filter = ["status", "year", "la"]


@admin.register(ReturnRow)
class ReturnRowAdmin(ReadOnlyAdmin):
    la_path = "la"
    child_level = True
    list_display = ["la", "year", "table", "child", "key"]
    list_filter = ["table", "year", "la"]
    search_fields = ["child"]
