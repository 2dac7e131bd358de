"""Pagination and throttling named in settings (kept apart from the viewsets, which DRF's
settings must not import while they load)."""

from rest_framework.authentication import TokenAuthentication
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.throttling import UserRateThrottle


class Pagination(LimitOffsetPagination):
    default_limit = 100
    max_limit = 500


class TokenClientThrottle(UserRateThrottle):
    """Integrations (token clients) are rate-limited; people in a browser are not."""

    scope = "token"

    def allow_request(self, request, view):
        if not isinstance(request.successful_authenticator, TokenAuthentication):
            return True
        return super().allow_request(request, view)
