"""`make run` (DEBUG on) shows visitors the site's own 404 and 400 pages, never Django's technical ones."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def debug_on(settings):
    settings.DEBUG = True


@pytest.mark.parametrize("url", ["/postings/?page=999", "/roles/no-such-role/", "/skills/no-such-skill/"])
def test_a_missing_page_is_the_sites_404(client, url):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 404
    assert "We couldn’t find that page" in html and "Django tried these URL patterns" not in html
    assert '<meta name="viewport"' in html  # the site's layout: readable on a phone


def test_an_over_long_search_is_the_sites_400_saying_why(client):
    response = client.get("/search/", {"q": "machine learning " * 20})
    html = response.content.decode()
    assert response.status_code == 400
    assert "That search is too long: at most 100 characters." in html and "Traceback" not in html


def test_the_api_keeps_its_own_error_shape(client):
    response = client.get("/api/v1/postings/", {"page": 999})
    assert response.status_code == 404 and response.json()["code"] == "not_found"
