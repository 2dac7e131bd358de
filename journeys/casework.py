"""The steps a family finder records on a child's journey: for each, its form and the service
that records it. Pages (journeys/views.py) look steps up here; no step holds a rule of its own."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from journeys import casework_forms as forms
from journeys import services
from journeys.models import AdopterHousehold, Journey
from journeys.selectors import DISRUPTION_LEARNING_FIELDS, latest_disruption

NO_OPEN_PLACEMENT = "The child is not in an adoption placement."
NO_DISRUPTION = "No disruption is recorded for this child: record the disruption first."
NOT_LINKED = "{child} has no link with this household: record the link first."


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form: type[forms.JourneyStepForm]
    record: Callable  # (user, journey, cleaned data) -> None, calling services
    households: str | None = None  # "approved" or "linked": the form's household choices
    # The journey's fields as the form names them, so that a refusal sits on the right field.
    fields: dict[str, str] = field(default_factory=dict)


def _match(user, journey: Journey, data: dict) -> None:
    link = journey.links.filter(household=data["household"]).first()
    if link is None:
        raise ValidationError({"household": NOT_LINKED.format(child=journey.child.la_child_id)})
    services.match_record(user=user, link=link, matched=data["matched"], via="page")


def _disruption(user, journey: Journey, data: dict) -> None:
    placement = journey.placements.filter(ended__isnull=True).first()
    if placement is None:
        raise ValidationError({"ended": NO_OPEN_PLACEMENT})
    details = ("reason", "meeting", "chair", "chair_independent", "learning")
    services.disruption_record(
        user=user,
        placement=placement,
        ended=data["ended"],
        via="page",
        **{name: data[name] for name in details},
    )


def _disruption_learning(user, journey: Journey, data: dict) -> None:
    disruption = latest_disruption(journey)
    if disruption is None:
        raise ValidationError({"meeting": NO_DISRUPTION})
    services.disruption_update(
        user=user,
        disruption=disruption,
        via="page",
        **{name: data[name] for name in DISRUPTION_LEARNING_FIELDS},
    )


STEPS = {
    step.slug: step
    for step in (
        Step(
            "decision",
            "Record the decision that the child should be adopted",
            forms.DecisionForm,
            lambda user, j, d: services.decision_record(
                user=user, journey=j, decided=d["decided"], via="page"
            ),
            fields={"adm_decision": "decided"},
        ),
        Step(
            "placement-order",
            "Record the placement order",
            forms.PlacementOrderForm,
            lambda user, j, d: services.placement_order_record(
                user=user, journey=j, granted=d["granted"], via="page"
            ),
            fields={"placement_order": "granted"},
        ),
        Step(
            "link",
            "Link the child with a household",
            forms.LinkForm,
            lambda user, j, d: services.link_create(
                user=user, journey=j, household=d["household"], linked=d["linked"], via="page"
            ),
            households="approved",
        ),
        Step("match", "Record the match", forms.MatchForm, _match, households="linked"),
        Step(
            "placement",
            "Record the adoption placement",
            forms.PlacementForm,
            lambda user, j, d: services.placement_record(
                user=user,
                journey=j,
                placed=d["placed"],
                moved_in=d["moved_in"],
                source=d["source"],
                early_permanence=d["early_permanence"] or "",
                inter_agency_fee=d["inter_agency_fee"],
                via="page",
            ),
            fields={"moved_in_with_adopters": "moved_in"},
        ),
        Step("disruption", "Record a disruption", forms.DisruptionForm, _disruption),
        Step(
            "disruption-learning",
            "Record the disruption meeting, report and learning",
            forms.DisruptionLearningForm,
            _disruption_learning,
        ),
        Step(
            "application",
            "Record the adoption application",
            forms.ApplicationForm,
            lambda user, j, d: services.adoption_application_record(
                user=user, journey=j, applied=d["applied"], via="page"
            ),
            fields={"adoption_application": "applied"},
        ),
        Step(
            "order",
            "Record the adoption order",
            forms.OrderForm,
            lambda user, j, d: services.adoption_order_record(
                user=user, journey=j, granted=d["granted"], via="page"
            ),
            fields={"adoption_order": "granted", "ended": "granted"},  # the placement ends
        ),
        Step(
            "plan-ceased",
            "Record that the adoption plan ended",
            forms.PlanCeasedForm,
            lambda user, j, d: services.plan_cease(
                user=user, journey=j, decided=d["decided"], reason=d["reason"], via="page"
            ),
            fields={"plan_ceased": "decided", "plan_ceased_reason": "reason"},
        ),
        Step(
            "note",
            "Add a note or a reason for delay",
            forms.NoteForm,
            lambda user, j, d: services.note_add(
                user=user,
                journey=j,
                recorded_on=d["recorded_on"],
                delay_reason=d["delay_reason"],
                text=d["text"],
                via="page",
            ),
        ),
    )
}


def step_households(step: Step, journey: Journey, households: QuerySet[AdopterHousehold]):
    """The households a step's form offers: approved and not withdrawn for a link, those linked
    with the child for a match."""
    if step.households == "approved":
        return households.filter(approved__isnull=False, withdrawn__isnull=True)
    return households.filter(links__journey=journey).distinct()


def age_in_years(born: date, on: date) -> int:
    """Whole years of age on a day (a birthday counts on the day itself)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@dataclass
class Fit:
    """How a household fits what a child needs: the needs it meets, and why, for each."""

    household: AdopterHousehold
    met: list[str]
    unmet: list[str]

    @property
    def meets_every_need(self) -> bool:
        return not self.unmet


def household_fit(
    household: AdopterHousehold,
    *,
    age: int,
    children: int,
    disability: bool,
    early_permanence: bool,
) -> Fit:
    """Compare a household's approval (ages, siblings, disability, early permanence) with a
    child's needs."""
    met, unmet = [], []

    def need(ok: bool, reason: str) -> None:
        (met if ok else unmet).append(reason)

    need(
        household.age_min <= age <= household.age_max,
        f"considers ages {household.age_min} to {household.age_max}; the child is {age}",
    )
    need(
        children <= household.max_siblings,
        f"considers up to {household.max_siblings} children together; {children} to place",
    )
    if disability:
        need(household.considers_disability, "considers a disability")
    if early_permanence:
        need(household.early_permanence, "can offer early permanence")
    return Fit(household, met, unmet)


def households_ranked(households, **needs) -> list[Fit]:
    """Households ranked for a child: those meeting every need first, then by the number met,
    then the longest waiting since approval."""
    fits = [household_fit(household, **needs) for household in households]
    return sorted(
        fits,
        key=lambda fit: (len(fit.unmet), fit.household.approved or date.max, fit.household.pk),
    )
