"""The steps a family finder records on a child's journey: for each, its form and the service
that records it. Pages (journeys/views.py) look steps up here; no step holds a rule of its own."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from indicators.calculations import states
from journeys import casework_forms as forms
from journeys import services
from journeys.models import AdopterHousehold, Journey, Link
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


# The steps that make sense at each status of a journey (states.journey_status_at): no placement
# order before the ADM decision, no match before a link, no placement before a match, no order
# before a placement; an ended journey takes notes only.
STEPS_AT = {
    states.IN_CARE: ("decision", "plan-ceased", "note"),
    states.DECIDED: ("placement-order", "link", "match", "plan-ceased", "note"),
    states.PLACEMENT_ORDER: ("link", "match", "plan-ceased", "note"),
    states.MATCHED: ("placement", "plan-ceased", "note"),
    states.PLACED: ("disruption", "application", "order", "note"),
    states.ADOPTED: ("note",),
    states.PLAN_CEASED: ("note",),
}


def journey_steps(journey: Journey, status: str | None) -> list[Step]:
    """The steps offered on a journey at its status: a match only once a link awaits it, the
    adoption application only once."""
    slugs = list(STEPS_AT.get(status, ("note",)))
    awaiting = any(link.status == Link.Status.LINKED for link in journey.links.all())
    if "match" in slugs and not awaiting:
        slugs.remove("match")
    if "application" in slugs and journey.adoption_application:
        slugs.remove("application")
    return [STEPS[slug] for slug in slugs]


NEXT_WORDS = {
    "adm_decision": ("The ADM decision that the child should be adopted", ""),
    "placement_order": ("The placement order (made by the court)", ""),
    "matched": ("A match with adopters", "121 days after the placement order"),
    "moved_in_with_adopters": (
        "Moving in with the adopters (the adoption placement)",
        "14 months after entering care",
    ),
    "adoption_order": ("The adoption application and the adoption order", ""),
}
WAITING = states.STATUS_FILTERS["waiting"]


def _day(day: date | None) -> str:
    return f"{day:%-d %B %Y}" if day else "a date not recorded"


def journey_now(journey: Journey, status: str | None) -> str:
    """Where the child is now, in plain words, from the journey's status today."""
    links = list(journey.links.all())
    awaiting = [link for link in links if link.status == Link.Status.LINKED]
    matched = [link for link in links if link.status == Link.Status.MATCHED]
    linked = (
        f" Linked with household {awaiting[-1].household} since {_day(awaiting[-1].linked)}, "
        "waiting for the match decision."
        if awaiting
        else ""
    )
    if status == states.ADOPTED:
        return f"Adopted: the adoption order was made on {_day(journey.adoption_order)}."
    if status == states.PLAN_CEASED:
        reason = journey.get_plan_ceased_reason_display()
        return f"The adoption plan ended on {_day(journey.plan_ceased)} ({reason})."
    if status == states.PLACED:
        adopters = f" with household {journey.adopters}" if journey.adopters else ""
        return f"Placed for adoption{adopters} since {_day(journey.placed)}."
    if status == states.MATCHED:
        household = f" with household {matched[-1].household}" if matched else ""
        return f"Matched{household} on {_day(journey.matched)}; not yet living with them."
    if status == states.PLACEMENT_ORDER:
        return (
            f"Waiting for a match: the placement order was made on "
            f"{_day(journey.placement_order)}.{linked}"
        )
    if status == states.DECIDED:
        return (
            f"Waiting: the ADM decided on {_day(journey.adm_decision)} that the child should be "
            f"adopted; no placement order yet.{linked}"
        )
    since = f" since {_day(journey.entered_care)}" if journey.entered_care else ""
    return f"In care{since}; no ADM decision yet."


def journey_next(journey: Journey, status: str | None, day: date) -> dict | None:
    """What comes next for the child and when it is due (states.next_milestone), with the day
    moving in is due for a child who waits; None once the journey has ended."""
    milestone = states.next_milestone(journey, status, day)
    if milestone is None:
        return None
    what, rule = NEXT_WORDS[milestone.field]
    if milestone.field == "adoption_order" and journey.adoption_application:
        what = "The adoption order"
    move_in = states.move_in_due(journey) if status in WAITING else None
    return {
        "what": what,
        "due": milestone.due,
        "rule": rule,
        "overdue": milestone.overdue,
        "move_in_due": move_in if milestone.field != "moved_in_with_adopters" else None,
        "move_in_overdue": move_in is not None and day > move_in,
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
