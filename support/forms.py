"""Forms of the support pages: referrals, assessments and Adoption Support Fund applications."""

from django import forms

from journeys.casework_forms import date_field
from support.models import financial_year_validator

CHILD_NOT_FOUND = "No child with this reference in {la}"
CONFIRM_LABEL = "I understand this passes the fair access limit"


class ReferralForm(forms.Form):
    la = forms.ModelChoiceField(None, label="Local authority", empty_label=None)
    referred = date_field("Date of the referral")
    child_reference = forms.CharField(
        label="Child's LA reference",
        required=False,
        max_length=50,
        help_text="Leave blank for a referral about the family as a whole.",
    )
    via_advice_line = forms.BooleanField(label="Came through the advice line", required=False)
    summary = forms.CharField(
        label="What the family asked for", widget=forms.Textarea, required=False
    )

    def __init__(self, *args, las, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["la"].queryset = las


class AssessmentForm(forms.Form):
    started = date_field("Date the assessment started")
    completed = date_field("Date the assessment was completed", required=False)
    needs_identified = forms.CharField(
        label="Needs identified", widget=forms.Textarea, required=False
    )
    support_plan = forms.CharField(label="Support plan", widget=forms.Textarea, required=False)


class FundApplicationForm(forms.Form):
    financial_year = forms.CharField(
        label="Financial year",
        max_length=7,
        validators=[financial_year_validator],
        help_text="For example, 2026-27",
    )
    therapy_type = forms.CharField(label="Therapy or assessment", max_length=100)
    specialist_assessment = forms.BooleanField(label="A specialist assessment", required=False)
    provider = forms.CharField(label="Provider", max_length=200)
    amount_applied = forms.DecimalField(
        label="Amount applied for (£)", min_value=0, max_digits=9, decimal_places=2
    )
    submitted = date_field("Date submitted")
    confirm_over_limit = forms.BooleanField(label=CONFIRM_LABEL, required=False)


class FundDecisionForm(forms.Form):
    decided = date_field("Date of the Fund's decision")
    approved = forms.DecimalField(
        label="Amount approved (£)",
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        help_text="Leave blank if the Fund declined the application.",
    )
    confirm_over_limit = forms.BooleanField(label=CONFIRM_LABEL, required=False)
