"""Password spraying: one address trying a password or two on many usernames, with a new user
agent each time, never meets axes' limits (per username, and per address with user agent).
This backend, listed after axes' and before Django's, refuses every sign-in from an address
whose failed sign-ins in the cool-off time reach SIGN_IN_ADDRESS_FAILURE_LIMIT: set higher than
axes' own limit, so that colleagues behind one council proxy are not locked out by a few
mistyped passwords."""

from axes.helpers import get_client_ip_address, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.utils import timezone

ADDRESS_LOCKED = "Too many failed sign-ins from your network: try again later."


def address_failures(ip_address: str) -> int:
    """Failed sign-ins from the address, whatever the username and user agent, in the cool-off."""
    since = timezone.now() - get_cool_off()
    attempts = AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AddressLockoutBackend:
    """Refuses (ending the sign-in) while the address is locked; otherwise lets the next
    backend decide. No get_user, as axes' backend: sessions belong to Django's backend."""

    def authenticate(self, request, **credentials):
        if request is None:
            return None
        ip_address = get_client_ip_address(request)
        if ip_address and address_failures(ip_address) >= settings.SIGN_IN_ADDRESS_FAILURE_LIMIT:
            raise PermissionDenied(ADDRESS_LOCKED)
        return None
