"""Real SSDA903 returns through the import (issue 14, "What fails today" 1-9): the real CSV and
XML layouts, never a traceback, newer years, several years, plausibility, where each problem is,
ordinary variants and what is kept. Fixtures in tests/journeys/fixtures are in the real layouts."""

from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from journeys.models import Child, Journey, Placement, ReturnRow
from journeys.ssda903.services import ImportFailed, return_import
from tests.journeys.ssda903_returns import (
    EPISODES,
    HEADER,
    ChildReturn,
    csv,
    render_csv,
    render_xml,
)

FIXTURES = Path(__file__).parent / "fixtures"
REAL_CSV = FIXTURES / "ssda903_2024_25"
REAL_XML = FIXTURES / "ssda903_2024_25.xml"


def folder(path: Path) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(path.iterdir())]


def run(users, la, files, year):
    files = list(files.items()) if isinstance(files, dict) else files
    return return_import(user=users.raa_manager, la=la, year=year, files=files)


def refused(users, la, files, year) -> list[str]:
    """Every problem (as its one-line text) of a return the import refuses."""
    with pytest.raises(ImportFailed) as failure:
        run(users, la, files, year)
    return [str(problem) for problem in failure.value.problems]


def reasons(result) -> list[str]:
    return [warning["reason"] for warning in result.warnings]


def journeys():
    return sorted(
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
            "plan_ceased_reason",
        )
    )


def placements():
    return sorted(
        Placement.objects.values_list(
            "journey__child__la_child_id", "placed", "moved_in", "ended", "end_reason", "source"
        )
    )


FIXTURE_JOURNEYS = [
    (
        "A1",
        date(2024, 4, 1),
        date(2024, 7, 15),
        date(2024, 8, 1),
        date(2024, 10, 10),
        date(2024, 11, 1),
        date(2024, 11, 1),
        date(2025, 3, 15),
        None,
        "",
    ),
    (
        "A2",
        date(2024, 5, 10),
        date(2024, 9, 1),
        date(2024, 9, 20),
        None,
        date(2024, 9, 20),
        date(2024, 9, 20),
        None,
        None,
        "",
    ),
]


def adopted(child="C1", **changes) -> ChildReturn:
    """A child adopted within 2021-22."""
    values = dict(
        episodes=[
            ("01/04/2021", "S", "C2", "U1", "PR1", "01/07/2021", "X1"),
            ("01/07/2021", "L", "E1", "U1", "PR1", "01/10/2021", "X1"),
            ("01/10/2021", "P", "E1", "A6", "PR1", "01/03/2022", "E11"),
        ],
        ad1=("01/05/2021", "15/09/2021", "0"),
        placed=[("01/05/2021", "", "")],
    )
    return ChildReturn(child, **{**values, **changes})


@pytest.mark.django_db
class TestRealLayouts:
    def test_the_real_csv_tables_without_sex_in_ad1_import(self, world, users):
        result = run(users, world.la101, folder(REAL_CSV), "2024-25")
        assert journeys() == FIXTURE_JOURNEYS
        assert placements() == [
            (
                "A1",
                date(2024, 11, 1),
                date(2024, 11, 1),
                date(2025, 3, 15),
                "adoption_order",
                "PR2",
            ),
            ("A2", date(2024, 9, 20), date(2024, 9, 20), None, "", "PR1"),
        ]
        assert result.counts["journeys_created"] == 2

    def test_the_dfe_xml_layout_imports_with_decisions_matches_and_ceased_plans(self, world, users):
        run(users, world.la101, [("return.xml", REAL_XML.read_bytes())], "2024-25")
        assert journeys() == FIXTURE_JOURNEYS
        assert placements()[0][-1] == "PR2"

    def test_xml_ad_placed_brings_a_ceased_plan(self, world, users):
        child = ChildReturn(
            "C9",
            episodes=[("01/04/2021", "S", "E1", "U1", "PR1", "", "")],
            placed=[("01/05/2021", "01/12/2021", "RD1")],
        )
        run(users, world.la101, {"r.xml": render_xml([child])}, "2021-22")
        journey = Journey.objects.get()
        assert (journey.adm_decision, journey.plan_ceased, journey.plan_ceased_reason) == (
            date(2021, 5, 1),
            date(2021, 12, 1),
            "RD1",
        )

    def test_an_xml_file_with_a_bom_is_read_as_xml(self, world, users):
        run(users, world.la101, {"r.xml": render_xml([adopted()], bom=True)}, "2021-22")
        assert Journey.objects.get().adoption_order == date(2022, 3, 1)

    def test_xml_with_entities_is_refused_not_expanded(self, world, users):
        bomb = (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><EXPSSDA903><CHILD><HEADER>'
            b"<CHILDID>&b;</CHILDID></HEADER></CHILD></EXPSSDA903>"
        )
        problems = refused(users, world.la101, {"r.xml": bomb}, "2021-22")
        assert any("r.xml" in p and "entities" in p for p in problems)


@pytest.mark.django_db
class TestNoTracebacks:
    def test_an_adoption_ending_with_no_dec_is_a_warning_not_a_database_error(self, world, users):
        child = adopted(
            episodes=[
                ("01/04/2021", "S", "E1", "U1", "PR1", "01/10/2021", "X1"),
                ("01/10/2021", "P", "E1", "A6", "PR1", "", "E11"),
            ]
        )
        result = run(users, world.la101, render_csv([child]), "2021-22")
        journey = Journey.objects.get()
        assert (journey.placed, journey.adoption_order) == (date(2021, 10, 1), None)
        assert (
            "Episode from 2021-10-01 ends in adoption (E11) with no DEC: the adoption order date "
            "is unknown." in reasons(result)
        )

    def test_dec_before_decom_is_a_problem_with_its_row(self, world, users):
        child = adopted(
            episodes=[
                ("01/04/2021", "S", "E1", "U1", "PR1", "01/10/2021", "X1"),
                ("01/10/2021", "P", "E1", "A6", "PR1", "01/09/2021", "E11"),
            ]
        )
        problems = refused(users, world.la101, render_csv([child]), "2021-22")
        assert any(p.startswith("Episodes.csv, row 3, DEC, '01/09/2021'") for p in problems)
        assert not Journey.objects.exists()


@pytest.mark.django_db
class TestYears:
    def _with_place(self, place, start):
        return ChildReturn(
            "C1",
            episodes=[(f"01/05/{start}", "S", "C2", place.lower(), "PR1", "", "")],
        )

    @pytest.mark.parametrize(
        ("place", "year", "accepted"),
        [
            ("K3", "2023-24", False),
            ("K3", "2024-25", True),
            ("Z11", "2024-25", False),
            ("Z14", "2025-26", True),
            ("H5", "2024-25", True),
            ("H5", "2025-26", False),
        ],
    )
    def test_placement_codes_are_checked_against_the_returns_own_year(
        self, world, users, place, year, accepted
    ):
        files = render_csv([self._with_place(place, int(year[:4]))])
        if accepted:
            run(users, world.la101, files, year)
        else:
            problems = refused(users, world.la101, files, year)
            assert any(f"PLACE, '{place}': not a PLACE code in {year}" in p for p in problems)

    def test_sw_episodes_and_dolo_tables_are_ignored(self, world, users):
        files = {
            **render_csv([adopted()]),
            "SWEpisodes.csv": csv("CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON", "C1,,SW1,,,"),
            "DoLo.csv": csv("CHILD,DOB,DOLO_START,DOLO_END", "C1,,01/05/2021,"),
        }
        result = run(users, world.la101, files, "2021-22")
        assert Journey.objects.count() == 1
        assert len(result.counts["ignored_files"]) == 2

    def test_a_return_of_another_year_is_refused_with_the_rows_that_show_it(self, world, users):
        child = ChildReturn(
            "C1",
            dob="01/02/2016",
            episodes=[
                ("01/06/2017", "S", "E1", "U1", "PR1", "01/11/2017", "X1"),
                ("01/11/2017", "P", "E1", "A6", "PR1", "", ""),
            ],
        )
        problems = refused(users, world.la101, render_csv([child]), "2022-23")
        assert [p for p in problems if "2022-23 return's year" in p] == [
            "Episodes.csv, row 2, DEC, '01/11/2017': the episode ended before the 2022-23 "
            "return's year began (1 April 2022): is this the return of another year?"
        ]
        run(users, world.la101, render_csv([child]), "2017-18")
        assert Journey.objects.get().placed == date(2017, 11, 1)


def _year(start: int, *episodes, child="C1") -> dict[str, bytes]:
    return render_csv([ChildReturn(child, episodes=list(episodes))])


# An adoption placement open at the end of 2020-21...
OPEN_2020 = _year(
    2020,
    ("01/05/2020", "S", "E1", "U1", "PR1", "01/02/2021", "X1"),
    ("01/02/2021", "P", "E1", "A6", "PR1", "", ""),
)
# ... and absent from 2021-22, where the child starts a new period of care.
NEW_PERIOD_2021 = _year(2021, ("01/06/2021", "S", "C2", "U1", "PR1", "", ""))
# ... or in 2021-22 under a corrected DECOM.
CORRECTED_2021 = _year(2021, ("03/02/2021", "P", "E1", "A6", "PR1", "", ""))


@pytest.mark.django_db
class TestSeveralYears:
    def _both_orders(self, world, users, first, second):
        run(users, world.la101, first[1], first[0])
        run(users, world.la101, second[1], second[0])
        forwards = (journeys(), placements())
        Journey.objects.all().delete()
        Child.objects.all().delete()
        ReturnRow.objects.all().delete()
        run(users, world.la101, second[1], second[0])
        result = run(users, world.la101, first[1], first[0])
        assert (journeys(), placements()) == forwards
        return result

    def test_an_open_placement_absent_from_the_next_return_is_closed_in_either_order(
        self, world, users
    ):
        result = self._both_orders(
            world, users, ("2020-21", OPEN_2020), ("2021-22", NEW_PERIOD_2021)
        )
        assert placements() == [
            ("C1", date(2021, 2, 1), date(2021, 2, 1), date(2021, 3, 31), "disruption", "PR1")
        ]
        assert (
            "Episode from 01/02/2021 (open in the 2020-21 return) is not in the 2021-22 return: "
            "closed on 31/03/2021." in reasons(result)
        )
        assert [w["child"] for w in result.warnings if "2021-22 return" in w["reason"]] == ["C1"]

    def test_a_child_absent_from_the_next_return_does_not_stay_placed(self, world, users):
        other_child = _year(2021, ("01/06/2021", "S", "C2", "U1", "PR1", "", ""), child="C2")
        self._both_orders(world, users, ("2020-21", OPEN_2020), ("2021-22", other_child))
        assert [p[3] for p in placements()] == [date(2021, 3, 31)]

    def test_a_corrected_decom_leaves_no_ghost_in_either_order(self, world, users):
        result = self._both_orders(
            world, users, ("2020-21", OPEN_2020), ("2021-22", CORRECTED_2021)
        )
        assert placements() == [
            ("C1", date(2021, 2, 3), date(2021, 2, 3), None, "", "PR1"),
        ]
        assert any(
            "Episode from 01/02/2021 (open in the 2020-21 return)" in w["reason"]
            and w["child"] == "C1"
            for w in result.warnings
        )


@pytest.mark.django_db
class TestPlausibility:
    def test_a_birth_in_the_future_and_an_order_in_2040_are_refused(self, world, users):
        child = adopted(dob="01/01/2030")
        later = adopted(
            "C2",
            episodes=[
                ("01/04/2021", "S", "E1", "U1", "PR1", "01/10/2021", "X1"),
                ("01/10/2021", "P", "E1", "A6", "PR1", "01/03/2040", "E11"),
            ],
        )
        problems = refused(users, world.la101, render_csv([child, later]), "2021-22")
        assert any(
            p.startswith("Header.csv, row 2, DOB, '01/01/2030': a date after") for p in problems
        )
        assert any(
            p.startswith("Episodes.csv, row 6, DEC, '01/03/2040': a date after") for p in problems
        )

    def test_an_adm_decision_before_birth_is_a_warning(self, world, users):
        child = adopted(dob="01/06/2021", placed=[("01/05/2021", "", "")])
        result = run(users, world.la101, render_csv([child]), "2021-22")
        assert any(
            "DATE_PLACED (01/05/2021) is before the child's date of birth" in r
            for r in reasons(result)
        )
        assert Journey.objects.count() == 1  # the import still runs

    def test_adopted_with_a_ceased_plan_is_a_warning(self, world, users):
        child = adopted(placed=[("01/05/2021", "01/08/2021", "RD1")])
        result = run(users, world.la101, render_csv([child]), "2021-22")
        assert any(r.startswith("Adopted (2022-03-01) and a ceased plan") for r in reasons(result))
        assert Journey.objects.get().plan_ceased is None

    def test_ad1_rows_of_a_child_with_no_episodes_are_kept_and_listed(self, world, users):
        orphan = ChildReturn("C7", ad1=("01/05/2021", "15/09/2021", "0"))
        result = run(users, world.la101, render_csv([adopted(), orphan]), "2021-22")
        assert any(
            w["child"] == "C7" and "AD1 row for a child with no episodes" in w["reason"]
            for w in result.warnings
        )
        assert ReturnRow.objects.filter(child="C7", table="AD1").exists()


@pytest.mark.django_db
class TestWhereProblemsAre:
    def test_every_child_without_a_header_row_is_listed_with_its_file_and_row(self, world, users):
        files = render_csv([adopted("C1"), adopted("C2"), adopted("C3")])
        files["Header.csv"] = csv(HEADER, "C2,1,01/01/2019,WBRI,,,")
        problems = refused(users, world.la101, files, "2021-22")
        headers = [p for p in problems if "no Header row" in p]
        assert headers == [
            "Episodes.csv, row 2, CHILD, 'C1': the child has adoption episodes or rows but no "
            "Header row",
            "Episodes.csv, row 8, CHILD, 'C3': the child has adoption episodes or rows but no "
            "Header row",
        ]

    def test_xml_problems_name_the_child_the_element_and_the_episode(self, world, users):
        child = adopted(
            episodes=[
                ("01/04/2021", "S", "E1", "U1", "PR1", "01/10/2021", "X1"),
                ("01/10/2021", "P", "E1", "Q7", "PR1", "01/03/2022", "E11"),
            ]
        )
        problems = refused(users, world.la101, {"r.xml": render_xml([child])}, "2021-22")
        assert any(
            p.startswith("r.xml, CHILDID C1, element PL, episode DECOM 01/10/2021, 'Q7'")
            for p in problems
        )

    def test_a_byte_that_is_no_text_names_its_row(self, world, users):
        files = render_csv([adopted()])
        files["Episodes.csv"] = files["Episodes.csv"].replace(b"C1,01/07/2021", b"C\x81,01/07/2021")
        problems = refused(users, world.la101, files, "2021-22")
        assert any(p.startswith("Episodes.csv, row 3,") for p in problems)

    @pytest.mark.parametrize("child_id", ["C\x001", "C" * 51])
    def test_child_ids_with_nul_bytes_or_over_50_characters_are_refused(
        self, world, users, child_id
    ):
        problems = refused(users, world.la101, render_csv([adopted(child_id)]), "2021-22")
        assert any(", CHILD, " in p and "identifier" in p for p in problems)


@pytest.mark.django_db
class TestOrdinaryVariants:
    def test_dates_headers_codes_trailing_rows_missing_columns_and_stray_files(self, world, users):
        header = "child , sex,dob,ethnic\r\nC1,1,2019-01-01,wbri\r\n,,,\r\n,,,\r\n"
        episodes = (
            "Child,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC\r\n"
            "C1,1/4/2021,s,c2,u1,pr1,01/07/2021 00:00,x1\r\n"
            "C1,2021-07-01,l,e1,u1,pr1,01/10/2021 00:00:00,X1\r\n"
            "C1,01/10/2021,P,E1,a6,PR1,1/3/2022,e11\r\n"
            ",,,,,,,\r\n"
        )
        ad1 = "CHILD,DATE_INT,DATE_MATCH,FOSTER_CARE\r\nC1,01/05/2021,15/09/2021,False\r\n"
        placed = "CHILD,DATE_PLACED\r\nC1,2021-05-01\r\n"
        files = {
            "header.csv": header.encode("cp1252"),
            "episodes.csv": b"\xef\xbb\xbf" + episodes.encode(),
            "ad1.csv": ad1.encode(),
            "placed.csv": placed.encode(),
            "README.md": b"# The return\nExported on 02/04/2022.\n",
            "return.xlsx": b"PK\x03\x04\x14\x00\x06\x00binary",
            ".DS_Store": b"\x00\x00\x00\x01Bud1\x00",
        }
        result = run(users, world.la101, files, "2021-22")
        assert journeys() == [
            (
                "C1",
                date(2021, 4, 1),
                date(2021, 5, 1),
                date(2021, 7, 1),
                date(2021, 9, 15),
                date(2021, 10, 1),
                date(2021, 10, 1),
                date(2022, 3, 1),
                None,
                "",
            )
        ]
        assert len(result.counts["ignored_files"]) == 3

    def test_a_windows_1252_file_is_read(self, world, users):
        files = render_csv([adopted()])
        files["Header.csv"] = csv(HEADER, "C1,1,01/01/2019,WBRI,,Zoë,").decode().encode("cp1252")
        run(users, world.la101, files, "2021-22")
        assert Journey.objects.count() == 1


@pytest.mark.django_db
class TestWhatIsKept:
    def test_only_adoption_related_children_become_records_and_no_postcodes_are_kept(
        self, world, users
    ):
        run(users, world.la101, folder(REAL_CSV), "2024-25")
        assert sorted(Child.objects.values_list("la_child_id", flat=True)) == ["A1", "A2"]
        kept = list(ReturnRow.objects.values_list("table", "child", "data"))
        columns = {column for _, _, data in kept for row in data for column in row}
        assert not columns & {"HOME_POST", "PL_POST", "URN", "UPN", "MOTHER", "MC_DOB", "CIN"}
        # N1's episode is kept to date its care should a later year bring an adoption; its
        # Header row is not.
        assert sorted((t, c) for t, c, _ in kept if c == "N1") == [("Episodes", "N1")]

    def test_a_later_year_dates_the_care_of_a_child_kept_only_by_its_episodes(self, world, users):
        first = _year(2020, ("01/05/2020", "S", "C2", "U1", "PR1", "", ""))
        second = _year(
            2021,
            ("01/05/2020", "S", "C2", "U1", "PR1", "01/09/2021", "X1"),
            ("01/09/2021", "P", "E1", "A6", "PR1", "", ""),
        )
        run(users, world.la101, first, "2020-21")
        assert not Child.objects.exists()
        run(users, world.la101, second, "2021-22")
        assert Journey.objects.get().entered_care == date(2020, 5, 1)


def test_files_in_the_real_layouts_give_the_same_rows_read():
    """The fixture folder and the fixture XML hold the same return."""
    from journeys.ssda903.pipeline import read_return

    def rows(tables):
        return {
            table: sorted(
                tuple(sorted((k, str(v)) for k, v in row.values.items())) for row in table_rows
            )
            for table, table_rows in tables.tables.items()
        }

    from_csv = read_return(dict(folder(REAL_CSV)))
    from_xml = read_return({"r.xml": REAL_XML.read_bytes()})
    assert rows(from_csv) == rows(from_xml)
    assert sorted(from_csv.tables) == sorted(
        ["Header", EPISODES.split(",")[0] and "Episodes", "AD1", "PlacedAdoption"]
    )


def _queries_to_correct(users, la, changed: int) -> int:
    """Queries of a corrected return that moves the adoption order of `changed` of 4 children."""
    children = [adopted(f"C{number}") for number in range(1, 5)]
    run(users, la, render_csv(children), "2021-22")
    for child in children[:changed]:
        *earlier, (decom, rne, ls, place, provider, _, rec) = child.episodes
        child.episodes = [*earlier, (decom, rne, ls, place, provider, "02/03/2022", rec)]
    with CaptureQueriesContext(connection) as queries:
        result = run(users, la, render_csv(children), "2021-22")
    assert result.counts["journeys_updated"] == changed
    return len(queries)


@pytest.mark.django_db
def test_a_corrected_return_makes_no_query_per_journey_it_changes(users, world):
    assert _queries_to_correct(users, world.la101, 1) == _queries_to_correct(users, world.la102, 3)


def _kept(la) -> set:
    return {
        (row.year, row.table, row.child, str(row.data)) for row in ReturnRow.objects.filter(la=la)
    }


@pytest.mark.django_db
def test_a_corrected_return_keeps_the_same_rows_as_importing_it_first(users, world):
    first = [adopted(f"C{number}") for number in range(1, 7)]
    # One child changed, one gone, one new: only those three are written again.
    corrected = [
        adopted("C1", ad1=("01/05/2021", "16/09/2021", "0")),
        *first[2:],
        adopted("C7"),
    ]
    run(users, world.la101, render_csv(first), "2021-22")
    run(users, world.la101, render_csv(corrected), "2021-22")
    run(users, world.la102, render_csv(corrected), "2021-22")
    assert _kept(world.la101) == _kept(world.la102)
    assert {child for _, _, child, _ in _kept(world.la101)} == {"C1", "C3", "C4", "C5", "C6", "C7"}
