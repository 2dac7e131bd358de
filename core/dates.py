"""Calendar arithmetic shared by every app."""

import calendar
import re
from datetime import date


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later (or earlier), clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


_FINANCIAL_YEAR = re.compile(r"^(?P<first>\d{4})-(?P<last>\d{2})$")


def is_financial_year(text: str) -> bool:
    """Whether `text` names one financial year, as 2021-22 (docs/indicators.md §1)."""
    match = _FINANCIAL_YEAR.match((text or "").strip())
    return bool(match) and (int(match["last"]) - int(match["first"])) % 100 == 1
