"""core.db_errors.is_connection_loss, on real errors from real connections of both databases."""

import sqlite3

import psycopg2
import pytest
from django.db import DatabaseError, InterfaceError, OperationalError

from core.db_errors import is_connection_loss
from tests.core import database_errors

# The classifier reads driver errors only; the connections these tests open are their own, but
# pytest-django refuses any connection in a test without database access.
pytestmark = pytest.mark.django_db

needs_postgres = database_errors.needs_postgres


def test_sqlite_database_is_locked_is_not_a_connection_loss(tmp_path):
    error = database_errors.sqlite_locked(tmp_path / "db.sqlite3")
    assert isinstance(error, OperationalError) and "database is locked" in str(error)
    assert isinstance(error.__cause__, sqlite3.OperationalError)
    assert not is_connection_loss(error)
    assert not is_connection_loss(error.__cause__)


def test_sqlite_unable_to_open_the_file_is_a_connection_loss(tmp_path):
    error = database_errors.sqlite_cannot_open(tmp_path)
    assert isinstance(error, OperationalError) and "unable to open database file" in str(error)
    assert is_connection_loss(error)
    assert is_connection_loss(error.__cause__)


def test_other_sqlite_errors_are_not_a_connection_loss():
    with sqlite3.connect(":memory:") as raw, pytest.raises(sqlite3.OperationalError) as no_table:
        raw.execute("SELECT * FROM no_such_table")
    assert not is_connection_loss(no_table.value)


def test_a_refused_postgresql_connection_is_a_connection_loss():
    # No server needed: nothing listens on the port.
    error = database_errors.postgres_refused()
    assert isinstance(error, OperationalError) and type(error.__cause__) is psycopg2.OperationalError
    assert error.__cause__.pgcode is None
    assert is_connection_loss(error)


@needs_postgres
def test_a_postgresql_statement_timeout_is_not_a_connection_loss():
    error = database_errors.postgres_statement_timeout()
    assert isinstance(error, OperationalError) and error.__cause__.pgcode == "57014"
    assert not is_connection_loss(error)


@needs_postgres
def test_a_postgresql_deadlock_is_not_a_connection_loss():
    error = database_errors.postgres_deadlock()
    assert isinstance(error, OperationalError) and error.__cause__.pgcode == "40P01"
    assert not is_connection_loss(error)


@needs_postgres
def test_a_session_the_server_terminated_is_a_connection_loss():
    # Depending on timing, "terminating connection due to administrator command" (57P01) or "server
    # closed the connection unexpectedly" (no SQLSTATE): both mean the same.
    error = database_errors.postgres_terminated()
    assert isinstance(error, OperationalError)
    assert error.__cause__.pgcode in {None, "57P01"}
    assert is_connection_loss(error)


@needs_postgres
def test_a_query_on_a_closed_postgresql_connection_is_a_connection_loss():
    error = database_errors.postgres_closed()
    assert isinstance(error, InterfaceError) and "connection already closed" in str(error)
    assert is_connection_loss(error)


def with_sqlstate(code):
    """A psycopg2 error carrying this SQLSTATE (psycopg2 only sets `pgcode` from a server's answer)."""
    error_class = type("ServerError", (psycopg2.OperationalError,), {"pgcode": code})
    return error_class(f"server said {code}")


@pytest.mark.parametrize("code", ["08000", "08001", "08003", "08004", "08006", "08P01", "57P01", "57P02", "57P03"])
def test_connection_sqlstates_are_a_connection_loss(code):
    assert is_connection_loss(with_sqlstate(code))


@pytest.mark.parametrize("code", ["40P01", "40001", "57014", "55P03", "53100", "XX000"])
def test_other_sqlstates_are_not(code):
    assert not is_connection_loss(with_sqlstate(code))


def test_a_django_error_raised_by_hand_is_judged_by_its_message():
    assert is_connection_loss(OperationalError("server closed the connection unexpectedly"))
    assert not is_connection_loss(OperationalError("deadlock detected"))


@pytest.mark.parametrize(
    "error", [RuntimeError("could not connect to server"), DatabaseError("connection already closed"), ValueError()]
)
def test_errors_that_are_not_operational_or_interface_errors_are_not(error):
    assert not is_connection_loss(error)
