import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


def test_healthz_says_the_process_is_up(client):
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert "no-cache" in response["Cache-Control"]


def test_readyz_checks_the_database_and_the_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"default": "ok", "cache": "ok"}}


def test_readyz_stays_ready_but_says_degraded_when_the_cache_fails(client, monkeypatch):
    # The app serves from the database without its cache: no reason to leave the balancer.
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "checks": {"default": "ok", "cache": "failing"}}


def test_readyz_is_503_when_the_database_fails(client, monkeypatch):
    from core import health

    monkeypatch.setattr(health, "_database_answers", lambda alias: False)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_health_endpoints_refuse_writes(client):
    assert client.post("/healthz").status_code == 405
