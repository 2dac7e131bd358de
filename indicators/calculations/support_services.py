"""Adoption support beyond the Fund (docs/indicators.md §8): advice-line calls and their
follow-ups, assessments awaited and completed, support plans and their reviews, families other
than adopters, groups and their attendance, contact exchanges, and the Fund by family, by therapy
type and by provider. Each indicator's docstring is its definition."""

from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import CharField, Count, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Cast, Coalesce, Concat

from indicators.calculations.expressions import DaysBetween, in_period, not_by, on_or_before
from indicators.calculations.figure import divide_half_up
from indicators.calculations.measures import measure
from indicators.periods import Period
from support.models import (
    ContactArrangement,
    FundApplication,
    GroupSession,
    SupportAssessment,
    SupportGroup,
    SupportReferral,
    TherapyType,
)

APPROVED = FundApplication.Status.APPROVED

# --- Referrals: the advice line and who is supported (over referrals) ---------------------------


@measure("advice_calls", "Calls to the advice line", "count")
def advice_calls(period: Period) -> Q:
    """advice_calls (docs/indicators.md §8.1): referrals made in the period that came through the
    advice line."""
    return in_period("referred", period) & Q(via_advice_line=True)


@measure(
    "advice_follow_ups_done",
    "Advice-line follow-ups done",
    "percent",
    condition=lambda p: Q(followed_up__isnull=False),
    better="higher",
)
def advice_follow_ups_done(period: Period) -> Q:
    """advice_follow_ups_done (docs/indicators.md §8.1): of the advice-line calls in the period
    that needed a follow-up, the count and share followed up (on any day since)."""
    return advice_calls.cohort(period) & Q(follow_up_needed=True)


def _referrals_of(family: str, code: str, title: str):
    def cohort(period: Period) -> Q:
        return in_period("referred", period) & Q(family=family)

    cohort.__doc__ = (
        f"{code} (docs/indicators.md §8.1): referrals made in the period for a "
        f"{title.lower()} (the RAA's support beyond adoptive families)."
    )
    return measure(code, f"Referrals for a {title.lower()}", "count")(cohort)


birth_parent_referrals = _referrals_of(
    SupportReferral.Family.BIRTH_PARENT, "birth_parent_referrals", "Birth parent"
)
special_guardianship_referrals = _referrals_of(
    SupportReferral.Family.SPECIAL_GUARDIANSHIP,
    "special_guardianship_referrals",
    "Special guardianship family",
)

REFERRAL_MEASURES = (
    advice_calls,
    advice_follow_ups_done,
    birth_parent_referrals,
    special_guardianship_referrals,
)

# --- Assessments and support plans (over assessments) -------------------------------------------


@measure("assessments_awaiting_at_end", "Assessments of need not completed at the end", "count")
def assessments_awaiting_at_end(period: Period) -> Q:
    """assessments_awaiting_at_end (docs/indicators.md §8.2): assessments of need started by the
    last day of the period and not completed by it."""
    return on_or_before("started", period.end) & not_by("completed", period.end)


@measure("support_plans_agreed", "Support plans agreed", "count")
def support_plans_agreed(period: Period) -> Q:
    """support_plans_agreed (docs/indicators.md §8.2): support plans agreed in the period."""
    return in_period("plan_agreed", period)


@measure("plan_reviews_done", "Support plan reviews done", "count")
def plan_reviews_done(period: Period) -> Q:
    """plan_reviews_done (docs/indicators.md §8.2): plans whose latest review fell in the
    period."""
    return in_period("plan_reviewed", period)


@measure("plan_reviews_overdue_at_end", "Support plan reviews overdue at the end", "count")
def plan_reviews_overdue_at_end(period: Period) -> Q:
    """plan_reviews_overdue_at_end (docs/indicators.md §8.2): plans whose next review was due
    before the last day of the period, with no review on or after that due date."""
    return Q(plan_agreed__isnull=False, plan_review_due__lt=period.end) & (
        Q(plan_reviewed__isnull=True) | Q(plan_reviewed__lt=F("plan_review_due"))
    )


ASSESSMENT_MEASURES = (
    assessments_awaiting_at_end,
    support_plans_agreed,
    plan_reviews_done,
    plan_reviews_overdue_at_end,
)


def assessment_median_days(assessments: QuerySet[SupportAssessment], period: Period) -> int | None:
    """assessment_median_days (docs/indicators.md §8.2): the median days from referral to the
    completed assessment, over the assessments completed in the period (the middle value, or the
    mean of the two middle values rounded half up); None when none was completed.

    A median cannot be pooled from per-LA sums: it is taken from how many assessments took each
    number of days (`assessment_days`), which can be."""
    return median_of_counts(assessment_days(assessments, period).get(None, {}))


def assessment_days(
    assessments: QuerySet[SupportAssessment], period: Period, by: str | None = None
) -> dict:
    """{group: {days: assessments}} for the assessments completed in the period, per value of
    `by` (the referral's LA) or all together under None: what assessment_median_days is taken
    from, added up over LAs."""
    groups = [by] if by else []
    rows = (
        assessments.filter(in_period("completed", period))
        .annotate(days=DaysBetween("referral__referred", "completed"))
        .order_by()
        .values(*groups, "days")
        .annotate(n=Count("pk"))
    )
    found: dict = defaultdict(Counter)
    for row in rows:
        found[row[by] if by else None][row["days"]] += row["n"]
    return found


def median_of_counts(counts: dict[int, int]) -> int | None:
    """The median of values given as {value: how many times}: the middle value, or the mean of
    the two middle values rounded half up; None for no values."""
    total = sum(counts.values())
    if not total:
        return None
    positions = ((total - 1) // 2, total // 2)  # of the middle values, counted from 0
    middle = []
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        while len(middle) < 2 and seen > positions[len(middle)]:
            middle.append(value)
    return divide_half_up(middle[0] + middle[1], 2)


# --- Groups, courses and programmes (over sessions, per RAA) -----------------------------------


@measure("group_sessions", "Group, course and programme sessions held", "count")
def group_sessions(period: Period) -> Q:
    """group_sessions (docs/indicators.md §8.3): sessions of the RAA's support groups, courses and
    commissioned programmes held in the period."""
    return in_period("held", period)


SESSION_MEASURES = (group_sessions,)


def attendance_by_group(sessions: QuerySet[GroupSession], period: Period) -> list[dict]:
    """attendance_by_group (docs/indicators.md §8.3): per group, course or programme, the
    sessions held in the period, the attendances (the people counted at each session, added up:
    one person at two sessions is two) and the mean attendance a session, rounded half up to one
    decimal."""
    rows = (
        sessions.filter(in_period("held", period))
        .order_by()
        .values("support_group__name", "support_group__kind")
        .annotate(sessions=Count("pk"), attendances=Sum("attended"))
        .order_by("support_group__name")
    )
    return [
        {
            "name": row["support_group__name"],
            "kind": SupportGroup.Kind(row["support_group__kind"]).label,
            "sessions": row["sessions"],
            "attendances": row["attendances"],
            "mean": divide_half_up(row["attendances"], row["sessions"], 10) / 10,
        }
        for row in rows
    ]


# --- Contact (over exchanges) ----------------------------------------------------------------


def _exchanges_of(kind: str, label: str):
    def cohort(period: Period) -> Q:
        return in_period("exchanged", period) & Q(arrangement__kind=kind)

    code = f"contact_exchanges_{kind}"
    cohort.__doc__ = (
        f"{code} (docs/indicators.md §8.4): exchanges made in the period under {label.lower()} "
        "arrangements."
    )
    return measure(code, f"{label} exchanges", "count")(cohort)


contact_exchanges_letterbox = _exchanges_of(ContactArrangement.Kind.LETTERBOX, "Letterbox")
contact_exchanges_direct = _exchanges_of(ContactArrangement.Kind.DIRECT, "Direct contact")

EXCHANGE_MEASURES = (contact_exchanges_letterbox, contact_exchanges_direct)


@measure("contact_arrangements_open_at_end", "Contact arrangements open at the end", "count")
def contact_arrangements_open_at_end(period: Period) -> Q:
    """contact_arrangements_open_at_end (docs/indicators.md §8.4): letterbox and direct contact
    arrangements started by the last day of the period and not ended before it."""
    return on_or_before("started", period.end) & not_by("ended", period.end)


ARRANGEMENT_MEASURES = (contact_arrangements_open_at_end,)

# --- The Fund by family, therapy type and provider (over applications) -------------------------


def _text(field: str):
    return Cast(field, output_field=CharField())


# A family: brothers and sisters in one sibling group are one family; a child without a group is
# a family of their own.
FAMILY_KEY = Coalesce(
    Concat(Value("g"), _text("child__sibling_group_id"), output_field=CharField()),
    Concat(Value("c"), _text("child_id"), output_field=CharField()),
    output_field=CharField(),
)


def with_family(queryset):
    """Fund applications with the family they were made for (`family_key`)."""
    return queryset.annotate(family_key=FAMILY_KEY)


@measure("asf_children_funded", "Children with a Fund application approved", "count",
         distinct="child_id")  # fmt: skip
def asf_children_funded(period: Period) -> Q:
    """asf_children_funded (docs/indicators.md §8.5): children with at least one Fund application
    approved in the period."""
    return in_period("decided", period) & Q(status=APPROVED)


@measure(
    "asf_families_funded",
    "Families with a Fund application approved",
    "count",
    distinct="family_key",
)
def asf_families_funded(period: Period) -> Q:
    """asf_families_funded (docs/indicators.md §8.5): families (a sibling group, or a child with
    none) with at least one Fund application approved in the period."""
    return in_period("decided", period) & Q(status=APPROVED)


@measure("asf_match_funding", "Match funding on approved applications (£)", "money",
         amount="match_funding")  # fmt: skip
def asf_match_funding(period: Period) -> Q:
    """asf_match_funding (docs/indicators.md §8.5): £ of match funding the agency adds to the
    applications approved in the period."""
    return in_period("decided", period) & Q(status=APPROVED)


FUND_FAMILY_MEASURES = (asf_children_funded, asf_families_funded, asf_match_funding)


NOT_RECORDED = "Not recorded"  # an application with no therapy type or provider written down


def fund_by(applications: QuerySet[FundApplication], period: Period, field: str) -> list[dict]:
    """fund_by_therapy_type / fund_by_provider (docs/indicators.md §8.5): per therapy type (or
    provider), the applications submitted in the period, and of those decided in it the number
    approved, the £ approved and the £ of match funding, largest £ approved first."""
    return fund_rows(fund_totals(applications, period, field).get(None, {}), field)


def fund_totals(
    applications: QuerySet[FundApplication], period: Period, field: str, by: str | None = None
) -> dict:
    """{group: {therapy type (or provider): its sums and counts}} for fund_by, per value of `by`
    (the child's LA) or all together under None: added up over LAs, they are the area's."""
    submitted = in_period("submitted", period)
    approved = in_period("decided", period) & Q(status=APPROVED)
    groups = [by] if by else []
    rows = (
        applications.filter(submitted | approved)
        .order_by()
        .values(*groups, field)
        .annotate(
            applications=Count("pk", filter=submitted),
            approved=Count("pk", filter=approved),
            amount_approved=Sum("amount_approved", filter=approved, default=Decimal(0)),
            match_funding=Sum("match_funding", filter=approved, default=Decimal(0)),
        )
    )
    found: dict = defaultdict(dict)
    for row in rows:
        group = row.pop(by) if by else None
        found[group][row.pop(field)] = row
    return found


def fund_rows(totals: dict, field: str) -> list[dict]:
    """fund_by's rows from its totals, largest £ approved first."""
    labels = dict(TherapyType.choices) if field == "therapy_type" else {}
    found = [
        {"name": labels.get(value, value) or NOT_RECORDED, **sums}
        for value, sums in totals.items()
        if sums["applications"] or sums["approved"]
    ]
    return sorted(found, key=lambda row: (-row["amount_approved"], row["name"]))
