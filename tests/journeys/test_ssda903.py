"""SSDA903 import: hand-made returns for each derivation rule, warning and kind of bad input."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeys.models import Child, Journey, Placement, ReturnRow
from journeys.ssda903.checks import NO_EPISODES
from journeys.ssda903.readers import BAD_DATE, NOT_TEXT, read_return
from journeys.ssda903.services import ImportFailed, return_import
from tests.factories import ChildFactory
from tests.journeys.ssda903_returns import (
    AD1,
    EPISODES,
    HEADER,
    PLACED,
    ChildReturn,
    csv,
    episode,
    render_csv,
    render_xml,
    return_files,
    yearly_returns,
)

__all__ = ["AD1", "EPISODES", "HEADER", "PLACED", "csv", "episode", "return_files"]


def run(users, la, files, year=None):
    """Import `files` as the return of `year`; without a year, as the yearly returns an LA would
    have sent for that history (oldest first), giving the last import's result."""
    if year is not None:
        return return_import(user=users.raa_manager, la=la, year=year, files=files)
    for each_year, year_files in yearly_returns(files):
        result = return_import(user=users.raa_manager, la=la, year=each_year, files=year_files)
    return result


# One 2021-22 return holding a whole adoption.
ADOPTED_RETURN = dict(
    episodes=[
        episode("C1", "01/04/2021", "S", "C2", "U1", "01/07/2021", "X1"),
        episode("C1", "01/07/2021", "L", "E1", "U1", "01/10/2021", "X1"),
        episode("C1", "01/10/2021", "P", "E1", "A6", "01/03/2022", "E11"),
    ],
    ad1=["C1,01/01/2019,01/05/2021,15/09/2021,0,2,MF,L11"],
    placed=["C1,01/01/2019,01/05/2021,,"],
)
# The same child's history over two years (imported as two yearly returns by run()).
ADOPTED_HISTORY = dict(
    episodes=[
        episode("C1", "01/04/2020", "S", "C2", "U1", "01/09/2020", "X1"),
        episode("C1", "01/09/2020", "L", "E1", "U1", "01/03/2021", "X1"),
        episode("C1", "01/03/2021", "P", "E1", "A6", "01/09/2021", "E11"),
    ],
    ad1=["C1,01/01/2019,01/07/2020,15/02/2021,0,2,MF,L11"],
    placed=["C1,01/01/2019,01/07/2020,,"],
)


@pytest.mark.django_db
class TestDerivation:
    def test_an_adopted_child_gets_every_date_of_its_journey(self, world, users):
        result = run(users, world.la101, return_files(**ADOPTED_HISTORY))  # two yearly returns
        journey = Journey.objects.get(child__la_child_id="C1")
        assert (
            journey.entered_care,
            journey.adm_decision,
            journey.placement_order,
            journey.matched,
            journey.placed,
            journey.moved_in_with_adopters,
            journey.adoption_order,
        ) == (
            date(2020, 4, 1),
            date(2020, 7, 1),
            date(2020, 9, 1),
            date(2021, 2, 15),
            date(2021, 3, 1),
            date(2021, 3, 1),
            date(2021, 9, 1),
        )
        assert journey.source == Journey.Source.SSDA903
        placement = journey.placements.get()
        assert (placement.end_reason, placement.source, placement.imported) == (
            "adoption_order",
            "PR1",
            True,
        )
        assert result.counts["journeys_updated"] == 1  # the adoption came in the second year
        assert result.warnings == []

    def test_foster_carer_adoption_moves_in_when_the_carers_first_had_the_child(self, world, users):
        files = return_files(
            episodes=[
                episode("C1", "01/04/2020", "S", "C2", "U4", "01/06/2020", "X1"),
                episode("C1", "01/06/2020", "P", "C2", "U1", "01/10/2020", "X1"),
                episode("C1", "01/10/2020", "L", "E1", "U1", "01/03/2021", "X1"),
                episode("C1", "01/03/2021", "U", "E1", "A5", "01/09/2021", "E11"),
            ],
            ad1=["C1,01/01/2019,01/07/2020,15/02/2021,1,2,MF,L11"],
        )
        run(users, world.la101, files)
        journey = Journey.objects.get()
        assert (journey.placed, journey.moved_in_with_adopters) == (
            date(2021, 3, 1),
            date(2020, 6, 1),
        )
        assert journey.foster_carer_adoption

    def test_a_disrupted_run_then_a_new_placement(self, world, users):
        files = return_files(
            episodes=[
                episode("C1", "01/01/2020", "S", "E1", "U1", "01/06/2020", "X1"),
                episode("C1", "01/06/2020", "P", "E1", "A6", "01/10/2020", "X1"),
                episode("C1", "01/10/2020", "P", "E1", "U1", "01/03/2021", "X1"),
                episode("C1", "01/03/2021", "P", "E1", "A6", "01/09/2021", "E12", "PR5"),
            ],
            ad1=["C1,01/01/2019,01/02/2020,15/02/2021,0,2,MF,L11"],
        )
        run(users, world.la101, files)
        journey = Journey.objects.get()
        assert journey.placed == date(2021, 3, 1)
        first, second = journey.placements.order_by("placed")
        assert (first.ended, first.end_reason) == (date(2020, 10, 1), "disruption")
        assert (second.ended, second.end_reason, second.source) == (
            date(2021, 9, 1),
            "adoption_order",
            "PR5",
        )

    def test_a_reversed_plan_and_a_period_begun_before_the_return(self, world, users):
        files = return_files(
            episodes=[
                episode("C1", "01/02/2021", "P", "C2", "U1"),  # no S: began earlier
            ],
            placed=["C1,01/01/2019,01/05/2021,01/12/2021,RD1"],
        )
        result = run(users, world.la101, files)
        journey = Journey.objects.get()
        assert journey.entered_care is None
        assert (journey.adm_decision, journey.plan_ceased, journey.plan_ceased_reason) == (
            date(2021, 5, 1),
            date(2021, 12, 1),
            "RD1",
        )
        assert [w["reason"] for w in result.warnings] == [
            "The period of care began before the earliest imported return: no entered-care date."
        ]

    def test_only_periods_of_care_with_adoption_activity_become_journeys(self, world, users):
        files = return_files(
            episodes=[
                episode("C1", "01/01/2019", "S", "C2", "U1", "01/06/2019", "E13"),
                episode("C1", "01/04/2020", "S", "C2", "U1", "01/09/2020", "X1"),
                episode("C1", "01/09/2020", "L", "E1", "U1", "01/03/2021", "X1"),
                episode("C1", "01/03/2021", "P", "E1", "A6", "01/09/2021", "E11"),
            ],
            ad1=["C1,01/01/2019,01/07/2020,15/02/2021,0,2,MF,L11"],
            placed=["C1,01/01/2019,01/07/2020,,"],
        )
        run(users, world.la101, files)
        assert list(Journey.objects.values_list("entered_care", flat=True)) == [date(2020, 4, 1)]

    @pytest.mark.parametrize(
        ("changes", "warning"),
        [
            (
                {"ad1": ["C1,01/01/2019,01/03/2021,15/02/2021,0,2,MF,L11"]},
                "AD1 DATE_INT (2021-03-01) is after DATE_MATCH (2021-02-15).",
            ),
            (
                {"ad1": ["C1,01/01/2019,01/07/2020,15/03/2021,0,2,MF,L11"]},
                "AD1 DATE_MATCH (2021-03-15) is after the adoption placement began (2021-03-01)",
            ),
            (
                {"placed": ["C1,01/01/2019,01/03/2020,,"], "ad1": []},
                "Adopted, but the return has no AD1 row for the child.",
            ),
            (
                {"ad1": ["C1,01/01/2019,01/07/2020,15/02/2021,1,2,MF,L11"]},
                "FOSTER_CARE is 1 but the adoption placement (A6) is not with foster carers.",
            ),
            (
                {
                    "episodes": [
                        episode("C1", "01/04/2020", "S", "C2", "U1", "01/03/2021", "X1"),
                        episode("C1", "01/03/2021", "U", "E1", "A5", "01/09/2021", "E11"),
                    ]
                },
                "FOSTER_CARE is 0 but the adoption placement (A5) is with the foster carers.",
            ),
        ],
    )
    def test_data_quality_warnings_do_not_stop_the_import(self, world, users, changes, warning):
        files = return_files(**{**ADOPTED_HISTORY, **changes})
        result = run(users, world.la101, files)
        assert warning in [w["reason"] for w in result.warnings]
        assert Journey.objects.count() == 1

    def test_episode_warnings(self, world, users):
        files = return_files(
            episodes=[
                episode("C1", "01/04/2020", "S", "C2", "U1", "01/09/2020", "X1"),
                episode("C1", "15/08/2020", "L", "E1", "U1", "01/01/2021", "X1"),  # overlap
                episode("C1", "01/02/2021", "P", "E1", "U1", "01/06/2021", "E11"),  # gap, not A
            ],
            ad1=["C1,01/01/2019,01/07/2020,15/02/2021,0,2,MF,L11"],
            placed=["C1,01/01/2019,01/03/2020,,"],  # decision before care
        )
        reasons = [w["reason"] for w in run(users, world.la101, files).warnings]
        assert "Episodes overlap: one ends 2020-09-01, the next began 2020-08-15." in reasons
        assert (
            "A gap inside a period of care: one episode ends 2021-01-01, the next begins "
            "2021-02-01."
        ) in reasons
        assert (
            "Episode from 2021-02-01 ends in adoption (E11) but PLACE is U1, not A3-A6." in reasons
        )
        assert (
            "The ADM decision (2020-03-01) is before the period of care began (2020-04-01)"
            in reasons
        )

    def test_an_ad1_row_for_a_child_not_adopted_is_a_warning(self, world, users):
        files = return_files(
            episodes=[episode("C1", "01/04/2020", "S", "E1", "U1")],
            ad1=["C1,01/01/2019,01/07/2020,15/02/2021,0,2,MF,L11"],
            placed=["C1,01/01/2019,01/07/2020,,"],
        )
        reasons = [w["reason"] for w in run(users, world.la101, files).warnings]
        assert reasons == ["An AD1 row, but no episode ends in adoption."]


def journeys_snapshot():
    return sorted(
        Journey.objects.values_list(
            "child__la_child_id",
            "entered_care",
            "placement_order",
            "placed",
            "adoption_order",
            "matched",
        )
    )


YEAR_1 = return_files(
    episodes=[
        episode("C1", "01/04/2020", "S", "C2", "U1", "01/09/2020", "X1"),
        episode("C1", "01/09/2020", "L", "E1", "U1", "01/03/2021", "X1"),
        episode("C1", "01/03/2021", "P", "E1", "A6"),
    ],
    placed=["C1,01/01/2019,01/07/2020,,"],
)
YEAR_2 = return_files(
    episodes=[
        # The open episode repeated, now closed by the adoption order.
        episode("C1", "01/03/2021", "P", "E1", "A6", "01/09/2021", "E11"),
    ],
    ad1=["C1,01/01/2019,01/07/2020,15/02/2021,0,2,MF,L11"],
)


@pytest.mark.django_db
class TestSeveralYears:
    def test_years_in_any_order_give_the_same_journeys(self, world, users):
        run(users, world.la101, YEAR_1, "2020-21")
        run(users, world.la101, YEAR_2, "2021-22")
        forwards = journeys_snapshot()
        assert forwards == [
            (
                "C1",
                date(2020, 4, 1),
                date(2020, 9, 1),
                date(2021, 3, 1),
                date(2021, 9, 1),
                date(2021, 2, 15),
            )
        ]
        Journey.objects.all().delete()
        Child.objects.all().delete()
        ReturnRow.objects.all().delete()
        run(users, world.la101, YEAR_2, "2021-22")
        run(users, world.la101, YEAR_1, "2020-21")
        assert journeys_snapshot() == forwards

    def test_importing_the_same_return_twice_changes_nothing(self, world, users):
        run(users, world.la101, YEAR_1, "2020-21")
        run(users, world.la101, YEAR_2, "2021-22")
        before = (journeys_snapshot(), list(Placement.objects.values_list("pk", flat=True)))
        result = run(users, world.la101, YEAR_2, "2021-22")
        assert (journeys_snapshot(), list(Placement.objects.values_list("pk", flat=True))) == (
            before
        )
        assert result.counts.get("journeys_updated", 0) == 0

    def test_a_value_recorded_by_hand_is_kept_and_reported(self, world, users):
        child = ChildFactory(la=world.la101, la_child_id="C1")
        Journey.objects.create(
            child=child, entered_care=date(2020, 4, 1), placement_order=date(2020, 9, 2)
        )
        result = run(users, world.la101, return_files(**ADOPTED_HISTORY))
        journey = Journey.objects.get()
        assert journey.placement_order == date(2020, 9, 2)  # the user's value
        assert journey.adoption_order == date(2021, 9, 1)  # filled in from the return
        assert journey.source == Journey.Source.MANUAL
        assert (
            "Journey placement_order: kept the portal's 2020-09-02; the return says 2020-09-01."
        ) in [w["reason"] for w in result.warnings]


@pytest.mark.django_db
class TestBadInput:
    @pytest.mark.parametrize(
        ("files", "expected"),
        [
            (
                [
                    (
                        "episodes.csv",
                        csv(EPISODES.replace(",RNE", ""), "C1,01/04/2020,C2,N1,U1,PR1,,,,,,"),
                    )
                ],
                ("episodes.csv", 1, "RNE", "", "the Episodes table needs this column"),
            ),
            (
                [("episodes.csv", csv(EPISODES, episode("C1", "31/02/2023", "S", "C2", "U1")))],
                ("episodes.csv", 2, "DECOM", "31/02/2023", BAD_DATE),
            ),
            (
                [("episodes.csv", csv(EPISODES, episode("C1", "01/02/2023", "S", "Q9", "U1")))],
                ("episodes.csv", 2, "LS", "Q9", None),
            ),
            (
                [
                    (
                        "episodes.csv",
                        csv(
                            EPISODES,
                            episode("C1", "01/02/2023", "S", "C2", "U1"),
                            episode("C1", "01/02/2023", "P", "C2", "U1"),
                        ),
                    )
                ],
                (
                    "episodes.csv",
                    3,
                    "DECOM",
                    "01/02/2023",
                    "a second row for the same child and DECOM",
                ),
            ),
            ([("episodes.csv", b"")], ("", None, "", "", NO_EPISODES)),
            (
                [
                    (
                        "episodes.csv",
                        csv(EPISODES, "C1,01/02/2023,S,C2,N1,U1,PR1,,,,,,").replace(
                            b"C1,", b"C\x81,"
                        ),
                    )
                ],
                ("episodes.csv", 2, "", "\\x81", NOT_TEXT),
            ),
            (
                [("mystery.csv", csv("NAME,COLOUR", "a,b"))],
                ("", None, "", "", NO_EPISODES),
            ),
        ],
    )
    def test_bad_input_is_reported_with_file_row_column_value_and_changes_nothing(
        self, world, users, files, expected
    ):
        run(users, world.la101, YEAR_1, "2020-21")
        before = (journeys_snapshot(), ReturnRow.objects.count(), Child.objects.count())
        with pytest.raises(ImportFailed) as failure:
            run(users, world.la101, files, "2022-23")
        problem = failure.value.problems[0]
        got = (problem.file, problem.row, problem.column, problem.value, problem.reason)
        if expected[4] is None:
            assert got[:4] == expected[:4] and problem.reason.startswith("not a LS code in 2022-23")
        else:
            assert got == expected
        assert (journeys_snapshot(), ReturnRow.objects.count(), Child.objects.count()) == before

    def test_other_tables_of_the_return_are_ignored(self, world, users):
        files = [
            *return_files(**ADOPTED_RETURN),
            ("reviews.csv", csv("CHILD,DOB,REVIEW,REVIEW_CODE", "C1,01/01/2019,01/05/2021,PN1")),
        ]
        result = run(users, world.la101, files, "2021-22")
        assert result.counts["ignored_files"] == [
            "reviews.csv: skipped: the Reviews table is not used by the portal"
        ]

    def test_a_file_named_anything_is_recognised_by_its_header(self, world, users):
        files = [
            (f"export-{n}.txt", content)
            for n, (_, content) in enumerate(return_files(**ADOPTED_RETURN))
        ]
        run(users, world.la101, files, "2021-22")
        assert Journey.objects.count() == 1

    def test_a_bad_year_is_refused(self, world, users):
        with pytest.raises(ImportFailed):
            run(users, world.la101, return_files(**ADOPTED_RETURN), "2021")

    @settings(
        max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(
        content=st.one_of(
            st.binary(max_size=300),
            st.lists(
                st.lists(
                    st.sampled_from(
                        [
                            "CHILD",
                            "DECOM",
                            "RNE",
                            "01/02/2023",
                            "S",
                            "E1",
                            "A6",
                            "",
                            "x",
                            "31/02/2023",
                            '"',
                            ",",
                        ]
                    ),
                    max_size=14,
                ),
                max_size=6,
            ).map(lambda rows: "\n".join([EPISODES] + [",".join(r) for r in rows]).encode()),
        )
    )
    def test_random_malformed_csv_never_raises_an_unhandled_error(self, content):
        read = read_return({"random.csv": content})
        for problem in read.problems:
            assert problem.file == "random.csv" and problem.reason


@pytest.mark.django_db
class TestXmlAndCommand:
    def test_the_xml_return_gives_the_same_journey_as_the_csv_tables(self, world, users):
        child = ChildReturn(
            "C1",
            episodes=[
                ("01/04/2021", "S", "C2", "U1", "PR1", "01/07/2021", "X1"),
                ("01/07/2021", "L", "E1", "U1", "PR1", "01/10/2021", "X1"),
                ("01/10/2021", "P", "E1", "A6", "PR1", "01/03/2022", "E11"),
            ],
            ad1=("01/05/2021", "15/09/2021", "0"),
            placed=[("01/05/2021", "", "")],
        )
        run(users, world.la101, [("return.xml", render_xml([child]))], "2021-22")
        from_xml = journeys_snapshot()
        Journey.objects.all().delete()
        ReturnRow.objects.all().delete()
        run(users, world.la101, list(render_csv([child]).items()), "2021-22")
        assert journeys_snapshot() == from_xml
        assert from_xml[0][1:] == (
            date(2021, 4, 1),
            date(2021, 7, 1),
            date(2021, 10, 1),
            date(2022, 3, 1),
            date(2021, 9, 15),
        )

    def test_command_prints_a_summary(self, world, users, tmp_path, capsys):
        for name, content in return_files(**ADOPTED_RETURN):
            (tmp_path / name).write_bytes(content)
        call_command("import_ssda903", "--la", "101", "--year", "2021-22", str(tmp_path))
        out = capsys.readouterr().out
        assert "1 children, 3 episodes, journeys 1 created" in out

    def test_command_lists_every_error_and_exits_non_zero(self, world, users, tmp_path, capsys):
        bad = tmp_path / "episodes.csv"
        bad.write_bytes(
            csv(
                EPISODES,
                episode("C1", "31/02/2023", "S", "C2", "U1"),
                episode("C2", "01/02/2023", "X", "C2", "U1"),
            )
        )
        with pytest.raises(CommandError, match="2 problem"):
            call_command("import_ssda903", "--la", "101", "--year", "2022-23", str(bad))
        err = capsys.readouterr().err
        assert f"episodes.csv, row 2, DECOM, '31/02/2023': {BAD_DATE}" in err
        assert "episodes.csv, row 3, RNE, 'X'" in err
        assert not Journey.objects.exists()
