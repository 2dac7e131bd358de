"""Django forms render in GOV.UK Design System markup (templates/forms/)."""

from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
