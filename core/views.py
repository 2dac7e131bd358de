"""Pages that belong to no app: the error pages and the favicon."""

import logging
import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static

from core.api_support import error_body

logger = logging.getLogger(__name__)

DATABASE_UNAVAILABLE = "The portal's database cannot be reached just now. Try again in a minute."
RETRY_AFTER_SECONDS = "30"


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to GOV.UK Frontend's."""
    return redirect(static("govuk/assets/images/favicon.ico"), permanent=True)


def _error_page(request, status: int, exception=None) -> HttpResponse:
    return render(request, f"{status}.html", {"message": str(exception or "")}, status=status)


REQUEST_TOO_LARGE = "The request is too large: send at most {size} MB, not counting files."
TOO_MANY_FILES = "Too many files: send at most {count} files in one request."
TOO_MANY_FIELDS = "Too many fields: send at most {count} fields in one request."


def bad_request(request, exception):
    """400: a request Django refuses before any view (too large, or malformed), with the
    reason for a request too large."""
    message = ""
    if isinstance(exception, TooManyFilesSent):
        message = TOO_MANY_FILES.format(count=settings.DATA_UPLOAD_MAX_NUMBER_FILES)
    elif isinstance(exception, TooManyFieldsSent):
        message = TOO_MANY_FIELDS.format(count=settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)
    elif isinstance(exception, RequestDataTooBig):
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
