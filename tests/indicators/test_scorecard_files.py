"""Board-ready scorecard files: a summary page first in the spreadsheet, the PDF and the Word
document, with each headline figure's status against the target in words, its target, the England
and statistical neighbours' averages that match the R12 (their period named where longer), and its
trend; plain names, never internal keys; a PDF of one page per area after the summary."""

import re
import shutil
import subprocess
from datetime import date
from io import BytesIO
from zipfile import ZipFile

import pytest
from docx import Document
from openpyxl import load_workbook

from indicators.calculations.engine import COMBINATION_OF, DERIVED, MEASURES
from indicators.comparisons import figure_label, rag_words, trend_words
from indicators.exports import scorecard_pdf, scorecard_xlsx
from indicators.models import ReferenceValue
from indicators.periods import Period
from indicators.scopes import parse_scope
from indicators.scorecard_docx import scorecard_docx
from indicators.scorecards import scorecard_for
from tests.factories import journey
from tests.indicators.test_scorecards import pdf_text

Q3 = Period.parse("2022-23 Q3")  # its R12: 1 January to 31 December 2022


class TestWords:
    @pytest.mark.parametrize(
        "status, target, value, words",
        [
            ("met", 121, 100, "Met"),
            ("within 10%", 121, 130, "Within 10 %"),
            ("not met", 121, 140, "Not met"),
            (None, None, 100, "No target"),
            (None, 121, None, "No figure to compare"),
        ],
    )
    def test_the_status_against_the_target_in_words(self, status, target, value, words):
        assert rag_words(status, target=target, value=value) == words

    def test_the_trend_in_words_and_in_the_figures_unit(self):
        assert trend_words("mean", "better", 455, 395) == "Better: -60 days, -13.2%"
        assert trend_words("percent", "worse", 50.0, 40.0) == "Worse: -10.0 points, -20.0%"
        assert trend_words("count", "up", 1, 2) == "Up: +1, +100.0%"
        assert trend_words("money", "up", 1000.0, 1500.0) == "Up: +£500.00, +50.0%"
        assert trend_words("count", "same", 3, 3) == "Same"
        assert trend_words("mean", None, None, 3) == "No earlier figure"

    def test_a_figure_is_named_by_its_title_and_national_code_never_its_key(self):
        assert figure_label("A10").endswith("(A10)")
        assert figure_label("A10_live") == "A10 for children who moved in during the period (days)"
        assert figure_label("adm_decisions") == "Decisions that the child should be adopted (A15)"


@pytest.fixture
def card(adopted_children, world):
    """R12 to 2022-23 Q3 for RAA north, worked out by hand. Adopted in the R12: a Riverside child
    (order 1 September 2022: A10 455 days, A2 60, A20 365, waited 14 months or more) and a
    Hillside child (order 15 October 2022: A10 334, A2 31, A20 273, under 14 months). Means
    half up: A10 395 days, A2 46, A20 319; A3 50.0%. The previous R12 (October 2021 to September
    2022) has the Riverside child alone: A10 455, A2 60, A20 365, one adoption."""
    journey(
        world.la102,
        entered_care=date(2021, 6, 1),
        placement_order=date(2022, 3, 1),
        matched=date(2022, 4, 1),
        placed=date(2022, 5, 1),
        adoption_order=date(2022, 10, 15),
    )
    r12 = "R12 2022-23 Q3"
    for indicator, kind, period, la, value in [
        ("A2", "target", r12, None, 42),  # 46 is above it by less than 4.2: within 10 %
        ("A20", "target", r12, None, 280),  # 319 is above 280 + 28: not met
        ("A10", "england", "2020-23", None, 500),  # three years containing the R12
        ("A10", "neighbours", "2020-23", None, 480),
        ("A2", "neighbours", r12, world.la101, 50),  # Riverside's own, for exactly the R12
        ("A2", "england", "2023-24", None, 999),  # another period: not beside this R12
    ]:
        ReferenceValue.objects.create(
            indicator=indicator, kind=kind, period=period, la=la, value=value, source="test"
        )
    return scorecard_for(parse_scope("raa:north"), Q3, today=date(2023, 1, 20))


HEADLINE = {
    # figure: (R12, status in words, target, England, neighbours, trend)
    "A10": (
        "395 days",
        "Met",
        "426 days",
        "500 days (2020-23)",
        "480 days (2020-23)",
        "Better: -60 days, -13.2%",
    ),
    "A2": (
        "46 days",
        "Within 10 %",
        "42 days",
        "None held",
        "None held",
        "Better: -14 days, -23.3%",
    ),  # fmt: skip
    "A20": (
        "319 days",
        "Not met",
        "280 days",
        "None held",
        "None held",
        "Better: -46 days, -12.6%",
    ),  # fmt: skip
    "A3": (
        "50.0%",
        "No target",
        "No target",
        "None held",
        "None held",
        "Better: +50.0 points",
    ),  # fmt: skip
    "adoptions": ("2", "No target", "No target", "None held", "None held", "Up: +1, +100.0%"),
}


def summary_rows(card) -> dict:
    return {line.label: line for line in card.summary}


def internal_keys() -> set[str]:
    """Codes people never read: every figure's key but the national indicators' (A10)."""
    return {
        code for code in (*MEASURES, *COMBINATION_OF, *DERIVED) if not re.fullmatch(r"A\d+", code)
    }


def assert_no_internal_key(text: str) -> None:
    for key in internal_keys():
        # Keys with an underscore are never words; one-word keys (matches) only as a label.
        pattern = re.escape(key) if "_" in key else rf"\({re.escape(key)}\)"
        assert not re.search(pattern, text), key


@pytest.mark.django_db
class TestSummary:
    def test_the_summary_holds_each_headline_figure_in_words(self, card):
        rows = summary_rows(card)
        assert list(rows)[:5] == [figure_label(code) for code in ("A1", "A10", "A2", "A20", "A3")]
        for code, expected in HEADLINE.items():
            line = rows[figure_label(code)]
            found = (line.value, line.status, line.target, line.england, line.neighbours,
                     line.trend)  # fmt: skip
            assert found == expected, code

    def test_the_xlsx_opens_on_the_summary(self, card):
        book = load_workbook(BytesIO(scorecard_xlsx(card)))
        assert book.sheetnames[:2] == ["Summary", "North Adoption"]
        lines = list(book["Summary"].iter_rows(values_only=True))
        by_label = {line[0]: line[1:] for line in lines[4:]}
        for code, expected in HEADLINE.items():
            assert by_label[figure_label(code)] == expected, code

    def test_the_xlsx_sections_fill_the_england_and_neighbours_columns(self, card):
        book = load_workbook(BytesIO(scorecard_xlsx(card)))
        head, *rows = book["North Adoption"].iter_rows(values_only=True)
        a10 = dict(zip(head, next(r for r in rows if r[1] == figure_label("A10")), strict=True))
        assert (a10["England average"], a10["England average: period"]) == (500, "2020-23")
        assert a10["Statistical neighbours"] == 480
        assert a10["Status (R12)"] == "Met"
        head, *rows = book["Riverside"].iter_rows(values_only=True)
        a2 = dict(zip(head, next(r for r in rows if r[1] == figure_label("A2")), strict=True))
        assert (a2["Statistical neighbours"], a2["Statistical neighbours: period"]) == (50, None)
        assert a2["England average"] is None  # 2023-24 does not contain the R12

    def test_the_pdf_opens_on_the_summary_and_fills_england(self, card):
        content = scorecard_pdf(card)
        first = pdf_page_text(content, 1)
        assert "Quarterly scorecard: North Adoption, 2022-23 Q3" in first
        for code, (value, status, target, england, neighbours, trend) in HEADLINE.items():
            line = next(line for line in first.splitlines() if figure_label(code)[:30] in line)
            for part in (value, status, target, england, neighbours, trend):
                assert part in line, (code, part)
        assert "500 days (2020-23)" in first and "480 days (2020-23)" in first
        assert "Riverside" not in first  # the partner LAs' pages follow
        assert "50 days" in pdf_page_text(content, 4)  # Riverside's own neighbours' average

    def test_the_word_document_opens_on_the_summary_and_fills_england(self, card):
        document = Document(BytesIO(scorecard_docx(card)))
        summary = document.tables[0]
        rows = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in summary.rows}
        for code, expected in HEADLINE.items():
            assert tuple(rows[figure_label(code)]) == expected, code
        section = document.sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
        riverside = document.tables[3]  # the summary, North Adoption, Hillside, Riverside
        head = [cell.text for cell in riverside.rows[0].cells]
        a2 = next(row for row in riverside.rows if row.cells[0].text == figure_label("A2"))
        assert a2.cells[head.index("Neighbours' average")].text == "50 days"

    def test_no_file_shows_an_internal_key(self, card):
        book = load_workbook(BytesIO(scorecard_xlsx(card)))
        cells = " ".join(
            str(value)
            for sheet in book
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
        with ZipFile(BytesIO(scorecard_docx(card))) as word:
            words = re.sub(r"<[^>]+>", " ", word.read("word/document.xml").decode())
        for text in (cells, pdf_text(scorecard_pdf(card)), words):
            assert_no_internal_key(text)
        assert "A10 for children who moved in during the period" in cells


def pdf_page_text(content: bytes, page: int) -> str:
    assert shutil.which("pdftotext"), "pdftotext is missing: run `make system-packages`"
    return subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    ).stdout.decode()


def pdf_pages(content: bytes) -> tuple[int, str]:
    info = subprocess.run(
        ["pdfinfo", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
    size = re.search(r"Page size:\s+(.*)", info)[1]
    return pages, size


@pytest.mark.django_db
def test_the_pdf_is_a4_with_a_page_for_the_summary_and_one_per_area(card):
    content = scorecard_pdf(card)
    pages, size = pdf_pages(content)
    assert "(A4)" in size
    assert pages == 1 + len(card.sections)  # the summary, North Adoption and its three LAs
    for page in range(1, pages + 1):
        assert len(pdf_page_text(content, page).split()) > 100, page  # no near-empty page


@pytest.mark.django_db
def test_the_shipped_england_averages_reach_the_summary_with_their_period(world):
    """A1 is on the scorecard: R12 to 2016-17 Q4 is the year 2016-17, inside the shipped England
    averages for 2016-17 (457 days) and 2015-18 (486); the narrowest stands beside it."""
    card = scorecard_for(parse_scope("raa:north"), Period.parse("2016-17 Q4"))
    a1 = summary_rows(card)[figure_label("A1")]
    assert (a1.value, a1.status, a1.target, a1.england) == (
        "no children",
        "No figure to compare",
        "426 days",
        "457 days (2016-17)",
    )
