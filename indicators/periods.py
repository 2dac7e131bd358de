"""Reporting periods (docs/indicators.md §1.3): financial years, spans of years, quarters, halves
and R12."""

import re
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from core.dates import add_months

PERIOD_HELP = (
    "Use 2022-23, 2020-23, 2022-23 Q3, 2022-23 H1, 2022-23 M1 (April), R12 2022-23 Q3 "
    "or 2020-04-01 to 2020-09-27."
)
BAD_PERIOD = "Malformed period {text!r}. " + PERIOD_HELP
# Adoption records begin long after 1950; a period's trend and charts reach five years back.
FIRST_YEAR, LAST_YEAR = 1950, 2200
YEAR_OUT_OF_RANGE = "The period {text!r} starts in {year}: use a year from {first} to {last}."
BACKWARDS_RANGE = "The period {text!r} ends before it starts."
_PERIOD = re.compile(
    r"^(?P<r12>R12 )?(?P<first>\d{4})-(?P<last>\d{2})"
    r"(?: (?:Q(?P<quarter>[1-4])|H(?P<half>[12])|M(?P<month>1[0-2]|[1-9])))?$"
)
_RANGE = re.compile(r"^(?P<start>\d{4}-\d{2}-\d{2}) to (?P<end>\d{4}-\d{2}-\d{2})$")


class PeriodError(ValueError):
    pass


def financial_year_of(day: date) -> int:
    """The first calendar year of the financial year containing `day`."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(first_year: int) -> str:
    return f"{first_year}-{(first_year + 1) % 100:02d}"


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    label: str
    kind: str  # "year", "years", "quarter" or "r12"

    @classmethod
    def parse(cls, text: str) -> "Period":
        """Read a period label; raise PeriodError with the accepted forms when it is malformed."""
        dates = _RANGE.match((text or "").strip())
        if dates:
            try:
                start, end = (date.fromisoformat(dates[key]) for key in ("start", "end"))
            except ValueError as error:
                raise PeriodError(BAD_PERIOD.format(text=text)) from error
            if end < start:
                raise PeriodError(BACKWARDS_RANGE.format(text=text))
            return cls.between(start, end)
        match = _PERIOD.match((text or "").strip())
        if not match:
            raise PeriodError(BAD_PERIOD.format(text=text))
        first = int(match["first"])
        if not FIRST_YEAR <= first <= LAST_YEAR:
            raise PeriodError(
                YEAR_OUT_OF_RANGE.format(text=text, year=first, first=FIRST_YEAR, last=LAST_YEAR)
            )
        span = (int(match["last"]) - first) % 100
        quarter = match["quarter"]
        if quarter is None and match["r12"]:
            raise PeriodError(BAD_PERIOD.format(text=text))
        if match["month"] is not None:
            if span != 1 or match["r12"]:
                raise PeriodError(BAD_PERIOD.format(text=text))
            return cls.month(first, int(match["month"]))
        if match["half"] is not None:
            if span != 1:
                raise PeriodError(BAD_PERIOD.format(text=text))
            return cls.half(first, int(match["half"]))
        if quarter is not None:
            if span != 1:
                raise PeriodError(BAD_PERIOD.format(text=text))
            period = cls.quarter(first, int(quarter))
            return cls.r12(period) if match["r12"] else period
        if span not in (1, 3):
            raise PeriodError(BAD_PERIOD.format(text=text))
        return cls.years(first, span)

    @classmethod
    def years(cls, first_year: int, span: int = 1) -> "Period":
        """`span` financial years from 1 April of `first_year`."""
        last = first_year + span
        label = financial_year_label(first_year) if span == 1 else f"{first_year}-{last % 100:02d}"
        return cls(
            date(first_year, 4, 1), date(last, 3, 31), label, "year" if span == 1 else "years"
        )

    @classmethod
    def quarter(cls, first_year: int, number: int) -> "Period":
        start = add_months(date(first_year, 4, 1), 3 * (number - 1))
        end = date.fromordinal(add_months(start, 3).toordinal() - 1)
        return cls(start, end, f"{financial_year_label(first_year)} Q{number}", "quarter")

    @classmethod
    def half(cls, first_year: int, number: int) -> "Period":
        """The first (April–September) or second (October–March) half of a financial year."""
        start = add_months(date(first_year, 4, 1), 6 * (number - 1))
        end = date.fromordinal(add_months(start, 6).toordinal() - 1)
        return cls(start, end, f"{financial_year_label(first_year)} H{number}", "half")

    @classmethod
    def month(cls, first_year: int, number: int) -> "Period":
        """Month `number` of a financial year (M1 = April … M12 = March)."""
        start = add_months(date(first_year, 4, 1), number - 1)
        end = date.fromordinal(add_months(start, 1).toordinal() - 1)
        return cls(start, end, f"{financial_year_label(first_year)} M{number}", "month")

    @classmethod
    def between(cls, start: date, end: date) -> "Period":
        """Any run of days, both ends included."""
        return cls(start, end, f"{start.isoformat()} to {end.isoformat()}", "range")

    @classmethod
    def r12(cls, quarter: "Period") -> "Period":
        """The four quarters ending with `quarter`."""
        start = add_months(quarter.start, -9)
        return cls(start, quarter.end, f"R12 {quarter.label}", "r12")

    @classmethod
    def current_year(cls, today: date | None = None) -> "Period":
        return cls.years(financial_year_of(today or timezone.localdate()))

    @classmethod
    def quarter_of(cls, day: date) -> "Period":
        """The quarter containing `day`."""
        first_year = financial_year_of(day)
        return cls.quarter(first_year, (day.month - 4) % 12 // 3 + 1)

    @property
    def first_year(self) -> int:
        return financial_year_of(self.start) if self.kind != "r12" else financial_year_of(self.end)

    @property
    def quarter_number(self) -> int:
        return (self.end.month - 4) % 12 // 3 + 1

    def previous(self) -> "Period":
        """The same-length period one step earlier: a year for year spans, the month before a
        month, the same number of days before a range, a quarter otherwise."""
        if self.kind == "month":
            number = (self.start.month - 4) % 12 + 1
            year = self.first_year - (number == 1)
            return Period.month(year, number - 1 if number > 1 else 12)
        if self.kind == "range":
            days = self.end.toordinal() - self.start.toordinal()
            end = date.fromordinal(self.start.toordinal() - 1)
            return Period.between(date.fromordinal(end.toordinal() - days), end)
        if self.kind in ("year", "years"):
            span = self.end.year - self.start.year
            return Period.years(self.start.year - 1, span)
        if self.kind == "half":
            number = 2 if self.start.month == 4 else 1
            return Period.half(self.first_year - (number == 2), number)
        year, number = financial_year_of(self.end), self.quarter_number
        previous_quarter = (
            Period.quarter(year, number - 1) if number > 1 else Period.quarter(year - 1, 4)
        )
        return Period.r12(previous_quarter) if self.kind == "r12" else previous_quarter

    def quarters(self) -> list["Period"]:
        """The quarters of a financial year."""
        return [Period.quarter(self.first_year, q) for q in range(1, 5)]

    def year_earlier(self) -> "Period":
        """The same stretch of the financial year, a year before."""
        if self.kind == "month":
            return Period.month(self.first_year - 1, (self.start.month - 4) % 12 + 1)
        if self.kind == "range":
            return Period.between(add_months(self.start, -12), add_months(self.end, -12))
        if self.kind in ("year", "years"):
            return Period.years(self.start.year - 1, self.end.year - self.start.year)
        if self.kind == "half":
            return Period.half(self.first_year - 1, 1 if self.start.month == 4 else 2)
        quarter = Period.quarter(financial_year_of(self.end) - 1, self.quarter_number)
        return Period.r12(quarter) if self.kind == "r12" else quarter

    def quarters_to(self, count: int) -> list["Period"]:
        """`count` consecutive quarters, oldest first, ending with the one containing the end."""
        quarters = [Period.quarter_of(self.end)]
        while len(quarters) < count:
            quarters.insert(0, quarters[0].previous())
        return quarters

    def years_to(self, count: int) -> list["Period"]:
        """`count` consecutive financial years, oldest first, ending with the one containing the
        end."""
        last = financial_year_of(self.end)
        return [Period.years(year) for year in range(last - count + 1, last + 1)]

    def split_at(self, day: date) -> tuple["Period", "Period"] | None:
        """The days before `day` and the days from it on, when `day` falls inside the period
        after its first day (a go-live date splitting a year); else None."""
        if not self.start < day <= self.end:
            return None
        before = Period.between(self.start, date.fromordinal(day.toordinal() - 1))
        return before, Period.between(day, self.end)

    def __str__(self) -> str:
        return self.label
