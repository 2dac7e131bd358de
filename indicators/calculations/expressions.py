"""SQL building blocks shared by the states and the indicators: intervals in days, months reached,
dates in a period or known by a day (docs/indicators.md §1.1 and §1.3)."""

from collections.abc import Iterable
from datetime import date

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import Exact, GreaterThan, GreaterThanOrEqual

from indicators.periods import Period


class DaysBetween(Func):
    """`end - start` in whole calendar days; a negative interval counts as 0 (docs/indicators.md
    §1.1)."""

    output_field = IntegerField()
    arity = 2

    def __init__(self, start, end):
        start = F(start) if isinstance(start, str) else start
        end = F(end) if isinstance(end, str) else end
        super().__init__(start, end)

    def as_postgresql(self, compiler, connection):
        # date - date is an integer number of days in PostgreSQL.
        return self._compile(compiler, connection, "(({end}) - ({start}))", "GREATEST")

    def as_sqlite(self, compiler, connection):
        return self._compile(
            compiler, connection, "CAST(julianday({end}) - julianday({start}) AS INTEGER)", "MAX"
        )

    def _compile(self, compiler, connection, difference: str, greatest: str):
        start_sql, start_params = compiler.compile(self.source_expressions[0])
        end_sql, end_params = compiler.compile(self.source_expressions[1])
        sql = f"{greatest}({difference.format(start=start_sql, end=end_sql)}, 0)"
        return sql, [*start_params, *end_params]


class LessThanDays(Func):
    """A boolean `days < threshold`, so a computed interval can sit inside a cohort condition."""

    template = "(%(expressions)s)"
    arg_joiner = " < "
    conditional = True

    def __init__(self, days, threshold: int):
        super().__init__(days, Value(threshold), output_field=BooleanField())


def months_reached(start, end, months: int) -> Q:
    """`end` is at least `months` calendar months after `start` (same day of the month or later)."""

    def month_index(expression):
        return ExpressionWrapper(
            ExtractYear(expression) * 12 + ExtractMonth(expression), output_field=IntegerField()
        )

    difference = ExpressionWrapper(
        month_index(end) - month_index(start), output_field=IntegerField()
    )
    return Q(GreaterThan(difference, months)) | Q(
        Exact(difference, months), GreaterThanOrEqual(ExtractDay(end), ExtractDay(start))
    )


def in_groups(path: str, groups: Iterable[int | None]) -> Q:
    """`path` (an LA or RAA) is one of `groups`; None among them stands for records of none."""
    groups = set(groups)
    return or_none(path, Q(**{f"{path}__in": groups - {None}}), None in groups)


def or_none(path: str, condition: Q, with_none: bool) -> Q:
    """`condition`, or `path` empty too (records of no LA or RAA) when `with_none`."""
    return condition | Q(**{f"{path}__isnull": True}) if with_none else condition


def in_period(path: str, period: Period) -> Q:
    """`path` falls in the period, both ends included (docs/indicators.md §1.3)."""
    return Q(**{f"{path}__range": (period.start, period.end)})


def on_or_before(path: str, day: date) -> Q:
    """`path` is known and no later than `day`."""
    return Q(**{f"{path}__lte": day})


def not_by(path: str, day: date) -> Q:
    """`path` is unknown or later than `day` (NULL-safe, unlike a plain negation in SQL)."""
    return Q(**{f"{path}__isnull": True}) | Q(**{f"{path}__gt": day})


def known(*fields: str) -> Q:
    """Every one of `fields` is recorded."""
    return Q(**{f"{name}__isnull": False for name in fields})


def subquery_count(queryset) -> Coalesce:
    """The number of rows of `queryset` (correlated through OuterRef), 0 when there are none."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(dummy=Value(1)).annotate(c=Count("pk")).values("c")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
        output_field=IntegerField(),
    )


# The day the child moved in: `placed` when no earlier move is recorded (docs/indicators.md §1.4).
MOVED_IN = Coalesce("moved_in_with_adopters", "placed")
