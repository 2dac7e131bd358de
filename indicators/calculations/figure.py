"""The `Figure` value: a reported figure, its rounding, its trend and its status against a target
(docs/indicators.md §1.1 and §1.3)."""

from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from operator import attrgetter


@dataclass(slots=True)
class Figure:
    """One reported figure. `value` is None when its cohort is empty (never 0). With slots: a
    page of every figure for every area holds and caches tens of thousands of them."""

    code: str
    title: str
    value: float | int | None
    n: int | None  # None when withheld
    count: int | None = None
    target: float | None = None
    england: float | None = None
    trend: str | None = None
    status: str | None = None
    previous: float | int | None = field(default=None, repr=False)
    withheld: str | None = None  # why the value is not shown (indicators/disclosure.py)
    england_period: str | None = None  # the England average's period, where not the figure's
    neighbours: float | None = None  # statistical neighbours' average
    england_status: str | None = None  # against the England average: met, within 10%, not met

    def __reduce__(self):
        """Pickled as its fields in order: a third quicker to keep in the cache and read back."""
        return Figure, _fields(self)

    def as_dict(self) -> dict:
        data = asdict(self)
        del data["code"], data["previous"]
        return {key: value for key, value in data.items() if value is not None or key == "value"}


# A figure's fields in order, read in one call.
_fields = attrgetter(*Figure.__slots__)


def round_half_up(value: Decimal, places: int = 0) -> Decimal:
    """`value` rounded half up to `places` decimals (docs/indicators.md §1.1)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def divide_half_up(total: int, n: int, scale: int = 1) -> int:
    """round(total * scale / n) with halves rounded up, in exact integer arithmetic
    (totals are never negative: negative intervals count as 0)."""
    return (2 * total * scale + n) // (2 * n)


def trend(better: str | None, current, previous) -> str | None:
    """Against the previous period: better/worse where a direction is better, else up/down
    (docs/indicators.md §1.3, Trend)."""
    if current is None or previous is None:
        return None
    if current == previous:
        return "same"
    if better is None:
        return "up" if current > previous else "down"
    improved = current < previous if better == "lower" else current > previous
    return "better" if improved else "worse"


def status(better: str | None, value, target) -> str | None:
    """Against a target: met, within 10 % of it, or not met (docs/indicators.md §1.3, Target)."""
    if value is None or target is None or better is None:
        return None
    if (value <= target) if better == "lower" else (value >= target):
        return "met"
    margin = abs(target) * 0.1
    close = value <= target + margin if better == "lower" else value >= target - margin
    return "within 10%" if close else "not met"
