"""Reads of recruitment records, scoped to the user's RAA."""

from django.db.models import Count, QuerySet

from agencies.scoping import RECRUITMENT, require_read
from journeys.models import AdopterHousehold
from recruitment.models import InformationEvent, InitialVisit, PreparationCourse


def _own_raa(queryset: QuerySet, user, raa_path: str) -> QuerySet:
    access = require_read(user, RECRUITMENT)
    if access.is_superuser:
        return queryset
    return queryset.filter(**{raa_path: access.raa_id})


def information_event_list(*, user) -> QuerySet[InformationEvent]:
    """Information events of the user's RAA."""
    return _own_raa(InformationEvent.objects.select_related("raa", "hub"), user, "raa_id")


def initial_visit_list(*, user) -> QuerySet[InitialVisit]:
    """Initial visits to households of the user's RAA."""
    visits = InitialVisit.objects.select_related("household__raa", "household__la")
    return _own_raa(visits, user, "household__raa_id")


def preparation_course_list(*, user) -> QuerySet[PreparationCourse]:
    """Preparation courses of the user's RAA, with their number of attendee households."""
    courses = PreparationCourse.objects.select_related("raa", "hub").annotate(
        attendee_count=Count("attendees", distinct=True)
    )
    return _own_raa(courses, user, "raa_id").order_by("-starts", "pk")


def recruitable_household_list(*, user) -> QuerySet[AdopterHousehold]:
    """The RAA's own households, not withdrawn: those a visit or a course can name."""
    households = AdopterHousehold.objects.filter(raa__isnull=False, withdrawn__isnull=True)
    return _own_raa(households.select_related("raa"), user, "raa_id").order_by("reference")
