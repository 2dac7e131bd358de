"""Dates that can be true: a date entered for something that happened is not in the future and,
for a child's records, not before the child's birth.

Model clean() methods call `check_dates_possible`, so pages, the API and any import that
validates through full_clean() refuse the same dates with the same reasons; an import that builds
rows of its own can call `date_problems` on each row.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst

IN_FUTURE = "{field} ({value}) cannot be in the future."
BEFORE_BIRTH = "{field} ({value}) cannot be before the child's date of birth ({born})."


def _label(obj, name: str) -> str:
    return capfirst(str(obj._meta.get_field(name).verbose_name))


def date_problems(
    values: dict[str, date | None],
    *,
    labels: dict[str, str],
    born: date | None = None,
    today: date | None = None,
) -> dict[str, str]:
    """For each named date that cannot be true (after `today`, or before `born`), the reason."""
    today = today or timezone.localdate()
    problems = {}
    for name, value in values.items():
        if value is None:
            continue
        label = labels.get(name, name)
        if value > today:
            problems[name] = IN_FUTURE.format(field=label, value=value.isoformat())
        elif born is not None and value < born:
            problems[name] = BEFORE_BIRTH.format(
                field=label, value=value.isoformat(), born=born.isoformat()
            )
    return problems


def check_dates_possible(obj, fields: Iterable[str], *, born: date | None = None) -> None:
    """Raise a ValidationError naming each of `obj`'s `fields` whose date cannot be true."""
    fields = list(fields)
    problems = date_problems(
        {name: getattr(obj, name) for name in fields},
        labels={name: _label(obj, name) for name in fields},
        born=born,
    )
    if problems:
        raise ValidationError(
            {
                name: ValidationError(reason, code="impossible_date")
                for name, reason in problems.items()
            }
        )
