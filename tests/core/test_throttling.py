"""The API's anonymous rate limit counts each client once, whatever headers the client sends."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def limit_of_two(settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] | {"anon": "2/hour"}
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {"DEFAULT_THROTTLE_RATES": rates}
    settings.CACHE_SECONDS = 0
    cache.clear()
    from rest_framework.settings import api_settings

    from core.throttling import AnonFixedWindowThrottle

    # DRF reads the rates into a class attribute when it loads; other tests may have set it on a parent.
    api_settings.reload()
    AnonFixedWindowThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    yield
    del AnonFixedWindowThrottle.THROTTLE_RATES
    api_settings.reload()


def test_a_forged_forwarded_for_header_does_not_reset_the_limit(client, limit_of_two):
    statuses = [client.get("/api/v1/skills/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(3)]
    assert statuses == [200, 200, 429]


def test_another_address_has_its_own_limit(client, limit_of_two):
    for _ in range(2):
        client.get("/api/v1/skills/", REMOTE_ADDR="198.51.100.1")
    assert client.get("/api/v1/skills/", REMOTE_ADDR="198.51.100.1").status_code == 429
    assert client.get("/api/v1/skills/", REMOTE_ADDR="198.51.100.2").status_code == 200


def test_behind_a_proxy_the_configured_header_names_the_client(client, limit_of_two, settings):
    settings.CLIENT_IP_META_KEYS = ["HTTP_X_REAL_IP", "REMOTE_ADDR"]
    for _ in range(2):
        client.get("/api/v1/skills/", HTTP_X_REAL_IP="192.0.2.7", REMOTE_ADDR="10.0.0.2")
    assert client.get("/api/v1/skills/", HTTP_X_REAL_IP="192.0.2.7", REMOTE_ADDR="10.0.0.2").status_code == 429
    assert client.get("/api/v1/skills/", HTTP_X_REAL_IP="192.0.2.8", REMOTE_ADDR="10.0.0.2").status_code == 200
