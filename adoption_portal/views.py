"""Pages that belong to no app: the home page and the error pages."""

import logging
import sys

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static

from adoption_portal.api_support import error_body
from agencies.models import Role
from agencies.scoping import CHILDREN, IMPORTS, access_for
from indicators.calculations import scope_default_for
from indicators.dashboard import HEADLINE
from indicators.figure_cache import figure_series
from indicators.periods import Period

logger = logging.getLogger(__name__)

DATABASE_UNAVAILABLE = "The portal's database cannot be reached just now. Try again in a minute."
RETRY_AFTER_SECONDS = "30"

# The figures each role's home page opens on: what that role's work moves.
HOME_FIGURES = {
    Role.RAA_MANAGER: (*HEADLINE, "waiting_at_end", "po_awaiting_match_at_end"),
    Role.LA_MANAGER: (*HEADLINE, "waiting_at_end", "po_awaiting_match_at_end"),
    Role.FAMILY_FINDER: (
        "waiting_at_end",
        "po_awaiting_match_at_end",
        "adopters_waiting_at_end",
        "matches",
        "placements",
        "A2",
    ),
    Role.PANEL_ADVISER: ("panel_items", "decision_working_days", "decisions_late", "approvals"),
    Role.SUPPORT_WORKER: (
        "support_referrals",
        "assessments_completed",
        "referral_to_assessment_days",
        "asf_applications",
        "asf_amount_approved",
    ),
    Role.BOARD_MEMBER: (*HEADLINE, "adoptions"),
    None: (*HEADLINE, "adoptions", "waiting_at_end"),
}


@login_required
def home(request):
    """The signed-in user's home page: this year's figures for their role, and their pages."""
    access = access_for(request.user)
    period = Period.current_year()
    scope = scope_default_for(access)
    figures = {}
    if scope:
        figures = figure_series(scope, [period], list(HOME_FIGURES[access.role]))[0]
    return render(
        request,
        "home.html",
        {
            "period": period,
            "scope": scope,
            "figures": list(figures.values()),
            "can_read_children": access.can_read(CHILDREN),
            "can_import": access.can_write(IMPORTS),
        },
    )


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to GOV.UK Frontend's."""
    return redirect(static("govuk/assets/images/favicon.ico"), permanent=True)


def _error_page(request, status: int, exception=None) -> HttpResponse:
    return render(request, f"{status}.html", {"message": str(exception or "")}, status=status)


REQUEST_TOO_LARGE = "The request is too large: send at most {size} MB, not counting files."


def bad_request(request, exception):
    """400: a request Django refuses before any view (too large, or malformed), with the
    reason for a request too large."""
    message = ""
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
        message = REQUEST_TOO_LARGE.format(size=f"{size:g}")
    if request.path.startswith("/api/"):
        return JsonResponse(error_body("bad_request", message or "Bad request."), status=400)
    return _error_page(request, 400, message)


def permission_denied(request, exception):
    return _error_page(request, 403, exception)


def page_not_found(request, exception):
    return _error_page(request, 404)


def server_error(request):
    """500, or 503 with Retry-After while the database cannot be reached (the connection
    health checks reconnect on a later request, once it is back)."""
    # No request context: whatever failed (the database, say) may fail again in a context
    # processor.
    if not isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return HttpResponse(render_to_string("500.html"), status=500)
    logger.error("Database unavailable", exc_info=True)
    if request.path.startswith("/api/"):
        response = JsonResponse(error_body("unavailable", DATABASE_UNAVAILABLE), status=503)
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = RETRY_AFTER_SECONDS
    return response
