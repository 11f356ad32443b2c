"""
.ci/schemathesis_hooks.py drops an ST201 only when the request, as the server received it, is valid
against the schema. These tests hold it to that on the real postings list schema: the false positive CI
met is dropped, and requests that are invalid as sent keep their failure.
"""

import importlib.util
from pathlib import Path
from urllib.parse import urlencode

import pytest
import schemathesis
from django.conf import settings
from schemathesis.core.parameters import ParameterLocation

HOOKS = Path(settings.BASE_DIR) / ".ci" / "schemathesis_hooks.py"


@pytest.fixture(scope="module")
def hooks():
    spec = importlib.util.spec_from_file_location("careerguide_fuzz_hooks", HOOKS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def postings_query(openapi):
    operation = schemathesis.openapi.from_dict(openapi)["/api/v1/postings/"]["GET"]
    return operation.get_parameter_set(ParameterLocation.QUERY)


class Sent:
    """The part of a response the hook reads: the URL the request went to."""

    def __init__(self, query):
        self.request = type("Request", (), {"url": f"http://127.0.0.1/api/v1/postings/?{query}"})()


def valid_as_sent(hooks, postings_query, query):
    received = hooks.query_as_received(Sent(query), postings_query.schema["properties"])
    return postings_query.get_strict_validator().is_valid(received)


def test_the_false_positive_ci_met_is_valid_as_sent(hooks, postings_query):
    """A number generated for ?skill= (an array of strings) is sent as text any client could send."""
    assert valid_as_sent(hooks, postings_query, "skill=5.521475375088961e%2B16&page_size=58&order=")


@pytest.mark.parametrize(
    "query",
    [
        urlencode({"page_size": "abc"}),  # an integer parameter sent as a word
        urlencode({"page_size": "0"}),  # below its minimum
        urlencode({"order": "oldest"}),  # outside its enum
        urlencode({"skill": "x" * 101}),  # past the items' maxLength
        urlencode({"role": ["a", "b"]}, doseq=True),  # a one-value parameter sent twice
        urlencode({"skill": "a\x00b"}),  # a NUL byte, which the pattern refuses
    ],
)
def test_what_is_invalid_as_sent_keeps_its_failure(hooks, postings_query, query):
    assert not valid_as_sent(hooks, postings_query, query)


def test_valid_queries_read_as_valid(hooks, postings_query):
    assert valid_as_sent(hooks, postings_query, urlencode({"skill": ["python", "sql"], "page_size": "20"}, doseq=True))
