"""Writes for children, journeys, households, links, matches, placements and disruptions.

Every write checks the user's role and LA, validates (naming both dates when two contradict each
other) and is audited.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from agencies.audit import audit_record, audited_delete, audited_save
from agencies.models import AuditEvent, LocalAuthority
from agencies.scoping import (
    CHILDREN,
    HOUSEHOLDS,
    PANELS,
    require_delete_all,
    require_move,
    require_owners,
    require_raa,
    require_write,
)
from core.changes import changing_in_bulk
from core.deletion import tree_delete
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
    adopter_source_for,
)
from journeys.selectors import child_possible_duplicates, household_list

PLACEMENT_OPEN = "The child is still in an adoption placement that began on {placed}."
NO_OPEN_PLACEMENT = "The journey has no adoption placement in progress."
LINK_NOT_MATCHED = "Record the match decision before placing the child."
ALREADY_ADOPTED = "The journey already has an adoption order."
PLACEMENT_ADOPTED = "The placement ended in an adoption order."
ALREADY_DISRUPTED = "The placement's disruption is already recorded."
MOVE_SIBLING_GROUP = (
    "The child is in sibling group {group} of {la}: take the child out of the group, or move "
    "the whole group, before moving the child."
)
SIBLING_OTHER_LA = "{child} is looked after by another local authority than the sibling group."
HOUSEHOLD_OUT_OF_SCOPE = "household: that household is not one you may see."
HOUSEHOLD_NEEDS_OWNER = "la: give the household's LA (your role covers one LA, not the RAA)."
PLACEMENT_FIELDS = ("household", "source", "inter_agency_fee", "early_permanence")
# A journey's fields that the match, placement and adoption-order steps (and the import) set,
# keeping each placement's records with them: read-only in the API and the admin.
JOURNEY_FIELDS_SET_BY_STEPS = (
    "matched",
    "placed",
    "moved_in_with_adopters",
    "adoption_order",
    "foster_carer_adoption",
    "adopters",
    "source",
    "imported_fields",
)
DUPLICATE_REFERENCE = "{la} already has a child with the reference {reference}: open their record."
POSSIBLE_DUPLICATE = (
    "A child with the same name and date of birth is already recorded ({children}): open their "
    "record, or confirm that this is a different child."
)
JOURNEY_OPEN = (
    "The child's journey that began on {entered} is still open: record its steps there, or end "
    "it (adoption order or plan ended) before starting another."
)
ENTERED_CARE_MISSING = "Enter the date the child entered care."
HEARD_FROM_MISSING = "Say how the household heard of the agency."
HOUSEHOLD_REFERENCE_TAKEN = "{raa} already has a household with the reference {reference}."
CHILDREN_KEPT = (
    "{la}'s children were not deleted: some are named in {records}, which are kept. Remove "
    "those records first."
)


@transaction.atomic
def child_create(*, user, la: LocalAuthority, via: str = "", **fields) -> Child:
    """Record a child looked after by `la`."""
    require_write(user, CHILDREN, la.pk)
    return audited_save(Child(la=la, **fields), user=user, la_id=la.pk, via=via)


@transaction.atomic
def child_add(
    *,
    user,
    la: LocalAuthority,
    la_child_id: str,
    sibling_group_reference: str = "",
    not_a_duplicate: bool = False,
    via: str = "",
    **fields,
) -> Child:
    """Add a child to the portal (joining, or starting, their sibling group in the LA), after
    making sure the child is not already recorded: the same LA reference is refused, the same
    name and date of birth needs `not_a_duplicate`."""
    require_write(user, CHILDREN, la.pk)
    if Child.objects.filter(la=la, la_child_id__iexact=la_child_id.strip()).exists():
        raise ValidationError(
            {"la_child_id": DUPLICATE_REFERENCE.format(la=la.name, reference=la_child_id)}
        )
    if not not_a_duplicate:
        same = child_possible_duplicates(
            user=user,
            first_name=fields.get("first_name", ""),
            last_name=fields.get("last_name", ""),
            date_of_birth=fields.get("date_of_birth"),
        )
        if same:
            children = ", ".join(str(child) for child in same)
            raise ValidationError({"not_a_duplicate": POSSIBLE_DUPLICATE.format(children=children)})
    group = None
    if sibling_group_reference.strip():
        group, _ = SiblingGroup.objects.get_or_create(
            la=la, reference=sibling_group_reference.strip()
        )
    return child_create(
        user=user, la=la, la_child_id=la_child_id.strip(), sibling_group=group, via=via, **fields
    )


@transaction.atomic
def child_update(*, user, child: Child, via: str = "", **fields) -> Child:
    """Change a child's details; a new LA goes through child_move."""
    require_write(user, CHILDREN, child.la_id)
    new_la = fields.pop("la", None)
    if new_la is not None and new_la.pk != child.la_id:
        child = child_move(user=user, child=child, to_la=new_la, via=via)
    for name, value in fields.items():
        setattr(child, name, value)
    return audited_save(child, user=user, la_id=child.la_id, via=via)


@transaction.atomic
def child_move(*, user, child: Child, to_la: LocalAuthority, via: str = "") -> Child:
    """Move a child's record to another LA (the child's care passed to it): for the roles the
    role table lets move children, over two LAs they both cover; recorded in both LAs' trails."""
    from_la = child.la
    require_move(user, CHILDREN, old_la=from_la, new_la=to_la)
    if child.sibling_group_id and child.sibling_group.la_id != to_la.pk:
        group = child.sibling_group
        raise ValidationError({"la": MOVE_SIBLING_GROUP.format(group=group.reference, la=group.la)})
    child.la = to_la
    child.full_clean()
    child.save()
    for la in (from_la, to_la):
        audit_record(
            user=user,
            action=AuditEvent.Action.UPDATE,
            model="child",
            object_ids=[child.pk],
            la_id=la.pk,
            via=via,
        )
    return child


@transaction.atomic
def sibling_group_create(*, user, la: LocalAuthority, reference: str, children=()) -> SiblingGroup:
    """Group brothers and sisters who are to be placed together."""
    require_write(user, CHILDREN, la.pk)
    for child in children:
        if child.la_id != la.pk:
            raise ValidationError({"children": SIBLING_OTHER_LA.format(child=child)})
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
def journey_start(
    *, user, child: Child, entered_care: date | None = None, via: str = "", **fields
) -> Journey:
    """Start a child's adoption journey from the day they entered care; a child has one open
    journey at a time."""
    require_write(user, CHILDREN, child.la_id)
    if entered_care is None:
        raise ValidationError({"entered_care": ENTERED_CARE_MISSING})
    current = child.journeys.filter(adoption_order__isnull=True, plan_ceased__isnull=True).first()
    if current is not None:
        entered = current.entered_care.isoformat() if current.entered_care else "an unknown date"
        raise ValidationError({"entered_care": JOURNEY_OPEN.format(entered=entered)})
    return journey_create(user=user, child=child, entered_care=entered_care, via=via, **fields)


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


@transaction.atomic
def la_children_delete(*, user, la: LocalAuthority, via: str = "") -> int:
    """Delete every child of an LA with their journeys, placements, links, notes and every other
    row that cascades from them, table by table without loading them: one audit event and one
    move of the figures of the LA (and of the LAs of the households its children were linked
    with, whose adopters' figures count the links, and the RAAs of the households they were
    placed with, which list the fees received), however many records; returns how many
    children."""
    require_delete_all(user, CHILDREN, la=la)
    children = Child.objects.filter(la=la)
    ids = list(children.values_list("pk", flat=True))
    linked = Link.objects.filter(journey__child__la=la).values_list("household__la_id", flat=True)
    placed = Placement.objects.filter(journey__child__la=la).values_list(
        "household__raa_id", flat=True
    )
    with changing_in_bulk(
        la_ids={la.pk, *linked.distinct()}, raa_ids=set(placed.distinct()) - {None}
    ):
        try:
            tree_delete(children)
        except ProtectedError as error:
            kept = sorted({str(row._meta.verbose_name_plural) for row in error.protected_objects})
            raise ValidationError(CHILDREN_KEPT.format(la=la, records=" and ".join(kept))) from None
    audit_record(
        user=user,
        action=AuditEvent.Action.DELETE,
        model="child",
        object_ids=ids,
        la_id=la.pk,
        via=via,
    )
    return len(ids)


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


def _require_household_owners(user, household: AdopterHousehold) -> None:
    """The user may write the household's LA and RAA; a household recorded under neither (approved
    elsewhere) is written by RAA-wide roles only."""
    access = require_owners(user, HOUSEHOLDS, ("la", household.la))
    require_raa(user, HOUSEHOLDS, ("raa", household.raa))
    if household.la_id is None and access.home_la_id is not None:
        raise PermissionDenied(HOUSEHOLD_NEEDS_OWNER)


def _require_household_visible(user, household: AdopterHousehold | None) -> None:
    """A record may point only at a household the user may see."""
    if household is not None and not household_list(user=user).filter(pk=household.pk).exists():
        raise PermissionDenied(HOUSEHOLD_OUT_OF_SCOPE)


@transaction.atomic
def household_create(*, user, via: str = "", **fields) -> AdopterHousehold:
    """Record a prospective adopter household under an LA and RAA the user may write."""
    household = AdopterHousehold(**fields)
    _require_household_owners(user, household)
    household.full_clean()
    household.save()
    return household


@transaction.atomic
def household_enquiry_record(
    *,
    user,
    la: LocalAuthority,
    reference: str,
    enquiry: date,
    heard_from: str,
    heard_from_detail: str = "",
    number_of_adopters: int = 2,
    via: str = "",
) -> AdopterHousehold:
    """Record a household's first enquiry to the RAA of `la`, and how they heard of it."""
    require_write(user, HOUSEHOLDS, la.pk)
    raa = la.raa
    if AdopterHousehold.objects.filter(raa=raa, reference__iexact=reference.strip()).exists():
        raise ValidationError(
            {"reference": HOUSEHOLD_REFERENCE_TAKEN.format(raa=raa, reference=reference)}
        )
    if not heard_from:
        raise ValidationError({"heard_from": HEARD_FROM_MISSING})
    household = AdopterHousehold(
        reference=reference.strip(),
        raa=raa,
        la=la,
        enquiry=enquiry,
        heard_from=heard_from,
        heard_from_detail=heard_from_detail,
        number_of_adopters=number_of_adopters,
    )
    return audited_save(household, user=user, la_id=la.pk, via=via)


@transaction.atomic
def household_update(*, user, household: AdopterHousehold, **fields) -> AdopterHousehold:
    """Move a household on through its stages, or change what it can consider; a new LA or RAA
    must be one the user may write, as the old one."""
    _require_household_owners(user, household)
    for name, value in fields.items():
        setattr(household, name, value)
    _require_household_owners(user, household)
    household.full_clean()
    household.save()
    return household


@transaction.atomic
def link_create(
    *, user, journey: Journey, household: AdopterHousehold, linked: date, via: str = ""
) -> Link:
    """Propose a household for a child."""
    require_write(user, CHILDREN, journey.child.la_id)
    _require_household_visible(user, household)
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
    source: str = "",
    inter_agency_fee: Decimal | None = None,
    early_permanence: str = EarlyPermanence.NONE,
    via: str = "",
) -> Placement:
    """Place the child for adoption. `moved_in` is earlier than `placed` when the carers were
    already fostering the child (foster-carer adoption or early permanence). Where the adopters
    were approved (`source`) follows the household's approving agency when not given."""
    require_write(user, CHILDREN, journey.child.la_id)
    _require_household_visible(user, household)
    household = household or journey.adopters
    if not source:
        raa_id = journey.child.la.raa_id
        source = adopter_source_for(household, raa_id) if household else AdopterSource.OWN
    if journey.adoption_order:
        raise ValidationError(ALREADY_ADOPTED)
    current = journey.placements.filter(ended__isnull=True).first()
    if current is not None:
        raise ValidationError({"placed": PLACEMENT_OPEN.format(placed=current.placed.isoformat())})
    placement = Placement(
        journey=journey,
        household=household,
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
    if "household" in fields and fields["household"] != placement.household:
        _require_household_visible(user, fields["household"])
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


# The record of a panel's decision. The agency decision on a panel item (panels/services.py)
# records the household's approval or the child's match; whoever writes panels for the record's
# LA and RAA may, since the decision is theirs to record.
APPROVAL_ON_RECORD = "The household's approval on {approved} is already on its record."
APPROVAL_IN_USE = (
    "Household {household} is matched with or placed with a child since its approval: record "
    "the end of that match or placement first."
)
MATCH_PLACED = (
    "The child was placed with household {household} on {placed}, after this match: the "
    "placement depends on it."
)


PANEL_RECORD_OUTSIDE = (
    "{record} is recorded by {owner}, outside your scope: a panel decision reaches only the "
    "records of your own agency."
)


def _require_panel_record(user, *, record, la, raa) -> None:
    """The user writes panels, over the record's LA and RAA."""
    access = require_write(user, PANELS)
    for owner, covered in ((la, access.covers), (raa, access.covers_raa)):
        if owner is not None and not covered(owner.pk):
            raise PermissionDenied(PANEL_RECORD_OUTSIDE.format(record=record, owner=owner))


@transaction.atomic
def household_panel_approval_record(
    *, user, household: AdopterHousehold, panel: date, approved: date, via: str = ""
) -> bool:
    """Record the household's approval by the agency decision after the panel of `panel`;
    False when its record already holds an approval (left as it is)."""
    _require_panel_record(user, record=f"Household {household}", la=household.la, raa=household.raa)
    _require_household_visible(user, household)
    if household.approved is not None:
        return False
    household.panel = household.panel or panel
    household.approved = approved
    audited_save(household, user=user, la_id=household.la_id, via=via)
    return True


@transaction.atomic
def household_panel_approval_undo(
    *, user, household: AdopterHousehold, panel: date, via: str = ""
) -> AdopterHousehold:
    """Take the approval a panel decision recorded off the household's record; refused once
    a child is matched or placed with the household."""
    _require_panel_record(user, record=f"Household {household}", la=household.la, raa=household.raa)
    if household.approved is not None and (
        household.links.filter(status=Link.Status.MATCHED, matched__gte=household.approved).exists()
        or household.placements.filter(placed__gte=household.approved).exists()
    ):
        raise ValidationError({"approved": APPROVAL_IN_USE.format(household=household)})
    if household.panel == panel:
        household.panel = None
    household.approved = None
    return audited_save(household, user=user, la_id=household.la_id, via=via)


@transaction.atomic
def match_panel_record(
    *,
    user,
    journey: Journey,
    household: AdopterHousehold,
    linked: date,
    matched: date,
    via: str = "",
) -> tuple[Link | None, bool]:
    """Record the child's match with the household by the agency decision on `matched`, on the
    household's link (made on `linked` when there is none). Returns the link and whether it was
    made here; (None, False) when the journey already holds that match (left as it is)."""
    la_id = journey.child.la_id
    _require_panel_record(user, record="The child", la=journey.child.la, raa=journey.child.la.raa)
    _require_household_visible(user, household)
    if journey.links.filter(household=household, status=Link.Status.MATCHED).exists():
        return None, False
    if journey.adoption_order:
        raise ValidationError(ALREADY_ADOPTED)
    current = journey.placements.filter(ended__isnull=True).first()
    if current is not None:
        raise ValidationError({"matched": PLACEMENT_OPEN.format(placed=current.placed.isoformat())})
    link = journey.links.filter(household=household).first()
    made = link is None
    if made:
        link = audited_save(
            Link(journey=journey, household=household, linked=min(linked, matched)),
            user=user,
            la_id=la_id,
            via=via,
        )
    link.matched = matched
    link.status = Link.Status.MATCHED
    audited_save(link, user=user, la_id=la_id, via=via)
    journey.matched = matched
    journey.adopters = household
    audited_save(journey, user=user, la_id=la_id, via=via)
    return link, made


@transaction.atomic
def match_panel_undo(*, user, link: Link, made: bool, via: str = "") -> Journey:
    """Take a match a panel decision recorded off the child's record (and the link, if the
    decision made it); the journey goes back to its earlier match, if any. Refused once the
    child is placed with the household after the match."""
    journey, link_pk = link.journey, link.pk
    la_id = journey.child.la_id
    _require_panel_record(user, record="The child", la=journey.child.la, raa=journey.child.la.raa)
    placed = journey.placements.filter(household=link.household)
    if link.matched is not None:
        placed = placed.filter(placed__gte=link.matched)
    if placed.exists():
        raise ValidationError(
            {
                "matched": MATCH_PLACED.format(
                    household=link.household, placed=placed.first().placed.isoformat()
                )
            }
        )
    if made:
        audited_delete(link, user=user, la_id=la_id, via=via)
    else:
        link.matched = None
        link.status = Link.Status.LINKED
        audited_save(link, user=user, la_id=la_id, via=via)
    earlier = (
        journey.links.filter(status=Link.Status.MATCHED).exclude(pk=link_pk).order_by("-matched")
    ).first()
    journey.matched = earlier.matched if earlier else None
    journey.adopters = earlier.household if earlier else None
    return audited_save(journey, user=user, la_id=la_id, via=via)
