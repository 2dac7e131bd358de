"""The Figure value: rounding half up, trend and status (indicators/calculations/figure.py,
docs/indicators.md §1.1 and §1.3)."""

from decimal import Decimal

import pytest

from indicators.calculations.figure import Figure, divide_half_up, round_half_up, status, trend


@pytest.mark.parametrize(
    ("total", "n", "scale", "expected"),
    [
        (345, 2, 1, 173),
        (344, 2, 1, 172),
        (1, 3, 1, 0),
        (2, 3, 1000, 667),
        (1, 8, 1000, 125),
        (1, 16, 1000, 63),
        (0, 5, 1, 0),
    ],
)
def test_division_rounds_halves_up(total, n, scale, expected):
    # 172.5 -> 173; 2/3 -> 66.7 %; 1/8 -> 12.5 %; 1/16 = 6.25 % -> 6.3 %
    assert divide_half_up(total, n, scale) == expected


def test_round_half_up_to_places():
    assert round_half_up(Decimal("2.345"), 2) == Decimal("2.35")
    assert round_half_up(Decimal("172.5")) == Decimal("173")


@pytest.mark.parametrize(
    ("better", "current", "previous", "expected"),
    [
        ("lower", 100, 120, "better"),
        ("lower", 130, 120, "worse"),
        ("higher", 80.5, 80.4, "better"),
        (None, 3, 2, "up"),
        (None, 2, 3, "down"),
        ("lower", 5, 5, "same"),
        ("lower", None, 5, None),
        ("lower", 5, None, None),
    ],
)
def test_trend_against_the_previous_period(better, current, previous, expected):
    assert trend(better, current, previous) == expected


@pytest.mark.parametrize(
    ("better", "value", "target", "expected"),
    [
        ("lower", 426, 426, "met"),  # on the target is met
        ("lower", 468, 426, "within 10%"),  # 426 + 42.6 = 468.6
        ("lower", 469, 426, "not met"),
        ("higher", 90, 100, "within 10%"),
        ("higher", 89.9, 100, "not met"),
        ("higher", None, 100, None),
        (None, 5, 4, None),
    ],
)
def test_status_against_a_target(better, value, target, expected):
    assert status(better, value, target) == expected


def test_as_dict_leaves_out_what_is_unknown_but_keeps_a_null_value():
    figure = Figure("A2", "Placement order to match decision (days)", None, 0, previous=12)
    assert figure.as_dict() == {
        "title": "Placement order to match decision (days)",
        "value": None,
        "n": 0,
    }
