"""Django forms render in GOV.UK Design System markup (templates/forms/)."""

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
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
    """Run a service call (`write`); on a refusal put its reasons on the form, each on the field
    it names (renamed through `field_names`) or on the form as a whole, and return None."""
    try:
        return write()
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
        for field, reasons in errors.items():
            field = (field_names or {}).get(field, field)
            for reason in reasons:
                form.add_error(field if field in form.fields else None, reason)
        return None
