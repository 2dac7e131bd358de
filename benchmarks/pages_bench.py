"""Time the dashboard pages as the server renders them, at national scale.

    createdb -h 127.0.0.1 -U postgres adoption_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/adoption_bench \\
        .venv/bin/python benchmarks/generate.py --journeys 50000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/adoption_bench \\
        .venv/bin/python benchmarks/pages_bench.py [--runs 7] [--only "all data"]

Runs with production settings (DEBUG off, static files collected by this script), through the
whole middleware stack with Django's test client, signed in as an RAA manager of one of the 30
RAAs, an LA manager and a superuser (created here if missing). Prints, per page, the median and
the slowest of --runs requests after one warm-up, and the number of SQL queries, as Markdown.

By default every request computes its figures (no figure cache). With --after-change the figure
cache is on (set CACHE_URL to Redis, as in production) and, before each timed request, the LA
manager's LA moves on as a save there does: what the first visitor after a change in one of the
page's LAs waits, with every other LA's sums kept. With --cache-emptied the cache is on and
emptied before each timed request (Redis restarted, or the figures expired overnight): the sums
kept in the database remain; with --after-national-change an LA is saved too, as a rename
does, which moves the national records' version on.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adoption_portal.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
AFTER_CHANGE = "--after-change" in sys.argv
CACHE_EMPTIED = "--cache-emptied" in sys.argv
AFTER_NATIONAL_CHANGE = "--after-national-change" in sys.argv
if not (AFTER_CHANGE or CACHE_EMPTIED or AFTER_NATIONAL_CHANGE):  # compute every figure
    os.environ.setdefault("FIGURE_CACHE_SECONDS", "0")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from agencies.models import LocalAuthority, RegionalAdoptionAgency, Role  # noqa: E402
from agencies.services import role_grant  # noqa: E402
from agencies.two_factor import two_factor_required  # noqa: E402
from indicators import figure_cache  # noqa: E402
from journeys.models import Journey  # noqa: E402

# The generated data runs to 31 March 2024: the last full year and its last day.
YEAR, DAY = "2023", "2024-03-31"


def users() -> dict[str, User]:
    raa = RegionalAdoptionAgency.objects.get(slug="raa-01")
    la = LocalAuthority.objects.filter(raa=raa).order_by("code").first()
    manager = role_grant(username="bench-raa-manager", role=Role.RAA_MANAGER, raa=raa).user
    la_manager = role_grant(username="bench-la-manager", role=Role.LA_MANAGER, la=la).user
    root = User.objects.filter(username="bench-root").first() or User.objects.create_superuser(
        "bench-root", password=None
    )
    return {"RAA manager": manager, "LA manager": la_manager, "superuser": root, "la": la}


def signed_in_with_second_factor(client: Client, user: User) -> None:
    """Mark the session as having passed the authenticator-app step, as RAA managers and
    superusers must before any page."""
    if two_factor_required(user):
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, confirmed=True, defaults={"name": "Benchmark"}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def pages(la_code: str) -> list[tuple[str, str, str]]:
    dashboard = f"/dashboard/?year={YEAR}&part="
    return [
        ("home", "RAA manager", "/"),
        ("dashboard, RAA, year", "RAA manager", f"{dashboard}year&scope=raa:raa-01"),
        ("dashboard, RAA, quarter", "RAA manager", f"{dashboard}Q4&scope=raa:raa-01"),
        ("dashboard, RAA, R12", "RAA manager", f"{dashboard}R12+Q4&scope=raa:raa-01"),
        ("dashboard, one LA, year", "LA manager", f"{dashboard}year&scope=la:{la_code}"),
        ("dashboard, all data, year", "superuser", f"{dashboard}year&scope=all"),
        (
            "children behind A2, RAA",
            "RAA manager",
            "/dashboard/figures/A2/?scope=raa:raa-01&period=2023-24",
        ),
        ("children who wait, RAA", "RAA manager", f"/children-who-wait/?on={DAY}"),
        ("children who wait CSV, RAA", "RAA manager", f"/children-who-wait/?on={DAY}&format=csv"),
        ("data quality, RAA", "RAA manager", "/data-quality/"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--after-change", action="store_true", help="cache on, one LA moved on before each request"
    )
    parser.add_argument(
        "--cache-emptied",
        action="store_true",
        help="cache on, emptied before each request: the sums kept in the database remain",
    )
    parser.add_argument(
        "--after-national-change",
        action="store_true",
        help="cache on, an LA saved (the national records changed) and the cache emptied first",
    )
    parser.add_argument("--only", default="", help="only the pages whose name holds this text")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to the benchmark's PostgreSQL database.")
    call_command("collectstatic", interactive=False, verbosity=0)
    people = users()
    clients = {}
    for role, user in people.items():
        if role != "la":
            clients[role] = Client()
            clients[role].force_login(user)
            signed_in_with_second_factor(clients[role], user)
    print(f"{Journey.objects.count():,} journeys; {args.runs} runs after one warm-up.\n")
    print("| page | user | median ms | slowest ms | queries |")
    print("|---|---|---:|---:|---:|")
    for name, role, url in pages(people["la"].code):
        if args.only not in name:
            continue
        client = clients[role]
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(args.runs):
            if AFTER_CHANGE:
                figure_cache._changed({f"la:{people['la'].pk}"})  # as a save in that LA does
            if AFTER_NATIONAL_CHANGE:
                people["la"].save()  # as an LA renamed does
            if CACHE_EMPTIED or AFTER_NATIONAL_CHANGE:
                cache.clear()  # Redis restarted, or every figure expired
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - started) * 1000)
        print(
            f"| {name} | {role} | {statistics.median(times):.0f} | {max(times):.0f} "
            f"| {len(queries)} |"
        )


if __name__ == "__main__":
    main()
