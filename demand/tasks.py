"""
The background work of skill demand (settings, "Background work"): recounting the roles a write marked
dirty, and the scheduled sweep of every role still dirty or stale. Both are idempotent — a recount
replaces a role's rows from its postings — so a task run twice (redelivered after its worker died) is safe.
"""

import logging

from celery import shared_task

from demand import refresh

logger = logging.getLogger(__name__)


class RecountFailed(Exception):
    """Some roles could not be recounted; they stay marked dirty for the stale sweep."""


def recount(role_ids):
    """Recount each role in its own transaction; one that fails is logged and keeps its dirty mark."""
    done, failed = 0, []
    for role_id in sorted(set(role_ids)):
        try:
            done += refresh.refresh_role(role_id)
        except Exception:
            logger.exception("Skill demand recount of role %s failed; it stays marked dirty.", role_id)
            failed.append(role_id)
    if failed:
        raise RecountFailed(f"{len(failed)} of {len(set(role_ids))} roles not recounted: {failed}")
    return done


@shared_task(name="demand.tasks.recount_roles")
def recount_roles(role_ids):
    """The recount a write enqueues when it commits: the roles it marked dirty (demand.signals)."""
    logger.info("Recounting skill demand for %d roles.", len(role_ids))
    return recount(role_ids)


@shared_task(name="demand.tasks.recount_stale")
def recount_stale():
    """The beat's sweep (every few minutes): every role dirty, never counted or stale (refresh.stale_role_ids)."""
    role_ids = refresh.stale_role_ids()
    if role_ids:
        logger.info("Recounting skill demand for %d stale or dirty roles.", len(role_ids))
    return recount(role_ids)
