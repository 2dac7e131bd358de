"""Time every figure for every LA, hub, RAA and all data, against like-for-like baselines.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/adoption_bench \\
        .venv/bin/python benchmarks/indicators_bench.py [--runs 5]

Run benchmarks/generate.py first (and `pip install -e ".[bench]"` for pandas). Prints medians
(seconds) of runs interleaved in one process, as a Markdown table with each row's ratio to the
SQL floor measured in the same run:
- engine, all figures: `figures_by_scope` (every family, the period and the previous one for
  trends, all 241 scopes), for a financial year and for the ten years the generator fills;
- engine, five figures: `figures_by_scope(codes=A1, A10, A2, A20, A3)`, the same path the
  dashboards take, restricted to the five the baselines compute;
- SQL floor: one hand-written query for the same five figures, the period and the previous one,
  every LA pooled into every hub, RAA and all data (GROUPING SETS), rounded as the engine rounds;
- pandas, with export: the rows exported from PostgreSQL into a DataFrame, then the same
  computation vectorised (no loop over LAs); pandas, loaded: the computation alone, on the frame
  already in memory.
- cache, after a change in one LA: the same calls through the figure cache
  (indicators/figure_cache.py) just after the LA with the most journeys moved on, as a save there
  does: that LA's sums computed again from its rows, every other area's from the cache, all
  pooled afresh; with the cache emptied (Redis restarted, or the figures expired: every LA's
  sums read back from the database, all pooled afresh); and with nothing changed (the whole
  answer from the cache). Set CACHE_URL to Redis, as in production (else Django's in-process
  cache is used).
The script first checks that all of them give identical numbers for every scope. Peak Python
memory of the full engine run is measured with tracemalloc.
"""

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adoption_portal.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402

from indicators import figure_cache  # noqa: E402
from indicators.calculations.engine import figures_by_scope  # noqa: E402
from indicators.periods import Period  # noqa: E402
from indicators.scopes import all_scopes  # noqa: E402
from journeys.models import Journey  # noqa: E402

FIVE = ("A1", "A10", "A2", "A20", "A3")
TEN_YEARS = Period.between(date(2014, 4, 1), date(2024, 3, 31))

# Per LA, for the period (0) and the previous one (1): the sums and counts of the five figures.
_PER_PERIOD = """
    SUM(a1) FILTER (WHERE p{i} AND a1_in) AS a1_{i},
    SUM(a10) FILTER (WHERE p{i} AND a1_in) AS a10_{i},
    COUNT(*) FILTER (WHERE p{i} AND a1_in) AS n1_{i},
    COUNT(*) FILTER (WHERE p{i} AND a1_in AND a10 < 426) AS a3_{i},
    SUM(a2) FILTER (WHERE p{i} AND a2_in) AS a2_{i},
    COUNT(*) FILTER (WHERE p{i} AND a2_in) AS n2_{i},
    SUM(a20) FILTER (WHERE p{i} AND a20_in) AS a20_{i},
    COUNT(*) FILTER (WHERE p{i} AND a20_in) AS n20_{i}"""
# Pooled over a scope's LAs, then rounded half up as the engine rounds (sums over counts).
_ROUNDED = """
    ROUND(SUM(a1_{i})::numeric / NULLIF(SUM(n1_{i}), 0)),
    ROUND(SUM(a10_{i})::numeric / NULLIF(SUM(n1_{i}), 0)),
    ROUND(SUM(a2_{i})::numeric / NULLIF(SUM(n2_{i}), 0)),
    ROUND(SUM(a20_{i})::numeric / NULLIF(SUM(n20_{i}), 0)),
    ROUND(SUM(a3_{i}) * 1000.0 / NULLIF(SUM(n1_{i}), 0)) / 10"""
FLOOR_SQL = f"""
WITH adopted AS (
    SELECT c.la_id,
           j.adoption_order BETWEEN %(start0)s AND %(end0)s AS p0,
           j.adoption_order BETWEEN %(start1)s AND %(end1)s AS p1,
           j.entered_care IS NOT NULL AND j.placed IS NOT NULL AS a1_in,
           GREATEST(j.placed - j.entered_care, 0) AS a1,
           GREATEST(COALESCE(j.moved_in_with_adopters, j.placed) - j.entered_care, 0) AS a10,
           j.placement_order IS NOT NULL AND j.matched IS NOT NULL AND j.placed IS NOT NULL
               AS a2_in,
           GREATEST(j.matched - j.placement_order, 0) AS a2,
           j.entered_care IS NOT NULL AND j.placement_order IS NOT NULL AS a20_in,
           GREATEST(j.placement_order - j.entered_care, 0) AS a20
    FROM journeys_journey j JOIN journeys_child c ON c.id = j.child_id
    WHERE j.adoption_order BETWEEN %(start1)s AND %(end0)s
), by_la AS (
    SELECT la_id, {_PER_PERIOD.format(i=0)}, {_PER_PERIOD.format(i=1)}
    FROM adopted GROUP BY la_id
)
SELECT GROUPING(la.code, la.hub_id, raa.slug), la.code, la.hub_id, raa.slug,
       {_ROUNDED.format(i=0)}, {_ROUNDED.format(i=1)}
FROM by_la
JOIN agencies_localauthority la ON la.id = by_la.la_id
JOIN agencies_regionaladoptionagency raa ON raa.id = la.raa_id
GROUP BY GROUPING SETS ((la.code), (la.hub_id), (raa.slug), ())
"""
# GROUPING(code, hub, slug): a bit set for each column left out of the row's grouping.
_KIND = {0b011: "la", 0b101: "hub", 0b110: "raa", 0b111: "all"}


def _bounds(period: Period) -> dict:
    previous = period.previous()
    return {
        "start0": period.start,
        "end0": period.end,
        "start1": previous.start,
        "end1": previous.end,
    }


def _number(value):
    if value is None:
        return None
    return float(value) if value != int(value) else int(value)


def sql_floor(period: Period) -> dict:
    """{(kind, key): [the five figures of the period, then of the previous one]}."""
    with connection.cursor() as cursor:
        cursor.execute(FLOOR_SQL, _bounds(period))
        rows = cursor.fetchall()
    found = {}
    for grouping, code, hub, slug, *values in rows:
        kind = _KIND[grouping]
        key = {"la": code, "hub": str(hub), "raa": slug, "all": ""}[kind]
        found[(kind, key)] = [_number(value) for value in values]
    return found


EXPORT_SQL = """
SELECT c.la_id, j.adoption_order, j.entered_care, j.placement_order, j.matched, j.placed,
       j.moved_in_with_adopters
FROM journeys_journey j JOIN journeys_child c ON c.id = j.child_id
WHERE j.adoption_order BETWEEN %(start1)s AND %(end0)s
"""
COLUMNS = ["la", "order_date", "entered", "po", "matched", "placed", "moved_in"]


def pandas_export(period: Period):
    """The analyst's export: the adopted cohorts' rows of both periods into a DataFrame."""
    import pandas as pd

    with connection.cursor() as cursor:
        cursor.execute(EXPORT_SQL, _bounds(period))
        frame = pd.DataFrame(cursor.fetchall(), columns=COLUMNS)
    for column in COLUMNS[1:]:
        frame[column] = pd.to_datetime(frame[column])
    return frame


def pandas_five(frame, period: Period, las) -> dict:
    """The five figures for every scope from the exported rows, vectorised: per-LA sums, pooled
    by hub, RAA and all data with group-bys, rounded half up in integer arithmetic."""
    import pandas as pd

    def days(end, start):
        return (frame[end] - frame[start]).dt.days.clip(lower=0).fillna(0).astype("int64")

    moved_in = frame["moved_in"].fillna(frame["placed"])
    a1_in = frame["entered"].notna() & frame["placed"].notna()
    a2_in = frame["po"].notna() & frame["matched"].notna() & frame["placed"].notna()
    a20_in = frame["entered"].notna() & frame["po"].notna()
    a1, a2, a20 = days("placed", "entered"), days("matched", "po"), days("po", "entered")
    a10 = (moved_in - frame["entered"]).dt.days.clip(lower=0).fillna(0).astype("int64")
    parts = {"la": frame["la"]}
    for index, part in enumerate((period, period.previous())):
        inside = frame["order_date"].between(pd.Timestamp(part.start), pd.Timestamp(part.end))
        one, two, twenty = inside & a1_in, inside & a2_in, inside & a20_in
        parts |= {
            f"a1_{index}": a1.where(one, 0),
            f"a10_{index}": a10.where(one, 0),
            f"n1_{index}": one.astype("int64"),
            f"a3_{index}": (one & (a10 < 426)).astype("int64"),
            f"a2_{index}": a2.where(two, 0),
            f"n2_{index}": two.astype("int64"),
            f"a20_{index}": a20.where(twenty, 0),
            f"n20_{index}": twenty.astype("int64"),
        }
    by_la = pd.DataFrame(parts).groupby("la").sum().join(las, how="inner")
    sums = [c for c in by_la.columns if c not in las.columns]
    pooled = pd.concat(
        [
            by_la.groupby("code")[sums].sum().assign(kind="la"),
            by_la.groupby("hub")[sums].sum().assign(kind="hub"),
            by_la.groupby("slug")[sums].sum().assign(kind="raa"),
            by_la[sums].sum().to_frame().T.assign(kind="all").set_axis([""]),
        ]
    )

    def half_up(total, n, scale=1):
        return ((2 * total * scale + n) // (2 * n).where(n > 0)).astype("Float64")

    values = {}
    for index in (0, 1):
        n1, n2, n20 = (pooled[f"{name}_{index}"] for name in ("n1", "n2", "n20"))
        values |= {
            f"A1_{index}": half_up(pooled[f"a1_{index}"], n1),
            f"A10_{index}": half_up(pooled[f"a10_{index}"], n1),
            f"A2_{index}": half_up(pooled[f"a2_{index}"], n2),
            f"A20_{index}": half_up(pooled[f"a20_{index}"], n20),
            f"A3_{index}": half_up(pooled[f"a3_{index}"], n1, 1000) / 10,
        }
    result = pd.DataFrame(values).assign(kind=pooled["kind"])
    return {
        (kind, str(key)): [_number(None if pd.isna(v) else v) for v in row]
        for key, kind, row in zip(
            result.index, result["kind"], result.drop(columns="kind").to_numpy(), strict=True
        )
    }


def la_table():
    import pandas as pd

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT la.id, la.code, la.hub_id::text, raa.slug FROM agencies_localauthority la "
            "JOIN agencies_regionaladoptionagency raa ON raa.id = la.raa_id"
        )
        return pd.DataFrame(cursor.fetchall(), columns=["la", "code", "hub", "slug"]).set_index(
            "la"
        )


def engine_five(period: Period, scopes) -> dict:
    figures = figures_by_scope(period, scopes, codes=FIVE)
    return {
        (scope.kind, scope.key): [figures[scope][code].value for code in FIVE]
        + [figures[scope][code].previous for code in FIVE]
        for scope in scopes
    }


def _agree(engine: dict, other: dict, name: str) -> None:
    empty = [None] * 2 * len(FIVE)
    for key, values in engine.items():
        assert other.get(key, empty) == values, (name, key, values, other.get(key))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    journeys = Journey.objects.count()
    scopes = all_scopes()
    las = la_table()
    print(f"{journeys} journeys, {len(scopes)} scopes, PostgreSQL, median of {args.runs} runs\n")
    print("| what | period | seconds | × SQL floor |")
    print("|---|---|---:|---:|")
    year = Period.parse("2022-23")
    loaded = pandas_export(year)
    engine = engine_five(year, scopes)
    _agree(engine, sql_floor(year), "SQL floor")
    _agree(engine, pandas_five(loaded, year, las), "pandas")
    busiest = Journey.objects.values("child__la_id").annotate(n=Count("pk")).order_by("-n").first()

    def one_la_changed():
        figure_cache._changed({f"la:{busiest['child__la_id']}"})  # as a save there moves it on

    cached_five = figure_cache.figures_by_scope(year, scopes, codes=FIVE)
    assert {
        (s.kind, s.key): [cached_five[s][c].value for c in FIVE]
        + [cached_five[s][c].previous for c in FIVE]
        for s in scopes
    } == engine
    cases = {
        ("SQL floor, five figures", year.label): lambda: sql_floor(year),
        ("engine, five figures", year.label): lambda: engine_five(year, scopes),
        ("pandas with export, five figures", year.label): lambda: pandas_five(
            pandas_export(year), year, las
        ),
        ("pandas on a loaded frame, five figures", year.label): lambda: pandas_five(
            loaded, year, las
        ),
        ("engine, all figures", year.label): lambda: figures_by_scope(year, scopes),
        ("engine, all figures", "ten years"): lambda: figures_by_scope(TEN_YEARS, scopes),
        ("cache, five figures, after a change in one LA", year.label): lambda: (
            figure_cache.figures_by_scope(year, scopes, codes=FIVE)
        ),
        ("cache, all figures, after a change in one LA", year.label): lambda: (
            figure_cache.figures_by_scope(year, scopes)
        ),
        ("cache, all figures, cache emptied", year.label): lambda: figure_cache.figures_by_scope(
            year, scopes
        ),
        ("cache, all figures, nothing changed", year.label): lambda: figure_cache.figures_by_scope(
            year, scopes
        ),
    }
    untimed = {case: one_la_changed for case in cases if "after a change" in case[0]}
    # Redis restarted, or the figures expired: each LA's sums are still kept in the database.
    untimed[("cache, all figures, cache emptied", year.label)] = cache.clear
    figure_cache.figures_by_scope(year, scopes)  # every area's sums kept once
    times = {case: [] for case in cases}
    for _ in range(args.runs):
        # Interleaved, so that a slow spell on the shared machine falls on every row alike.
        for case, function in cases.items():
            untimed.get(case, lambda: None)()
            started = time.perf_counter()
            function()
            times[case].append(time.perf_counter() - started)
    medians = {case: statistics.median(values) for case, values in times.items()}
    floor = medians[("SQL floor, five figures", year.label)]
    for (name, label), seconds in medians.items():
        print(f"| {name} | {label} | {seconds:.3f} | {seconds / floor:.1f} |")
    tracemalloc.start()
    figures_by_scope(year, scopes)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"\nPeak Python memory of the full engine run ({year.label}): {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
