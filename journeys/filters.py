"""FilterSets of the journeys API."""

import django_filters
from django.utils import timezone

from core.filters import by_la, date_range, text_search
from indicators.calculations.states import (
    STATUS_FILTERS,
    harder_to_place_waiting,
    journeys_with_status,
)
from journeys.models import (
    AdopterHousehold,
    Child,
    Disruption,
    ImportRecord,
    Journey,
    Link,
    Placement,
)


class ChildFilterSet(django_filters.FilterSet):
    la, raa, hub = by_la("la")
    date_of_birth_after, date_of_birth_before = date_range("date_of_birth")
    search = text_search("la_child_id", "first_name", "last_name")

    class Meta:
        model = Child
        fields = ["sex", "ethnicity", "disability"]


class JourneyFilterSet(django_filters.FilterSet):
    la, raa, hub = by_la("child__la")
    entered_care_after, entered_care_before = date_range("entered_care")
    adm_decision_after, adm_decision_before = date_range("adm_decision")
    placement_order_after, placement_order_before = date_range("placement_order")
    matched_after, matched_before = date_range("matched")
    placed_after, placed_before = date_range("placed")
    moved_in_with_adopters_after, moved_in_with_adopters_before = date_range(
        "moved_in_with_adopters"
    )
    adoption_application_after, adoption_application_before = date_range("adoption_application")
    adoption_order_after, adoption_order_before = date_range("adoption_order")
    plan_ceased_after, plan_ceased_before = date_range("plan_ceased")
    search = text_search("child__la_child_id")
    # The journey's status today, as its body gives it (one definition: states.journey_status_at).
    status = django_filters.ChoiceFilter(
        choices=[(s, s) for s in STATUS_FILTERS], method="by_status"
    )
    harder_to_place = django_filters.BooleanFilter(
        method="by_harder_to_place",
        help_text="waiting today and aged 5+, waiting with a sibling, disabled or not White "
        "British",
    )

    class Meta:
        model = Journey
        fields = ["early_permanence", "foster_carer_adoption", "source"]

    def by_status(self, queryset, _name, value):
        return journeys_with_status(queryset, value)

    def by_harder_to_place(self, queryset, _name, value):
        harder = harder_to_place_waiting(timezone.localdate())
        return queryset.filter(harder) if value else queryset.exclude(harder)


class HouseholdFilterSet(django_filters.FilterSet):
    la, raa, hub = by_la("la")
    enquiry_after, enquiry_before = date_range("enquiry")
    registration_after, registration_before = date_range("registration")
    stage2_start_after, stage2_start_before = date_range("stage2_start")
    approved_after, approved_before = date_range("approved")
    withdrawn_after, withdrawn_before = date_range("withdrawn")
    search = text_search("reference")

    class Meta:
        model = AdopterHousehold
        fields = ["early_permanence", "legal_status"]


class LinkFilterSet(django_filters.FilterSet):
    la, raa, hub = by_la("journey__child__la")
    linked_after, linked_before = date_range("linked")
    matched_after, matched_before = date_range("matched")

    class Meta:
        model = Link
        fields = ["status", "journey", "household"]


class PlacementFilterSet(django_filters.FilterSet):
    la, raa, hub = by_la("journey__child__la")
    placed_after, placed_before = date_range("placed")
    ended_after, ended_before = date_range("ended")

    class Meta:
        model = Placement
        fields = ["end_reason", "source", "journey"]


class DisruptionFilterSet(django_filters.FilterSet):
    la, raa, hub = by_la("placement__journey__child__la")
    placement_ended_after, placement_ended_before = date_range("placement__ended")
    meeting_after, meeting_before = date_range("meeting")

    class Meta:
        model = Disruption
        fields = ["chair_independent", "report_completed"]


class ImportRecordFilterSet(django_filters.FilterSet):
    la, raa, hub = by_la("la")

    class Meta:
        model = ImportRecord
        fields = ["year", "status"]
