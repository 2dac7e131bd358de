"""The demo's adoption support beyond the Fund and its money: advice-line follow-ups, birth
parents and special guardians, support plans and their reviews, contact arrangements and their
exchanges, groups with attendance, Fund applications with match funding, and hub budgets.

Called from demo/builder.py once the casework is built. It draws from its own random sequence,
so the rest of the demo stays as it was."""

import random
from datetime import date, timedelta
from decimal import Decimal

from agencies.models import Hub
from finance import services as finance
from journeys.models import Journey
from support import services as support
from support.models import ContactArrangement, SupportAssessment, SupportGroup, SupportReferral

SEED = 908
GROUPS = [
    ("Northvale adopters' coffee mornings", SupportGroup.Kind.GROUP, "", "adoptive"),
    ("Therapeutic parenting course", SupportGroup.Kind.COURSE, "Family Futures", "adoptive"),
    ("Birth relatives' group", SupportGroup.Kind.GROUP, "", "birth_parent"),
    (
        "Special guardians' programme",
        SupportGroup.Kind.COMMISSIONED,
        "Kinship Northvale",
        "special_guardianship",
    ),
]
# A year's budget by hub; the outturn of a closed year is the budget moved by a few per cent.
BUDGETS = {"central": Decimal("1450000"), "locality": Decimal("620000")}


def build_support_and_money(*, admin, raa, las, adopted: list[Journey], today: date) -> int:
    """Add the demo's support beyond the Fund and its money; the records made."""
    rng = random.Random(SEED)
    made = 0
    made += _referrals(rng, admin, las, today)
    made += _plans(rng, admin, las, today)
    made += _contact(rng, admin, adopted, today)
    made += _groups(rng, admin, raa, today)
    made += _match_funded(rng, admin, adopted)
    made += _budgets(rng, admin, raa, today)
    return made


def _day(rng, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _referrals(rng, admin, las, today: date) -> int:
    """Advice-line calls from adopters, birth parents and special guardians, some followed up."""
    made = 0
    for referral in SupportReferral.objects.filter(la__in=las, via_advice_line=True):
        if rng.random() < 0.4:
            followed = referral.referred + timedelta(days=rng.randint(2, 20))
            support.referral_update(
                user=admin,
                referral=referral,
                follow_up_needed=True,
                followed_up=followed if followed <= today and rng.random() < 0.8 else None,
            )
    kinds = [SupportReferral.Family.BIRTH_PARENT] * 3 + [
        SupportReferral.Family.SPECIAL_GUARDIANSHIP
    ] * 2
    for _ in range(60):
        family = rng.choice(kinds)
        referred = _day(rng, date(2021, 4, 1), today)
        needed = rng.random() < 0.5
        followed = referred + timedelta(days=rng.randint(1, 15))
        support.referral_create(
            user=admin,
            la=rng.choice(las),
            referred=referred,
            family=family,
            follow_up_needed=needed,
            followed_up=followed if needed and followed <= today else None,
            summary=(
                "A birth mother asked for help writing her letterbox letter."
                if family == SupportReferral.Family.BIRTH_PARENT
                else "Special guardians asked about support for their grandson."
            ),
        )
        made += 1
    return made


def _plans(rng, admin, las, today: date) -> int:
    """Support plans after most completed assessments, reviewed every six months or overdue."""
    made = 0
    assessments = SupportAssessment.objects.filter(
        referral__la__in=las, completed__isnull=False
    ).select_related("referral")
    for assessment in assessments:
        if rng.random() > 0.8:
            continue
        agreed = assessment.completed + timedelta(days=rng.randint(3, 20))
        if agreed > today:
            continue
        due = agreed + timedelta(days=182)
        reviewed = None
        while due <= today and rng.random() < 0.85:
            reviewed = due + timedelta(days=rng.randint(-10, 20))
            if reviewed > today:
                reviewed = None
                break
            due = reviewed + timedelta(days=182)
        support.assessment_update(
            user=admin,
            assessment=assessment,
            support_plan="Therapeutic parenting, school liaison and a Fund application.",
            plan_agreed=agreed,
            plan_review_due=due,
            plan_reviewed=reviewed,
        )
        made += 1
    return made


def _contact(rng, admin, adopted: list[Journey], today: date) -> int:
    """Letterbox arrangements for most adopted children, direct contact for some, and the
    exchanges made under them."""
    made = 0
    for journey in adopted:
        if rng.random() > 0.6:
            continue
        kind = (
            ContactArrangement.Kind.DIRECT
            if rng.random() < 0.25
            else ContactArrangement.Kind.LETTERBOX
        )
        started = journey.adoption_order
        arrangement = support.contact_arrangement_create(
            user=admin,
            child=journey.child,
            kind=kind,
            with_whom=rng.choice(["Birth mother", "Birth grandparents", "Older brother"]),
            frequency="Twice a year" if kind == ContactArrangement.Kind.LETTERBOX else "Yearly",
            started=started,
        )
        made += 1
        step = 182 if kind == ContactArrangement.Kind.LETTERBOX else 365
        day = started + timedelta(days=rng.randint(60, step))
        while day <= today:
            if rng.random() < 0.85:
                support.contact_exchange_record(user=admin, arrangement=arrangement, exchanged=day)
                made += 1
            day += timedelta(days=step + rng.randint(-15, 15))
    return made


def _groups(rng, admin, raa, today: date) -> int:
    """The RAA's groups, a course and a commissioned programme, with monthly sessions."""
    made = 0
    for name, kind, provider, family in GROUPS:
        group = support.support_group_create(
            user=admin, raa=raa, name=name, kind=kind, provider=provider, family=family
        )
        day = date(2022, 4, 12)
        while day <= today:
            support.group_session_record(
                user=admin, support_group=group, held=day, attended=rng.randint(4, 16)
            )
            made += 1
            day += timedelta(days=28 if kind == SupportGroup.Kind.GROUP else 56)
    return made


def _match_funded(rng, admin, adopted: list[Journey]) -> int:
    """Applications before 2025-26 that pass the fair access limit, the agency match-funding the
    rest (the rules allowed it until then)."""
    made = 0
    early = [j for j in adopted if j.adoption_order and j.adoption_order < date(2023, 6, 1)]
    for journey in rng.sample(early, min(6, len(early))):
        submitted = _day(rng, max(journey.adoption_order, date(2023, 4, 1)), date(2025, 2, 1))
        application = support.fund_application_create(
            user=admin,
            child=journey.child,
            therapy_type=rng.choice(["emdr", "family", "psychotherapy"]),
            provider=rng.choice(["Northvale Therapy Partnership", "Family Futures"]),
            amount_applied=Decimal("6500"),
            match_funding=Decimal("1500"),
            submitted=submitted,
        )
        support.fund_application_decide(
            user=admin,
            application=application,
            decided=submitted + timedelta(days=rng.randint(10, 30)),
            approved=Decimal("5000"),
        )
        made += 1
    return made


def _budgets(rng, admin, raa, today: date) -> int:
    """Each hub's budget for the years since 2021-22, with the outturn of the closed years."""
    made = 0
    current = today.year if today.month >= 4 else today.year - 1
    for hub in Hub.objects.filter(raa=raa):
        base = BUDGETS[hub.kind]
        for first in range(2021, current + 1):
            budget = (base * Decimal(1.03) ** (first - 2021)).quantize(Decimal("1"))
            outturn = None
            if first < current:
                outturn = (budget * Decimal(1 + rng.uniform(-0.06, 0.08))).quantize(Decimal("1"))
            finance.hub_budget_record(
                user=admin,
                hub=hub,
                financial_year=f"{first}-{(first + 1) % 100:02d}",
                budget=budget,
                outturn=outturn,
            )
            made += 1
    return made
