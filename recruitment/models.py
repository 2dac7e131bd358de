"""Adopter recruitment an RAA runs: information events, initial visits to enquiring households and
preparation training courses. Enquiries themselves are households (journeys.AdopterHousehold)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from agencies.models import Hub, RegionalAdoptionAgency
from journeys.date_rules import check_dates_possible
from journeys.models import AdopterHousehold

HUB_OF_OTHER_RAA = "The hub {hub} belongs to another RAA."
COURSE_ENDS_BEFORE_START = "The course cannot end before it starts."
ATTENDEE_OF_OTHER_RAA = "{household} is not one of this RAA's households."


class InformationEvent(models.Model):
    """An information event for people thinking of adopting: when, how held, how many came."""

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Online"

    raa = models.ForeignKey(
        RegionalAdoptionAgency, on_delete=models.PROTECT, related_name="information_events"
    )
    hub = models.ForeignKey(
        Hub, null=True, blank=True, on_delete=models.SET_NULL, related_name="information_events"
    )
    held = models.DateField("date held")
    format = models.CharField(max_length=10, choices=Format.choices)
    title = models.CharField(max_length=200, blank=True)
    attendance = models.PositiveIntegerField("people who attended", default=0)

    class Meta:
        ordering = ["-held", "pk"]
        indexes = [models.Index(fields=["held"])]

    def __str__(self) -> str:
        return f"{self.get_format_display()} information event on {self.held:%-d %b %Y}"

    def clean(self) -> None:
        check_dates_possible(self, ["held"])
        if self.hub_id and self.raa_id and self.hub.raa_id != self.raa_id:
            raise ValidationError({"hub": HUB_OF_OTHER_RAA.format(hub=self.hub)})


class InitialVisit(models.Model):
    """A social worker's first visit to an enquiring household, before registration of interest."""

    household = models.ForeignKey(
        AdopterHousehold, on_delete=models.CASCADE, related_name="initial_visits"
    )
    visited = models.DateField("date of the visit")

    class Meta:
        ordering = ["-visited", "pk"]
        indexes = [models.Index(fields=["visited"])]

    def __str__(self) -> str:
        return f"Initial visit to {self.household} on {self.visited:%-d %b %Y}"

    def clean(self) -> None:
        check_dates_possible(self, ["visited"])


class PreparationCourse(models.Model):
    """A preparation training course for prospective adopters, and the households that attended."""

    raa = models.ForeignKey(
        RegionalAdoptionAgency, on_delete=models.PROTECT, related_name="preparation_courses"
    )
    hub = models.ForeignKey(
        Hub, null=True, blank=True, on_delete=models.SET_NULL, related_name="preparation_courses"
    )
    title = models.CharField(max_length=200, blank=True)
    starts = models.DateField("first day")
    ends = models.DateField("last day")
    attendees = models.ManyToManyField(
        AdopterHousehold, blank=True, related_name="preparation_courses"
    )

    class Meta:
        ordering = ["-starts", "pk"]
        indexes = [models.Index(fields=["starts"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gte=F("starts")), name="preparation_course_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title or f"Preparation course from {self.starts:%-d %b %Y}"

    def clean(self) -> None:
        check_dates_possible(self, ["starts"])
        errors = {}
        if self.starts and self.ends and self.ends < self.starts:
            errors["ends"] = [COURSE_ENDS_BEFORE_START]
        if self.hub_id and self.raa_id and self.hub.raa_id != self.raa_id:
            errors["hub"] = [HUB_OF_OTHER_RAA.format(hub=self.hub)]
        if errors:
            raise ValidationError(errors)
