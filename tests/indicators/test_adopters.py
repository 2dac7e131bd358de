"""Adopter figures (docs/indicators.md §5, indicators/calculations/adopters.py) on hand-built
records, answers by hand."""

from datetime import date

import pytest

from indicators.calculations.engine import figures_for
from indicators.periods import Period
from indicators.scopes import parse_scope
from indicators.selectors import figure_rows
from tests.factories import HouseholdFactory, LinkFactory, journey

Y2022 = Period.parse("2022-23")  # ends 31 Mar 2023


@pytest.mark.django_db
def test_adopter_pipeline_clocks_and_waiting(world, users):
    def household(**dates):
        return HouseholdFactory(la=world.la101, **dates)

    # Registered 1 May, approved 31 Oct 2022: 183 days, within six months.
    h1 = household(
        enquiry=date(2022, 4, 1),
        registration=date(2022, 5, 1),
        stage1_decision=date(2022, 6, 15),
        stage2_start=date(2022, 6, 20),
        panel=date(2022, 10, 1),
        approved=date(2022, 10, 31),
    )
    # Registered 1 Nov 2021, approved 4 May 2022: 184 days, not within six months.
    h2 = household(registration=date(2021, 11, 1), approved=date(2022, 5, 4))
    # Stage 1 open since 1 Jan 2023: more than two months by 31 Mar 2023 (due by 1 Mar).
    household(registration=date(2023, 1, 1))
    # Stage 1 open since 1 Feb 2023: not yet two months.
    household(registration=date(2023, 2, 1))
    # Stage 2 open since 1 Nov 2022: more than four months by 31 Mar 2023.
    household(
        registration=date(2022, 8, 1),
        stage1_decision=date(2022, 10, 1),
        stage2_start=date(2022, 11, 1),
    )
    # Withdrawn: no clock runs.
    household(registration=date(2022, 12, 1), withdrawn=date(2023, 2, 1))
    # Approved 10 Jan 2022, matched 9 Apr 2022: one day short of three months.
    h7 = household(registration=date(2021, 9, 1), approved=date(2022, 1, 10))
    child_journey = journey(world.la101, entered_care=date(2021, 1, 1))
    # h2 matched 1 Sep 2022, four months after approval.
    LinkFactory(
        journey=child_journey,
        household=h2,
        linked=date(2022, 8, 1),
        matched=date(2022, 9, 1),
        status="matched",
    )
    LinkFactory(
        journey=child_journey,
        household=h7,
        linked=date(2022, 4, 1),
        matched=date(2022, 4, 9),
        status="matched",
    )

    figures = figures_for(parse_scope("la:101"), Y2022)
    values = {
        code: figures[code].value
        for code in (
            "enquiries",
            "registrations",
            "stage2_starts",
            "approvals",
            "stage1_overdue",
            "stage2_overdue",
            "adopters_waiting_at_end",
        )
    }
    assert values == {
        "enquiries": 1,
        "registrations": 5,
        "stage2_starts": 2,
        "approvals": 2,
        "stage1_overdue": 1,
        "stage2_overdue": 1,
        "adopters_waiting_at_end": 1,  # h1 only
    }
    within = figures["approved_within_6_months"]
    assert (within.count, within.n, within.value) == (1, 2, 50.0)
    waited = figures["adopters_waited_3_months"]  # h2 waited, h7 did not
    assert (waited.count, waited.n, waited.value) == (1, 2, 50.0)
    rows = figure_rows(
        user=users.superuser,
        code="adopters_waiting_at_end",
        scope=parse_scope("la:101"),
        period=Y2022,
    )
    assert list(rows) == [h1]
    # No child awaits a match, one household waits: 0 children per household.
    assert figures["sufficiency_ratio"].value == 0.0
    assert h1.stage == "approved"
