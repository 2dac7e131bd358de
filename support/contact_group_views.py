"""Support pages beyond referrals: letterbox and direct contact arrangements with the exchanges
made under them, and the RAA's groups, courses and commissioned programmes with their sessions.
Writes go through support/services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Sum
from django.shortcuts import get_object_or_404, redirect, render

from agencies.audit import audited_list, audited_view
from agencies.models import RegionalAdoptionAgency
from agencies.scoping import SUPPORT, access_for, require_read, require_write
from agencies.selectors import la_list
from core.forms import service_form_save
from support import services
from support.forms import (
    CHILD_NOT_FOUND,
    ContactArrangementForm,
    ContactExchangeForm,
    GroupSessionForm,
    SupportGroupForm,
)
from support.selectors import (
    contact_arrangement_list,
    group_session_list,
    support_child_find,
    support_group_list,
)

NO_RAA = "Only staff of an RAA can start its groups."


def _writer_form(request, form_class, **kwargs):
    """The page's form for those who may write support; a post from anyone else is refused."""
    access = require_read(request.user, SUPPORT)
    if access.can_write(SUPPORT):
        return form_class(request.POST or None, **kwargs)
    if request.method == "POST":
        require_write(request.user, SUPPORT)
    return None


@login_required
def contact_arrangements(request):
    """Contact arrangements, latest first, with their exchanges; a form to record one."""
    form = _writer_form(request, ContactArrangementForm, las=la_list(user=request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        child = support_child_find(
            user=request.user, la=data["la"], la_child_id=data["child_reference"]
        )
        if child is None:
            form.add_error("child_reference", CHILD_NOT_FOUND.format(la=data["la"].name))
        else:
            fields = {k: data[k] for k in ("kind", "with_whom", "frequency", "started")}
            arrangement = service_form_save(
                form,
                lambda: services.contact_arrangement_create(
                    user=request.user, child=child, via="page", **fields
                ),
            )
            if arrangement:
                messages.success(request, "Contact arrangement recorded.")
                return redirect("support-contact", pk=arrangement.pk)
    arrangements = list(
        contact_arrangement_list(user=request.user)
        .annotate(exchange_count=Count("exchanges"), last_exchange=Max("exchanges__exchanged"))
        .order_by("-started", "-pk")[:100]
    )
    audited_list("contactarrangement", [a.pk for a in arrangements], user=request.user, via="page")
    return render(
        request,
        "support/contact_arrangements.html",
        {"arrangements": arrangements, "form": form},
    )


@login_required
def contact_arrangement(request, pk: int):
    """One contact arrangement and its exchanges; a form to record an exchange."""
    arrangement = get_object_or_404(contact_arrangement_list(user=request.user), pk=pk)
    audited_view(arrangement, user=request.user, la_id=arrangement.child.la_id, via="page")
    form = _writer_form(request, ContactExchangeForm)
    if request.method == "POST" and form.is_valid():
        saved = service_form_save(
            form,
            lambda: services.contact_exchange_record(
                user=request.user, arrangement=arrangement, via="page", **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, "Exchange recorded.")
            return redirect("support-contact", pk=arrangement.pk)
    return render(
        request,
        "support/contact_arrangement.html",
        {"arrangement": arrangement, "exchanges": arrangement.exchanges.all(), "form": form},
    )


@login_required
def support_groups(request):
    """The RAA's groups, courses and programmes with their sessions; a form to start one."""
    form = _writer_form(request, SupportGroupForm)
    if request.method == "POST" and form.is_valid():
        raa = RegionalAdoptionAgency.objects.filter(pk=access_for(request.user).raa_id).first()
        if raa is None:
            form.add_error(None, NO_RAA)
        else:
            group = service_form_save(
                form,
                lambda: services.support_group_create(
                    user=request.user, raa=raa, via="page", **form.cleaned_data
                ),
            )
            if group:
                messages.success(request, f"{group.name} started.")
                return redirect("support-group", pk=group.pk)
    groups = support_group_list(user=request.user).annotate(
        session_count=Count("sessions"),
        attendances=Sum("sessions__attended"),
        last_session=Max("sessions__held"),
    )
    return render(request, "support/groups.html", {"groups": groups, "form": form})


@login_required
def support_group(request, pk: int):
    """A group, course or programme and its sessions; a form to record a session."""
    group = get_object_or_404(support_group_list(user=request.user), pk=pk)
    form = _writer_form(request, GroupSessionForm)
    if request.method == "POST" and form.is_valid():
        saved = service_form_save(
            form,
            lambda: services.group_session_record(
                user=request.user, support_group=group, via="page", **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, "Session recorded.")
            return redirect("support-group", pk=group.pk)
    sessions = group_session_list(user=request.user).filter(support_group=group)
    return render(
        request, "support/group.html", {"group": group, "sessions": sessions, "form": form}
    )
