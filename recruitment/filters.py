"""FilterSets of the recruitment API."""

import django_filters

from core.filters import date_range
from recruitment.models import InformationEvent, InitialVisit, PreparationCourse


def by_raa(raa_path: str) -> django_filters.CharFilter:
    """`?raa=SLUG`: the RAA the record belongs to."""
    return django_filters.CharFilter(field_name=f"{raa_path}__slug", help_text="slug of the RAA")


class InformationEventFilterSet(django_filters.FilterSet):
    raa = by_raa("raa")
    held_after, held_before = date_range("held")

    class Meta:
        model = InformationEvent
        fields = ["format", "hub"]


class InitialVisitFilterSet(django_filters.FilterSet):
    raa = by_raa("household__raa")
    visited_after, visited_before = date_range("visited")

    class Meta:
        model = InitialVisit
        fields = ["household"]


class PreparationCourseFilterSet(django_filters.FilterSet):
    raa = by_raa("raa")
    starts_after, starts_before = date_range("starts")

    class Meta:
        model = PreparationCourse
        fields = ["hub"]
