"""The board scorecard: the XLSX and the PDF hold the calculations' numbers, a quarter with no
data says so, and the command refuses a bad RAA, quarter or path."""

import shutil
import subprocess
from datetime import date
from io import BytesIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from openpyxl import load_workbook

from agencies.models import Role
from indicators.calculations.engine import figures_for
from indicators.comparisons import figure_label
from indicators.exports import scorecard_pdf, scorecard_xlsx
from indicators.models import Export
from indicators.periods import Period
from indicators.scopes import parse_scope
from indicators.scorecards import SCORECARD_CODES, scorecard_for
from indicators.services import export_build, export_request
from tests.factories import user_with_role

Q3 = Period.parse("2022-23 Q3")


def pdf_text(content: bytes) -> str:
    assert shutil.which("pdftotext"), "pdftotext is missing: run `make system-packages`"
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


@pytest.mark.django_db
class TestScorecard:
    def test_the_xlsx_holds_the_calculations_for_each_quarter_and_the_r12(
        self, adopted_children, world
    ):
        card = scorecard_for(parse_scope("raa:north"), Q3, today=date(2023, 1, 20))
        book = load_workbook(BytesIO(scorecard_xlsx(card)))
        assert book.sheetnames == [
            "Summary",
            "North Adoption",
            "Hillside",
            "Riverside",
            "Seaside",
            "By partner LA",
            "Notes",
        ]
        sheet = book["North Adoption"]
        assert sheet.freeze_panes == "C2"
        labels = {figure_label(code): code for code in SCORECARD_CODES}
        rows = {labels[row[1]]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert set(rows) == {code for code in SCORECARD_CODES if code != "meetings_held"}
        for number, quarter in enumerate(Q3.quarters()[:3], start=2):
            expected = figures_for(parse_scope("raa:north"), quarter)
            for code in ("A2", "A10", "adoptions", "waiting_at_end"):
                assert rows[code][number] == expected[code].value, (code, quarter)
        r12 = figures_for(parse_scope("raa:north"), Period.r12(Q3))
        assert rows["A2"][6] == r12["A2"].value  # the R12 column
        assert rows["A2"][7] == r12["A2"].previous
        assert rows["A2"][5] is None  # Q4 is after the chosen quarter
        assert rows["A2"][9] == 121  # the target, loaded by the migrations
        assert sheet.cell(row=2 + list(rows).index("A2"), column=7).number_format == '#,##0" days"'
        notes = [row[0] for row in book["Notes"].iter_rows(values_only=True)]
        assert "Made on" in notes and figure_label("A2") in notes

    def test_the_pdf_text_holds_the_headline_figures(self, adopted_children):
        card = scorecard_for(parse_scope("raa:north"), Q3)
        text = pdf_text(scorecard_pdf(card))
        r12 = figures_for(parse_scope("raa:north"), Period.r12(Q3))
        assert "Quarterly scorecard: North Adoption, 2022-23 Q3" in text
        assert f"{r12['A2'].value} days" in text
        assert "Riverside" in text and "Southtown" not in text  # another RAA's LA

    def test_a_quarter_with_no_data_says_so(self, world):
        card = scorecard_for(parse_scope("raa:south"), Period.parse("2010-11 Q1"))
        assert not card.has_data
        message = "No records for South Adoption from 1 April 2010 to 30 June 2010."
        assert card.sections[0].empty == message
        sheet = load_workbook(BytesIO(scorecard_xlsx(card)))["South Adoption"]
        assert sheet["A2"].value == message
        assert message in pdf_text(scorecard_pdf(card))


@pytest.mark.django_db
class TestCommand:
    def test_writes_the_file(self, adopted_children, tmp_path):
        out = tmp_path / "card.xlsx"
        call_command("scorecard", raa="north", quarter="2022-23 Q3", format="xlsx", out=str(out))
        assert load_workbook(out).sheetnames[:2] == ["Summary", "North Adoption"]
        out = tmp_path / "card.docx"
        call_command("scorecard", raa="north", quarter="2022-23 Q3", format="docx", out=str(out))
        assert "Quarterly scorecard: North Adoption" in Document(out).paragraphs[0].text

    @pytest.mark.parametrize(
        "raa, quarter, out, message",
        [
            ("nowhere", "2022-23 Q3", "card.xlsx", "Unknown RAA 'nowhere'"),
            ("north", "2022-23", "card.xlsx", "A scorecard is for a quarter"),
            ("north", "Q3", "card.xlsx", "Malformed period"),
            ("north", "2022-23 Q3", "missing/card.xlsx", "no such folder"),
        ],
    )
    def test_refuses_bad_input_with_a_clear_message(
        self, world, tmp_path, raa, quarter, out, message
    ):
        with pytest.raises(CommandError, match=message):
            call_command(
                "scorecard", raa=raa, quarter=quarter, format="xlsx", out=str(tmp_path / out)
            )


@pytest.mark.django_db
def test_a_scorecard_made_for_an_las_board_member_leaves_out_the_other_partner_las(
    adopted_children, world
):
    export = export_request(
        user=user_with_role(Role.BOARD_MEMBER, la=world.la101),  # Riverside's
        kind=Export.Kind.SCORECARD_XLSX,
        scope=parse_scope("raa:north"),
        period=Q3,
    )
    export_build(export)
    export.refresh_from_db()
    with export.file.open("rb") as file:
        book = load_workbook(BytesIO(file.read()))
    assert "Riverside" in book.sheetnames
    assert "Hillside" not in book.sheetnames and "Seaside" not in book.sheetnames
    areas = [row[0].value for row in book["By partner LA"].iter_rows(min_row=2)]
    assert "Riverside" in areas and "Hillside" not in areas
