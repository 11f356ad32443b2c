"""Request checks that every view relies on."""

import logging

from django.core.exceptions import BadRequest
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.defaults import page_not_found

from core.api.errors import DatabaseUnavailable, bad_request
from core.db_errors import is_connection_loss
from core.logs import accepted_request_id, request_id

NUL = "\x00"

logger = logging.getLogger(__name__)


class RejectNulBytesMiddleware:
    """
    A NUL byte in the address or the query string gets a 400 naming the parameter. No text we store
    or look up can contain one (PostgreSQL refuses it in any string), so rather than every view and
    filter guarding against it, the request stops here, on both databases alike. Under /api/ the
    answer uses the API's error shape.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offending = sorted(
            {key for key, values in request.GET.lists() if NUL in key or any(NUL in value for value in values)}
        )
        if offending or NUL in request.path:
            return self.refuse(request, offending or ["path"])
        return self.get_response(request)

    def refuse(self, request, fields):
        message = "Contains a NUL character (%00), which no value can hold."
        if request.path.startswith("/api/"):
            return JsonResponse(
                {
                    "status": 400,
                    "code": "invalid",
                    "detail": "Invalid input.",
                    "errors": {field.replace(NUL, "\\x00"): [message] for field in fields},
                },
                status=400,
            )
        return render(request, "400.html", {"message": message, "fields": fields}, status=400)


class RequestIdMiddleware:
    """
    Gives each request an id: the caller's `X-Request-ID` (a proxy's or a client's) when it is sane,
    else a new one. Every log line written while the request runs carries it (core/logs.py), and the
    response echoes it, so a user's report, the proxy's log and ours can be matched. First in MIDDLEWARE,
    so that even a redirect or a refusal by a later middleware gets one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = accepted_request_id(request.headers.get("X-Request-ID"))
        # Not reset on the way out: Django logs an error response after the middleware; request_finished
        # clears it (core/logs.py).
        request_id.set(request.request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response


class FriendlyErrorPagesMiddleware:
    """
    A page that does not exist (a page past the end, an unknown slug) or an address the site refuses (an
    over-long search) gets the site's own 404 or 400 page, the same under DEBUG as in production: with
    DEBUG on (`make run`), Django would show its technical pages instead, which visitors should never meet.
    Django still logs each response. The API answers in its own shape (DRF handles its views' errors); 500s
    keep Django's behaviour (a traceback page for the developer under DEBUG).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.path.startswith("/api/"):
            return None
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        if isinstance(exception, BadRequest):
            return bad_request(request, exception)
        return None


class DatabaseUnavailableMiddleware:
    """
    While the database cannot be reached (a restart, a failover), a request that needs it gets a 503
    with Retry-After, a short log line and no traceback, instead of a 500 per request: the outage is
    the operator's news, not a bug. Connections recover by themselves (CONN_HEALTH_CHECKS). Under /api/
    the answer uses the API's error shape. Any other database error (a deadlock, a statement timeout,
    "database is locked") is left to Django: a 500, logged with its traceback (core/db_errors.py decides).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_connection_loss(exception):
            return None
        logger.warning("Database unavailable: %s", str(exception).strip().splitlines()[0] if str(exception) else "")
        message = DatabaseUnavailable.default_detail
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {"status": 503, "code": "service_unavailable", "detail": message, "errors": {}}, status=503
            )
        else:
            response = render(request, "503.html", {"message": message}, status=503)
        response["Retry-After"] = str(DatabaseUnavailable.retry_after_seconds)
        return response
