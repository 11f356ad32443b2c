"""
Reporting a job's progress cheaply, to the database (a BackgroundJob row), to a terminal, or both.

A task counts items in memory and writes at most about once a second (or every `every` items, whichever
comes first): one UPDATE of a few columns, never a write per item. The time left is not stored: it is
elapsed / done × remaining, computed when shown (estimate_seconds_left).
"""

import time

from django.db.models import F
from django.utils import timezone

# Errors kept by row: the first this many; beyond them only their number (BackgroundJob.error_count).
MAX_ERRORS = 1_000
FLUSH_SECONDS = 1.0


def estimate_seconds_left(elapsed_seconds, done, total):
    """elapsed / done × remaining; None before the first item (nothing to go on) or when total is unknown."""
    if elapsed_seconds is None or not done or not total:
        return None
    return max(elapsed_seconds / done * max(total - done, 0), 0.0)


def format_duration(seconds):
    """42 → "42 s", 150 → "2 min 30 s", 7260 → "2 h 1 min"; None → "—"."""
    if seconds is None:
        return "—"
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds} s" if seconds else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


class Progress:
    """
    What a task reports as it goes: `advance()` per item, `error(row, message, field="")` per failed item,
    then `finish(summary)` or `fail(summary)`. `job` (a BackgroundJob, or None) gets the UPDATEs; `stream`
    (a file, e.g. a command's stdout, or None) gets one line per flush. Either may be left out.

    `start()` resets the job's counts, so a task redelivered after its worker died starts over cleanly.
    """

    def __init__(self, job=None, *, total=0, stream=None, every=1_000, flush_seconds=FLUSH_SECONDS):
        self.job, self.stream, self.total = job, stream, total
        self.every, self.flush_seconds = every, flush_seconds
        self.done = self.error_count = 0
        self.errors = []
        self._errors_flushed = 0  # how many of self.errors the row holds already
        self._started = self._last_flush = time.monotonic()
        self._done_at_last_flush = 0

    def start(self, total=None):
        # The models import this module's maths (time left), so the model is imported where it is used.
        from jobs.models import BackgroundJob, JobState

        if total is not None:
            self.total = total
        self._started = self._last_flush = time.monotonic()
        if self.job is not None:
            now = timezone.now()
            BackgroundJob.objects.filter(pk=self.job.pk).update(
                state=JobState.RUNNING,
                total=self.total,
                done=0,
                error_count=0,
                errors=[],
                summary="",
                started_at=now,
                finished_at=None,
                updated_at=now,
                attempts=F("attempts") + 1,
            )
        return self

    def advance(self, count=1):
        self.done += count
        if (
            self.done - self._done_at_last_flush >= self.every
            or time.monotonic() - self._last_flush >= self.flush_seconds
        ):
            self.flush()

    def error(self, row, message, field=""):
        """One item failed: kept by row (the first MAX_ERRORS), always counted."""
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"row": str(row), "field": field, "message": str(message)})

    @property
    def elapsed(self):
        return time.monotonic() - self._started

    def flush(self):
        self._last_flush, self._done_at_last_flush = time.monotonic(), self.done
        if self.job is not None:
            self._write()
        if self.stream is not None:
            self._print()

    def finish(self, summary, *, failed=False):
        from jobs.models import JobState

        self.flush()
        state = JobState.FAILED if failed else JobState.SUCCEEDED
        if self.job is not None:
            self._write(state=state, summary=summary, finished_at=timezone.now())
        if self.stream is not None:
            self.stream.write(summary)

    def fail(self, summary):
        self.finish(summary, failed=True)

    def _write(self, **final):
        from jobs.models import BackgroundJob

        columns = {"done": self.done, "error_count": self.error_count, "updated_at": timezone.now(), **final}
        # The error list only when it grew: a long run without errors writes three integers and a time.
        if len(self.errors) != self._errors_flushed:
            columns["errors"] = self.errors
            self._errors_flushed = len(self.errors)
        BackgroundJob.objects.filter(pk=self.job.pk).update(**columns)

    def _print(self):
        left = estimate_seconds_left(self.elapsed, self.done, self.total)
        percent = f" ({self.done * 100 // self.total}%)" if self.total else ""
        errors = f", {self.error_count} error{'s' if self.error_count != 1 else ''}" if self.error_count else ""
        self.stream.write(f"{self.done}/{self.total}{percent}{errors}, time left {format_duration(left)}")
