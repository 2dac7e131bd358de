"""Writes for children, journeys, households, links, matches, placements and disruptions.

Every write checks the user's role and LA, validates (naming both dates when two contradict each
other) and is audited.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from agencies.audit import audited_delete, audited_save
from agencies.models import LocalAuthority
from agencies.scoping import CHILDREN, HOUSEHOLDS, require_write
from journeys.models import (
    AdopterHousehold,
    AdopterSource,
    Child,
    Disruption,
    EarlyPermanence,
    Journey,
    JourneyNote,
    Link,
    Placement,
    SiblingGroup,
)

PLACEMENT_OPEN = "The child is still in an adoption placement that began on {placed}."
NO_OPEN_PLACEMENT = "The journey has no adoption placement in progress."
LINK_NOT_MATCHED = "Record the match decision before placing the child."
ALREADY_ADOPTED = "The journey already has an adoption order."
PLACEMENT_ADOPTED = "The placement ended in an adoption order."
ALREADY_DISRUPTED = "The placement's disruption is already recorded."
PLACEMENT_FIELDS = ("household", "source", "inter_agency_fee", "early_permanence")


@transaction.atomic
def child_create(*, user, la: LocalAuthority, via: str = "", **fields) -> Child:
    """Record a child looked after by `la`."""
    require_write(user, CHILDREN, la.pk)
    return audited_save(Child(la=la, **fields), user=user, la_id=la.pk, via=via)


@transaction.atomic
def child_update(*, user, child: Child, via: str = "", **fields) -> Child:
    """Change a child's details."""
    require_write(user, CHILDREN, child.la_id)
    for name, value in fields.items():
        setattr(child, name, value)
    return audited_save(child, user=user, la_id=child.la_id, via=via)


@transaction.atomic
def sibling_group_create(*, user, la: LocalAuthority, reference: str, children=()) -> SiblingGroup:
    """Group brothers and sisters who are to be placed together."""
    require_write(user, CHILDREN, la.pk)
    group = SiblingGroup(la=la, reference=reference)
    group.full_clean()
    group.save()
    for child in children:
        child_update(user=user, child=child, sibling_group=group)
    return group


@transaction.atomic
def journey_create(*, user, child: Child, via: str = "", **dates) -> Journey:
    """Open an adoption journey (a period of care) for a child."""
    require_write(user, CHILDREN, child.la_id)
    return audited_save(Journey(child=child, **dates), user=user, la_id=child.la_id, via=via)


@transaction.atomic
def journey_update(*, user, journey: Journey, via: str = "", **fields) -> Journey:
    """Change a journey's dates or flags; contradictory dates are refused naming both."""
    require_write(user, CHILDREN, journey.child.la_id)
    for name, value in fields.items():
        setattr(journey, name, value)
    return audited_save(journey, user=user, la_id=journey.child.la_id, via=via)


@transaction.atomic
def journey_delete(*, user, journey: Journey, via: str = "") -> None:
    require_write(user, CHILDREN, journey.child.la_id)
    audited_delete(journey, user=user, la_id=journey.child.la_id, via=via)


def decision_record(*, user, journey: Journey, decided: date, via: str = "") -> Journey:
    """The agency decision maker decides the child should be placed for adoption."""
    return journey_update(user=user, journey=journey, adm_decision=decided, via=via)


def placement_order_record(*, user, journey: Journey, granted: date, via: str = "") -> Journey:
    """The court grants a placement order."""
    return journey_update(user=user, journey=journey, placement_order=granted, via=via)


def plan_cease(*, user, journey: Journey, decided: date, reason: str, via: str = "") -> Journey:
    """The child should no longer be placed for adoption (reason RD1–RD4)."""
    return journey_update(
        user=user, journey=journey, plan_ceased=decided, plan_ceased_reason=reason, via=via
    )


@transaction.atomic
def note_add(
    *,
    user,
    journey: Journey,
    recorded_on: date,
    delay_reason: str = "",
    text: str = "",
    via: str = "",
) -> JourneyNote:
    """Add a note (often the reason for delay) to a journey."""
    require_write(user, CHILDREN, journey.child.la_id)
    note = JourneyNote(
        journey=journey, recorded_on=recorded_on, delay_reason=delay_reason, text=text
    )
    return audited_save(note, user=user, la_id=journey.child.la_id, via=via)


@transaction.atomic
def household_create(*, user, via: str = "", **fields) -> AdopterHousehold:
    """Record a prospective adopter household."""
    la = fields.get("la")
    require_write(user, HOUSEHOLDS, la.pk if la else None)
    household = AdopterHousehold(**fields)
    household.full_clean()
    household.save()
    return household


@transaction.atomic
def household_update(*, user, household: AdopterHousehold, **fields) -> AdopterHousehold:
    """Move a household on through its stages, or change what it can consider."""
    require_write(user, HOUSEHOLDS, household.la_id)
    for name, value in fields.items():
        setattr(household, name, value)
    household.full_clean()
    household.save()
    return household


@transaction.atomic
def link_create(
    *, user, journey: Journey, household: AdopterHousehold, linked: date, via: str = ""
) -> Link:
    """Propose a household for a child."""
    require_write(user, CHILDREN, journey.child.la_id)
    link = Link(journey=journey, household=household, linked=linked)
    return audited_save(link, user=user, la_id=journey.child.la_id, via=via)


@transaction.atomic
def match_record(*, user, link: Link, matched: date, via: str = "") -> Link:
    """The agency decision maker matches the child with the linked household."""
    journey = link.journey
    link.matched = matched
    link.status = Link.Status.MATCHED
    audited_save(link, user=user, la_id=journey.child.la_id, via=via)
    journey_update(user=user, journey=journey, matched=matched, adopters=link.household, via=via)
    return link


@transaction.atomic
def placement_record(
    *,
    user,
    journey: Journey,
    placed: date,
    household: AdopterHousehold | None = None,
    moved_in: date | None = None,
    source: str = AdopterSource.OWN,
    inter_agency_fee: Decimal | None = None,
    early_permanence: str = EarlyPermanence.NONE,
    via: str = "",
) -> Placement:
    """Place the child for adoption. `moved_in` is earlier than `placed` when the carers were
    already fostering the child (foster-carer adoption or early permanence)."""
    require_write(user, CHILDREN, journey.child.la_id)
    if journey.adoption_order:
        raise ValidationError(ALREADY_ADOPTED)
    current = journey.placements.filter(ended__isnull=True).first()
    if current is not None:
        raise ValidationError({"placed": PLACEMENT_OPEN.format(placed=current.placed.isoformat())})
    placement = Placement(
        journey=journey,
        household=household or journey.adopters,
        placed=placed,
        moved_in=moved_in or placed,
        source=source,
        inter_agency_fee=inter_agency_fee,
        early_permanence=early_permanence,
    )
    audited_save(placement, user=user, la_id=journey.child.la_id, via=via)
    journey_update(
        user=user,
        journey=journey,
        placed=placement.placed,
        moved_in_with_adopters=placement.moved_in,
        adopters=placement.household,
        early_permanence=early_permanence,
        foster_carer_adoption=placement.moved_in < placement.placed and not early_permanence,
        via=via,
    )
    return placement


@transaction.atomic
def disruption_record(
    *, user, placement: Placement, ended: date, via: str = "", **details
) -> Disruption:
    """The placement ended before an adoption order. The child waits again; the journey keeps
    the disrupted match and placement dates until a new match replaces them."""
    journey = placement.journey
    require_write(user, CHILDREN, journey.child.la_id)
    if placement.end_reason == Placement.EndReason.ADOPTION_ORDER:
        raise ValidationError({"placement": PLACEMENT_ADOPTED})
    if Disruption.objects.filter(placement=placement).exists():
        raise ValidationError({"placement": ALREADY_DISRUPTED})
    placement.ended = ended
    placement.end_reason = Placement.EndReason.DISRUPTION
    audited_save(placement, user=user, la_id=journey.child.la_id, via=via)
    disruption = Disruption(placement=placement, **details)
    return audited_save(disruption, user=user, la_id=journey.child.la_id, via=via)


@transaction.atomic
def placement_update(*, user, placement: Placement, via: str = "", **fields) -> Placement:
    """Change who the adopters are, where they were approved, the fee or early permanence."""
    la_id = placement.journey.child.la_id
    require_write(user, CHILDREN, la_id)
    for name in set(fields) - set(PLACEMENT_FIELDS):
        raise ValidationError({name: f"Record {name} through the placement's own steps."})
    for name, value in fields.items():
        setattr(placement, name, value)
    return audited_save(placement, user=user, la_id=la_id, via=via)


@transaction.atomic
def disruption_update(*, user, disruption: Disruption, via: str = "", **fields) -> Disruption:
    """Complete a disruption's record: meeting, chair, report, learning (or correct its date)."""
    placement = disruption.placement
    la_id = placement.journey.child.la_id
    require_write(user, CHILDREN, la_id)
    ended = fields.pop("ended", None)
    if ended is not None and ended != placement.ended:
        placement.ended = ended
        audited_save(placement, user=user, la_id=la_id, via=via)
    for name, value in fields.items():
        setattr(disruption, name, value)
    return audited_save(disruption, user=user, la_id=la_id, via=via)


def adoption_application_record(*, user, journey: Journey, applied: date, via: str = "") -> Journey:
    """The adopters apply to court for the adoption order."""
    return journey_update(user=user, journey=journey, adoption_application=applied, via=via)


@transaction.atomic
def adoption_order_record(*, user, journey: Journey, granted: date, via: str = "") -> Journey:
    """The court grants the adoption order; the placement ends in adoption."""
    placement = journey.placements.filter(ended__isnull=True).first()
    if placement is None:
        raise ValidationError({"adoption_order": NO_OPEN_PLACEMENT})
    placement.ended = granted
    placement.end_reason = Placement.EndReason.ADOPTION_ORDER
    audited_save(placement, user=user, la_id=journey.child.la_id, via=via)
    return journey_update(user=user, journey=journey, adoption_order=granted, via=via)


NOT_A_SIBLING = "{child} is not an open journey of a brother or sister of {of}."


@transaction.atomic
def journey_step_record(*, user, record, journey: Journey, siblings=(), on_refusal=None) -> int:
    """Record one casework step on a journey and on the siblings' journeys chosen with it: all
    of them or none. `record(user, journey)` records it on one journey through its service;
    `on_refusal(journey, error)` hears which journey refused before nothing is kept. Return the
    number of children recorded."""
    group = journey.child.sibling_group_id
    for sibling in siblings:
        if group is None or sibling.child.sibling_group_id != group or sibling.pk == journey.pk:
            raise ValidationError(
                {
                    "siblings": NOT_A_SIBLING.format(
                        child=sibling.child.la_child_id, of=journey.child.la_child_id
                    )
                }
            )
    for each in [journey, *siblings]:
        try:
            record(user, each)
        except ValidationError as error:
            if on_refusal is not None:
                on_refusal(each, error)
            raise
    return 1 + len(siblings)
