"""Django forms render in GOV.UK Design System markup (templates/forms/)."""

from django.contrib.auth.forms import AuthenticationForm
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
