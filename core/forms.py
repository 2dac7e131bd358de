"""Django forms render in GOV.UK Design System markup (templates/forms/)."""

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class SignInForm(AuthenticationForm):
    """Django's sign-in form without autofocus, so that the skip link stays the first stop for
    keyboard and screen-reader users (GOV.UK guidance)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.pop("autofocus", None)


def service_form_save(form, write, field_names: dict | None = None):
    """Run a service call (`write`); on a refusal put its reasons on the form (see
    add_service_errors) and return None."""
    try:
        return write()
    except ValidationError as error:
        add_service_errors(form, error, field_names=field_names)
        return None


def add_service_errors(
    form,
    error: ValidationError,
    *,
    field_names: dict | None = None,
    prefix: str = "",
    on_fields: bool = True,
    label=None,
) -> None:
    """Put a service's refusal on a form: each reason on the field it names (renamed through
    `field_names`), or on the form as a whole when the form has no such field or `on_fields` is
    false; there `label(field)`, if given, names the field. `prefix` starts every reason."""
    errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for name, reasons in errors.items():
        field = (field_names or {}).get(name, name)
        target = field if on_fields and field in form.fields else None
        for reason in reasons:
            if target is None and label and field not in (None, NON_FIELD_ERRORS):
                reason = f"{label(field)}: {reason}"
            form.add_error(target, prefix + reason)
