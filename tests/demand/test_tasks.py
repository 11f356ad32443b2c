"""
The background recount: a write marks its roles dirty in its own transaction, one task per transaction
recounts them after the commit (in-process here: no broker in the test run), and a mark stays until a
recount succeeds — the stale sweep repairs what a failed or lost task left.
"""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from careerguide.celery import app
from core.publishing import PublicationStatus
from demand import refresh, tasks
from demand.models import DirtyRole, RoleDemand
from postings.models import JobPosting
from tests.demand.conftest import posting
from tests.factories import ReviewerFactory, RoleFactory

pytestmark = pytest.mark.django_db


def live(role):
    return RoleDemand.objects.get(role=role).live_postings


def dirty():
    return set(DirtyRole.objects.values_list("role_id", flat=True))


@pytest.fixture
def enqueued(monkeypatch):
    """The role ids of each recount task enqueued, instead of running it."""
    calls = []
    monkeypatch.setattr(tasks.recount_roles, "delay", lambda role_ids: calls.append(sorted(role_ids)))
    return calls


def test_a_save_marks_its_role_dirty_and_the_recount_after_commit_clears_it(world, commit):
    role = world["role"]
    with commit():
        posting(role, [(world["a"], "essential")])
        # Inside the write's transaction: marked, not yet recounted.
        assert dirty() == {role.pk}
        assert live(role) == 5
    assert dirty() == set()
    assert live(role) == 6


def test_a_rolled_back_write_leaves_no_mark(world, commit, enqueued):
    with commit():
        with pytest.raises(RuntimeError), transaction.atomic():
            posting(world["role"])
            raise RuntimeError("the write fails")
        posting(world["other"])  # the same outer transaction goes on and commits
    # One task; it may recount the rolled-back write's role too (needless, harmless), but no mark stays for it.
    assert len(enqueued) == 1 and world["other"].pk in enqueued[0]
    assert dirty() == {world["other"].pk}


def test_a_failed_recount_keeps_its_mark_and_the_stale_sweep_repairs_it(world, commit, monkeypatch, caplog):
    role, other = world["role"], world["other"]
    count_role = refresh.count_role

    def broken_for_role(role_id, today):
        if role_id == role.pk:
            raise RuntimeError("database hiccup")
        return count_role(role_id, today)

    monkeypatch.setattr(refresh, "count_role", broken_for_role)
    with commit(), transaction.atomic():
        posting(role)
        posting(other)
    assert dirty() == {role.pk}  # the other role's recount, in the same task, succeeded
    assert (live(role), live(other)) == (5, 2)
    assert "stays marked dirty" in caplog.text

    monkeypatch.setattr(refresh, "count_role", count_role)
    assert role.pk in refresh.stale_role_ids()
    call_command("refresh_skill_demand", "--stale", stdout=None)
    assert dirty() == set()
    assert live(role) == 6


def test_the_beat_sweep_recounts_a_role_whose_task_was_lost(world, commit, enqueued):
    with commit():
        posting(world["role"])
    assert enqueued == [[world["role"].pk]]  # enqueued, never run: a worker died with it
    assert live(world["role"]) == 5
    tasks.recount_stale.delay()
    assert dirty() == set() and live(world["role"]) == 6


def test_a_broker_that_is_down_fails_no_request_and_leaves_the_mark(world, commit, monkeypatch, caplog):
    def refuse(role_ids):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(tasks.recount_roles, "delay", refuse)
    with commit():
        posting(world["role"])
    assert dirty() == {world["role"].pk}
    assert "stay marked dirty" in caplog.text


def test_a_write_committed_during_a_recount_keeps_its_mark(world, monkeypatch):
    """The recount removes the mark it read before counting, not one a later write left (a new token)."""
    role = world["role"]
    DirtyRole.objects.create(role=role, since=role.created_at)
    count_role = refresh.count_role

    def a_write_lands_meanwhile(role_id, today):
        rows = count_role(role_id, today)
        posting(role)  # marks the role again, with a new token (the test's transaction: no task yet)
        return rows

    monkeypatch.setattr(refresh, "count_role", a_write_lands_meanwhile)
    refresh.refresh_role(role.pk)
    assert dirty() == {role.pk}
    monkeypatch.setattr(refresh, "count_role", count_role)
    refresh.refresh_role(role.pk)
    assert dirty() == set() and live(role) == 6


def test_unpublishing_many_postings_across_roles_enqueues_one_task(client, commit, enqueued):
    roles = RoleFactory.create_batch(8)
    chosen = [posting(role).pk for role in roles for _ in range(5)]
    enqueued.clear()  # the setup's own writes
    client.force_login(ReviewerFactory())
    with commit():
        response = client.post(
            reverse("admin:postings_jobposting_changelist"), {"action": "unpublish", "_selected_action": chosen}
        )
    assert response.status_code == 302
    assert JobPosting.objects.filter(pk__in=chosen, status=PublicationStatus.DRAFT).count() == 40
    assert enqueued == [sorted(role.pk for role in roles)]
    assert dirty() == {role.pk for role in roles}
    tasks.recount_roles(enqueued[0])  # what the worker then runs
    assert dirty() == set()
    assert [live(role) for role in roles] == [0] * 8


def test_the_beat_schedule_names_registered_tasks():
    # A worker imports every app's tasks.py at start; here, only what earlier tests happened to import is
    # registered, so the result would depend on the order the tests ran in.
    app.autodiscover_tasks(force=True)
    assert {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()} <= set(app.tasks)
    assert "demand.tasks.recount_stale" in {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
