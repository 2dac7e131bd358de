"""Uploading a return: several CSV files, one XML file or a zip; limits checked before reading."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http.multipartparser import MultiPartParser
from rest_framework.test import APIClient

from journeys.models import Journey
from journeys.ssda903 import uploads as limits
from journeys.ssda903.models import ImportFile, ImportRecord
from tests.journeys.test_ssda903 import ADOPTED_RETURN, return_files

URL = "/api/v1/imports/ssda903/"


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def with_episode_cell(files, index: int, column: int, value: str):
    """The return's files with one cell of the Episodes table (row `index`, 1 = first row)
    changed: the fixture's dates may move, so the change names no date."""
    changed = []
    for name, content in files:
        if name == "episodes.csv":
            lines = content.decode().split("\n")
            cells = lines[index].split(",")
            cells[column] = value
            lines[index] = ",".join(cells)
            content = "\n".join(lines).encode()
        changed.append((name, content))
    return changed


DECOM, DEC = 1, 7


def as_uploads(files):
    return [SimpleUploadedFile(name, content) for name, content in files]


def zipped(files, name="return.zip") -> tuple[str, bytes]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in files:
            archive.writestr(member, content)
    return name, buffer.getvalue()


def post(user, files, *, la="101", year="2021-22", **extra):
    return api(user).post(
        URL, {"la": la, "year": year, "files": as_uploads(files)}, format="multipart", **extra
    )


@pytest.fixture
def body_never_parsed(monkeypatch):
    """Fail the test if the multipart body is parsed (files spooled, read)."""

    def refuse(self):
        raise AssertionError("the request body was parsed")

    monkeypatch.setattr(MultiPartParser, "parse", refuse)


@pytest.mark.django_db(transaction=True)
class TestLimitsBeforeReading:
    @pytest.mark.parametrize("role", ["board_member", "family_finder", "support_worker"])
    def test_a_role_that_may_not_import_is_refused_before_the_body_is_read(
        self, world, users, body_never_parsed, role
    ):
        response = post(getattr(users, role), return_files(**ADOPTED_RETURN))
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"

    def test_four_files_of_150_mb_are_refused_by_their_length_before_the_body_is_read(
        self, world, users, body_never_parsed
    ):
        # The declared length is what a client sending 4 x 150 MB announces; the test client's
        # body is small, and reading past it would fail the test too.
        response = post(
            users.raa_manager,
            return_files(**ADOPTED_RETURN),
            CONTENT_LENGTH=str(4 * 150 * limits.MB),
        )
        assert response.status_code == 400
        (error,) = response.json()["errors"]
        assert error["field"] == "files"
        assert error["reason"] == limits.REQUEST_TOO_LARGE.format(size="600 MB", limit="100 MB")
        assert not ImportRecord.objects.exists()

    def test_the_page_refuses_a_request_too_large_before_reading_it(
        self, client, world, users, body_never_parsed
    ):
        client.force_login(users.raa_manager)
        response = client.post(
            "/imports/ssda903/",
            {"la": "101", "year": "2021-22"},
            CONTENT_LENGTH=str(600 * limits.MB),
        )
        assert response.status_code == 400
        assert "The upload is 600 MB: send at most 100 MB" in response.content.decode()

    def test_21_files_are_refused_as_too_many_files_not_as_too_large(self, world, users):
        files = [(f"table{n}.csv", b"CHILD\n") for n in range(21)]
        response = post(users.raa_manager, files)
        assert response.status_code == 400
        reasons = [error["reason"] for error in response.json()["errors"]]
        assert reasons == [
            "More than 20 files: upload at most 20 files in one import (or one zip)."
        ]
        assert "MB" not in reasons[0]

    def test_21_files_on_the_page_are_refused_as_too_many_files(self, client, world, users):
        client.force_login(users.raa_manager)
        files = as_uploads([(f"table{n}.csv", b"CHILD\n") for n in range(21)])
        response = client.post(
            "/imports/ssda903/", {"la": "101", "year": "2021-22", "files": files}
        )
        assert response.status_code == 400
        assert "More than 20 files: upload at most 20 files" in response.content.decode()

    def test_a_file_over_the_limit_is_named_with_its_size(self, world, users, monkeypatch):
        monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
        response = post(
            users.raa_manager, [*return_files(**ADOPTED_RETURN), ("big.csv", b"x" * 2048)]
        )
        assert response.status_code == 400
        (error,) = response.json()["errors"]
        assert error["field"] == "files"
        assert error["reason"] == "big.csv is 2 KB: a file of the return may be at most 1 KB."
        assert not ImportRecord.objects.exists()

    @pytest.mark.parametrize("year", ["9999-00", "1066-67", "2022-24", "2022-23 Q1"])
    def test_a_year_out_of_range_is_refused_clearly(self, world, users, year):
        response = post(users.raa_manager, return_files(**ADOPTED_RETURN), year=year)
        assert response.status_code == 400
        (error,) = response.json()["errors"]
        assert error["field"] == "year"
        assert error["reason"].startswith("Give the return's collection year as a financial year")
        assert not ImportRecord.objects.exists()


@pytest.mark.django_db(transaction=True)
class TestWhatIsUploaded:
    def test_a_zip_of_the_csv_tables_imports_like_the_files(self, world, users):
        response = post(users.raa_manager, [zipped(return_files(**ADOPTED_RETURN))])
        assert response.status_code == 202, response.json()
        body = response.json()
        assert body["status"] == "succeeded", body["errors"]
        assert Journey.objects.filter(child__la=world.la101).count() == 1
        assert {f["name"] for f in body["files"]} == {
            "return.zip/header.csv",
            "return.zip/episodes.csv",
            "return.zip/ad1.csv",
            "return.zip/placed.csv",
        }

    def test_stray_files_are_skipped_with_a_note(self, world, users):
        files = [
            *return_files(**ADOPTED_RETURN),
            ("README.md", b"# notes"),
            ("return.xlsx", b"PK\x03\x04"),
        ]
        body = post(users.raa_manager, files).json()
        assert body["status"] == "succeeded", body["errors"]
        ignored = {f["name"]: f["reason"] for f in body["files"] if f.get("reason")}
        assert ignored == {
            "README.md": limits.IGNORED_TYPE,
            "return.xlsx": limits.IGNORED_TYPE,
        }

    def test_a_zip_skips_system_files_and_a_zip_inside_it(self, world, users):
        files = [
            *return_files(**ADOPTED_RETURN),
            ("__MACOSX/._header.csv", b"\x00\x05"),
            ("inner.zip", b"PK"),
        ]
        body = post(users.raa_manager, [zipped(files)]).json()
        assert body["status"] == "succeeded", body["errors"]
        ignored = {f["name"]: f["reason"] for f in body["files"] if f.get("reason")}
        assert ignored == {
            "return.zip/__MACOSX/._header.csv": limits.IGNORED_FOLDER_NOISE,
            "return.zip/inner.zip": limits.IGNORED_NESTED_ZIP,
        }

    def test_a_zip_bomb_is_refused_from_its_directory(self, world, users):
        bomb = zipped([("episodes.csv", b"0" * (5 * limits.MB))])
        response = post(users.raa_manager, [bomb])
        assert response.status_code == 400
        (error,) = response.json()["errors"]
        assert error["field"] == "files"
        assert "episodes.csv would expand" in error["reason"] and "zip bomb" in error["reason"]
        assert not ImportRecord.objects.exists()

    def test_a_zip_with_too_many_files_is_refused(self, world, users):
        members = [(f"t{n}.csv", b"CHILD\n") for n in range(21)]
        response = post(users.raa_manager, [zipped(members)])
        assert response.status_code == 400
        (error,) = response.json()["errors"]
        assert error["reason"] == limits.TOO_MANY_FILES.format(
            count="return.zip holds 21", limit=20
        )

    def test_a_file_that_is_no_zip_is_refused_by_name(self, world, users):
        response = post(users.raa_manager, [("return.zip", b"not a zip at all")])
        assert response.status_code == 400
        (error,) = response.json()["errors"]
        assert error["reason"] == "return.zip is not a readable zip file."

    def test_two_xml_files_are_refused(self, world, users):
        response = post(users.raa_manager, [("a.xml", b"<x/>"), ("b.xml", b"<x/>")])
        assert response.status_code == 400
        assert response.json()["errors"][0]["reason"] == limits.ONE_XML.format(count=2)

    def test_two_files_of_one_name_are_refused(self, world, users):
        files = return_files(**ADOPTED_RETURN)
        response = post(users.raa_manager, [*files, files[1]])
        assert response.status_code == 400
        reasons = [error["reason"] for error in response.json()["errors"]]
        assert reasons == [limits.SAME_NAME.format(name=files[1][0])]

    def test_only_stray_files_are_refused(self, world, users):
        response = post(users.raa_manager, [("photo.png", b"\x89PNG")])
        assert response.status_code == 400
        assert response.json()["errors"][0]["reason"] == limits.NO_RETURN_FILE


@pytest.mark.django_db(transaction=True)
class TestRawFilesNotKept:
    def test_the_files_of_an_import_are_deleted_once_it_has_run(self, world, users):
        body = post(users.raa_manager, return_files(**ADOPTED_RETURN)).json()
        assert body["status"] == "succeeded"
        assert not ImportFile.objects.exists()
        assert all(len(f["sha256"]) == 64 for f in body["files"])

    def test_the_files_of_a_failed_import_are_deleted_too(self, world, users):
        files = with_episode_cell(return_files(**ADOPTED_RETURN), 1, DECOM, "31/02/2021")
        body = post(users.raa_manager, files).json()
        assert body["status"] == "failed"
        assert not ImportFile.objects.exists()

    def test_an_adoption_with_no_end_date_never_leaves_the_import_queued(self, world, users):
        # E11 with no DEC reached a database constraint: a traceback, the record left queued.
        files = with_episode_cell(return_files(**ADOPTED_RETURN), 3, DEC, "")
        response = post(users.raa_manager, files)
        assert response.status_code == 202
        assert response.json()["status"] in ("failed", "succeeded")
        assert not ImportRecord.objects.filter(status="queued").exists()
        assert not ImportFile.objects.exists()
