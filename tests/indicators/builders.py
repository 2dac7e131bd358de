"""Small builders shared by the indicator tests."""

from indicators.calculations.engine import figures_for
from indicators.periods import Period
from indicators.scopes import parse_scope
from journeys.models import Placement
from tests.factories import journey

Y2022 = Period.parse("2022-23")
DISRUPTION = Placement.EndReason.DISRUPTION
ADOPTED = Placement.EndReason.ADOPTION_ORDER


def figure(scope_text: str, period: Period, code: str):
    return figures_for(parse_scope(scope_text), period)[code]


def adopted(la, entered, placed, order, **dates):
    return journey(la, entered_care=entered, placed=placed, adoption_order=order, **dates)
