"""Time the quarterly board scorecard of one RAA at national scale: the figures, the XLSX and the
PDF, as the export task makes them.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/adoption_bench \\
        .venv/bin/python benchmarks/scorecard_bench.py [--raa raa-01] [--quarter "2023-24 Q4"]

Run benchmarks/generate.py first. Prints the median and slowest of --runs, in seconds.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adoption_portal.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from indicators.exports import scorecard_pdf, scorecard_xlsx  # noqa: E402
from indicators.periods import Period  # noqa: E402
from indicators.scopes import parse_scope  # noqa: E402
from indicators.scorecards import scorecard_for  # noqa: E402
from journeys.models import Journey  # noqa: E402


def timed(function, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--raa", default="raa-01")
    parser.add_argument("--quarter", default="2023-24 Q4")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to the benchmark's PostgreSQL database.")
    raa, quarter = parse_scope(f"raa:{args.raa}"), Period.parse(args.quarter)
    card = scorecard_for(raa, quarter)  # warm-up
    print(f"{Journey.objects.count():,} journeys; {raa.label}, {quarter.label}; {args.runs} runs\n")
    print("| step | median s | slowest s |")
    print("|---|---:|---:|")
    for name, step in (
        ("figures (scorecard_for)", lambda: scorecard_for(raa, quarter)),
        ("XLSX", lambda: scorecard_xlsx(card)),
        ("PDF (with its chart)", lambda: scorecard_pdf(card)),
        ("whole XLSX file", lambda: scorecard_xlsx(scorecard_for(raa, quarter))),
        ("whole PDF file", lambda: scorecard_pdf(scorecard_for(raa, quarter))),
    ):
        median, slowest = timed(step, args.runs)
        print(f"| {name} | {median:.2f} | {slowest:.2f} |")


if __name__ == "__main__":
    main()
