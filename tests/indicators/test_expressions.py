"""The SQL building blocks (indicators/calculations/expressions.py), on hand-picked dates."""

from datetime import date

import pytest
from django.db.models import F, Q, Value

from indicators.calculations.expressions import DaysBetween, months_reached
from journeys.models import Journey
from tests.factories import journey


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (date(2022, 1, 1), date(2022, 1, 1), 0),
        (date(2022, 1, 1), date(2023, 1, 1), 365),
        (date(2024, 2, 28), date(2024, 3, 1), 2),  # leap year
        (date(2022, 6, 1), date(2022, 5, 1), 0),  # negative counts as 0
    ],
)
def test_days_between(world, start, end, days):
    record = journey(world.la101, entered_care=date(2021, 1, 1), adm_decision=start)
    found = Journey.objects.filter(pk=record.pk).annotate(d=DaysBetween("adm_decision", Value(end)))
    assert found.get().d == days


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "end", "reached"),
    [
        (date(2022, 1, 31), date(2022, 4, 30), False),  # not yet the 31st
        (date(2022, 1, 31), date(2022, 5, 1), True),
        (date(2022, 1, 15), date(2022, 4, 15), True),  # same day of the month
        (date(2022, 1, 15), date(2022, 4, 14), False),
        (date(2021, 12, 1), date(2022, 3, 1), True),  # across a year
    ],
)
def test_three_months_reached(world, start, end, reached):
    record = journey(world.la101, entered_care=date(2021, 1, 1), adm_decision=start)
    condition = Q(months_reached(F("adm_decision"), Value(end), 3))
    assert Journey.objects.filter(condition, pk=record.pk).exists() is reached
