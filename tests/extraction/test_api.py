"""POST /api/v1/extract/: anonymous, bounded, in the schema, and it keeps nothing of the text."""

import logging

import pytest
from django.core.cache import cache
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from extraction.engine import MAX_CHARS

URL = "/api/v1/extract/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_an_anonymous_client_reads_a_posting(api, skills):
    text = "Requirements: 3+ years of Python and SQL. PyTorch is a plus. A Master's degree."
    response = api.post(URL, {"text": text, "kind": "posting"}, format="json")
    assert response.status_code == 200
    body = response.json()
    by_slug = {skill["slug"]: skill for skill in body["skills"]}
    assert {slug: skill["importance"] for slug, skill in by_slug.items()} == {
        "python": "essential",
        "sql": "essential",
        "pytorch": "optional",
    }
    (span,) = by_slug["python"]["spans"]
    assert text[span["start"] : span["end"]] == span["text"] == "Python" and span["alias"] == "Python"
    assert (body["degree"], body["years"], body["implied"]) == ("master", 3, ["ml-frameworks"])


def test_a_profile_has_no_importance(api, skills):
    body = api.post(URL, {"text": "I use sklearn and communicate well.", "kind": "profile"}, format="json").json()
    assert body["skills"] == [
        {"slug": "scikit-learn", "name": "Scikit-learn", "importance": None, "spans": body["skills"][0]["spans"]}
    ]
    assert body["soft_skills"] == []  # "communicate well" is no alias; "communication skills" would be


def test_kind_defaults_to_posting(api, skills):
    assert api.post(URL, {"text": "Python"}, format="json").json()["kind"] == "posting"


def test_a_text_over_the_limit_is_a_400_naming_it(api, skills):
    response = api.post(URL, {"text": "a" * (MAX_CHARS + 1)}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["text"] == [f"At most {MAX_CHARS:,} characters: send a shorter text."]


def test_a_text_at_the_limit_is_read(api, skills):
    assert api.post(URL, {"text": "Python " * (MAX_CHARS // 7)}, format="json").status_code == 200


def test_a_nul_byte_is_a_400(api, skills):
    response = api.post(URL, {"text": "Python\x00SQL"}, format="json")
    assert response.status_code == 400 and "text" in response.json()["errors"]


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": "Python", "kind": "cv"}, {"text": 5}])
def test_a_missing_or_wrong_field_is_a_400(api, skills, body):
    assert api.post(URL, body, format="json").status_code == 400


def test_get_is_not_allowed(api):
    assert api.get(URL).status_code == 405


def test_the_text_is_not_logged_or_cached(api, skills, caplog):
    secret = "Jane Doe, 12 Secret Street, knows Python"
    cache.clear()
    with caplog.at_level(logging.DEBUG):
        assert api.post(URL, {"text": secret, "kind": "profile"}, format="json").status_code == 200
    assert "Secret Street" not in caplog.text
    stored = cache._cache  # the local-memory cache pytest's process uses
    assert stored is not None and not any("Secret Street" in str(value) for value in stored.values())


@pytest.fixture
def limit_of_two(settings):
    """As tests/core/test_throttling.py sets it: two anonymous requests an hour."""
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] | {"anon": "2/hour"}
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {"DEFAULT_THROTTLE_RATES": rates}
    cache.clear()
    from rest_framework.settings import api_settings

    from core.throttling import AnonFixedWindowThrottle

    api_settings.reload()
    AnonFixedWindowThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    yield
    del AnonFixedWindowThrottle.THROTTLE_RATES
    api_settings.reload()


def test_the_anonymous_rate_limit_applies(api, skills, limit_of_two):
    statuses = [api.post(URL, {"text": "Python"}, format="json").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_the_schema_declares_request_and_response():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"][URL]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body.endswith("/ExtractRequest")
    request_schema = schema["components"]["schemas"]["ExtractRequest"]
    assert request_schema["properties"]["text"]["maxLength"] == MAX_CHARS
    assert {"200", "400", "429"} <= set(operation["responses"])
    assert {} in operation["security"]  # anonymous clients may call it
