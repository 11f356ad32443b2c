"""What every site page shares: the friendly 404 page (templates/404.html)."""

import pytest

pytestmark = pytest.mark.django_db


def test_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()


def test_favicon_ico_leads_to_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("favicon.svg")
