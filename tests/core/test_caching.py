"""Anonymous pages and API reads come from the cache, and every kind of write makes them fresh at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import JobPostingFactory, PostingSkillFactory, RoleFactory, SkillFactory

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_a_second_anonymous_visit_makes_no_query(client):
    RoleFactory(name="Cached role")
    first, _ = _queries(client, "/roles/")
    second, html = _queries(client, "/roles/")
    assert first > 0 and second == 0 and "Cached role" in html


def test_a_signed_in_curator_is_never_served_from_the_cache(client, curator):
    RoleFactory()
    client.get("/roles/")
    client.force_login(curator)
    assert _queries(client, "/roles/")[0] > 0


@pytest.mark.parametrize(
    "write, expected",
    [
        (lambda posting: setattr(posting, "title", "Renamed") or posting.save(), "Renamed"),
        (lambda posting: posting.delete(), "No postings match"),
        (lambda posting: setattr(posting, "status", "draft") or posting.save(), "No postings match"),
    ],
)
def test_every_write_to_a_posting_shows_at_once(client, write, expected):
    posting = JobPostingFactory(title="Original")
    assert "Original" in client.get("/postings/").content.decode()
    write(posting)
    assert expected in client.get("/postings/").content.decode()


def test_a_write_through_the_review_queues_proxy_shows_at_once(client):
    from postings.models import PostingAwaitingReview

    posting = JobPostingFactory(title="Original")
    assert "Original" in client.get("/postings/").content.decode()
    through_proxy = PostingAwaitingReview.objects.get(pk=posting.pk)
    through_proxy.title = "Renamed in review"
    through_proxy.save()
    assert "Renamed in review" in client.get("/postings/").content.decode()


def test_cached_pages_do_not_depend_on_change_history_or_proxies():
    from core.content import page_models

    names = {model.__name__ for model in page_models()}
    assert {"JobPosting", "Skill", "RoleSkillDemand"} <= names
    assert not {name for name in names if name.startswith("Historical")}
    assert "PostingAwaitingReview" not in names


def test_a_skill_link_change_shows_at_once(client):
    posting = JobPostingFactory(slug="p")
    client.get("/postings/p/")
    PostingSkillFactory(posting=posting, skill=SkillFactory(name="Rust"))
    assert "Rust" in client.get("/postings/p/").content.decode()


def test_a_many_to_many_change_shows_at_once(client):
    from tests.factories import FieldOfStudyFactory

    posting = JobPostingFactory(slug="p")
    client.get("/postings/p/")
    posting.fields_of_study.add(FieldOfStudyFactory(name="Astronomy"))
    assert "Astronomy" in client.get("/postings/p/").content.decode()


def test_the_admins_bulk_unpublish_shows_at_once(client, curator):
    role = RoleFactory(name="Visible role")
    assert "Visible role" in client.get("/roles/").content.decode()
    admin = client.__class__()
    admin.force_login(curator)
    admin.post(reverse("admin:roles_role_changelist"), {"action": "unpublish", "_selected_action": [role.pk]})
    assert "Visible role" not in client.get("/roles/").content.decode()


def test_api_reads_are_cached_and_a_write_through_the_api_shows_at_once(api, reviewer):
    JobPostingFactory(slug="p", title="Before")
    assert api.get("/api/v1/postings/").json()["results"][0]["title"] == "Before"
    with CaptureQueriesContext(connection) as cached:
        api.get("/api/v1/postings/")
    assert len(cached) == 0
    writer = api.__class__()
    writer.force_authenticate(reviewer)  # a curator's edit would take it off the site, into review
    assert writer.patch("/api/v1/postings/p/", {"title": "After"}, format="json").status_code == 200
    assert api.get("/api/v1/postings/").json()["results"][0]["title"] == "After"
    assert api.get("/api/v1/postings/p/").json()["title"] == "After"


def test_cached_api_reads_still_count_against_the_rate_limit(api, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"}}
    from rest_framework.settings import api_settings
    from rest_framework.throttling import AnonRateThrottle

    api_settings.reload()
    AnonRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        statuses = [api.get("/api/v1/skills/").status_code for _ in range(5)]
    finally:
        api_settings.reload()
        AnonRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    assert statuses == [200, 200, 200, 429, 429]


def test_a_transaction_replaces_its_tokens_at_commit_with_one_callback(django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from core.caching import VERSION_KEY, invalidate, label_of
    from postings.models import JobPosting, PostingSkill
    from skills.models import Skill

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        for _ in range(50):
            invalidate(JobPosting, PostingSkill)
        invalidate(Skill)
    assert len([c for c in callbacks if getattr(c, "models", None) is not None]) == 1
    before = {model: cache.get(VERSION_KEY.format(label_of(model))) for model in (JobPosting, PostingSkill, Skill)}
    for callback in callbacks:
        callback()
    after = {model: cache.get(VERSION_KEY.format(label_of(model))) for model in (JobPosting, PostingSkill, Skill)}
    assert all(before[model] != after[model] for model in before)  # each replaced at the commit too


@pytest.mark.parametrize(
    "url",
    ["/api/v1/match/?skill=python", "/api/v1/plan/?to=mle&have=python", "/api/v1/compare/?role=mle&role=ds"],
)
def test_the_question_endpoints_are_cached_too_and_a_write_shows_at_once(api, url):
    """The match, plan and compare answers were computed on every request (300 ms at a million postings)."""
    python = SkillFactory(slug="python", name="Python")
    for slug in ("mle", "ds"):
        RoleFactory(slug=slug, name=slug.upper())
    assert api.get(url).status_code == 200
    with CaptureQueriesContext(connection) as cached:
        assert api.get(url).status_code == 200
    assert len(cached) == 0
    python.name = "Python 3"
    python.save()
    with CaptureQueriesContext(connection) as fresh:
        assert api.get(url).status_code == 200
    assert len(fresh) > 0


def test_a_refused_question_is_never_cached(api):
    assert api.get("/api/v1/match/?skill=nope").status_code == 400
    with CaptureQueriesContext(connection) as again:
        assert api.get("/api/v1/match/?skill=nope").status_code == 400
    assert len(again) > 0
