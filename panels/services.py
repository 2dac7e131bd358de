"""Writes for panels: meetings, attendance, items, recommendations and agency decisions."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from agencies.audit import audited_delete, audited_save
from agencies.models import RegionalAdoptionAgency
from agencies.scoping import PANELS, require_owners, require_raa
from agencies.services import settings_save
from core.changes import figures_changed
from indicators.calculations.states import quorum_missing, quorum_needed, quorum_rule_for
from journeys import services as journeys
from journeys.models import AdopterHousehold, Journey
from journeys.selectors import household_list
from panels.models import (
    AgencyDecision,
    Attendance,
    Meeting,
    Panel,
    PanelItem,
    PanelMember,
    QuorumRule,
)
from panels.working_days import working_days_between

DECISION_BEFORE_PANEL = "The decision ({decided}) cannot be before the panel meeting ({meeting})."
NOT_HEARD = "The panel has not made a recommendation on this item yet."
DECISION_ON_DEFERRED = (
    "The panel deferred this item: the agency decision follows its hearing at the later meeting."
)
DISAGREEMENT_NEEDS_REASON = "Give the reason the decision differs from the panel's recommendation"
AGREED_CONTRADICTS = "Whether the decision agrees with the panel follows from what it decides."
DEFER_OTHER_RAA = "Choose a meeting of your RAA's panels."
DEFER_NOT_LATER = "Choose a meeting after this one ({meeting})."
DEFER_HEARD = "The panel has already made its recommendation on this item: it cannot be deferred."
MEMBER_OF_OTHER_PANEL = "{member} is not a member of {panel}."


@dataclass
class Quorum:
    quorate: bool
    present: int
    needed: int
    missing: list[str] = field(default_factory=list)


HOUSEHOLD_OUT_OF_SCOPE = "household: that household is not one you may see."


def _require(user, panel: Panel) -> None:
    """The user writes panels, and this panel is of their RAA."""
    require_raa(user, PANELS, ("raa", panel.raa if panel.raa_id else None))


def quorum_check(*, meeting: Meeting) -> Quorum:
    """Whether the members attending make a quorum under the RAA's rule (kept as data)."""
    rule = quorum_rule_for(meeting.panel.raa_id)
    roles = list(meeting.attendees.values_list("role", flat=True))
    missing = quorum_missing(rule=rule, joint=meeting.panel.joint, roles=roles)
    needed = quorum_needed(rule=rule, joint=meeting.panel.joint)
    return Quorum(quorate=not missing, present=len(roles), needed=needed, missing=missing)


@transaction.atomic
def meeting_schedule(*, user, panel: Panel, on: date) -> Meeting:
    """Put a panel meeting in the calendar."""
    _require(user, panel)
    meeting = Meeting(panel=panel, date=on)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def attendance_record(*, user, meeting: Meeting, members: list[PanelMember]) -> Quorum:
    """Record who attended (replacing any earlier record) and return the quorum check."""
    _require(user, meeting.panel)
    for member in members:
        if member.panel_id != meeting.panel_id:
            raise ValidationError(
                {"members": MEMBER_OF_OTHER_PANEL.format(member=member, panel=meeting.panel)}
            )
    meeting.attendance.all().delete()
    Attendance.objects.bulk_create(Attendance(meeting=meeting, member=m) for m in members)
    figures_changed(raa_ids={meeting.panel.raa_id})  # a bulk write sends no signals
    return quorum_check(meeting=meeting)


@transaction.atomic
def item_add(
    *,
    user,
    meeting: Meeting,
    business_type: str,
    journey: Journey | None = None,
    household: AdopterHousehold | None = None,
    papers_received: date | None = None,
) -> PanelItem:
    """Put a child of the panel's RAA (in the user's scope) or a household the user may see on a
    meeting's agenda."""
    _require(user, meeting.panel)
    if journey is not None:
        require_owners(user, PANELS, ("journey", journey.child.la))
        require_raa(user, PANELS, ("journey", journey.child.la.raa))
    if household is not None and not household_list(user=user).filter(pk=household.pk).exists():
        raise PermissionDenied(HOUSEHOLD_OUT_OF_SCOPE)
    item = PanelItem(
        meeting=meeting,
        business_type=business_type,
        journey=journey,
        household=household,
        papers_received=papers_received,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def recommendation_record(
    *, user, item: PanelItem, recommendation: str, reason: str = ""
) -> PanelItem:
    """The panel's recommendation on an item (a deferral needs a reason)."""
    _require(user, item.meeting.panel)
    item.recommendation = recommendation
    item.recommendation_reason = reason
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def item_papers_record(*, user, item: PanelItem, received: date) -> PanelItem:
    """The date the panel's papers for an item were received."""
    _require(user, item.meeting.panel)
    item.papers_received = received
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def item_defer(*, user, item: PanelItem, to_meeting: Meeting, reason: str) -> PanelItem:
    """The panel defers an item to a later meeting of the RAA's panels, giving its reason; the
    item goes on that meeting's agenda. Returns the later meeting's item."""
    _require(user, item.meeting.panel)
    _require(user, to_meeting.panel)
    if to_meeting.panel.raa_id != item.meeting.panel.raa_id:
        raise ValidationError({"to_meeting": DEFER_OTHER_RAA})
    if to_meeting.date <= item.meeting.date:
        raise ValidationError(
            {"to_meeting": DEFER_NOT_LATER.format(meeting=item.meeting.date.isoformat())}
        )
    if item.recommendation:
        raise ValidationError({"to_meeting": DEFER_HEARD})
    item.recommendation = PanelItem.Recommendation.DEFERRED
    item.recommendation_reason = reason
    item.deferred_to = to_meeting
    item.full_clean()
    item.save()
    return item_add(
        user=user,
        meeting=to_meeting,
        business_type=item.business_type,
        journey=item.journey,
        household=item.household,
        papers_received=item.papers_received,
    )


@transaction.atomic
def agency_decision_record(
    *,
    user,
    item: PanelItem,
    decision_maker: str,
    decided: date,
    agreed: bool | None = None,
    approves: bool | None = None,
    reason: str = "",
    via: str = "",
) -> AgencyDecision:
    """The agency decision maker's decision, with its working days since the panel. Give
    whether it approves (the household, or the match) or whether it agrees with the panel:
    each follows from the other and the recommendation. An approval or a match is recorded on
    the household's or the child's record; a decision against the panel needs its reason."""
    _require(user, item.meeting.panel)
    if not item.recommendation:
        raise ValidationError({"item": NOT_HEARD})
    if item.recommendation == PanelItem.Recommendation.DEFERRED:
        raise ValidationError({"item": DECISION_ON_DEFERRED})
    recommended = item.recommendation == PanelItem.Recommendation.RECOMMENDED
    if approves is None:
        approves = recommended == (True if agreed is None else agreed)
    elif agreed is not None and agreed != (approves == recommended):
        raise ValidationError({"agreed": AGREED_CONTRADICTS})
    decision = AgencyDecision(
        item=item,
        decision_maker=decision_maker,
        approves=approves,
        agreed=approves == recommended,
        reason=reason.strip(),
    )
    _require_reason(decision)
    _decision_date(decision, decided=decided)
    _effect_record(decision, user=user, via=via)
    return audited_save(decision, user=user, la_id=_la_id(item), via=via)


def _la_id(item: PanelItem) -> int | None:
    if item.journey_id:
        return item.journey.child.la_id
    return item.household.la_id if item.household_id else None


def _require_reason(decision: AgencyDecision) -> None:
    if not decision.agreed and not decision.reason:
        raise ValidationError({"reason": DISAGREEMENT_NEEDS_REASON})


def _effect_record(decision: AgencyDecision, *, user, via: str) -> None:
    """Record an approving decision's approval or match on the household's or child's record
    (through the journeys services) and remember what it recorded, so that undoing it undoes
    exactly that."""
    item = decision.item
    decision.effect, decision.link = AgencyDecision.Effect.NONE, None
    if not decision.approves or not item.household_id:
        return
    kind = item.business_type
    if kind == PanelItem.BusinessType.ADOPTER_APPROVAL:
        recorded = journeys.household_panel_approval_record(
            user=user,
            household=item.household,
            panel=item.meeting.date,
            approved=decision.decided,
            via=via,
        )
        decision.effect = (
            AgencyDecision.Effect.APPROVAL if recorded else AgencyDecision.Effect.ALREADY_RECORDED
        )
    elif kind == PanelItem.BusinessType.MATCH and item.journey_id:
        link, made = journeys.match_panel_record(
            user=user,
            journey=item.journey,
            household=item.household,
            linked=item.meeting.date,
            matched=decision.decided,
            via=via,
        )
        if link is None:
            decision.effect = AgencyDecision.Effect.ALREADY_RECORDED
        else:
            decision.link = link
            decision.effect = (
                AgencyDecision.Effect.MATCH_NEW_LINK if made else AgencyDecision.Effect.MATCH
            )


def _effect_undo(decision: AgencyDecision, *, user, via: str) -> None:
    """Undo what the decision recorded on the household's or child's record (refused, naming
    why, when a later step depends on it)."""
    item, effect = decision.item, decision.effect
    if effect == AgencyDecision.Effect.APPROVAL:
        journeys.household_panel_approval_undo(
            user=user, household=item.household, panel=item.meeting.date, via=via
        )
    elif decision.link is not None:
        made = effect == AgencyDecision.Effect.MATCH_NEW_LINK
        journeys.match_panel_undo(user=user, link=decision.link, made=made, via=via)
    decision.effect, decision.link = AgencyDecision.Effect.NONE, None


def _decision_date(decision: AgencyDecision, *, decided: date) -> None:
    """Date the decision and count its working days since the panel (never one without the
    other), and check it."""
    meeting = decision.item.meeting
    if decided < meeting.date:
        raise ValidationError(
            {
                "decided": DECISION_BEFORE_PANEL.format(
                    decided=decided.isoformat(), meeting=meeting.date.isoformat()
                )
            }
        )
    decision.decided = decided
    decision.working_days = working_days_between(meeting.date, decided)
    decision.full_clean()


@transaction.atomic
def agency_decision_update(
    *, user, decision: AgencyDecision, via: str = "", **fields
) -> AgencyDecision:
    """Correct an agency decision: who made it, whether it approves (or agrees with the panel),
    its reason, or its date (and so its working days). What it recorded on the household's or
    child's record is undone and recorded again as corrected."""
    _require(user, decision.item.meeting.panel)
    decided = fields.pop("decided", decision.decided)
    for name in set(fields) - {"decision_maker", "agreed", "approves", "reason"}:
        raise ValidationError({name: f"The decision's {name} is not changed here."})
    recommended = decision.item.recommendation == PanelItem.Recommendation.RECOMMENDED
    if "approves" in fields:
        fields["agreed"] = fields["approves"] == recommended
    elif "agreed" in fields:
        fields["approves"] = recommended == fields["agreed"]
    before = (decision.approves, decision.decided)
    for name, value in fields.items():
        setattr(decision, name, value.strip() if name == "reason" else value)
    _require_reason(decision)
    _decision_date(decision, decided=decided)
    if (decision.approves, decision.decided) != before:
        _effect_undo(decision, user=user, via=via)
        _effect_record(decision, user=user, via=via)
    return audited_save(decision, user=user, la_id=_la_id(decision.item), via=via)


@transaction.atomic
def agency_decision_delete(*, user, decision: AgencyDecision, via: str = "") -> None:
    """Withdraw an agency decision recorded in error, undoing what it recorded on the
    household's or child's record (refused, saying why, when a later step depends on it)."""
    _require(user, decision.item.meeting.panel)
    _effect_undo(decision, user=user, via=via)
    audited_delete(decision, user=user, la_id=_la_id(decision.item), via=via)


@transaction.atomic
def panel_save(panel: Panel, *, user, **fields) -> Panel:
    """Create or change a panel of the user's RAA (it stays in that RAA)."""
    if panel.pk is not None:
        _require(user, panel)
    for name, value in fields.items():
        setattr(panel, name, value)
    _require(user, panel)
    panel.full_clean()
    panel.save()
    return panel


@transaction.atomic
def member_save(member: PanelMember, *, user, **fields) -> PanelMember:
    """Add a member to a panel's central list, or change one (within the user's RAA)."""
    if member.pk is not None:
        _require(user, member.panel)
    for name, value in fields.items():
        setattr(member, name, value)
    _require(user, member.panel)
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def member_delete(member: PanelMember, *, user) -> None:
    """Take a member off the list (one who attended a meeting stays on record: 409)."""
    _require(user, member.panel)
    member.delete()


QUORUM_RULE_FIELDS = (
    "min_members",
    "min_members_joint",
    "needs_chair_or_vice",
    "needs_social_worker",
    "needs_independent",
)


@transaction.atomic
def quorum_rule_save(*, user, raa: RegionalAdoptionAgency, **fields) -> QuorumRule:
    """Set an RAA's quorum rule (created on first save): its RAA manager, or a superuser."""
    for name in set(fields) - set(QUORUM_RULE_FIELDS):
        raise ValidationError({name: f"A quorum rule has no setting {name}."})
    rule = QuorumRule.objects.filter(raa=raa).first() or QuorumRule(raa=raa)
    return settings_save(rule, user=user, **fields)
