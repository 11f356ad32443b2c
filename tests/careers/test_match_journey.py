"""The match as a step of the journey: ranked on evidence, the current role last, learn next, plans linked."""

import pytest
from django.urls import reverse

from careers.matching import match_skills
from roles.models import Role
from tests.factories import RoleFactory, RoleSkillFactory, SkillFactory

pytestmark = pytest.mark.django_db

# The software engineer (issue 16).
SKILLS = ["python", "software-engineering", "data-structures", "system-design"]


def test_a_one_skill_role_does_not_outrank_a_well_described_one_on_one_match():
    python, sql, stats, ml = (SkillFactory(slug=slug) for slug in ("python", "sql", "stats", "ml"))
    tiny = RoleFactory(name="A tiny role")
    RoleSkillFactory(role=tiny, skill=python)
    big = RoleFactory(name="B big role")
    for skill in (python, sql, stats, ml, SkillFactory(), SkillFactory(), SkillFactory()):
        RoleSkillFactory(role=big, skill=skill)
    result = match_skills(["python", "sql", "stats", "ml"])
    assert [(m.role.name, m.coverage_percent) for m in result.roles] == [("B big role", 57), ("A tiny role", 100)]


def test_the_guides_software_engineer_is_pointed_at_ml_engineering(guide):
    result = match_skills(SKILLS)
    assert result.roles[0].role.slug == "machine-learning-engineer"
    se = Role.objects.get(slug="software-engineer")
    with_role = match_skills(SKILLS, current_role=se)
    assert with_role.roles[0].role.slug == "machine-learning-engineer"
    assert with_role.roles[-1].role == se and with_role.roles[-1].is_current
    assert with_role.best_match.role.slug == "machine-learning-engineer"
    assert with_role.learn_next is not None
    assert with_role.learn_next.skill.slug in {item.skill.slug for item in with_role.best.missing_essential}


def test_the_page_labels_the_current_role_leads_with_learn_next_and_links_each_plan(client, guide):
    page = client.get("/match/", {"skill": SKILLS, "from": "software-engineer"}).content.decode()
    assert page.index("Learn next:") < page.index("Roles, best fit first")
    assert "your current role</span>" in page
    assert "/plan/?from=software-engineer&amp;to=machine-learning-engineer&amp;have=data-structures" in page
    assert "<meter" in page


def test_an_unknown_current_role_is_not_found_on_the_page_and_refused_by_the_api(client, api, guide):
    assert client.get("/match/", {"skill": SKILLS, "from": "astronaut"}).status_code == 404
    response = api.get(reverse("api:match"), {"skill": SKILLS, "from": "astronaut"})
    assert response.status_code == 400 and response.json()["errors"] == {"from": ["Unknown role: astronaut"]}


def test_the_api_gives_each_role_its_gap_and_the_match_its_learn_next(api, guide):
    data = api.get(reverse("api:match"), {"skill": SKILLS, "from": "software-engineer"}).json()
    assert data["current_role"] == {"slug": "software-engineer", "name": "Software Engineer"}
    assert data["learn_next"]["slug"]
    engineer = data["roles"][0]
    assert engineer["slug"] == "machine-learning-engineer" and engineer["is_current"] is False
    assert {"machine-learning-algorithms", "ml-frameworks", "mlops"} <= {
        skill["slug"] for skill in engineer["gap"]["missing_essential"]
    }
    have = "&have=data-structures&have=python&have=software-engineering&have=system-design"
    assert engineer["plan_url"].endswith("/plan/?from=software-engineer&to=machine-learning-engineer" + have)
    assert data["roles"][-1]["is_current"] is True
