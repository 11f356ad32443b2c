"""
"Recount all skill demand": the admin's button starts a background job, its task recounts every role and
reports on the job (in-process here: no broker in the test run), and the command shows the same progress.
"""

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse

from demand import refresh, tasks
from demand.models import DirtyRole, RoleDemand
from jobs.models import BackgroundJob, JobState
from tests.demand.conftest import posting
from tests.factories import CuratorFactory
from tests.jobs.factories import BackgroundJobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recounter(db):
    user = CuratorFactory()
    user.user_permissions.add(Permission.objects.get(codename="recount_skill_demand"))
    return user


def test_the_task_recounts_every_role_and_ends_the_job_with_its_counts(world):
    posting(world["other"], [(world["a"], "essential")])  # a write the counts have not seen (no commit ran)
    job = BackgroundJobFactory(kind=tasks.RECOUNT_ALL_KIND)
    assert tasks.recount_every_role(job.pk) == 2
    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.error_count, job.attempts) == (JobState.SUCCEEDED, 2, 2, 0, 1)
    assert job.summary.startswith("Recounted skill demand for 2 roles in ")
    assert job.started_at <= job.finished_at
    assert RoleDemand.objects.get(role=world["other"]).live_postings == 2


def test_a_role_that_fails_is_listed_by_its_slug_and_the_rest_are_counted(world, monkeypatch):
    real = refresh.refresh_role

    def refresh_role(role_id, today=None):
        if role_id == world["role"].pk:
            raise RuntimeError("the database went away")
        return real(role_id, today)

    monkeypatch.setattr(refresh, "refresh_role", refresh_role)
    job = BackgroundJobFactory()
    tasks.recount_every_role(job.pk)
    job.refresh_from_db()
    assert (job.state, job.done, job.error_count) == (JobState.SUCCEEDED, 2, 1)
    assert job.errors == [{"row": "target", "field": "", "message": "RuntimeError: the database went away"}]
    assert "1 failed and stay marked dirty" in job.summary


def test_a_task_redelivered_after_its_job_ended_does_nothing(world):
    job = BackgroundJobFactory(state=JobState.SUCCEEDED, summary="Done once.")
    assert tasks.recount_every_role(job.pk) == 0
    job.refresh_from_db()
    assert (job.summary, job.attempts) == ("Done once.", 0)
    assert tasks.recount_every_role(999_999) == 0  # its job deleted


def test_the_button_starts_the_job_and_goes_to_its_page(client, world, recounter, django_capture_on_commit_callbacks):
    DirtyRole.objects.all().delete()
    client.force_login(recounter)
    assert "Recount all skill demand" in client.get(reverse("admin:demand_roledemand_changelist")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:demand_roledemand_recount"))
    job = BackgroundJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "admin:jobs_backgroundjob_change", args=[job.pk]
    )
    assert (job.created_by, job.state, job.done, job.total) == (recounter, JobState.SUCCEEDED, 2, 2)
    assert client.get(response["Location"]).status_code == 200


def test_the_button_is_refused_without_the_recount_permission(client, world):
    curator = CuratorFactory()
    curator.user_permissions.add(Permission.objects.get(codename="view_roledemand"))
    client.force_login(curator)
    assert "Recount all" not in client.get(reverse("admin:demand_roledemand_changelist")).content.decode()
    assert client.post(reverse("admin:demand_roledemand_recount")).status_code == 403
    assert not BackgroundJob.objects.exists()


def test_a_get_starts_nothing(client, world, recounter):
    client.force_login(recounter)
    assert client.get(reverse("admin:demand_roledemand_recount")).status_code == 405
    assert not BackgroundJob.objects.exists()


def test_a_broker_that_is_down_fails_the_job_at_once(
    client, world, recounter, monkeypatch, django_capture_on_commit_callbacks
):
    def down(*args):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(tasks.recount_every_role, "delay", down)
    client.force_login(recounter)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:demand_roledemand_recount"))
    job = BackgroundJob.objects.get()
    assert job.state == JobState.FAILED and "never started" in job.summary


def test_the_command_shows_done_of_total_and_the_time_left(world, capsys):
    call_command("refresh_skill_demand")
    out = capsys.readouterr().out
    assert "2/2 (100%), time left 0 s" in out
    assert "Recounted skill demand for 2 roles" in out


def test_the_command_fails_when_a_role_could_not_be_recounted(world, monkeypatch):
    def refresh_role(role_id, today=None):
        raise RuntimeError("no")

    monkeypatch.setattr(refresh, "refresh_role", refresh_role)
    with pytest.raises(Exception, match="2 of 2 roles could not be recounted"):
        call_command("refresh_skill_demand", verbosity=0)
