"""Writes for panels: meetings, attendance, items, recommendations and agency decisions."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from agencies.models import RegionalAdoptionAgency
from agencies.scoping import PANELS, require_owners, require_raa
from agencies.services import settings_save
from core.changes import figures_changed
from indicators.calculations.states import quorum_missing, quorum_needed, quorum_rule_for
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
def agency_decision_record(
    *, user, item: PanelItem, decision_maker: str, decided: date, agreed: bool = True
) -> AgencyDecision:
    """The agency decision maker's decision, with its working days since the panel."""
    _require(user, item.meeting.panel)
    if not item.recommendation:
        raise ValidationError({"item": NOT_HEARD})
    decision = AgencyDecision(item=item, decision_maker=decision_maker, agreed=agreed)
    return _decision_save(decision, decided=decided)


def _decision_save(decision: AgencyDecision, *, decided: date) -> AgencyDecision:
    """Date the decision and count its working days since the panel (never one without the
    other)."""
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
    decision.save()
    return decision


@transaction.atomic
def agency_decision_update(*, user, decision: AgencyDecision, **fields) -> AgencyDecision:
    """Correct an agency decision: who made it, whether it follows the panel, or its date (and
    so its working days)."""
    _require(user, decision.item.meeting.panel)
    decided = fields.pop("decided", decision.decided)
    for name in set(fields) - {"decision_maker", "agreed"}:
        raise ValidationError({name: f"The decision's {name} is not changed here."})
    for name, value in fields.items():
        setattr(decision, name, value)
    return _decision_save(decision, decided=decided)


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
