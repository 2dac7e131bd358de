"""Faults with the real services: Redis stopped under the portal, and a Celery worker killed in
the middle of an import. (PostgreSQL restarted under load: test_database_restart.py.)

Each test starts its own redis-server on a free port, so that stopping it touches nothing else.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import kombu.pools
import pytest
import redis
from django.core.cache import cache
from django.db import connection
from rest_framework.authtoken.models import Token

from adoption_portal.celery import app
from indicators.models import Export
from journeys.models import Child, ImportRecord, ReturnRow
from journeys.ssda903.services import import_record_create
from journeys.tasks import PROGRESS_KEY
from tests.factories import casework
from tests.journeys.test_ssda903 import episode, return_files

pytestmark = pytest.mark.faults

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"{what}: not within {seconds} s")


class RedisServer:
    """A real redis-server of its own, started and stopped by the test."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port)]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        wait_for(lambda: self._pings(client), 10, "redis-server start")

    @staticmethod
    def _pings(client) -> bool:
        try:
            return client.ping()
        except redis.ConnectionError:
            return False

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


@pytest.fixture
def redis_server():
    server = RedisServer()
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture
def on_redis(settings, redis_server):
    """The portal's cache in database 1 and Celery's broker in database 0 of the test's Redis."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": f"{redis_server.url}/1",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    before = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    drop_broker_connections()  # pools opened earlier point at another broker
    app.conf.update(broker_url=f"{redis_server.url}/0", task_always_eager=False)
    yield redis_server
    drop_broker_connections()
    app.conf.update(before)


def drop_broker_connections() -> None:
    app.pool.force_close_all()
    app._pool = app.amqp._producer_pool = None
    kombu.pools.reset()


@pytest.mark.django_db
def test_with_redis_stopped_pages_and_api_work_and_an_export_runs_inline(
    client, users, world, on_redis, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    casework(users.superuser, world.la101, "N")
    queued = ImportRecord.objects.create(la=world.la101, year="2021-22", user=users.raa_manager)
    token = Token.objects.create(user=users.raa_manager).key
    on_redis.stop()

    client.force_login(users.raa_manager)
    for url in ("/", "/dashboard/", "/children/", f"/imports/{queued.pk}/"):
        assert client.get(url).status_code == 200, url
    api = client.get("/api/v1/journeys/", HTTP_AUTHORIZATION=f"Token {token}")  # throttled
    assert api.status_code == 200 and api.json()["count"] == 1

    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(
            "/exports/", {"kind": "scorecard_xlsx", "scope": "raa:north", "period": "2022-23 Q3"}
        )
    assert asked.status_code == 302
    export = Export.objects.get()
    assert export.status == Export.Status.DONE  # made here, as no broker could take it
    page = client.get("/exports/").content.decode()
    assert "asked for: it appears below when it is ready" in page

    # Redis back: the next export is queued for a worker, with the same message.
    on_redis.start()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/exports/", {"kind": "scorecard_pdf", "scope": "raa:north", "period": "2022-23 Q3"}
        )
    assert Export.objects.latest("pk").status == Export.Status.QUEUED
    assert redis.Redis(port=on_redis.port, db=0).llen("celery") == 1


def start_worker(redis_url: str, hold: bool = False) -> subprocess.Popen:
    """A Celery worker on the test database, taking tasks from the test's Redis; with hold, an
    import stops after its first progress report until released (journeys/tasks.py)."""
    database = connection.settings_dict
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "CELERY_BROKER_URL": f"{redis_url}/0",
        "CACHE_URL": f"{redis_url}/1",
        "SSDA903_IMPORT_HOLD": "1" if hold else "0",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "adoption_portal", "worker", "--pool=solo"]
        + ["--without-heartbeat", "--without-mingle", "--without-gossip", "-l", "WARNING"],
        cwd=ROOT,
        env=env,
    )


CHILDREN_IN_RETURN = 400


def large_return() -> list[tuple[str, bytes]]:
    """A return with rows enough for progress reports before its last row (one every 500)."""
    children = [f"K{number:05d}" for number in range(CHILDREN_IN_RETURN)]
    return return_files(
        episodes=[
            row
            for child in children
            for row in (
                episode(child, "01/04/2021", "S", "C2", "U1", "01/09/2021", "X1"),
                episode(child, "01/09/2021", "L", "E1", "U1"),
            )
        ],
        children=children,
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a worker needs a shared database")
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_during_an_import_leaves_nothing_and_the_import_runs_again(
    client, users, world, on_redis, restore_migration_data
):
    worker = start_worker(on_redis.url, hold=True)
    try:
        record = import_record_create(
            user=users.raa_manager, la=world.la101, year="2021-22", uploads=large_return()
        )
        # Killed part-way through reading the children, before anything is written: the worker
        # holds the import after its first progress report, so it cannot have gone further.
        wait_for(lambda: cache.get(PROGRESS_KEY.format(pk=record.pk)), 60, "import start")
        done, total = cache.get(PROGRESS_KEY.format(pk=record.pk))
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()

    assert done < total
    record.refresh_from_db()
    assert record.status == ImportRecord.Status.QUEUED
    assert not Child.objects.exists() and not ReturnRow.objects.exists()

    worker = start_worker(on_redis.url)
    try:
        client.force_login(users.raa_manager)
        page = client.get(f"/imports/{record.pk}/").content.decode()
        assert "Run the import again" in page
        assert client.post(f"/imports/{record.pk}/").status_code == 302
        wait_for(
            lambda: ImportRecord.objects.get(pk=record.pk).status != ImportRecord.Status.QUEUED,
            120,
            "import retried",
        )
    finally:
        worker.terminate()
        worker.wait(30)
    record.refresh_from_db()
    assert record.status == ImportRecord.Status.SUCCEEDED, record.errors
    assert Child.objects.filter(la=world.la101).count() == CHILDREN_IN_RETURN


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a worker needs a shared database")
@pytest.mark.django_db(transaction=True)
def test_a_board_file_made_by_a_worker_arrives_in_place(
    client, users, world, on_redis, settings, tmp_path, monkeypatch, restore_migration_data
):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setenv("MEDIA_ROOT", str(tmp_path))  # the worker writes where the view reads
    settings.BOARD_FILE_WAIT_SECONDS = 60  # the worker starts while the request waits
    worker = start_worker(on_redis.url)
    try:
        client.force_login(users.board_member)
        response = client.post(
            "/exports/", {"kind": "scorecard_pdf", "scope": "raa:north", "period": "2022-23 Q3"}
        )
    finally:
        worker.terminate()
        worker.wait(30)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('scorecard-raa-north-2022-23-Q3.pdf"')
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert Export.objects.get().status == Export.Status.DONE
