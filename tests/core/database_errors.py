"""
Real database errors, as Django raises them (its own class, `from` the driver's error), made by real
connections of their own: the test database is never touched.
"""

import contextlib
import sqlite3
import threading

import pytest
from django.db import DEFAULT_DB_ALIAS, DatabaseError, Error
from django.db.backends.postgresql.base import NO_DB_ALIAS
from django.db.utils import ConnectionHandler

from devtools.processes import free_port, shared_postgres_problem

# The shared server, whatever DATABASE_URL names (tests that need it skip when it does not answer).
POSTGRES = {
    "ENGINE": "django.db.backends.postgresql",
    "HOST": "127.0.0.1",
    "PORT": 5432,
    "NAME": "postgres",
    "USER": "postgres",
}
needs_postgres = pytest.mark.skipif(
    bool(shared_postgres_problem()), reason="PostgreSQL at 127.0.0.1:5432 is not answering"
)


@contextlib.contextmanager
def connection_to(**settings):
    """A Django connection with these settings, outside `django.db.connections`, closed afterwards."""
    # Under the alias Django gives its own side connections: django.contrib.postgres registers no type
    # handlers on it (that would query `connections[alias]`, the test database, by the alias).
    connection = ConnectionHandler({DEFAULT_DB_ALIAS: settings, NO_DB_ALIAS: settings})[NO_DB_ALIAS]
    try:
        yield connection
    finally:
        connection.close()


def raised_by(call):
    """The database error (Django's DatabaseError or InterfaceError) `call()` raises."""
    try:
        call()
    except Error as error:
        return error
    raise AssertionError(f"{call} raised nothing")


def sqlite_locked(path):
    """'database is locked': another connection holds the write lock on the file and we do not wait."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE IF NOT EXISTS t (x)")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO t VALUES (1)")
    try:
        with connection_to(ENGINE="django.db.backends.sqlite3", NAME=str(path), OPTIONS={"timeout": 0}) as own:
            return raised_by(lambda: own.cursor().execute("INSERT INTO t VALUES (2)"))
    finally:
        holder.close()


def sqlite_cannot_open(path):
    """'unable to open database file': the database's directory is gone."""
    with connection_to(ENGINE="django.db.backends.sqlite3", NAME=str(path / "gone" / "db.sqlite3")) as own:
        return raised_by(own.ensure_connection)


def postgres_refused():
    """Connecting to a port no server listens on: psycopg2's OperationalError with no SQLSTATE."""
    with connection_to(**(POSTGRES | {"PORT": free_port()})) as own:
        return raised_by(own.ensure_connection)


def postgres_statement_timeout():
    with connection_to(**POSTGRES) as own:
        own.cursor().execute("SET statement_timeout = 1")
        return raised_by(lambda: own.cursor().execute("SELECT pg_sleep(1)"))


def postgres_terminated():
    """The server ends our session (pg_terminate_backend, as at a restart); then the next query runs."""
    with connection_to(**POSTGRES) as own, connection_to(**POSTGRES) as admin:
        own.ensure_connection()
        admin.cursor().execute("SELECT pg_terminate_backend(%s)", [own.connection.get_backend_pid()])
        return raised_by(lambda: own.cursor().execute("SELECT 1"))


def postgres_closed():
    """A query on a connection that is closed already: psycopg2's InterfaceError."""
    with connection_to(**POSTGRES) as own:
        own.ensure_connection()
        own.connection.close()
        return raised_by(lambda: own.cursor().execute("SELECT 1"))


def postgres_deadlock():
    """Two sessions each waiting for the other's advisory lock: one of them gets 40P01."""
    first_key, second_key = free_port(), free_port() + 100_000  # any two keys no other test holds
    errors = []
    with connection_to(**POSTGRES) as one, connection_to(**POSTGRES) as two:
        for own, key in ((one, first_key), (two, second_key)):
            own.cursor().execute("SET deadlock_timeout = '50ms'")
            own.cursor().execute("SELECT pg_advisory_lock(%s)", [key])

        def wait_for(own, key):
            try:
                own.cursor().execute("SELECT pg_advisory_lock(%s)", [key])
            except DatabaseError as error:
                errors.append(error)
                own.cursor().execute("SELECT pg_advisory_unlock_all()")

        # Django connections belong to the thread that opened them unless told otherwise.
        one.inc_thread_sharing()
        waiter = threading.Thread(target=wait_for, args=(one, second_key))
        waiter.start()
        try:
            wait_for(two, first_key)
        finally:
            waiter.join(timeout=10)
            one.dec_thread_sharing()
    assert len(errors) == 1, errors
    return errors[0]
