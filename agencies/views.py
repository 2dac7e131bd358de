"""The account page: a user's role, and their own API token."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from agencies.services import token_create, token_revoke

TOKEN_REVOKED = "Your API token is revoked: systems using it can no longer sign in."
NO_TOKEN = "You had no API token."


@login_required
def account(request):
    return render(
        request,
        "agencies/account.html",
        {"has_token": Token.objects.filter(user=request.user).exists()},
    )


@login_required
@require_POST
def account_token_create(request):
    key = token_create(user=request.user)
    return render(request, "agencies/account.html", {"has_token": True, "new_key": key})


@login_required
@require_POST
def account_token_revoke(request):
    messages.info(request, TOKEN_REVOKED if token_revoke(user=request.user) else NO_TOKEN)
    return redirect("account")
