"""Reads of children, journeys and adopters, always through the user's role and LA scope."""

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils.text import capfirst

from agencies.audit import audited_view
from agencies.scoping import CHILDREN, HOUSEHOLDS, IMPORTS, require_read, scope_by_la
from indicators.calculations.states import (
    journey_open,
    matched_at,
    stage1_overdue_at,
    stage2_overdue_at,
    waiting_at,
    with_journey_status,
)
from journeys.models import (
    JOURNEY_DATES,
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
    audited_view(child, user=user, la_id=child.la_id, via=via)
    return child


def child_possible_duplicates(
    *, user, first_name: str, last_name: str, date_of_birth: date | None
) -> list[Child]:
    """Children in scope with the same first and last name and date of birth (names ignoring
    case); none when a name or the date is not given."""
    if not (first_name.strip() and last_name.strip() and date_of_birth):
        return []
    return list(
        child_list(user=user).filter(
            first_name__iexact=first_name.strip(),
            last_name__iexact=last_name.strip(),
            date_of_birth=date_of_birth,
        )
    )


def journey_list(*, user) -> QuerySet[Journey]:
    """Journeys of the children the user may see, each with its status today."""
    access = require_read(user, CHILDREN)
    journeys = with_journey_status(Journey.objects.select_related("child", "child__la", "adopters"))
    return scope_by_la(journeys, access, "child__la")


def _link_awaiting_match(on: date) -> Q:
    """A link made by `on`, not ended, with no match decision by then."""
    return (
        Q(linked__lte=on)
        & ~Q(status=Link.Status.ENDED)
        & (Q(matched__isnull=True) | Q(matched__gt=on))
    )


def waiting_without_link(*, user, on: date) -> QuerySet[Journey]:
    """Children waiting at `on` (states.waiting_at) with neither a link awaiting its match nor a
    match standing, the longest since the ADM decision first."""
    open_link = Link.objects.filter(_link_awaiting_match(on), journey=OuterRef("pk"))
    return (
        journey_list(user=user)
        .filter(waiting_at(on))
        .exclude(matched_at(on))
        .exclude(Exists(open_link))
        .order_by("adm_decision", "pk")
    )


def links_without_match(*, user, on: date) -> QuerySet[Link]:
    """Links made by `on` that await the ADM's match decision, on journeys still open, the
    oldest link first."""
    access = require_read(user, CHILDREN)
    links = Link.objects.filter(journey_open(on, "journey__"), _link_awaiting_match(on))
    links = links.select_related("journey__child__la", "household").order_by("linked", "pk")
    return scope_by_la(links, access, "journey__child__la")


def journey_get(*, user, pk: int, via: str = "page") -> Journey:
    """One journey the user may see, with its placements and notes; the read is audited."""
    journey = get_object_or_404(
        journey_list(user=user).prefetch_related(
            "placements__disruption",
            "placements__household",
            "notes",
            "links__household",
            "panel_items__meeting",
            "panel_items__decision",
        ),
        pk=pk,
    )
    audited_view(journey, user=user, la_id=journey.child.la_id, via=via)
    return journey


@dataclass(frozen=True)
class Event:
    day: date
    what: str
    detail: str = ""


def journey_timeline(journey: Journey) -> list[Event]:
    """The milestones, links, placements, disruptions and notes of a journey (fetched by
    journey_get), in date order."""
    events = [
        Event(
            getattr(journey, name),
            capfirst(Journey._meta.get_field(name).verbose_name),
            journey.get_plan_ceased_reason_display() if name == "plan_ceased" else "",
        )
        for name in JOURNEY_DATES
        if getattr(journey, name)
    ]
    for link in journey.links.all():
        events.append(Event(link.linked, f"Linked with household {link.household}"))
    for placement in journey.placements.all():
        household = f" with household {placement.household}" if placement.household else ""
        events.append(Event(placement.placed, f"Placement began{household}"))
        if placement.ended:
            events.append(
                Event(
                    placement.ended,
                    f"Placement ended: {placement.get_end_reason_display().lower()}",
                )
            )
        disruption = getattr(placement, "disruption", None)
        if disruption is not None and disruption.meeting:
            chair = " (independent chair)" if disruption.chair_independent else ""
            events.append(
                Event(disruption.meeting, f"Disruption meeting{chair}", disruption.learning)
            )
    for item in journey.panel_items.all():
        heard = item.get_recommendation_display().lower()
        events.append(
            Event(
                item.meeting.date,
                f"Panel: {item.get_business_type_display()}, {heard}",
                item.recommendation_reason,
            )
        )
        decision = getattr(item, "decision", None)
        if decision is not None:
            agreed = "agreed" if decision.agreed else "did not agree"
            days = f"{decision.working_days} working days after the panel"
            events.append(Event(decision.decided, f"Agency decision maker {agreed} ({days})"))
    for note in journey.notes.all():
        reason = f": {note.get_delay_reason_display()}" if note.delay_reason else ""
        events.append(Event(note.recorded_on, f"Note{reason}", note.text))
    return sorted(events, key=lambda event: event.day)


def sibling_journeys(*, user, journey: Journey) -> QuerySet[Journey]:
    """The open journeys of the child's brothers and sisters (same sibling group) in scope."""
    group = journey.child.sibling_group_id
    if group is None:
        return Journey.objects.none()
    return (
        journey_list(user=user)
        .filter(child__sibling_group=group, adoption_order__isnull=True, plan_ceased__isnull=True)
        .exclude(child=journey.child)
        .order_by("child__date_of_birth", "pk")
    )


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


def match_list(*, user) -> QuerySet[Link]:
    """Links on which the agency decision maker has decided."""
    return link_list(user=user).filter(matched__isnull=False)


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


PIPELINE_STAGES = (
    "enquiry",
    "Stage 1",
    "Stage 2",
    "panel",
    "approved",
    "matched",
    "placed",
    "withdrawn",
)


def _pipeline_stage(on: date) -> Case:
    """A household's stage at `on`, the furthest it has reached (withdrawn ends it)."""
    matched = Exists(Link.objects.filter(household=OuterRef("pk"), matched__lte=on))
    placed = Exists(Placement.objects.filter(household=OuterRef("pk"), placed__lte=on))
    approved = Q(approved__isnull=False, approved__lte=on)
    return Case(
        When(withdrawn__isnull=False, withdrawn__lte=on, then=Value("withdrawn")),
        When(approved & placed, then=Value("placed")),
        When(approved & matched, then=Value("matched")),
        When(approved, then=Value("approved")),
        When(panel__isnull=False, then=Value("panel")),
        When(stage2_start__isnull=False, then=Value("Stage 2")),
        When(registration__isnull=False, then=Value("Stage 1")),
        default=Value("enquiry"),
        output_field=CharField(),
    )


def household_pipeline(*, user, on: date) -> QuerySet[AdopterHousehold]:
    """The RAA's own households in scope (not those approved by other agencies, which are
    recorded only for their placements), each with `pipeline_stage` at `on` and the
    `stage1_overdue` and `stage2_overdue` flags (the statutory two and four months)."""
    access = require_read(user, HOUSEHOLDS)
    households = household_list(user=user).filter(approving_agency__isnull=True)
    if access.raa_id is not None:
        households = households.filter(raa_id=access.raa_id)
    return households.select_related("la__hub").annotate(
        pipeline_stage=_pipeline_stage(on),
        stage1_overdue=Q(stage1_overdue_at(on)),
        stage2_overdue=Q(stage2_overdue_at(on)),
    )


def pipeline_counts(households: QuerySet[AdopterHousehold]) -> dict[str, int]:
    """How many of `households` (from household_pipeline) are at each stage, in stage order."""
    counts = dict(households.order_by().values_list("pipeline_stage").annotate(number=Count("pk")))
    return {stage: counts.get(stage, 0) for stage in PIPELINE_STAGES}


def import_record_list(*, user) -> QuerySet[ImportRecord]:
    """SSDA903 imports of the LAs in the user's scope."""
    access = require_read(user, IMPORTS)
    return scope_by_la(ImportRecord.objects.select_related("la", "user"), access, "la")


# What is recorded after a disruption: the meeting, its chair, the report and the learning.
DISRUPTION_LEARNING_FIELDS = (
    "meeting",
    "chair",
    "chair_independent",
    "report_received",
    "learning",
)


def latest_disruption(journey: Journey) -> Disruption | None:
    """The disruption of the journey's latest disrupted placement, if any (the caller has already
    read the journey through a scoped selector)."""
    return (
        Disruption.objects.filter(placement__journey=journey)
        .select_related("placement")
        .order_by("-placement__ended", "-pk")
        .first()
    )
