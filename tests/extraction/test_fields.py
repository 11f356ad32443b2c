"""Fields of study read from a degree sentence, against the curated list; and the aliases `make run` seeds once."""

import pytest
from django.core.management import call_command

from extraction.engine import PROFILE, extract
from postings.models import FieldOfStudy
from skills.models import SkillAlias

pytestmark = pytest.mark.django_db

FIELDS = ["Computer Science", "Electrical Engineering", "Engineering", "Mathematics", "Physics", "Statistics"]


@pytest.fixture
def fields(skills):
    for name in FIELDS:
        FieldOfStudy.objects.create(name=name, slug=name.lower().replace(" ", "-"))


def slugs(text, kind="posting"):
    return [found.slug for found in extract(text, kind=kind).fields_of_study]


def test_the_longest_field_wins_and_each_is_read_once(fields):
    text = "A Master's or PhD in Computer Science, Electrical Engineering or a related field. Computer Science!"
    assert slugs(text) == ["computer-science", "electrical-engineering"]


def test_short_forms_are_read_in_a_degree_sentence(fields):
    assert slugs("An M.S. or Ph.D. in a quantitative field like CS, Math, Physics or Statistics.") == [
        "computer-science",
        "mathematics",
        "physics",
        "statistics",
    ]


def test_a_field_outside_a_degree_sentence_is_not_read(fields):
    assert slugs("You will apply statistics and physics simulations. Python.") == []
    assert slugs("Our cs team ships fast; degree not required.") == []  # "cs" is not "CS"


def test_the_span_is_the_words_read(fields):
    text = "BSc in Physics."
    (found,) = extract(text, kind=PROFILE).fields_of_study
    assert (found.slug, text[found.start : found.end], found.text) == ("physics", "Physics", "Physics")


def test_the_api_answers_the_fields(client, fields):
    answer = client.post("/api/v1/extract/", {"text": "A degree in Mathematics."}, content_type="application/json")
    assert answer.status_code == 200
    assert [field["slug"] for field in answer.json()["fields_of_study"]] == ["mathematics"]


def test_seeding_aliases_if_empty_runs_once_and_keeps_a_deletion(skills):
    SkillAlias.objects.all().delete()
    call_command("load_curated_aliases", "--if-empty", verbosity=0)
    loaded = SkillAlias.objects.count()
    assert loaded > 0
    SkillAlias.objects.filter(text__iexact="sklearn").delete()
    call_command("load_curated_aliases", "--if-empty", verbosity=0)
    assert SkillAlias.objects.count() == loaded - 1
