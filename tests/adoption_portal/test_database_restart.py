"""PostgreSQL restarted under load: the portal, served by gunicorn, answers 503 (never 500) while
the database is away and recovers on its own once it is back (CONN_HEALTH_CHECKS).

The test runs its own PostgreSQL cluster (the installed server, as the postgres user, on a free
port), so restarting it touches nothing else.
"""

import glob
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.adoption_portal.test_faults import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1:]
AS_POSTGRES = ["runuser", "-u", "postgres", "--"]
# Requests answered before the restart, and requests started a second after it, that the test
# waits for (counted, never timed).
ANSWERS_BEFORE, ANSWERS_AFTER = 20, 21

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(
        not PG_BIN or os.geteuid() != 0, reason="needs the PostgreSQL server binaries and root"
    ),
]


class Cluster:
    """A throw-away PostgreSQL cluster."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="portal-pg-"))
        shutil.chown(self.folder, "postgres", "postgres")
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/portal"

    def pg(self, program: str, *args: str):
        subprocess.run(
            [*AS_POSTGRES, f"{PG_BIN[0]}/{program}", *args],
            check=True,
            capture_output=True,
            cwd=self.folder,
        )

    def ctl(self, *args: str):
        # With its log in a file, the server keeps no hold on this process's output pipes.
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self.pg(
            "pg_ctl",
            "-D",
            f"{self.folder}/data",
            "-o",
            options,
            "-l",
            f"{self.folder}/log",
            "-w",
            *args,
        )

    def create(self):
        self.pg("initdb", "-D", f"{self.folder}/data", "-U", "postgres", "--auth=trust")
        self.ctl("start")
        self.pg("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "portal")

    def remove(self):
        subprocess.run(
            [*AS_POSTGRES, f"{PG_BIN[0]}/pg_ctl", "-D", f"{self.folder}/data", "stop", "-m", "i"],
            capture_output=True,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def cluster():
    cluster = Cluster()
    try:
        cluster.create()
        yield cluster
    finally:
        cluster.remove()


def portal_env(cluster) -> dict:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": cluster.url,
        "CONN_MAX_AGE": "60",
        "CELERY_BROKER_URL": "",
        "CACHE_URL": "locmemcache://",
    }


def manage(env, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout


def status_of(url: str, token: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0  # no answer at all


def test_the_portal_recovers_by_itself_when_postgresql_restarts_under_load(cluster):
    env = portal_env(cluster)
    manage(env, "migrate", "--noinput")
    token = manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth.models import User;"
        "from rest_framework.authtoken.models import Token;"
        "user = User.objects.create_superuser('root', password=None);"
        "print(Token.objects.create(user=user).key)",
    ).split()[-1]  # after the shell's note of the models it imported
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "adoption_portal.wsgi", "-b", f"127.0.0.1:{port}"]
        + ["--workers", "2", "--threads", "2", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        wait_for(lambda: status_of(f"{base}/raas/", token) == 200, 30, "gunicorn start")
        answers, stop = [], threading.Event()

        def load(path):
            while not stop.is_set():
                started = time.monotonic()
                status = status_of(f"{base}/{path}/", token)
                answers.append((started, time.monotonic(), status))

        users = [
            threading.Thread(target=load, args=(path,), daemon=True)
            for path in ("raas", "journeys") * 2
        ]
        for user in users:
            user.start()
        try:
            wait_for(lambda: len(answers) >= ANSWERS_BEFORE, 60, "answers before the restart")
            restart = time.monotonic()
            cluster.ctl("restart", "-m", "fast")
            back = time.monotonic()
            wait_for(
                lambda: sum(started > back + 1 for started, _, _ in answers) >= ANSWERS_AFTER,
                120,
                "answers after the restart",
            )
        finally:
            stop.set()
            for user in users:
                user.join(15)
    finally:
        server.terminate()
        server.wait(30)

    statuses = {status for _, _, status in answers}
    assert statuses <= {200, 503}, statuses  # the database's absence is never a 500
    before = [status for _, done, status in answers if done < restart]
    after = [status for started, _, status in answers if started > back + 1]
    assert before and set(before) == {200}
    # Recovered without a restart of gunicorn.
    assert len(after) >= ANSWERS_AFTER and set(after) == {200}
