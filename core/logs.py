"""
Log lines that can be traced to the request that wrote them.

Every request gets an id (RequestIdMiddleware in core/middleware.py: the caller's `X-Request-ID` when it
is sane, else a new one), kept in a context variable until the response is finished — past the
middleware, since Django logs a 4xx or 5xx response ("Not Found: /x") only after the middleware chain;
RequestIdFilter copies it onto each log record, so every line the request causes carries it, whatever
logger wrote it.
With LOG_FORMAT=json (settings.py) each line is one JSON object for a log shipper; plain text otherwise.

(Named `logs`, not `logging`, so that nothing in core/ can mistake it for the standard library's module.)
"""

import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

from django.core.signals import request_finished
from django.dispatch import receiver

NO_REQUEST = "-"

request_id = ContextVar("request_id", default=NO_REQUEST)

# What a caller's id may be: up to 128 letters, digits and `.:_-` (UUIDs, hex, most tracing ids). Anything
# else would let a client write arbitrary text into our logs, so it is replaced by an id of our own.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9.:_-]{0,127}")


@receiver(request_finished, dispatch_uid="core.logs.forget_request_id")
def forget_request_id(**kwargs):
    """Once the server has sent the response, the lines logged belong to no request."""
    request_id.set(NO_REQUEST)


def new_request_id():
    return uuid.uuid4().hex


def accepted_request_id(value):
    """The caller's request id when it is sane, else a new one."""
    if value and SANE_REQUEST_ID.fullmatch(value):
        return value
    return new_request_id()


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record the handler emits ("-" outside a request)."""

    def filter(self, record):
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, request_id, and the exception if any."""

    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id.get(),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exception"] = record.exc_text
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, default=str)
