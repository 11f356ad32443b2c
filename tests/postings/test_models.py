"""Posting requirement rules, enforced by validation and by the database itself."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from postings.models import BADGE_TONES, Company, JobPosting
from tests.factories import JobPostingFactory, PostingSkillFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["min_years_experience", "min_years_leadership", "min_years_management"])
def test_negative_years_are_refused_by_validation_and_database(field):
    posting = JobPostingFactory()
    setattr(posting, field, -1)
    with pytest.raises(ValidationError) as error:
        posting.full_clean()
    assert field in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        JobPosting.objects.filter(pk=posting.pk).update(**{field: -1})


def test_unknown_degree_is_refused_by_the_database():
    posting = JobPostingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        JobPosting.objects.filter(pk=posting.pk).update(min_degree=9)


def test_unknown_seniority_is_refused_with_a_clear_message():
    posting = JobPostingFactory()
    posting.seniority = "principal"
    with pytest.raises(ValidationError) as error:
        posting.full_clean()
    assert "seniority" in error.value.message_dict


def test_management_years_cannot_exceed_experience_years():
    posting = JobPostingFactory.build(min_years_experience=2, min_years_management=5)
    with pytest.raises(ValidationError) as error:
        posting.clean()
    assert error.value.message_dict["min_years_management"] == [
        "Management years cannot exceed the years of experience."
    ]


def test_a_posting_lists_a_skill_only_once():
    link = PostingSkillFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PostingSkillFactory(posting=link.posting, skill=link.skill)


def test_for_listing_runs_the_same_queries_for_one_or_many_postings(django_assert_num_queries):
    JobPostingFactory()
    # The postings, then their fields of study, skills and locations.
    with django_assert_num_queries(4):
        list(JobPosting.objects.for_listing())
    for posting in JobPostingFactory.create_batch(20):
        PostingSkillFactory(posting=posting)
    with django_assert_num_queries(4):
        rows = list(JobPosting.objects.for_listing())
    assert len(rows) == 21
    assert all(row.company.name for row in rows)


@pytest.mark.parametrize(
    "name, initials",
    [
        ("Hugging Face", "HF"),
        ("Snap Inc.", "S"),
        ("Google", "G"),
        ("The Walt Disney Company", "WD"),
        ("3M", "3M"),
        ("IBM", "IBM"),
    ],
)
def test_a_companys_initials_stand_in_for_a_logo(name, initials):
    assert Company(name=name, slug="x").initials == initials


def test_a_companys_badge_keeps_its_tone_on_every_page():
    tones = {Company(name="A", slug=slug).badge_tone for slug in ["google", "snap", "openai", "disney", "zoom"]}
    assert tones <= set(range(BADGE_TONES)) and len(tones) > 1
    assert Company(name="A", slug="google").badge_tone == Company(name="B", slug="google").badge_tone
