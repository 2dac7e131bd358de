"""The SSDA903 upload page, the imports API and the task behind them."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from adoption_portal.celery import app as celery_app
from core.tasks import enqueue
from indicators.scopes import ALL
from indicators.selectors import data_quality
from journeys.models import ImportRecord, Journey
from journeys.ssda903.readers import BAD_DATE
from journeys.tasks import ssda903_import
from tests.journeys.test_ssda903 import ADOPTED_RETURN, EPISODES, csv, episode, return_files


def uploads(files):
    return [SimpleUploadedFile(name, content) for name, content in files]


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.django_db(transaction=True)
class TestImportApi:
    def test_an_la_manager_imports_its_return_and_reads_the_record(self, world, users):
        response = api(users.la_manager).post(
            "/api/v1/imports/ssda903/",
            {"la": "101", "year": "2021-22", "files": uploads(return_files(**ADOPTED_RETURN))},
            format="multipart",
        )
        assert response.status_code == 202, response.json()
        body = response.json()
        assert body["status"] == "succeeded"
        assert body["counts"]["journeys_created"] == 1
        assert {f["name"] for f in body["files"]} == {
            "header.csv",
            "episodes.csv",
            "ad1.csv",
            "placed.csv",
        }
        assert all(len(f["sha256"]) == 64 for f in body["files"])
        assert body["progress"] == {"rows_read": 6, "rows_total": 6}
        assert Journey.objects.filter(child__la=world.la101).count() == 1
        listed = api(users.la_manager).get("/api/v1/imports/").json()
        assert [r["id"] for r in listed["results"]] == [body["id"]]

    def test_a_bad_return_is_kept_as_a_failed_record_with_every_problem(self, world, users):
        files = [("episodes.csv", csv(EPISODES, episode("C1", "31/02/2023", "S", "C2", "U1")))]
        body = (
            api(users.raa_manager)
            .post(
                "/api/v1/imports/ssda903/",
                {"la": "101", "year": "2022-23", "files": uploads(files)},
                format="multipart",
            )
            .json()
        )
        assert body["status"] == "failed"
        assert [
            {key: error[key] for key in ("file", "row", "column", "value", "reason")}
            for error in body["errors"]
        ] == [
            {
                "file": "episodes.csv",
                "row": 2,
                "column": "DECOM",
                "value": "31/02/2023",
                "reason": BAD_DATE,
            }
        ]
        assert not Journey.objects.exists()

    @pytest.mark.parametrize(
        ("role", "la", "status"),
        [
            ("la_manager", "102", 403),
            ("board_member", "101", 403),
            ("family_finder", "101", 403),
            ("raa_manager", "201", 403),
            ("raa_manager", "999", 400),
        ],
    )
    def test_who_may_import_for_which_la(self, world, users, role, la, status):
        response = api(getattr(users, role)).post(
            "/api/v1/imports/ssda903/",
            {"la": la, "year": "2021-22", "files": uploads(return_files(**ADOPTED_RETURN))},
            format="multipart",
        )
        assert response.status_code == status

    def test_imports_are_created_only_by_uploading_a_return(self, world, users):
        response = api(users.raa_manager).post(
            "/api/v1/imports/", {"la": "101", "year": "2021-22"}, format="json"
        )
        assert response.status_code == 405

    def test_uploads_are_limited_in_type(self, world, users):
        response = api(users.raa_manager).post(
            "/api/v1/imports/ssda903/",
            {"la": "101", "year": "2021-22", "files": uploads([("photo.png", b"\x89PNG")])},
            format="multipart",
        )
        assert response.status_code == 400
        assert [e["field"] for e in response.json()["errors"]] == ["files"]
        assert not ImportRecord.objects.exists()

    def test_a_request_body_over_the_limit_is_refused_with_a_reason(self, world, users):
        body = {"la_child_id": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
        response = api(users.raa_manager).post("/api/v1/children/", body, format="json")
        assert response.status_code in (400, 413)
        assert "too large" in response.content.decode().lower()


@pytest.mark.django_db(transaction=True)
class TestImportPages:
    def test_upload_page_imports_and_shows_the_record(self, client, world, users):
        client.force_login(users.raa_manager)
        assert client.get("/imports/ssda903/").status_code == 200
        response = client.post(
            "/imports/ssda903/",
            {"la": "101", "year": "2021-22", "files": uploads(return_files(**ADOPTED_RETURN))},
        )
        assert response.status_code == 302
        page = client.get(response["Location"])
        html = page.content.decode()
        assert "Riverside: imported" in html
        assert (
            '<dt class="govuk-summary-list__key">Journeys created</dt>'
            '<dd class="govuk-summary-list__value">1</dd>'
        ) in html

    def test_a_form_error_names_the_field(self, client, world, users):
        client.force_login(users.raa_manager)
        response = client.post("/imports/ssda903/", {"la": "101", "year": "22-23"})
        assert response.status_code == 200
        assert b"Year of the return: Enter the year like 2022-23" in response.content
        assert b"Files of the return" in response.content

    def test_roles_without_imports_are_refused(self, client, world, users):
        client.force_login(users.family_finder)
        assert client.get("/imports/ssda903/").status_code == 403

    def test_import_warnings_reach_the_data_quality_report(self, client, world, users):
        files = return_files(**{**ADOPTED_RETURN, "ad1": []})
        client.force_login(users.raa_manager)
        client.post("/imports/ssda903/", {"la": "101", "year": "2021-22", "files": uploads(files)})
        reasons = [row["reason"] for row in data_quality(user=users.raa_manager, scope=ALL)]
        assert "SSDA903 2021-22: Adopted, but the return has no AD1 row for the child." in reasons


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_unreachable_the_import_runs_here(world, users):
    record = ImportRecord.objects.create(la=world.la101, year="2021-22", user=users.raa_manager)
    for name, content in return_files(**ADOPTED_RETURN):
        record.uploads.create(name=name, content=content)
    unreachable = {
        "task_always_eager": False,
        "broker_url": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "broker_connection_timeout": 1,
        "task_publish_retry": False,
        "broker_connection_retry": False,
        "broker_connection_max_retries": 0,
    }
    saved = {key: celery_app.conf[key] for key in unreachable}
    celery_app.conf.update(unreachable)
    _drop_broker_connections()  # pools opened earlier still point at the default broker
    try:
        enqueue(ssda903_import, record.pk)
    finally:
        celery_app.conf.update(saved)
        _drop_broker_connections()
    record.refresh_from_db()
    assert record.status == "succeeded"


def _drop_broker_connections() -> None:
    celery_app.pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
