"""Reads of panels, scoped to the user's RAA."""

from datetime import date

from django.db.models import Count, Q, QuerySet

from agencies.scoping import PANELS, require_read
from core.dates import add_months
from panels.models import AgencyDecision, Meeting, Panel, PanelItem, PanelMember


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


def recommendation_list(*, user) -> QuerySet[PanelItem]:
    """Items on which the panel has made its recommendation."""
    return panel_item_list(user=user).exclude(recommendation="")


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
