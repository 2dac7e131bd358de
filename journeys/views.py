"""Pages: a child's journey and the steps recorded on it; SSDA903 imports and their progress."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, TooManyFilesSent, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import capfirst
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from agencies.audit import audited_list, audited_view
from agencies.models import Hub
from agencies.scoping import (
    CHILDREN,
    HOUSEHOLDS,
    IMPORTS,
    access_for,
    require_read,
    require_write,
)
from agencies.selectors import la_list
from core.forms import add_service_errors, service_form_save
from core.spreadsheets import csv_download
from indicators.calculations.states import adopters_waiting_at, journey_status
from journeys.casework import (
    STEPS,
    age_in_years,
    households_ranked,
    journey_next,
    journey_now,
    journey_steps,
    step_households,
)
from journeys.casework_forms import HouseholdForm, HouseholdSearchForm
from journeys.forms import AdopterFilterForm, Ssda903UploadForm
from journeys.models import ImportRecord, Journey
from journeys.selectors import (
    household_list,
    household_pipeline,
    import_record_list,
    journey_get,
    journey_list,
    journey_timeline,
    pipeline_counts,
    sibling_journeys,
)
from journeys.services import household_update, journey_step_record
from journeys.ssda903.selectors import (
    WARNINGS_CSV_HEADER,
    import_read_summary,
    import_warning_groups,
    import_warning_rows,
)
from journeys.ssda903.services import import_record_create, import_record_retry
from journeys.ssda903.uploads import (
    request_size_problem,
    too_many_files_sent,
    upload_limits,
)
from journeys.tasks import import_progress


@csrf_exempt  # the CSRF check reads the body: it runs in _import_upload, after the limits
@login_required
def import_upload(request):
    """Upload a return; the role and the request's size are checked before the body is read."""
    access = require_read(request.user, IMPORTS)
    if request.method == "POST":
        require_write(request.user, IMPORTS)
        if problem := request_size_problem(request.META.get("CONTENT_LENGTH")):
            return _import_upload_page(request, access, refused=problem)
        try:
            request.FILES  # noqa: B018 (parse the body here, where too many files is caught)
        except TooManyFilesSent:
            return _import_upload_page(request, access, refused=too_many_files_sent())
    return _import_upload(request, access)


@csrf_protect
def _import_upload(request, access):
    form = Ssda903UploadForm(
        request.POST or None, request.FILES or None, las=la_list(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            record = import_record_create(
                user=request.user,
                la=form.cleaned_data["la"],
                year=form.cleaned_data["year"],
                uploads=form.cleaned_data["files"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("ssda903-record", pk=record.pk)
    return _import_upload_page(request, access, form=form)


def _import_upload_page(request, access, *, form=None, refused: str = ""):
    if form is None:
        form = Ssda903UploadForm(las=la_list(user=request.user))
    records = import_record_list(user=request.user)[:20]
    return render(
        request,
        "journeys/import_upload.html",
        {"form": form, "records": records, "refused": refused, "limits": upload_limits()},
        status=400 if refused else 200,
    )


ADOPTERS_PER_PAGE = 50
IMPORT_QUEUED_AGAIN = "The import is queued again."


@login_required
def import_detail(request, pk: int):
    record = get_object_or_404(import_record_list(user=request.user), pk=pk)
    if request.method == "POST":
        try:
            import_record_retry(user=request.user, record=record)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, IMPORT_QUEUED_AGAIN)
        return redirect("ssda903-record", pk=record.pk)
    audited_view(record, user=request.user, la_id=record.la_id, via="page")
    return render(
        request,
        "journeys/import_detail.html",
        {
            "record": record,
            "summary": import_read_summary(record),
            "warning_groups": import_warning_groups(record),
            "progress": import_progress(record.pk),
            "running": record.status == ImportRecord.Status.QUEUED,
            "can_retry": access_for(request.user).can_write(IMPORTS),
        },
    )


@login_required
def import_warnings_csv(request, pk: int):
    """An import's warnings, grouped by check, as a CSV safe to open in a spreadsheet."""
    record = get_object_or_404(import_record_list(user=request.user), pk=pk)
    return csv_download(
        f"ssda903-{record.la.code}-{record.year}-import-{record.pk}-warnings.csv",
        WARNINGS_CSV_HEADER,
        import_warning_rows(record),
    )


@login_required
def child_search(request):
    """Children in scope, found by their LA reference, each with their latest journey."""
    query = request.GET.get("q", "").strip()
    journeys = journey_list(user=request.user).order_by("child__la__code", "child__la_child_id")
    if query:
        journeys = journeys.filter(child__la_child_id__icontains=query)
    page = Paginator(journeys, 50).get_page(request.GET.get("page"))
    audited_list("journey", [journey.pk for journey in page], user=request.user, via="page")
    can_add = access_for(request.user).can_write(CHILDREN)
    return render(
        request,
        "journeys/child_search.html",
        {"page": page, "query": query, "can_add": can_add},
    )


@login_required
def journey_detail(request, pk: int):
    """A child's journey: where the child is now and what comes next, the milestones in order
    (placements, disruptions, links and notes), and the steps that make sense now."""
    journey = journey_get(user=request.user, pk=pk)
    access = access_for(request.user)
    status = journey_status(journey)
    steps = journey_steps(journey, status) if access.can_write(CHILDREN) else ()
    return render(
        request,
        "journeys/journey_detail.html",
        {
            "journey": journey,
            "now": journey_now(journey, status),
            "next": journey_next(journey, status, timezone.localdate()),
            "events": journey_timeline(journey),
            "siblings": sibling_journeys(user=request.user, journey=journey),
            "steps": steps,
            # Households are searched to make a link, so only where a link is a step now.
            "finds_households": any(step.slug == "link" for step in steps),
        },
    )


@login_required
def journey_step(request, pk: int, slug: str):
    """Record one step of a journey (and, if chosen, of the siblings' journeys) through its
    service: all of them or none."""
    step = STEPS.get(slug)
    if step is None:
        raise Http404("No such step.")
    journey = journey_get(user=request.user, pk=pk)
    require_write(request.user, CHILDREN, journey.child.la_id)
    siblings = sibling_journeys(user=request.user, journey=journey)
    options = {"journey": journey, "siblings": siblings}
    if step.households:
        households = household_list(user=request.user)
        options["households"] = step_households(step, journey, households)
    form = step.form(request.POST or None, **options)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            children = journey_step_record(
                user=request.user,
                record=lambda user, each: step.record(user, each, data),
                journey=journey,
                siblings=list(data.get("siblings", [])),
                on_refusal=lambda each, error: _refusal_on_form(step, form, journey, each, error),
            )
        except ValidationError as error:
            if not form.errors:  # refused before any step ran (not a sibling)
                form.add_error(None, " ".join(error.messages))
        else:
            messages.success(
                request, f"{step.title}: saved for {children} child{'ren' * (children > 1)}."
            )
            return redirect("journey-page", pk=journey.pk)
    return render(
        request, "journeys/journey_step.html", {"journey": journey, "step": step, "form": form}
    )


def _refusal_on_form(step, form, journey, refused, error) -> None:
    """Put a step's refusal on the form (named for the sibling whose journey refused)."""
    first = refused == journey
    add_service_errors(
        form,
        error,
        field_names=step.fields,
        prefix="" if first else f"For {refused.child.la_child_id}: ",
        on_fields=first,
        label=lambda field: _label(form, field),
    )


def _label(form, field: str) -> str:
    if field in form.fields:
        return form.fields[field].label
    try:
        return capfirst(Journey._meta.get_field(field).verbose_name)
    except FieldDoesNotExist:
        return field


@login_required
def household_search(request, pk: int):
    """Approved households waiting, ranked against the child's needs, with the reasons."""
    journey = journey_get(user=request.user, pk=pk)
    child = journey.child
    today = timezone.localdate()
    profile = {
        "age": age_in_years(child.date_of_birth, today),
        "children": 1 + sibling_journeys(user=request.user, journey=journey).count(),
        "disability": child.disability,
        "early_permanence": journey.placement_order is None,
    }
    form = HouseholdSearchForm(request.GET or None, initial=profile)
    needs = profile
    if form.is_bound and form.is_valid():
        needs = {name: form.cleaned_data[name] for name in profile}
    waiting = household_list(user=request.user).filter(adopters_waiting_at(today))
    fits = households_ranked(waiting, **needs)
    if form.is_bound and form.is_valid() and form.cleaned_data["every_need"]:
        fits = [fit for fit in fits if fit.meets_every_need]
    return render(
        request,
        "journeys/household_search.html",
        {
            "journey": journey,
            "form": form,
            "fits": fits,
            "can_link": access_for(request.user).can_write(CHILDREN),
        },
    )


@login_required
def adopter_pipeline(request):
    """The RAA's own households, counted by stage, filtered and paged, with the statutory clocks
    and any recorded reason for extension."""
    households = household_pipeline(user=request.user, on=timezone.localdate())
    access = access_for(request.user)
    hubs = Hub.objects.filter(pk__in=households.values("la__hub")).order_by("name")
    form = AdopterFilterForm(request.GET or None, hubs=hubs)
    chosen = form.apply(households).order_by("registration", "enquiry", "reference")
    page = Paginator(chosen, ADOPTERS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "journeys/adopter_pipeline.html",
        {
            "counts": pipeline_counts(households),
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_write": access.can_write(HOUSEHOLDS),
        },
    )


@login_required
def household_edit(request, pk: int):
    """Move a household on through its stages, or change what it can consider."""
    household = get_object_or_404(household_list(user=request.user), pk=pk)
    if request.method == "POST":
        require_write(request.user, HOUSEHOLDS, household.la_id)
    form = HouseholdForm(request.POST or None, instance=household)
    if request.method == "POST" and form.is_valid():
        fresh = get_object_or_404(household_list(user=request.user), pk=pk)
        saved = service_form_save(
            form,
            lambda: household_update(user=request.user, household=fresh, **form.cleaned_data),
        )
        if saved:
            messages.success(request, f"Household {saved} saved. Stage: {saved.stage_label}.")
            return redirect("adopter-pipeline")
    return render(request, "journeys/household_edit.html", {"household": household, "form": form})
