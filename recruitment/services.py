"""Writes for recruitment: information events, initial visits and preparation courses, each
owned by an RAA (a visit through its household's RAA)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from agencies.audit import audited_save
from agencies.models import RegionalAdoptionAgency
from agencies.scoping import RECRUITMENT, require_raa
from journeys.models import AdopterHousehold
from recruitment.models import (
    ATTENDEE_OF_OTHER_RAA,
    InformationEvent,
    InitialVisit,
    PreparationCourse,
)

HOUSEHOLD_WITHOUT_RAA = "{household} is not recruited by an RAA, so no initial visit is recorded."
EVENT_FIELDS = ("hub", "held", "format", "title", "attendance")
COURSE_FIELDS = ("hub", "title", "starts", "ends")


def _require_raa(user, *raas: RegionalAdoptionAgency | None) -> None:
    require_raa(user, RECRUITMENT, *(("raa", raa) for raa in raas))


@transaction.atomic
def information_event_create(
    *, user, raa: RegionalAdoptionAgency, via: str = "", **fields
) -> InformationEvent:
    """Record an information event the user's RAA held."""
    _require_raa(user, raa)
    event = InformationEvent(raa=raa, **fields)
    return audited_save(event, user=user, la_id=None, via=via)


@transaction.atomic
def information_event_update(
    *, user, event: InformationEvent, via: str = "", **fields
) -> InformationEvent:
    """Correct an information event's date, format, hub or attendance."""
    _require_raa(user, event.raa)
    for name in set(fields) - set(EVENT_FIELDS):
        raise ValidationError({name: f"{name} cannot be changed here."})
    for name, value in fields.items():
        setattr(event, name, value)
    return audited_save(event, user=user, la_id=None, via=via)


def _require_household_raa(user, household: AdopterHousehold) -> None:
    if household.raa_id is None:
        raise ValidationError({"household": HOUSEHOLD_WITHOUT_RAA.format(household=household)})
    require_raa(user, RECRUITMENT, ("household", household.raa))


@transaction.atomic
def initial_visit_record(
    *, user, household: AdopterHousehold, visited: date, via: str = ""
) -> InitialVisit:
    """Record the initial visit to one of the RAA's enquiring households."""
    _require_household_raa(user, household)
    visit = InitialVisit(household=household, visited=visited)
    return audited_save(visit, user=user, la_id=household.la_id, via=via)


@transaction.atomic
def initial_visit_update(*, user, visit: InitialVisit, via: str = "", **fields) -> InitialVisit:
    """Correct the date of an initial visit, or the household it was to (both of the RAA)."""
    _require_household_raa(user, visit.household)
    if "household" in fields:
        _require_household_raa(user, fields["household"])
    for name, value in fields.items():
        setattr(visit, name, value)
    return audited_save(visit, user=user, la_id=visit.household.la_id, via=via)


def _require_attendees(course: PreparationCourse, attendees) -> None:
    others = [household for household in attendees if household.raa_id != course.raa_id]
    if others:
        raise ValidationError(
            {"attendees": [ATTENDEE_OF_OTHER_RAA.format(household=h) for h in others]}
        )


@transaction.atomic
def preparation_course_create(
    *, user, raa: RegionalAdoptionAgency, attendees=(), via: str = "", **fields
) -> PreparationCourse:
    """Record a preparation training course the RAA ran, and the households that attended."""
    _require_raa(user, raa)
    course = PreparationCourse(raa=raa, **fields)
    _require_attendees(course, attendees)
    audited_save(course, user=user, la_id=None, via=via)
    course.attendees.set(attendees)
    return course


@transaction.atomic
def preparation_course_update(
    *, user, course: PreparationCourse, attendees=None, via: str = "", **fields
) -> PreparationCourse:
    """Correct a course's dates or title, or who attended."""
    _require_raa(user, course.raa)
    for name in set(fields) - set(COURSE_FIELDS):
        raise ValidationError({name: f"{name} cannot be changed here."})
    for name, value in fields.items():
        setattr(course, name, value)
    audited_save(course, user=user, la_id=None, via=via)
    if attendees is not None:
        _require_attendees(course, attendees)
        course.attendees.set(attendees)
    return course
