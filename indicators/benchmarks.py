"""Benchmarks: targets, England averages and statistical neighbours' averages (reference data,
docs/indicators.md §2), which one a figure is shown beside, and loading them from a CSV file.

Which reference value goes with a figure of a period (docs/reference-values.md):

1. one for exactly that period (the scope's own LA's before the national one);
2. else one for a longer period that contains it, such as the published three-year average
   2020-23 beside the figure for 2022-23, shown with its own period named (the narrowest, then
   the latest, the LA's before the national one);
3. else one for any period (blank), the LA's before the national one.

A value for an LA applies to that LA's figures only; an RAA, a hub and all data take the
national values.
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction

from agencies.models import LocalAuthority
from indicators.models import ReferenceValue
from indicators.periods import Period, PeriodError

CSV_COLUMNS = ("indicator", "kind", "period", "la_code", "value", "source")
MISSING_COLUMNS = "The file's first line must name the columns {columns}; it lacks {missing}."
BAD_ROW = "Line {line}, {field}: {reason}"
BAD_KIND = "{value!r} is not one of {kinds}."
BAD_VALUE = "{value!r} is not a number."
UNKNOWN_LA = "no LA has the code {value!r}."
UNKNOWN_INDICATOR = "no figure has the code {value!r}."
NO_INDICATOR = "give the figure's code, such as A10."
NO_SOURCE = "name the publication the value comes from."


class ReferenceFileError(ValueError):
    """A reference-values file that cannot be loaded; `errors` lists every fault found."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Benchmark:
    """A reference value as shown beside a figure, with the period it is for ("" for any)."""

    value: float | int
    period: str
    source: str


@dataclass(frozen=True)
class Row:
    indicator: str
    kind: str
    period: str
    la_id: int | None
    value: float | int
    source: str
    start: object = None  # the period's first and last days; None for any period
    end: object = None


def _number(value: Decimal) -> float | int:
    return int(value) if value == int(value) else float(value)


def reference_rows(codes) -> list[Row]:
    """Every reference value of these figures, in one query."""
    rows = []
    for value in ReferenceValue.objects.filter(indicator__in=list(codes)):
        start = end = None
        if value.period:
            try:
                period = Period.parse(value.period)
                start, end = period.start, period.end
            except PeriodError:
                continue  # a label no figure can have matches nothing
        rows.append(
            Row(
                value.indicator,
                value.kind,
                value.period,
                value.la_id,
                _number(value.value),
                value.source,
                start,
                end,
            )
        )
    return rows


def best_match(rows: list[Row], code: str, kind: str, period: Period, la_id=None):
    """The reference value of this kind for a figure of `period` (the rules above), or None."""
    own = [r for r in rows if r.indicator == code and r.kind == kind and r.la_id in (la_id, None)]

    def national_last(row: Row) -> int:
        return 0 if row.la_id is not None else 1

    exact = [r for r in own if r.period == period.label]
    if exact:
        return min(exact, key=national_last)
    covering = [
        r for r in own if r.start is not None and r.start <= period.start and period.end <= r.end
    ]
    if covering:
        return min(covering, key=lambda r: (r.end - r.start, -r.end.toordinal(), national_last(r)))
    any_period = [r for r in own if not r.period]
    return min(any_period, key=national_last) if any_period else None


def benchmark(rows, code: str, kind: str, period: Period, la_id=None) -> Benchmark | None:
    found = best_match(rows, code, kind, period, la_id)
    return found and Benchmark(found.value, found.period, found.source)


# --- Loading a file -----------------------------------------------------------------------------


def _codes() -> set[str]:
    from indicators.calculations.engine import COMBINATION_OF, DERIVED, MEASURES

    return {*MEASURES, *COMBINATION_OF, *DERIVED}


def _checked(text: str) -> list[dict]:
    """The file's rows, each checked; every fault found raises together, naming line and
    column."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ReferenceFileError(
            [MISSING_COLUMNS.format(columns=", ".join(CSV_COLUMNS), missing=", ".join(missing))]
        )
    las = dict(LocalAuthority.objects.values_list("code", "pk"))
    codes, kinds = _codes(), ReferenceValue.Kind.values
    errors, rows = [], []
    for line, raw in enumerate(reader, start=2):
        row = {key: (raw.get(key) or "").strip() for key in CSV_COLUMNS}

        def fault(field, reason, line=line):
            errors.append(BAD_ROW.format(line=line, field=field, reason=reason))

        if not row["indicator"]:
            fault("indicator", NO_INDICATOR)
        elif row["indicator"] not in codes:
            fault("indicator", UNKNOWN_INDICATOR.format(value=row["indicator"]))
        if row["kind"] not in kinds:
            fault("kind", BAD_KIND.format(value=row["kind"], kinds=", ".join(kinds)))
        if row["period"]:
            try:
                row["period"] = Period.parse(row["period"]).label
            except PeriodError as error:
                fault("period", str(error))
        row["la"] = None
        if row["la_code"]:
            row["la"] = las.get(row["la_code"])
            if row["la"] is None:
                fault("la_code", UNKNOWN_LA.format(value=row["la_code"]))
        try:
            row["value"] = Decimal(row["value"])
            if not row["value"].is_finite():
                raise InvalidOperation
        except InvalidOperation:
            fault("value", BAD_VALUE.format(value=row["value"]))
        if not row["source"]:
            fault("source", NO_SOURCE)
        rows.append(row)
    if errors:
        raise ReferenceFileError(errors)
    return rows


@transaction.atomic
def reference_values_load(*, text: str) -> tuple[int, int]:
    """Load a reference-values CSV (docs/reference-values.md): all its rows or, if any is
    wrong, none. A row for a value already held replaces it. Returns (added, replaced)."""
    added = replaced = 0
    for row in _checked(text):
        _, created = ReferenceValue.objects.update_or_create(
            indicator=row["indicator"],
            kind=row["kind"],
            period=row["period"],
            la_id=row["la"],
            defaults={"value": row["value"], "source": row["source"]},
        )
        added, replaced = added + created, replaced + (not created)
    return added, replaced
