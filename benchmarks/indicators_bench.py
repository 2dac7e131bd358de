"""Time every figure for every LA, hub, RAA and all data, against the baselines a user might write.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/adoption_bench \\
        .venv/bin/python benchmarks/indicators_bench.py [--runs 5] [--skip-naive]

Run benchmarks/generate.py first. Prints medians (seconds) as a Markdown table:
- engine, all figures: indicators.calculations.engine.figures_by_scope (every family, both the
  period and the previous one for trends), for a financial year and for a three-year period;
- engine, timeliness: the same engine for A1, A10, A2, A20 and A3 only, to compare like with like;
- naive ORM: the timeliness figures by looping over Journey objects in Python;
- pandas: the timeliness figures from rows exported into a DataFrame;
- SQL floor: one hand-written GROUP BY computing A10 for every LA (no hubs, RAAs, trend).
Peak Python memory of the full engine run is measured with tracemalloc.
"""

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adoption_portal.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries  # noqa: E402

from indicators.calculations.engine import (  # noqa: E402
    FAMILIES,
    _finalise,
    _pool,
    family_components,
    figures_by_scope,
)
from indicators.calculations.measures import Family  # noqa: E402
from indicators.periods import Period  # noqa: E402
from indicators.scopes import all_scopes  # noqa: E402
from journeys.models import Journey  # noqa: E402

TIMELINESS = ("A1", "A10", "A2", "A20", "A3")
TIMELINESS_FAMILY = Family(
    "journeys",
    Journey,
    "child__la_id",
    tuple(m for m in FAMILIES[0].measures if m.code in TIMELINESS),
)


def median_time(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def engine_timeliness(period: Period, scopes) -> dict:
    components = family_components(TIMELINESS_FAMILY, [period, period.previous()], None)
    return {
        scope: {
            m.code: _finalise(m, _pool(components, scope.la_ids), "0").value
            for m in TIMELINESS_FAMILY.measures
        }
        for scope in scopes
    }


def _round(total: int, n: int):
    return int((Decimal(total) / n).quantize(Decimal(1), ROUND_HALF_UP)) if n else None


def naive_timeliness(period: Period, scopes) -> dict:
    """What a user without the engine might write: Python over ORM objects, per child."""
    sums = defaultdict(lambda: defaultdict(int))
    for journey in Journey.objects.select_related("child__la").filter(
        adoption_order__range=(period.start, period.end)
    ):
        la = journey.child.la_id
        moved_in = journey.moved_in_with_adopters or journey.placed
        if journey.entered_care and journey.placed:
            sums[la]["A1"] += max(0, (journey.placed - journey.entered_care).days)
            sums[la]["A1n"] += 1
            a10 = max(0, (moved_in - journey.entered_care).days)
            sums[la]["A10"] += a10
            sums[la]["A3"] += a10 < 426
        if journey.placement_order and journey.matched and journey.placed:
            sums[la]["A2"] += max(0, (journey.matched - journey.placement_order).days)
            sums[la]["A2n"] += 1
        if journey.placement_order and journey.entered_care:
            sums[la]["A20"] += max(0, (journey.placement_order - journey.entered_care).days)
            sums[la]["A20n"] += 1
    return _pool_python(sums, scopes)


def _pool_python(sums, scopes) -> dict:
    result = {}
    for scope in scopes:
        total = defaultdict(int)
        for la, row in sums.items():
            if scope.la_ids is None or la in scope.la_ids:
                for key, value in row.items():
                    total[key] += value
        result[scope] = {
            "A1": _round(total["A1"], total["A1n"]),
            "A10": _round(total["A10"], total["A1n"]),
            "A2": _round(total["A2"], total["A2n"]),
            "A20": _round(total["A20"], total["A20n"]),
            "A3": float(
                (Decimal(100 * total["A3"]) / total["A1n"]).quantize(Decimal("0.1"), ROUND_HALF_UP)
            )
            if total["A1n"]
            else None,
        }
    return result


def pandas_timeliness(period: Period, scopes) -> dict:
    """The analyst's route: export the rows, then group in pandas."""
    import pandas as pd

    rows = Journey.objects.filter(adoption_order__range=(period.start, period.end)).values_list(
        "child__la_id",
        "entered_care",
        "placement_order",
        "matched",
        "placed",
        "moved_in_with_adopters",
    )
    frame = pd.DataFrame.from_records(
        list(rows), columns=["la", "entered", "order", "matched", "placed", "moved_in"]
    )
    for column in ("entered", "order", "matched", "placed", "moved_in"):
        frame[column] = pd.to_datetime(frame[column])
    frame["moved_in"] = frame["moved_in"].fillna(frame["placed"])
    a1_rows = frame.dropna(subset=["entered", "placed"])
    sums = defaultdict(lambda: defaultdict(int))
    days = lambda end, start: (end - start).dt.days.clip(lower=0)  # noqa: E731
    a1 = a1_rows.assign(
        a1=days(a1_rows.placed, a1_rows.entered), a10=days(a1_rows.moved_in, a1_rows.entered)
    )
    for la, group in a1.groupby("la"):
        sums[la]["A1"] += int(group.a1.sum())
        sums[la]["A10"] += int(group.a10.sum())
        sums[la]["A3"] += int((group.a10 < 426).sum())
        sums[la]["A1n"] += len(group)
    a2_rows = frame.dropna(subset=["order", "matched", "placed"])
    for la, group in a2_rows.assign(a2=days(a2_rows.matched, a2_rows.order)).groupby("la"):
        sums[la]["A2"] += int(group.a2.sum())
        sums[la]["A2n"] += len(group)
    a20_rows = frame.dropna(subset=["order", "entered"])
    for la, group in a20_rows.assign(a20=days(a20_rows.order, a20_rows.entered)).groupby("la"):
        sums[la]["A20"] += int(group.a20.sum())
        sums[la]["A20n"] += len(group)
    return _pool_python(sums, scopes)


FLOOR_SQL = """
SELECT c.la_id,
       ROUND(AVG(GREATEST(COALESCE(j.moved_in_with_adopters, j.placed) - j.entered_care, 0)))
FROM journeys_journey j JOIN journeys_child c ON c.id = j.child_id
WHERE j.adoption_order BETWEEN %s AND %s
  AND j.entered_care IS NOT NULL AND j.placed IS NOT NULL
GROUP BY c.la_id
"""


def sql_floor(period: Period) -> list:
    with connection.cursor() as cursor:
        cursor.execute(FLOOR_SQL, [period.start, period.end])
        return cursor.fetchall()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-naive", action="store_true", help="skip the slow baselines")
    args = parser.parse_args()
    journeys = Journey.objects.count()
    scopes = all_scopes()
    print(f"{journeys} journeys, {len(scopes)} scopes, PostgreSQL, median of {args.runs} runs\n")
    print("| what | period | seconds | x SQL floor |")
    print("|---|---|---|---|")
    for label in ("2022-23", "2020-23"):
        period = Period.parse(label)
        floor = median_time(lambda p=period: sql_floor(p), args.runs)
        # The engine and the baselines agree before they are timed.
        engine = engine_timeliness(period, scopes)
        if not args.skip_naive:
            assert naive_timeliness(period, scopes) == engine
            assert pandas_timeliness(period, scopes) == engine
        cases = [
            ("engine, all figures, every scope", lambda p=period: figures_by_scope(p, scopes)),
            (
                "engine, A1/A10/A2/A20/A3, every scope",
                lambda p=period: engine_timeliness(p, scopes),
            ),
        ]
        if not args.skip_naive:
            cases += [
                ("naive ORM, A1/A10/A2/A20/A3", lambda p=period: naive_timeliness(p, scopes)),
                ("pandas, A1/A10/A2/A20/A3", lambda p=period: pandas_timeliness(p, scopes)),
            ]
        for name, function in cases:
            seconds = median_time(function, args.runs)
            print(f"| {name} | {label} | {seconds:.3f} | {seconds / floor:.1f} |")
        print(f"| SQL floor: A10 GROUP BY LA | {label} | {floor:.3f} | 1.0 |")
    reset_queries()
    tracemalloc.start()
    figures_by_scope(Period.parse("2022-23"), scopes)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"\nPeak Python memory of the full engine run (2022-23): {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
