"""generate_benchmark_data: the synthetic job board it writes, and --clear removing exactly that."""

import io
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from postings.management.commands.generate_benchmark_data import Command
from postings.models import Company, FieldOfStudy, JobPosting, PostingLocation, PostingSkill
from roles.models import Role, RoleRelation, RoleSkill, SalaryFigure
from skills.models import Importance, Skill
from sources.models import Source

pytestmark = pytest.mark.django_db

POSTINGS = 300
MODELS = [
    Source,
    Skill,
    Role,
    RoleSkill,
    RoleRelation,
    SalaryFigure,
    Company,
    FieldOfStudy,
    JobPosting,
    JobPosting.fields_of_study.through,
    PostingSkill,
    PostingLocation,
]


def generate(**options):
    call_command("generate_benchmark_data", postings=POSTINGS, stdout=io.StringIO(), **options)


def everything():
    """Every row of every table the command could touch, field by field."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def bench(model):
    return model.objects.filter(source__slug="bench-synthetic")


@pytest.fixture
def generated(guide):
    before = everything()
    generate(seed=7)
    return before


def test_writes_a_job_board_of_the_requested_size(generated):
    assert bench(JobPosting).count() == POSTINGS
    assert bench(Skill).count() == 300
    assert bench(Role).count() == 40
    assert bench(Company).count() == 50  # Scaled down from 5,000 for a small run.
    assert bench(SalaryFigure).count() == 40
    assert bench(Skill).filter(kind="soft").exists()
    links_per_role = Counter(bench(RoleSkill).values_list("role", flat=True))
    assert len(links_per_role) == 40 and all(8 <= n <= 15 for n in links_per_role.values())
    links_per_posting = Counter(bench(PostingSkill).values_list("posting", flat=True))
    assert len(links_per_posting) == POSTINGS and all(3 <= n <= 8 for n in links_per_posting.values())
    assert set(bench(JobPosting).values_list("status", flat=True)) <= {"published", "draft"}
    lengths = [len(p.summary + p.responsibilities + p.requirements) for p in bench(JobPosting)]
    assert 1_000 <= sum(lengths) / len(lengths) <= 3_000


def test_everything_it_writes_carries_the_prefix_and_the_synthetic_source(generated):
    assert Source.objects.filter(slug="bench-synthetic").count() == 1
    for model in (Skill, Role, Company, JobPosting):
        assert not bench(model).exclude(slug__startswith="bench-").exists()
        assert not model.objects.filter(slug__startswith="bench-").exclude(source__slug="bench-synthetic").exists()


def test_every_posting_has_an_essential_skill_and_is_anchored_on_its_rarest(generated):
    frequency = Counter(PostingSkill.objects.values_list("skill", flat=True))
    essential = {}
    for posting, skill in bench(PostingSkill).filter(importance=Importance.ESSENTIAL).values_list("posting", "skill"):
        essential.setdefault(posting, []).append(skill)
    for posting, anchor in bench(JobPosting).values_list("pk", "match_anchor"):
        assert essential.get(posting), "a posting without an essential skill"
        assert anchor in essential[posting]
        assert anchor == min(essential[posting], key=lambda skill: (frequency[skill], skill))


def test_popularity_is_long_tailed(generated):
    per_company = sorted(Counter(bench(JobPosting).values_list("company", flat=True)).values(), reverse=True)
    assert per_company[0] >= 3 * per_company[len(per_company) // 2]  # Only 50 companies in a small run.
    per_skill = sorted(Counter(bench(PostingSkill).values_list("skill", flat=True)).values(), reverse=True)
    assert per_skill[0] >= 5 * per_skill[len(per_skill) // 2]


def test_dates_span_two_years_and_most_postings_have_expired(generated):
    today = timezone.localdate()
    postings = list(bench(JobPosting).values_list("posted_on", "valid_through"))
    for posted_on, valid_through in postings:
        assert today - timedelta(days=730) <= posted_on <= today
        assert valid_through is None or timedelta(days=30) <= valid_through - posted_on <= timedelta(days=90)
    assert any(valid_through is None for _, valid_through in postings)
    assert bench(JobPosting).expired().count() > POSTINGS / 2
    assert bench(JobPosting).unexpired().exists()


def test_the_same_seed_makes_the_same_data(guide):
    def content():
        return list(
            bench(JobPosting)
            .order_by("slug")
            .values_list(
                "slug",
                "title",
                "company__slug",
                "role__slug",
                "posted_on",
                "valid_through",
                "requirements",
                "match_anchor__slug",
            )
        )

    generate(seed=3)
    first = content()
    generate(seed=3)  # Replaces the earlier synthetic data rather than adding to it.
    assert content() == first and len(first) == POSTINGS
    generate(seed=4)
    assert content() != first


@pytest.mark.skipif(connection.vendor != "postgresql", reason="search_document is kept by a PostgreSQL trigger")
def test_search_document_is_filled_for_full_text_search(generated):
    assert not bench(JobPosting).filter(search_document__isnull=True).exists()
    assert bench(JobPosting).filter(search_document="python").count() > POSTINGS / 10


def test_clear_removes_exactly_what_it_made(generated):
    call_command("generate_benchmark_data", clear=True, stdout=io.StringIO())
    assert everything() == generated


def test_clear_without_synthetic_data_changes_nothing(guide):
    before = everything()
    call_command("generate_benchmark_data", clear=True, stdout=io.StringIO())
    assert everything() == before


def test_help_promises_to_leave_the_guide_alone():
    assert "never touches the guide's data" in Command.help


def test_generating_makes_the_servers_cached_pages_unreachable(guide):
    from core.caching import versions

    before = versions([JobPosting, Role])
    call_command("generate_benchmark_data", "--postings", "10", verbosity=0)
    assert versions([JobPosting, Role]) != before
