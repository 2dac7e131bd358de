"""The account page (a user's role, API token and two-factor sign-in) and the two-factor
sign-in step."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from agencies.services import token_create, token_revoke
from agencies.two_factor import (
    confirmed_device,
    pending_device,
    setup_key,
    setup_qr_svg,
    two_factor_required,
    two_factor_turn_off,
    two_factor_verify,
)

TOKEN_REVOKED = "Your API token is revoked: systems using it can no longer sign in."
NO_TOKEN = "You had no API token."


TWO_FACTOR_OFF = "Two-factor sign-in is off: you sign in with your password alone."


def _account_context(user) -> dict:
    return {
        "has_token": Token.objects.filter(user=user).exists(),
        "two_factor_on": confirmed_device(user) is not None,
        "two_factor_required": two_factor_required(user),
    }


@login_required
def account(request):
    return render(request, "agencies/account.html", _account_context(request.user))


@login_required
@require_POST
def account_token_create(request):
    key = token_create(user=request.user)
    return render(
        request, "agencies/account.html", {**_account_context(request.user), "new_key": key}
    )


@login_required
@require_POST
def account_token_revoke(request):
    messages.info(request, TOKEN_REVOKED if token_revoke(user=request.user) else NO_TOKEN)
    return redirect("account")


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6 digits your app shows for this portal.",
        max_length=8,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-5",
            }
        ),
    )


@login_required
def two_factor(request):
    """Set up an authenticator app (first time) or enter its code (every sign-in)."""
    device = confirmed_device(request.user)
    setting_up = device is None
    if setting_up:
        device = pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = two_factor_verify(request=request, device=device, code=form.cleaned_data["code"])
        if refusal is None:
            next_url = request.POST.get("next", "")
            if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
                next_url = "home"
            return redirect(next_url)
        form.add_error("code", refusal)
    context = {"form": form, "setting_up": setting_up, "next": request.GET.get("next", "")}
    if setting_up:
        context |= {"key": setup_key(device), "qr_svg": setup_qr_svg(device)}
    return render(request, "registration/two_factor.html", context)


@login_required
@require_POST
def two_factor_off(request):
    two_factor_turn_off(user=request.user)
    messages.info(request, TWO_FACTOR_OFF)
    return redirect("account")
