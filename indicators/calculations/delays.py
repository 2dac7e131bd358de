"""Why the time went: children by the reason for delay recorded on their journeys in a period
(docs/indicators.md §2.3)."""

from dataclasses import dataclass

from django.db.models import Count

from indicators.calculations.figure import divide_half_up
from indicators.periods import Period
from indicators.scopes import Scope
from journeys.models import DelayReason, JourneyNote


@dataclass(frozen=True)
class DelayRow:
    reason: str  # the reason's code, as stored
    title: str  # the reason in words
    children: int
    share: float | None  # % of the children with any reason recorded, one decimal; None if none


@dataclass(frozen=True)
class DelayReasons:
    rows: list[DelayRow]  # one per reason, in the order the reasons are listed
    children: int  # children with at least one reason recorded in the period


def delay_reasons(scope: Scope, period: Period) -> DelayReasons:
    """delay_reasons (docs/indicators.md §2.3): for each reason for delay, the children of the
    scope with a journey note giving that reason recorded in the period (a child counted once
    per reason however many notes), and that count as a % of the children with any reason
    recorded in the period (one decimal, half up). A child with two reasons counts under both,
    so the shares can add up to more than 100%."""
    notes = JourneyNote.objects.filter(
        recorded_on__gte=period.start, recorded_on__lte=period.end
    ).exclude(delay_reason="")
    if scope.la_ids is not None:
        notes = notes.filter(journey__child__la_id__in=scope.la_ids)
    # Two queries: a child with two reasons is one child in the total, so it is not a sum.
    by_reason = dict(
        notes.order_by()
        .values_list("delay_reason")
        .annotate(children=Count("journey__child_id", distinct=True))
    )
    total = notes.aggregate(children=Count("journey__child_id", distinct=True))["children"]
    rows = [
        DelayRow(
            reason.value,
            reason.label,
            by_reason.get(reason.value, 0),
            divide_half_up(by_reason.get(reason.value, 0), total, 1000) / 10 if total else None,
        )
        for reason in DelayReason
    ]
    return DelayReasons(rows, total)
