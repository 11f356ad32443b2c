"""
A change to a live posting by a curator who may not publish takes it off the site and into review, on
every path that writes a posting: the admin's form (fields and inlines), its History revert, the API and
the import (tests/postings/test_import.py). Reviewers' changes stay live; unpublishing needs no review.
"""

import pytest
from django.urls import reverse

from core.publishing import PublicationStatus
from postings import review
from postings.models import JobPosting, ReviewState
from tests.factories import JobPostingFactory, PostingSkillFactory, SkillFactory

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED = PublicationStatus.DRAFT, PublicationStatus.PUBLISHED


def change_form(client, posting, **changes):
    """The posting's change page address and its form data as shown, with `changes` applied."""
    url = reverse("admin:postings_jobposting_change", args=[posting.pk])
    response = client.get(url)
    data = form_data(response)
    return url, data | changes


def form_data(response):
    form = response.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and not isinstance(value, list)}
    data |= {"company": form.initial["company"], "role": form.initial["role"]}
    inlines = response.context.get("inline_admin_formsets", [])
    for formset in inlines:  # a History revert's form has none
        management = formset.formset.management_form
        data |= {management.add_prefix(name): value for name, value in management.initial.items()}
        for inline_form in formset.formset.forms:
            for name, value in inline_form.initial.items():
                data[inline_form.add_prefix(name)] = value
            data[inline_form.add_prefix("id")] = inline_form.instance.pk
    return data


def live_posting():
    posting = JobPostingFactory(title="Original title")
    PostingSkillFactory(posting=posting)
    return posting


def assert_sent_back(posting, curator):
    posting.refresh_from_db()
    assert (posting.status, posting.review_state, posting.submitted_by) == (DRAFT, ReviewState.PENDING, curator)
    assert not JobPosting.objects.live().filter(pk=posting.pk).exists()
    assert posting.history.first().history_change_reason == review.SENT_BACK_REASON


# --- the admin's form ------------------------------------------------------------------------------------


def test_a_curator_editing_a_live_posting_sends_it_back_for_review(client, curator):
    posting = live_posting()
    client.force_login(curator)
    url, data = change_form(client, posting, title="Edited by a curator")
    response = client.post(url, data, follow=True)
    assert review.SENT_BACK_FOR_REVIEW in response.content.decode()
    assert_sent_back(posting, curator)
    assert posting.title == "Edited by a curator"  # the change is kept, for the reviewer


def test_a_curator_changing_only_a_live_postings_skills_sends_it_back(client, curator):
    posting = live_posting()
    client.force_login(curator)
    url, data = change_form(client, posting)
    data["posting_skills-0-skill"] = SkillFactory().pk
    assert client.post(url, data).status_code == 302
    assert_sent_back(posting, curator)


def test_a_curator_saving_a_live_posting_unchanged_leaves_it_live(client, curator):
    posting = live_posting()
    client.force_login(curator)
    url, data = change_form(client, posting)
    assert client.post(url, data).status_code == 302
    posting.refresh_from_db()
    assert posting.status == PUBLISHED and posting.review_state == ReviewState.NOT_SUBMITTED


def test_a_curator_unpublishing_needs_no_review(client, curator):
    posting = live_posting()
    client.force_login(curator)
    url, data = change_form(client, posting, status=DRAFT)
    assert client.post(url, data).status_code == 302
    posting.refresh_from_db()
    assert (posting.status, posting.review_state) == (DRAFT, ReviewState.NOT_SUBMITTED)


def test_a_reviewers_edit_stays_live(client, reviewer):
    posting = live_posting()
    client.force_login(reviewer)
    url, data = change_form(client, posting, title="Edited by a reviewer")
    assert client.post(url, data).status_code == 302
    posting.refresh_from_db()
    assert (posting.title, posting.status) == ("Edited by a reviewer", PUBLISHED)


# --- the admin's History revert -----------------------------------------------------------------------------


def revert_form(client, posting, version):
    url = reverse("admin:postings_jobposting_simple_history", args=[posting.pk, version.history_id])
    return url, form_data(client.get(url))


def withdrawn_posting():
    """A posting that was live (its first version) and that a reviewer has since withdrawn."""
    posting = live_posting()
    published_version = posting.history.get(history_type="+")
    posting.status = DRAFT
    posting.save()
    return posting, published_version


def test_a_curator_cannot_republish_a_withdrawn_posting_by_reverting_it(client, curator):
    posting, published_version = withdrawn_posting()
    client.force_login(curator)
    url, data = revert_form(client, posting, published_version)
    assert data["status"] == PUBLISHED  # the old version's
    response = client.post(url, data)
    assert response.status_code == 200 and review.ONLY_REVIEWERS_PUBLISH in response.content.decode()
    posting.refresh_from_db()
    assert posting.status == DRAFT


def test_a_curator_reverting_a_live_posting_to_an_older_version_sends_it_back(client, curator):
    posting = live_posting()
    first = posting.history.get(history_type="+")
    posting.title = "Newer title"
    posting.save()
    client.force_login(curator)
    url, data = revert_form(client, posting, first)
    assert client.post(url, data).status_code == 302
    assert_sent_back(posting, curator)
    assert posting.title == "Original title"


def test_a_reviewer_reverting_to_a_published_version_republishes_and_approves(client, reviewer):
    posting, published_version = withdrawn_posting()
    client.force_login(reviewer)
    url, data = revert_form(client, posting, published_version)
    assert client.post(url, data).status_code == 302
    posting.refresh_from_db()
    assert (posting.status, posting.review_state, posting.reviewed_by) == (PUBLISHED, ReviewState.APPROVED, reviewer)


# --- the API ------------------------------------------------------------------------------------------------


def test_a_curators_api_edit_of_a_live_posting_sends_it_back(as_curator, curator):
    posting = live_posting()
    response = as_curator.patch(f"/api/v1/postings/{posting.slug}/", {"title": "Via the API"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == DRAFT
    posting.refresh_from_db()
    assert (posting.title, posting.status, posting.review_state) == ("Via the API", DRAFT, ReviewState.PENDING)
    assert posting.submitted_by == curator


def test_a_curators_api_write_that_changes_nothing_leaves_it_live(as_curator):
    posting = live_posting()
    response = as_curator.patch(f"/api/v1/postings/{posting.slug}/", {"title": "Original title"}, format="json")
    assert response.status_code == 200
    posting.refresh_from_db()
    assert posting.status == PUBLISHED


def test_a_curators_api_change_of_skills_sends_it_back(as_curator):
    posting = live_posting()
    skills = [{"skill": SkillFactory().slug, "importance": "essential"}]
    assert as_curator.patch(f"/api/v1/postings/{posting.slug}/", {"skills": skills}, format="json").status_code == 200
    posting.refresh_from_db()
    assert posting.review_state == ReviewState.PENDING


def test_a_reviewers_api_edit_stays_live(api, reviewer):
    posting = live_posting()
    api.force_authenticate(reviewer)
    assert api.patch(f"/api/v1/postings/{posting.slug}/", {"title": "Reviewed"}, format="json").status_code == 200
    posting.refresh_from_db()
    assert posting.status == PUBLISHED
