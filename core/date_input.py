"""The GOV.UK date input pattern (day, month and year boxes) for Django forms, in place of the
browser's date picker, whose format follows the browser's locale (mm/dd/yyyy in some).

A client that posts one ISO date under the field's own name (`2024-03-01`) is understood too.
"""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

PARTS = ("day", "month", "year")
MISSING_PART = "{label} must include a {parts}"
NOT_REAL = "{label} must be a real date"
REQUIRED = "Enter the {label}"


class GovukDateInput(forms.MultiWidget):
    """Three text boxes named `<name>_day`, `<name>_month` and `<name>_year`."""

    template_name = "forms/date_input.html"

    def __init__(self, attrs=None):
        def box(width: int):
            return forms.TextInput(
                attrs={
                    "class": f"govuk-input govuk-date-input__input govuk-input--width-{width}",
                    "inputmode": "numeric",
                }
            )

        super().__init__({"day": box(2), "month": box(2), "year": box(4)}, attrs)

    def id_for_label(self, id_):
        """The day box: where a label or the error summary takes the reader."""
        return f"{id_}_day" if id_ else ""

    def get_context(self, name, value, attrs):
        """Each box's id ends in its part (`id_born_day`), as its name does."""
        context = super().get_context(name, value, attrs)
        base = context["widget"]["attrs"].get("id")
        for part, box in zip(PARTS, context["widget"]["subwidgets"], strict=True):
            if base:
                box["attrs"]["id"] = f"{base}_{part}"
        return context

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value:
            try:
                return self.decompress(date.fromisoformat(value))
            except ValueError:
                pass
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        if data.get(name):
            return self.decompress(data.get(name)) if _iso(data.get(name)) else [data.get(name)]
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)


def _iso(value) -> bool:
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


class GovukDateField(forms.Field):
    """A date entered as day, month and year, with the GOV.UK error messages."""

    widget = GovukDateInput

    def __init__(self, *args, **kwargs):
        for unused in ("input_formats", "max_length"):
            kwargs.pop(unused, None)
        given = kwargs.get("error_messages") or {}
        super().__init__(*args, **kwargs)
        if "required" not in given:
            label = str(self.label or "date").lower()
            self.error_messages["required"] = REQUIRED.format(label=label)

    def to_python(self, value):
        if isinstance(value, date):
            return value
        parts = [str(part).strip() if part is not None else "" for part in (value or [])]
        if not any(parts):
            return None
        if len(parts) != 3:
            raise ValidationError(NOT_REAL.format(label=self.label or "Date"), code="invalid")
        missing = [name for name, part in zip(PARTS, parts, strict=True) if not part]
        if missing:
            raise ValidationError(
                MISSING_PART.format(label=self.label or "Date", parts=" and ".join(missing)),
                code="incomplete",
            )
        try:
            day, month, year = (int(part) for part in parts)
            if year < 1000:
                raise ValueError
            return date(year, month, day)
        except ValueError:
            raise ValidationError(
                NOT_REAL.format(label=self.label or "Date"), code="invalid"
            ) from None

    def prepare_value(self, value):
        return value
