"""FilterSets of the support API."""

import django_filters

from core.filters import by_la, date_range, text_search
from support.models import FundApplication, FundRule, SupportAssessment, SupportReferral


class ReferralFilterSet(django_filters.FilterSet):
    la, raa, hub = by_la("la")
    referred_after, referred_before = date_range("referred")
    search = text_search("summary")

    class Meta:
        model = SupportReferral
        fields = ["via_advice_line", "child"]


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
    search = text_search("therapy_type", "provider")

    class Meta:
        model = FundApplication
        fields = ["financial_year", "status", "child"]


class FundRuleFilterSet(django_filters.FilterSet):
    class Meta:
        model = FundRule
        fields = ["applies_from"]
