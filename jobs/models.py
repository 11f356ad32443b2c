"""
A background job: one long piece of admin work, with what an operator watching it needs — how far it has
got (done of total), the errors so far by row, and at the end a summary. The task running it writes the
progress (jobs.progress.Progress); the admin page reads it from here, so a reload shows the current state.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from jobs.progress import estimate_seconds_left, format_duration

logger = logging.getLogger(__name__)

# A running job whose row has not changed for this long is shown as stalled ("no progress for N minutes"):
# a task flushes about once a second while it advances, so only a dead worker or one item taking minutes
# goes this long without a write.
STALLED_AFTER = timedelta(minutes=2)


class JobState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


FINISHED_STATES = (JobState.SUCCEEDED, JobState.FAILED)


class BackgroundJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Every job for staff who may view jobs; otherwise only the ones the user started."""
        if not user.is_active or not user.is_staff:
            return self.none()
        if user.has_perm("jobs.view_backgroundjob"):
            return self
        return self.filter(created_by=user)


class BackgroundJob(models.Model):
    kind = models.CharField(max_length=100, help_text="What work it is, as the task names it (demand.recount_all).")
    title = models.CharField(max_length=200)
    state = models.CharField(max_length=20, choices=JobState.choices, default=JobState.QUEUED)
    done = models.PositiveIntegerField(default=0, help_text="Items (rows, roles, records) done so far.")
    total = models.PositiveIntegerField(default=0, help_text="Items in all; 0 until the task has counted them.")
    error_count = models.PositiveIntegerField(default=0, help_text="Items that failed, all of them.")
    errors = models.JSONField(
        default=list,
        blank=True,
        help_text="The first failed items: [{row, field, message}] (jobs.progress.MAX_ERRORS).",
    )
    summary = models.TextField(blank=True, help_text="What the job did, written when it ends.")
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="How many times a worker started it: above 1, it was redelivered after a worker died."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="background_jobs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now_add=True, help_text="The last progress the task reported.")

    objects = BackgroundJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["created_by", "-created_at"], name="backgroundjob_creator_recent")]

    def __str__(self):
        return f"{self.title} ({self.get_state_display().lower()})"

    def enqueue_after_commit(self, task, *args):
        """
        Send `task(self.pk, *args)` once the transaction that made the job commits (in-process without a
        broker). A broker that is down fails the job at once, so that its page says so rather than "queued".
        """

        def send():
            try:
                task.delay(self.pk, *args)
            except Exception:
                logger.exception("Could not enqueue background job %s (%s).", self.pk, self.kind)
                now = timezone.now()
                BackgroundJob.objects.filter(pk=self.pk, state=JobState.QUEUED).update(
                    state=JobState.FAILED,
                    summary="Could not reach the task queue (the broker): the job never started. Try again later.",
                    finished_at=now,
                    updated_at=now,
                )

        transaction.on_commit(send)

    @property
    def is_finished(self):
        return self.state in FINISHED_STATES

    @property
    def percent(self):
        return self.done * 100 // self.total if self.total else 0

    def elapsed(self, now=None):
        """Seconds since a worker started it, up to its end; None before it started."""
        if self.started_at is None:
            return None
        return ((self.finished_at or now or timezone.now()) - self.started_at).total_seconds()

    def seconds_left(self, now=None):
        # A stalled job's estimate would only grow with the silence: none rather than a false one.
        if self.state != JobState.RUNNING or self.stalled_for(now):
            return None
        return estimate_seconds_left(self.elapsed(now), self.done, self.total)

    def stalled_for(self, now=None):
        """How long an unfinished job has gone without a word from its task, once that is over STALLED_AFTER."""
        if self.is_finished:
            return None
        silent = (now or timezone.now()) - self.updated_at
        return silent if silent >= STALLED_AFTER else None

    @property
    def errors_not_listed(self):
        return max(self.error_count - len(self.errors), 0)

    def status(self, now=None):
        """What the admin page shows, as its JSON endpoint sends it (read fresh on every poll)."""
        now = now or timezone.now()
        stalled, seconds_left = self.stalled_for(now), self.seconds_left(now)
        return {
            "id": self.pk,
            "state": self.state,
            "state_label": self.get_state_display(),
            "finished": self.is_finished,
            "done": self.done,
            "total": self.total,
            "percent": self.percent,
            "error_count": self.error_count,
            "elapsed": format_duration(self.elapsed(now)),
            "seconds_left": seconds_left,
            "time_left": format_duration(seconds_left) if self.state == JobState.RUNNING else "",
            "stalled_minutes": int(stalled.total_seconds() // 60) if stalled else None,
            "summary": self.summary,
        }
