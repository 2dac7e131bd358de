"""Reporting periods: parsing and the runs of quarters and years the dashboard plots."""

from datetime import date

from indicators.periods import Period


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
