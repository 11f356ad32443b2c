"""Review before publication: curators submit, reviewers publish or reject with a reason."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core.publishing import PublicationStatus
from postings import review
from postings.models import JobPosting, ReviewState
from tests.factories import CompanyFactory, JobPostingFactory, RoleFactory, SourceFactory

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED = PublicationStatus.DRAFT, PublicationStatus.PUBLISHED
CHANGELIST = reverse("admin:postings_jobposting_changelist")
QUEUE = reverse("admin:postings_postingawaitingreview_changelist")


def drafts(n=1, **fields):
    return JobPostingFactory.create_batch(n, status=DRAFT, **fields)


def ids(postings):
    return JobPosting.objects.filter(pk__in=[p.pk for p in postings])


# --- the groups -------------------------------------------------------------------------------------


def test_the_reviewers_group_may_publish_and_the_curators_group_may_not():
    reviewers = Group.objects.get(name="Reviewers")
    assert reviewers.permissions.filter(codename="publish_jobposting").exists()
    assert not Group.objects.get(name="Curators").permissions.filter(codename="publish_jobposting").exists()


def test_create_curator_makes_a_reviewer_when_asked():
    call_command("create_curator", "rita", "--reviewer", stdout=None)
    from django.contrib.auth import get_user_model

    rita = get_user_model().objects.get(username="rita")
    assert set(rita.groups.values_list("name", flat=True)) == {"Curators", "Reviewers"}
    assert rita.has_perm("postings.publish_jobposting")


# --- the steps (postings/review.py) -----------------------------------------------------------------


def test_submit_puts_drafts_in_the_queue_oldest_first(curator):
    first, second = drafts(2)
    assert review.submit(ids([second]), curator) == 1
    assert review.submit(ids([first]), curator) == 1
    assert list(JobPosting.objects.awaiting_review()) == [second, first]
    second.refresh_from_db()
    assert (second.review_state, second.submitted_by) == (ReviewState.PENDING, curator)
    assert second.status == DRAFT  # still not public


def test_submit_leaves_published_and_already_waiting_postings_alone(curator):
    published = JobPostingFactory()
    (waiting,) = drafts()
    review.submit(ids([waiting]), curator)
    assert review.submit(ids([published, waiting]), curator) == 0
    published.refresh_from_db()
    assert published.review_state == ReviewState.NOT_SUBMITTED


def test_publish_sets_an_end_only_when_the_posting_states_none(reviewer, settings):
    settings.POSTING_VALID_DAYS = 45
    today = timezone.localdate()
    open_ended, dated = drafts(2)
    dated.valid_through = today + timedelta(days=10)
    dated.save()
    assert review.publish(ids([open_ended, dated]), reviewer, today=today) == 2
    open_ended.refresh_from_db()
    dated.refresh_from_db()
    assert open_ended.valid_through == today + timedelta(days=45)
    assert dated.valid_through == today + timedelta(days=10)
    assert open_ended.status == PUBLISHED
    assert (open_ended.review_state, open_ended.reviewed_by) == (ReviewState.APPROVED, reviewer)


def test_a_posting_dated_ahead_is_listed_for_the_days_after_its_date(reviewer, settings):
    settings.POSTING_VALID_DAYS = 30
    today = date(2026, 11, 30)
    (posting,) = drafts(posted_on=date(2026, 12, 10))
    review.publish(ids([posting]), reviewer, today=today)
    posting.refresh_from_db()
    assert posting.valid_through == date(2027, 1, 9)


def test_only_a_reviewer_publishes_or_rejects(curator):
    (posting,) = drafts()
    review.submit(ids([posting]), curator)
    with pytest.raises(PermissionDenied):
        review.publish(ids([posting]), curator)
    with pytest.raises(PermissionDenied):
        review.reject(ids([posting]), curator, "No.")
    posting.refresh_from_db()
    assert (posting.status, posting.review_state) == (DRAFT, ReviewState.PENDING)


def test_reject_needs_a_reason_and_sends_the_posting_back(curator, reviewer):
    (posting,) = drafts()
    review.submit(ids([posting]), curator)
    with pytest.raises(ValidationError):
        review.reject(ids([posting]), reviewer, "   ")
    assert review.reject(ids([posting]), reviewer, "The pay is missing its currency.") == 1
    posting.refresh_from_db()
    assert posting.review_state == ReviewState.REJECTED
    assert posting.rejection_reason == "The pay is missing its currency."
    assert posting.status == DRAFT
    assert not JobPosting.objects.awaiting_review().exists()
    # Fixed and submitted again: back in the queue, the old reason cleared.
    assert review.submit(ids([posting]), curator) == 1
    posting.refresh_from_db()
    assert (posting.review_state, posting.rejection_reason) == (ReviewState.PENDING, "")


def test_reject_leaves_postings_not_awaiting_review_alone(reviewer):
    (draft,) = drafts()
    assert review.reject(ids([draft]), reviewer, "No.") == 0
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.NOT_SUBMITTED


def test_each_step_leaves_a_history_row_naming_who(curator, reviewer):
    (posting,) = drafts()
    review.submit(ids([posting]), curator)
    review.publish(ids([posting]), reviewer)
    history = list(posting.history.order_by("history_date").values_list("history_user", "review_state"))
    assert history[-2:] == [(curator.pk, ReviewState.PENDING), (reviewer.pk, ReviewState.APPROVED)]


def test_a_step_is_bounded(reviewer, monkeypatch):
    monkeypatch.setattr(review, "MAX_POSTINGS_PER_STEP", 2)
    postings = drafts(3)
    with pytest.raises(ValidationError):
        review.publish(ids(postings), reviewer)
    assert JobPosting.objects.filter(status=PUBLISHED).count() == 0


# --- the database's own rules -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"review_state": "maybe"},
        {"review_state": ReviewState.REJECTED, "rejection_reason": ""},
        {"review_state": ReviewState.PENDING, "submitted_at": None},
    ],
)
def test_the_database_refuses_an_impossible_review_state(fields):
    (posting,) = drafts()
    with pytest.raises(IntegrityError), transaction.atomic():
        JobPosting.objects.filter(pk=posting.pk).update(**fields)


# --- the admin --------------------------------------------------------------------------------------


def change_form_publishing(client, posting):
    """The posting's change page address, and its form as shown, with the status set to published."""
    url = reverse("admin:postings_jobposting_change", args=[posting.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    counts = ("TOTAL_FORMS", "INITIAL_FORMS")
    inlines = {f"{prefix}-{count}": 0 for prefix in ("locations", "posting_skills") for count in counts}
    return url, data | inlines | {"company": posting.company.pk, "role": posting.role.pk, "status": PUBLISHED}


def test_a_curator_cannot_publish_a_posting_through_the_form(client, curator):
    (posting,) = drafts()
    client.force_login(curator)
    url, data = change_form_publishing(client, posting)
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Only a reviewer can publish a posting" in response.content.decode()
    posting.refresh_from_db()
    assert posting.status == DRAFT


def test_a_curator_saves_and_submits_a_new_posting_for_review(client, curator):
    company, role = CompanyFactory(), RoleFactory()
    client.force_login(curator)
    add_page = client.get(reverse("admin:postings_jobposting_add"))
    assert b'name="_submit_for_review"' in add_page.content
    response = client.post(
        reverse("admin:postings_jobposting_add"),
        {
            "title": "Applied Scientist",
            "slug": "applied-scientist-review",
            "company": company.pk,
            "role": role.pk,
            "seniority": "unspecified",
            "status": DRAFT,
            "min_degree": 0,
            "source": SourceFactory().pk,
            "source_passage": "The employer's own posting.",
            "locations-TOTAL_FORMS": 0,
            "locations-INITIAL_FORMS": 0,
            "posting_skills-TOTAL_FORMS": 0,
            "posting_skills-INITIAL_FORMS": 0,
            "_submit_for_review": "Save and submit for review",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    posting = JobPosting.objects.get(slug="applied-scientist-review")
    assert (posting.status, posting.review_state, posting.submitted_by) == (DRAFT, ReviewState.PENDING, curator)


def test_a_curator_has_no_publish_action_and_a_reviewer_has(client, curator, reviewer):
    client.force_login(curator)
    actions = dict(client.get(CHANGELIST).context["action_form"].fields["action"].choices)
    assert "submit_for_review" in actions and "publish" not in actions and "reject" not in actions
    client.force_login(reviewer)
    actions = dict(client.get(CHANGELIST).context["action_form"].fields["action"].choices)
    assert {"submit_for_review", "publish", "reject", "unpublish"} <= set(actions)


def test_a_curator_posting_the_publish_action_anyway_changes_nothing(client, curator):
    (posting,) = drafts()
    client.force_login(curator)
    client.post(CHANGELIST, {"action": "publish", "_selected_action": [posting.pk]})
    posting.refresh_from_db()
    assert posting.status == DRAFT


def test_the_review_queue_lists_only_submitted_postings_for_a_reviewer(client, curator, reviewer):
    waiting, not_submitted = drafts(2)
    review.submit(ids([waiting]), curator)
    client.force_login(reviewer)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [waiting]
    assert reverse("admin:postings_jobposting_change", args=[waiting.pk]) in response.content.decode()


def test_a_curator_sees_the_queue_but_cannot_act_on_it(client, curator):
    client.force_login(curator)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert response.context["action_form"] is None or not {"publish", "reject"} & set(
        dict(response.context["action_form"].fields["action"].choices)
    )


def test_a_reviewer_publishes_from_the_queue(client, curator, reviewer, settings):
    settings.POSTING_VALID_DAYS = 30
    (posting,) = drafts()
    review.submit(ids([posting]), curator)
    client.force_login(reviewer)
    client.post(QUEUE, {"action": "publish", "_selected_action": [posting.pk]})
    posting.refresh_from_db()
    assert posting.status == PUBLISHED
    assert posting.valid_through == timezone.localdate() + timedelta(days=30)
    assert client.get(posting.get_absolute_url()).status_code == 200


def test_a_reviewer_rejects_from_the_queue_with_a_reason(client, curator, reviewer):
    (posting,) = drafts()
    review.submit(ids([posting]), curator)
    client.force_login(reviewer)
    # First the reason is asked for...
    page = client.post(QUEUE, {"action": "reject", "_selected_action": [posting.pk]})
    assert page.status_code == 200
    assert b'name="reason"' in page.content
    # ...an empty one is refused, and nothing changes...
    page = client.post(QUEUE, {"action": "reject", "_selected_action": [posting.pk], "apply": "1", "reason": " "})
    assert page.status_code == 200 and page.context["form"].errors
    posting.refresh_from_db()
    assert posting.review_state == ReviewState.PENDING
    # ...and with one, the posting goes back to its curator.
    client.post(QUEUE, {"action": "reject", "_selected_action": [posting.pk], "apply": "1", "reason": "Add the pay."})
    posting.refresh_from_db()
    assert (posting.review_state, posting.rejection_reason, posting.status) == (
        ReviewState.REJECTED,
        "Add the pay.",
        DRAFT,
    )
    client.force_login(curator)
    change_page = client.get(reverse("admin:postings_jobposting_change", args=[posting.pk])).content.decode()
    assert "Rejected by" in change_page and "Add the pay." in change_page


def test_a_reviewer_publishing_through_the_form_approves_the_posting(client, reviewer, settings):
    settings.POSTING_VALID_DAYS = 7
    (posting,) = drafts()
    client.force_login(reviewer)
    url, data = change_form_publishing(client, posting)
    assert client.post(url, data).status_code == 302
    posting.refresh_from_db()
    assert posting.status == PUBLISHED and posting.review_state == ReviewState.APPROVED
    assert posting.valid_through == timezone.localdate() + timedelta(days=7)


# --- the API ----------------------------------------------------------------------------------------


def test_the_api_refuses_a_curator_publishing_a_posting(api, curator):
    (posting,) = drafts()
    api.force_authenticate(curator)
    response = api.patch(f"/api/v1/postings/{posting.slug}/", {"status": PUBLISHED}, format="json")
    assert response.status_code == 400
    assert "reviewer" in str(response.json()["errors"]["status"])
    posting.refresh_from_db()
    assert posting.status == DRAFT


def test_the_api_lets_a_reviewer_publish_and_approves(api, reviewer, settings):
    settings.POSTING_VALID_DAYS = 30
    (posting,) = drafts()
    api.force_authenticate(reviewer)
    response = api.patch(f"/api/v1/postings/{posting.slug}/", {"status": PUBLISHED}, format="json")
    assert response.status_code == 200, response.json()
    posting.refresh_from_db()
    assert (posting.status, posting.review_state, posting.reviewed_by) == (PUBLISHED, ReviewState.APPROVED, reviewer)
    assert posting.valid_through == timezone.localdate() + timedelta(days=30)


def test_the_api_lets_a_curator_unpublish_a_published_posting_without_review(api, curator):
    posting = JobPostingFactory()
    api.force_authenticate(curator)
    assert api.patch(f"/api/v1/postings/{posting.slug}/", {"status": DRAFT}, format="json").status_code == 200
    posting.refresh_from_db()
    assert (posting.status, posting.review_state) == (DRAFT, ReviewState.NOT_SUBMITTED)
