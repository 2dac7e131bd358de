"""Reads of panels, scoped to the user's RAA."""

from datetime import date

from django.db.models import Count, Q, QuerySet

from agencies.scoping import PANELS, access_for, require_read, scope_by_la
from core.dates import add_months
from indicators.calculations.states import DECISION_DUE_WORKING_DAYS, decision_late
from journeys.models import Journey
from panels.models import AgencyDecision, Meeting, Panel, PanelItem, PanelMember
from panels.working_days import working_days_after, working_days_between


def _raa_filter(access, path: str) -> Q:
    if access.la_ids is None:
        return Q()
    return Q(**{f"{path}__local_authorities__in": access.la_ids})


def panel_list(*, user) -> QuerySet[Panel]:
    access = require_read(user, PANELS)
    return Panel.objects.filter(_raa_filter(access, "raa")).select_related("raa").distinct()


def panel_member_list(*, user) -> QuerySet[PanelMember]:
    return PanelMember.objects.filter(panel__in=panel_list(user=user)).select_related("panel")


def meeting_list(*, user) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(panel__in=panel_list(user=user))
        .select_related("panel")
        .annotate(item_count=Count("items", distinct=True))
    )


def panel_item_list(*, user) -> QuerySet[PanelItem]:
    return PanelItem.objects.filter(meeting__panel__in=panel_list(user=user)).select_related(
        "meeting__panel", "journey__child", "household", "decision"
    )


def agenda_journey_list(*, user) -> QuerySet[Journey]:
    """The journeys a user who reads panels may put on an agenda: open journeys (no adoption
    order) of the children of their RAA's LAs in their scope. A panel adviser's role reads
    panels, not the children's records, yet matches are most of what a panel hears."""
    access = require_read(user, PANELS)
    journeys = Journey.objects.filter(adoption_order__isnull=True).select_related("child__la")
    return scope_by_la(journeys, access, "child__la").order_by("child__la_child_id", "pk")


def recommendation_list(*, user) -> QuerySet[PanelItem]:
    """Items on which the panel has made its recommendation."""
    return panel_item_list(user=user).exclude(recommendation="")


def meeting_agenda(*, user, meeting: Meeting) -> list[PanelItem]:
    """A meeting's items; each item's `child_visible` says whether the user's LAs cover the
    child (a role over one LA does not see the children of the RAA's other LAs)."""
    access = access_for(user)
    items = list(
        panel_item_list(user=user).filter(meeting=meeting).select_related("journey__child__la")
    )
    for item in items:
        item.child_visible = item.journey is None or access.covers(item.journey.child.la_id)
    return items


def later_meetings(*, user, meeting: Meeting) -> QuerySet[Meeting]:
    """The meetings of the RAA's panels after `meeting`: where a deferred item can go."""
    return (
        meeting_list(user=user)
        .filter(panel__raa=meeting.panel.raa_id, date__gt=meeting.date)
        .order_by("date", "panel__name")
    )


def agency_decision_list(*, user) -> QuerySet[AgencyDecision]:
    return AgencyDecision.objects.filter(item__in=panel_item_list(user=user)).select_related(
        "item__meeting"
    )


def months_without_meeting(*, panels, meetings, first: date, last: date) -> list[tuple]:
    """(panel, first day of the month) for each calendar month from `first` to `last` in which a
    panel held no meeting: panels should meet at least monthly."""
    held = {(m.panel_id, m.date.year, m.date.month) for m in meetings}
    gaps = []
    for panel in panels:
        month = first.replace(day=1)
        while month <= last:
            if (panel.pk, month.year, month.month) not in held:
                gaps.append((panel, month))
            month = add_months(month, 1)
    return gaps


def meetings_ahead(*, user, on: date) -> QuerySet[Meeting]:
    """Meetings on or after `on`, soonest first, each with its number of items and of items
    whose papers have not been received."""
    return (
        meeting_list(user=user)
        .filter(date__gte=on)
        .annotate(
            papers_missing=Count(
                "items", filter=Q(items__papers_received__isnull=True), distinct=True
            )
        )
        .order_by("date", "pk")
    )


def decisions_awaited(*, user) -> QuerySet[PanelItem]:
    """Items the panel has recommended on (not deferred) with no agency decision yet, the
    oldest panel first."""
    return (
        recommendation_list(user=user)
        .exclude(recommendation=PanelItem.Recommendation.DEFERRED)
        .filter(decision__isnull=True)
        .order_by("meeting__date", "pk")
    )


def decision_due(panel_day: date) -> date:
    """The last day for the agency decision on an item heard at a panel on `panel_day`: seven
    working days after it (the clock of states.decision_late)."""
    return working_days_after(panel_day, DECISION_DUE_WORKING_DAYS)


def decision_overdue(panel_day: date, on: date) -> bool:
    """Whether a decision made on `on` would already be late (states.decision_late)."""
    return decision_late(working_days_between(panel_day, on))
