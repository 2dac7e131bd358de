"""Pages that start records: add a child (found first if already recorded), start a child's
journey, record an adopter household's enquiry. Each saves through its service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from agencies.models import LocalAuthority
from agencies.scoping import CHILDREN, HOUSEHOLDS, require_write
from core.forms import service_form_save
from journeys.selectors import child_list, child_possible_duplicates
from journeys.services import child_add, household_enquiry_record, journey_start
from journeys.start_forms import ChildAddForm, EnquiryForm, JourneyStartForm


def _las_written(user, area: str):
    access = require_write(user, area)
    las = LocalAuthority.objects.select_related("raa").order_by("name")
    return las if access.la_ids is None else las.filter(pk__in=access.la_ids)


@login_required
def child_add_page(request):
    """Add a child; one with the same LA reference, or name and date of birth, is shown first."""
    las = _las_written(request.user, CHILDREN)
    form = ChildAddForm(request.POST or None, las=las)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)  # a refusal takes its field out of cleaned_data
        child = service_form_save(form, lambda: child_add(user=request.user, via="page", **data))
        if child is not None:
            messages.success(request, f"Child {child.la_child_id} added: start their journey.")
            return redirect("journey-start", pk=child.pk)
        duplicates = child_possible_duplicates(
            user=request.user,
            first_name=data["first_name"],
            last_name=data["last_name"],
            date_of_birth=data["date_of_birth"],
        )
        if duplicates and "not_a_duplicate" in form.errors:
            errors = form.errors.copy()
            form = ChildAddForm(request.POST, las=las, ask_duplicate=True)
            form.is_valid()
            for field, reasons in errors.items():
                for reason in reasons:
                    form.add_error(field if field in form.fields else None, reason)
    return render(request, "journeys/child_add.html", {"form": form, "duplicates": duplicates})


@login_required
def journey_start_page(request, pk: int):
    """Start a child's adoption journey from the day they entered care."""
    child = get_object_or_404(child_list(user=request.user), pk=pk)
    require_write(request.user, CHILDREN, child.la_id)
    form = JourneyStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        journey = service_form_save(
            form,
            lambda: journey_start(user=request.user, child=child, via="page", **form.cleaned_data),
        )
        if journey is not None:
            messages.success(request, f"Journey of {child.la_child_id} started.")
            return redirect("journey-page", pk=journey.pk)
    open_journeys = child.journeys.filter(adoption_order__isnull=True, plan_ceased__isnull=True)
    return render(
        request,
        "journeys/journey_start.html",
        {"child": child, "form": form, "open_journey": open_journeys.first()},
    )


@login_required
def enquiry_page(request):
    """Record an adopter household's enquiry and how they heard of the agency."""
    las = _las_written(request.user, HOUSEHOLDS)
    form = EnquiryForm(request.POST or None, las=las)
    if request.method == "POST" and form.is_valid():
        household = service_form_save(
            form,
            lambda: household_enquiry_record(user=request.user, via="page", **form.cleaned_data),
        )
        if household is not None:
            messages.success(request, f"Enquiry from household {household} recorded.")
            return redirect("household-edit", pk=household.pk)
    return render(request, "journeys/enquiry.html", {"form": form})
