"""Reads of adoption support, scoped by role and LA."""

from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from agencies.audit import audited_view
from agencies.scoping import SUPPORT, require_read, scope_by_la
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


def referral_list(*, user) -> QuerySet[SupportReferral]:
    access = require_read(user, SUPPORT)
    return scope_by_la(SupportReferral.objects.select_related("la", "child"), access, "la")


def referral_get(*, user, pk: int) -> SupportReferral:
    """One referral the user may see; the read is audited."""
    referral = get_object_or_404(referral_list(user=user), pk=pk)
    audited_view(referral, user=user, la_id=referral.la_id, via="page")
    return referral


def assessment_list(*, user) -> QuerySet[SupportAssessment]:
    return SupportAssessment.objects.filter(referral__in=referral_list(user=user))


def fund_application_list(*, user) -> QuerySet[FundApplication]:
    access = require_read(user, SUPPORT)
    return scope_by_la(FundApplication.objects.select_related("child__la"), access, "child__la")


def referrals_awaiting_assessment(*, user) -> QuerySet[SupportReferral]:
    """Referrals whose assessment of need has not been completed (not started, or started and
    open), the oldest referral first."""
    return (
        referral_list(user=user)
        .filter(Q(assessment__isnull=True) | Q(assessment__completed__isnull=True))
        .select_related("assessment")
        .order_by("referred", "pk")
    )


def fund_applications_pending(*, user) -> QuerySet[FundApplication]:
    """Fund applications submitted and waiting for the Fund's decision, the longest waiting
    first."""
    return (
        fund_application_list(user=user)
        .filter(status=FundApplication.Status.SUBMITTED)
        .order_by("submitted", "pk")
    )


def fund_rule_for(financial_year: str) -> FundRule | None:
    """The fund rules in force in a financial year (the latest that applies from it or before)."""
    return (
        FundRule.objects.filter(applies_from__lte=financial_year).order_by("-applies_from").first()
    )


def fund_approved_total(*, child_id: int, financial_year: str, exclude_pk=None) -> Decimal:
    """What the Fund has approved for one child in one financial year."""
    applications = FundApplication.objects.filter(
        child_id=child_id, financial_year=financial_year, status=FundApplication.Status.APPROVED
    ).exclude(pk=exclude_pk)
    return applications.aggregate(total=Sum("amount_approved"))["total"] or Decimal(0)


def support_child_find(*, user, la, la_child_id: str):
    """The child with this LA reference, if the LA is within the user's support scope (support
    workers find a child by reference: their role does not list children)."""
    access = require_read(user, SUPPORT)
    if not access.covers(la.pk):
        return None
    return Child.objects.filter(la=la, la_child_id=la_child_id.strip()).first()


def fund_ledger(*, user, child) -> list[dict]:
    """A child's Fund applications by financial year, with the year's approved total against
    that year's fair access limit."""
    years: dict[str, dict] = {}
    for application in (
        fund_application_list(user=user)
        .filter(child=child)
        .order_by("financial_year", "submitted", "pk")
    ):
        year = years.setdefault(
            application.financial_year,
            {"year": application.financial_year, "applications": [], "approved": Decimal(0)},
        )
        year["applications"].append(application)
        if application.status == FundApplication.Status.APPROVED:
            year["approved"] += application.amount_approved
    for year in years.values():
        rule = fund_rule_for(year["year"])
        year["limit"] = rule.fair_access_limit if rule else None
        year["over"] = year["limit"] is not None and year["approved"] > year["limit"]
    return list(years.values())


def contact_arrangement_list(*, user) -> QuerySet[ContactArrangement]:
    """Contact arrangements of the children in the user's support scope."""
    access = require_read(user, SUPPORT)
    arrangements = ContactArrangement.objects.select_related("child__la")
    return scope_by_la(arrangements, access, "child__la")


def contact_exchange_list(*, user) -> QuerySet[ContactExchange]:
    """Exchanges made under the contact arrangements the user may see."""
    access = require_read(user, SUPPORT)
    exchanges = ContactExchange.objects.select_related("arrangement__child__la")
    return scope_by_la(exchanges, access, "arrangement__child__la")


def support_group_list(*, user) -> QuerySet[SupportGroup]:
    """The support groups, courses and programmes of the user's RAA (all for superusers)."""
    access = require_read(user, SUPPORT)
    groups = SupportGroup.objects.select_related("raa")
    return groups if access.is_superuser else groups.filter(raa_id=access.raa_id)


def group_session_list(*, user) -> QuerySet[GroupSession]:
    """The sessions of the groups the user may see."""
    return GroupSession.objects.select_related("support_group").filter(
        support_group__in=support_group_list(user=user)
    )
