"""The guide fixtures: complete, idempotent, and every fact traceable to the guide's own words."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from paths.models import Path as CareerPath
from paths.models import PathStep, Resource, StepSkill
from postings.models import Company, FieldOfStudy, JobPosting, PostingSkill
from roles.models import Role, RoleRelation, RoleSkill, SalaryFigure
from skills.models import Skill
from sources.models import Source
from tests.factories import RoleFactory

GUIDE_PATH = Path(settings.BASE_DIR).parent / "shared" / "guide" / "how-to-become-a-machine-learning-engineer.txt"
SOURCED_MODELS = [Role, RoleSkill, RoleRelation, SalaryFigure, Skill, Company, JobPosting, PostingSkill]
SOURCED_MODELS += [CareerPath, PathStep, StepSkill, Resource]  # fixtures/guide/05_paths.json

pytestmark = pytest.mark.django_db


def normalise(text):
    """Bullets dropped and all whitespace (including the guide's no-break space) folded to one space."""
    return re.sub(r"\s+", " ", text.replace("•", " ")).strip()


@pytest.fixture(scope="module")
def guide_text():
    if not GUIDE_PATH.exists():
        pytest.skip(f"the guide is not beside the repository at {GUIDE_PATH}")
    return normalise(GUIDE_PATH.read_text(encoding="utf-8"))


def passages(record):
    """A passage may quote several separate lines of the guide, joined by ' … '."""
    return [piece for piece in record.source_passage.split(" … ") if piece.strip()]


def test_guide_loads_every_role_skill_company_posting_and_salary(guide):
    assert set(Role.objects.values_list("slug", flat=True)) == {
        "machine-learning-engineer",
        "data-scientist",
        "machine-learning-researcher",
        "nlp-scientist",
        "human-centered-machine-learning-designer",
        "software-engineer",
    }
    assert set(JobPosting.objects.values_list("company__slug", flat=True)) == {
        "openai",
        "apple",
        "zoom",
        "disney",
        "snap-inc",
        "toyota",
        "google",
    }
    assert Skill.objects.count() == 40
    assert Company.objects.count() == 11
    assert SalaryFigure.objects.count() == 3
    assert Role.objects.published().count() == Role.objects.count()


def test_loading_the_guide_twice_duplicates_nothing(guide):
    counts = {model: model.objects.count() for model in SOURCED_MODELS + [FieldOfStudy, Source]}
    call_command("load_guide", verbosity=0)
    assert {model: model.objects.count() for model in counts} == counts


def test_reloading_keeps_records_curators_added(guide):
    added = RoleFactory(slug="ml-platform-engineer", name="ML Platform Engineer")
    call_command("load_guide", verbosity=0)
    assert Role.objects.filter(pk=added.pk, name="ML Platform Engineer").exists()
    assert Role.objects.count() == 7


@pytest.mark.parametrize("model", SOURCED_MODELS, ids=lambda m: m.__name__)
def test_every_seeded_record_quotes_a_passage_found_in_the_guide(guide, guide_text, model):
    records = list(model.objects.select_related("source"))
    assert records, f"no {model.__name__} was seeded"
    for record in records:
        assert record.source.title == "How to Become a Machine Learning Engineer"
        assert passages(record), f"{model.__name__} {record} has no source passage"
        for piece in passages(record):
            assert normalise(piece) in guide_text, f"{model.__name__} {record}: passage not in the guide: {piece!r}"


def test_each_salary_amount_is_the_one_its_passage_states(guide):
    for figure in SalaryFigure.objects.all():
        assert f"${figure.amount:,.0f}" in figure.source_passage, figure


def test_salary_figures_say_what_kind_of_statement_they_are(guide):
    data_scientist = SalaryFigure.objects.get(role__slug="data-scientist")
    assert (data_scientist.amount, data_scientist.statistic, data_scientist.region) == (
        Decimal("138365.00"),
        "average",
        "United States",
    )
    assert data_scientist.is_approximate is False
    designer = SalaryFigure.objects.get(role__slug="human-centered-machine-learning-designer")
    assert (designer.amount, designer.statistic, designer.region) == (Decimal("110000.00"), "average", "")
    assert designer.is_approximate is True


def test_each_postings_years_of_experience_agree_with_its_passage(guide):
    checked = 0
    for posting in JobPosting.objects.all():
        for years in (posting.min_years_experience, posting.min_years_leadership, posting.min_years_management):
            if years is not None:
                assert f"{years} years" in posting.source_passage, posting
                checked += 1
    assert checked == 5  # Disney 3; Snap 9; Google 8, 3 and 2


def test_google_posting_holds_the_guides_structured_requirements(guide):
    google = JobPosting.objects.get(slug="google-ml-engineer")
    assert (google.min_years_experience, google.min_years_leadership, google.min_years_management) == (8, 3, 2)
    assert google.get_min_degree_display() == "Bachelor's"
    assert google.accepts_equivalent_experience is True
    assert set(google.skills.values_list("slug", flat=True)) >= {"ml-infrastructure", "code-review", "python"}


def test_every_field_of_study_is_named_in_the_guide(guide, guide_text):
    for field in FieldOfStudy.objects.all():
        assert field.name in guide_text


def test_transitions_the_guide_talks_about_are_recorded(guide):
    transitions = set(RoleRelation.objects.filter(kind="transition").values_list("from_role__slug", "to_role__slug"))
    assert transitions == {
        ("software-engineer", "machine-learning-engineer"),
        ("data-scientist", "machine-learning-engineer"),
    }


def test_every_skill_hierarchy_link_quotes_a_passage_found_in_the_guide(guide, guide_text):
    linked = list(Skill.objects.exclude(broader=None).select_related("broader"))
    assert linked, "no skill hierarchy link was seeded"
    for skill in linked:
        pieces = [piece for piece in skill.broader_passage.split(" … ") if piece.strip()]
        assert pieces, f"{skill} → {skill.broader} has no broader_passage"
        for piece in pieces:
            assert normalise(piece) in guide_text, f"{skill} → {skill.broader}: passage not in the guide: {piece!r}"
    assert not Skill.objects.filter(broader=None).exclude(broader_passage="").exists(), "a passage without a link"


# How the guide words each degree (the lowest a posting accepts comes first in its passage's wording).
DEGREE_WORDS = {0: ["no degree"], 1: ["Bachelor's"], 2: ["Master's", "M.S."], 3: ["PhD", "Ph.D."]}
# Words that would state a degree requirement; a posting whose passage only says "pursuing" one, or "a
# background in a PhD program", states none (a student or a programme is not a degree held).
NOT_A_REQUIREMENT = ["pursuing", "background in a PhD program"]


def test_each_postings_degree_is_the_one_its_passage_states_or_not_stated(guide):
    stated = not_stated = 0
    for posting in JobPosting.objects.all():
        passage = posting.source_passage
        if posting.min_degree is None:
            not_stated += 1
            words = [word for words in DEGREE_WORDS.values() for word in words]
            assert not any(word in passage for word in words) or any(w in passage for w in NOT_A_REQUIREMENT), (
                f"{posting.slug}: its passage states a degree, but the posting says 'not stated'"
            )
        else:
            stated += 1
            assert any(word in passage for word in DEGREE_WORDS[posting.min_degree]), (
                f"{posting.slug}: {posting.get_min_degree_display()} is not in its passage"
            )
            assert not any(w in passage for w in NOT_A_REQUIREMENT), posting.slug
        assert posting.accepts_equivalent_experience == ("equivalent" in passage), posting.slug
    # OpenAI (no requirements quoted), Zoom ("pursuing or holding") and Toyota ("a background in a PhD program").
    assert (stated, not_stated) == (4, 3)


def test_a_posting_that_states_no_degree_reads_not_stated_and_matches_no_degree_filter(guide, client):
    openai = JobPosting.objects.get(slug="openai-ml-engineer-moderation")
    assert openai.min_degree is None
    assert "Not stated" in client.get(openai.get_absolute_url()).content.decode()
    for degree in ["none", "phd"]:
        listed = client.get("/postings/", {"degree": degree}).content.decode()
        assert openai.title not in listed, degree
    assert JobPosting.objects.filter(slug=openai.slug).met_by([], degree=3).count() == 0


PERIOD_WORDS = {"year": ["annually", "a year", "per year"], "month": ["a month", "monthly"], "hour": ["an hour"]}


def test_each_salary_period_is_the_one_its_passage_states_or_not_stated(guide):
    for figure in SalaryFigure.objects.all():
        said = [period for period, words in PERIOD_WORDS.items() if any(w in figure.source_passage for w in words)]
        assert [figure.period] == said if figure.period else said == [], (figure, said)
    assert SalaryFigure.objects.get(amount=110000).period == ""


def test_the_education_step_claims_only_what_the_guide_says(guide):
    step = PathStep.objects.get(slug="get-educated")
    assert step.accepts_equivalent_experience is None  # the guide says nothing of equivalent experience here
    assert step.accepts_courses_or_certification is True
    assert "equivalent" not in step.what_to_do and "equivalent" not in step.source_passage


def _stems(text):
    """Content words, crudely stemmed (their first five letters), so 'optimised' meets 'optimized'."""
    return {word[:5] for word in re.findall(r"[a-z]+", text.lower().replace("-", " ")) if len(word) > 3}


def test_skill_descriptions_say_only_what_their_passage_says(guide):
    """A description restates its passage in our words; one that adds claims shares few words with it."""
    for skill in Skill.objects.exclude(description=""):
        said, quoted = _stems(skill.description), _stems(skill.source_passage)
        share = len(said & quoted) / len(said)
        assert share >= 0.6, f"{skill.slug}: {sorted(said - quoted)} are not in its passage"
