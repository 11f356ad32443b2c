"""The guide's path, seeded from its "Becoming a Machine Learning Engineer" section."""

import pytest
from django.core.management import call_command

from paths.models import Path, PathStep, Resource, StepSkill
from postings.models import Degree
from tests.sources.test_guide_fixtures import GUIDE_PATH as GUIDE_FILE
from tests.sources.test_guide_fixtures import normalise, passages

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def guide_text():
    if not GUIDE_FILE.exists():
        pytest.skip(f"the guide is not beside the repository at {GUIDE_FILE}")
    return normalise(GUIDE_FILE.read_text(encoding="utf-8"))


GUIDE_PATH = "becoming-a-machine-learning-engineer"


def test_the_guides_path_leads_into_ml_engineering(guide):
    path = Path.objects.get(slug=GUIDE_PATH)
    assert path.target_role.slug == "machine-learning-engineer"
    assert path.is_published


def test_the_three_steps_come_in_the_guides_order(guide):
    names = list(PathStep.objects.filter(path__slug=GUIDE_PATH).order_by("order").values_list("name", flat=True))
    assert names == ["Get Educated", "Learn Several Programming Languages", "Develop the Necessary Skills"]


def test_the_languages_step_builds_the_six_languages_the_guide_names(guide):
    skills = StepSkill.objects.filter(step__slug="learn-several-programming-languages")
    assert set(skills.values_list("skill__slug", flat=True)) == {"python", "cpp", "r", "java", "javascript", "shell"}


def test_the_skills_step_builds_the_fundamentals_data_statistics_and_system_design(guide):
    skills = StepSkill.objects.filter(step__slug="develop-the-necessary-skills")
    assert set(skills.values_list("skill__slug", flat=True)) == {
        "computer-architecture",
        "data-structures",
        "computational-algorithms",
        "data-modeling",
        "probability-and-statistics",
        "system-design",
    }


def test_the_education_step_holds_the_degree_and_its_alternatives(guide):
    step = PathStep.objects.get(slug="get-educated")
    assert step.min_degree == Degree.BACHELOR
    # The guide names courses or a certification as the way in without a degree; of equivalent experience it
    # says nothing for this step (that line is Google's posting), so it is not stated.
    assert step.accepts_equivalent_experience is None and step.accepts_courses_or_certification
    assert set(step.fields_of_study.values_list("slug", flat=True)) == {
        "computer-science",
        "statistics",
        "mathematics",
        "engineering",
    }


def test_resources_keep_the_guides_names_and_no_invented_address(guide, guide_text):
    resources = list(Resource.objects.prefetch_related("steps"))
    assert len(resources) == 3
    for resource in resources:
        assert normalise(resource.name) in guide_text
        assert resource.url == ""
        assert resource.steps.exists(), f"{resource} serves no step"


@pytest.mark.parametrize("model", [Path, PathStep, StepSkill, Resource], ids=lambda m: m.__name__)
def test_every_path_record_quotes_the_guide(guide, guide_text, model):
    records = list(model.objects.select_related("source"))
    assert records
    for record in records:
        assert record.source.slug == "exponent-ml-engineer-guide"
        for piece in passages(record):
            assert normalise(piece) in guide_text, f"{model.__name__} {record}: {piece!r}"


def test_loading_the_guide_again_duplicates_no_path_record(guide):
    counts = {model: model.objects.count() for model in (Path, PathStep, StepSkill, Resource)}
    call_command("load_guide", verbosity=0)
    assert {model: model.objects.count() for model in counts} == counts


def test_reloading_keeps_a_curators_reordered_step_and_their_own_step(guide):
    from tests.factories import PathStepFactory

    path = Path.objects.get(slug=GUIDE_PATH)
    PathStep.objects.filter(slug="develop-the-necessary-skills").update(order=9)
    added = PathStepFactory(path=path, order=10, slug="get-interview-ready")
    call_command("load_guide", verbosity=0)
    assert PathStep.objects.get(slug="develop-the-necessary-skills").order == 9  # seeding never overwrites
    assert PathStep.objects.filter(pk=added.pk).exists()
