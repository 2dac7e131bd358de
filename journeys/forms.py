from django import forms
from django.db.models import Q
from django.utils.text import capfirst

from agencies.models import Hub, LocalAuthority
from journeys.selectors import PIPELINE_STAGES


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


class AdopterFilterForm(forms.Form):
    """The adopters page's filters; every one optional."""

    stage = forms.ChoiceField(
        label="Stage",
        required=False,
        choices=[("", "Every stage"), *((stage, capfirst(stage)) for stage in PIPELINE_STAGES)],
    )
    hub = forms.ModelChoiceField(
        Hub.objects.none(), label="Hub", required=False, empty_label="Every hub"
    )
    overdue = forms.BooleanField(label="Stage 1 or Stage 2 overdue", required=False)
    early_permanence = forms.BooleanField(label="Can offer early permanence", required=False)

    def __init__(self, *args, hubs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs

    def apply(self, households):
        """The households that meet the chosen filters (all of them if the form is not valid)."""
        if not self.is_valid():
            return households
        data = self.cleaned_data
        if data["stage"]:
            households = households.filter(pipeline_stage=data["stage"])
        if data["hub"]:
            households = households.filter(la__hub=data["hub"])
        if data["overdue"]:
            households = households.filter(Q(stage1_overdue=True) | Q(stage2_overdue=True))
        if data["early_permanence"]:
            households = households.filter(early_permanence=True)
        return households
