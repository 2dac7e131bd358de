from django.contrib import admin

from agencies.admin import ScopedAdmin
from support.models import (
    ContactArrangement,
    FundApplication,
    FundRule,
    SupportAssessment,
    SupportReferral,
)


@admin.register(SupportReferral)
class SupportReferralAdmin(ScopedAdmin):
    la_path = "la"
    child_level = True
    list_display = ["referred", "la", "child", "via_advice_line"]
    list_filter = ["la", "via_advice_line"]
    raw_id_fields = ["child", "household"]


@admin.register(SupportAssessment)
class SupportAssessmentAdmin(ScopedAdmin):
    la_path = "referral__la"
    child_level = True
    list_display = ["referral", "started", "completed"]
    raw_id_fields = ["referral"]


@admin.register(FundRule)
class FundRuleAdmin(ScopedAdmin):
    list_display = [
        "applies_from",
        "fair_access_limit",
        "specialist_assessment_limit",
        "match_funding",
    ]


@admin.register(FundApplication)
class FundApplicationAdmin(ScopedAdmin):
    la_path = "child__la"
    child_level = True
    list_display = [
        "child",
        "financial_year",
        "therapy_type",
        "amount_applied",
        "amount_approved",
        "status",
    ]
    list_filter = ["financial_year", "status", "specialist_assessment"]
    search_fields = ["child__la_child_id", "provider", "therapy_type"]
    raw_id_fields = ["child", "referral"]


@admin.register(ContactArrangement)
class ContactArrangementAdmin(ScopedAdmin):
    la_path = "child__la"
    child_level = True
    list_display = ["child", "kind", "with_whom", "started", "ended"]
    raw_id_fields = ["child"]
