"""FilterSets of the panels API."""

import django_filters

from core.filters import date_range, text_search
from panels.models import AgencyDecision, Meeting, Panel, PanelItem, PanelMember


class PanelFilterSet(django_filters.FilterSet):
    search = text_search("name")

    class Meta:
        model = Panel
        fields = ["joint"]


class PanelMemberFilterSet(django_filters.FilterSet):
    search = text_search("name")

    class Meta:
        model = PanelMember
        fields = ["panel", "role", "active"]


class MeetingFilterSet(django_filters.FilterSet):
    date_after, date_before = date_range("date")

    class Meta:
        model = Meeting
        fields = ["panel"]


class PanelItemFilterSet(django_filters.FilterSet):
    meeting_date_after, meeting_date_before = date_range("meeting__date")
    papers_received_after, papers_received_before = date_range("papers_received")

    class Meta:
        model = PanelItem
        fields = ["meeting", "business_type", "recommendation"]


class AgencyDecisionFilterSet(django_filters.FilterSet):
    decided_after, decided_before = date_range("decided")

    class Meta:
        model = AgencyDecision
        fields = ["agreed"]
