"""
While the database is away, a page or an endpoint that needs it answers 503 with Retry-After, not a 500.
Any other database error (a lock held too long, a deadlock, a timeout) is a bug to see: a 500, logged with
its traceback and the request id, in the API's error shape under /api/.
"""

import logging

import pytest

from core.logs import RequestIdFilter
from roles import api
from roles.models import Role
from tests.core import database_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_with(monkeypatch, uncached):
    """`failing_with(error)`: the roles page and the roles API list raise `error` when they query."""

    def fail_with(error):
        def fail(*args, **kwargs):
            raise error

        monkeypatch.setattr(type(Role.objects.all()), "for_cards", fail)
        monkeypatch.setattr(api.RoleViewSet, "base_queryset", fail)

    return fail_with


@pytest.fixture(params=["postgresql refused", "sqlite file gone"])
def connection_lost(request, failing_with, tmp_path):
    if request.param == "postgresql refused":
        failing_with(database_errors.postgres_refused())
    else:
        failing_with(database_errors.sqlite_cannot_open(tmp_path))


@pytest.fixture
def database_locked(failing_with, tmp_path):
    failing_with(database_errors.sqlite_locked(tmp_path / "db.sqlite3"))


@pytest.fixture
def error_log(caplog):
    """The records logged at ERROR, each with the request id its handler would write."""
    caplog.handler.addFilter(RequestIdFilter())
    caplog.set_level(logging.WARNING)
    return lambda: [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_a_page_answers_503_with_retry_after(client, connection_lost, error_log):
    response = client.get("/roles/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Back in a moment" in response.content.decode()
    # An outage, not a bug: Django's line for the 503, no traceback.
    assert [record.exc_info for record in error_log()] == [None]


def test_the_api_answers_503_in_its_error_shape(client, connection_lost, error_log):
    response = client.get("/api/v1/roles/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json()["status"] == 503
    assert response.json()["code"] == "service_unavailable"
    assert [record.exc_info for record in error_log()] == [None]


def test_a_locked_database_on_a_page_is_a_logged_500(client, database_locked, error_log):
    client.raise_request_exception = False
    response = client.get("/roles/", headers={"X-Request-ID": "locked-page"})
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Back in a moment" not in response.content.decode()
    (record,) = error_log()
    assert record.request_id == "locked-page"
    assert "database is locked" in str(record.exc_info[1])


def test_a_locked_database_in_the_api_is_a_logged_500_in_its_error_shape(client, database_locked, error_log):
    client.raise_request_exception = False
    response = client.get("/api/v1/roles/", headers={"X-Request-ID": "locked-api"})
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert response.json() == {
        "status": 500,
        "code": "server_error",
        "detail": "Something went wrong on our side.",
        "errors": {},
    }
    (record,) = error_log()  # once: Django's handler does not log the 500 a second time
    assert record.request_id == "locked-api"
    assert "database is locked" in str(record.exc_info[1]) and record.exc_info[2] is not None


@database_errors.needs_postgres
@pytest.mark.parametrize("path", ["/roles/", "/api/v1/roles/"])
def test_a_postgresql_deadlock_is_a_logged_500(client, failing_with, error_log, path):
    failing_with(database_errors.postgres_deadlock())
    client.raise_request_exception = False
    assert client.get(path).status_code == 500
    (record,) = error_log()
    assert "deadlock detected" in str(record.exc_info[1])


def test_other_errors_are_left_to_the_500_handler(client, monkeypatch, uncached):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(type(Role.objects.all()), "for_cards", broken)
    client.raise_request_exception = False
    assert client.get("/roles/").status_code == 500
