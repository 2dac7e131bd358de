"""The import's page: what was read, what was left out, warnings grouped by check, and the
warnings as a CSV that a spreadsheet cannot run."""

import csv
import io

import pytest
from django.utils.html import escape

from core.csv_cells import neutralised
from journeys.ssda903.models import ImportRecord
from journeys.ssda903.readers import IGNORED_TABLE
from journeys.ssda903.selectors import import_warning_groups, warning_check
from tests.journeys.test_ssda903 import ADOPTED_RETURN, return_files
from tests.journeys.test_ssda903_uploads import DEC, DECOM, as_uploads, with_episode_cell


def adopted_without_ad1(child: str) -> list[tuple[str, bytes]]:
    """The adopted return for `child` with no AD1 row and a gap between its first two
    episodes: warnings of two checks."""
    rows = {
        table: [row.replace("C1,", f"{child},", 1) for row in ADOPTED_RETURN[table]]
        for table in ("episodes", "placed")
    }
    files = return_files(episodes=rows["episodes"], placed=rows["placed"], children=(child,))
    first_end = rows["episodes"][0].split(",")[DEC]
    day, month, year = first_end.split("/")
    return with_episode_cell(files, 2, DECOM, f"{int(day) + 5:02d}/{month}/{year}")


def upload(client, user, files, year="2021-22"):
    client.force_login(user)
    response = client.post(
        "/imports/ssda903/", {"la": "101", "year": year, "files": as_uploads(files)}
    )
    assert response.status_code == 302, response.content.decode()
    return ImportRecord.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+44 20", "'+44 20"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tX", "'\tX"),
        ("\rX", "'\rX"),
        ("C1", "C1"),
        ("a=b", "a=b"),
        (None, ""),
        (7, "7"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_neutralised(cell, written):
    assert neutralised(cell) == written


def test_warnings_are_grouped_by_the_check_that_raised_them():
    record = ImportRecord(
        warnings=[
            {"child": "C1", "reason": "Adopted, but the return has no AD1 row for the child."},
            {
                "child": "C2",
                "reason": "A gap inside a period of care: one episode ends 2020-09-01, the next "
                "begins 2020-09-10.",
            },
            {"child": "C3", "reason": "Adopted, but the return has no AD1 row for the child."},
            {"child": "C4", "reason": "Something new", "check": "A check of its own"},
        ]
    )
    groups = [(g.check, [w["child"] for w in g.warnings]) for g in import_warning_groups(record)]
    assert groups == [
        ("Adopted, but the return has no AD1 row for the child.", ["C1", "C3"]),
        ("A check of its own", ["C4"]),
        ("A gap inside a period of care: one episode ends …, the next begins ….", ["C2"]),
    ]


def test_a_warning_of_no_known_check_is_grouped_without_its_dates():
    reason = "A new finding on 01/04/2021 (E11) for 2021-04-01"
    assert warning_check({"reason": reason}) == "A new finding on … … for …"


@pytest.mark.django_db(transaction=True)
class TestImportPage:
    def test_the_page_shows_what_was_read_and_left_out(self, client, world, users):
        files = [*return_files(**ADOPTED_RETURN), ("notes.docx", b"PK")]
        files.append(
            ("reviews.csv", b"CHILD,DOB,REVIEW,REVIEW_CODE\nC1,01/01/2019,01/05/2021,PN1\n")
        )
        record = upload(client, users.raa_manager, files)
        html = client.get(f"/imports/{record.pk}/").content.decode()
        assert "What was read" in html
        for name, table, rows in [
            ("episodes.csv", "Episodes", 3),
            ("header.csv", "Header", 1),
            ("ad1.csv", "AD1", 1),
            ("placed.csv", "PlacedAdoption", 1),
        ]:
            assert (
                f'<td class="govuk-table__cell">{name}</td><td class="govuk-table__cell">{table}'
                f'</td><td class="govuk-table__cell govuk-table__cell--numeric">{rows}</td>'
            ) in html
        assert "What was left out" in html
        assert 'notes.docx</td><td class="govuk-table__cell">not a CSV, XML or zip file' in html
        assert (
            '<td class="govuk-table__cell">reviews.csv</td><td class="govuk-table__cell">'
            + IGNORED_TABLE.format(table="Reviews")
        ) in html
        assert (
            '<dt class="govuk-summary-list__key">Journeys created</dt>'
            '<dd class="govuk-summary-list__value">1</dd>'
        ) in html

    def test_warnings_are_grouped_and_downloadable_with_formulas_neutralised(
        self, client, world, users
    ):
        record = upload(client, users.raa_manager, adopted_without_ad1("=1+2"))
        groups = import_warning_groups(record)
        assert len(groups) >= 2
        html = client.get(f"/imports/{record.pk}/").content.decode()
        for group in groups:
            assert f"{escape(group.check)} ({len(group.warnings)})" in html
        response = client.get(f"/imports/{record.pk}/warnings.csv")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == ["check", "child", "file", "row", "column", "value", "warning"]
        assert {row[1] for row in rows[1:]} == {"'=1+2"}
        assert [row[0] for row in rows[1:]] == [
            group.check for group in groups for _ in group.warnings
        ]

    def test_the_warnings_of_another_las_import_are_not_found(self, client, world, users):
        record = upload(client, users.raa_manager, adopted_without_ad1("C1"))
        record.la = world.la102
        record.save()
        client.force_login(users.la_manager)
        assert client.get(f"/imports/{record.pk}/warnings.csv").status_code == 404
