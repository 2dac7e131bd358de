"""Admin pages of adoption support (superusers only, docs/adr/0007-admin.md), writing through the
support services; the national Fund rules through the superusers' settings service."""

from django.contrib import admin

from agencies.admin_base import ServiceAdmin
from agencies.services import superuser_save
from support import services
from support.models import (
    ContactArrangement,
    FundApplication,
    FundRule,
    SupportAssessment,
    SupportReferral,
)

VIA = "admin"


def referral_update(referral, *, user, **fields):
    return services.referral_update(user=user, referral=referral, via=VIA, **fields)


def assessment_update(assessment, *, user, **fields):
    return services.assessment_update(user=user, assessment=assessment, via=VIA, **fields)


@admin.register(SupportReferral)
class SupportReferralAdmin(ServiceAdmin):
    la_path = "la"
    list_display = ["referred", "la", "child", "via_advice_line"]
    list_filter = ["la", "via_advice_line"]
    readonly_fields = ["la", "child", "household"]
    update_service = staticmethod(referral_update)


@admin.register(SupportAssessment)
class SupportAssessmentAdmin(ServiceAdmin):
    la_path = "referral__la"
    list_display = ["referral", "started", "completed"]
    readonly_fields = ["referral"]
    update_service = staticmethod(assessment_update)


@admin.register(FundRule)
class FundRuleAdmin(ServiceAdmin):
    list_display = [
        "applies_from",
        "fair_access_limit",
        "specialist_assessment_limit",
        "match_funding",
    ]
    create_service = update_service = staticmethod(superuser_save)


@admin.register(FundApplication)
class FundApplicationAdmin(ServiceAdmin):
    la_path = "child__la"
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


@admin.register(ContactArrangement)
class ContactArrangementAdmin(ServiceAdmin):
    la_path = "child__la"
    list_display = ["child", "kind", "with_whom", "started", "ended"]
