"""plan_move: the steps in order, what is known and left, the education read, and postings met per step."""

from datetime import timedelta

import pytest
from django.utils import timezone

from paths.planning import EducationStatus, PlanError, UnknownRole, plan_move
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
    """A path into `target` in three steps (education; a + b; c) and postings met at known steps."""
    target = RoleFactory(slug="target")
    a, b, c, d = (SkillFactory(slug=slug, name=slug.upper()) for slug in "abcd")
    path = PathFactory(slug="into-target", target_role=target)
    PathStepFactory(path=path, order=1, slug="educate", min_degree=Degree.BACHELOR, accepts_equivalent_experience=True)
    languages = PathStepFactory(path=path, order=2, slug="learn")
    StepSkillFactory(step=languages, skill=b)
    StepSkillFactory(step=languages, skill=a)
    skills_step = PathStepFactory(path=path, order=3, slug="develop")
    StepSkillFactory(step=skills_step, skill=c)

    posting(target)  # asks for no skill: met today
    posting(target, a)  # met after step 2
    posting(target, a, optional=[d])  # optional skills never block: after step 2
    posting(target, a, c)  # after step 3
    posting(target, d)  # never along this path
    posting(RoleFactory(), a)  # another role: never counted
    posting(target, a, status="draft")  # not published
    yesterday = timezone.localdate() - timedelta(days=1)
    posting(target, a, posted_on=yesterday - timedelta(days=30), valid_through=yesterday)  # expired
    return {"target": target, "a": a, "b": b, "c": c, "d": d, "path": path}


def test_steps_come_in_order_whatever_order_they_were_created_in(world):
    PathStepFactory(path=world["path"], order=0 + 5, slug="late", name="Late")
    PathStepFactory(path=world["path"], order=4, slug="early", name="Early")
    plan = plan_move(to_role="target")
    assert [step.step.slug for step in plan.steps] == ["educate", "learn", "develop", "early", "late"]
    assert [step.number for step in plan.steps] == [1, 2, 3, 4, 5]


def test_each_step_counts_the_live_postings_met_once_it_and_those_before_are_done(world):
    plan = plan_move(to_role="target")
    assert plan.postings_now == 1
    assert [step.postings_met for step in plan.steps] == [1, 3, 4]


def test_skills_already_had_are_ticked_and_the_rest_left(world):
    plan = plan_move(to_role="target", have=["a"])
    learn = plan.steps[1]
    assert ([item.skill for item in learn.known], [item.skill for item in learn.left]) == ([world["a"]], [world["b"]])
    assert plan.postings_now == 3
    assert [step.postings_met for step in plan.steps] == [3, 3, 4]


def test_skills_marked_done_count_as_known_and_learning_or_skipped_do_not(world):
    plan = plan_move(to_role="target", done=["a", "b"], learning=["c"], skipped=["d"])
    assert plan.progress == {"a": "done", "b": "done", "c": "learning", "d": "skipped"}
    assert plan.steps[1].complete
    assert plan.postings_now == 3
    assert [item.skill.slug for item in plan.steps[1].known] == ["a", "b"]
    assert [(item.skill.slug, item.state) for item in plan.steps[2].left] == [("c", "learning")]


def test_the_role_moved_from_brings_its_essential_skills(world):
    RoleSkillFactory(role=RoleFactory(slug="origin"), skill=world["c"])
    RoleSkillFactory(role=RoleFactory(slug="other"), skill=world["a"], importance="optional")
    plan = plan_move(from_role="origin", to_role="target")
    assert plan.from_role_skills == [world["c"]]
    assert plan.steps[2].complete
    assert not plan.steps[2].skills[0].tickable  # known from the role: shown known, not a box to tick
    assert plan_move(from_role="other", to_role="target").from_role_skills == []


def test_the_education_step_reads_the_degree_given(world):
    def education(degree):
        return plan_move(to_role="target", degree=degree).steps[0].education

    assert education(None).status == EducationStatus.UNKNOWN
    assert education("bachelor").status == EducationStatus.MEETS
    assert education("phd").status == EducationStatus.MEETS
    assert education("none").status == EducationStatus.ALTERNATIVE
    assert "equivalent practical experience" in education("none").verdict
    assert plan_move(to_role="target", degree="master").steps[0].complete


def test_a_degree_not_given_never_meets_a_posting_that_asks_for_one(world):
    posting(world["target"], min_degree=Degree.BACHELOR)
    posting(world["target"], min_degree=Degree.BACHELOR, accepts_equivalent_experience=True)
    assert plan_move(to_role="target").postings_now == 1  # degree not given: only the posting asking for none
    without = plan_move(to_role="target", degree="none")
    assert without.postings_now == 2  # the one that accepts equivalent experience
    assert without.steps[0].postings_met == 3  # the education step brings the bachelor's


@pytest.mark.skipif(not hasattr(__import__("skills.models").models.Skill, "broader"), reason="no skill hierarchy")
def test_knowing_a_narrower_skill_meets_a_step_and_postings_asking_for_the_broader_one(world):
    frameworks = SkillFactory(slug="frameworks")
    torch = SkillFactory(slug="torch", broader=frameworks, broader_passage="Torch is a framework.")
    StepSkillFactory(step=world["path"].steps.get(slug="develop"), skill=frameworks)
    posting(world["target"], frameworks)
    plan = plan_move(to_role="target", have=[torch.slug])
    assert frameworks in [item.skill for item in plan.steps[2].known]
    assert plan.postings_now == 2


def test_no_to_role_means_the_first_published_path(world):
    PathFactory(name="Zz later path")
    assert plan_move().path == world["path"]


def test_unknown_roles_are_refused(world):
    with pytest.raises(UnknownRole) as error:
        plan_move(from_role="nope", to_role="target")
    assert error.value.errors == {"from": ["Unknown role: nope"]}
    with pytest.raises(UnknownRole):
        plan_move(to_role="nope")


def test_unknown_values_are_left_out_and_listed_or_refused_when_strict(world):
    plan = plan_move(to_role="target", have=["a", "zz"], degree="diploma", done=["9", "b"])
    assert plan.skills == [world["a"]] and plan.progress == {"b": "done"}
    assert set(plan.ignored) == {"have", "degree", "done"}
    with pytest.raises(PlanError) as error:
        plan_move(to_role="target", have=["zz"], strict=True)
    assert error.value.errors == {"have": ["Unknown skill: zz"]}


def test_a_role_without_a_path_is_planned_from_its_skills(world):
    RoleSkillFactory(role=RoleFactory(slug="pathless", name="Pathless"), skill=world["d"])
    plan = plan_move(to_role="pathless")
    assert plan.path is None and plan.ignored == {}
    assert [[item.skill for item in step.skills] for step in plan.steps] == [[world["d"]]]


def test_from_the_role_wanted_there_is_nothing_to_plan(world):
    plan = plan_move(from_role="target", to_role="target")
    assert plan.already_there and plan.steps == []


def test_draft_paths_steps_and_skills_stay_out_of_the_plan(world):
    PathStepFactory(path=world["path"], order=4, slug="draft-step", status="draft")
    world["c"].status = "draft"
    world["c"].save()
    plan = plan_move(to_role="target")
    assert [step.step.slug for step in plan.steps] == ["educate", "learn", "develop"]
    assert plan.steps[2].left == []
    world["path"].status = "draft"
    world["path"].save()
    assert plan_move(to_role="target").path is None


def test_the_plans_address_reproduces_it(world):
    plan = plan_move(from_role="", to_role="target", have=["b", "a", "a"], degree="master", done=["c"], skipped=["d"])
    assert plan.query_string() == "to=target&have=a&have=b&degree=master&done=c&skipped=d"
    params = {}
    for name, value in plan.query_params():
        params.setdefault(name, []).append(value)
    again = plan_move(
        to_role=params["to"][0],
        have=params["have"],
        degree=params["degree"][0],
        done=params["done"],
        skipped=params["skipped"],
    )
    assert again.query_string() == plan.query_string()
    assert [(s.known, s.left, s.postings_met) for s in again.steps] == [
        (s.known, s.left, s.postings_met) for s in plan.steps
    ]
    assert plan.query_string(c=None, a="learning") == "to=target&have=a&have=b&degree=master&learning=a&skipped=d"


def test_the_plan_runs_the_same_queries_for_few_or_many_postings_and_skills(world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def run():
        return plan_move(to_role="target", have=["a", "b"], degree="bachelor", done=["c"], learning=["d"])

    # Something left to learn from the start (d): with nothing missing, learn next needs no query.
    RoleSkillFactory(role=world["target"], skill=world["d"])
    with CaptureQueriesContext(connection) as few:
        run()
    for _ in range(15):
        skill = SkillFactory()
        posting(world["target"], skill, world["a"])
        RoleSkillFactory(role=world["target"], skill=skill)
    with django_assert_num_queries(len(few)):
        run()
