"""
Health endpoints for a load balancer or orchestrator. Never cached, never throttled, no session.

/healthz: the process is up and serving (no dependency checked, so a database outage does not make
every server look dead and get restarted in a loop).
/readyz: the process can do its work: the primary database and each replica answer (503 with the
failing parts named when not, so the balancer stops sending traffic here meanwhile). The cache is
checked and reported too, but a failing cache leaves the answer 200 ("degraded"): the app serves from
the database without it (core/cache_backends.py), and every server shares the one cache, so a 503
would take them all out of the balancer for an outage they survive.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    checks = {alias: _database_answers(alias) for alias in [DEFAULT_DB_ALIAS, *settings.DATABASE_REPLICAS]}
    ready = all(checks.values())
    checks["cache"] = _cache_answers()
    status = "unavailable" if not ready else "ok" if checks["cache"] else "degraded"
    return JsonResponse(
        {"status": status, "checks": {k: "ok" if v else "failing" for k, v in checks.items()}},
        status=200 if ready else 503,
    )


def _database_answers(alias):
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("readyz: database %s does not answer", alias)
        connections[alias].close_if_unusable_or_obsolete()
        return False


def _cache_answers():
    key, token = "readyz-probe", uuid.uuid4().hex
    try:
        cache.set(key, token, timeout=10)
        return cache.get(key) == token
    except Exception:
        logger.exception("readyz: the cache does not answer")
        return False
