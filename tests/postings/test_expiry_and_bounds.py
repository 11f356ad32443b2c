"""Postings at a job board's scale: newest first, expired ones out of every list, every page bounded."""

import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from careers.matching import match_skills
from core import pagination
from postings.models import JobPosting
from tests.factories import CompanyFactory, JobPostingFactory, PostingSkillFactory, RoleFactory, SkillFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def expired_and_open():
    skill = SkillFactory(slug="python", name="Python")
    role, company = RoleFactory(slug="ml-engineer"), CompanyFactory(slug="acme")
    expired = JobPostingFactory(
        title="Expired posting", role=role, company=company, posted_on=TODAY - 60 * DAY, valid_through=TODAY - DAY
    )
    open_ = JobPostingFactory(
        title="Open posting", role=role, company=company, posted_on=TODAY - 10 * DAY, valid_through=TODAY
    )
    for posting in (expired, open_):
        PostingSkillFactory(posting=posting, skill=skill)
    return expired, open_


def test_a_posting_cannot_expire_before_it_is_posted():
    with pytest.raises(IntegrityError):
        JobPostingFactory(posted_on=TODAY, valid_through=TODAY - DAY)


def test_expired_postings_leave_every_list_count_and_match(client, api, expired_and_open):
    pages = [
        "/postings/",
        "/roles/ml-engineer/",
        "/skills/python/",
        "/companies/acme/",
        "/companies/",
        "/search/?q=posting",
        "/match/?skill=python",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "Open posting" in html or "1 posting" in html, url
        assert "Expired posting" not in html, url
    assert [p["title"] for p in api.get("/api/v1/postings/").json()["results"]] == ["Open posting"]
    assert api.get("/api/v1/roles/ml-engineer/").json()["posting_count"] == 1
    assert api.get("/api/v1/companies/acme/").json()["posting_count"] == 1
    assert [p.title for p in match_skills(["python"]).postings] == ["Open posting"]


def test_an_expired_postings_page_stays_reachable_with_a_notice(client, api, expired_and_open):
    expired, _ = expired_and_open
    html = client.get(expired.get_absolute_url()).content.decode()
    assert "This posting has expired" in html
    assert api.get(f"/api/v1/postings/{expired.slug}/").json()["is_expired"] is True


def test_lists_show_the_newest_postings_first_and_undated_ones_last(client):
    role = RoleFactory()
    for days_ago, title in [(30, "Older"), (None, "Undated"), (1, "Newest"), (10, "Middle")]:
        JobPostingFactory(title=title, role=role, posted_on=None if days_ago is None else TODAY - days_ago * DAY)
    assert [p.title for p in JobPosting.objects.live().newest_first()] == ["Newest", "Middle", "Older", "Undated"]
    html = client.get("/postings/").content.decode()
    assert html.index("Newest") < html.index("Middle") < html.index("Older") < html.index("Undated")


def test_a_role_with_many_postings_renders_a_bounded_page_that_links_to_all(client):
    role = RoleFactory(slug="busy")
    JobPostingFactory.create_batch(30, role=role)
    html = client.get(reverse("roles:detail", args=["busy"])).content.decode()
    assert html.count('href="/postings/posting-') == 5
    assert 'href="/postings/?role=busy">See all 30 postings' in html


def test_counts_past_the_cap_read_as_a_floor(client, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 3)
    role = RoleFactory(slug="busy")
    JobPostingFactory.create_batch(5, role=role)
    assert "3+ open postings" in client.get("/postings/").content.decode()
    assert "See all 3+ postings" in client.get("/roles/busy/").content.decode()


def test_the_api_lists_no_posting_inside_roles_or_companies(api):
    role = RoleFactory(slug="busy")
    JobPostingFactory.create_batch(3, role=role)
    body = api.get("/api/v1/roles/").json()["results"][0]
    assert "postings" not in body
    assert (body["posting_count"], body["postings_url"]) == (3, "http://testserver/api/v1/postings/?role=busy")


def test_the_api_says_when_a_count_stopped_at_the_cap(api, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 3)
    JobPostingFactory.create_batch(5)
    body = api.get("/api/v1/postings/").json()
    # Pages reach one row past the cap, the one that proves there are more.
    assert (body["count"], body["count_is_capped"], len(body["results"])) == (3, True, 4)


def test_match_pages_through_postings_met(api):
    python = SkillFactory(slug="python")
    for _ in range(25):
        PostingSkillFactory(skill=python)
    first = api.get("/api/v1/match/", {"skill": "python"}).json()["postings"]
    assert (len(first["results"]), first["previous"]) == (20, None)
    second = api.get(first["next"]).json()["postings"]
    assert (len(second["results"]), second["next"], second["page"]) == (5, None, 2)
    assert api.get("/api/v1/match/", {"skill": "python", "page": "0"}).status_code == 400
    assert "Older →" in api.get("/match/", {"skill": "python"}).content.decode()


def test_the_match_anchor_follows_changes_to_a_postings_skills():
    common, rare, other = SkillFactory(), SkillFactory(), SkillFactory()
    for _ in range(3):
        PostingSkillFactory(skill=common)
    posting = JobPostingFactory()
    link_common = PostingSkillFactory(posting=posting, skill=common)
    posting.refresh_from_db()
    assert posting.match_anchor == common
    link_rare = PostingSkillFactory(posting=posting, skill=rare)
    posting.refresh_from_db()
    assert posting.match_anchor == rare  # the rarer essential skill
    link_rare.importance = "optional"
    link_rare.save()
    posting.refresh_from_db()
    assert posting.match_anchor == common  # optional skills never anchor
    link_common.delete()
    posting.refresh_from_db()
    assert posting.match_anchor is None  # no essential skill left: any set of skills meets it
    assert posting in match_skills([other.slug]).postings


def test_a_posting_anchored_on_a_draft_skill_is_still_matched():
    python, draft = SkillFactory(slug="python"), SkillFactory(status="draft")
    posting = JobPostingFactory()
    PostingSkillFactory(posting=posting, skill=draft)
    PostingSkillFactory(posting=posting, skill=python)
    assert posting in match_skills(["python"]).postings  # a draft skill never blocks a match
