"""
Real processes for the scale tests: a private Redis, a private PostgreSQL primary with a streaming
replica, throwaway databases on the shared PostgreSQL, and gunicorn instances of this app.

The helpers live in devtools/processes.py, so that `manage.py fault_drill` can use them too. Here
they are the tests' versions: a helper the machine cannot run skips the test (with the reason), one
that fails fails it. Each bounds every wait and always stops what it started — by its PID, nothing else.
"""

import contextlib
import functools

import pytest

from devtools import processes
from devtools.processes import (  # noqa: F401 (re-exported for the tests)
    APP_ENV_KEYS,
    PYTHON,
    ROOT,
    VENV_BIN,
    App,
    CommandFailed,
    Failed,
    PrivateCluster,
    RedisServer,
    Unavailable,
    app_env,
    collectstatic,
    create_token,
    free_port,
    http,
    kill_pid,
    manage,
    private_dir,
    run,
    shared_postgres_problem,
    sql,
    wait_for,
    wait_replica_caught_up,
)


@contextlib.contextmanager
def as_test_outcome():
    """Unavailable becomes a skip, Failed a failure with its message (no traceback into the helper)."""
    try:
        yield
    except Unavailable as reason:
        pytest.skip(str(reason))
    except CommandFailed:
        raise  # an AssertionError already, and wait_for retries it while polling
    except Failed as failure:
        pytest.fail(str(failure))


def _test_function(helper):
    @functools.wraps(helper)
    def wrapped(*args, **kwargs):
        with as_test_outcome():
            return helper(*args, **kwargs)

    return wrapped


def _test_context(helper):
    @contextlib.contextmanager
    @functools.wraps(helper)
    def wrapped(*args, **kwargs):
        with as_test_outcome(), helper(*args, **kwargs) as value:
            yield value

    return wrapped


pg_bin = _test_function(processes.pg_bin)
as_postgres = _test_function(processes.as_postgres)
psql = _test_function(processes.psql)

gunicorns = _test_context(processes.gunicorns)
gunicorn = _test_context(processes.gunicorn)
redis_server = _test_context(processes.redis_server)
shared_database = _test_context(processes.shared_database)
private_postgres = _test_context(processes.private_postgres)
primary_and_replica = _test_context(processes.primary_and_replica)
