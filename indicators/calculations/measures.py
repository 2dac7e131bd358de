"""What an indicator is: a `Measure` (a cohort of rows for a period and what is taken from it),
the `Family` of measures over one model computed in one query, and a `Combination` of counts
pooled before they are combined. The indicators themselves are defined in the section modules
(timeliness, activity, adopted, adopters, panels_support)."""

import inspect
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Model, Q, Sum

from indicators.periods import Period

Cohort = Callable[[Period], Q]


@dataclass(frozen=True)
class Measure:
    """One figure: a cohort of rows for a period and what is taken from it.

    kind: "mean" (child-weighted mean of `days`, whole days), "percent" (share of the cohort
    meeting `condition`, one decimal), "count" (rows, or distinct `distinct` values), "money"
    (sum of `amount`), "money_mean" (sum of `amount` per distinct `distinct`) or "total" (sum of
    the whole number `amount`).
    better: "lower" or "higher" gives a better/worse trend; None gives up/down.
    short: the name a chart or table gives it where the full title does not fit.
    """

    code: str
    title: str
    kind: str
    cohort: Cohort
    days: object = None
    condition: Cohort | None = None
    distinct: str | None = None
    amount: str | None = None
    better: str | None = None
    short: str | None = None

    @property
    def definition(self) -> str:
        """The indicator's definition: its cohort's docstring."""
        return inspect.getdoc(self.cohort) or ""

    @property
    def label(self) -> str:
        return self.short or self.title

    def aggregates(self, period: Period, suffix: str) -> dict:
        cohort = self.cohort(period)
        name = f"{self.code}.{suffix}"
        count_of = self.distinct or "pk"
        if self.kind == "mean":
            return {
                f"{name}.sum": Sum(self.days, filter=cohort),
                f"{name}.n": Count("pk", filter=cohort),
            }
        if self.kind == "percent":
            return {
                f"{name}.count": Count(
                    count_of, filter=cohort & self.condition(period), distinct=bool(self.distinct)
                ),
                f"{name}.n": Count(count_of, filter=cohort, distinct=bool(self.distinct)),
            }
        if self.kind == "count":
            return {f"{name}.n": Count(count_of, filter=cohort, distinct=bool(self.distinct))}
        if self.kind in ("money", "money_mean", "total"):
            return {
                f"{name}.sum": Sum(self.amount, filter=cohort),
                f"{name}.n": Count(count_of, filter=cohort, distinct=bool(self.distinct)),
            }
        raise ValueError(self.kind)


def measure(code: str, title: str, kind: str, **options) -> Callable[[Cohort], Measure]:
    """Define an indicator from its cohort function, whose docstring is its definition."""

    def define(cohort: Cohort) -> Measure:
        return Measure(code, title, kind, cohort, **options)

    return define


@dataclass(frozen=True)
class Family:
    """Measures over one model, grouped by the LA (or RAA) reached through `group_path`."""

    name: str
    model: type[Model]
    group_path: str
    measures: tuple[Measure, ...]
    by_raa: bool = False
    prepare: Callable | None = None

    def queryset(self):
        queryset = self.model.objects.all()
        return self.prepare(queryset) if self.prepare else queryset


@dataclass(frozen=True)
class Combination:
    """A count made of other counts after pooling (sign +1 or -1 each), and the same set row by
    row (`rows`, over the rows of `family`) for its drill-down."""

    code: str
    title: str
    parts: tuple[tuple[str, int], ...]
    family: str
    rows: Cohort

    @property
    def definition(self) -> str:
        return inspect.getdoc(self.rows) or ""
