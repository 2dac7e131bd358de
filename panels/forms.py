"""Forms of the panel pages: schedule a meeting, attendance, agenda items, recommendations and
agency decisions."""

from django import forms

from journeys.casework_forms import date_field
from panels.models import PanelItem, QuorumRule

DEFERRAL_NEEDS_REASON = "Give the reason the panel deferred the item"
ITEM_NEEDS_SUBJECT = "Choose the child or the household the item is about"


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
        return data


class RecommendationForm(forms.Form):
    recommendation = forms.ChoiceField(
        label="Recommendation",
        choices=[c for c in PanelItem.Recommendation.choices if c[0]],
    )
    reason = forms.CharField(
        label="Reason", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("recommendation") == PanelItem.Recommendation.DEFERRED and not data.get(
            "reason"
        ):
            self.add_error("reason", DEFERRAL_NEEDS_REASON)
        return data


class DecisionForm(forms.Form):
    decision_maker = forms.CharField(label="Agency decision maker", max_length=200)
    decided = date_field("Date of the decision")
    agreed = forms.BooleanField(
        label="The decision follows the panel's recommendation", required=False, initial=True
    )


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
