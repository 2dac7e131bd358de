"""Forms that start records: a child (with their sibling group), a child's journey, and an
adopter household's enquiry. Each is saved by its service (journeys/services.py)."""

from django import forms

from core.date_input import GovukDateField
from journeys.models import ETHNICITY_CHOICES, Child, EarlyPermanence, HeardFrom


class ChildAddForm(forms.Form):
    la = forms.ModelChoiceField(
        None,
        label="Local authority",
        empty_label="Choose the child's local authority",
        error_messages={"required": "Choose the local authority that looks after the child"},
    )
    la_child_id = forms.CharField(
        label="LA reference",
        max_length=50,
        help_text="The child's identifier in their local authority's records.",
        error_messages={"required": "Enter the child's LA reference"},
    )
    first_name = forms.CharField(label="First name", max_length=100, required=False)
    last_name = forms.CharField(label="Last name", max_length=100, required=False)
    date_of_birth = GovukDateField(label="Date of birth", help_text="For example, 27 3 2021")
    sex = forms.ChoiceField(
        label="Sex",
        choices=[("", "Choose"), *Child.Sex.choices],
        error_messages={"required": "Choose the child's sex"},
    )
    ethnicity = forms.ChoiceField(
        label="Ethnicity",
        choices=[("", "Choose"), *ETHNICITY_CHOICES],
        error_messages={"required": "Choose the child's ethnicity"},
    )
    disability = forms.BooleanField(label="The child has a disability", required=False)
    sibling_group_reference = forms.CharField(
        label="Sibling group reference, if any",
        max_length=50,
        required=False,
        help_text="Brothers and sisters to be placed together share one reference; an existing "
        "group of the LA is joined, a new one started.",
    )
    not_a_duplicate = forms.BooleanField(
        label="This is a different child from the one already recorded", required=False
    )

    def __init__(self, *args, las, ask_duplicate: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["la"].queryset = las
        if las.count() == 1:
            self.fields["la"].initial = las.first()
        if not ask_duplicate:
            self.fields["not_a_duplicate"].widget = forms.HiddenInput()


class JourneyStartForm(forms.Form):
    entered_care = GovukDateField(label="Date the child entered care")
    adm_decision = GovukDateField(
        label="Date of the decision that the child should be adopted",
        required=False,
        help_text="The agency decision maker's decision, if it has been made.",
    )
    early_permanence = forms.ChoiceField(
        label="Early permanence", choices=EarlyPermanence.choices, required=False
    )


class EnquiryForm(forms.Form):
    la = forms.ModelChoiceField(
        None,
        label="Local authority area",
        empty_label="Choose the area the household lives in",
        error_messages={"required": "Choose the area the household lives in"},
    )
    reference = forms.CharField(
        label="Household reference",
        max_length=50,
        error_messages={"required": "Enter the household's reference"},
    )
    enquiry = GovukDateField(label="Date of the enquiry")
    heard_from = forms.ChoiceField(
        label="How they heard of the agency",
        choices=[("", "Choose"), *HeardFrom.choices],
        error_messages={"required": "Choose how the household heard of the agency"},
    )
    heard_from_detail = forms.CharField(
        label="Which campaign, event or referrer",
        max_length=200,
        required=False,
    )
    number_of_adopters = forms.TypedChoiceField(
        label="Number of adopters",
        coerce=int,
        choices=[(1, "One"), (2, "Two")],
        initial=2,
    )

    def __init__(self, *args, las, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["la"].queryset = las
