"""
The match reads right: each role's missing skills are ranked by the live postings of that role they
open, in the order the plan's learn next gives them, soft skills apart; each result links to its plan.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.matching import RANKED_ROLES, match_skills
from paths.planning import plan_move
from tests.factories import JobPostingFactory, PostingSkillFactory, RoleFactory, RoleSkillFactory, SkillFactory

pytestmark = pytest.mark.django_db


def posting(role, *essential):
    posting = JobPostingFactory(role=role, min_degree=0)
    for skill in essential:
        PostingSkillFactory(posting=posting, skill=skill)
    return posting


def role_needing(slug, *skills):
    role = RoleFactory(slug=slug, name=slug.title())
    for skill in skills:
        RoleSkillFactory(role=role, skill=skill, importance="essential")
    return role


@pytest.fixture
def world():
    """
    Two roles needing have, alpha, mid, zeta (and talk, soft). In names alpha < mid < zeta. Most asked
    for: mid (4), alpha (3), zeta (2); by postings opened once learned: zeta (2), mid (1), alpha (0).
    """
    have, alpha, mid, zeta = (SkillFactory(slug=slug, name=slug.title()) for slug in ("have", "alpha", "mid", "zeta"))
    talk = SkillFactory(slug="talk", name="Talk", kind="soft", category="soft_skill")
    roles = [role_needing(slug, have, alpha, mid, zeta, talk) for slug in ("first", "second")]
    for role in roles:
        for _ in range(3):
            posting(role, have, mid, alpha)
        posting(role, have, mid)
        for _ in range(2):
            posting(role, have, zeta)
    return {"roles": roles, "have": have, "skills": {s.slug: s for s in (have, alpha, mid, zeta, talk)}}


def test_missing_skills_are_ranked_by_the_postings_they_open_for_every_role(world):
    result = match_skills(["have"])
    for match in result.roles:
        assert [skill.slug for skill in match.missing_technical] == ["zeta", "mid", "alpha"], match.role.slug
        assert match.ranked_by_postings


def test_the_order_is_the_plans_learn_next_order(world):
    result = match_skills(["have"])
    for match in result.roles:
        plan = plan_move(to_role=match.role.slug, have=["have"])
        assert plan.learn_next.skill == match.missing_technical[0]
        plan_order = [c.skill for c in plan.gap.ranked if c.essential]
        assert plan_order == match.missing_technical


def test_soft_skills_are_never_in_the_missing_ranking_but_listed_apart(world):
    match = match_skills(["have"]).roles[0]
    assert "talk" not in {skill.slug for skill in match.missing_technical}
    assert [asked.skill.slug for asked in match.soft_skills] == ["talk"]


def test_the_page_links_each_result_to_its_plan_with_a_meter_and_the_ranked_missing_skills(client, world):
    current = RoleFactory(slug="now", name="Now")
    page = client.get("/match/?skill=have&from=now").content.decode()
    assert '<a class="match-detail" href="/plan/?from=now&amp;to=first&amp;have=have">Plan this move</a>' in page
    assert '<meter min="0" max="4" value="1">25%</meter>' in page
    assert "1 of 4 essential technical skills" in page
    missing = page.split("Missing, the skill opening most of its postings first:")[1].split("</span>")[0]
    assert missing.index(">Zeta<") < missing.index(">Mid<") < missing.index(">Alpha<")
    assert current.name in page


def test_the_api_says_the_ranking(api, world):
    roles = api.get("/api/v1/match/?skill=have").json()["roles"]
    assert all(role["ranked_by_postings"] for role in roles)
    assert [skill["slug"] for skill in roles[1]["missing_technical"]] == ["zeta", "mid", "alpha"]


def test_roles_past_the_ranked_ones_keep_the_paths_order(world):
    for index in range(RANKED_ROLES):
        role_needing(f"extra-{index}", world["have"], world["skills"]["zeta"], world["skills"]["alpha"])
    roles = match_skills(["have"]).roles
    assert sum(match.ranked_by_postings for match in roles) == RANKED_ROLES
    unranked = [match for match in roles if not match.ranked_by_postings]
    assert unranked and all(
        [s.slug for s in match.missing_technical] == sorted(s.slug for s in match.missing_technical)
        for match in unranked
    )


def test_the_match_page_runs_the_same_queries_with_more_roles_and_postings(client, world, uncached):
    client.get("/match/?skill=have")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/match/?skill=have").status_code == 200
    skills = world["skills"]
    for index in range(RANKED_ROLES + 3):
        role = role_needing(f"more-{index}", world["have"], skills["mid"], skills["zeta"])
        posting(role, world["have"], skills["mid"])
    with CaptureQueriesContext(connection) as many:
        assert client.get("/match/?skill=have").status_code == 200
    assert len(many) == len(few)


def test_the_page_names_the_three_gaps_that_matter_most_and_counts_the_rest(client, world):
    """A role missing five skills shows the first three (ranked) and "and 2 more"; the plan lists them all."""
    extra = [SkillFactory(slug=f"extra-{n}", name=f"Extra {n}") for n in range(2)]
    for role in world["roles"]:
        for skill in extra:
            RoleSkillFactory(role=role, skill=skill, importance="essential")
    page = client.get("/match/?skill=have").content.decode()
    missing = page.split("Missing, the skill opening most of its postings first:")[1].split("</span>")[0]
    assert missing.count("<a href=") == 3 and missing.endswith(" and 2 more")
    assert ">Zeta<" in missing and "Extra" not in missing
