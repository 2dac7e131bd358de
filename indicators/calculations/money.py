"""Money (docs/indicators.md §9): hub budgets against outturn, inter-agency fees paid and
received by the placing LA, and the Adoption Support Fund by financial year against each year's
rules. Each calculation's docstring is its definition; amounts are pounds and pence (Decimal)."""

from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, QuerySet, Sum

from indicators.calculations.expressions import in_period
from indicators.periods import Period
from journeys.models import AdopterSource, Placement
from support.models import FundApplication, FundRule

ZERO = Decimal(0)
INTER_AGENCY = (AdopterSource.OTHER_LA, AdopterSource.VAA)


def budget_variance(budgets: QuerySet) -> list[dict]:
    """budget_variance (docs/indicators.md §9.1): per hub and financial year, the budget, the
    outturn and the variance (outturn − budget: positive is an overspend), latest year first;
    the variance is None until the outturn is known."""
    rows = (
        budgets.order_by("-financial_year", "hub__name")
        .annotate(
            variance=ExpressionWrapper(
                F("outturn") - F("budget"),
                output_field=DecimalField(max_digits=13, decimal_places=2),
            )
        )
        .values("hub_id", "hub__name", "financial_year", "budget", "outturn", "variance")
    )
    return [
        {
            "hub": row["hub__name"],
            "year": row["financial_year"],
            "budget": row["budget"],
            "outturn": row["outturn"],
            "variance": row["variance"],
        }
        for row in rows
    ]


def budget_totals(budgets: QuerySet) -> list[dict]:
    """budget_totals (docs/indicators.md §9.1): per financial year, the hubs' budgets and
    outturns added up, and the variance over the hubs whose outturn is known (a hub without one
    is left out of the outturn and of the variance, and counted in `hubs_open`)."""
    known = Q(outturn__isnull=False)
    rows = (
        budgets.order_by()
        .values("financial_year")
        .annotate(
            total_budget=Sum("budget"),
            total_outturn=Sum("outturn", filter=known),
            budget_known=Sum("budget", filter=known),
            hubs_open=Count("pk", filter=~known),
        )
        .order_by("-financial_year")
    )
    return [
        {
            "year": row["financial_year"],
            "budget": row["total_budget"],
            "outturn": row["total_outturn"],
            "variance": None
            if row["total_outturn"] is None
            else row["total_outturn"] - (row["budget_known"] or ZERO),
            "hubs_open": row["hubs_open"],
        }
        for row in rows
    ]


def inter_agency_fees_paid(placements: QuerySet[Placement], period: Period) -> list[dict]:
    """inter_agency_fees_paid (docs/indicators.md §9.2): per placing LA (the child's LA), the
    inter-agency placements made in the period (with another LA or RAA, or a voluntary adoption
    agency), how many have a fee recorded, and the fees added up, largest first."""
    rows = (
        placements.filter(in_period("placed", period), source__in=INTER_AGENCY)
        .order_by()
        .values("journey__child__la__code", "journey__child__la__name")
        .annotate(
            placements=Count("pk"),
            with_fee=Count("pk", filter=Q(inter_agency_fee__isnull=False)),
            fees=Sum("inter_agency_fee"),
        )
    )
    return _fee_rows(rows)


def inter_agency_fees_received(
    placements: QuerySet[Placement], period: Period, raa_id: int
) -> list[dict]:
    """inter_agency_fees_received (docs/indicators.md §9.2): per placing LA outside the RAA, the
    placements made in the period of its children with households the RAA approved, how many
    have a fee recorded, and the fees added up, largest first."""
    rows = (
        placements.filter(in_period("placed", period), household__raa_id=raa_id)
        .exclude(journey__child__la__raa_id=raa_id)
        .order_by()
        .values("journey__child__la__code", "journey__child__la__name")
        .annotate(
            placements=Count("pk"),
            with_fee=Count("pk", filter=Q(inter_agency_fee__isnull=False)),
            fees=Sum("inter_agency_fee"),
        )
    )
    return _fee_rows(rows)


def _fee_rows(rows) -> list[dict]:
    found = [
        {
            "code": row["journey__child__la__code"],
            "la": row["journey__child__la__name"],
            "placements": row["placements"],
            "with_fee": row["with_fee"],
            "fees": row["fees"] or ZERO,
        }
        for row in rows
    ]
    return sorted(found, key=lambda row: (-row["fees"], row["la"]))


def fund_by_year(applications: QuerySet[FundApplication]) -> list[dict]:
    """fund_by_year (docs/indicators.md §9.3): per financial year of the applications (from
    their submission date), the applications, the £ applied for, the £ approved, the children
    funded, the match funding, and that year's rules: the fair access limit, whether match
    funding applies, and how many children's approved total passes the limit."""
    approved = Q(status=FundApplication.Status.APPROVED)
    years = (
        applications.order_by()
        .values("financial_year")
        .annotate(
            applications=Count("pk"),
            applied=Sum("amount_applied"),
            approved=Sum("amount_approved", filter=approved),
            children=Count("child_id", filter=approved, distinct=True),
            matched=Sum("match_funding", filter=approved),
        )
        .order_by("-financial_year")
    )
    rules = list(FundRule.objects.order_by("applies_from"))
    # Only the children over the lowest limit of any year come back, not every child funded.
    lowest = min((rule.fair_access_limit for rule in rules), default=None)
    per_child = (
        applications.filter(approved)
        .order_by()
        .values("financial_year", "child_id")
        .annotate(total=Sum("amount_approved"))
        .filter(total__gt=lowest)
        if lowest is not None
        else []
    )
    over: dict[str, int] = {}
    for row in per_child:
        rule = _rule_for(rules, row["financial_year"])
        if rule is not None and row["total"] > rule.fair_access_limit:
            over[row["financial_year"]] = over.get(row["financial_year"], 0) + 1
    found = []
    for row in years:
        rule = _rule_for(rules, row["financial_year"])
        found.append(
            {
                "year": row["financial_year"],
                "applications": row["applications"],
                "applied": row["applied"] or ZERO,
                "approved": row["approved"] or ZERO,
                "children": row["children"],
                "match_funding": row["matched"] or ZERO,
                "limit": rule.fair_access_limit if rule else None,
                "match_funding_allowed": rule.match_funding if rule else None,
                "children_over_limit": over.get(row["financial_year"], 0),
            }
        )
    return found


def _rule_for(rules: list[FundRule], year: str) -> FundRule | None:
    """The rule in force in `year`: the latest applying from it or before (rules in order)."""
    found = None
    for rule in rules:
        if rule.applies_from <= year:
            found = rule
    return found
