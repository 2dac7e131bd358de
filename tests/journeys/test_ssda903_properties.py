"""Properties of the SSDA903 import over generated returns: the CSV and XML renderings of one
return give the same journeys, and the yearly returns of a history give the same journeys in
whatever order they are imported."""

from datetime import date, timedelta
from itertools import permutations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeys.models import Child, Journey, ReturnRow
from journeys.ssda903.services import return_import
from tests.journeys.ssda903_returns import (
    ChildReturn,
    episode,
    render_csv,
    render_xml,
    return_files,
    yearly_returns,
)

PLACES = ["U1", "U3", "K1", "A3", "A4", "A5", "A6"]
LEGAL = ["C2", "V2", "E1", "D1"]
PROVIDERS = ["PR1", "PR2", "PR5"]


def _text(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@st.composite
def histories(draw, begins: date, days: int):
    """One child's episodes from `begins` over at most `days` days: contiguous, the first
    starting a period of care, the last perhaps open or ending in adoption."""
    count = draw(st.integers(1, 5))
    offsets = sorted(draw(st.sets(st.integers(0, days), min_size=count + 1, max_size=count + 1)))
    rows = []
    for index in range(count):
        start, end = begins + timedelta(offsets[index]), begins + timedelta(offsets[index + 1])
        last = index == count - 1
        place = draw(st.sampled_from(PLACES))
        rne = "S" if index == 0 else draw(st.sampled_from(["P", "L", "T", "B", "U"]))
        ending = draw(st.sampled_from(["open", "E11", "E12", "E13"])) if last else "X1"
        dec, rec = ("", "") if ending == "open" else (_text(end), ending)
        if rec in ("E11", "E12"):
            place = draw(st.sampled_from(["A5", "A6"]))
        rows.append(
            (
                _text(start),
                rne,
                draw(st.sampled_from(LEGAL)),
                place,
                draw(st.sampled_from(PROVIDERS)),
                dec,
                rec,
            )
        )
    return rows


@st.composite
def returns(draw, begins: date, days: int):
    """A return of a few children with episodes, AD1 and PlacedAdoption rows."""
    children = []
    for number in range(draw(st.integers(1, 3))):
        episodes = draw(histories(begins, days))
        first = episodes[0][0]
        ad1 = (first, _text(begins + timedelta(days // 2)), draw(st.sampled_from(["0", "1"])))
        placed = [(first, "", "")] if draw(st.booleans()) else []
        adopted = episodes[-1][6] in ("E11", "E12")
        children.append(
            ChildReturn(
                f"C{number}",
                episodes=episodes,
                ad1=ad1 if adopted or draw(st.booleans()) else None,
                placed=placed,
            )
        )
    return children


def snapshot():
    journeys = sorted(
        Journey.objects.values_list(
            "child__la_child_id",
            "entered_care",
            "adm_decision",
            "placement_order",
            "matched",
            "placed",
            "moved_in_with_adopters",
            "adoption_order",
            "plan_ceased",
            "foster_carer_adoption",
        )
    )
    placements = sorted(
        Journey.objects.values_list(
            "child__la_child_id",
            "placements__placed",
            "placements__moved_in",
            "placements__ended",
            "placements__end_reason",
            "placements__source",
        )
    )
    return journeys, placements


def empty_portal():
    Journey.objects.all().delete()
    Child.objects.all().delete()
    ReturnRow.objects.all().delete()


GENERATED = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.django_db
class TestProperties:
    @GENERATED
    @given(children=returns(date(2021, 4, 1), 360))
    def test_csv_and_xml_renderings_give_the_same_journeys(self, world, users, children):
        outcomes = []
        for files in (render_csv(children), {"return.xml": render_xml(children)}):
            empty_portal()
            return_import(
                user=users.raa_manager, la=world.la101, year="2021-22", files=list(files.items())
            )
            outcomes.append(snapshot())
        assert outcomes[0] == outcomes[1]

    @GENERATED
    @given(
        episodes=histories(date(2019, 4, 1), 3 * 365 - 1),
        order=st.integers(0, 5),
    )
    def test_any_order_of_importing_the_years_gives_the_same_journeys(
        self, world, users, episodes, order
    ):
        rows = [
            episode("C1", decom, rne, ls, place, dec, rec, provider)
            for decom, rne, ls, place, provider, dec, rec in episodes
        ]
        adopted = episodes[-1][6] in ("E11", "E12")
        ad1 = [f"C1,01/01/2019,{episodes[0][0]},{episodes[-1][0]},0,2,MF,L11"] if adopted else []
        years = yearly_returns(return_files(episodes=rows, ad1=ad1))
        outcomes = []
        for ordered in (years, list(permutations(years))[order % len(list(permutations(years)))]):
            empty_portal()
            for year, files in ordered:
                return_import(user=users.raa_manager, la=world.la101, year=year, files=files)
            outcomes.append(snapshot())
        assert outcomes[0] == outcomes[1]
