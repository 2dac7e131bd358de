"""The adoption report: its sections hold the calculations' figures, managers' commentary is
saved and printed, and the DOCX, PDF and HTML carry every section."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from indicators.calculations.engine import figures_for
from indicators.exports import report_docx, report_pdf
from indicators.models import ReportNarrative
from indicators.periods import Period
from indicators.recruitment_report import RECRUITMENT_SECTIONS
from indicators.reports import SECTIONS, report_for
from indicators.scopes import parse_scope
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
            *(title for _, title, _ in (*SECTIONS, *RECRUITMENT_SECTIONS)),
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
