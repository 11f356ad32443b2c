"""While the database is away, a page or an endpoint that needs it answers 503 with Retry-After, not a 500."""

import pytest
from django.db import OperationalError

from roles.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_away(monkeypatch, uncached):
    def unreachable(*args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    monkeypatch.setattr(type(Role.objects.all()), "for_cards", unreachable)


def test_a_page_answers_503_with_retry_after(client, database_away):
    response = client.get("/roles/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Back in a moment" in response.content.decode()


def test_the_api_answers_503_in_its_error_shape(client, monkeypatch, uncached):
    from roles import api

    def unreachable(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(api.RoleViewSet, "base_queryset", unreachable)
    response = client.get("/api/v1/roles/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json()["status"] == 503
    assert response.json()["code"] == "service_unavailable"


def test_other_errors_are_left_to_the_500_handler(client, monkeypatch, uncached):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(type(Role.objects.all()), "for_cards", broken)
    client.raise_request_exception = False
    assert client.get("/roles/").status_code == 500
