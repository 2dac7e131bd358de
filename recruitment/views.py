"""The recruitment page: an RAA's information events, initial visits and preparation courses,
with a form to record each. Writes go through recruitment/services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from agencies.models import Hub, RegionalAdoptionAgency
from agencies.scoping import RECRUITMENT, require_read, require_write
from core.forms import service_form_save
from recruitment import services
from recruitment.forms import InformationEventForm, InitialVisitForm, PreparationCourseForm
from recruitment.selectors import (
    information_event_list,
    initial_visit_list,
    preparation_course_list,
    recruitable_household_list,
)

NO_RAA = "Recording recruitment needs a role in an RAA."
SAVED = {
    "event": "Information event recorded.",
    "visit": "Initial visit recorded.",
    "course": "Preparation course recorded.",
}
RECENT = 30


@login_required
def recruitment(request):
    """Recent events, visits and courses of the user's RAA, and the forms to record them."""
    access = require_read(request.user, RECRUITMENT)
    posted = request.POST.get("form") if request.method == "POST" else None
    if posted and not access.can_write(RECRUITMENT):
        require_write(request.user, RECRUITMENT)
    raa = RegionalAdoptionAgency.objects.filter(pk=access.raa_id).first()
    forms = {}
    if access.can_write(RECRUITMENT) and raa is not None:
        hubs = Hub.objects.filter(raa=raa)
        households = recruitable_household_list(user=request.user)

        def bound(name):
            return request.POST if posted == name else None

        forms = {
            "event": InformationEventForm(bound("event"), prefix="event", hubs=hubs),
            "visit": InitialVisitForm(bound("visit"), prefix="visit", households=households),
            "course": PreparationCourseForm(
                bound("course"), prefix="course", hubs=hubs, households=households
            ),
        }
    valid = posted in forms and forms[posted].is_valid()
    if valid and _save(request.user, raa, posted, forms[posted]):
        messages.success(request, SAVED[posted])
        return redirect("recruitment")
    return render(
        request,
        "recruitment/recruitment.html",
        {
            "raa": raa,
            "events": information_event_list(user=request.user)[:RECENT],
            "visits": initial_visit_list(user=request.user)[:RECENT],
            "courses": preparation_course_list(user=request.user)[:RECENT],
            "forms": forms,
            "form": forms.get(posted),
            "posted": posted,
            "can_write": bool(forms),
            "no_raa": NO_RAA if access.can_write(RECRUITMENT) and raa is None else "",
        },
    )


def _save(user, raa, posted: str, form) -> bool:
    data = dict(form.cleaned_data)
    if posted == "event":
        write = lambda: services.information_event_create(  # noqa: E731
            user=user, raa=raa, via="page", **data
        )
    elif posted == "visit":
        write = lambda: services.initial_visit_record(user=user, via="page", **data)  # noqa: E731
    else:
        write = lambda: services.preparation_course_create(  # noqa: E731
            user=user, raa=raa, via="page", **data
        )
    return service_form_save(form, write) is not None
