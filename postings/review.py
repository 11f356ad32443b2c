"""
Review before publication, as python.org's job board does it: a curator writes a posting as a draft and
submits it; a reviewer (the `postings.publish_jobposting` permission, held by the Reviewers group)
publishes it or sends it back with a reason. Publishing gives a posting that states no end an end
POSTING_VALID_DAYS ahead, so nothing stays listed forever.

Each step changes many postings in one go (the admin's actions) or one (its buttons), inside one
transaction, with a history row per posting saying who did it; the cached pages are invalidated on commit.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from core.caching import invalidate
from core.publishing import PublicationStatus
from core.signals import records_changed
from postings.models import JobPosting, ReviewState

PUBLISH_PERMISSION = "postings.publish_jobposting"
# A bulk step loads the postings it changes (each gets a history row): bounded, as the admin's other actions.
MAX_POSTINGS_PER_STEP = 5_000

REVIEW_FIELDS = ["review_state", "submitted_at", "submitted_by", "reviewed_at", "reviewed_by", "rejection_reason"]


# What the admin's form, the API and the import answer a curator whose write would publish a posting.
ONLY_REVIEWERS_PUBLISH = "Only a reviewer can publish a posting: save it as a draft and submit it for review."


# What a curator who may not publish is told when a change of theirs takes a live posting off the site.
SENT_BACK_FOR_REVIEW = (
    "This posting was live: your change took it off the site and it now awaits a reviewer, who publishes it "
    "again with the change (only reviewers change what the public sees)."
)
SENT_BACK_REASON = "Changed while published by a curator who may not publish: sent back for review"
# Fields a change of which is not a change of what the posting says (the review's own, and bookkeeping).
NOT_CONTENT = {*REVIEW_FIELDS, "status", "updated_at", "created_at", "search_document", "match_anchor", "id"}


def may_publish(user):
    return bool(user and user.is_active and user.has_perm(PUBLISH_PERMISSION))


def publishes(status, was_published):
    """Whether writing `status` over a posting that was (or was not) published publishes it."""
    return status == PublicationStatus.PUBLISHED and not was_published


def was_published(posting):
    """
    Whether the stored posting is published. Read from the database, never from the copy being written:
    a History revert's copy carries the status of the old version (a withdrawn posting's "published").
    """
    return (
        posting.pk is not None and JobPosting.objects.filter(pk=posting.pk, status=PublicationStatus.PUBLISHED).exists()
    )


def content_changes(posting, stored):
    """The names of the fields whose value in `posting` differs from the stored row `stored` (None: all)."""
    return [
        field.name
        for field in JobPosting._meta.concrete_fields
        if field.name not in NOT_CONTENT
        and (stored is None or field.value_from_object(posting) != field.value_from_object(stored))
    ]


def send_back_for_review(posting, user, now=None):
    """Unpublish `posting` and put it in the review queue as submitted by `user` (in memory; the caller saves)."""
    posting.status = PublicationStatus.DRAFT
    posting.review_state, posting.submitted_at, posting.submitted_by = ReviewState.PENDING, now or timezone.now(), user
    posting.reviewed_at = posting.reviewed_by = None
    posting.rejection_reason = ""
    posting._change_reason = SENT_BACK_REASON


def needs_review_again(posting, user, *, was_live, changed):
    """
    Whether this write must send the posting back for review: a live posting whose content `user`, who may
    not publish, changed (`changed` names what). Taking it off the site alone (status to draft) needs none.
    Every write path asks this: the admin's form and History revert, the API and the import.
    """
    return bool(was_live and changed and not may_publish(user) and posting.status == PublicationStatus.PUBLISHED)


def end_of_listing(posting, today=None):
    """The `valid_through` publishing gives a posting that states none: POSTING_VALID_DAYS from today."""
    if posting.valid_through is not None:
        return posting.valid_through
    start = max(today or timezone.localdate(), posting.posted_on or timezone.localdate())
    return start + timedelta(days=settings.POSTING_VALID_DAYS)


def _bounded(postings):
    chosen = list(postings[: MAX_POSTINGS_PER_STEP + 1])
    if len(chosen) > MAX_POSTINGS_PER_STEP:
        raise ValidationError(f"More than {MAX_POSTINGS_PER_STEP:,} postings selected: narrow the selection first.")
    return chosen


def _save(postings, fields, user):
    now = timezone.now()
    for posting in postings:
        posting.updated_at = now  # feeds Last-Modified
    with transaction.atomic():
        bulk_update_with_history(
            postings, JobPosting, [*fields, "updated_at"], batch_size=500, default_user=user, default_date=now
        )
        invalidate(JobPosting)
        # bulk_update sends no save() signals: tell whoever derives figures from the postings (skill demand).
        records_changed.send(sender=JobPosting, records=postings, fields=[*fields, "updated_at"])
    return len(postings)


def submit(postings, user):
    """
    Submit drafts for review (again, after a rejection). Published postings and those already waiting
    are left as they are. Returns how many were submitted.
    """
    chosen = _bounded(
        postings.filter(status=PublicationStatus.DRAFT).exclude(review_state=ReviewState.PENDING).order_by("pk")
    )
    now = timezone.now()
    for posting in chosen:
        posting.review_state, posting.submitted_at, posting.submitted_by = ReviewState.PENDING, now, user
        posting.reviewed_at = posting.reviewed_by = None
        posting.rejection_reason = ""
    return _save(chosen, REVIEW_FIELDS, user)


def publish(postings, reviewer, today=None):
    """
    Publish postings (submitted or not: a reviewer may publish a draft directly), recording who approved
    them, and give each that states no end one POSTING_VALID_DAYS ahead. Returns how many were published.
    """
    if not may_publish(reviewer):
        raise PermissionDenied("Only a reviewer can publish a posting.")
    chosen = _bounded(postings.exclude(status=PublicationStatus.PUBLISHED).order_by("pk"))
    now = timezone.now()
    for posting in chosen:
        approve(posting, reviewer, now=now, today=today)
    return _save(chosen, ["status", "valid_through", *REVIEW_FIELDS], reviewer)


def approve(posting, reviewer, now=None, today=None):
    """Mark one posting published and approved by `reviewer` (in memory; the caller saves it)."""
    posting.status = PublicationStatus.PUBLISHED
    posting.valid_through = end_of_listing(posting, today)
    posting.review_state = ReviewState.APPROVED
    posting.reviewed_at, posting.reviewed_by = now or timezone.now(), reviewer
    posting.rejection_reason = ""


def reject(postings, reviewer, reason):
    """Send postings awaiting review back to their authors with a reason. Returns how many."""
    if not may_publish(reviewer):
        raise PermissionDenied("Only a reviewer can reject a posting.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why, so the curator can fix it."})
    chosen = _bounded(postings.filter(review_state=ReviewState.PENDING).order_by("pk"))
    now = timezone.now()
    for posting in chosen:
        posting.review_state, posting.rejection_reason = ReviewState.REJECTED, reason
        posting.reviewed_at, posting.reviewed_by = now, reviewer
    return _save(chosen, REVIEW_FIELDS, reviewer)
