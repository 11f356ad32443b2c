"""
Anonymous visitors' pages and API reads, served from the shared cache and never stale.

Every cache key carries a *version token* for each model the response is built from. A write to a
model (save, delete, a many-to-many change, or a bulk status change in the admin) replaces that
model's token, so every key built with the old one becomes unreachable at once, on every app server
sharing the cache — nothing has to be found and deleted. Tokens are random, not counters, so a token
evicted from the cache can never come back as an old value and revive a stale entry.

Signed-in users and API clients sending credentials bypass the cache: curators see drafts, and what
they see must be the database's answer.

Tokens are replaced when the write's transaction commits, not when the row is saved: a visitor's
request in between would otherwise rebuild the page from the not-yet-committed old data and store it
under the new token. With read replicas, the commit also records the primary's WAL position, and a
cache miss is built from a replica only once it has replayed that far (else from the primary): a
lagging replica would otherwise put the old answer back into the cache for CACHE_SECONDS.
"""

import functools
import hashlib
import logging
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from rest_framework.response import Response

from core.content import content_models, page_models
from core.db_router import caught_up_replica, primary_write_position, use_database

logger = logging.getLogger(__name__)

VERSION_KEY = "content-version:{}"
WRITE_POSITION_KEY = "content-written-at-wal-position"


def label_of(model):
    return model._meta.label_lower


def versions(models):
    """The current token of each model, making one for any the cache does not hold (one round trip)."""
    keys = {VERSION_KEY.format(label_of(model)): model for model in models}
    found = cache.get_many(list(keys))
    for key in keys.keys() - found.keys():
        token = uuid.uuid4().hex
        # add() keeps a token another process set meanwhile; read back whichever won.
        found[key] = token if cache.add(key, token, timeout=None) else cache.get(key, token)
    return "|".join(found[key] for key in sorted(keys))


def invalidate(*models):
    """
    Make every cached response built from these models unreachable: now, and again once the current
    transaction commits (a response rebuilt in between may hold the old data under the new token).

    The tokens replaced at the commit are gathered into one callback per transaction: a bulk import
    saving 20,000 postings, each with its links and history, queued a callback per save before.
    """
    _replace_tokens(models)
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        _pending_at_commit(connection).update(models)


def _replace_tokens(models):
    if settings.DATABASE_REPLICAS:  # first, so a miss after the new tokens waits for this write
        cache.set(WRITE_POSITION_KEY, primary_write_position(), timeout=None)
    cache.set_many({VERSION_KEY.format(label_of(model)): uuid.uuid4().hex for model in models}, timeout=None)


def _pending_at_commit(connection):
    """
    The models whose tokens this transaction replaces when it commits: one on_commit callback for them
    all. A rollback discards the callback (and a savepoint's rollback the one registered inside it);
    then a fresh set and callback are started.
    """
    flush = getattr(connection, "_invalidate_at_commit", None)
    if flush is None or not any(entry[1] is flush for entry in connection.run_on_commit):
        models = set()

        def flush():
            _replace_tokens(models)

        flush.models = models
        connection._invalidate_at_commit = flush
        transaction.on_commit(flush, using=connection.alias)
    return flush.models


def database_for_a_miss():
    """Where a response that will be cached is built: the primary, or a replica that has seen every write."""
    if not settings.DATABASE_REPLICAS:
        return DEFAULT_DB_ALIAS
    return caught_up_replica(cache.get(WRITE_POSITION_KEY))


def _invalidate_sender(sender, **kwargs):
    # A write through a proxy (the review queue's PostingAwaitingReview) is a write to the model's rows.
    invalidate(sender._meta.concrete_model)


def connect_invalidation():
    for model in content_models():
        post_save.connect(_invalidate_sender, sender=model, dispatch_uid=f"cache-save-{label_of(model)}")
        post_delete.connect(_invalidate_sender, sender=model, dispatch_uid=f"cache-delete-{label_of(model)}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _invalidate_m2m,
                sender=field.remote_field.through,
                dispatch_uid=f"cache-m2m-{label_of(model)}-{field.name}",
            )


def _invalidate_m2m(sender, instance, model, **kwargs):
    invalidate(sender, type(instance), model)


def is_cacheable(request):
    return (
        settings.CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        # Without a session cookie nobody is signed in; reading request.user would mark the session
        # accessed and add `Vary: Cookie` to every anonymous response.
        and not (settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated)
    )


def cache_key(kind, request, models):
    # The absolute URI: API responses embed links built from the host the client asked for.
    digest = hashlib.sha256(f"{request.build_absolute_uri()}\n{versions(models)}".encode()).hexdigest()
    return f"{kind}:{digest}"


def cached_page(*depends_on):
    """
    Serve a site view's 200 responses to anonymous visitors from the cache. `depends_on` names the
    models (classes or "app.Model" labels) the page is built from; without it, every content model and
    every table derived from them (core/content.py).
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not is_cacheable(request):
                return view(request, *args, **kwargs)
            key = cache_key("page", request, _resolve(depends_on))
            response = cache.get(key)
            if response is None:
                with use_database(database_for_a_miss()):
                    response = view(request, *args, **kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
                if response.status_code == 200 and not response.streaming and not response.cookies:
                    cache.set(key, response, settings.CACHE_SECONDS)
            return response

        return wrapped

    return decorator


def _resolve(depends_on):
    if not depends_on:
        return page_models()
    return [apps.get_model(model) if isinstance(model, str) else model for model in depends_on]


class CachedReadsMixin:
    """
    For DRF viewsets: anonymous list and retrieve responses come from the cache, as rendered bytes in
    the format the client negotiated. The lookup runs in the handler, after DRF has authenticated,
    checked permissions and throttled, so rate limits still count every request; the bytes are stored
    in finalize_response, once DRF has rendered them. `cache_depends_on` names the models, as for
    `cached_page`.
    """

    cache_depends_on = ()
    _cache_key_to_fill = None

    def _cached(self, kind, request, produce):
        if not is_cacheable(request._request):
            return produce()
        key = cache_key(
            f"api-{kind}-{request.accepted_renderer.format}", request._request, _resolve(self.cache_depends_on)
        )
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        self._cache_key_to_fill = key
        with use_database(database_for_a_miss()):
            return produce()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self._cache_key_to_fill and response.status_code == 200 and isinstance(response, Response):
            response.render()
            # An empty body (a CSV of no rows) has no Content-Type: DRF drops it.
            content_type = response.get("Content-Type", response.accepted_media_type)
            cache.set(self._cache_key_to_fill, (response.content, content_type), settings.CACHE_SECONDS)
        return response

    def list(self, request, *args, **kwargs):
        return self._cached("list", request, lambda: super(CachedReadsMixin, self).list(request, *args, **kwargs))

    def retrieve(self, request, *args, **kwargs):
        return self._cached(
            "retrieve", request, lambda: super(CachedReadsMixin, self).retrieve(request, *args, **kwargs)
        )
