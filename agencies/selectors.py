"""Reads for agencies."""

from django.db.models import QuerySet

from agencies.models import LocalAuthority
from agencies.scoping import access_for, scope_by_la


def la_list(*, user) -> QuerySet[LocalAuthority]:
    """The LAs in the user's scope, by name: the LAs a form offers them."""
    return scope_by_la(LocalAuthority.objects.order_by("name"), access_for(user), "pk")
