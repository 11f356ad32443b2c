"""The skill match shared by the site and the API."""

import pytest

from careers.matching import UnknownSkills, match_skills
from tests.factories import (
    JobPostingFactory,
    PostingSkillFactory,
    RoleFactory,
    RoleSkillFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db


def test_roles_rank_by_share_of_essential_skills_covered_and_list_what_is_missing():
    python, sql, stats = SkillFactory(slug="python"), SkillFactory(slug="sql"), SkillFactory(slug="stats")
    analyst = RoleFactory(name="Analyst")
    RoleSkillFactory(role=analyst, skill=python)
    RoleSkillFactory(role=analyst, skill=sql)
    scientist = RoleFactory(name="Scientist")
    for skill in (python, sql, stats):
        RoleSkillFactory(role=scientist, skill=skill)

    result = match_skills(["python", "sql"])

    assert [(m.role.name, m.coverage_percent) for m in result.roles] == [("Analyst", 100), ("Scientist", 67)]
    assert result.roles[1].missing == [stats]


def test_optional_skills_break_ties_but_never_count_as_coverage():
    python, spark = SkillFactory(slug="python"), SkillFactory(slug="spark")
    plain, plus = RoleFactory(name="A plain"), RoleFactory(name="B plus")
    for role in (plain, plus):
        RoleSkillFactory(role=role, skill=python)
    RoleSkillFactory(role=plus, skill=spark, importance="optional")

    result = match_skills(["python", "spark"])

    assert [m.role.name for m in result.roles] == ["B plus", "A plain"]
    assert result.roles[0].coverage_percent == 100 and result.roles[0].optional_covered == 1


def test_a_posting_is_met_when_every_essential_skill_is_covered_and_alternatives_never_block():
    python, sql, r = SkillFactory(slug="python"), SkillFactory(slug="sql"), SkillFactory(slug="r")
    met = JobPostingFactory(title="Met")
    PostingSkillFactory(posting=met, skill=python)
    PostingSkillFactory(posting=met, skill=r, importance="optional")
    unmet = JobPostingFactory(title="Unmet")
    PostingSkillFactory(posting=unmet, skill=python)
    PostingSkillFactory(posting=unmet, skill=sql)

    assert [p.title for p in match_skills(["python"]).postings] == ["Met"]
    assert {p.title for p in match_skills(["python", "sql"]).postings} == {"Met", "Unmet"}


def test_draft_skills_neither_count_nor_appear_as_missing():
    draft = SkillFactory(slug="secret", status="draft")
    role = RoleFactory()
    RoleSkillFactory(role=role, skill=draft)
    RoleSkillFactory(role=role, skill=SkillFactory(slug="python"))

    result = match_skills(["python", "secret"])

    assert result.unknown_slugs == ["secret"]
    assert (result.roles[0].essential_total, result.roles[0].missing) == (1, [])


def test_unknown_slugs_are_reported_or_refused_when_strict():
    SkillFactory(slug="python")
    assert match_skills(["python", "cobol", "python"]).unknown_slugs == ["cobol"]
    with pytest.raises(UnknownSkills) as error:
        match_skills(["cobol"], strict=True)
    assert error.value.slugs == ["cobol"]


def test_draft_roles_and_postings_are_left_out():
    python = SkillFactory(slug="python")
    draft_role = RoleFactory(status="draft")
    RoleSkillFactory(role=draft_role, skill=python)
    PostingSkillFactory(posting=JobPostingFactory(status="draft", role=draft_role), skill=python)
    result = match_skills(["python"])
    assert (result.roles, result.postings) == ([], [])


# The skills, the hierarchy, the roles' gaps (the roles, their skills, the paths with their steps' skills,
# fields of study and resources), the best role's counts (draft skills, one count), draft skills, postings
# met and the near-miss candidates (the near misses' rows and what they lack are two more, only when there
# are some to show).
MATCH_QUERIES = 11


def test_match_runs_the_same_queries_for_few_or_many_roles_and_postings(django_assert_num_queries):
    python = SkillFactory(slug="python")
    role = RoleSkillFactory(skill=python).role
    PostingSkillFactory(skill=python, posting=JobPostingFactory(role=role))
    with django_assert_num_queries(MATCH_QUERIES):
        match_skills(["python"])
    for _ in range(20):
        role = RoleSkillFactory(skill=python).role
        PostingSkillFactory(skill=python, posting=JobPostingFactory(role=role))
    with django_assert_num_queries(MATCH_QUERIES):
        result = match_skills(["python"])
    assert (len(result.roles), len(result.postings), result.postings_page.has_next) == (21, 20, True)
    with django_assert_num_queries(MATCH_QUERIES):
        second = match_skills(["python"], page=2)
    assert (len(second.postings), second.postings_page.has_next) == (1, False)


def test_the_guides_speech_researcher_meets_the_zoom_posting(guide):
    result = match_skills(["python", "speech-recognition", "ml-frameworks"])
    assert [p.slug for p in result.postings] == ["zoom-ml-researcher-new-graduate"]
    nlp = match_skills(["nlp", "computational-linguistics"])
    assert nlp.roles[0].role.slug == "nlp-scientist" and nlp.roles[0].coverage_percent == 100
