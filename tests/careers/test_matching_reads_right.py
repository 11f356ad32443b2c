"""
The skill match as a job seeker reads it (careers/matching.py, the match page and /api/v1/match/): the
skill hierarchy counts, soft skills are shown apart, near misses are grouped, queries stay constant.
"""

import datetime

import pytest
from django.urls import reverse

from careers import matching
from careers.matching import match_skills
from tests.factories import JobPostingFactory, PostingSkillFactory, RoleFactory, RoleSkillFactory, SkillFactory

pytestmark = pytest.mark.django_db

PASSAGE = "Get to know frameworks like Scikit-learn, TensorFlow, and PyTorch."
# The user's case from issue 9, as they ticked it.
USERS_SKILLS = [
    "python",
    "sql",
    "probability-and-statistics",
    "machine-learning-algorithms",
    "pytorch",
    "communication",
]


def needs(role, *skills, importance="essential"):
    for skill in skills:
        RoleSkillFactory(role=role, skill=skill, importance=importance)


def posting(role, *essential, days_ago=0, **kwargs):
    made = JobPostingFactory(role=role, posted_on=datetime.date.today() - datetime.timedelta(days=days_ago), **kwargs)
    for skill in essential:
        PostingSkillFactory(posting=made, skill=skill)
    made.refresh_match_anchors()
    made.refresh_from_db()
    return made


@pytest.fixture
def frameworks():
    top = SkillFactory(slug="ml-frameworks", name="Machine learning frameworks")
    return top, SkillFactory(slug="pytorch", name="PyTorch", broader=top, broader_passage=PASSAGE)


# The hierarchy in the match.


def test_a_narrower_skill_covers_a_roles_broader_requirement(frameworks):
    top, pytorch = frameworks
    role = RoleFactory(name="Data Scientist")
    needs(role, top, SkillFactory(slug="python"))

    result = match_skills(["pytorch", "python"])

    assert (result.roles[0].coverage_percent, result.roles[0].missing) == (100, [])
    assert result.implied_skills == [top]


def test_a_narrower_skill_meets_a_posting_asking_for_the_broader_one(frameworks):
    top, pytorch = frameworks
    asks_broadly = posting(RoleFactory(), top)
    assert asks_broadly.match_anchor_id == top.pk  # the anchor is the broad skill the person does not tick
    assert [p.slug for p in match_skills(["pytorch"]).postings] == [asks_broadly.slug]
    assert [p.slug for p in match_skills(["ml-frameworks"]).postings] == [asks_broadly.slug]


def test_a_broad_skill_does_not_cover_a_requirement_for_a_narrower_one(frameworks):
    top, pytorch = frameworks
    role = RoleFactory()
    needs(role, pytorch)
    assert match_skills(["ml-frameworks"]).roles[0].missing_technical == [pytorch]


# Soft skills apart.


def test_soft_skills_are_shown_apart_and_never_change_the_score():
    python, sql = SkillFactory(slug="python"), SkillFactory(slug="sql")
    talk = SkillFactory(slug="communication", name="Communication", kind="soft", category="soft_skill")
    learn = SkillFactory(slug="fast-learner", name="Fast learner", kind="soft", category="soft_skill")
    role = RoleFactory()
    needs(role, python, sql, talk, learn)

    without = match_skills(["python", "sql"]).roles[0]
    with_talk = match_skills(["python", "sql", "communication"]).roles[0]

    assert without.coverage_percent == with_talk.coverage_percent == 100
    assert (without.technical_covered, without.technical_total) == (2, 2)
    assert without.missing_technical == []
    assert [(asked.skill.slug, asked.have) for asked in with_talk.soft_skills] == [
        ("communication", True),
        ("fast-learner", False),
    ]
    assert match_skills(["communication"]).roles[0].coverage_percent == 0  # soft skills cannot lift it either


def test_a_role_asking_only_for_soft_skills_is_scored_on_them():
    talk = SkillFactory(slug="communication", kind="soft", category="soft_skill")
    needs(RoleFactory(), talk, SkillFactory(kind="soft", category="soft_skill"))
    assert match_skills(["communication"]).roles[0].coverage_percent == 50


# Near misses: missing 1, missing 2.


def test_postings_are_grouped_by_how_many_essential_skills_are_missing():
    python, sql, spark, rust = (SkillFactory(slug=slug, name=slug) for slug in ("python", "sql", "spark", "rust"))
    role = RoleFactory()
    needs(role, python)
    met = posting(role, python, days_ago=1)
    one = posting(role, python, spark, days_ago=2)
    one_anchored_on_the_missing_skill = posting(role, spark, days_ago=3)
    two = posting(role, python, spark, rust, days_ago=4)
    posting(role, python, spark, rust, sql, days_ago=5)  # missing 3: in no group
    posting(role, spark, status="draft")
    posting(role, spark, days_ago=9, valid_through=datetime.date.today() - datetime.timedelta(days=1))

    result = match_skills(["python"])

    assert [p.slug for p in result.postings] == [met.slug]
    one_group, two_group = result.near_misses
    assert (one_group.missing_count, two_group.missing_count) == (1, 2)
    assert [p.slug for p in one_group.postings] == [one.slug, one_anchored_on_the_missing_skill.slug]
    assert [s.slug for s in one_group.postings[0].missing_skills] == ["spark"]
    assert [p.slug for p in two_group.postings] == [two.slug]
    assert [s.slug for s in two_group.postings[0].missing_skills] == ["rust", "spark"]
    assert result.near_miss_roles == [role]


def test_near_misses_are_a_bounded_sample_of_the_best_fitting_roles_newest_postings(monkeypatch):
    python, spark = SkillFactory(slug="python"), SkillFactory(slug="spark")
    fits, other = RoleFactory(name="Fits"), RoleFactory(name="Other")
    needs(fits, python)
    needs(other, spark)  # covers nothing: its postings are not searched
    newest = [posting(fits, python, spark, days_ago=day) for day in range(3)]
    posting(fits, python, spark, days_ago=10)  # outside the window
    posting(other, python, spark)
    monkeypatch.setattr(matching, "NEAR_MISS_WINDOW", 4)
    monkeypatch.setattr(matching, "NEAR_MISSES_SHOWN", 2)
    posting(fits, python, days_ago=5)  # met, inside the window: the window counts every posting

    result = match_skills(["python"])

    assert [p.slug for p in result.near_misses[0].postings] == [newest[0].slug, newest[1].slug]
    assert result.near_miss_roles == [fits]
    monkeypatch.setattr(matching, "NEAR_MISSES_SHOWN", 10)
    assert [p.slug for p in match_skills(["python"]).near_misses[0].postings] == [p.slug for p in newest]


def test_match_queries_stay_constant_with_near_misses_and_the_hierarchy(frameworks, django_assert_num_queries):
    top, pytorch = frameworks
    python = SkillFactory(slug="python")

    def populate(n):
        for _ in range(n):
            role = RoleFactory()
            needs(role, python, top)
            posting(role, python, top)
            posting(role, python, top, SkillFactory())
            posting(role, python, SkillFactory(), SkillFactory())

    populate(1)
    queries = matching_queries = 14  # MATCH_QUERIES, + the implied skills, + the near misses' rows and lacks
    with django_assert_num_queries(queries):
        few = match_skills(["python", "pytorch"])
    populate(12)
    with django_assert_num_queries(matching_queries):
        many = match_skills(["python", "pytorch"])
    assert (len(few.postings), len(few.near_misses[0].postings), len(few.near_misses[1].postings)) == (1, 1, 1)
    assert (len(many.postings), len(many.near_misses[0].postings)) == (13, 3)  # 3 best roles' postings


# The user's case from issue 9, with the guide's data.


def test_the_users_case_reads_right(guide):
    result = match_skills(USERS_SKILLS)
    by_slug = {match.role.slug: match for match in result.roles}

    scientist = by_slug["data-scientist"]
    assert "ml-frameworks" not in [skill.slug for skill in scientist.missing]
    assert [skill.slug for skill in scientist.missing_technical] == ["data-modeling"]
    assert scientist.coverage_percent == 80
    assert result.roles[0].role.slug == "data-scientist"

    engineer = by_slug["machine-learning-engineer"]
    assert (engineer.technical_covered, engineer.technical_total, engineer.coverage_percent) == (4, 13, 31)
    assert [(asked.skill.slug, asked.have) for asked in engineer.soft_skills] == [
        ("communication", True),
        ("fast-learner", False),
        ("problem-solving", False),
    ]
    assert [skill.slug for skill in result.implied_skills] == ["ml-frameworks"]

    assert result.postings == []
    one, two = result.near_misses
    assert [(p.slug, [s.slug for s in p.missing_skills]) for p in one.postings] == [
        ("zoom-ml-researcher-new-graduate", ["speech-recognition"])
    ]
    assert [(p.slug, [s.slug for s in p.missing_skills]) for p in two.postings] == [
        ("disney-data-scientist", ["data-modeling", "data-interpretation"])  # by name
    ]


def test_the_users_case_on_the_page(client, guide):
    html = client.get("/match/", {"skill": USERS_SKILLS}).content.decode()
    scientist = html[html.index(">Data Scientist</a>") : html.index("</li>", html.index(">Data Scientist</a>"))]
    assert "4 of 5 essential technical skills" in scientist
    assert "Missing:" in scientist and "Machine learning frameworks" not in scientist
    engineer = html[
        html.index(">Machine Learning Engineer</a>") : html.index("</li>", html.index(">Machine Learning Engineer</a>"))
    ]
    assert "25%" not in html
    assert "31%" in html[html.index("<ol") : html.index(">Machine Learning Engineer</a>")]
    assert "Also asks for (not scored)" in engineer and "(you have it)" in engineer
    assert "share of its essential technical skills you have" in html
    assert "They also count as:" in html
    assert "Postings missing 1 skill" in html and "Postings missing 2 skills" in html
    missing_one = html[html.index("Postings missing 1 skill") : html.index("Postings missing 2 skills")]
    assert "ML Researcher (new graduate)</a> at Zoom" in missing_one and "Speech recognition" in missing_one


def test_the_api_adds_fields_and_keeps_the_old_ones(api, guide):
    data = api.get(reverse("api:match"), {"skill": USERS_SKILLS}).json()
    scientist = next(role for role in data["roles"] if role["slug"] == "data-scientist")
    assert {"essential_total", "essential_covered", "optional_covered", "missing", "coverage_percent"} <= set(scientist)
    assert (scientist["technical_covered"], scientist["technical_total"], scientist["coverage_percent"]) == (4, 5, 80)
    assert [s["slug"] for s in scientist["missing"]] == ["data-modeling"]
    engineer = next(role for role in data["roles"] if role["slug"] == "machine-learning-engineer")
    assert {s["slug"] for s in engineer["missing"]} >= {"fast-learner", "problem-solving"}  # soft: still listed
    assert "fast-learner" not in [s["slug"] for s in engineer["missing_technical"]]
    assert {"slug": "communication", "name": "Communication", "have": True} in engineer["soft_skills"]
    assert [s["slug"] for s in data["implied_skills"]] == ["ml-frameworks"]
    assert [(group["missing_count"], [p["slug"] for p in group["results"]]) for group in data["near_misses"]] == [
        (1, ["zoom-ml-researcher-new-graduate"]),
        (2, ["disney-data-scientist"]),
    ]
    assert data["near_misses"][0]["results"][0]["missing"] == [
        {"slug": "speech-recognition", "name": "Speech recognition"}
    ]
    assert data["near_miss_roles"][0] == {"slug": "data-scientist", "name": "Data Scientist"}


def test_the_schema_declares_the_new_match_fields(api):
    schemas = api.get("/api/schema/", {"format": "json"}).json()["components"]["schemas"]
    assert {"near_misses", "implied_skills", "near_miss_roles"} <= set(schemas["Match"]["properties"])
    assert {"technical_total", "technical_covered", "missing_technical", "soft_skills"} <= set(
        schemas["RoleMatch"]["properties"]
    )
