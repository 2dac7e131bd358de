"""Forms of the support pages: referrals, assessments and Adoption Support Fund applications."""

from django import forms

from journeys.casework_forms import date_field
from support.models import ContactArrangement, SupportGroup, SupportReferral, TherapyType

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
    family = forms.TypedChoiceField(
        label="Who asked for support",
        choices=SupportReferral.Family.choices,
        required=False,
        empty_value=SupportReferral.Family.ADOPTIVE,
        initial=SupportReferral.Family.ADOPTIVE,
    )
    via_advice_line = forms.BooleanField(label="Came through the advice line", required=False)
    summary = forms.CharField(
        label="What the family asked for", widget=forms.Textarea, required=False
    )
    follow_up_needed = forms.BooleanField(label="A follow-up is needed", required=False)

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
    plan_agreed = date_field("Date the support plan was agreed", required=False)
    plan_review_due = date_field(
        "Date the plan's next review is due",
        required=False,
        help_text="After a review, give the date of the next one.",
    )
    plan_reviewed = date_field("Date the plan was last reviewed", required=False)


class FollowUpForm(forms.Form):
    followed_up = date_field("Date of the follow-up")


class ContactArrangementForm(forms.Form):
    la = forms.ModelChoiceField(None, label="Local authority", empty_label=None)
    child_reference = forms.CharField(label="Child's LA reference", max_length=50)
    kind = forms.ChoiceField(label="Kind of contact", choices=ContactArrangement.Kind.choices)
    with_whom = forms.CharField(label="With whom", max_length=200)
    frequency = forms.CharField(label="How often", max_length=100, required=False)
    started = date_field("Date the arrangement started")

    def __init__(self, *args, las, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["la"].queryset = las


class ContactExchangeForm(forms.Form):
    exchanged = date_field("Date of the exchange")
    notes = forms.CharField(label="Notes", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class SupportGroupForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    kind = forms.ChoiceField(label="Kind", choices=SupportGroup.Kind.choices)
    provider = forms.CharField(
        label="Provider",
        max_length=200,
        required=False,
        help_text="Leave blank if the RAA runs it.",
    )
    family = forms.ChoiceField(label="For whom", choices=SupportReferral.Family.choices)


class GroupSessionForm(forms.Form):
    held = date_field("Date of the session")
    attended = forms.IntegerField(label="People who came", min_value=0)


class FundApplicationForm(forms.Form):
    therapy_type = forms.ChoiceField(label="Therapy or assessment", choices=TherapyType.choices)
    specialist_assessment = forms.BooleanField(label="A specialist assessment", required=False)
    provider = forms.CharField(label="Provider", max_length=200)
    amount_applied = forms.DecimalField(
        label="Amount applied for (£)", min_value=0, max_digits=9, decimal_places=2
    )
    match_funding = forms.DecimalField(
        label="Match funding from the agency (£)",
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        help_text="Leave blank when there is none.",
    )
    submitted = date_field(
        "Date submitted", help_text="The financial year of the application comes from this date."
    )
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
