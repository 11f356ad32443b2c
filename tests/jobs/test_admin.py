"""A job's admin page and its JSON status: who may see them, what they show, and the CSP they hold to."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from jobs.models import JobState
from tests.factories import CuratorFactory, UserFactory
from tests.jobs.factories import BackgroundJobFactory
from tests.security.test_csp import POLICY, InlineCode, directives

pytestmark = pytest.mark.django_db


def page(job):
    return reverse("admin:jobs_backgroundjob_change", args=[job.pk])


def status(job):
    return reverse("admin:jobs_backgroundjob_status", args=[job.pk])


@pytest.fixture
def running(curator):
    return BackgroundJobFactory(
        created_by=curator,
        state=JobState.RUNNING,
        done=30,
        total=120,
        started_at=timezone.now() - timedelta(seconds=60),
    )


def test_the_creator_sees_the_state_and_counts_as_json(client, curator, running):
    client.force_login(curator)
    response = client.get(status(running))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    body = response.json()
    assert {key: body[key] for key in ("state", "done", "total", "percent", "error_count", "finished")} == {
        "state": "running",
        "done": 30,
        "total": 120,
        "percent": 25,
        "error_count": 0,
        "finished": False,
    }
    assert body["seconds_left"] == pytest.approx(180, abs=5)  # 60 s for 30 roles, 90 to go
    assert body["stalled_minutes"] is None


def test_another_curator_without_the_view_permission_is_refused(client, running):
    client.force_login(CuratorFactory())
    assert client.get(status(running)).status_code == 403
    assert client.get(page(running)).status_code == 403
    assert client.get(reverse("admin:jobs_backgroundjob_changelist")).context["cl"].result_count == 0


def test_staff_with_the_view_permission_see_every_job(client, running):
    operator = UserFactory(is_staff=True)
    operator.user_permissions.add(Permission.objects.get(codename="view_backgroundjob"))
    client.force_login(operator)
    assert client.get(status(running)).status_code == 200
    assert client.get(reverse("admin:jobs_backgroundjob_changelist")).context["cl"].result_count == 1


def test_a_visitor_who_is_not_staff_is_sent_to_the_login(client, running):
    assert client.get(status(running)).status_code == 302
    client.force_login(UserFactory())
    assert client.get(status(running)).status_code == 302


def test_an_unknown_job_is_not_found(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("admin:jobs_backgroundjob_status", args=[999])).status_code == 404


def test_the_page_shows_a_progress_bar_read_from_the_database(client, curator, running):
    client.force_login(curator)
    response = client.get(page(running))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<progress id="job-progress-bar" max="120" value="30">' in html
    assert f'data-status-url="{status(running)}"' in html
    assert "js/job-progress.js" in html
    assert 'data-field="time_left">3 min' in html
    assert "No progress for" in html  # the warning is there, hidden until the job stalls
    assert 'role="alert" hidden' in html


def test_the_page_holds_to_the_strict_policy(client, curator, running):
    client.force_login(curator)
    response = client.get(page(running))
    assert directives(response) == POLICY
    assert InlineCode(response.content.decode()).found == []


def test_a_stalled_job_says_how_long_it_has_made_no_progress(client, curator, running):
    type(running).objects.filter(pk=running.pk).update(updated_at=timezone.now() - timedelta(minutes=12))
    client.force_login(curator)
    assert client.get(status(running)).json()["stalled_minutes"] == 12
    html = client.get(page(running)).content.decode()
    assert 'role="alert" hidden' not in html
    assert '<span data-field="stalled_minutes">12</span> minutes' in html


def test_a_finished_job_shows_its_summary_and_errors_by_row(client, curator):
    job = BackgroundJobFactory(
        created_by=curator,
        state=JobState.SUCCEEDED,
        done=3,
        total=3,
        error_count=1,
        errors=[{"row": "data-scientist", "field": "", "message": "OperationalError: database is locked"}],
        summary="Recounted skill demand for 2 roles in 1 s.",
        started_at=timezone.now(),
        finished_at=timezone.now(),
    )
    client.force_login(curator)
    html = client.get(page(job)).content.decode()
    assert "Recounted skill demand for 2 roles in 1 s." in html
    assert "<td>data-scientist</td><td>—</td><td>OperationalError: database is locked</td>" in html
    assert 'data-finished="true"' in html
    assert InlineCode(html).found == []


def test_jobs_cannot_be_added_or_edited_in_the_admin(client, admin_user, running):
    client.force_login(admin_user)
    assert client.get(reverse("admin:jobs_backgroundjob_add")).status_code == 403
    response = client.post(page(running), {"title": "changed"})
    running.refresh_from_db()
    assert running.title == "Something long" and response.status_code == 200


def test_a_poll_costs_a_few_queries_whatever_the_job_holds(client, curator, django_assert_max_num_queries):
    errors = [{"row": str(n), "field": "", "message": "x"} for n in range(1000)]
    job = BackgroundJobFactory(created_by=curator, errors=errors)
    client.force_login(curator)
    # The session, the user, the job (without its error list), the user's and their groups' permissions.
    with django_assert_max_num_queries(5) as queries:
        assert client.get(status(job)).status_code == 200
    assert not any('"errors"' in query["sql"] for query in queries.captured_queries)
