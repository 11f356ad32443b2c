import secrets

import pytest

from tests.scale.processes import app_env, manage, redis_server, shared_database


@pytest.fixture(scope="module")
def guide_database():
    """A throwaway database on the shared PostgreSQL (127.0.0.1:5432), migrated and holding the guide."""
    with shared_database("cg_two_") as url:
        env = app_env(DATABASE_URL=url)
        manage("migrate", "--noinput", "-v0", env=env)
        manage("load_guide", "-v0", env=env)
        yield url


@pytest.fixture
def redis_url():
    """A private Redis per test, so no test sees another's cached pages or throttle history."""
    with redis_server() as url:
        yield url


@pytest.fixture
def unique():
    return secrets.token_hex(3)
