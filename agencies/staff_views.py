"""An RAA manager's pages for what the admin did for them before (docs/adr/0007-admin.md): the
staff roles of their RAA and its audit trail."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from agencies.audit import model_label
from agencies.models import AuditEvent, RegionalAdoptionAgency, Role
from agencies.scoping import LA_SCOPED_ROLES, RAA_SCOPED_ROLES, access_for
from agencies.selectors import audit_event_list, staff_la_choices, staff_role_list
from agencies.services import role_grant, role_revoke
from core.forms import service_form_save

WHOLE_RAA = "The whole RAA"
LA_ROLE_NEEDS_LA = "An LA manager's role is over one LA: choose it."
RAA_ROLE_NEEDS_RAA = "An RAA manager's role is over the whole RAA."
NEW_USER_NEEDS_PASSWORD = "{username} is a new user: give them a first password."
ROLE_GIVEN = "{username} is now {role} for {scope}."
ROLE_TAKEN = "{username} no longer has a role."


class GrantForm(forms.Form):
    username = forms.CharField(
        label="Username",
        max_length=150,
        help_text="Someone who already has a role in your RAA, or a new user.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(label="Role", choices=[("", "Choose a role"), *Role.choices])
    la = forms.ModelChoiceField(
        label="Over",
        queryset=None,
        required=False,
        empty_label=WHOLE_RAA,
        help_text="LA managers' roles are over one LA; the others can be.",
    )
    password = forms.CharField(
        label="First password (new users only)",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["la"].queryset = staff_la_choices(user=user)

    def clean(self):
        data = super().clean()
        role, la = data.get("role"), data.get("la")
        if role in LA_SCOPED_ROLES and la is None:
            self.add_error("la", LA_ROLE_NEEDS_LA)
        if role in RAA_SCOPED_ROLES and la is not None:
            self.add_error("la", RAA_ROLE_NEEDS_RAA)
        return data


@login_required
def staff_roles(request):
    """The staff roles of the manager's RAA, and a form to give or change one."""
    roles = staff_role_list(user=request.user)
    access = access_for(request.user)
    form = GrantForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        staff_role = service_form_save(form, lambda: _grant(request.user, access, data))
        if staff_role is not None:
            messages.success(
                request,
                ROLE_GIVEN.format(
                    username=staff_role.user.username,
                    role=staff_role.get_role_display(),
                    scope=staff_role.la or staff_role.raa,
                ),
            )
            return redirect("staff-roles")
    return render(request, "agencies/staff_roles.html", {"roles": roles, "form": form})


def _grant(user, access, data):
    username, password = data["username"], data["password"] or None
    if password is None and not User.objects.filter(username=username).exists():
        raise ValidationError({"password": NEW_USER_NEEDS_PASSWORD.format(username=username)})
    if password is not None:
        try:
            validate_password(password, User(username=username))
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from error
    la = data["la"]
    raa = None if la is not None else _own_raa(user, access)
    try:
        return role_grant(
            user=user, username=username, role=data["role"], raa=raa, la=la, password=password
        )
    except PermissionDenied as refusal:
        raise ValidationError({"username": str(refusal)}) from refusal


def _own_raa(user, access):
    return RegionalAdoptionAgency.objects.filter(pk=access.raa_id).first()


@login_required
@require_POST
def staff_role_revoke(request, pk: int):
    """Take one role of the manager's RAA away."""
    staff_role = get_object_or_404(staff_role_list(user=request.user), pk=pk)
    role_revoke(user=request.user, staff_role=staff_role)
    messages.success(request, ROLE_TAKEN.format(username=staff_role.user.username))
    return redirect("staff-roles")


@login_required
def audit_trail(request):
    """Who read or changed which child-level record of the manager's LAs, newest first."""
    events = audit_event_list(user=request.user).order_by("-at", "-pk")
    action = request.GET.get("action", "")
    if action in AuditEvent.Action.values:
        events = events.filter(action=action)
    else:
        action = ""
    username = request.GET.get("user", "").strip()[:150]
    if username:
        events = events.filter(user__username=username)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    for event in page:
        event.model_label = model_label(event.model)
    return render(
        request,
        "agencies/audit_trail.html",
        {
            "page": page,
            "actions": AuditEvent.Action.choices,
            "action": action,
            "username": username,
        },
    )
