"""The skill gap engine (paths.gap): known and missing, steps, the role's own skills, learn next, counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from paths.gap import ROLE_STEP_NAME, Progress, skill_gap, skill_gaps
from postings.models import Degree
from roles.models import Role
from tests.factories import (
    PathFactory,
    PathStepFactory,
    ResourceFactory,
    RoleFactory,
    RoleSkillFactory,
    SkillFactory,
    StepSkillFactory,
)
from tests.factories import posting_asking_for as posting

pytestmark = pytest.mark.django_db


def slugs(items):
    return {item.skill.slug for item in items}


@pytest.fixture
def world():
    """A role needing a, b, c (essential), o (optional) and talk (soft); a path building a then b."""
    target = RoleFactory(slug="target")
    a, b, c, o = (SkillFactory(slug=slug, name=slug.upper()) for slug in ("a", "b", "c", "o"))
    talk = SkillFactory(slug="talk", name="Talk", kind="soft", category="soft_skill")
    for skill in (a, b, c, talk):
        RoleSkillFactory(role=target, skill=skill, importance="essential")
    RoleSkillFactory(role=target, skill=o, importance="optional")
    path = PathFactory(target_role=target)
    first = PathStepFactory(path=path, order=1, slug="first")
    StepSkillFactory(step=first, skill=a)
    second = PathStepFactory(path=path, order=2, slug="second")
    StepSkillFactory(step=second, skill=b)
    resource = ResourceFactory()
    resource.steps.add(second)
    origin = RoleFactory(slug="origin")
    RoleSkillFactory(role=origin, skill=a, importance="essential")
    RoleSkillFactory(role=origin, skill=o, importance="optional")  # optional: not counted as known
    return {"target": target, "origin": origin, "a": a, "b": b, "c": c, "o": o, "talk": talk, "resource": resource}


def test_every_essential_skill_no_step_builds_is_in_the_roles_own_step(world):
    gap = skill_gap(world["target"])
    assert [step.name for step in gap.steps][-1] == ROLE_STEP_NAME
    assert slugs(gap.steps[-1].skills) == {"c", "o"}
    built = {item.skill.slug for step in gap.steps for item in step.skills}
    assert slugs(gap.essential_technical) <= built


def test_soft_skills_are_kept_apart_and_never_block(world):
    gap = skill_gap(world["target"])
    assert slugs(gap.soft_skills) == {"talk"}
    assert "talk" not in gap.missing_slugs
    assert all(not item.soft for step in gap.steps for item in step.skills)


def test_the_current_roles_essential_skills_count_as_known_and_say_so(world):
    gap = skill_gap(world["target"], current_role=world["origin"])
    a = next(item for item in gap.skills if item.skill.slug == "a")
    assert a.known and a.from_current_role and not a.tickable
    assert gap.missing_slugs == {"b", "c"}
    assert "o" in slugs(gap.missing_optional)  # the origin lists it only as optional
    assert gap.steps[0].complete


def test_known_skills_are_known_but_not_from_the_current_role(world):
    gap = skill_gap(world["target"], current_role=world["origin"], known_skills=[world["a"], world["c"]])
    a = next(item for item in gap.skills if item.skill.slug == "a")
    assert a.known and not a.from_current_role
    assert gap.missing_slugs == {"b"}


def test_a_narrower_skill_meets_its_broader_one(world):
    pytorch = SkillFactory(slug="torch", broader=world["c"], broader_passage="Torch is a kind of C.")
    assert "c" not in skill_gap(world["target"], known_skills=[pytorch]).missing_slugs


def test_progress_done_counts_as_known_and_skipped_is_not_recommended(world):
    gap = skill_gap(world["target"], progress={"a": Progress.DONE, "b": Progress.SKIPPED, "c": "nonsense"})
    assert gap.missing_slugs == {"b", "c"}
    assert next(item for item in gap.skills if item.skill.slug == "b").state == Progress.SKIPPED
    assert "b" not in {candidate.skill.slug for candidate in gap.ranked}
    assert next(item for item in gap.skills if item.skill.slug == "c").state is None


def test_from_the_role_itself_there_is_nothing_to_plan(world):
    gap = skill_gap(world["target"], current_role=world["target"])
    assert gap.already_there and gap.steps == [] and gap.learn_next is None
    assert gap.missing_slugs == set()
    assert slugs(gap.missing_optional) == {"o"}


def test_a_role_without_a_path_still_has_its_gap():
    role = RoleFactory()
    skill = SkillFactory()
    RoleSkillFactory(role=role, skill=skill, importance="essential")
    gap = skill_gap(role)
    assert gap.path is None
    assert [step.name for step in gap.steps] == [ROLE_STEP_NAME]
    assert gap.missing_slugs == {skill.slug}


def test_learn_next_is_the_skill_that_opens_most_postings(world):
    target, a, b, c = world["target"], world["a"], world["b"], world["c"]
    posting(target, a, c)
    posting(target, a, c)
    posting(target, a, b)
    gap = skill_gap(target, current_role=world["origin"])
    assert gap.learn_next.skill == c  # opens two postings; b, earlier on the path, opens one
    assert (gap.learn_next.opens, gap.learn_next.asked_by) == (2, 2)
    assert [candidate.skill.slug for candidate in gap.ranked][:2] == ["c", "b"]


def test_a_counted_role_ranks_by_skill_demand_in_fewer_statements(world):
    """
    Once the role's skill demand is counted, "asked by" is that count (the skill-demand page's figure), read
    from its table instead of counted from the postings: a posting added since changes it only at the
    next recount, which every posting write schedules.
    """
    from demand.refresh import refresh_role

    target, a, b, c = world["target"], world["a"], world["b"], world["c"]
    posting(target, a, c)
    posting(target, a, c)
    posting(target, a, b)
    with CaptureQueriesContext(connection) as live:
        skill_gap(target, current_role=world["origin"])
    assert any('AS "asked_' in q["sql"] for q in live.captured_queries)  # not counted yet: counted live
    refresh_role(target.pk)
    posting(target, a, b)  # after the count: not in it yet
    with CaptureQueriesContext(connection) as counted:
        gap = skill_gap(target, current_role=world["origin"])
    asked = {candidate.skill.slug: candidate.asked_by for candidate in gap.ranked}
    assert asked["c"] == 2 and asked["b"] == 1  # the recount's figures, not today's 2 and 2
    assert gap.learn_next.skill == c and gap.learn_next.opens == 2  # "opens" is still counted live
    assert not any('AS "asked_' in q["sql"] for q in counted.captured_queries)


def test_postings_opened_outweigh_postings_asking(world):
    target, a, b, c = world["target"], world["a"], world["b"], world["c"]
    elsewhere = SkillFactory()  # a skill these postings ask for that the role does not list
    for _ in range(3):
        posting(target, a, b, elsewhere)  # b is asked for most, but learning it opens none of them
    for _ in range(2):
        posting(target, a, c)
    gap = skill_gap(target, current_role=world["origin"])
    assert (gap.learn_next.skill, gap.learn_next.opens, gap.learn_next.asked_by) == (c, 2, 2)
    b_next = next(candidate for candidate in gap.ranked if candidate.skill == b)
    assert (b_next.opens, b_next.asked_by) == (0, 3)


def test_learn_next_ties_go_to_the_paths_order_and_carry_its_resources(world):
    gap = skill_gap(world["target"], current_role=world["origin"])
    assert gap.learn_next.skill == world["b"]  # no posting at all: the path's order, essential first
    assert gap.learn_next.resources == [world["resource"]]


def test_each_step_counts_the_postings_met_once_it_is_done(world):
    target, a, b, c = world["target"], world["a"], world["b"], world["c"]
    posting(target, a)
    posting(target, a, b)
    posting(target, a, b, c)
    posting(RoleFactory(), a)  # another role's: never counted
    gap = skill_gap(target)
    assert gap.postings_now == 0
    assert [step.postings_met for step in gap.steps] == [1, 2, 3]


def test_an_unknown_degree_never_passes_a_posting_that_states_one(world):
    target, a = world["target"], world["a"]
    posting(target, a, min_degree=Degree.MASTER)
    posting(target, a, min_degree=Degree.NONE)
    posting(target, a, min_degree=Degree.BACHELOR, accepts_equivalent_experience=True)
    known = {"current_role": world["origin"]}
    assert skill_gap(target, **known).postings_now == 1
    assert skill_gap(target, degree=Degree.NONE, **known).postings_now == 2  # equivalent experience accepted
    assert skill_gap(target, degree=Degree.MASTER, **known).postings_now == 3


def test_an_education_step_counts_its_degree_from_then_on(world):
    target, a = world["target"], world["a"]
    path = target.paths.get()
    PathStepFactory(path=path, order=3, slug="degree", min_degree=Degree.BACHELOR)
    posting(target, a, min_degree=Degree.BACHELOR)
    gap = skill_gap(target, current_role=world["origin"])
    assert gap.postings_now == 0
    assert [step.postings_met for step in gap.steps if step.step is not None] == [0, 0, 1]


def test_many_gaps_and_one_counted_gap_run_the_same_queries_for_few_or_many_rows(world, django_assert_num_queries):
    def gaps():
        skill_gaps(list(Role.objects.all()), current_role=world["origin"], progress={"a": Progress.DONE})

    def counted():
        skill_gap(world["target"], current_role=world["origin"], known_skills=[world["c"]])

    with CaptureQueriesContext(connection) as few_gaps:
        gaps()
    with CaptureQueriesContext(connection) as few_counted:
        counted()
    for _ in range(5):
        role = RoleFactory()
        RoleSkillFactory(role=role, skill=world["a"])
        PathStepFactory(path=PathFactory(target_role=role), order=1)
        posting(world["target"], world["a"], world["b"])
    with django_assert_num_queries(len(few_gaps)):
        gaps()
    with django_assert_num_queries(len(few_counted)):
        counted()


def test_the_guides_software_engineer_to_ml_engineer_gap_is_the_whole_gap(guide):
    se, mle = Role.objects.get(slug="software-engineer"), Role.objects.get(slug="machine-learning-engineer")
    gap = skill_gap(mle, current_role=se)
    planned = {item.skill.slug for step in gap.steps for item in step.skills}
    assert {"machine-learning-algorithms", "ml-frameworks", "mlops"} <= planned
    assert {"machine-learning-algorithms", "ml-frameworks", "mlops"} <= gap.missing_slugs
    assert slugs(gap.steps[-1].skills) >= {"machine-learning-algorithms", "ml-frameworks", "mlops"}
    software = next(item for item in gap.skills if item.skill.slug == "software-engineering")
    assert software.from_current_role
    assert {"communication", "fast-learner"} <= slugs(gap.soft_skills)
    assert not {"communication", "fast-learner"} & gap.missing_slugs


def test_the_roles_own_step_is_complete_without_its_optional_skills(world):
    gap = skill_gap(world["target"], known_skills=[world["a"], world["b"], world["c"]])
    own = gap.steps[-1]
    assert own.step is None and [item.skill.slug for item in own.left] == ["o"]
    assert own.complete and gap.steps_left == []
