"""The engine against the drill-downs: over generated journeys, placements, households and
matches, every count figure equals the number of rows (children, where it counts children) of
its drill-down, every share's count and base equal the rows counted and listed, and every mean is
the rounded mean of the drill-down's days. The drill-down reads rows one by one; the engine adds
per-LA aggregates, so the two are independent ways of counting."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.calculations.engine import COMBINATION_OF, FAMILY_OF, MEASURES, figures_by_scope
from indicators.calculations.figure import divide_half_up
from indicators.calculations.panels_support import disruption_event_of
from indicators.periods import Period
from indicators.scopes import ALL, scope_for_la
from indicators.selectors import figure_drilldown
from journeys.models import Link, Placement
from tests.factories import HouseholdFactory, journey

PERIOD = Period.parse("2022-23")
START = date(2021, 1, 1)
# Figures over journeys, placements, households and links: the families a journey touches.
FAMILIES = ("journeys", "placements", "households", "links")
CODES = [
    code
    for code, measure in MEASURES.items()
    if not code.startswith("_") and FAMILY_OF[code].name in FAMILIES
] + list(COMBINATION_OF)

gaps = st.one_of(st.none(), st.integers(0, 400))


@st.composite
def journeys(draw):
    """The dates of one journey, in an order the database accepts: each milestone is unknown or
    a gap after the last known one; an ended placement is a disruption."""
    day = START + timedelta(days=draw(st.integers(0, 500)))
    dates = {"entered_care": day}
    for name in ("adm_decision", "placement_order", "matched", "placed"):
        gap = draw(gaps)
        if gap is not None:
            day = day + timedelta(days=gap)
            dates[name] = day
    placements = []
    if "placed" in dates and draw(st.booleans()):
        ended = dates["placed"] + timedelta(days=draw(st.integers(1, 200)))
        placements = [(dates["placed"], None, ended, Placement.EndReason.DISRUPTION)]
        if "matched" in dates and draw(st.booleans()):  # matched again after the disruption
            dates["matched"] = ended + timedelta(days=draw(st.integers(0, 100)))
    elif "placed" in dates:
        gap = draw(gaps)
        if gap is not None:
            dates["adoption_order"] = dates["placed"] + timedelta(days=gap)
    if "adoption_order" not in dates and draw(st.booleans()):
        dates["plan_ceased"] = day + timedelta(days=draw(st.integers(0, 300)))
        dates["plan_ceased_reason"] = "RD4"
    return draw(st.sampled_from(("la101", "la102", "la201"))), dates, placements


@st.composite
def households(draw):
    registration = START + timedelta(days=draw(st.integers(0, 700)))
    dates = {"enquiry": registration, "registration": registration}
    gap = draw(gaps)
    if gap is not None:
        dates["approved"] = registration + timedelta(days=gap)
    matched = None
    if "approved" in dates and draw(st.booleans()):
        matched = dates["approved"] + timedelta(days=draw(st.integers(0, 300)))
    return draw(st.sampled_from(("la101", "la102", "la201"))), dates, matched


def _rows_counted(code: str, rows: list[dict]) -> int:
    """The drill-down's rows, or its distinct children (households) where the figure counts
    those rather than rows."""
    if code in COMBINATION_OF:
        distinct = "child_id" if COMBINATION_OF[code].family == "journeys" else None
    else:
        distinct = MEASURES[code].distinct
    if distinct is None:
        return len(rows)
    if not isinstance(distinct, str):  # disruptions: a sibling group placed together counts once
        return len({disruption_event_of(row) for row in rows})
    # The drill-down names a placement's child `child_id`, without the `journey__` path.
    return len({row[distinct.removeprefix("journey__")] for row in rows})


@pytest.mark.django_db
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    journey_dates=st.lists(journeys(), max_size=8),
    household_dates=st.lists(households(), max_size=4),
)
def test_each_figure_agrees_with_its_drill_down(world, users, journey_dates, household_dates):
    with transaction.atomic():
        for la, dates, placements in journey_dates:
            journey(getattr(world, la), placements=placements, **dates)
        for la, dates, matched in household_dates:
            household = HouseholdFactory(la=getattr(world, la), **dates)
            if matched:
                Link.objects.create(
                    journey=journey(world.la101),
                    household=household,
                    linked=matched,
                    matched=matched,
                )
        # All data and one LA of each RAA: pooled and single.
        scopes = [ALL, scope_for_la(world.la101), scope_for_la(world.la201)]
        by_scope = figures_by_scope(PERIOD, scopes)
        for scope in scopes:
            figures = by_scope[scope]
            for code in CODES:
                rows = figure_drilldown(
                    user=users.superuser, code=code, scope=scope, period=PERIOD, via="api"
                )
                figure = figures[code]
                measure = MEASURES.get(code)
                kind = measure.kind if measure else "count"
                where = f"{code} in {scope.text}"
                if kind == "count":
                    assert figure.value == _rows_counted(code, rows), where
                elif kind == "percent":
                    counted = [row for row in rows if row["counted"]]
                    assert figure.n == _rows_counted(code, rows), where
                    assert figure.count == _rows_counted(code, counted), where
                elif kind == "mean":
                    assert figure.n == len(rows), where
                    expected = (
                        divide_half_up(sum(r["days"] for r in rows), len(rows)) if rows else None
                    )
                    assert figure.value == expected, where
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_scopes_figures_add_up_to_all_data(world, users):
    """A hand-built case of the property: two LAs' waiting children pool into all data."""
    for la in (world.la101, world.la201):
        journey(la, entered_care=date(2022, 1, 1), adm_decision=date(2022, 6, 1))
    by_scope = figures_by_scope(PERIOD, [ALL])
    assert by_scope[ALL]["waiting_at_end"].value == 2
    rows = figure_drilldown(
        user=users.superuser, code="waiting_at_end", scope=ALL, period=PERIOD, via="api"
    )
    assert len(rows) == 2
