"""Two-factor sign-in with an authenticator app (TOTP, django-otp).

Any user may turn it on; the roles in TWO_FACTOR_REQUIRED_ROLES (RAA managers by default) and
superusers must. Until a session has passed the second factor, such a user reaches only the
sign-in, sign-out and two-factor pages, and the API (by session) answers 403.
"""

import base64
from urllib.parse import quote

import segno
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies.scoping import access_for
from core.api_support import error_body

NEEDS_SECOND_FACTOR = "Enter the code from your authenticator app to use the portal."
WRONG_CODE = "The code is not right, or has expired: enter the code your app shows now."
THROTTLED = "Too many wrong codes: wait {duration}, then enter the code your app shows."
CANNOT_TURN_OFF = "Your role needs two-factor sign-in: it cannot be turned off."
DEVICE_NAME = "Authenticator app"


def two_factor_required(user) -> bool:
    """Whether the user's role (or being a superuser) makes a second factor compulsory."""
    return user.is_superuser or access_for(user).role in settings.TWO_FACTOR_REQUIRED_ROLES


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def two_factor_needed(user) -> bool:
    """Whether the user must pass a second factor: compulsory, or turned on by them."""
    return two_factor_required(user) or confirmed_device(user) is not None


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed device: the key their app is being set up with."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def setup_key(device: TOTPDevice) -> str:
    """The device's key as an app expects it typed in (base32, in groups of four)."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def setup_qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an inline SVG QR code (no script, no image request)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR code")


@transaction.atomic
def two_factor_verify(*, request, device: TOTPDevice, code: str) -> str | None:
    """Check a code against the device; on success confirm it, mark the session verified and
    return None; otherwise return the reason. Each wrong code doubles the wait before the next
    try (django-otp's throttling)."""
    allowed, details = device.verify_is_allowed()
    if not allowed:
        wait = (details or {}).get("locked_until")
        seconds = max(1, int((wait - timezone.now()).total_seconds()) + 1) if wait else 1
        return THROTTLED.format(duration=f"{seconds} second{'' if seconds == 1 else 's'}")
    if not device.verify_token(code.replace(" ", "")):
        return WRONG_CODE
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    otp_login(request, device)
    return None


def two_factor_turn_off(*, user) -> None:
    """Remove the user's authenticator app, where their role allows it."""
    if two_factor_required(user):
        raise PermissionDenied(CANNOT_TURN_OFF)
    TOTPDevice.objects.filter(user=user).delete()


class TwoFactorMiddleware:
    """Hold a signed-in user who needs a second factor at the two-factor page until they pass."""

    OPEN_URL_NAMES = {"login", "logout", "two-factor"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and _url_name(request.path_info) not in self.OPEN_URL_NAMES
            and two_factor_needed(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(error_body("second_factor", NEEDS_SECOND_FACTOR), status=403)
            return redirect(f"{reverse('two-factor')}?next={quote(request.get_full_path())}")
        return self.get_response(request)


def _url_name(path: str) -> str | None:
    try:
        return resolve(path).url_name
    except Resolver404:
        return None
