"""
A job's page in Chromium under the real Content-Security-Policy: the bar and the counts follow the job as
its task reports (polled, no reload), and when the job ends the page shows its summary and errors by row.
"""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from jobs.models import BackgroundJob, JobState
from tests.e2e.conftest import HAVE_CHROMIUM
from tests.jobs.factories import BackgroundJobFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not HAVE_CHROMIUM, reason="browser tests need Chromium at /usr/bin/chromium"),
]


def test_the_page_follows_the_job_and_ends_with_its_summary(page, site, console_errors):
    user = get_user_model().objects.create_user("curie", password="a-long-test-passphrase", is_staff=True)
    job = BackgroundJobFactory(
        created_by=user, title="Recount all skill demand", state=JobState.RUNNING, total=40, started_at=timezone.now()
    )
    page.goto(f"{site}/admin/jobs/backgroundjob/{job.pk}/change/")
    page.get_by_label("Username").fill("curie")
    page.get_by_label("Password").fill("a-long-test-passphrase")
    page.get_by_role("button", name="Log in").click()
    bar = page.locator("progress#job-progress-bar")
    expect(bar).to_have_attribute("value", "0")

    # The task reports: the page catches up by polling, without a reload.
    BackgroundJob.objects.filter(pk=job.pk).update(done=10, error_count=1, updated_at=timezone.now())
    expect(page.locator('[data-field="done"]')).to_have_text("10", timeout=5000)
    expect(bar).to_have_attribute("value", "10")
    expect(page.locator('[data-field="percent"]')).to_have_text("25")
    expect(page.locator('[data-field="error_count"]')).to_have_text("1")
    expect(page.locator('[data-field="time_left"]')).not_to_have_text("—")

    BackgroundJob.objects.filter(pk=job.pk).update(
        done=40,
        state=JobState.SUCCEEDED,
        finished_at=timezone.now(),
        summary="Recounted skill demand for 39 roles in 12 s.",
        errors=[{"row": "data-scientist", "field": "", "message": "RuntimeError: no"}],
    )
    expect(page.get_by_text("Recounted skill demand for 39 roles in 12 s.")).to_be_visible(timeout=5000)
    expect(page.get_by_role("row").filter(has_text="data-scientist")).to_contain_text("RuntimeError: no")
    expect(page.locator('[data-field="state_label"]')).to_have_text("Succeeded")
