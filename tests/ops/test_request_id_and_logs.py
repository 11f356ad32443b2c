"""
Every request has an id (the caller's X-Request-ID when sane, else a new one), echoed in the response
and carried by every log line the request causes; LOG_FORMAT=json makes those lines JSON objects.
"""

import io
import json
import logging
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings

from core.logs import JsonFormatter, RequestIdFilter


def test_a_request_without_an_id_gets_a_new_one(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert re.fullmatch(r"[0-9a-f]{32}", first["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


SANE = ["4bf92f3577b34da6a3ce929d0e0e4736", "9f1c2a44-7e0b-4d3c-9a51-0c2b6e8f1d3a", "lb.01:req_7"]


@pytest.mark.parametrize("sane", SANE)
def test_the_callers_id_is_kept_when_it_is_sane(client, sane):
    assert client.get("/healthz", headers={"X-Request-ID": sane})["X-Request-ID"] == sane


@pytest.mark.parametrize("unsafe", ["x" * 129, "two words", "<script>", "id\\nforged log line", "-leading-dash", "é"])
def test_an_unsafe_id_is_replaced_by_a_new_one(client, unsafe):
    assert re.fullmatch(r"[0-9a-f]{32}", client.get("/healthz", headers={"X-Request-ID": unsafe})["X-Request-ID"])


@pytest.fixture
def json_log():
    """What reaches the root logger, formatted as with LOG_FORMAT=json."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


@pytest.mark.django_db
def test_log_lines_written_during_a_request_carry_its_id(client, json_log):
    client.get("/no-such-page/", headers={"X-Request-ID": "trace-me-123"})
    logging.getLogger("tests.ops").warning("after the request")

    during, after = json_log()[-2:]
    assert during["logger"] == "django.request" and during["level"] == "WARNING"
    assert during["message"] == "Not Found: /no-such-page/"
    assert during["request_id"] == "trace-me-123"
    assert after["request_id"] == "-"
    assert set(during) == {"time", "level", "logger", "message", "request_id"}


def test_a_json_line_holds_the_exception_text(json_log):
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError:
        logging.getLogger("tests.ops").exception("it broke")
    (line,) = json_log()
    assert line["message"] == "it broke" and line["level"] == "ERROR"
    assert line["exception"].startswith("Traceback") and "ZeroDivisionError" in line["exception"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", line["time"])


def log_one_line(**env):
    """Start Django with these settings in a fresh process; what one warning looks like on stderr."""
    code = "import django, logging; django.setup(); logging.getLogger('careerguide.test').warning('hello')"
    environment = {k: v for k, v in os.environ.items() if k not in {"LOG_FORMAT", "LOG_LEVEL"}} | env
    environment["DJANGO_SETTINGS_MODULE"] = "careerguide.settings"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True
    )


def test_log_format_json_writes_one_json_object_per_line():
    result = log_one_line(LOG_FORMAT="json")
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line | {"time": None} == {
        "time": None,
        "level": "WARNING",
        "logger": "careerguide.test",
        "message": "hello",
        "request_id": "-",
    }


def test_logs_are_plain_text_by_default():
    result = log_one_line()
    assert re.search(r"^\S+ \S+ WARNING careerguide\.test \[-\] hello$", result.stderr, re.MULTILINE), result.stderr


def test_an_unknown_log_format_stops_start_up():
    result = log_one_line(LOG_FORMAT="xml")
    assert result.returncode != 0
    assert "LOG_FORMAT='xml' is not a log format: use plain or json." in result.stderr
