"""FilterSets of the support API."""

import django_filters

from core.filters import by_la, date_range, text_search
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


class ReferralFilterSet(django_filters.FilterSet):
    la, raa, hub = by_la("la")
    referred_after, referred_before = date_range("referred")
    search = text_search("summary")

    class Meta:
        model = SupportReferral
        fields = ["via_advice_line", "child", "family", "follow_up_needed"]


class AssessmentFilterSet(django_filters.FilterSet):
    la, raa, hub = by_la("referral__la")
    started_after, started_before = date_range("started")
    completed_after, completed_before = date_range("completed")

    class Meta:
        model = SupportAssessment
        fields = []


class FundApplicationFilterSet(django_filters.FilterSet):
    la, raa, hub = by_la("child__la")
    submitted_after, submitted_before = date_range("submitted")
    decided_after, decided_before = date_range("decided")
    search = text_search("provider")

    class Meta:
        model = FundApplication
        fields = ["financial_year", "status", "child", "therapy_type"]


class FundRuleFilterSet(django_filters.FilterSet):
    class Meta:
        model = FundRule
        fields = ["applies_from"]


class ContactArrangementFilterSet(django_filters.FilterSet):
    la, raa, hub = by_la("child__la")

    class Meta:
        model = ContactArrangement
        fields = ["kind", "child"]


class ContactExchangeFilterSet(django_filters.FilterSet):
    la, raa, hub = by_la("arrangement__child__la")
    exchanged_after, exchanged_before = date_range("exchanged")

    class Meta:
        model = ContactExchange
        fields = ["arrangement"]


class SupportGroupFilterSet(django_filters.FilterSet):
    raa = django_filters.CharFilter(field_name="raa__slug", help_text="slug of the RAA")

    class Meta:
        model = SupportGroup
        fields = ["kind", "family"]


class GroupSessionFilterSet(django_filters.FilterSet):
    raa = django_filters.CharFilter(
        field_name="support_group__raa__slug", help_text="slug of the RAA"
    )
    held_after, held_before = date_range("held")

    class Meta:
        model = GroupSession
        fields = ["support_group"]
