"""Adoption support beyond the Fund, and money, for an area and period: the tables and charts
the adoption report, the dashboard's section for managers and the API share. The figures come
from indicators/calculations/ (support_services §8, money §9); this module only picks the rows
of the area and words them. Aggregates only: nothing here identifies a child."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from agencies.scoping import FINANCE, SUPPORT
from core.money import money_text
from finance.models import HubBudget
from indicators import charts, figure_cache
from indicators.calculations import money, support_services
from indicators.calculations.expressions import in_groups
from indicators.comparisons import TablePart
from indicators.dashboard import figure_text
from indicators.disclosure import belongs
from indicators.periods import Period, financial_year_label
from indicators.scopes import Scope, member_scopes
from indicators.selectors import scope_allowed
from journeys.models import Placement
from support.models import FundApplication, GroupSession, SupportAssessment

# The figures of §8 in the order a reader meets them, with the Fund's headline figures of §6.
SUPPORT_CODES = (
    "advice_calls",
    "advice_follow_ups_done",
    "birth_parent_referrals",
    "special_guardianship_referrals",
    "assessments_completed",
    "assessments_awaiting_at_end",
    "referral_to_assessment_days",
    "support_plans_agreed",
    "plan_reviews_done",
    "plan_reviews_overdue_at_end",
    "contact_arrangements_open_at_end",
    "contact_exchanges_letterbox",
    "contact_exchanges_direct",
    "group_sessions",
    "asf_applications",
    "asf_children_funded",
    "asf_families_funded",
    "asf_amount_approved",
    "asf_match_funding",
)
MEDIAN_TITLE = "Median days from referral to completed assessment"
BUDGET_YEARS = 3


@dataclass
class SupportChart:
    key: str
    title: str
    summary: str
    figure: dict  # plotly JSON, drawn in the browser
    svg: str  # the same for PDFs


@dataclass
class SupportAndMoney:
    scope: Scope
    period: Period
    parts: list[TablePart] = field(default_factory=list)
    charts: list[SupportChart] = field(default_factory=list)
    data: dict = field(default_factory=dict)  # the rows, for the API


def _hub_budgets(scope: Scope):
    """The budget records of the hubs of the area: an RAA's hubs, one hub, or every hub; an LA
    has no budget of its own."""
    if scope.kind == "hub":
        return HubBudget.objects.filter(hub_id=int(scope.key))
    if scope.kind == "raa":
        return HubBudget.objects.filter(hub__raa_id__in=scope.raa_ids)
    if scope.kind == "all":
        return HubBudget.objects.all()
    return HubBudget.objects.none()


def support_section(access, scope: Scope, period: Period) -> SupportAndMoney | None:
    """The dashboard's section for managers: for those who keep support or money (the RAA's
    manager and support workers), of their own area only (its tables are not held to the
    small-number rule), the hubs' budgets only for those who keep money."""
    if not (access.can_read(SUPPORT) or access.can_read(FINANCE)) or not belongs(access, scope):
        return None
    finance = access.can_read(FINANCE)
    las = _las_of(scope)
    seen = None if las is None else frozenset(la.key for la in las if scope_allowed(access, la))
    # Kept until the area's records change, like its figures: the Fund's years and the fees
    # read every year's rows.
    return figure_cache.kept(
        "support_and_money",
        lambda: support_and_money_for(
            scope, period, finance=finance, may_see=lambda la: seen is None or la.key in seen
        ),
        [scope],
        period,
        finance,
        sorted(seen) if seen is not None else None,
    )


def _las_of(scope: Scope) -> list[Scope] | None:
    """The LAs of the area, one by one; None for all data."""
    if scope.kind == "all":
        return None
    return [scope] if scope.kind == "la" else member_scopes(scope)


def support_and_money_for(
    scope: Scope, period: Period, *, finance: bool = True, may_see=lambda la: True
) -> SupportAndMoney:
    """The area's support beyond the Fund and its money in the period; `finance` False leaves out
    the hubs' budgets (for readers whose role does not see them). Fees are listed by LA only for
    the LAs `may_see` allows, and fees received only for a reader who may see the whole RAA."""
    figures = figure_cache.figures_by_scope(period, [scope], codes=SUPPORT_CODES)[scope]
    tables = _added(
        figure_cache.by_la(
            "support_tables", lambda la_ids: _la_tables(la_ids, period), scope.la_ids, period
        ).values()
    )
    sessions = GroupSession.objects.filter(support_group__raa_id__in=scope.raa_ids or [])
    if scope.kind == "all":
        sessions = GroupSession.objects.all()
    las = _las_of(scope)
    # The LAs' codes the reader may see; None for all data (superusers only).
    visible = None if las is None else {la.key for la in las if may_see(la)}
    fees_paid = [
        row for row in tables.get("fees_paid", []) if visible is None or row["code"] in visible
    ]
    data = {
        "figures": {code: figures[code].value for code in SUPPORT_CODES if code in figures},
        "assessment_median_days": support_services.median_of_counts(
            tables.get("assessment_days", {})
        ),
        "groups": support_services.attendance_by_group(sessions, period),
        **{key: support_services.fund_rows(tables.get(key, {}), field) for key, field in FUND_BY},
        "fund_by_year": money.fund_year_rows(tables.get("fund_by_year", {})),
        "fees_paid": sorted(fees_paid, key=money.fee_order),
        "fees_received": money.inter_agency_fees_received(
            Placement.objects.all(), period, next(iter(scope.raa_ids))
        )
        if scope.kind == "raa" and len(visible) == len(las)
        else None,  # not for an LA or hub, nor for a reader who sees only some of the RAA
    }
    if finance:
        years = {financial_year_label(period.first_year - n) for n in range(BUDGET_YEARS)}
        budgets = _hub_budgets(scope).filter(financial_year__in=years)
        data["budgets"] = money.budget_variance(budgets)
        data["budget_totals"] = money.budget_totals(budgets)
    result = SupportAndMoney(scope, period, data=data)
    result.parts = _parts(scope, period, figures, data)
    result.charts = _charts(period, data)
    return result


FUND_BY = (("fund_by_therapy_type", "therapy_type"), ("fund_by_provider", "provider"))


def _la_tables(la_ids, period: Period) -> dict:
    """{LA: its tables in the period that add up over LAs} for these LAs (None: every LA, and
    the records of none): the counts behind the median assessment, the Fund by therapy type,
    by provider and by year, and the fees paid."""
    assessments = SupportAssessment.objects.filter(_among("referral__la_id", la_ids))
    applications = FundApplication.objects.filter(_among("child__la_id", la_ids))
    placements = Placement.objects.filter(_among("journey__child__la_id", la_ids))
    by_la = {
        "assessment_days": support_services.assessment_days(
            assessments, period, by="referral__la_id"
        ),
        **{
            key: support_services.fund_totals(applications, period, field, by="child__la_id")
            for key, field in FUND_BY
        },
        "fund_by_year": money.fund_year_totals(applications, by="child__la_id"),
        "fees_paid": money.fees_paid_by_la(placements, period),
    }
    found: dict = defaultdict(dict)
    for name, values in by_la.items():
        for la, value in values.items():
            found[la][name] = value
    return found


def _among(path: str, la_ids) -> Q:
    """The records of these LAs (None among them: of no LA too); of every one for None."""
    return Q() if la_ids is None else in_groups(path, la_ids)


def _added(parts) -> dict:
    """Tables added up: numbers added, rows listed one after another, table by table."""
    total: dict = {}
    for part in parts:
        for key, value in part.items():
            if key not in total:
                total[key] = value
            elif isinstance(value, dict):
                total[key] = _added([total[key], value])
            else:
                total[key] = total[key] + value
    return total


NO_PLACEMENTS = "No inter-agency placements"


def _count(value) -> str:
    return f"{value:,}"


def _known_money(value, missing: str) -> str:
    return missing if value is None else money_text(value)


def _parts(scope: Scope, period: Period, figures, data: dict) -> list[TablePart]:
    when = period.label
    # Groups belong to an RAA: an LA's or a hub's figures have no sessions.
    shown = [code for code in SUPPORT_CODES if code in figures]
    lines = [[figures[code].title, figure_text(figures[code])] for code in shown]
    median = data["assessment_median_days"]
    lines.insert(7, [MEDIAN_TITLE, "no children" if median is None else f"{median:,} days"])
    parts = [TablePart(f"Adoption support beyond the Fund, {when}", ["Figure", when], lines)]
    if data["groups"]:
        heads = ["Group", "Kind", "Sessions", "Attendances", "Mean a session"]
        rows = [
            [row["name"], row["kind"], _count(row["sessions"]), _count(row["attendances"])]
            + [f"{row['mean']:.1f}"]
            for row in data["groups"]
        ]
        parts.append(TablePart(f"Groups, courses and programmes, {when}", heads, rows))
    for key, title, first in (
        ("fund_by_therapy_type", "Fund applications by therapy type", "Therapy"),
        ("fund_by_provider", "Fund applications by provider", "Provider"),
    ):
        heads = [first, "Applications", "Approved", "Amount approved", "Match funding"]
        rows = [
            [row["name"], _count(row["applications"]), _count(row["approved"])]
            + [money_text(row["amount_approved"]), money_text(row["match_funding"])]
            for row in data[key]
        ]
        none = [["No applications", "0", "0", money_text(0), money_text(0)]]
        parts.append(TablePart(f"{title}, {when}", heads, rows or none))
    heads = ["Year", "Applications", "Applied for", "Approved", "Children funded"]
    heads += ["Match funding", "Fair access limit", "Children over the limit"]
    rows = [
        [row["year"], _count(row["applications"]), money_text(row["applied"])]
        + [money_text(row["approved"]), _count(row["children"]), money_text(row["match_funding"])]
        + [_known_money(row["limit"], "No rule"), _count(row["children_over_limit"])]
        for row in data["fund_by_year"]
    ]
    parts.append(TablePart("The Fund by financial year, against each year's rules", heads, rows))
    if data.get("budgets"):
        rows = [
            [row["hub"], row["year"], money_text(row["budget"])]
            + [_known_money(row["outturn"], "Not yet known"), _known_money(row["variance"], "—")]
            for row in data["budgets"]
        ]
        for row in data["budget_totals"]:
            name = f"All hubs ({row['hubs_open']} not closed)" if row["hubs_open"] else "All hubs"
            rows.append(
                [name, row["year"], money_text(row["budget"])]
                + [_known_money(row["outturn"], "Not yet known")]
                + [_known_money(row["variance"], "—")]
            )
        heads = ["Hub", "Year", "Budget", "Outturn", "Variance"]
        parts.append(TablePart("Budget and outturn by hub", heads, rows))
    fees = [("fees_paid", "Inter-agency fees paid, by placing LA")]
    if data["fees_received"] is not None:
        fees.append(("fees_received", "Inter-agency fees received, by placing LA"))
    for key, title in fees:
        heads = ["Placing LA", "Placements", "With a fee recorded", "Fees"]
        rows = [
            [row["la"], _count(row["placements"]), _count(row["with_fee"])]
            + [money_text(row["fees"])]
            for row in data[key]
        ]
        parts.append(
            TablePart(f"{title}, {when}", heads, rows or [[NO_PLACEMENTS, "0", "0", money_text(0)]])
        )
    return parts


def _charts(period: Period, data: dict) -> list[SupportChart]:
    """The Fund by year, and each hub's budget against its outturn in the period's year."""
    found = []
    years = list(reversed(data["fund_by_year"]))
    if years:
        labels = [row["year"] for row in years]
        series = {
            "Approved (£)": [float(row["approved"]) for row in years],
            "Match funding (£)": [float(row["match_funding"]) for row in years],
        }
        found.append(
            SupportChart(
                "fund-by-year",
                "The Fund by financial year",
                "The Fund's approved amounts and match funding by financial year.",
                charts.bar_chart(labels, series, y_title="£"),
                charts.svg_bar_chart(labels, series, y_title="£"),
            )
        )
    year = financial_year_label(period.first_year)
    rows = [row for row in data.get("budgets", []) if row["year"] == year]
    if rows:
        labels = [row["hub"] for row in rows]
        series = {
            "Budget (£)": [float(row["budget"]) for row in rows],
            "Outturn (£)": [
                None if row["outturn"] is None else float(row["outturn"]) for row in rows
            ],  # fmt: skip
        }
        found.append(
            SupportChart(
                "budget-by-hub",
                f"Budget and outturn by hub, {year}",
                f"Each hub's budget beside its outturn for {year}.",
                charts.bar_chart(labels, series, y_title="£"),
                charts.svg_bar_chart(labels, series, y_title="£"),
            )
        )
    return found
