from django import forms

from agencies.models import LocalAuthority


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        return (
            [single(item, initial) for item in data]
            if isinstance(data, list | tuple)
            else [single(data, initial)]
        )


class Ssda903UploadForm(forms.Form):
    la = forms.ModelChoiceField(
        LocalAuthority.objects.none(), label="Local authority", to_field_name="code"
    )
    year = forms.RegexField(
        r"^\d{4}-\d{2}$",
        label="Year of the return",
        help_text="The financial year, for example 2022-23",
        error_messages={"invalid": "Enter the year like 2022-23"},
    )
    files = MultipleFileField(
        label="Files of the return",
        help_text="The return's CSV files, its XML file, or a zip of either",
    )

    def __init__(self, *args, las, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["la"].queryset = las
