"""Reads of panels, scoped to the user's RAA."""

from django.db.models import Count, Q, QuerySet

from agencies.scoping import PANELS, require_read
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


def agency_decision_list(*, user) -> QuerySet[AgencyDecision]:
    return AgencyDecision.objects.filter(item__in=panel_item_list(user=user)).select_related(
        "item__meeting"
    )
