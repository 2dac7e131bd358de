"""Writes for adoption support: referrals, assessments and Adoption Support Fund applications."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from agencies.audit import audit_record, audited_save
from agencies.models import AuditEvent, LocalAuthority, RegionalAdoptionAgency
from agencies.scoping import SUPPORT, require_owners, require_raa, require_write
from core.money import money_text
from journeys.models import Child
from support.models import (
    ContactArrangement,
    ContactExchange,
    FundApplication,
    GroupSession,
    SupportAssessment,
    SupportGroup,
    SupportReferral,
)
from support.selectors import fund_approved_total, fund_rule_for

DECIDED_BEFORE_SUBMITTED = (
    "The Fund's decision ({decided}) cannot be before the application was submitted ({submitted})."
)
LIMIT_WARNING = (
    "Approving {amount} brings {child}'s {year} total to {total}, over the fair access limit "
    "of {limit}."
)


@dataclass
class FundCheck:
    total_after: Decimal
    limit: Decimal | None
    warning: str = ""


@transaction.atomic
def referral_create(
    *, user, la: LocalAuthority, referred: date, child: Child | None = None, via: str = "", **fields
) -> SupportReferral:
    """Record a request for adoption support under an LA (about a child) in the user's scope."""
    referral = SupportReferral(la=la, child=child, referred=referred, **fields)
    _require_referral_owners(user, referral)
    return audited_save(referral, user=user, la_id=la.pk, via=via)


def _require_referral_owners(user, referral: SupportReferral) -> None:
    """The user may write the referral's LA and the LAs of the child and household it names."""
    household = referral.household
    require_owners(
        user,
        SUPPORT,
        ("la", referral.la),
        ("child", referral.child.la if referral.child_id else None),
        ("household", household.la if household is not None else None),
    )


@transaction.atomic
def assessment_record(
    *, user, referral: SupportReferral, started: date, via: str = "", **fields
) -> SupportAssessment:
    """Start (or complete) the assessment of need for a referral."""
    require_write(user, SUPPORT, referral.la_id)
    assessment = SupportAssessment(referral=referral, started=started, **fields)
    return audited_save(assessment, user=user, la_id=referral.la_id, via=via)


def fund_limit_check(*, application: FundApplication, amount: Decimal) -> FundCheck:
    """What approving `amount` would bring the child's total to, against that year's limit."""
    rule = fund_rule_for(application.financial_year)
    total = (
        fund_approved_total(
            child_id=application.child_id,
            financial_year=application.financial_year,
            exclude_pk=application.pk,
        )
        + amount
    )
    if rule is None:
        return FundCheck(total_after=total, limit=None)
    limit = rule.fair_access_limit
    if application.specialist_assessment and rule.specialist_assessment_limit:
        limit = rule.specialist_assessment_limit
    warning = ""
    if total > limit:
        warning = LIMIT_WARNING.format(
            amount=money_text(amount),
            child=application.child,
            year=application.financial_year,
            total=money_text(total),
            limit=money_text(limit),
        )
    return FundCheck(total_after=total, limit=limit, warning=warning)


@transaction.atomic
def fund_application_create(*, user, child: Child, via: str = "", **fields) -> FundApplication:
    """Record an application to the Adoption Support Fund."""
    referral = fields.get("referral")
    require_owners(
        user, SUPPORT, ("child", child.la), ("referral", referral.la if referral else None)
    )
    application = FundApplication(child=child, **fields)
    return audited_save(application, user=user, la_id=child.la_id, via=via)


@transaction.atomic
def fund_application_decide(
    *, user, application: FundApplication, decided: date, approved: Decimal | None, via: str = ""
) -> FundApplication:
    """Record the Fund's decision: an approved amount, or None when declined."""
    require_write(user, SUPPORT, application.child.la_id)
    if application.submitted and decided < application.submitted:
        raise ValidationError(
            {
                "decided": DECIDED_BEFORE_SUBMITTED.format(
                    decided=decided.isoformat(), submitted=application.submitted.isoformat()
                )
            }
        )
    application.decided = decided
    application.amount_approved = approved
    application.status = (
        FundApplication.Status.APPROVED if approved is not None else FundApplication.Status.DECLINED
    )
    return audited_save(application, user=user, la_id=application.child.la_id, via=via)


@transaction.atomic
def assessment_update(
    *, user, assessment: SupportAssessment, via: str = "", **fields
) -> SupportAssessment:
    """Complete an assessment of need, or change its findings and plan."""
    la_id = assessment.referral.la_id
    require_write(user, SUPPORT, la_id)
    for name, value in fields.items():
        setattr(assessment, name, value)
    return audited_save(assessment, user=user, la_id=la_id, via=via)


@transaction.atomic
def referral_update(*, user, referral: SupportReferral, via: str = "", **fields) -> SupportReferral:
    """Change a referral's details; a new LA, child or household must be in the user's scope as
    the old ones, and a move is recorded in both LAs' trails."""
    _require_referral_owners(user, referral)
    old_la_id = referral.la_id
    for name, value in fields.items():
        setattr(referral, name, value)
    _require_referral_owners(user, referral)
    audited_save(referral, user=user, la_id=referral.la_id, via=via)
    if referral.la_id != old_la_id:
        audit_record(
            user=user,
            action=AuditEvent.Action.UPDATE,
            model="supportreferral",
            object_ids=[referral.pk],
            la_id=old_la_id,
            via=via,
        )
    return referral


@transaction.atomic
def contact_arrangement_create(
    *, user, child: Child, kind: str, with_whom: str, started: date, via: str = "", **fields
) -> ContactArrangement:
    """Record a letterbox or direct contact arrangement for a child in the user's scope."""
    require_owners(user, SUPPORT, ("child", child.la))
    arrangement = ContactArrangement(
        child=child, kind=kind, with_whom=with_whom, started=started, **fields
    )
    return audited_save(arrangement, user=user, la_id=child.la_id, via=via)


@transaction.atomic
def contact_exchange_record(
    *, user, arrangement: ContactArrangement, exchanged: date, notes: str = "", via: str = ""
) -> ContactExchange:
    """Record an exchange made under a contact arrangement (a letter passed on, a meeting)."""
    require_write(user, SUPPORT, arrangement.child.la_id)
    exchange = ContactExchange(arrangement=arrangement, exchanged=exchanged, notes=notes)
    return audited_save(exchange, user=user, la_id=arrangement.child.la_id, via=via)


@transaction.atomic
def support_group_create(
    *, user, raa: RegionalAdoptionAgency, name: str, kind: str, via: str = "", **fields
) -> SupportGroup:
    """Start a support group, course or commissioned programme of the user's RAA."""
    require_raa(user, SUPPORT, ("raa", raa))
    group = SupportGroup(raa=raa, name=name, kind=kind, **fields)
    return audited_save(group, user=user, la_id=None, via=via)


@transaction.atomic
def group_session_record(
    *, user, support_group: SupportGroup, held: date, attended: int, via: str = ""
) -> GroupSession:
    """Record a session of a group, course or programme and how many came."""
    require_raa(user, SUPPORT, ("raa", support_group.raa))
    session = GroupSession(support_group=support_group, held=held, attended=attended)
    return audited_save(session, user=user, la_id=None, via=via)
