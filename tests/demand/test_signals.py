"""A curator's write recounts the roles it touches when it commits, once each, and shows at once."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from core.publishing import PublicationStatus
from demand import refresh
from demand.models import RoleDemand, RoleSkillDemand
from postings.models import JobPosting, PostingSkill
from tests.demand.conftest import posting
from tests.factories import PostingSkillFactory, ReviewerFactory, RoleFactory

pytestmark = pytest.mark.django_db


def live(role):
    return RoleDemand.objects.get(role=role).live_postings


def counts(role, skill):
    row = RoleSkillDemand.objects.filter(role=role, skill=skill).first()
    return (row.essential, row.optional) if row else None


def api_skills(client, role):
    body = client.get(reverse("api:role-skill-demand", args=[role.slug])).json()
    return body["live_postings"], {s["slug"]: (s["essential"], s["optional"]) for s in body["skills"]}


def test_a_new_posting_shows_at_once_on_the_cached_page_and_api(client, world, commit):
    role, b = world["role"], world["b"]
    page = reverse("demand:role", args=[role.slug])
    assert api_skills(client, role) == (5, {"a": (2, 1), "b": (1, 1), "c": (1, 0)})
    assert "5 live postings" in client.get(page).content.decode()  # both now in the cache
    with commit():
        posting(role, [(b, "essential")])
    assert api_skills(client, role) == (6, {"a": (2, 1), "b": (2, 1), "c": (1, 0)})
    assert "6 live postings" in client.get(page).content.decode()


def test_deleting_a_posting_recounts_its_role(world, commit):
    with commit():
        world["p1"].delete()
    assert live(world["role"]) == 4
    assert counts(world["role"], world["a"]) == (1, 1) and counts(world["role"], world["b"]) == (1, 0)


def test_moving_a_posting_to_another_role_recounts_both(world, commit):
    p2 = JobPosting.objects.get(pk=world["p2"].pk)
    p2.role = world["other"]
    with commit():
        p2.save()
    assert (live(world["role"]), live(world["other"])) == (4, 2)
    assert counts(world["other"], world["c"]) == (1, 0)


def test_changing_a_skill_link_recounts_its_postings_role(world, commit):
    link = PostingSkill.objects.get(posting=world["p1"], skill=world["b"])
    link.importance = "essential"
    with commit():
        link.save()
    assert counts(world["role"], world["b"]) == (2, 0)
    with commit():
        link.delete()
    assert counts(world["role"], world["b"]) == (1, 0)
    with commit():
        PostingSkillFactory(posting=world["p4"], skill=world["c"], importance="optional")
    assert counts(world["role"], world["c"]) == (1, 1)


def test_unpublishing_and_publishing_in_the_admin_recount(client, world, commit):
    changelist = reverse("admin:postings_jobposting_changelist")
    client.force_login(ReviewerFactory())
    chosen = [world["p1"].pk, world["p2"].pk]
    with commit():
        client.post(changelist, {"action": "unpublish", "_selected_action": chosen})
    assert JobPosting.objects.filter(pk__in=chosen, status=PublicationStatus.DRAFT).count() == 2
    assert live(world["role"]) == 3 and counts(world["role"], world["c"]) is None
    with commit():
        client.post(changelist, {"action": "publish", "_selected_action": chosen})
    assert live(world["role"]) == 5 and counts(world["role"], world["c"]) == (1, 0)


def test_each_role_is_recounted_once_per_transaction(world, commit, monkeypatch):
    recounted = []
    monkeypatch.setattr(refresh, "refresh_role", lambda role_id, today=None: recounted.append(role_id) or True)
    with commit(), transaction.atomic():
        for _ in range(3):
            posting(world["role"], [(world["a"], "essential")])
        posting(world["other"])
        world["p1"].save()
    assert sorted(recounted) == sorted([world["role"].pk, world["other"].pk])


def test_a_save_that_changes_no_counted_field_recounts_nothing(world, commit, monkeypatch):
    recounted = []
    monkeypatch.setattr(refresh, "refresh_role", lambda role_id, today=None: recounted.append(role_id) or True)
    world["p1"].title = "Renamed"
    with commit():
        world["p1"].save(update_fields=["title"])
    assert recounted == []


def test_seeding_the_guide_counts_every_role_it_adds_and_a_new_role_gets_its_counts(commit):
    with commit():
        empty = RoleFactory()
    with commit():
        call_command("load_guide", verbosity=0)
    demand = dict(RoleDemand.objects.values_list("role__slug", "live_postings"))
    assert demand["machine-learning-engineer"] == 2 and demand["nlp-scientist"] == 0
    assert demand[empty.slug] == 0
