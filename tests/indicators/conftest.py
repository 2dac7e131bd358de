from datetime import date

import pytest

from tests.factories import journey


@pytest.fixture
def adopted_children(world):
    """Two LA 101 children adopted in 2022-23 with A2 of 0 and 60 days; one in LA 201."""
    journey(
        world.la101,
        entered_care=date(2021, 1, 1),
        placement_order=date(2022, 6, 1),
        matched=date(2022, 5, 1),
        placed=date(2022, 7, 1),
        adoption_order=date(2023, 1, 1),
    )
    journey(
        world.la101,
        entered_care=date(2021, 1, 1),
        placement_order=date(2022, 1, 1),
        matched=date(2022, 3, 2),
        placed=date(2022, 4, 1),
        adoption_order=date(2022, 9, 1),
    )
    journey(
        world.la201,
        entered_care=date(2021, 1, 1),
        placement_order=date(2022, 1, 1),
        matched=date(2022, 2, 1),
        placed=date(2022, 4, 1),
        adoption_order=date(2022, 9, 1),
    )
