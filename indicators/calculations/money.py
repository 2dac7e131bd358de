"""Money (docs/indicators.md §9): hub budgets against outturn, inter-agency fees paid and
received by the placing LA, and the Adoption Support Fund by financial year against each year's
rules. Each calculation's docstring is its definition; amounts are pounds and pence (Decimal)."""

from collections import defaultdict
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
    rows = [row for rows in fees_paid_by_la(placements, period).values() for row in rows]
    return sorted(rows, key=fee_order)


def fees_paid_by_la(placements: QuerySet[Placement], period: Period) -> dict[int, list[dict]]:
    """inter_agency_fees_paid's rows, {the placing LA's id: [its row]}: largest first within."""
    rows = (
        placements.filter(in_period("placed", period), source__in=INTER_AGENCY)
        .order_by()
        .values("journey__child__la_id", "journey__child__la__code", "journey__child__la__name")
        .annotate(
            placements=Count("pk"),
            with_fee=Count("pk", filter=Q(inter_agency_fee__isnull=False)),
            fees=Sum("inter_agency_fee"),
        )
    )
    return {row["journey__child__la_id"]: _fee_rows([row]) for row in rows}


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
    return sorted(found, key=fee_order)


def fee_order(row: dict) -> tuple:
    """Fee rows largest first, then by LA."""
    return (-row["fees"], row["la"])


def fund_by_year(applications: QuerySet[FundApplication]) -> list[dict]:
    """fund_by_year (docs/indicators.md §9.3): per financial year of the applications (from
    their submission date), the applications, the £ applied for, the £ approved, the children
    funded, the match funding, and that year's rules: the fair access limit, whether match
    funding applies, and how many children's approved total passes the limit."""
    return fund_year_rows(fund_year_totals(applications).get(None, {}))


def fund_year_totals(applications: QuerySet[FundApplication], by: str | None = None) -> dict:
    """{group: {financial year: its sums and counts}} for fund_by_year, per value of `by` (the
    child's LA) or all together under None. A child belongs to one LA, so children funded and
    children over the limit add up over LAs as the sums do."""
    approved = Q(status=FundApplication.Status.APPROVED)
    groups = [by] if by else []
    years = (
        applications.order_by()
        .values(*groups, "financial_year")
        .annotate(
            applications=Count("pk"),
            applied=Sum("amount_applied", default=ZERO),
            approved=Sum("amount_approved", filter=approved, default=ZERO),
            children=Count("child_id", filter=approved, distinct=True),
            match_funding=Sum("match_funding", filter=approved, default=ZERO),
        )
    )
    found: dict = defaultdict(dict)
    for row in years:
        group, year = row.pop(by) if by else None, row.pop("financial_year")
        found[group][year] = {**row, "children_over_limit": 0}
    rules = list(FundRule.objects.order_by("applies_from"))
    # Only the children over the lowest limit of any year come back, not every child funded.
    lowest = min((rule.fair_access_limit for rule in rules), default=None)
    per_child = (
        applications.filter(approved)
        .order_by()
        .values(*groups, "financial_year", "child_id")
        .annotate(total=Sum("amount_approved"))
        .filter(total__gt=lowest)
        if lowest is not None
        else []
    )
    for row in per_child:
        rule = _rule_for(rules, row["financial_year"])
        if rule is not None and row["total"] > rule.fair_access_limit:
            found[row[by] if by else None][row["financial_year"]]["children_over_limit"] += 1
    return found


def fund_year_rows(totals: dict) -> list[dict]:
    """fund_by_year's rows from its totals, latest year first, with each year's rules."""
    rules = list(FundRule.objects.order_by("applies_from"))
    found = []
    for year in sorted(totals, reverse=True):
        rule = _rule_for(rules, year)
        found.append(
            {
                "year": year,
                **totals[year],
                "limit": rule.fair_access_limit if rule else None,
                "match_funding_allowed": rule.match_funding if rule else None,
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
