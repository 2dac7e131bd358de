"""Money is shown one way everywhere: £1,800.00 (issue 17)."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from core.money import money_text


@pytest.mark.parametrize(
    "value, text",
    [
        (Decimal("1800"), "£1,800.00"),
        (1800.5, "£1,800.50"),
        (Decimal("0.005"), "£0.01"),  # half a penny rounds up
        (Decimal("1234567.891"), "£1,234,567.89"),
        (Decimal("-25.5"), "−£25.50"),
        (0, "£0.00"),
        (None, ""),
    ],
)
def test_money_is_pounds_with_separators_and_pence(value, text):
    assert money_text(value) == text


def test_the_template_filter_is_the_same_helper():
    rendered = Template("{% load govuk %}{{ amount|money }}").render(
        Context({"amount": Decimal("3000")})
    )
    assert rendered == "£3,000.00"
