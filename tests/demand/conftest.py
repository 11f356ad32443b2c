"""A small, known set of postings for the skill demand tests, and a way to run what a commit runs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.publishing import PublicationStatus
from demand import signals
from demand.refresh import add_months, refresh_all
from tests.factories import JobPostingFactory, PostingSkillFactory, RoleFactory, SkillFactory

TODAY = timezone.localdate()
THIS_MONTH = TODAY.replace(day=1)


def month(offset):
    """The first day of the month `offset` months from this one (-1: last month)."""
    return add_months(THIS_MONTH, offset)


def posting(role, asks=(), **fields):
    """A published posting for `role` asking for each (skill, "essential" | "optional") in `asks`."""
    record = JobPostingFactory(role=role, **fields)
    for skill, importance in asks:
        PostingSkillFactory(posting=record, skill=skill, importance=importance)
    return record


@pytest.fixture(autouse=True)
def nothing_pending():
    """Recounts noted by earlier tests' writes (whose commits never came) are not this test's."""
    signals._pending.value = None
    yield
    signals._pending.value = None


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit(): write()`: runs what the write's commit runs (the recount), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def world(db):
    """
    Role "target" with five live postings (one asking only for a draft skill), an expired one, a draft
    one and one posted long ago; another role whose posting must not count. Counted (refresh_all).
    """
    role, other = RoleFactory(slug="target", name="Target Role"), RoleFactory(slug="other")
    a, b, c = (SkillFactory(slug=slug, name=slug.upper()) for slug in ("a", "b", "c"))
    draft_skill = SkillFactory(slug="draft-skill", status=PublicationStatus.DRAFT)
    postings = {
        "p1": posting(role, [(a, "essential"), (b, "optional")], posted_on=month(0)),
        "p2": posting(role, [(a, "essential"), (c, "essential")], posted_on=month(0)),
        "p3": posting(role, [(a, "optional")], posted_on=month(-1), valid_through=TODAY),  # its last day: live
        "p4": posting(role, [(b, "essential")]),  # no dates: live, not in the trend
        "p7": posting(role, [(draft_skill, "essential")], posted_on=month(-30)),  # live, before the trend
        "expired": posting(
            role, [(a, "essential"), (c, "essential")], posted_on=month(-2), valid_through=TODAY - timedelta(days=1)
        ),
        "draft": posting(role, [(a, "essential")], posted_on=month(0), status=PublicationStatus.DRAFT),
        "elsewhere": posting(other, [(a, "essential")], posted_on=month(0)),
    }
    refresh_all()
    return {"role": role, "other": other, "a": a, "b": b, "c": c, "draft_skill": draft_skill, **postings}
