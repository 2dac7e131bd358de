"""Reporting periods: parsing and the runs of quarters and years the dashboard plots."""

from datetime import date

import pytest

from indicators.forms import DashboardForm, dashboard_query
from indicators.periods import Period
from indicators.scopes import Scope


def test_quarter_of_a_day_follows_the_financial_year():
    assert Period.quarter_of(date(2023, 3, 31)).label == "2022-23 Q4"
    assert Period.quarter_of(date(2023, 4, 1)).label == "2023-24 Q1"
    assert Period.quarter_of(date(2023, 12, 31)).label == "2023-24 Q3"


def test_quarters_to_ends_with_the_quarter_holding_the_period_end():
    quarters = Period.parse("2022-23").quarters_to(6)
    assert [q.label for q in quarters] == [
        "2021-22 Q3",
        "2021-22 Q4",
        "2022-23 Q1",
        "2022-23 Q2",
        "2022-23 Q3",
        "2022-23 Q4",
    ]
    assert [q.label for q in Period.parse("R12 2022-23 Q2").quarters_to(1)] == ["2022-23 Q2"]


def test_years_to_counts_back_whole_financial_years():
    years = Period.parse("2022-23 Q1").years_to(3)
    assert [y.label for y in years] == ["2020-21", "2021-22", "2022-23"]


@pytest.mark.parametrize("label", ["2022-23", "2022-23 Q3", "R12 2022-23 Q1"])
def test_dashboard_query_gives_back_the_period_the_form_reads(label):
    period = Period.parse(label)
    scope = Scope("all", "", "All data", None, None)
    form = DashboardForm(dashboard_query(scope, period), scopes=[scope], today=date(2026, 11, 1))
    assert form.is_valid(), form.errors
    assert form.period() == period


def test_halves_of_the_financial_year():
    first, second = Period.parse("2022-23 H1"), Period.parse("2022-23 H2")
    assert (first.start, first.end) == (date(2022, 4, 1), date(2022, 9, 30))
    assert (second.start, second.end) == (date(2022, 10, 1), date(2023, 3, 31))
    assert second.previous() == first
    assert first.previous() == Period.parse("2021-22 H2")
    assert first.year_earlier() == Period.parse("2021-22 H1")


def test_a_year_earlier_keeps_the_kind_of_period():
    assert Period.parse("2022-23").year_earlier() == Period.parse("2021-22")
    assert Period.parse("2022-23 Q3").year_earlier() == Period.parse("2021-22 Q3")
    assert Period.parse("R12 2022-23 Q3").year_earlier() == Period.parse("R12 2021-22 Q3")
