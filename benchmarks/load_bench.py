"""Load: 50 concurrent signed-in readers and a write every 2 seconds against gunicorn and
PostgreSQL for 60 seconds.

    createdb -h 127.0.0.1 -U postgres adoption_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/adoption_bench \\
        .venv/bin/python benchmarks/generate.py --journeys 50000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/adoption_bench \\
        .venv/bin/python benchmarks/load_bench.py [--users 51] [--seconds 60] [--workers 3]

Needs the bench extra (`pip install -e ".[bench]"`, for locust). Creates load accounts in the
database (family finders of each RAA and LA managers signing in through the sign-in page, and
API tokens of LA managers), collects the static files, starts gunicorn with production settings
and runs benchmarks/locustfile.py headless: the users start one a second and sign in, then the
statistics are reset and the load runs for --seconds. Prints, per request, the count, failures,
median, 95th percentile and slowest, as Markdown.
"""

import argparse
import csv
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adoption_portal.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")  # plain HTTP on one machine: no TLS to carry them
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("CONN_MAX_AGE", "60")
os.environ["CELERY_BROKER_URL"] = ""
os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/5")  # shared by the workers

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from agencies.models import LocalAuthority, RegionalAdoptionAgency, Role  # noqa: E402
from agencies.services import role_grant  # noqa: E402
from journeys.models import Journey  # noqa: E402

# Users started a second: each sign-in hashes a password (about 1 s of CPU on this machine).
SPAWN_RATE = 1
PASSWORD = "load-test-password-" + secrets.token_hex(8)


def accounts() -> dict:
    """A family finder per RAA and 20 LA managers (staff), and tokens of 20 LA managers."""
    staff, tokens = [], []
    for number, raa in enumerate(RegionalAdoptionAgency.objects.order_by("slug")):
        user = role_grant(
            username=f"load-finder-{raa.slug}",
            role=Role.FAMILY_FINDER,
            raa=raa,
            password=PASSWORD,
        ).user
        staff.append(
            {"username": user.username, "password": PASSWORD, "scope": f"raa:{raa.slug}"}
            | {"number": number}
        )
    for number, la in enumerate(LocalAuthority.objects.order_by("code")[:20]):
        user = role_grant(
            username=f"load-la-{la.code}", role=Role.LA_MANAGER, la=la, password=PASSWORD
        ).user
        staff.append(
            {"username": user.username, "password": PASSWORD, "scope": f"la:{la.code}"}
            | {"number": number}
        )
        Token.objects.filter(user=user).delete()
        tokens.append({"key": Token.objects.create(user=user).key, "la": la.code})
    # The writer: the first RAA's manager, saving a journey of its LAs (those the first LA
    # managers' dashboards read) through the API every 2 seconds.
    raa = RegionalAdoptionAgency.objects.order_by("slug").first()
    manager = role_grant(username=f"load-writer-{raa.slug}", role=Role.RAA_MANAGER, raa=raa).user
    # An RAA manager's token works only once the user has a confirmed authenticator app
    # (agencies/tokens.py): the writer is given one, as the browser benchmark's manager is.
    TOTPDevice.objects.get_or_create(
        user=manager, name="Load benchmark", defaults={"confirmed": True}
    )
    Token.objects.filter(user=manager).delete()
    journeys = Journey.objects.filter(child__la__raa=raa, adm_decision__isnull=False)
    writer = {
        "key": Token.objects.create(user=manager).key,
        "journeys": [
            {"id": pk, "adm_decision": day.isoformat()}
            for pk, day in journeys.order_by("pk").values_list("pk", "adm_decision")[:200]
        ],
    }
    return {"staff": staff, "tokens": tokens, "writer": writer}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=51, help="50 readers and the writer")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()

    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    folder = Path(tempfile.mkdtemp(prefix="portal-load-"))
    (folder / "users.json").write_text(json.dumps(accounts()))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "adoption_portal.wsgi", "-b", f"127.0.0.1:{port}"]
        + ["--workers", str(args.workers), "--threads", "2", "--log-level", "warning"],
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/sign-in/", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(ROOT / "benchmarks" / "locustfile.py")]
            + ["--headless", "--users", str(args.users), "--spawn-rate", str(SPAWN_RATE)]
            # Measured once every user has started: from then, for --seconds.
            + ["--reset-stats", "--run-time", f"{args.seconds + args.users // SPAWN_RATE}s"]
            + ["--host", f"http://127.0.0.1:{port}"]
            + ["--csv", str(folder / "load"), "--only-summary", "--loglevel", "WARNING"],
            env={**os.environ, "LOAD_USERS": str(folder / "users.json")},
            check=False,
        )
    finally:
        server.terminate()
        server.wait(30)
    print(f"\n{args.users} users, {args.seconds} s, gunicorn {args.workers} workers x 2 threads\n")
    print("| request | count | failures | median ms | p95 ms | slowest ms |")
    print("|---|---:|---:|---:|---:|---:|")
    with open(folder / "load_stats.csv") as stats:
        for row in csv.DictReader(stats):
            print(
                f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} "
                f"| {row['50%']} | {row['95%']} | {float(row['Max Response Time']):.0f} |"
            )


if __name__ == "__main__":
    main()
