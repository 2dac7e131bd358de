"""Forms of the panel pages: schedule a meeting, attendance, agenda items, recommendations and
agency decisions."""

from django import forms

from journeys.casework_forms import date_field
from panels.models import PanelItem, QuorumRule

DEFERRAL_NEEDS_REASON = "Give the reason the panel deferred the item"
ITEM_NEEDS_SUBJECT = "Choose the child or the household the item is about"
MATCH_NEEDS_BOTH = "Choose the child and the household of the match"
DECISION_NEEDS_CHOICE = "Choose what the agency decision maker decided"
# What an agency decision decides, in the words of the business before the panel.
DECISION_CHOICES = {
    PanelItem.BusinessType.ADOPTER_APPROVAL: (
        "Approve the household as adopters",
        "Do not approve the household",
    ),
    PanelItem.BusinessType.MATCH: (
        "Match the child with the household",
        "Do not make the match",
    ),
}
OTHER_DECISION = ("Decide as the panel proposed", "Decide against the proposal")


class MeetingForm(forms.Form):
    panel = forms.ModelChoiceField(None, label="Panel", empty_label=None)
    on = date_field("Date of the meeting")

    def __init__(self, *args, panels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = panels


class AttendanceForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        None,
        required=False,
        label="Members attending",
        help_text="The quorum is checked against the RAA's rule as soon as you save.",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members
        self.fields["members"].label_from_instance = lambda m: f"{m.name} ({m.get_role_display()})"


class ItemForm(forms.Form):
    business_type = forms.ChoiceField(label="Business", choices=PanelItem.BusinessType)
    journey = forms.ModelChoiceField(
        None, required=False, label="Child", empty_label="No child (a household's item)"
    )
    household = forms.ModelChoiceField(
        None, required=False, label="Household", empty_label="No household"
    )
    papers_received = date_field("Date the papers were received", required=False)

    def __init__(self, *args, journeys, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["journey"].queryset = journeys
        self.fields["journey"].label_from_instance = lambda j: str(j.child)
        self.fields["household"].queryset = households

    def clean(self):
        data = super().clean()
        if not data.get("journey") and not data.get("household"):
            raise forms.ValidationError(ITEM_NEEDS_SUBJECT)
        if data.get("business_type") == PanelItem.BusinessType.MATCH and not (
            data.get("journey") and data.get("household")
        ):
            raise forms.ValidationError(MATCH_NEEDS_BOTH)
        return data


class PapersForm(forms.Form):
    received = date_field("Date the papers were received")


class DeferralForm(forms.Form):
    to_meeting = forms.ModelChoiceField(
        None, label="Meeting that will hear the item", empty_label=None
    )
    reason = forms.CharField(
        label="Why the panel deferred the item",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": DEFERRAL_NEEDS_REASON},
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_meeting"].queryset = meetings
        self.fields["to_meeting"].label_from_instance = lambda m: (
            f"{m.panel.name}, {m.date:%-d %B %Y}"
        )


class RecommendationForm(forms.Form):
    """The panel's recommendation; a deferral is the deferral form's (it names the meeting)."""

    recommendation = forms.ChoiceField(
        label="Recommendation",
        choices=[
            (value, label)
            for value, label in PanelItem.Recommendation.choices
            if value and value != PanelItem.Recommendation.DEFERRED
        ],
    )
    reason = forms.CharField(
        label="The panel's reasons", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(forms.Form):
    decision_maker = forms.CharField(label="Agency decision maker", max_length=200)
    decided = date_field("Date of the decision")
    approves = forms.TypedChoiceField(
        label="Decision",
        coerce=lambda value: value == "yes",
        error_messages={"required": DECISION_NEEDS_CHOICE},
    )
    reason = forms.CharField(
        label="Reason, if the decision differs from the panel's recommendation",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, business_type: str, **kwargs):
        super().__init__(*args, **kwargs)
        yes, no = DECISION_CHOICES.get(business_type, OTHER_DECISION)
        self.fields["approves"].choices = [("", "Choose the decision"), ("yes", yes), ("no", no)]


class QuorumRuleForm(forms.ModelForm):
    class Meta:
        model = QuorumRule
        fields = [
            "min_members",
            "min_members_joint",
            "needs_chair_or_vice",
            "needs_social_worker",
            "needs_independent",
        ]
        labels = {
            "min_members": "Members needed",
            "min_members_joint": "Members needed at a joint panel",
            "needs_chair_or_vice": "The chair or a vice-chair must attend",
            "needs_social_worker": "A social worker with 3 years' experience must attend",
            "needs_independent": "An independent member must attend",
        }
