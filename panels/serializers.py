from rest_framework import serializers

from agencies.models import RegionalAdoptionAgency
from core.serializer_fields import ScopedPrimaryKeyRelatedField
from indicators.calculations.states import DECISION_DUE_WORKING_DAYS, decision_late
from journeys.models import AdopterHousehold, Journey
from journeys.selectors import household_list
from panels.models import AgencyDecision, Meeting, Panel, PanelItem, PanelMember
from panels.selectors import (
    agenda_journey_list,
    meeting_list,
    panel_item_list,
    panel_list,
    panel_member_list,
)


class PanelSerializer(serializers.ModelSerializer):
    raa = serializers.SlugRelatedField(
        slug_field="slug", queryset=RegionalAdoptionAgency.objects.all()
    )

    class Meta:
        model = Panel
        fields = ["id", "raa", "name", "joint"]


class PanelMemberSerializer(serializers.ModelSerializer):
    panel = ScopedPrimaryKeyRelatedField(panel_list, Panel)

    class Meta:
        model = PanelMember
        fields = ["id", "panel", "name", "role", "active"]


class QuorumSerializer(serializers.Serializer):
    quorate = serializers.BooleanField()
    present = serializers.IntegerField()
    needed = serializers.IntegerField()
    missing = serializers.ListField(child=serializers.CharField())


class MeetingSerializer(serializers.ModelSerializer):
    panel = ScopedPrimaryKeyRelatedField(panel_list, Panel)
    attendees = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "panel", "date", "attendees"]


class AttendanceSerializer(serializers.Serializer):
    members = ScopedPrimaryKeyRelatedField(panel_member_list, PanelMember, many=True)


class PanelItemSerializer(serializers.ModelSerializer):
    meeting = ScopedPrimaryKeyRelatedField(meeting_list, Meeting)
    journey = ScopedPrimaryKeyRelatedField(
        agenda_journey_list, Journey, required=False, allow_null=True
    )
    household = ScopedPrimaryKeyRelatedField(
        household_list, AdopterHousehold, required=False, allow_null=True
    )

    class Meta:
        model = PanelItem
        fields = [
            "id",
            "meeting",
            "business_type",
            "journey",
            "household",
            "papers_received",
            "recommendation",
            "recommendation_reason",
            "deferred_to",
        ]
        read_only_fields = ["recommendation", "recommendation_reason", "deferred_to"]


class RecommendationCreateSerializer(serializers.Serializer):
    """A panel's recommendation on an item (a deferral needs a reason)."""

    item = ScopedPrimaryKeyRelatedField(panel_item_list, PanelItem, help_text="the panel item")
    recommendation = serializers.ChoiceField(
        choices=[c for c in PanelItem.Recommendation.choices if c[0]]
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class AgencyDecisionSerializer(serializers.ModelSerializer):
    item = ScopedPrimaryKeyRelatedField(panel_item_list, PanelItem)
    late = serializers.SerializerMethodField(
        help_text=f"more than {DECISION_DUE_WORKING_DAYS} working days after panel"
    )

    class Meta:
        model = AgencyDecision
        fields = [
            "id",
            "item",
            "decision_maker",
            "decided",
            "approves",
            "agreed",
            "reason",
            "effect",
            "working_days",
            "late",
        ]
        read_only_fields = ["working_days", "effect"]
        extra_kwargs = {"approves": {"required": False}, "agreed": {"required": False}}

    def get_late(self, decision) -> bool:
        return decision_late(decision.working_days)


class PapersSerializer(serializers.Serializer):
    received = serializers.DateField(help_text="the date the panel's papers were received")


class DeferralSerializer(serializers.Serializer):
    to_meeting = ScopedPrimaryKeyRelatedField(meeting_list, Meeting, help_text="the later meeting")
    reason = serializers.CharField(help_text="why the panel deferred the item")
