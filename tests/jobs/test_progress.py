"""The progress maths (time left, stalled) and the reporter's writes: bounded, few, and reset on a rerun."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from jobs.models import STALLED_AFTER, JobState
from jobs.progress import MAX_ERRORS, Progress, estimate_seconds_left, format_duration
from tests.jobs.factories import BackgroundJobFactory


def test_time_left_is_elapsed_per_item_times_the_items_remaining():
    assert estimate_seconds_left(30, 10, 40) == 90  # 3 s an item, 30 to go
    assert estimate_seconds_left(30, 40, 40) == 0


def test_time_left_is_unknown_before_the_first_item_or_without_a_total():
    assert estimate_seconds_left(5, 0, 40) is None
    assert estimate_seconds_left(5, 3, 0) is None


def test_durations_read_as_an_operator_says_them():
    assert [format_duration(s) for s in (None, 42, 150, 180, 7260)] == ["—", "42 s", "2 min 30 s", "3 min", "2 h 1 min"]


@pytest.mark.django_db
def test_a_running_job_estimates_its_time_left_from_its_start():
    now = timezone.now()
    job = BackgroundJobFactory(state=JobState.RUNNING, done=25, total=100, started_at=now - timedelta(seconds=50))
    assert job.percent == 25
    assert job.seconds_left(now) == pytest.approx(150)
    assert job.status(now)["time_left"] == "2 min 30 s"


@pytest.mark.django_db
def test_a_finished_job_has_no_time_left_and_keeps_its_elapsed_time():
    now = timezone.now()
    job = BackgroundJobFactory(
        state=JobState.SUCCEEDED, done=4, total=4, started_at=now - timedelta(minutes=5), finished_at=now
    )
    assert job.seconds_left(now + timedelta(hours=1)) is None
    assert job.elapsed(now + timedelta(hours=1)) == 300
    assert job.status(now)["time_left"] == ""
    assert job.status(now)["elapsed"] == "5 min"


@pytest.mark.django_db
def test_a_job_silent_for_longer_than_the_limit_is_stalled():
    job = BackgroundJobFactory(state=JobState.RUNNING, done=3, total=10)
    assert job.stalled_for(job.updated_at + STALLED_AFTER - timedelta(seconds=1)) is None
    later = job.updated_at + timedelta(minutes=7)
    assert job.stalled_for(later) == timedelta(minutes=7)
    assert job.status(later)["stalled_minutes"] == 7


@pytest.mark.django_db
def test_a_finished_job_is_never_stalled():
    job = BackgroundJobFactory(state=JobState.FAILED)
    assert job.stalled_for(job.updated_at + timedelta(days=1)) is None


@pytest.mark.django_db
def test_progress_writes_about_once_a_second_not_once_per_item(django_assert_max_num_queries):
    job = BackgroundJobFactory()
    progress = Progress(job, flush_seconds=3600, every=400).start(total=1_000)
    with django_assert_max_num_queries(2):  # at 400 and 800: one UPDATE each
        for _ in range(1_000):
            progress.advance()
    job.refresh_from_db()
    assert (job.state, job.done, job.total) == (JobState.RUNNING, 800, 1_000)
    progress.finish("All done.")
    job.refresh_from_db()
    assert (job.state, job.done, job.summary) == (JobState.SUCCEEDED, 1_000, "All done.")
    assert job.finished_at is not None


@pytest.mark.django_db
def test_errors_are_kept_by_row_up_to_the_cap_and_counted_beyond_it():
    job = BackgroundJobFactory()
    progress = Progress(job).start(total=MAX_ERRORS + 5)
    for row in range(MAX_ERRORS + 5):
        progress.error(row=row + 1, field="title", message="This field is required.")
        progress.advance()
    progress.finish("Imported nothing.", failed=True)
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.error_count == MAX_ERRORS + 5 and len(job.errors) == MAX_ERRORS and job.errors_not_listed == 5
    assert job.errors[0] == {"row": "1", "field": "title", "message": "This field is required."}


@pytest.mark.django_db
def test_a_rerun_after_a_lost_worker_starts_the_counts_over():
    job = BackgroundJobFactory(state=JobState.RUNNING, done=7, total=10, error_count=2, errors=[{"row": "1"}])
    job.attempts = 1
    job.save()
    Progress(job).start(total=10)
    job.refresh_from_db()
    assert (job.done, job.error_count, job.errors, job.attempts) == (0, 0, [], 2)


def test_the_terminal_gets_done_of_total_and_the_time_left():
    out = io.StringIO()
    progress = Progress(stream=out, flush_seconds=0).start(total=4)
    progress.advance()
    assert "1/4 (25%), time left" in out.getvalue()
