"""
Which database errors mean "the database is away" (a restart, a failover, a missing file) rather than a
bug. Only those get a 503 with Retry-After (core/middleware.py for pages, core/api/errors.py for the
API); a deadlock, a statement timeout or SQLite's "database is locked" is a 500 with its traceback in
the log, like any other failure the code should not have run into.
"""

import sqlite3

from django.db import InterfaceError, OperationalError

try:
    import psycopg2
except ImportError:  # a SQLite-only install
    psycopg2 = None

# SQLSTATE class 08 (connection exception) and the server going away under a session: 57P01 admin
# shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up or shutting down).
SHUTDOWN_SQLSTATES = {"57P01", "57P02", "57P03"}

# For an error raised by hand, with no driver error to read: the messages libpq and SQLite use.
CONNECTION_LOSS_MESSAGES = (
    "could not connect to server",
    "connection to server at",
    "connection to server on socket",
    "server closed the connection unexpectedly",
    "terminating connection due to administrator command",
    "no connection to the server",
    "connection already closed",
    "unable to open database file",
)


def is_connection_loss(exc):
    """True when `exc` (Django's wrapped error or the driver's own) says the database cannot be reached."""
    if not isinstance(exc, (OperationalError, InterfaceError, sqlite3.Error, *_psycopg2_errors())):
        return False
    # Django re-raises the driver's error as its own, `from` the original.
    driver_error = exc.__cause__ if isinstance(exc, (OperationalError, InterfaceError)) and exc.__cause__ else exc
    if psycopg2 is not None and isinstance(driver_error, psycopg2.Error):
        return _is_postgresql_connection_loss(driver_error)
    if isinstance(driver_error, sqlite3.Error):
        # SQLITE_CANTOPEN: the file or its directory is gone or unreadable. SQLITE_BUSY ("database is
        # locked") is another writer holding the lock too long: a 500, so that it is seen and fixed.
        return (getattr(driver_error, "sqlite_errorname", None) or "").startswith("SQLITE_CANTOPEN") or (
            "unable to open database file" in str(driver_error)
        )
    message = str(exc).lower()
    return any(phrase in message for phrase in CONNECTION_LOSS_MESSAGES)


def _is_postgresql_connection_loss(error):
    if error.pgcode:
        return error.pgcode.startswith("08") or error.pgcode in SHUTDOWN_SQLSTATES
    if isinstance(error, psycopg2.InterfaceError):
        return "connection already closed" in str(error)
    # No SQLSTATE: the server sent no error, libpq reports the link itself (could not connect, server
    # closed the connection, SSL EOF). psycopg2 picks a subclass (QueryCanceledError, errors.*) only from a
    # server's SQLSTATE, so the plain class is the one to look for.
    return type(error) is psycopg2.OperationalError


def _psycopg2_errors():
    return () if psycopg2 is None else (psycopg2.OperationalError, psycopg2.InterfaceError)
