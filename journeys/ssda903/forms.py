from django import forms

from journeys.ssda903.uploads import return_year_problem


class ReturnYearForm(forms.Form):
    """An LA (of those in the user's scope) and a collection year."""

    la = forms.ModelChoiceField(
        queryset=None, label="Local authority", to_field_name="code", empty_label=None
    )
    year = forms.CharField(
        label="Collection year", help_text="The financial year, for example 2024-25"
    )

    def __init__(self, *args, las, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["la"].queryset = las

    def clean_year(self) -> str:
        year = self.cleaned_data["year"].strip()
        if problem := return_year_problem(year):
            raise forms.ValidationError(problem)
        return year
