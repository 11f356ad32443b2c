"""
A start-up mistake that deserves one clear line, not a traceback: DATABASE_URL naming a PostgreSQL
database that does not exist yet (the server answers, the database was never created).

- manage.py runs every command inside `explained_startup_errors()`: migrate, load_guide, runserver…
  print the line and exit with status 1.
- A gunicorn worker checks once as it boots (CoreConfig.ready → `check_database_at_server_start`) and
  exits with gunicorn's "worker failed to boot" status, so gunicorn stops with the line in its log
  rather than starting and answering every request with a 500.

Any other database error (the server is down, a wrong password) is left alone: the server must still
start while PostgreSQL restarts, and Django's own message is clear enough for those.

Imported by manage.py before Django is set up: nothing here may touch settings at import time.
"""

import contextlib
import logging
import os
import re
import shlex
import sys
import threading

logger = logging.getLogger(__name__)

MISSING_DATABASE = re.compile(r'database "(?P<name>[^"]+)" does not exist')

# What gunicorn's arbiter reads as "a worker failed to boot": it stops instead of starting another.
GUNICORN_WORKER_BOOT_ERROR = 3


def missing_database_hint(error):
    """The line to show when `error` (or what caused it) says a database does not exist; else None."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        match = MISSING_DATABASE.search(str(error))
        if match:
            return _hint(match["name"])
        error = error.__cause__ or error.__context__
    return None


def _hint(name):
    from django.conf import settings

    database = next((db for db in settings.DATABASES.values() if db.get("NAME") == name), {})
    command = ["createdb", "-h", database.get("HOST") or "localhost"]
    if database.get("PORT"):
        command += ["-p", str(database["PORT"])]
    if database.get("USER"):
        command += ["-U", database["USER"]]
    return (
        f'The PostgreSQL database "{name}" named by DATABASE_URL does not exist: create it with '
        f"`{shlex.join([*command, name])}`, then run `python manage.py migrate`."
    )


@contextlib.contextmanager
def explained_startup_errors():
    """Around a management command: a missing database is one line on stderr and exit status 1."""
    from django.db.utils import OperationalError

    previous_hook = threading.excepthook

    def excepthook(args):
        # runserver's autoreloader runs the command in a thread: its exceptions end up here.
        hint = missing_database_hint(args.exc_value)
        if hint is None:
            return previous_hook(args)
        print(hint, file=sys.stderr, flush=True)
        os._exit(1)  # the reloader would otherwise wait for a file to change; it exits with our status

    threading.excepthook = excepthook
    try:
        yield
    except OperationalError as error:
        hint = missing_database_hint(error)
        if hint is None:
            raise
        print(hint, file=sys.stderr, flush=True)
        sys.exit(1)
    finally:
        threading.excepthook = previous_hook


def check_database_at_server_start():
    """In a gunicorn process: stop it at boot, with the line in its log, if the database does not exist."""
    if "gunicorn.arbiter" not in sys.modules:
        return
    from django.db import DEFAULT_DB_ALIAS, connections

    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        return
    try:
        # A raw connection, not a query: Django discourages queries while apps load, and this is no query.
        connection.get_new_connection({**connection.get_connection_params(), "connect_timeout": 5}).close()
    except Exception as error:  # a server that is down or restarting must not stop the app from starting
        hint = missing_database_hint(error)
        if hint:
            logger.critical(hint)
            sys.exit(GUNICORN_WORKER_BOOT_ERROR)
