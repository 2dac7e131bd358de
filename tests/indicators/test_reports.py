"""The adoption report: its sections hold the calculations' figures, managers' commentary is
saved and printed, and the DOCX, PDF and HTML carry every section."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from indicators.calculations.engine import figures_for
from indicators.exports import CHARTS_HEADING, report_docx, report_pdf
from indicators.models import ReportNarrative
from indicators.periods import Period
from indicators.recruitment_report import RECRUITMENT_SECTIONS
from indicators.reports import SECTIONS, report_for
from indicators.scopes import parse_scope
from journeys.models import AdopterSource, JourneyNote, Placement
from tests.factories import journey
from tests.indicators.builders import DISRUPTION
from tests.indicators.test_scorecards import pdf_text

Y2022 = Period.parse("2022-23")


@pytest.mark.django_db
class TestReport:
    def test_sections_hold_the_calculations(self, adopted_children):
        report = report_for(parse_scope("la:101"), Y2022, today=date(2023, 5, 1))
        assert report.title == "Annual adoption report: Riverside, 2022-23"
        keys = [key for key, _, _ in (*SECTIONS, *RECRUITMENT_SECTIONS)]
        assert [section.key for section in report.sections] == keys
        indicators = {line.code: line for line in report.sections[1].lines}
        in_year = figures_for(parse_scope("la:101"), Y2022)["A2"]
        three_years = figures_for(parse_scope("la:101"), Period.parse("2020-23"))["A2"]
        assert indicators["A2"].values == [f"{in_year.value} days", f"{three_years.value} days"]
        assert indicators["A2"].target == "121 days"
        activity = {line.code: line.values for line in report.sections[0].lines}
        assert report.sections[0].periods == ["2020-21", "2021-22", "2022-23"]
        assert activity["adoptions"] == ["0", "0", "2"]

    def test_a_half_year_report_compares_the_same_half_of_earlier_years(self, adopted_children):
        report = report_for(parse_scope("la:101"), Period.parse("2022-23 H1"))
        assert report.title.startswith("Six-monthly adoption report")
        assert report.sections[0].periods == ["2020-21 H1", "2021-22 H1", "2022-23 H1"]

    def test_a_managers_commentary_is_saved_and_in_every_format(
        self, client, users, adopted_children
    ):
        client.force_login(users.la_manager)
        query = "?scope=la%3A101&period=2022-23"
        response = client.post(
            f"/reports/{query}", {"section": "adopted", "text": "Two children found homes."}
        )
        assert response.status_code == 302
        report = report_for(parse_scope("la:101"), Y2022)
        assert report.sections[2].narrative == "Two children found homes."
        document = Document(io.BytesIO(report_docx(report)))
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert headings == [
            CHARTS_HEADING,
            *(title for _, title, _ in (*SECTIONS, *RECRUITMENT_SECTIONS)),
            *(part.title for part in report.support_and_money.parts),
            report.delay_part.title,
            *(part.title for part in report.comparisons),
        ]
        assert "Two children found homes." in [p.text for p in document.paragraphs]
        text = pdf_text(report_pdf(report))
        assert "Two children found homes." in text and "Who was adopted" in text

    def test_board_members_read_but_cannot_write_commentary(self, client, users, world):
        client.force_login(users.board_member)
        page = client.get("/reports/?scope=raa%3Anorth&period=2022-23")
        assert page.status_code == 200
        assert "Save the commentary" not in page.content.decode()
        refused = client.post(
            "/reports/?scope=raa%3Anorth&period=2022-23", {"section": "panels", "text": "x"}
        )
        assert refused.status_code == 403

    def test_only_raa_managers_write_raa_wide_commentary(self, client, users, world):
        query = "?scope=raa%3Anorth&period=2022-23"
        client.force_login(users.la_manager)
        page = client.get(f"/reports/{query}")
        assert page.status_code == 200
        assert "Save the commentary" not in page.content.decode()
        refused = client.post(f"/reports/{query}", {"section": "panels", "text": "RAA view"})
        assert refused.status_code == 403
        assert report_for(parse_scope("raa:north"), Y2022).sections[5].narrative == ""
        client.force_login(users.raa_manager)
        saved = client.post(f"/reports/{query}", {"section": "panels", "text": "RAA view"})
        assert saved.status_code == 302
        assert report_for(parse_scope("raa:north"), Y2022).sections[5].narrative == "RAA view"

    def test_an_la_manager_writes_only_their_own_las_commentary(self, client, users, world):
        client.force_login(users.la_manager)
        other_la = "/reports/?scope=la%3A102&period=2022-23"
        # Another LA is not among the areas offered: the form refuses it and saves nothing.
        assert client.post(other_la, {"section": "panels", "text": "x"}).status_code == 200
        assert not ReportNarrative.objects.exclude(scope="la:101").exists()
        assert (
            client.post(
                "/reports/?scope=la%3A101&period=2022-23", {"section": "panels", "text": "Ours"}
            ).status_code
            == 302
        )
        assert ReportNarrative.objects.get().text == "Ours"

    def test_support_workers_are_refused(self, client, users):
        client.force_login(users.support_worker)
        assert client.get("/reports/").status_code == 403


@pytest.mark.django_db
class TestCommand:
    @pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
    def test_writes_each_format(self, adopted_children, tmp_path, fmt):
        out = tmp_path / f"report.{fmt}"
        call_command("annual_report", scope="raa:north", period="2022-23", format=fmt, out=str(out))
        assert out.stat().st_size > 1000

    @pytest.mark.parametrize(
        "scope, period, out, message",
        [
            ("all", "2022-23", "r.pdf", "for an LA"),
            ("la:999", "2022-23", "r.pdf", "Unknown LA"),
            ("la:101", "2022-23 Q1", "r.pdf", "a financial year"),
            ("la:101", "2022-23", "missing/r.pdf", "no such folder"),
        ],
    )
    def test_refuses_bad_input(self, world, tmp_path, scope, period, out, message):
        with pytest.raises(CommandError, match=message):
            call_command(
                "annual_report", scope=scope, period=period, format="pdf", out=str(tmp_path / out)
            )


@pytest.mark.django_db
class TestWhyTheTimeWentAndCharts:
    def test_activity_holds_children_awaiting_a_match_and_own_and_other_disruptions(self, world):
        journey(world.la101, entered_care=date(2021, 1, 1), placement_order=date(2022, 6, 1))
        disrupted = [
            journey(
                world.la101,
                entered_care=date(2021, 1, 1),
                placement_order=date(2022, 1, 1),
                matched=date(2022, 3, 1),
                placed=date(2022, 5, 1),
                placements=[(date(2022, 5, 1), None, ended, DISRUPTION)],
            )
            for ended in (date(2022, 8, 1), date(2022, 9, 1))
        ]
        # The second placement was with another LA's adopters; the first with the LA's own.
        Placement.objects.filter(journey=disrupted[1]).update(source=AdopterSource.OTHER_LA)
        report = report_for(parse_scope("la:101"), Y2022)
        activity = {line.code: line.values[-1] for line in report.sections[0].lines}
        # At 31 March 2023 all three await a match: one never matched, two whose match a
        # disruption undid (docs/indicators.md §3).
        assert activity["po_awaiting_match_at_end"] == "3"
        # Two disruptions: one with the LA's own adopters, one of two (50%) elsewhere.
        assert activity["disruptions"] == "2"
        assert activity["disruptions_own"] == "1"
        assert activity["disruptions_inter_agency"] == "50.0% (1 of 2)"

    def test_reasons_for_delay_and_charts_are_in_the_page_pdf_and_word(
        self, client, users, world, adopted_children
    ):
        waiting = journey(world.la101, entered_care=date(2021, 1, 1))
        JourneyNote.objects.create(
            journey=waiting, recorded_on=date(2022, 7, 1), delay_reason="court"
        )
        report = report_for(parse_scope("la:101"), Y2022)
        # One child with a reason in 2022-23: court delay, 1 of 1.
        assert report.delay_part.lines[0] == ["Court delay", "1", "100.0%"]
        assert report.delay_part.lines[-1] == ["Children with a reason for delay recorded", "1", ""]
        assert [chart.key for chart in report.charts] == [
            *("A10", "A1", "adoptions", "homes"),
            "conversion",  # recruitment's steps by quarter
        ]
        # Five years to 2022-23; two LA 101 children adopted in 2022-23 and none before.
        adoptions = next(chart for chart in report.charts if chart.key == "adoptions")
        assert adoptions.labels == ["2018-19", "2019-20", "2020-21", "2021-22", "2022-23"]
        assert adoptions.series == {"Adoptions": [0, 0, 0, 0, 2]}
        text = pdf_text(report_pdf(report))
        assert "Why the time went" in text and "Court delay" in text
        assert "Children adopted" in text  # a chart's caption, its words kept as text
        document = Document(io.BytesIO(report_docx(report)))
        assert len(document.inline_shapes) == 5
        assert "Court delay" in [
            cell.text for table in document.tables for row in table.rows for cell in row.cells
        ]
        client.force_login(users.la_manager)
        page = client.get("/reports/?scope=la%3A101&period=2022-23").content.decode()
        assert "Why the time went: reasons for delay recorded, 2022-23" in page
