"""The engine: every family of indicators computed in one query, pooled by scope, with trends,
targets and statuses (docs/indicators.md §1).

Each figure is a *measure* (see measures.py) defined in the module of its section of
docs/indicators.md. Measures over the same model form a *family*, computed in one query that
groups by local authority and uses conditional aggregation for every measure and every period
asked for. Those per-LA sums and counts are additive, so a hub, an RAA or all data is pooled
child by child by adding them up before dividing: a pooled mean is never a mean of means
(§1.2). Panel meetings belong to an RAA, not an LA, and are grouped by RAA.

Drill-downs, worklists and data-quality checks reuse the same cohort conditions (see
indicators/selectors.py), so a figure and the children behind it cannot disagree.
"""

import functools
import operator
import os
import queue
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from functools import reduce

from django.conf import settings
from django.db import connection, connections
from django.db.models import BooleanField, ExpressionWrapper, F, Func, IntegerField, Q, Value
from django.db.models.functions import Coalesce

from indicators.benchmarks import benchmark, reference_rows
from indicators.calculations import (
    activity,
    adopted,
    adopters,
    disruption_learning,
    panels_support,
    recruitment,
    support_services,
    timeliness,
)
from indicators.calculations.expressions import in_groups, or_none
from indicators.calculations.figure import Figure, divide_half_up, round_half_up, status, trend
from indicators.calculations.measures import Family, Measure
from indicators.calculations.states import with_quorum
from indicators.periods import Period
from indicators.scopes import Scope, all_scopes
from journeys.models import AdopterHousehold, Journey, Link, Placement
from panels.models import Meeting, PanelItem
from recruitment.models import InformationEvent, InitialVisit, PreparationCourse
from support.models import (
    ContactArrangement,
    ContactExchange,
    FundApplication,
    GroupSession,
    SupportAssessment,
    SupportReferral,
)

FAMILIES = (
    Family(
        "journeys",
        Journey,
        "child__la_id",
        (*timeliness.JOURNEY_MEASURES, *activity.JOURNEY_MEASURES, *adopted.JOURNEY_MEASURES),
    ),
    Family(
        "placements",
        Placement,
        "journey__child__la_id",
        (
            *activity.PLACEMENT_MEASURES,
            *adopted.PLACEMENT_MEASURES,
            *panels_support.PLACEMENT_MEASURES,
            *disruption_learning.PLACEMENT_MEASURES,
        ),
    ),
    Family(
        "households",
        AdopterHousehold,
        "la_id",
        (*adopters.HOUSEHOLD_MEASURES, *recruitment.HOUSEHOLD_MEASURES),
    ),
    Family("links", Link, "household__la_id", adopters.LINK_MEASURES),
    Family(
        "panel_items",
        PanelItem,
        "panel_la",
        panels_support.PANEL_ITEM_MEASURES,
        prepare=lambda qs: qs.annotate(
            panel_la=Coalesce("journey__child__la_id", "household__la_id")
        ),
    ),
    Family(
        "meetings",
        Meeting,
        "panel__raa_id",
        panels_support.MEETING_MEASURES,
        by_raa=True,
        prepare=with_quorum,
    ),
    Family(
        "support_referrals",
        SupportReferral,
        "la_id",
        (*panels_support.SUPPORT_REFERRAL_MEASURES, *support_services.REFERRAL_MEASURES),
    ),
    Family(
        "support_assessments",
        SupportAssessment,
        "referral__la_id",
        (*panels_support.SUPPORT_ASSESSMENT_MEASURES, *support_services.ASSESSMENT_MEASURES),
    ),
    Family(
        "fund_applications",
        FundApplication,
        "child__la_id",
        (*panels_support.FUND_MEASURES, *support_services.FUND_FAMILY_MEASURES),
        prepare=support_services.with_family,
    ),
    Family(
        "contact_exchanges",
        ContactExchange,
        "arrangement__child__la_id",
        support_services.EXCHANGE_MEASURES,
    ),
    Family(
        "contact_arrangements",
        ContactArrangement,
        "child__la_id",
        support_services.ARRANGEMENT_MEASURES,
    ),
    Family(
        "group_sessions",
        GroupSession,
        "support_group__raa_id",
        support_services.SESSION_MEASURES,
        by_raa=True,
    ),
    Family(
        "information_events",
        InformationEvent,
        "raa_id",
        recruitment.EVENT_MEASURES,
        by_raa=True,
    ),
    Family(
        "preparation_courses",
        PreparationCourse,
        "raa_id",
        recruitment.COURSE_MEASURES,
        by_raa=True,
    ),
    Family("initial_visits", InitialVisit, "household__la_id", recruitment.VISIT_MEASURES),
)
MEASURES = {measure.code: measure for family in FAMILIES for measure in family.measures}
FAMILY_OF = {measure.code: family for family in FAMILIES for measure in family.measures}
FAMILY_BY_NAME = {family.name: family for family in FAMILIES}
COMBINATIONS = (*activity.COMBINATIONS, *adopters.COMBINATIONS)
COMBINATION_OF = {combination.code: combination for combination in COMBINATIONS}
# Figures computed from others after pooling, with no rows of their own.
DERIVED = {adopters.SUFFICIENCY_RATIO: adopters.SUFFICIENCY_TITLE}


def title_of(code: str) -> str:
    """The title of any figure: its one definition in the section modules."""
    if code in MEASURES:
        return MEASURES[code].title
    if code in COMBINATION_OF:
        return COMBINATION_OF[code].title
    return DERIVED[code]


def status_against(code: str, value, target) -> str | None:
    """A figure's value against its target: met, within 10 % of it, or not met."""
    return status(MEASURES[code].better if code in MEASURES else None, value, target)


def reference_values(
    codes: Iterable[str], period: Period, rows=None, la_id: int | None = None
) -> dict[str, tuple]:
    """{indicator: (target, England average, the England average's period where it is not the
    figure's own, statistical neighbours' average)} for a figure of the period: the value for
    that period, else for a longer one containing it, else for any period; an LA's own before
    the national one (indicators/benchmarks.py, docs/indicators.md §2)."""
    codes = list(codes)
    rows = reference_rows(codes) if rows is None else rows
    found = {}
    for code in codes:
        target = benchmark(rows, code, "target", period, la_id)
        england = benchmark(rows, code, "england", period)
        neighbours = benchmark(rows, code, "neighbours", period, la_id)
        found[code] = (
            target.value if target else None,
            england.value if england else None,
            england.period if england and england.period != period.label else None,
            neighbours.value if neighbours else None,
        )
    return found


def reference_table(
    codes: Iterable[str], periods: list[Period], la_id: int | None = None
) -> dict[Period, dict]:
    """reference_values for several periods from one query."""
    codes = list(codes)
    rows = reference_rows(codes)
    return {period: reference_values(codes, period, rows, la_id) for period in periods}


def own_la(scope: Scope) -> int | None:
    """The LA whose own reference values a scope's figures take: one LA's, else none."""
    return next(iter(scope.la_ids)) if scope.kind == "la" and scope.la_ids else None


def _finalise(measure: Measure, totals: dict, suffix: str) -> Figure:
    """A measure's figure from pooled sums and counts, rounded (docs/indicators.md §1.1)."""
    value, n, count = _numbers(measure, totals, suffix)
    return Figure(measure.code, measure.title, value, n, count)


@functools.cache
def _names(code: str, suffix: str) -> tuple[str, str, str]:
    """The names of a measure's cohort size, sum and count for a period in a family's row."""
    return f"{code}.{suffix}.n", f"{code}.{suffix}.sum", f"{code}.{suffix}.count"


def _numbers(measure: Measure, totals: dict, suffix: str) -> tuple:
    """A measure's value, cohort size and count (for percentages) from pooled sums and counts."""
    n_name, sum_name, count_name = _names(measure.code, suffix)
    n = int(totals.get(n_name) or 0)
    value = count = None
    if measure.kind == "count":
        value = n
    elif measure.kind == "total":
        value = int(totals.get(sum_name) or 0)
    elif n:
        if measure.kind == "mean":
            value = divide_half_up(int(totals[sum_name] or 0), n)
        elif measure.kind == "percent":
            count = int(totals.get(count_name) or 0)
            value = divide_half_up(count, n, 1000) / 10
        elif measure.kind == "money":
            value = float(round_half_up(Decimal(totals[sum_name] or 0), 2))
        elif measure.kind == "money_mean":
            value = float(round_half_up(Decimal(totals[sum_name] or 0) / n, 2))
    elif measure.kind == "percent":
        count = 0
    if measure.kind == "money" and value is None:
        value = 0.0
    return value, n, count


def family_components(
    family: Family,
    periods: list[Period],
    la_ids: frozenset[int] | None,
    raa_ids=None,
    codes: set[str] | None = None,
) -> dict[int, dict]:
    """One query: additive sums and counts per LA (or RAA) for every measure (or those in
    `codes`) and every period, over only the rows some measure counts (`rows_read`). Rows of no
    LA (or RAA) are grouped under None.

    On PostgreSQL the query's SQL is built once per family, periods and measures, and run again
    for any LAs: Django builds the few hundred conditional aggregates in tens of milliseconds,
    which was most of the time of a figure for one LA."""
    groups = raa_ids if family.by_raa else la_ids
    if groups is not None and not groups:
        return {}
    if connection.vendor != "postgresql":
        among = None if groups is None else in_groups(family.group_path, groups)
        rows = _components_query(family, periods, codes, among)
        return {row.pop("group"): row for row in rows}
    with_none = groups is not None and None in groups
    sql, params = _compiled(
        family.name,
        tuple(periods),
        None if codes is None else frozenset(codes),
        groups is not None,
        with_none,
    )
    if groups is not None:
        chosen = sorted(group for group in groups if group is not None)
        params = [chosen if param is _GROUPS else param for param in params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column.name for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return {row.pop("group"): row for row in rows}


def _components_query(family: Family, periods, codes, among: Q | None):
    aggregates = {}
    for index, period in enumerate(periods):
        for measure in _chosen(family, codes):
            aggregates.update(measure.aggregates(period, str(index)))
    queryset = family.queryset().filter(rows_read(family, periods, codes))
    if among is not None:
        queryset = queryset.filter(among)
    # Grouped by `LA + 0`, which no index delivers in order: the distinct counts need rows
    # sorted by LA, and an index on the LA tempted the planner into walking every child by LA
    # and probing its journeys (a nested loop over all the rows: 2.1× slower than a hash join at
    # 1M in issue 18; docs/performance.md); with the sort needed anyway, it filters the rows
    # read first, hash-joins them and sorts only those.
    group = ExpressionWrapper(F(family.group_path) + Value(0), output_field=IntegerField())
    return queryset.order_by().values(group=group).annotate(**aggregates)


# The parameter of a compiled query that stands for the LAs (or RAAs) it is run for.
_GROUPS: list[int] = []


class _AnyOf(Func):
    """`path = ANY(%s)` with the whole list of LAs one parameter (PostgreSQL), so that one
    compiled query serves any LAs."""

    output_field = BooleanField()

    def __init__(self, path: str):
        super().__init__(F(path))

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"{sql} = ANY(%s)", (*params, _GROUPS)


@functools.lru_cache(maxsize=512)
def _compiled(name: str, periods: tuple, codes, grouped: bool, with_none: bool):
    """The SQL and parameters of a family's components query, `_GROUPS` among them."""
    family = FAMILY_BY_NAME[name]
    among = or_none(family.group_path, Q(_AnyOf(family.group_path)), with_none) if grouped else None
    return _components_query(family, list(periods), codes, among).query.sql_with_params()


def each_family(run, codes: set[str] | None) -> dict[str, dict]:
    """{family name: run(family)} for every family with a measure in `codes` (None: all).

    On PostgreSQL the families' queries run `FIGURE_QUERY_THREADS` at a time, each thread on its
    own connection, taking the next family as it finishes one (the largest come first): a
    query's scan may use the second core, but its sums are added up on one. Inside a
    transaction they run one after another on its connection, which alone sees its changes."""
    families = [family for family in FAMILIES if _chosen(family, codes)]
    threads = min(settings.FIGURE_QUERY_THREADS, len(families))
    if threads < 2 or connection.vendor != "postgresql" or connection.in_atomic_block:
        return {family.name: run(family) for family in families}
    todo: queue.SimpleQueue = queue.SimpleQueue()
    for family in families:
        todo.put(family)
    done = {}

    def work() -> None:
        while True:
            try:
                family = todo.get_nowait()
            except queue.Empty:
                return
            done[family.name] = run(family)

    def helper() -> None:
        try:
            work()
        finally:
            connections.close_all()  # this thread's own: none is left open between requests

    helpers = [_helpers(threads - 1).submit(helper) for _ in range(threads - 1)]
    try:
        work()
    finally:
        for running in helpers:
            # One not started yet (its thread busy with another request's families) has nothing
            # left to do; one started is waited for, and raises its error here.
            if not running.cancel():
                running.result()
    return {family.name: done[family.name] for family in families}


_helper_threads: tuple[int, ThreadPoolExecutor] | None = None


def _helpers(count: int) -> ThreadPoolExecutor:
    """The threads that run families beside the caller's: one pool per process (a worker forked
    from a parent makes its own)."""
    global _helper_threads
    if _helper_threads is None or _helper_threads[0] != os.getpid():
        _helper_threads = (os.getpid(), ThreadPoolExecutor(count, thread_name_prefix="families"))
    return _helper_threads[1]


def rows_read(family: Family, periods: list[Period], codes: set[str] | None = None) -> Q:
    """The rows a family's query reads: those in the cohort of some measure asked for in some
    period asked for — rows with a date in a period, or open at a period's end for the
    snapshots (docs/indicators.md §1.3). Every other row adds nothing to any sum or count, so a
    year's figures read a year's rows, not every year's."""
    cohorts: list[Q] = []
    for period in periods:
        for measure in _chosen(family, codes):
            cohort = measure.cohort(period)
            if cohort not in cohorts:
                cohorts.append(cohort)
    return reduce(operator.or_, cohorts) if cohorts else Q(pk__in=[])


def _pool(components: dict[int, dict], keys: Iterable[int] | None) -> dict:
    """Add up the per-LA (or per-RAA) sums and counts of the scope's members."""
    if keys is not None and len(keys) == 1:
        return components.get(next(iter(keys))) or {}  # one LA: its own sums, read only
    rows = components.values() if keys is None else (components.get(key) for key in keys)
    totals: dict[str, int | Decimal] = defaultdict(int)
    for row in rows:
        for name, value in (row or {}).items():
            if value is not None:
                totals[name] += value
    return totals


def _chosen(family: Family, codes: set[str] | None) -> list[Measure]:
    return [m for m in family.measures if codes is None or m.code in codes]


def _figures_from(
    components: dict[str, dict[int, dict]],
    scope: Scope,
    references: dict,
    current: str = "0",
    previous: str = "1",
    codes: set[str] | None = None,
) -> dict[str, Figure]:
    """The figures of one scope from the per-LA components: the period numbered `current`,
    with trends against the one numbered `previous`."""
    figures = {}
    for family in FAMILIES:
        if family.name not in components or (family.by_raa and scope.kind in ("la", "hub")):
            continue  # panel meetings belong to the RAA, not to one LA or hub
        keys = scope.raa_ids if family.by_raa else scope.la_ids
        totals = _pool(components[family.name], keys)
        for measure in _chosen(family, codes):
            figure = _finalise(measure, totals, current)
            figure.previous = _numbers(measure, totals, previous)[0]
            figures[measure.code] = figure
    for combination in COMBINATIONS:
        if not all(code in figures for code, _ in combination.parts):
            continue
        value, before = (
            sum(sign * getattr(figures[code], attribute) for code, sign in combination.parts)
            for attribute in ("value", "previous")
        )
        figures[combination.code] = Figure(
            combination.code, combination.title, value, value, previous=before
        )
    figures = {code: figure for code, figure in figures.items() if not code.startswith("_")}
    for code, figure in figures.items():
        better = MEASURES[code].better if code in MEASURES else None
        figure.trend = trend(better, figure.value, figure.previous)
        figure.target, figure.england, figure.england_period, figure.neighbours = references.get(
            code, (None, None, None, None)
        )
        figure.status = status(better, figure.value, figure.target)
        figure.england_status = status(better, figure.value, figure.england)
    if "po_awaiting_match_at_end" in figures and "adopters_waiting_at_end" in figures:
        figures[adopters.SUFFICIENCY_RATIO] = _sufficiency(figures, references)
    return figures


def _sufficiency(figures: dict[str, Figure], references: dict) -> Figure:
    """Children awaiting a match per approved household waiting, two decimals
    (docs/indicators.md §5, `sufficiency_ratio`)."""

    def ratio(children, households):
        return float(round_half_up(Decimal(children) / households, 2)) if households else None

    children, households = figures["po_awaiting_match_at_end"], figures["adopters_waiting_at_end"]
    value = ratio(children.value, households.value)
    previous = ratio(children.previous, households.previous)
    target, england, _, _ = references.get(adopters.SUFFICIENCY_RATIO, (None,) * 4)
    return Figure(
        adopters.SUFFICIENCY_RATIO,
        DERIVED[adopters.SUFFICIENCY_RATIO],
        value,
        households.value,
        count=children.value,
        target=target,
        england=england,
        trend=trend("lower", value, previous),
        previous=previous,
    )


def _with_parts(codes: Iterable[str]) -> set[str]:
    """The codes and every measure they are built from."""
    wanted = set(codes)
    if adopters.SUFFICIENCY_RATIO in wanted:
        wanted |= {"po_awaiting_match_at_end", "adopters_waiting_at_end"}
    for code in list(wanted):
        if code in COMBINATION_OF:
            wanted |= {part for part, _ in COMBINATION_OF[code].parts}
    return wanted


def figures_by_scope(
    period: Period,
    scopes: list[Scope] | None = None,
    codes: Iterable[str] | None = None,
    components_of=family_components,
) -> dict[Scope, dict[str, Figure]]:
    """Every figure (or those in `codes`) for every scope (default: every LA, hub, RAA and all
    data) in one query per family, with trends against the previous period
    (docs/indicators.md §1). `components_of` gives the per-LA sums: computed here, or kept
    between changes (indicators/figure_cache.py)."""
    scopes = all_scopes() if scopes is None else scopes
    wanted = None if codes is None else _with_parts(codes)
    periods = [period, period.previous()]
    la_ids = (
        None
        if any(s.la_ids is None for s in scopes)
        else frozenset().union(*(s.la_ids for s in scopes))
    )
    raa_ids = (
        None
        if any(s.raa_ids is None for s in scopes)
        else frozenset().union(*(s.raa_ids for s in scopes))
    )
    components = each_family(
        lambda family: components_of(family, periods, la_ids, raa_ids, wanted), wanted
    )
    every_code = [
        code for code in (*MEASURES, *COMBINATION_OF, *DERIVED) if wanted is None or code in wanted
    ]
    references = _references_of_scopes(every_code, period, scopes)
    return {
        scope: _figures_from(components, scope, references[own_la(scope)], codes=wanted)
        for scope in scopes
    }


def _references_of_scopes(codes: list[str], period: Period, scopes: list[Scope]) -> dict:
    """{own LA (or None): reference_values}: the national values once, and an LA's own only for
    the LAs that have some (every other scope's are the national ones)."""
    rows = reference_rows(codes)
    with_own = {row.la_id for row in rows if row.la_id is not None}
    national = reference_values(codes, period, rows)
    return {
        la_id: national if la_id not in with_own else reference_values(codes, period, rows, la_id)
        for la_id in {own_la(scope) for scope in scopes}
    }


def figures_for(scope: Scope, period: Period) -> dict[str, Figure]:
    """Every figure for one scope and period."""
    return figures_by_scope(period, [scope])[scope]


def figure_series(
    scope: Scope, periods: list[Period], codes: list[str], components_of=family_components
) -> list[dict[str, Figure]]:
    """The figures `codes` for one scope over consecutive periods, oldest first, each with its
    trend against the period before it: one query per family involved."""
    wanted = _with_parts(codes)
    steps = [periods[0].previous(), *periods]
    components = each_family(
        lambda family: components_of(family, steps, scope.la_ids, scope.raa_ids, wanted), wanted
    )
    references = reference_table(codes, periods, own_la(scope))
    series = []
    for index, period in enumerate(periods, start=1):
        figures = _figures_from(
            components, scope, references[period], str(index), str(index - 1), wanted
        )
        # Panel meetings belong to RAAs: an LA or hub has no such figure.
        series.append({code: figures[code] for code in codes if code in figures})
    return series
