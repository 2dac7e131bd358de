"""The quarterly scorecard as a Word document (python-docx), for boards that edit their papers:
A4 landscape, the summary of the headline figures on the first page, then one page of figures
for the RAA and one for each partner LA, from the same `Scorecard` as the spreadsheet and the
PDF (indicators/scorecards.py)."""

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.shared import Mm, Pt

from indicators.exports import _docx_table
from indicators.scorecards import SUMMARY_HEADINGS, Scorecard

SECTION_HEADINGS = ["Figure", "Q1", "Q2", "Q3", "Q4", "R12", "Status", "Previous R12", "Trend",
                    "Target", "England average", "Neighbours' average"]  # fmt: skip
KEY = (
    "Status against the target: Met; Within 10 % (on the wrong side of the target by no more "
    "than a tenth of it); Not met. An average for a longer period than the R12 names its period."
)


def scorecard_docx(card: Scorecard) -> bytes:
    """The scorecard as a Word document: the summary page first, then a page per area."""
    document = Document()
    for section in document.sections:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin = section.right_margin = Mm(12)
        section.top_margin = section.bottom_margin = Mm(12)
    document.styles["Normal"].font.size = Pt(8)
    document.add_heading(f"Quarterly scorecard: {card.raa.label}, {card.quarter.label}", level=1)
    document.add_paragraph(card.summary_note)
    if card.sections[0].empty:
        document.add_paragraph(card.sections[0].empty)
    _table(
        document,
        SUMMARY_HEADINGS,
        [
            [
                line.label,
                line.value,
                line.status,
                line.target,
                line.england,
                line.neighbours,
                line.trend,
            ]  # fmt: skip
            for line in card.summary
        ],
    )
    document.add_paragraph(KEY)
    for section in card.sections:
        document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        document.add_heading(section.scope.label, level=2)
        if section.empty:
            document.add_paragraph(section.empty)
        lines = []
        for group in dict.fromkeys(row.group for row in section.rows):
            lines.append([group] + [""] * (len(SECTION_HEADINGS) - 1))
            for row in (row for row in section.rows if row.group == group):
                lines.append(
                    [
                        row.label,
                        *("" if cell is None else row.text(cell.value) for cell in row.quarters),
                        row.text(row.r12.value),
                        row.status_words if row.target is not None else "",
                        "" if row.previous_r12 is None else row.text(row.previous_r12),
                        row.trend_word,
                        "" if row.target is None else row.text(row.target),
                        row.england_text if row.england else "",
                        row.neighbours_text if row.neighbours else "",
                    ]
                )
        _table(document, SECTION_HEADINGS, lines)
        document.add_paragraph()
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _table(document, head: list[str], lines: list[list[str]]) -> None:
    """The report's table (indicators/exports.py), in small type to fit a landscape page."""
    for row in _docx_table(document, head, lines).rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)
                for run in paragraph.runs:
                    run.font.size = Pt(7.5)
