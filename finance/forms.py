"""The form of the money page: a hub's budget and outturn for a financial year."""

from django import forms

from core.dates import is_financial_year
from finance.models import NOT_A_FINANCIAL_YEAR

MONEY = {"min_value": 0, "max_digits": 12, "decimal_places": 2}


class HubBudgetForm(forms.Form):
    hub = forms.ModelChoiceField(None, label="Hub", empty_label=None)
    financial_year = forms.CharField(
        label="Financial year", max_length=7, help_text="For example, 2025-26"
    )
    budget = forms.DecimalField(label="Budget (£)", **MONEY)
    outturn = forms.DecimalField(
        label="Outturn (£)",
        required=False,
        help_text="What the hub spent in the year. Leave blank until the year is closed.",
        **MONEY,
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, hubs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs

    def clean_financial_year(self) -> str:
        text = self.cleaned_data["financial_year"].strip()
        if not is_financial_year(text):
            raise forms.ValidationError(NOT_A_FINANCIAL_YEAR)
        return text
