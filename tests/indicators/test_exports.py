"""Board files from the dashboard: made by a task (inline without a broker), kept, listed with
who asked and when, and downloadable only by those who may see the RAA's figures."""

from io import BytesIO

import pytest
from django.test import Client
from openpyxl import load_workbook

from indicators import services
from indicators.models import Export
from indicators.periods import Period


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # `ask` runs the task after the request's transaction (the test's) is done: no file to wait for.
    settings.BOARD_FILE_WAIT_SECONDS = 0


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """Ask for a board file as `user`; the task runs (inline: no broker) when the request's
    transaction commits."""

    def ask(client, user, kind="scorecard_xlsx", scope="raa:north", period="2022-23 Q3"):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/exports/", {"kind": kind, "scope": scope, "period": period})

    return ask


@pytest.mark.parametrize(
    "period, quarter",
    [("2022-23 Q3", "2022-23 Q3"), ("2022-23", "2022-23 Q4"), ("R12 2022-23 Q2", "2022-23 Q2")],
)
def test_a_scorecard_runs_to_the_quarter_of_the_dashboards_period(period, quarter):
    assert services.scorecard_quarter(Period.parse(period)).label == quarter


def test_a_scorecard_defaults_to_the_last_complete_quarter_and_refuses_an_unfinished_one():
    from datetime import date

    from django.core.exceptions import ValidationError

    today = date(2026, 11, 27)  # in 2026-27 Q3; Q2 ended on 30 September 2026
    assert services.scorecard_quarter(Period.parse("2026-27"), today).label == "2026-27 Q2"
    assert services.scorecard_quarter(Period.parse("2025-26"), today).label == "2025-26 Q4"
    with pytest.raises(ValidationError, match="2026-27 Q3 has not ended"):
        services.scorecard_quarter(Period.parse("2026-27 Q3"), today)
    with pytest.raises(ValidationError, match="has not ended"):
        services.scorecard_quarter(Period.parse("R12 2026-27 Q4"), today)


@pytest.mark.django_db
class TestExports:
    def test_a_board_member_asks_and_downloads_the_scorecard(
        self, client, ask, users, adopted_children
    ):
        response = ask(client, users.board_member)
        assert response.status_code == 302
        export = Export.objects.get()
        assert (export.status, export.requested_by, export.period) == (
            "done",
            users.board_member,
            "2022-23 Q3",
        )
        page = client.get("/exports/").content.decode()
        assert "Quarterly scorecard (spreadsheet): North Adoption, 2022-23 Q3" in page
        assert users.board_member.username in page
        download = client.get(f"/exports/{export.pk}/download/")
        assert download.status_code == 200
        assert "scorecard-raa-north-2022-23-Q3.xlsx" in download["Content-Disposition"]
        book = load_workbook(BytesIO(b"".join(download.streaming_content)))
        assert book.sheetnames[:2] == ["Summary", "North Adoption"]

    def test_roles_other_than_managers_and_board_members_are_refused(self, client, ask, users):
        for user in (users.la_manager, users.family_finder, users.support_worker):
            assert ask(client, user).status_code == 403
        assert not Export.objects.exists()

    def test_a_scorecard_is_for_an_raa(self, client, ask, users):
        response = ask(client, users.raa_manager, scope="la:101")
        assert response.status_code == 400
        assert services.RAA_ONLY in response.content.decode()

    def test_another_raas_files_are_neither_listed_nor_downloadable(
        self, client, ask, users, world
    ):
        ask(Client(), users.superuser, scope="raa:south")
        export = Export.objects.get()
        client.force_login(users.board_member)
        assert "South Adoption" not in client.get("/exports/").content.decode()
        assert client.get(f"/exports/{export.pk}/download/").status_code == 404

    def test_a_failure_is_kept_on_the_record(self, client, ask, users, world, monkeypatch):
        def broken(scope, period, may_see):
            raise RuntimeError("disk full")

        monkeypatch.setitem(services.WRITERS, "scorecard_pdf", (broken, "pdf"))
        ask(client, users.raa_manager, kind="scorecard_pdf")
        export = Export.objects.get()
        assert (export.status, export.error) == ("failed", "disk full")
        assert "disk full" in client.get("/exports/").content.decode()


@pytest.mark.django_db
def test_an_la_manager_downloads_its_las_report_but_not_the_scorecard(
    client, users, adopted_children, ask
):
    assert ask(client, users.la_manager).status_code == 403  # a scorecard: the RAA's
    response = ask(client, users.la_manager, kind="report_docx", scope="la:101", period="2022-23")
    assert response.status_code == 302
    export = Export.objects.get()
    assert (export.status, export.period) == ("done", "2022-23")
    assert export.file.name.endswith("adoption-report-la-101-2022-23.docx")
    assert client.get(f"/exports/{export.pk}/download/").status_code == 200


@pytest.mark.django_db
def test_no_board_file_holds_a_childs_identifier(adopted_children, world):
    from docx import Document

    from indicators.exports import report_docx, report_pdf, scorecard_pdf, scorecard_xlsx
    from indicators.reports import report_for
    from indicators.scopes import parse_scope
    from indicators.scorecards import scorecard_for
    from journeys.models import Child
    from tests.indicators.test_scorecards import pdf_text

    for number, child in enumerate(Child.objects.all()):
        child.la_child_id, child.first_name = f"SECRET-{number}", "Secretname"
        child.save()
    card = scorecard_for(parse_scope("raa:north"), Period.parse("2022-23 Q3"))
    report = report_for(parse_scope("la:101"), Period.parse("2022-23"))
    book = load_workbook(BytesIO(scorecard_xlsx(card)))
    cells = " ".join(
        str(value) for sheet in book for row in sheet.iter_rows(values_only=True) for value in row
    )
    words = Document(BytesIO(report_docx(report)))
    texts = [
        cells,
        pdf_text(scorecard_pdf(card)),
        pdf_text(report_pdf(report)),
        " ".join(p.text for p in words.paragraphs),
        " ".join(c.text for t in words.tables for r in t.rows for c in r.cells),
    ]
    for text in texts:
        assert "SECRET" not in text and "Secretname" not in text


@pytest.mark.django_db
def test_an_la_manager_sees_its_raas_reports_but_not_its_scorecards(client, users, world, ask):
    ask(Client(), users.superuser, kind="scorecard_xlsx", scope="raa:north")
    ask(Client(), users.superuser, kind="report_pdf", scope="raa:north", period="2022-23")
    client.force_login(users.la_manager)
    listed = client.get("/exports/").context["exports"]
    assert [export.kind for export in listed] == ["report_pdf"]


# --- The file arrives in place ------------------------------------------------------------------
# Transactional: the request's own transaction commits, so the task is queued (or run inline)
# while the view waits for it, as in production.


def ask_in_place(client, user, kind="scorecard_xlsx", period="2022-23 Q3"):
    client.force_login(user)
    return client.post("/exports/", {"kind": kind, "scope": "raa:north", "period": period})


@pytest.mark.django_db(transaction=True)
class TestDownloadInPlace:
    def test_a_scorecard_made_inline_is_the_response_itself(
        self, client, users, adopted_children, settings, restore_migration_data
    ):
        settings.BOARD_FILE_WAIT_SECONDS = 5
        response = ask_in_place(client, users.board_member)
        assert response.status_code == 200
        assert "scorecard-raa-north-2022-23-Q3.xlsx" in response["Content-Disposition"]
        book = load_workbook(BytesIO(b"".join(response.streaming_content)))
        assert book.sheetnames[0] == "Summary"
        assert Export.objects.get().status == Export.Status.DONE  # kept, and listed

    def test_a_file_a_worker_makes_during_the_wait_is_the_response(
        self, client, users, world, settings, monkeypatch, restore_migration_data
    ):
        import threading

        from django.db import connection

        workers = []

        def worker(task, export_id):  # another process's worker, half a second later
            def run():
                task.apply(args=[export_id])
                connection.close()

            workers.append(threading.Timer(0.5, run))
            workers[-1].start()

        monkeypatch.setattr(services, "enqueue", worker)
        settings.BOARD_FILE_WAIT_SECONDS = 120  # returns as soon as the file is made
        response = ask_in_place(client, users.board_member, kind="scorecard_docx")
        workers[0].join()
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith('2022-23-Q3.docx"')

    def test_a_file_not_ready_in_time_is_listed_on_the_board_files_page(
        self, client, users, world, settings, monkeypatch, restore_migration_data
    ):
        monkeypatch.setattr(services, "enqueue", lambda task, export_id: None)  # workers busy
        settings.BOARD_FILE_WAIT_SECONDS = 0.3
        response = ask_in_place(client, users.raa_manager, kind="scorecard_pdf")
        assert (response.status_code, response["Location"]) == (302, "/exports/")
        page = client.get("/exports/").content.decode()
        assert "asked for: it appears below when it is ready" in page
        assert "Queued" in page

    def test_a_file_that_fails_says_so_on_the_board_files_page(
        self, client, users, world, settings, monkeypatch, restore_migration_data
    ):
        def broken(scope, period, may_see):
            raise RuntimeError("disk full")

        monkeypatch.setitem(services.WRITERS, "scorecard_pdf", (broken, "pdf"))
        settings.BOARD_FILE_WAIT_SECONDS = 5
        response = ask_in_place(client, users.raa_manager, kind="scorecard_pdf")
        assert response.status_code == 302
        page = client.get("/exports/").content.decode()
        assert "could not be made" in page and "disk full" in page
