"""GOV.UK Design System markup for Django form widgets (templates/forms/field.html)."""

from django import template

from core.money import money_text

register = template.Library()

# Django widget type -> the GOV.UK class of the control (its error modifier adds `--error`).
CONTROL_CLASS = {
    "text": "govuk-input",
    "number": "govuk-input",
    "email": "govuk-input",
    "password": "govuk-input",
    "date": "govuk-input",
    "url": "govuk-input",
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "file": "govuk-file-upload",
    "clearablefile": "govuk-file-upload",
    "multiplefile": "govuk-file-upload",
    "checkbox": "govuk-checkboxes__input",
}


@register.simple_tag
def govuk_control(field):
    """The field's widget with its GOV.UK class and the ids of its hint and error message."""
    css = CONTROL_CLASS.get(field.widget_type, "")
    if field.errors and css and field.widget_type != "checkbox":
        css += f" {css}--error"
    if field.widget_type == "date":
        css += " govuk-input--width-10"
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    if field.widget_type == "govukdate":  # the boxes keep their own classes
        return field.as_widget(attrs={"error": "error"} if field.errors else {})
    attrs = {"class": " ".join(filter(None, [css, field.field.widget.attrs.get("class")]))}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter
def money(value) -> str:
    """An amount as £1,800.00 (core/money.py), the one way money is shown."""
    return money_text(value)
