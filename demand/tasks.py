"""
The background work of skill demand (settings, "Background work"): recounting the roles a write marked
dirty, the scheduled sweep of every role still dirty or stale, and the admin's "Recount all skill demand"
(a BackgroundJob with a progress bar). All are idempotent — a recount replaces a role's rows from its
postings — so a task run twice (redelivered after its worker died: acknowledged late, settings) is safe.
"""

import logging

from celery import shared_task

from demand import refresh
from jobs.models import BackgroundJob
from jobs.progress import Progress, format_duration
from roles.models import Role

RECOUNT_ALL_KIND = "demand.recount_all"

logger = logging.getLogger(__name__)


class RecountFailed(Exception):
    """Some roles could not be recounted; they stay marked dirty for the stale sweep."""


def recount(role_ids):
    """Recount each role in its own transaction; one that fails is logged and keeps its dirty mark."""
    done, failed = recount_reporting(role_ids, Progress())
    if failed:
        raise RecountFailed(f"{len(failed)} of {len(set(role_ids))} roles not recounted: {failed}")
    return done


def recount_reporting(role_ids, progress):
    """
    `recount`, telling `progress` (jobs.progress.Progress: a job's row, a terminal) after each role, with
    a failed role's error by its slug; ends the progress with a summary. Returns (recounted, failed ids).
    """
    role_ids = sorted(set(role_ids))
    progress.start(total=len(role_ids))
    done, failed = 0, []
    for role_id in role_ids:
        try:
            done += refresh.refresh_role(role_id)
        except Exception as error:
            logger.exception("Skill demand recount of role %s failed; it stays marked dirty.", role_id)
            failed.append(role_id)
            slug = Role.objects.filter(pk=role_id).values_list("slug", flat=True).first()
            progress.error(row=slug or role_id, message=f"{type(error).__name__}: {error}")
        progress.advance()
    summary = (
        f"Recounted skill demand for {done} role{'s' if done != 1 else ''} in {format_duration(progress.elapsed)}."
    )
    if failed:
        summary += f" {len(failed)} failed and stay marked dirty: the stale sweep tries them again."
    # Failed only when nothing could be counted; a partial recount succeeded, with its errors by row.
    progress.finish(summary, failed=bool(failed) and not done)
    return done, failed


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


def start_recount_of_every_role(user):
    """The admin's "Recount all skill demand": a job, and its task sent once the job is committed."""
    job = BackgroundJob.objects.create(kind=RECOUNT_ALL_KIND, title="Recount all skill demand", created_by=user)
    job.enqueue_after_commit(recount_every_role)
    return job


@shared_task(name="demand.tasks.recount_every_role")
def recount_every_role(job_id):
    """Every role, reporting on the job after each. Redelivered after the job ended (or was deleted): nothing."""
    job = BackgroundJob.objects.filter(pk=job_id).first()
    if job is None or job.is_finished:
        return 0
    logger.info("Recounting skill demand for every role (background job %s).", job_id)
    role_ids = Role.objects.order_by("pk").values_list("pk", flat=True)
    return recount_reporting(role_ids, Progress(job))[0]
