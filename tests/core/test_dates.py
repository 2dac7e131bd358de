from datetime import date

import pytest

from core.dates import add_months, is_financial_year


def test_add_months_clamps_to_the_end_of_a_shorter_month():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 3, 31), -13) == date(2023, 2, 28)


@pytest.mark.parametrize("text", ["2021-22", " 2021-22 ", "1999-00"])
def test_a_financial_year_is_two_years_in_a_row(text):
    assert is_financial_year(text)


@pytest.mark.parametrize("text", ["2021-23", "2021-22 Q1", "R12 2021-22 Q4", "2021", "", None])
def test_anything_else_is_not_a_financial_year(text):
    assert not is_financial_year(text)
