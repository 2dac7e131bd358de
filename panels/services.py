"""Writes for panels: meetings, attendance, items, recommendations and agency decisions."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from agencies.scoping import PANELS, require_write
from core.changes import figures_changed
from indicators.calculations.states import quorum_missing, quorum_needed, quorum_rule_for
from journeys.models import AdopterHousehold, Journey
from panels.models import (
    AgencyDecision,
    Attendance,
    Meeting,
    Panel,
    PanelItem,
    PanelMember,
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


def _raa_la(panel: Panel) -> int | None:
    return panel.raa.local_authorities.values_list("pk", flat=True).first()


def _require(user, panel: Panel) -> None:
    require_write(user, PANELS, _raa_la(panel))


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
    """Put a child or household on a meeting's agenda."""
    _require(user, meeting.panel)
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
    if decided < item.meeting.date:
        raise ValidationError(
            {
                "decided": DECISION_BEFORE_PANEL.format(
                    decided=decided.isoformat(), meeting=item.meeting.date.isoformat()
                )
            }
        )
    decision = AgencyDecision(
        item=item,
        decision_maker=decision_maker,
        decided=decided,
        agreed=agreed,
        working_days=working_days_between(item.meeting.date, decided),
    )
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def panel_save(panel: Panel, *, user, **fields) -> Panel:
    """Create or change a panel of the user's RAA."""
    for name, value in fields.items():
        setattr(panel, name, value)
    _require(user, panel)
    panel.full_clean()
    panel.save()
    return panel


@transaction.atomic
def member_save(member: PanelMember, *, user, **fields) -> PanelMember:
    """Add a member to a panel's central list, or change one."""
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
