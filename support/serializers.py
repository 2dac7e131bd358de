from rest_framework import serializers

from agencies.models import LocalAuthority
from agencies.scoping import SUPPORT, require_read, scope_by_la
from core.serializer_fields import ScopedPrimaryKeyRelatedField
from journeys.models import Child
from support.models import (
    ContactArrangement,
    ContactExchange,
    FundApplication,
    FundRule,
    GroupSession,
    SupportAssessment,
    SupportGroup,
    SupportReferral,
)
from support.selectors import contact_arrangement_list, referral_list, support_group_list


def _support_children(user):
    """Support workers record support for adopted children of their LAs without reading the
    children's adoption journeys: the choice is of children in scope, by id."""
    return scope_by_la(Child.objects.all(), require_read(user, SUPPORT), "la")


class ReferralSerializer(serializers.ModelSerializer):
    la = serializers.SlugRelatedField(slug_field="code", queryset=LocalAuthority.objects.all())
    child = ScopedPrimaryKeyRelatedField(_support_children, Child, required=False, allow_null=True)

    class Meta:
        model = SupportReferral
        fields = [
            "id",
            "la",
            "child",
            "household",
            "referred",
            "via_advice_line",
            "summary",
            "family",
            "follow_up_needed",
            "followed_up",
        ]
        read_only_fields = ["household"]


class AssessmentSerializer(serializers.ModelSerializer):
    referral = ScopedPrimaryKeyRelatedField(referral_list, SupportReferral)

    class Meta:
        model = SupportAssessment
        fields = [
            "id",
            "referral",
            "started",
            "completed",
            "needs_identified",
            "support_plan",
            "plan_agreed",
            "plan_review_due",
            "plan_reviewed",
        ]


class FundApplicationSerializer(serializers.ModelSerializer):
    child = ScopedPrimaryKeyRelatedField(_support_children, Child)

    class Meta:
        model = FundApplication
        fields = [
            "id",
            "child",
            "referral",
            "financial_year",
            "therapy_type",
            "specialist_assessment",
            "provider",
            "amount_applied",
            "amount_approved",
            "match_funding",
            "status",
            "submitted",
            "decided",
        ]
        read_only_fields = [
            "referral",
            "financial_year",
            "amount_approved",
            "status",
            "decided",
        ]


class FundDecisionSerializer(serializers.Serializer):
    decided = serializers.DateField()
    approved = serializers.DecimalField(
        max_digits=9, decimal_places=2, allow_null=True, min_value=0, help_text="null when declined"
    )


class FundRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = FundRule
        fields = [
            "id",
            "applies_from",
            "fair_access_limit",
            "specialist_assessment_limit",
            "match_funding",
            "notes",
        ]


class ContactArrangementSerializer(serializers.ModelSerializer):
    child = ScopedPrimaryKeyRelatedField(_support_children, Child)

    class Meta:
        model = ContactArrangement
        fields = ["id", "child", "kind", "with_whom", "frequency", "started", "ended"]


class ContactExchangeSerializer(serializers.ModelSerializer):
    arrangement = ScopedPrimaryKeyRelatedField(contact_arrangement_list, ContactArrangement)

    class Meta:
        model = ContactExchange
        fields = ["id", "arrangement", "exchanged", "notes"]


class SupportGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupportGroup
        fields = ["id", "raa", "name", "kind", "provider", "family"]


class GroupSessionSerializer(serializers.ModelSerializer):
    support_group = ScopedPrimaryKeyRelatedField(support_group_list, SupportGroup)

    class Meta:
        model = GroupSession
        fields = ["id", "support_group", "held", "attended"]
