"""The API as a whole (careerguide/api_urls.py, core/): its root, its schema and docs, conditional GETs."""

import pytest
from django.urls import reverse

from tests.factories import RoleFactory

pytestmark = pytest.mark.django_db


def test_conditional_get_answers_304_when_nothing_changed(api):
    role = RoleFactory()
    url = reverse("api:role-detail", args=[role.slug])
    first = api.get(url)
    assert first.has_header("ETag")
    assert api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    role.summary = "Changed."
    role.save()  # through the app, as every write is: that is what invalidates the cached response
    assert api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_api_root_lists_every_endpoint(api):
    assert set(api.get("/api/v1/").json()) == {
        "roles",
        "skills",
        "postings",
        "companies",
        "salaries",
        "match",
        "compare",
        "paths",
        "plan",
    }


def test_schema_and_offline_docs_are_served(api):
    schema = api.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/v1/match/" in schema.content
    docs = api.get("/api/docs/")
    assert docs.status_code == 200
    assert b"drf_spectacular_sidecar" in docs.content and b"cdn" not in docs.content.lower()
