"""Forms of the recruitment page: information events, initial visits, preparation courses."""

from django import forms

from journeys.casework_forms import date_field
from recruitment.models import InformationEvent


class InformationEventForm(forms.Form):
    held = date_field("Date of the event")
    format = forms.ChoiceField(
        label="How it was held",
        choices=[("", "Choose how it was held"), *InformationEvent.Format.choices],
        error_messages={"required": "Say whether the event was in person or online"},
    )
    title = forms.CharField(label="Name of the event", max_length=200, required=False)
    hub = forms.ModelChoiceField(None, label="Hub", required=False, empty_label="The whole RAA")
    attendance = forms.IntegerField(label="Number of people who attended", min_value=0)

    def __init__(self, *args, hubs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs


class InitialVisitForm(forms.Form):
    household = forms.ModelChoiceField(
        None,
        label="Household",
        empty_label="Choose a household",
        error_messages={"required": "Choose the household that was visited"},
    )
    visited = date_field("Date of the visit")

    def __init__(self, *args, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households


class PreparationCourseForm(forms.Form):
    title = forms.CharField(label="Name of the course", max_length=200, required=False)
    starts = date_field("First day of the course")
    ends = date_field("Last day of the course")
    hub = forms.ModelChoiceField(None, label="Hub", required=False, empty_label="The whole RAA")
    attendees = forms.ModelMultipleChoiceField(
        None,
        label="Households that attended",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, hubs, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs
        self.fields["attendees"].queryset = households
