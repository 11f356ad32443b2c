"""The settings refuse to run insecurely in production."""

import os
import subprocess
import sys

from django.conf import settings


def import_settings(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}} | env
    return subprocess.run(
        [sys.executable, "-c", "import careerguide.settings"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_production_refuses_the_development_secret_key():
    result = import_settings(DEBUG="false")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_starts_with_a_real_secret_key():
    assert import_settings(DEBUG="false", SECRET_KEY="x" * 50).returncode == 0


def test_an_unknown_yes_no_value_stops_start_up_with_a_clear_message():
    result = import_settings(DEBUG="false", SECRET_KEY="x" * 50, SECURE_SSL_REDIRECT="ture")
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT='ture' is not a yes/no value" in result.stderr


def test_a_number_setting_that_is_not_a_number_stops_start_up():
    result = import_settings(CACHE_SECONDS="five")
    assert result.returncode != 0 and "CACHE_SECONDS='five' is not a whole number" in result.stderr


def test_redis_url_switches_the_cache_to_redis():
    result = subprocess.run(
        [sys.executable, "-c", "import careerguide.settings as s; print(s.CACHES['default']['BACKEND'])"],
        cwd=settings.BASE_DIR,
        env=os.environ | {"REDIS_URL": "redis://127.0.0.1:6379/1"},
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "core.cache_backends.ResilientRedisCache"


def database_options(**env):
    code = "import careerguide.settings as s; print({a: d.get('OPTIONS', {}) for a, d in s.DATABASES.items()})"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=os.environ | env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_postgresql_connections_turn_the_jit_off_and_sqlite_is_left_alone():
    pg = "postgres://postgres@127.0.0.1:5432/x"
    assert "-c jit=off" in database_options(DATABASE_URL=pg, DATABASE_REPLICA_URLS=pg).split("replica_0")[1]
    assert "-c jit=off" in database_options(DATABASE_URL=pg).split("default")[1]
    assert "jit" not in database_options(DATABASE_URL=pg, PG_JIT="on")
    assert "jit" not in database_options(DATABASE_URL="sqlite:////tmp/x.sqlite3")
