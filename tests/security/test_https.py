"""Production turns on HSTS, secure cookies and the HTTPS redirect; development keeps plain HTTP working."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SILENCED_SYSTEM_CHECKS",
]
# The deployment's own choices are removed first, so each test sees the defaults plus what it sets.
# Also what the browser suite sets for its own process (tests/e2e/conftest.py), which a deployment never has.
DEPLOYMENT_VARIABLES = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE", *SETTINGS}


def environment(**env):
    return {k: v for k, v in os.environ.items() if k not in DEPLOYMENT_VARIABLES} | env


def production(**env):
    return environment(DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50), **env)


def settings_under(env):
    code = f"import json, careerguide.settings as s; print(json.dumps({{n: getattr(s, n, None) for n in {SETTINGS}}}))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_production_defaults_to_hsts_secure_cookies_and_the_https_redirect():
    assert settings_under(production()) == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SILENCED_SYSTEM_CHECKS": ["security.W021"],  # "not preloaded", while preload is deliberately off
    }


def test_the_environment_can_change_the_hsts_policy():
    chosen = settings_under(
        production(SECURE_HSTS_SECONDS="300", SECURE_HSTS_INCLUDE_SUBDOMAINS="false", SECURE_HSTS_PRELOAD="true")
    )
    assert (chosen["SECURE_HSTS_SECONDS"], chosen["SECURE_HSTS_INCLUDE_SUBDOMAINS"]) == (300, False)
    assert chosen["SECURE_HSTS_PRELOAD"] is True and chosen["SILENCED_SYSTEM_CHECKS"] is None


def test_development_serves_plain_http():
    chosen = settings_under(environment())
    assert not chosen["SECURE_SSL_REDIRECT"] and not chosen["SECURE_HSTS_SECONDS"]
    assert not chosen["SESSION_COOKIE_SECURE"] and not chosen["CSRF_COOKIE_SECURE"]


def test_a_cool_off_under_a_minute_stops_start_up():
    result = subprocess.run(
        [sys.executable, "-c", "import careerguide.settings"],
        cwd=settings.BASE_DIR,
        env=environment(AXES_COOLOFF_MINUTES="0"),
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "AXES_COOLOFF_MINUTES must be at least 1" in result.stderr


@pytest.mark.django_db
def test_hsts_is_sent_over_https_only(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    assert client.get("/healthz", secure=True)["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/healthz")  # browsers ignore it over HTTP anyway


def test_check_deploy_is_clean_under_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=production(ALLOWED_HOSTS="careerguide.example.org"),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (1 silenced)." in result.stdout
