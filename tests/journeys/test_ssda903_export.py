"""Export of an LA's AD1 and PlacedAdoption tables from the portal's records, and the report of
where an imported return and the casework disagree."""

import csv
import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from agencies.models import AuditEvent
from journeys.models import Child, Journey
from journeys.ssda903.casework_check import (
    CHILD_NOT_IN_RETURN,
    DIFFERENT,
    RETURN_ONLY,
    return_casework_differences,
)
from journeys.ssda903.derive import JourneyFacts
from journeys.ssda903.export import return_export
from journeys.ssda903.models import ReturnRow
from journeys.ssda903.services import return_import
from tests.factories import ChildFactory, HouseholdFactory
from tests.journeys.test_ssda903 import ADOPTED_RETURN, return_files

AD1_HEADER = "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR"
PLACED_HEADER = "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED"


def lines(*rows: str) -> str:
    return "".join(f"{row}\r\n" for row in rows)


@pytest.fixture
def casework(world):
    """C1 adopted in 2021-22 by a couple; C2's plan ceased in 2022-23; C3, a foster-carer
    adoption, adopted in 2020-21; C4 of another LA."""
    couple = HouseholdFactory(la=world.la101, number_of_adopters=2, legal_status="L11")
    Journey.objects.create(
        child=ChildFactory(la=world.la101, la_child_id="C1", date_of_birth=date(2019, 1, 1)),
        entered_care=date(2020, 4, 1),
        adm_decision=date(2020, 7, 1),
        placement_order=date(2020, 9, 1),
        matched=date(2021, 2, 15),
        placed=date(2021, 3, 1),
        moved_in_with_adopters=date(2021, 3, 1),
        adoption_order=date(2021, 9, 1),
        adopters=couple,
    )
    Journey.objects.create(
        child=ChildFactory(la=world.la101, la_child_id="C2", date_of_birth=date(2018, 5, 5)),
        entered_care=date(2020, 1, 10),
        adm_decision=date(2021, 5, 1),
        plan_ceased=date(2022, 6, 1),
        plan_ceased_reason="RD1",
    )
    Journey.objects.create(
        child=ChildFactory(la=world.la101, la_child_id="C3", date_of_birth=date(2017, 2, 2)),
        entered_care=date(2019, 6, 1),
        adm_decision=date(2019, 9, 1),
        placement_order=date(2019, 12, 1),
        placed=date(2020, 2, 1),
        moved_in_with_adopters=date(2019, 6, 1),
        adoption_order=date(2021, 2, 1),
        foster_carer_adoption=True,
    )
    Journey.objects.create(
        child=ChildFactory(la=world.la102, la_child_id="C4"),
        adm_decision=date(2021, 4, 2),
        adoption_order=date(2021, 10, 1),
    )


@pytest.mark.django_db
class TestExport:
    def test_a_year_gives_the_children_adopted_in_it_and_the_decisions_open_in_it(
        self, world, users, casework
    ):
        tables = return_export(user=users.raa_manager, la=world.la101, year="2021-22")
        assert tables == {
            "AD1": lines(AD1_HEADER, "C1,01/01/2019,01/07/2020,15/02/2021,0,2,,L11"),
            "PlacedAdoption": lines(
                PLACED_HEADER,
                "C1,01/01/2019,01/07/2020,,",
                "C2,05/05/2018,01/05/2021,,",  # ceased after the year: not yet in this return
            ),
        }

    def test_a_plan_ceased_in_the_year_is_exported_with_its_reason(self, world, users, casework):
        tables = return_export(user=users.raa_manager, la=world.la101, year="2022-23")
        assert tables == {
            "AD1": lines(AD1_HEADER),
            "PlacedAdoption": lines(PLACED_HEADER, "C2,05/05/2018,01/05/2021,01/06/2022,RD1"),
        }

    def test_a_foster_carer_adoption_with_no_household_recorded(self, world, users, casework):
        tables = return_export(user=users.raa_manager, la=world.la101, year="2020-21")
        assert tables == {
            "AD1": lines(AD1_HEADER, "C3,02/02/2017,01/09/2019,,1,,,"),
            "PlacedAdoption": lines(
                PLACED_HEADER, "C1,01/01/2019,01/07/2020,,", "C3,02/02/2017,01/09/2019,,"
            ),
        }

    def test_the_command_writes_the_two_files(self, world, users, casework, tmp_path, capsys):
        call_command("export_ssda903", "--la", "101", "--year", "2021-22", "--out", str(tmp_path))
        assert (tmp_path / "AD1.csv").read_bytes() == lines(
            AD1_HEADER, "C1,01/01/2019,01/07/2020,15/02/2021,0,2,,L11"
        ).encode()
        assert (tmp_path / "PlacedAdoption.csv").read_bytes().count(b"\r\n") == 3
        assert "AD1.csv: 1 row(s)" in capsys.readouterr().out
        assert AuditEvent.objects.filter(action="export", via="command").exists()

    @pytest.mark.parametrize(
        ("arguments", "message"),
        [
            (["--la", "999", "--year", "2021-22"], "Unknown LA code '999'."),
            (["--la", "101", "--year", "9999-00"], "--year '9999-00': Give the return's"),
        ],
    )
    def test_the_command_refuses_bad_arguments_by_name(
        self, world, users, tmp_path, arguments, message
    ):
        with pytest.raises(CommandError, match=message.replace("(", r"\(")):
            call_command("export_ssda903", *arguments, "--out", str(tmp_path))

    def test_a_manager_downloads_a_table_of_its_la(self, client, world, users, casework):
        client.force_login(users.la_manager)
        response = client.get("/imports/ssda903/export/AD1.csv?la=101&year=2021-22")
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="101-2021-22-AD1.csv"'
        assert response.content.decode().splitlines()[1].startswith("C1,01/01/2019,")
        assert AuditEvent.objects.filter(action="export", user=users.la_manager).exists()

    @pytest.mark.parametrize(
        ("role", "query", "status"),
        [
            ("la_manager", "la=102&year=2021-22", 400),
            ("raa_manager", "la=201&year=2021-22", 400),
            ("raa_manager", "la=102&year=2021-22", 200),
            ("raa_manager", "la=101&year=2021", 400),
            ("family_finder", "la=101&year=2021-22", 403),
            ("board_member", "la=101&year=2021-22", 403),
        ],
    )
    def test_who_may_download_which_la(self, client, world, users, casework, role, query, status):
        client.force_login(getattr(users, role))
        response = client.get(f"/imports/ssda903/export/PlacedAdoption.csv?{query}")
        assert response.status_code == status
        if status == 400:
            assert response.content.decode().startswith("Choose a local authority")

    def test_an_unknown_table_is_not_found(self, client, world, users):
        client.force_login(users.raa_manager)
        assert (
            client.get("/imports/ssda903/export/Header.csv?la=101&year=2021-22").status_code == 404
        )


def journeys_snapshot() -> list[tuple]:
    """Every journey's dates, as the import sets them."""
    return sorted(Journey.objects.values_list("child__la_child_id", *JourneyFacts.JOURNEY_FIELDS))


@pytest.mark.django_db
def test_export_then_import_into_an_empty_database_gives_the_same_journeys(world, users):
    files = dict(return_files(**ADOPTED_RETURN))
    return_import(user=users.raa_manager, la=world.la101, year="2021-22", files=list(files.items()))
    before = journeys_snapshot()
    assert before and before[0][JourneyFacts.JOURNEY_FIELDS.index("adoption_order") + 1]
    exported = return_export(user=users.raa_manager, la=world.la101, year="2021-22")
    Journey.objects.all().delete()
    Child.objects.all().delete()
    ReturnRow.objects.all().delete()
    again = [
        ("header.csv", files["header.csv"]),
        ("episodes.csv", files["episodes.csv"]),
        ("AD1.csv", exported["AD1"].encode()),
        ("PlacedAdoption.csv", exported["PlacedAdoption"].encode()),
    ]
    return_import(user=users.raa_manager, la=world.la101, year="2021-22", files=again)
    assert journeys_snapshot() == before


@pytest.mark.django_db
class TestReturnAndCasework:
    def imported(self, world, users):
        return_import(
            user=users.raa_manager,
            la=world.la101,
            year="2021-22",
            files=return_files(**ADOPTED_RETURN),
        )
        return Journey.objects.get(child__la_child_id="C1")

    def test_no_difference_right_after_an_import(self, world, users):
        self.imported(world, users)
        assert (
            return_casework_differences(user=users.raa_manager, la=world.la101, year="2021-22")
            == []
        )

    def test_dates_changed_in_the_casework_are_listed_child_by_child(self, world, users):
        journey = self.imported(world, users)
        from_return = (journey.placement_order, journey.matched)
        journey.placement_order = None
        journey.matched = date(2021, 2, 20)
        journey.save()
        other = Journey.objects.create(
            child=ChildFactory(la=world.la101, la_child_id="P9"),
            adm_decision=date(2021, 5, 1),
            adoption_order=date(2022, 1, 10),
        )
        rows = [
            (d.child, d.date, d.in_return, d.in_portal, d.finding, d.journey_id)
            for d in return_casework_differences(
                user=users.raa_manager, la=world.la101, year="2021-22"
            )
        ]
        assert rows == [
            ("C1", "Placement order", from_return[0], None, RETURN_ONLY, journey.pk),
            ("C1", "Match", from_return[1], date(2021, 2, 20), DIFFERENT, journey.pk),
            ("P9", "ADM decision", None, date(2021, 5, 1), CHILD_NOT_IN_RETURN, other.pk),
            ("P9", "Adoption order", None, date(2022, 1, 10), CHILD_NOT_IN_RETURN, other.pk),
        ]

    def test_the_report_page_and_its_csv(self, client, world, users):
        journey = self.imported(world, users)
        journey.matched = date(2021, 2, 20)
        journey.save()
        client.force_login(users.la_manager)
        page = client.get("/imports/ssda903/check/?la=101&year=2021-22").content.decode()
        assert "1 date where the return and the casework disagree" in page
        assert "20 Feb 2021" in page
        response = client.get("/imports/ssda903/check/?la=101&year=2021-22&format=csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == ["child", "entered care", "date", "return", "portal", "finding"]
        assert rows[1][2:] == ["Match", rows[1][3], "2021-02-20", DIFFERENT]

    def test_a_year_with_no_return_imported_says_so(self, client, world, users):
        client.force_login(users.raa_manager)
        page = client.get("/imports/ssda903/check/?la=101&year=2023-24").content.decode()
        assert "No return has been imported for Riverside 2023-24" in page

    def test_another_las_report_is_refused(self, client, world, users):
        client.force_login(users.la_manager)
        page = client.get("/imports/ssda903/check/?la=102&year=2021-22")
        assert page.status_code == 200
        assert "Select a valid choice" in page.content.decode()
        with pytest.raises(Exception, match="outside your scope"):
            return_casework_differences(user=users.la_manager, la=world.la102, year="2021-22")
