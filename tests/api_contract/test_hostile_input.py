"""
No input reaches a 500: over-long values, broken percent-encoding, huge page numbers, odd methods, too
many parameters, NUL bytes in a body. Under /api/ every error, a 500 included, is in the API's JSON shape.
"""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from core.api import errors
from core.middleware import RejectNulBytesMiddleware
from skills.api import SkillViewSet

pytestmark = pytest.mark.django_db


def assert_error_shape(response, status):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"status", "code", "detail", "errors"} and body["status"] == status
    return body


def boom(*args, **kwargs):
    raise RuntimeError("a bug")


def test_a_bug_in_an_api_view_is_a_json_500_and_logged(api, monkeypatch, caplog):
    monkeypatch.setattr(SkillViewSet, "base_queryset", boom)
    api.raise_request_exception = False
    body = assert_error_shape(api.get(reverse("api:skill-list")), 500)
    assert body["code"] == "server_error" and "a bug" not in body["detail"]  # no internals leak
    assert any(record.exc_info and record.exc_info[1].args == ("a bug",) for record in caplog.records)


def test_a_bug_outside_the_views_is_a_json_500_under_api_and_the_500_page_elsewhere(api, client, monkeypatch):
    monkeypatch.setattr(RejectNulBytesMiddleware, "refuse", boom)  # fails before any view runs
    api.raise_request_exception = client.raise_request_exception = False
    assert_error_shape(api.get("/api/v1/skills/?q=%00"), 500)
    page = client.get("/skills/?q=%00")
    assert page.status_code == 500 and b"Something went wrong on our side" in page.content


def test_the_500_handler_answers_by_path():
    factory = RequestFactory()
    assert errors.server_error(factory.get("/api/v1/roles/"))["Content-Type"] == "application/json"
    assert errors.server_error(factory.get("/roles/"))["Content-Type"].startswith("text/html")


def test_too_many_parameters_is_a_json_400_under_api(api, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    query = "&".join(f"a{i}=1" for i in range(20))
    assert_error_shape(api.get(f"/api/v1/skills/?{query}"), 400)


@pytest.mark.parametrize(
    "url, status",
    [
        ("/api/v1/skills/?search=%ZZ", 200),  # left as the literal text "%ZZ"
        ("/api/v1/skills/?search=%C3%28", 200),  # invalid UTF-8: decoded with a replacement character
        ("/api/v1/roles/?skill=%E2%82", 200),  # names no skill: matches nothing
        ("/api/v1/roles/%ff/", 404),
        ("/api/v1/roles/%E2%82/", 404),
        ("/api/%%/", 404),
    ],
)
def test_broken_percent_encoding_is_answered_in_the_api_shape(api, guide, url, status):
    response = api.get(url)
    if status == 200:
        assert response.status_code == 200
    else:
        assert_error_shape(response, status)


@pytest.mark.parametrize(
    "url, status",
    [
        (f"/api/v1/postings/?page={10**40}", 404),
        (f"/api/v1/match/?skill=python&page={10**40}", 400),
        (f"/api/v1/salaries/{10**40}/", 404),
        (f"/api/v1/postings/?max_years={10**40}", 400),
        (f"/api/v1/postings/?pay_min_at_least={10**40}&pay_currency=USD&pay_period=year", 400),
    ],
)
def test_huge_numbers_are_client_errors(api, guide, url, status):
    assert_error_shape(api.get(url), status)


@pytest.mark.parametrize("method", ["PROPFIND", "TRACE", "CONNECT", "FOO"])
def test_odd_methods_are_a_json_405(api, method):
    assert_error_shape(api.generic(method, reverse("api:skill-list")), 405)


def test_writes_to_read_only_endpoints_are_a_json_405(api):
    assert_error_shape(api.post(reverse("api:match"), {}, format="json"), 405)


def test_a_nul_byte_in_the_path_is_a_400(api):
    assert_error_shape(api.get("/api/v1/roles/a%00b/"), 400)


def test_a_nul_byte_in_a_written_text_is_a_400_naming_the_field(api, curator, guide):
    api.force_authenticate(curator)
    response = api.patch(reverse("api:skill-detail", args=["python"]), {"description": "a\x00b"}, format="json")
    assert list(assert_error_shape(response, 400)["errors"]) == ["description"]


def test_an_over_long_site_search_gets_a_400_page_saying_so(client, guide):
    response = client.get("/search/", {"q": "é" * 5000})
    assert response.status_code == 400
    html = response.content.decode()
    assert "That search is too long: at most 100 characters." in html and "In: q." in html


def test_a_site_search_at_the_cap_is_answered(client, guide):
    assert client.get("/search/", {"q": "python " + "x" * 93}).status_code == 200


def test_an_empty_csv_page_is_served_and_cached(api, guide):
    url = "/api/v1/companies/?format=csv&search=no-such-company"
    first, second = api.get(url), api.get(url)  # the second comes from the cache
    assert (first.status_code, first.content, second.status_code, second.content) == (200, b"\r\n", 200, b"\r\n")
    assert first["Content-Type"].startswith("text/csv") and second["Content-Type"].startswith("text/csv")
