"""
One error shape for the whole API, whatever raised the error:
    {"status": 400, "code": "invalid", "detail": "Invalid input.", "errors": {"amount": ["…"]}}
`errors` maps field names (or "non_field_errors") to messages; it is empty for errors that are not
about fields (401, 403, 404, 405, 429, 500).

That holds for a failure the views do not foresee too: under /api/ an unexpected exception is logged
with its traceback and answered with a JSON 500 (`exception_handler` inside DRF's views,
`server_error` / `bad_request` for what fails outside them, named as the URLconf's handler500/400).
"""

import logging

from django.core import signals
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.log import log_response
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from core.db_errors import is_connection_loss

logger = logging.getLogger("django.request")


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


def _as_field_errors(detail):
    if isinstance(detail, dict):
        return {
            field: [str(m) for m in (messages if isinstance(messages, list) else [messages])]
            if not isinstance(messages, dict)
            else [f"{key}: {value}" for key, value in _as_field_errors(messages).items()]
            for field, messages in detail.items()
        }
    if isinstance(detail, list):
        return {"non_field_errors": [str(message) for message in detail]}
    return {}


class DatabaseUnavailable(exceptions.APIException):
    status_code = 503
    default_code = "service_unavailable"
    default_detail = "The database is not answering right now. Try again in a few seconds."
    retry_after_seconds = 5


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or None)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    elif isinstance(exc, (BadRequest, SuspiciousOperation)):
        # e.g. more query parameters than DATA_UPLOAD_MAX_NUMBER_FIELDS: Django's own 400, in our shape.
        exc = exceptions.ParseError("The request could not be read.")
    elif isinstance(exc, IntegrityError):
        # Validation runs the model's own checks first; this only catches a race between two writers.
        exc = exceptions.ValidationError({"non_field_errors": ["This change conflicts with existing data."]})
    elif is_connection_loss(exc):
        # The database is away (a restart, a failover): the client should retry, not report a bug. Other
        # database errors (a deadlock, a timeout) fall through to unexpected_error: a logged 500.
        logger.warning("Database unavailable: %s", (str(exc).strip().splitlines() or [""])[0])
        exc = DatabaseUnavailable()
    response = drf_exception_handler(exc, context)
    if isinstance(exc, DatabaseUnavailable):
        response["Retry-After"] = str(DatabaseUnavailable.retry_after_seconds)
    if response is None:
        return unexpected_error(exc, context.get("request"))
    if isinstance(exc, exceptions.ValidationError):
        code, detail, errors = "invalid", "Invalid input.", _as_field_errors(exc.detail)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        errors = {}
    response.data = {"status": response.status_code, "code": str(code), "detail": str(detail), "errors": errors}
    return response


def server_error_body():
    return {"status": 500, "code": "server_error", "detail": "Something went wrong on our side.", "errors": {}}


def unexpected_error(exc, request):
    """
    A bug, not a client error: logged with its traceback (and `got_request_exception` sent, as Django
    does, so error reporting and the test client see it), then answered in the API's shape.
    """
    django_request = getattr(request, "_request", request)
    response = Response(server_error_body(), status=500)
    # Django's own helper marks the response as logged, so the handler does not log it a second time.
    log_response(
        "Internal Server Error: %s",
        getattr(django_request, "path", "?"),
        response=response,
        request=django_request,
        exception=exc,
    )
    signals.got_request_exception.send(sender=None, request=django_request)
    set_rollback()  # whatever the request wrote before failing is not kept (with ATOMIC_REQUESTS)
    return response


def is_api_request(request):
    return request.path.startswith("/api/")


def server_error(request, *args, **kwargs):
    """handler500: a JSON 500 under /api/, the site's standalone error page elsewhere."""
    if is_api_request(request):
        return JsonResponse(server_error_body(), status=500)
    return defaults.server_error(request, *args, **kwargs)


def bad_request(request, exception, *args, **kwargs):
    """
    handler400, for what Django refuses before a view runs (a SuspiciousOperation, too many fields, a
    BadRequest): the API's shape under /api/; elsewhere the site's 400 page, with the message of a
    BadRequest raised on purpose (e.g. an over-long search), never that of a SuspiciousOperation.
    """
    if is_api_request(request):
        return JsonResponse(
            {"status": 400, "code": "invalid", "detail": "The request could not be read.", "errors": {}}, status=400
        )
    if isinstance(exception, BadRequest) and exception.args:
        context = {"message": str(exception), "fields": getattr(exception, "fields", None)}
        return render(request, "400.html", context, status=400)
    return defaults.bad_request(request, exception, *args, **kwargs)


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    """Unrouted paths under /api/ answer in the API's error format, not with an HTML page."""
    return JsonResponse(
        {"status": 404, "code": "not_found", "detail": f"No API endpoint at {request.path}.", "errors": {}}, status=404
    )


def error_response(status_code, errors, detail="Invalid input."):
    return Response({"status": status_code, "code": "invalid", "detail": detail, "errors": errors}, status=status_code)
