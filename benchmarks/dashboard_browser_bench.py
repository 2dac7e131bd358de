"""Time the dashboard in headless Chromium, as a signed-in user sees it, with the browser's own
clock: plotly.js's basic bundle (what the dashboard loads) against the full build it replaced.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/adoption_portal \\
        .venv/bin/python manage.py seed_demo --if-empty
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/adoption_portal \\
        .venv/bin/python benchmarks/dashboard_browser_bench.py [--runs 15] [--bundles basic full]

Collects the static files and starts gunicorn with production settings (DEBUG off, WhiteNoise
serving the collected files), unless --url names a server already running. Signs in as the demo
RAA manager (its authenticator-app step passed with a device this script adds), then opens the
dashboard --runs times per bundle, each time in a fresh page, after one warm-up load.

Each load reads the Navigation Timing entry (domInteractive, domContentLoadedEventEnd and
loadEventEnd, in ms from the start of navigation), the time every chart on the page had its
plotly SVG, and Chromium's own count of the time spent compiling and running script
(`ScriptDuration`). "basic" and "full" are served by the same request handler from memory
(plotly.js from npm, and the plotly Python package's plotly.min.js), so the difference is the
bundle alone; Playwright turns the HTTP cache off while it handles requests, so every load
parses plotly.js afresh, as the first view after a deploy does. "cached" is the basic bundle as
the server serves it, with the browser's cache on: a user's second and later views.

Prints the median and the 95th percentile (nearest rank) of each, in ms, as Markdown.
"""

import argparse
import math
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu"]
BUNDLES = {
    "basic": ROOT / "node_modules" / "plotly.js-basic-dist-min" / "plotly-basic.min.js",
    "full": None,  # the plotly Python package's build, found once Django is set up
}
SERVED_AS = "**/static/plotly/plotly-basic.min*.js"
PASSWORD = "adopt-demo-2026"  # every demo user's (README)
SERVER_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "benchmark-only-secret-key-not-for-production-use-0123456789",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "CELERY_BROKER_URL": "",
}
CHARTS_DRAWN = """() => {
    const charts = [...document.querySelectorAll(".portal-chart")];
    return charts.length > 0 && charts.every((chart) => chart.querySelector(".main-svg"))
        && performance.now();
}"""
TIMINGS = """() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return {
        domInteractive: nav.domInteractive,
        domContentLoaded: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
        charts: document.querySelectorAll(".portal-chart").length,
    };
}"""
COLUMNS = ("domInteractive", "domContentLoaded", "load", "chartsDrawn", "script")


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adoption_portal.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


def second_factor(username: str):
    """A function giving the current code of an authenticator-app device added for the user,
    or None when the user signs in with a password alone."""
    from django.contrib.auth.models import User
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from agencies.two_factor import two_factor_required

    user = User.objects.get(username=username)
    if not two_factor_required(user):
        return None
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Browser benchmark", defaults={"confirmed": True}
    )
    return lambda: f"{totp(device.bin_key):06d}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(collect: bool) -> tuple[str, subprocess.Popen]:
    env = {**os.environ, **SERVER_ENV}
    python = sys.executable
    if collect:  # minutes on a busy machine: WhiteNoise compresses every file
        command = [python, "manage.py", "collectstatic", "--noinput", "-v", "0"]
        subprocess.run(command, cwd=ROOT, env=env, check=True)
    port = free_port()
    gunicorn = Path(python).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "adoption_portal.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/sign-in/", timeout=2)
            return url, server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 20 s")


def signed_in_state(browser, url: str, username: str, code) -> dict:
    """The cookies of a session signed in as the user (and past the authenticator-app step)."""
    context = browser.new_context(base_url=url)
    page = context.new_page()
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if code:
        for _ in range(2):
            page.get_by_label("Code from your authenticator app").fill(code())
            page.get_by_role("button", name="Continue").click()
            page.wait_for_load_state()
            if "/two-factor/" not in page.url:
                break
            # A code is accepted once: one used in the last 30 s waits for the next.
            time.sleep(31 - time.time() % 30)
    page.wait_for_url(lambda address: "/sign-in/" not in address and "/two-factor/" not in address)
    state = context.storage_state()
    context.close()
    return state


def load(context, path: str) -> dict:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.goto(path, wait_until="load")
    drawn = page.wait_for_function(CHARTS_DRAWN, timeout=30_000).json_value()
    timings = page.evaluate(TIMINGS)
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    page.close()
    if not timings["charts"]:
        raise SystemExit(f"{path} drew no chart: is the demo data loaded?")
    return {
        "domInteractive": timings["domInteractive"],
        "domContentLoaded": timings["domContentLoaded"],
        "load": timings["load"],
        "chartsDrawn": drawn,
        "script": metrics.get("ScriptDuration", 0) * 1000,
    }


def served(body: bytes):
    """A route handler answering with this script."""
    return lambda route: route.fulfill(status=200, content_type="text/javascript", body=body)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--bundles", nargs="+", choices=["basic", "full", "cached"], default=["basic", "full"]
    )
    parser.add_argument("--user", default="manager", help="a demo user (README)")
    parser.add_argument("--path", default="/dashboard/", help="the dashboard address to open")
    parser.add_argument("--url", help="a server already running (else gunicorn is started)")
    parser.add_argument(
        "--no-collectstatic",
        action="store_true",
        help="the files collected by an earlier run are still current",
    )
    args = parser.parse_args()

    django_setup()
    import plotly
    from playwright.sync_api import sync_playwright

    BUNDLES["full"] = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    code = second_factor(args.user)
    server = None
    url = args.url
    if not url:
        url, server = start_server(collect=not args.no_collectstatic)
    results = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            state = signed_in_state(browser, url, args.user, code)
            for bundle in args.bundles:
                body = BUNDLES["basic" if bundle == "cached" else bundle].read_bytes()
                context = browser.new_context(
                    base_url=url, viewport={"width": 1280, "height": 900}, storage_state=state
                )
                if bundle != "cached":
                    context.route(SERVED_AS, served(body))
                load(context, args.path)  # warm-up: the server's figure cache, Chromium's start
                results[bundle] = [load(context, args.path) for _ in range(args.runs)]
                results[bundle][0]["bytes"] = len(body)
                context.close()
            browser.close()
    finally:
        if server:
            server.terminate()
            server.wait()

    print(f"Dashboard {args.path} as {args.user}, {args.runs} loads per bundle (ms)\n")
    print("| bundle | size (KB) | " + " | ".join(f"{c} median / p95" for c in COLUMNS) + " |")
    print("|---|---|" + "---|" * len(COLUMNS))
    for bundle, runs in results.items():
        cells = [
            f"{statistics.median(r[c] for r in runs):.0f} / {p95([r[c] for r in runs]):.0f}"
            for c in COLUMNS
        ]
        print(f"| {bundle} | {runs[0]['bytes'] / 1024:,.0f} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
