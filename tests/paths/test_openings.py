"""
Jobs you qualify for, per plan step (paths.gap.Openings): the count, the hard gates said plainly, and a
link to the postings list that shows exactly the postings counted.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from paths.gap import skill_gap
from postings.models import Degree
from tests.factories import (
    PathFactory,
    PathStepFactory,
    RoleFactory,
    RoleSkillFactory,
    SkillFactory,
    StepSkillFactory,
)
from tests.factories import posting_asking_for as posting

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """A role needing a then b (one step each); its postings, each gated differently, all asking for a."""
    target = RoleFactory(slug="target", name="Target")
    a, b = SkillFactory(slug="a", name="A"), SkillFactory(slug="b", name="B")
    for skill in (a, b):
        RoleSkillFactory(role=target, skill=skill, importance="essential")
    path = PathFactory(target_role=target)
    StepSkillFactory(step=PathStepFactory(path=path, order=1, slug="first"), skill=a)
    StepSkillFactory(step=PathStepFactory(path=path, order=2, slug="second"), skill=b)
    posting(target, a, min_degree=Degree.NONE)  # met once a is learned, by anyone
    posting(target, a, min_degree=Degree.NONE, min_years_experience=8)  # met, but asks for 8 years
    posting(target, a, min_degree=Degree.MASTER)  # skills met, degree short unless a master's is held
    posting(target, a, min_degree=None)  # states no degree: neither met nor ruled out
    posting(target, a, b, min_degree=Degree.NONE, min_years_experience=3)  # met after the second step
    posting(RoleFactory(), a, min_degree=Degree.NONE)  # another role's: never counted
    posting(target, b, min_degree=Degree.NONE, valid_through="2000-01-01")  # expired: never counted
    return {"target": target, "a": a, "b": b}


def test_each_step_counts_the_postings_met_and_names_what_else_blocks_them(world):
    first, second = skill_gap(world["target"]).steps
    assert (first.openings.met, first.openings.degree_short, first.openings.degree_not_stated) == (2, 1, 1)
    assert first.postings_met == first.openings.met
    assert first.openings.lowest_degree_short == Degree.MASTER
    assert (first.openings.asking_years, first.openings.fewest_years) == (1, 8)
    assert first.openings.gates == [
        "1 of them also asks for at least 8 years of experience.",
        "1 more posting needs a Master's degree or higher: say which degree you hold.",
        "1 more posting does not state a degree requirement: not counted, read the posting.",
    ]
    assert second.openings.met == 3
    assert (second.openings.asking_years, second.openings.fewest_years) == (2, 3)


def test_a_degree_held_clears_the_degree_gate_but_never_a_degree_not_stated(world):
    first = skill_gap(world["target"], degree=Degree.MASTER).steps[0]
    assert (first.openings.met, first.openings.degree_short, first.openings.degree_not_stated) == (3, 0, 1)
    assert not any("Master" in said for said in first.openings.gates)
    bachelor = skill_gap(world["target"], degree=Degree.BACHELOR).steps[0]
    assert "1 more posting needs a Master's degree or higher." in bachelor.openings.gates


def test_when_every_posting_met_asks_for_years_it_is_said_of_them_all(world):
    target, a = world["target"], world["a"]
    target.postings.filter(min_years_experience__isnull=True).delete()
    posting(target, a, min_degree=Degree.NONE, min_years_experience=10)
    first = skill_gap(target).steps[0]
    assert first.openings.met == 2
    assert first.openings.gates[0] == "Both also ask for at least 8 years of experience."


def test_nothing_stated_when_nothing_gates(world):
    gap = skill_gap(world["target"], known_skills=[world["a"], world["b"]], degree=Degree.PHD)
    assert gap.openings_now.met == 4  # every live posting of the role but the one stating no degree
    assert gap.openings_now.degree_short == 0


@pytest.mark.parametrize("degree", [None, Degree.NONE, Degree.BACHELOR, Degree.MASTER])
def test_each_count_links_to_a_postings_list_showing_exactly_those_postings(client, world, degree):
    gap = skill_gap(world["target"], degree=degree)
    knowing_b = skill_gap(world["target"], known_skills=[world["b"]], degree=degree)
    for openings in [knowing_b.openings_now, *(step.openings for step in gap.steps)]:
        response = client.get(openings.link)
        assert response.status_code == 200
        assert not response.context["filter"].form.errors
        assert response.context["page_obj"].paginator.count == openings.met, openings.link


def test_the_link_carries_the_role_the_skills_known_and_the_degree_held_after_the_step(world):
    path = world["target"].paths.get()
    path.steps.filter(slug="first").update(min_degree=Degree.BACHELOR)
    first, second = skill_gap(world["target"]).steps
    assert first.openings.link == "/postings/?role=target&have=a&degree=bachelor"
    assert second.openings.link == "/postings/?role=target&have=a&have=b&degree=bachelor"
    # Knowing nothing yet, there is nothing the list could filter by: no link (the count stands alone).
    assert skill_gap(world["target"]).openings_now.link is None
    assert skill_gap(world["target"], known_skills=[world["b"]]).openings_now.link == "/postings/?role=target&have=b"


def test_the_plan_page_links_each_count_and_says_its_gates(client, world):
    page = client.get("/plan/?to=target").content.decode()
    assert '<a href="/postings/?role=target&amp;have=a"><strong>2</strong> open postings for Target</a>' in page
    assert "1 more posting needs a Master&#x27;s degree or higher: say which degree you hold." in page
    assert "1 more posting does not state a degree requirement" in page


def test_the_plan_api_gives_each_steps_openings(api, world):
    steps = api.get("/api/v1/plan/?to=target&degree=bachelor").json()["gap"]["steps"]
    openings = steps[0]["openings"]
    assert openings["met"] == 2 and openings["degree_short"] == 1 and openings["lowest_degree_short"] == "master"
    assert openings["degree_not_stated"] == 1 and openings["fewest_years"] == 8
    assert openings["postings_url"] == "http://testserver/postings/?role=target&have=a&degree=bachelor"
    assert "1 more posting needs a Master's degree or higher." in openings["gates"]


def test_the_gates_cost_no_query_more_with_more_postings(world, django_assert_num_queries):
    with CaptureQueriesContext(connection) as few:
        skill_gap(world["target"])
    for _ in range(10):
        posting(world["target"], world["a"], min_degree=Degree.PHD, min_years_experience=2)
    with django_assert_num_queries(len(few)):
        gap = skill_gap(world["target"])
    assert gap.steps[0].openings.degree_short == 11


def test_the_postings_list_keeps_the_plans_skills_in_its_form_and_shows_them_as_one_chip(client, world):
    page = client.get("/postings/?role=target&have=a&have=b").content.decode()
    assert page.count('type="hidden" name="have"') == 2
    # Removing the chip drops every skill of the plan and keeps the other filters.
    assert '<a class="chip" href="/postings/?role=target">You meet them with 2 skills' in page


def test_years_given_gate_the_count_and_say_how_many_more_postings_ask_for_more(world):
    first = skill_gap(world["target"], years=5).steps[0]
    assert first.openings.met == 1  # the posting asking for 8 years is short; none stated passes
    assert (first.openings.years_short, first.openings.fewest_years_short) == (1, 8)
    assert first.openings.gates[0] == "1 more posting asks for at least 8 years of experience (you have 5)."
    assert first.openings.link == "/postings/?role=target&have=a&max_years=5"
    assert skill_gap(world["target"], years=8).steps[0].openings.met == 2


@pytest.mark.parametrize("years", [0, 3, 5, 8])
def test_with_years_given_the_link_still_shows_exactly_the_postings_counted(client, world, years):
    for step in skill_gap(world["target"], degree=Degree.BACHELOR, years=years).steps:
        response = client.get(step.openings.link)
        assert response.context["page_obj"].paginator.count == step.openings.met, step.openings.link


def test_years_round_trip_in_the_plans_address_and_the_api(client, api, world):
    page = client.get("/plan/?to=target&years=5").content.decode()
    assert 'name="years" type="number" min="0" max="100" inputmode="numeric" value="5"' in page
    assert "Your years of experience: 5" in page
    assert "/plan/?to=target&amp;years=5" in page
    body = api.get("/api/v1/plan/?to=target&years=5").json()
    assert body["years"] == 5 and body["gap"]["steps"][0]["openings"]["years_short"] == 1
    assert api.get("/api/v1/plan/?to=target&years=-1").status_code == 400
    assert api.get("/api/v1/plan/?to=target&years=").status_code == 400
    assert "Years of experience: a whole number" in client.get("/plan/?to=target&years=lots").content.decode()


def test_postings_asking_for_soft_skills_not_ticked_are_named_apart_and_met_once_ticked(world):
    lead = SkillFactory(slug="lead", name="Leadership", kind="soft", category="soft_skill")
    posting(world["target"], world["a"], lead, min_degree=Degree.NONE)
    first, second = skill_gap(world["target"]).steps
    assert (first.openings.met, first.openings.soft_short) == (2, 1)  # the soft skill is what blocks it
    assert second.openings.gates[0] == "1 more posting asks for soft skills you have not ticked: Leadership."
    assert "1 more posting asks for soft skills you have not ticked." in first.openings.gates  # named at the end
    ticked = skill_gap(world["target"], known_skills=[lead]).steps[0]
    assert (ticked.openings.met, ticked.openings.soft_short) == (3, 0)
    assert ticked.openings.link == "/postings/?role=target&have=a&have=lead"
