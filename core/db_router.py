"""
Reads from PostgreSQL streaming replicas, writes to the primary (active only when DATABASE_REPLICA_URLS
is set; see settings.py).

A replica lags the primary by a moment, so anyone who may have just written must read from the primary
too, or they would not see their own change: PrimaryForWritersMiddleware marks such requests, and reads
inside a transaction on the primary stay there (a transaction must see what it wrote, and
select_for_update on a read-only replica would fail). Anonymous visitors, who never write, read from
the replicas.
"""

import random
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

# The database this context's reads are pinned to, if any. A ContextVar, not a thread-local, so it is
# also right for async views and threads that copy context.
_pinned = ContextVar("pinned_database", default=None)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class use_database:
    """`with use_database(alias):` sends this context's reads to that database."""

    def __init__(self, alias):
        self.alias = alias

    def __enter__(self):
        self._token = _pinned.set(self.alias)

    def __exit__(self, *exc_info):
        _pinned.reset(self._token)


def use_primary():
    """`with use_primary():` sends this context's reads to the primary (management commands, tests)."""
    return use_database(DEFAULT_DB_ALIAS)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        replicas = settings.DATABASE_REPLICAS
        if not replicas or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return _pinned.get() or random.choice(replicas)

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Replicas hold the same rows as the primary, so an object read from one may point at one from another.
        ours = {DEFAULT_DB_ALIAS, *settings.DATABASE_REPLICAS}
        return True if obj1._state.db in ours and obj2._state.db in ours else None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # Replicas are read-only copies: they get the schema by replication, never by migrate.
        return db == DEFAULT_DB_ALIAS


class PrimaryForWritersMiddleware:
    """
    Sends the whole request's reads to the primary when it writes (unsafe method), is the admin, or comes
    from someone signed in (session or an Authorization header, e.g. an API token, which DRF checks only
    later in the view): they must see what they have just written. Goes after AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.DATABASE_REPLICAS:  # everything reads the primary anyway; don't touch the session
            return self.get_response(request)
        with use_primary():  # the session and user behind a login just made live on the primary
            primary = (
                request.method not in SAFE_METHODS
                or request.path_info.startswith("/admin/")
                or "HTTP_AUTHORIZATION" in request.META
                # Only with a session cookie: reading request.user marks the session accessed, which adds
                # `Vary: Cookie` to the response and would split anonymous visitors' cache entries.
                or (settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated)
            )
        token = _pinned.set(DEFAULT_DB_ALIAS if primary else None)
        try:
            return self.get_response(request)
        finally:
            _pinned.reset(token)


# --- Knowing whether a replica has caught up ------------------------------------------------------


def primary_write_position():
    """The primary's current WAL position, e.g. '0/3000148' (PostgreSQL only)."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        return cursor.fetchone()[0]


def caught_up_replica(position):
    """
    A replica that has replayed the primary's WAL up to `position`, or the primary when none has (or
    when the position is unknown). One tiny query per replica asked.
    """
    if position is None:
        return DEFAULT_DB_ALIAS
    for alias in random.sample(settings.DATABASE_REPLICAS, len(settings.DATABASE_REPLICAS)):
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [position])
                if cursor.fetchone()[0]:
                    return alias
        except DatabaseError:  # a replica that is down is simply not caught up
            continue
    return DEFAULT_DB_ALIAS
