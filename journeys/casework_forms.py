"""Forms for a child's journey: each one step a family finder records (journeys/casework.py).

Every date is a GOV.UK date input (day, month, year). A form for a child in a sibling group
offers the step for the brothers and sisters too (`siblings`), recorded together or not at all.
"""

from django import forms

from core.date_input import GovukDateField
from journeys.models import (
    HOUSEHOLD_DATES,
    HOUSEHOLD_STAGE_FIELDS,
    AdopterHousehold,
    AdopterSource,
    DelayReason,
    EarlyPermanence,
    Journey,
    PlanCeasedReason,
)
from journeys.selectors import DISRUPTION_LEARNING_FIELDS, latest_disruption

LEARNING_HELP = "What the meeting found, and what the agency will do differently."


def date_field(label: str, *, required: bool = True, help_text: str = "") -> GovukDateField:
    return GovukDateField(label=label, required=required, help_text=help_text)


class JourneyStepForm(forms.Form):
    """A step on one journey, offered for the open journeys of the child's siblings too."""

    siblings = forms.ModelMultipleChoiceField(
        Journey.objects.none(),
        required=False,
        label="Record the same for their brothers and sisters",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, journey: Journey, siblings, **kwargs):
        super().__init__(*args, **kwargs)
        self.journey = journey
        if siblings.exists():
            self.fields["siblings"].queryset = siblings
            self.fields["siblings"].label_from_instance = lambda j: (
                f"{j.child.la_child_id} (born {j.child.date_of_birth:%-d %B %Y})"
            )
        else:
            del self.fields["siblings"]


class DecisionForm(JourneyStepForm):
    decided = date_field("Date of the decision", help_text="The agency decision maker's decision.")


class PlacementOrderForm(JourneyStepForm):
    granted = date_field("Date the placement order was granted")


class LinkForm(JourneyStepForm):
    household = forms.ModelChoiceField(
        None,
        label="Household",
        empty_label="Choose a household",
        error_messages={"required": "Choose the household to link"},
    )
    linked = date_field("Date of the link")

    def __init__(self, *args, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households


class MatchForm(JourneyStepForm):
    household = forms.ModelChoiceField(
        None,
        label="Household",
        empty_label="Choose a linked household",
        error_messages={"required": "Choose the household the child is matched with"},
    )
    matched = date_field("Date of the match decision")

    def __init__(self, *args, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households


class PlacementForm(JourneyStepForm):
    placed = date_field("Date placed for adoption")
    moved_in = date_field(
        "Date the child moved in with the carers",
        required=False,
        help_text="Only if earlier than the placement: foster carers who adopt, or early "
        "permanence.",
    )
    source = forms.ChoiceField(
        label="Where the adopters were approved",
        choices=[("", "As the household's approving agency says"), *AdopterSource.choices],
        required=False,
    )
    early_permanence = forms.ChoiceField(
        label="Early permanence", choices=EarlyPermanence, required=False
    )
    inter_agency_fee = forms.DecimalField(
        label="Inter-agency fee (£)", required=False, min_value=0, max_digits=9, decimal_places=2
    )


class DisruptionForm(JourneyStepForm):
    ended = date_field("Date the placement ended")
    reason = forms.CharField(label="Why it ended", widget=forms.Textarea, required=False)
    meeting = date_field("Date of the disruption meeting", required=False)
    chair = forms.CharField(label="Who chaired the meeting", max_length=200, required=False)
    chair_independent = forms.BooleanField(
        label="The chair was independent of the case", required=False
    )
    learning = forms.CharField(label="Learning", widget=forms.Textarea, required=False)


class DisruptionLearningForm(JourneyStepForm):
    """The disruption meeting, its chair, the report and the learning, for the journey's latest
    disruption (shown as recorded so far)."""

    meeting = date_field("Date of the disruption meeting", required=False)
    chair = forms.CharField(label="Who chaired the meeting", max_length=200, required=False)
    chair_independent = forms.BooleanField(
        label="The chair was independent of the case", required=False
    )
    report_received = date_field("Date the disruption report was received", required=False)
    learning = forms.CharField(
        label="Learning", widget=forms.Textarea, required=False, help_text=LEARNING_HELP
    )

    def __init__(self, *args, journey: Journey, **kwargs):
        super().__init__(*args, journey=journey, **kwargs)
        latest = latest_disruption(journey)
        if latest is not None:
            for name in DISRUPTION_LEARNING_FIELDS:
                self.fields[name].initial = getattr(latest, name)


class ApplicationForm(JourneyStepForm):
    applied = date_field("Date of the adoption application")


class OrderForm(JourneyStepForm):
    granted = date_field("Date the adoption order was granted")


class PlanCeasedForm(JourneyStepForm):
    decided = date_field("Date the adoption plan ended")
    reason = forms.ChoiceField(
        label="Reason",
        choices=[("", "Choose a reason"), *PlanCeasedReason.choices],
        error_messages={"required": "Choose the reason the plan ended"},
    )


class NoteForm(JourneyStepForm):
    recorded_on = date_field("Date")
    delay_reason = forms.ChoiceField(
        label="Reason for delay, if any",
        choices=[("", "No delay"), *DelayReason.choices],
        required=False,
    )
    text = forms.CharField(label="Note", widget=forms.Textarea)


class HouseholdForm(forms.ModelForm):
    """A household's stages and what it can consider; saved by household_update."""

    class Meta:
        model = AdopterHousehold
        fields = HOUSEHOLD_STAGE_FIELDS
        field_classes = {name: GovukDateField for name in HOUSEHOLD_DATES}
        help_texts = {
            "stage1_extension_reason": "Why Stage 1 is taking longer than two months, if it is.",
            "stage2_extension_reason": "Why Stage 2 is taking longer than four months, if it is.",
        }


class HouseholdSearchForm(forms.Form):
    """What a household must be able to consider; it opens on the child's own profile."""

    age = forms.IntegerField(label="Child's age in years", min_value=0, max_value=17)
    children = forms.IntegerField(
        label="Children to place together",
        min_value=1,
        max_value=10,
        help_text="The child and the brothers and sisters to be placed with them.",
    )
    disability = forms.BooleanField(label="Must consider a disability", required=False)
    early_permanence = forms.BooleanField(label="Must offer early permanence", required=False)
    every_need = forms.BooleanField(label="Only households that meet every need", required=False)
