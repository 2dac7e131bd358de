"""Which children an import reads the kept rows of: those with something adoption-related in
some year, and those whose merge warns of an open episode a later return corrected; never the
others, whose rows of every year an import used to read."""

import pytest

from journeys.ssda903.services import return_import
from journeys.ssda903.stored import _children_to_merge_read, children_to_merge, stored_years
from tests.journeys.ssda903_returns import ChildReturn, render_csv

pytestmark = pytest.mark.django_db


def _import(users, la, year: str, *children: ChildReturn) -> None:
    files = list(render_csv(list(children)).items())
    return_import(user=users.raa_manager, la=la, year=year, files=files)


def test_only_adoption_related_children_and_those_a_later_return_corrected_are_read(users, world):
    la = world.la101
    still_open = ("01/05/2020", "S", "C2", "U1", "PR1", "", "")
    _import(
        users,
        la,
        "2020-21",
        ChildReturn(
            "PLACED",
            episodes=[
                ("01/05/2020", "S", "E1", "U1", "PR1", "01/02/2021", "X1"),
                ("01/02/2021", "P", "E1", "A6", "PR1", "", ""),
            ],
        ),
        ChildReturn("GONE", episodes=[still_open]),
        ChildReturn("LEFT", episodes=[("01/05/2020", "S", "C2", "U1", "PR1", "01/09/2020", "E8")]),
        ChildReturn("STAYS", episodes=[still_open]),
    )
    _import(
        users,
        la,
        "2021-22",
        ChildReturn("STAYS", episodes=[still_open]),
        ChildReturn("NEW", episodes=[("01/06/2021", "S", "C2", "U1", "PR1", "", "")]),
    )
    years = stored_years(la)
    rebuilt = {"STAYS", "NEW"}

    # PLACED: adoption-related, open in 2020-21; GONE: its open episode is not in 2021-22.
    # STAYS's open episode is in the last return; NEW and LEFT have nothing to read.
    assert children_to_merge(la, "2021-22", rebuilt, years) == ["GONE", "PLACED"]
    assert _children_to_merge_read(la, "2021-22", rebuilt, years) == ["GONE", "PLACED"]
