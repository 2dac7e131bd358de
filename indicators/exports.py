"""Files for boards and councils: the quarterly scorecard as XLSX (openpyxl) and PDF (WeasyPrint
from an HTML template), from indicators/scorecards.py (its Word document: scorecard_docx.py); the
adoption report as PDF and DOCX (python-docx), from indicators/reports.py. All hold the same
numbers as the dashboard and the API. Each scorecard file opens with the summary page, and names
figures as people read them, never by internal key."""

import base64
import re
from io import BytesIO

from django.template.loader import render_to_string
from docx import Document
from docx.shared import Mm
from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from core.spreadsheets import safe_row
from indicators import charts
from indicators.calculations.engine import MEASURES, figure_series
from indicators.comparisons import RAG_WORDS, by_la_table
from indicators.dashboard import TIMELINESS_DAYS
from indicators.report_charts import chart_png, chart_svg
from indicators.reports import Report
from indicators.scorecards import SUMMARY_HEADINGS, Scorecard, Section

STATUS_FILLS = {"met": "CCE2D8", "within 10%": "FFF2CC", "not met": "F6D7D2"}
NUMBER_FORMATS = {
    "mean": '#,##0" days"',
    "percent": '0.0"%"',
    "money": '"£"#,##0.00',
    "money_mean": '"£"#,##0.00',
    "count": "#,##0",
}
HEADER = ["Group", "Figure", "Q1", "Q2", "Q3", "Q4", "R12", "Previous R12", "Trend",
          "Target", "England average", "England average: period", "Statistical neighbours",
          "Statistical neighbours: period", "Status (R12)"]  # fmt: skip
NUMBER_COLUMNS = (*range(3, 9), 10, 11, 13)  # the values in the figure's unit
STATUS_COLUMN = "O"
BOLD = Font(bold=True)
BETTER_WHEN = {"lower": "Lower", "higher": "Higher"}


def number_format(code: str) -> str:
    return NUMBER_FORMATS[MEASURES[code].kind] if code in MEASURES else "0.00"


def _sheet_title(text: str, used: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", " ", text)[:31]
    while title in used:
        title = f"{title[:28]} {len(used)}"
    used.add(title)
    return title


def _append(sheet, values) -> None:
    """Add a row with its text cells made safe (a text beginning like a formula stays text)."""
    sheet.append(safe_row(values))


def scorecard_xlsx(card: Scorecard) -> bytes:
    """The summary first, then one sheet for the RAA and one per partner LA (frozen headers,
    number formats, status colours), and a notes sheet with the figures and the data date."""
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    _summary_sheet(book.create_sheet(_sheet_title("Summary", used)), card)
    for section in card.sections:
        _section_sheet(book.create_sheet(_sheet_title(section.scope.label, used)), card, section)
    _by_la_sheet(book.create_sheet(_sheet_title("By partner LA", used)), card)
    notes = book.create_sheet("Notes")
    _append(notes, [f"Quarterly scorecard: {card.raa.label}, {card.quarter.label}"])
    notes["A1"].font = BOLD
    _append(notes, ["Made on", card.made_on.isoformat()])
    _append(notes, ["Year to", f"{card.quarter.label} ({card.quarter.end:%-d %B %Y})"])
    _append(notes, ["R12", f"{card.r12.start:%-d %B %Y} to {card.r12.end:%-d %B %Y}"])
    _append(notes, ["Status", "Met, Within 10 % (of the target, on the wrong side) or Not met; "
                  "trend compares the R12 with the previous quarter's R12"])  # fmt: skip
    _append(notes, ["England average, neighbours", "The value for the R12, else for a longer "
                  "period containing it (its period given beside it)"])  # fmt: skip
    _append(notes, [])
    _append(notes, ["Figure", "Better when"])
    for row in card.sections[0].rows:
        better = MEASURES[row.code].better if row.code in MEASURES else None
        _append(notes, [row.label, BETTER_WHEN.get(better, "Neither: a count")])
    notes.column_dimensions["A"].width = 28
    notes.column_dimensions["B"].width = 90
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _summary_sheet(sheet, card: Scorecard) -> None:
    """The headline figures of the RAA for the R12, in words, as the files' first page."""
    _append(sheet, [f"Quarterly scorecard: {card.raa.label}, {card.quarter.label}: summary"])
    sheet["A1"].font = Font(bold=True, size=14)
    _append(sheet, [card.summary_note])
    _append(sheet, [])
    _append(sheet, SUMMARY_HEADINGS)
    for cell in sheet[4]:
        cell.font = BOLD
    sheet.freeze_panes = "B5"
    if card.sections[0].empty:
        _append(sheet, [card.sections[0].empty])
    fills = {words: STATUS_FILLS[status] for status, words in RAG_WORDS.items()}
    for line in card.summary:
        _append(sheet, [line.label, line.value, line.status, line.target, line.england,
                        line.neighbours, line.trend])  # fmt: skip
        if line.status in fills:
            sheet.cell(sheet.max_row, 3).fill = PatternFill("solid", fgColor=fills[line.status])
    for column, width in enumerate([62, 14, 20, 14, 22, 22, 30], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def _section_sheet(sheet, card: Scorecard, section: Section) -> None:
    _append(sheet, HEADER)
    for cell in sheet[1]:
        cell.font = BOLD
    sheet.freeze_panes = "C2"
    if section.empty:
        _append(sheet, [section.empty])
    for row in section.rows:
        values = [cell.value if cell else None for cell in row.quarters]
        england, neighbours = row.england, row.neighbours
        _append(
            sheet,
            [
                row.group,
                row.label,
                *values,
                row.r12.value,
                row.previous_r12,
                row.trend_words,
                row.target,
                england and england.value,
                england and england.period,
                neighbours and neighbours.value,
                neighbours and neighbours.period,
                row.status_words,
            ],  # fmt: skip
        )
        line = sheet.max_row
        for column in NUMBER_COLUMNS:
            sheet.cell(line, column).number_format = number_format(row.code)
        for column, cell in enumerate([*row.quarters, row.r12], start=3):
            if cell and cell.status:
                colour = STATUS_FILLS[cell.status]
                sheet.cell(line, column).fill = PatternFill("solid", fgColor=colour)
    status = f"{STATUS_COLUMN}2:{STATUS_COLUMN}{max(sheet.max_row, 2)}"
    for key, colour in STATUS_FILLS.items():
        sheet.conditional_formatting.add(
            status,
            CellIsRule(
                operator="equal",
                formula=[f'"{RAG_WORDS[key]}"'],
                fill=PatternFill("solid", bgColor=colour),
            ),
        )
    for column, width in enumerate([12, 60, *[11] * 6, 26, 11, 11, 12, 12, 12, 14], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def _by_la_sheet(sheet, card: Scorecard) -> None:
    """A row per partner LA and the RAA's total for the R12 (three-year figures to its year)."""
    table = by_la_table(card.raa, card.r12, may_see=card.may_see)
    head = ["Area"]
    for column in table.columns:
        if column.kind == "percent":
            head += [f"{column.heading}: number", f"{column.heading}: %"]
        else:
            head.append(column.heading)
    sheet.append(head)
    for cell in sheet[1]:
        cell.font = BOLD
    sheet.freeze_panes = "B2"
    for row in table.rows:
        values, formats = [f"{row.scope.label} (total)" if row.total else row.scope.label], [None]
        for column, figure in zip(table.columns, row.figures, strict=True):
            if column.kind == "percent":
                values += [figure.count if figure.value is not None else None, figure.value]
                formats += ["#,##0", NUMBER_FORMATS["percent"]]
            else:
                values.append(figure.value)
                formats.append(number_format(column.code))
        sheet.append(values)
        for index, number in enumerate(formats, start=1):
            if number:
                sheet.cell(sheet.max_row, index).number_format = number
        if row.total:
            for cell in sheet[sheet.max_row]:
                cell.font = BOLD
    sheet.column_dimensions["A"].width = 30
    for index in range(2, len(head) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 16


def scorecard_pdf(card: Scorecard) -> bytes:
    """The scorecard as a PDF, with the dashboard's timeliness chart as a vector image."""
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    quarters = card.quarter.quarters_to(20)
    series = figure_series(card.raa, quarters, list(TIMELINESS_DAYS))
    chart = charts.svg_line_chart(
        [q.label for q in quarters],
        {code: [row[code].value for row in series] for code in TIMELINESS_DAYS},
        y_title="Days",
        width=900,
        height=230,
    )
    html = render_to_string(
        "indicators/scorecard_pdf.html",
        {"card": card, "chart": chart, "summary_headings": SUMMARY_HEADINGS},
    )
    return HTML(string=html).write_pdf()


NO_NARRATIVE = "No commentary written for this section yet."
CHARTS_HEADING = "Charts"


def svg_data_uri(svg: str) -> str:
    """An SVG as an image address: WeasyPrint draws it as a picture of its own, so its styles
    and ids stay apart from the page's."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def report_html(report: Report) -> str:
    """The adoption report as one HTML page, its charts as inline SVG (the PDF's source)."""
    return render_to_string(
        "indicators/report_pdf.html",
        {
            "report": report,
            "no_narrative": NO_NARRATIVE,
            "charts": [(chart.title, svg_data_uri(chart_svg(chart))) for chart in report.charts],
        },
    )


def report_pdf(report: Report) -> bytes:
    """The adoption report as a PDF."""
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    return HTML(string=report_html(report)).write_pdf()


def report_docx(report: Report) -> bytes:
    """The adoption report as a Word document, for councils to edit."""
    document = Document()
    for section in document.sections:  # A4, as councils print (python-docx starts on Letter)
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
    document.add_heading(report.title, level=0)
    document.add_paragraph(
        f"{report.period.start:%-d %B %Y} to {report.period.end:%-d %B %Y}. Made on "
        f"{report.made_on:%-d %B %Y} from the portal's records."
    )
    if report.charts:
        document.add_heading(CHARTS_HEADING, level=1)
    for chart in report.charts:
        document.add_paragraph(chart.title)
        document.add_picture(BytesIO(chart_png(chart)), width=Mm(170))
    for section in report.sections:
        document.add_heading(section.title, level=1)
        document.add_paragraph(section.narrative or NO_NARRATIVE)
        head = ["Figure", *section.periods, "Target", "England", "Trend"]
        _docx_table(
            document,
            head,
            [
                [line.title, *line.values, line.target, line.england, line.trend]
                for line in section.lines
            ],
        )
    # In the order of the report's page: support and money, reasons for delay, comparisons.
    support = report.support_and_money.parts if report.support_and_money else []
    for part in [*support, report.delay_part, *report.comparisons]:
        if part is None:
            continue
        document.add_heading(part.title, level=1)
        _docx_table(document, part.headings, part.lines)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_table(document, head: list[str], lines: list[list[str]]):
    table = document.add_table(rows=1, cols=len(head))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
    for line in lines:
        for cell, text in zip(table.add_row().cells, line, strict=True):
            cell.text = text
    return table
