"""Panel pages: the calendar of meetings, and each meeting's attendance, agenda, recommendations
and agency decisions. Every change goes through panels/services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from agencies.audit import audited_list
from agencies.models import RegionalAdoptionAgency
from agencies.scoping import PANELS, SETTINGS, access_for, require_write
from core.dates import add_months
from core.forms import service_form_save
from indicators.calculations.states import DECISION_DUE_WORKING_DAYS, decision_late
from journeys.selectors import household_list
from panels import services
from panels.forms import (
    AttendanceForm,
    DecisionForm,
    DeferralForm,
    ItemForm,
    MeetingForm,
    PapersForm,
    QuorumRuleForm,
    RecommendationForm,
)
from panels.models import AgencyDecision, QuorumRule
from panels.selectors import (
    agenda_journey_list,
    later_meetings,
    meeting_agenda,
    meeting_list,
    months_without_meeting,
    panel_list,
)

CALENDAR_MONTHS = 12


@login_required
def calendar(request):
    """Meetings of the past year and to come, the months a panel did not meet, and a form to
    schedule a meeting."""
    panels = panel_list(user=request.user).order_by("name")
    today = timezone.localdate()
    since = add_months(today.replace(day=1), -CALENDAR_MONTHS + 1)
    meetings = list(meeting_list(user=request.user).filter(date__gte=since).order_by("date"))
    access = access_for(request.user)
    can_write = access.can_write(PANELS)
    form = MeetingForm(request.POST or None, panels=panels) if can_write else None
    if request.method == "POST":
        if form is None:
            require_write(request.user, PANELS)
        if form.is_valid():
            meeting = service_form_save(
                form,
                lambda: services.meeting_schedule(
                    user=request.user, panel=form.cleaned_data["panel"], on=form.cleaned_data["on"]
                ),
                {"date": "on"},
            )
            if meeting:
                messages.success(request, f"Meeting on {meeting.date:%-d %B %Y} scheduled.")
                return redirect("panel-meeting", pk=meeting.pk)
    gaps = months_without_meeting(
        panels=panels,
        meetings=meetings,
        first=since,
        last=min(today, since.replace(year=since.year + 1)),
    )
    return render(
        request,
        "panels/calendar.html",
        {
            "meetings": meetings,
            "gaps": gaps,
            "form": form,
            "today": today,
            "can_set_quorum": access.can_write(SETTINGS) and not access.is_superuser,
        },
    )


@login_required
def meeting(request, pk: int):
    """A meeting: the quorum check, attendance, agenda items, recommendations and decisions."""
    meeting = get_object_or_404(meeting_list(user=request.user), pk=pk)
    items = meeting_agenda(user=request.user, meeting=meeting)
    audited_list(
        "journey",
        [item.journey_id for item in items if item.journey_id and item.child_visible],
        user=request.user,
        via="page",
    )
    access = access_for(request.user)
    can_write = access.can_write(PANELS)
    posted = request.POST.get("form") if request.method == "POST" else None
    if posted and not can_write:
        require_write(request.user, PANELS)

    def bound(prefix):
        return request.POST if posted == prefix else None

    members = meeting.panel.members.filter(active=True).order_by("role", "name")
    attendance = AttendanceForm(
        bound("attendance"),
        prefix="attendance",
        members=members,
        initial={"members": list(meeting.attendees.all())},
    )
    item_form = ItemForm(
        bound("item"),
        prefix="item",
        journeys=agenda_journey_list(user=request.user).filter(child__la__raa=meeting.panel.raa_id),
        households=household_list(user=request.user),
    )
    later = later_meetings(user=request.user, meeting=meeting)
    rows = []
    for item in items:
        rows.append(
            {
                "item": item,
                "papers": PapersForm(bound(f"papers-{item.pk}"), prefix=f"papers-{item.pk}"),
                "recommendation": RecommendationForm(
                    bound(f"rec-{item.pk}"), prefix=f"rec-{item.pk}"
                ),
                "deferral": DeferralForm(
                    bound(f"defer-{item.pk}"), prefix=f"defer-{item.pk}", meetings=later
                ),
                "decision": DecisionForm(
                    bound(f"dec-{item.pk}"),
                    prefix=f"dec-{item.pk}",
                    business_type=item.business_type,
                ),
                "undo": Form(bound(f"undo-{item.pk}"), prefix=f"undo-{item.pk}"),
            }
        )

    if posted:
        saved = _handle(request, meeting, posted, attendance, item_form, rows)
        if saved:
            messages.success(request, saved)
            return redirect("panel-meeting", pk=meeting.pk)
    return render(
        request,
        "panels/meeting.html",
        {
            "meeting": meeting,
            "quorum": services.quorum_check(meeting=meeting),
            "attendance": attendance,
            "item_form": item_form,
            "rows": rows,
            "can_write": can_write,
            "due_days": DECISION_DUE_WORKING_DAYS,
            "form": next(
                (form for form in _forms(attendance, item_form, rows) if form.errors), None
            ),
        },
    )


ROW_FORMS = ("papers", "recommendation", "deferral", "decision", "undo")


def _forms(attendance, item_form, rows):
    yield attendance
    yield item_form
    for row in rows:
        for name in ROW_FORMS:
            yield row[name]


def _handle(request, meeting, posted, attendance, item_form, rows) -> str | None:
    """Save the posted form through its service; the message to show, or None on an error."""
    user = request.user
    if posted == "attendance" and attendance.is_valid():
        quorum = service_form_save(
            attendance,
            lambda: services.attendance_record(
                user=user, meeting=meeting, members=list(attendance.cleaned_data["members"])
            ),
        )
        if quorum is not None:
            return "Attendance saved." if quorum.quorate else "Attendance saved: not quorate."
    if posted == "item" and item_form.is_valid():
        data = item_form.cleaned_data
        if service_form_save(
            item_form, lambda: services.item_add(user=user, meeting=meeting, **data)
        ):
            return "Item added to the agenda."
    for row in rows:
        saved = _handle_item(user, posted, row)
        if saved:
            return saved
    return None


def _refusals(form, write):
    """service_form_save, with a refusal of the user's scope shown on the form too (a record
    of another RAA or LA): the page says why nothing was saved."""
    try:
        return service_form_save(form, write)
    except PermissionDenied as error:
        form.add_error(None, str(error))
        return None


def _withdraw(user, item) -> bool:
    decision = AgencyDecision.objects.filter(item=item).first()
    if decision is None:
        raise ValidationError(ALREADY_WITHDRAWN)
    services.agency_decision_delete(user=user, decision=decision)
    return True


def _handle_item(user, posted, row) -> str | None:
    """Save a form of one agenda item: papers, recommendation, deferral, decision or its undo."""
    item = row["item"]
    if posted == f"papers-{item.pk}" and row["papers"].is_valid():
        received = row["papers"].cleaned_data["received"]
        if _refusals(
            row["papers"],
            lambda: services.item_papers_record(user=user, item=item, received=received),
        ):
            return "Papers received recorded."
    if posted == f"defer-{item.pk}" and row["deferral"].is_valid():
        data = row["deferral"].cleaned_data
        later = _refusals(
            row["deferral"], lambda: services.item_defer(user=user, item=item, **data)
        )
        if later:
            return f"Item deferred to the meeting of {later.meeting.date:%-d %B %Y}."
    if posted == f"undo-{item.pk}" and _refusals(row["undo"], lambda: _withdraw(user, item)):
        return "Decision withdrawn, and what it recorded undone."
    if posted == f"rec-{item.pk}" and row["recommendation"].is_valid():
        data = row["recommendation"].cleaned_data
        if service_form_save(
            row["recommendation"],
            lambda: services.recommendation_record(
                user=user,
                item=item,
                recommendation=data["recommendation"],
                reason=data["reason"],
            ),
        ):
            return "Recommendation recorded."
    if posted == f"dec-{item.pk}" and row["decision"].is_valid():
        data = row["decision"].cleaned_data
        decision = _refusals(
            row["decision"],
            lambda: services.agency_decision_record(user=user, item=item, **data),
        )
        if decision:
            late = decision_late(decision.working_days)
            return (
                f"Decision recorded: {decision.working_days} working days after the panel"
                + (f", later than the {DECISION_DUE_WORKING_DAYS} expected." if late else ".")
                + EFFECT_MESSAGES.get(decision.effect, "")
            )
    return None


ALREADY_WITHDRAWN = "The decision on this item has already been withdrawn."
EFFECT_MESSAGES = {
    AgencyDecision.Effect.APPROVAL: " The household's approval is on its record.",
    AgencyDecision.Effect.MATCH: " The child's match is on their record.",
    AgencyDecision.Effect.MATCH_NEW_LINK: " The child's match is on their record.",
    AgencyDecision.Effect.ALREADY_RECORDED: " The record already held it.",
}
QUORUM_IN_ADMIN = "Superusers set every RAA's quorum rule in the admin."
QUORUM_SAVED = "The quorum rule is saved: every meeting's check now uses it."


@login_required
def quorum_rule(request):
    """The RAA manager's quorum rule for their RAA's panels (kept as data)."""
    access = require_write(request.user, SETTINGS)
    if access.raa_id is None:
        raise PermissionDenied(QUORUM_IN_ADMIN)
    raa = RegionalAdoptionAgency.objects.get(pk=access.raa_id)
    current = QuorumRule.objects.filter(raa=raa).first() or QuorumRule(raa=raa)
    form = QuorumRuleForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in QuorumRuleForm.Meta.fields}
        saved = service_form_save(
            form, lambda: services.quorum_rule_save(user=request.user, raa=raa, **fields)
        )
        if saved is not None:
            messages.success(request, QUORUM_SAVED)
            return redirect("panel-quorum-rule")
    return render(request, "panels/quorum_rule.html", {"form": form, "raa": raa})
