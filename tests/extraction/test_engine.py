"""The extractor reads skills, importance, degree and years from a posting or a CV, against the taxonomy."""

import pytest

from extraction import taxonomy
from extraction.engine import extract
from skills.models import Skill, SkillAlias

pytestmark = pytest.mark.django_db


def slugs(extraction):
    return {skill.slug for skill in extraction.all_skills}


def importance(extraction):
    return {skill.slug: skill.importance for skill in extraction.all_skills}


def test_plain_variants_match_without_an_alias(skills):
    found = extract("Scikit Learn. Machine-learning frameworks. Python (programming language) and data pipeline work.")
    assert {"scikit-learn", "ml-frameworks", "python", "data-pipelines"} <= slugs(found)


def test_a_curated_alias_matches_and_is_reported(skills):
    found = extract("We use sklearn daily.", kind="profile")
    (skill,) = found.skills
    assert skill.slug == "scikit-learn"
    assert [(s.start, s.end, s.text, s.alias) for s in skill.spans] == [(7, 14, "sklearn", "sklearn")]


def test_required_and_nice_to_have_sections_set_importance(skills):
    text = "Requirements:\n- Python and SQL.\nNice to have:\n- PyTorch.\n"
    assert importance(extract(text)) == {"python": "essential", "sql": "essential", "pytorch": "optional"}


def test_a_plus_in_the_sentence_makes_a_skill_optional(skills):
    found = extract("Strong Python skills. Experience with TensorFlow is a plus.")
    assert importance(found) == {"python": "essential", "tensorflow": "optional"}


def test_alternatives_are_optional(skills):
    found = extract("Proficiency in SQL, Python or R.")
    assert importance(found) == {"sql": "optional", "python": "optional", "r": "optional"}


def test_negated_skills_are_not_read(skills):
    found = extract("No Python required. SQL is essential.")
    assert slugs(found) == {"sql"}


def test_ambiguous_letters_need_case_and_context(skills):
    assert slugs(extract("Vitamin C and a grade of C or better. R&D budget. Go the extra mile.")) == set()
    assert slugs(extract("I write c and r code.", kind="profile")) == set()
    assert {"c", "r"} <= slugs(extract("Programming in C and R.", kind="profile"))
    assert "c" not in slugs(extract("Programming in C# and Java."))


def test_soft_skills_are_kept_apart(skills):
    found = extract("Excellent communication skills and PyTorch.")
    assert [s.slug for s in found.soft_skills] == ["communication"]
    assert [s.slug for s in found.skills] == ["pytorch"]


def test_the_narrower_skill_is_reported_and_the_broader_implied(skills):
    found = extract("Experience with ML frameworks such as PyTorch.")
    assert slugs(found) == {"pytorch"}
    assert found.implied == ["ml-frameworks"]


def test_a_field_of_study_is_not_a_skill(skills):
    assert slugs(extract("A Bachelor's degree in Physics or Mathematics.")) == set()


@pytest.mark.parametrize(
    ("text", "degree"),
    [
        ("A Bachelor's or Master's degree in CS.", "bachelor"),
        ("An M.S. or Ph.D. in a quantitative field.", "master"),
        ("PhD required.", "phd"),
        ("No degree required.", "none"),
        ("Currently pursuing a Master's or PhD.", None),
        ("Bachelor's required; Master's preferred.", "bachelor"),
        ("Proficient with MS Office.", None),
        ("Python and SQL.", None),
    ],
)
def test_a_postings_minimum_degree(skills, text, degree):
    assert extract(text).degree == degree


def test_a_profile_holds_its_highest_finished_degree(skills):
    assert extract("BSc in Physics, 2015. MSc in Statistics, 2017.", kind="profile").degree == "master"
    assert extract("BSc in Physics. PhD candidate in ML (expected 2027).", kind="profile").degree == "bachelor"


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("3+ years of experience with Python.", 3),
        ("At least three years of professional experience.", 3),
        ("3-5 years of experience in data science.", 3),
        ("Our company has 20 years of history. 2 years of experience with SQL.", 2),
        ("Requirements: 4 years of experience.\nNice to have: 6 years of experience with Spark.", 4),
        ("8 years of software development; 3 years in a technical leadership role.", 8),
        ("Python and SQL.", None),
    ],
)
def test_a_postings_minimum_years(skills, text, years):
    assert extract(text).years == years


def test_a_degree_ladder_gives_years_per_degree(skills):
    found = extract("BS + 5 years or MS + 3 years of experience in machine learning.")
    assert found.years_by_degree == {"bachelor": 5, "master": 3}
    assert (found.degree, found.years) == ("bachelor", 3)


def test_equivalent_experience_is_read(skills):
    assert extract("A Bachelor's degree or equivalent practical experience.").accepts_equivalent_experience


def test_the_matcher_is_built_once_per_taxonomy_version(skills, django_assert_num_queries):
    extract("Python")
    built = taxonomy.current()
    with django_assert_num_queries(1):  # the version only
        extract("Python and sklearn")
    assert taxonomy.current() is built


def test_a_new_alias_is_read_without_a_restart(skills):
    assert slugs(extract("Pandas and Polars.")) == set()
    SkillAlias.objects.create(skill=Skill.objects.get(slug="python"), text="Polars")
    assert slugs(extract("Pandas and Polars.")) == {"python"}


def test_an_unpublished_skill_is_not_read(skills):
    Skill.objects.filter(slug="pytorch").update(status="draft")
    assert slugs(extract("PyTorch")) == set()


@pytest.mark.parametrize(
    "text",
    [
        "   ",
        "\r\n\r\nRequirements:\r\n- Python\r\n- C and C++ programming\r\n",
        "Ünïcödé — “Python”, ‘SQL’… 3–5 years. PhD/MS.",
        "C " * 3000,
        "no " * 3000 + "Python required",
        "Requirements:\n" * 500,
        "-" * 5000 + "Python",
    ],
)
def test_odd_texts_are_read_and_every_span_points_at_its_words(skills, text):
    found = extract(text)
    for skill in found.all_skills:
        assert all(text[span.start : span.end] == span.text for span in skill.spans)
    for span in (found.degree_span, found.years_span):
        assert span is None or text[span.start : span.end] == span.text


def test_every_span_of_the_labelled_texts_points_at_its_words(skills):
    from extraction.evaluation.measure import synthetic_set

    for item in synthetic_set():
        for skill in extract(item.text, kind=item.kind).all_skills:
            assert all(item.text[s.start : s.end] == s.text for s in skill.spans), item.id
