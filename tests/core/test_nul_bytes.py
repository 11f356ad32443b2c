"""A NUL byte anywhere in a query string gets a 400 naming the parameter, never a 500, on both databases."""

import pytest

pytestmark = pytest.mark.django_db

SITE = [
    "/match/?skill=%00",
    "/compare/?role=%00&role=b",
    "/postings/?company=%00",
    "/search/?q=a%00b",
    "/skills/?x%00=1",
]
API = [
    "/api/v1/match/?skill=%00",
    "/api/v1/compare/?role=%00&role=x",
    "/api/v1/postings/?search=%00",
    "/api/v1/roles/?skill=py%00",
]


@pytest.mark.parametrize("url", SITE)
def test_the_site_answers_a_nul_byte_with_a_400_page(client, guide, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Contains a NUL character" in response.content.decode()


@pytest.mark.parametrize("url", API)
def test_the_api_answers_a_nul_byte_with_its_error_shape(api, guide, url):
    response = api.get(url)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and list(body["errors"].values())[0] == [
        "Contains a NUL character (%00), which no value can hold."
    ]
