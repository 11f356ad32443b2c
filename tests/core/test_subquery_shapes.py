"""SubqueryShape: subqueries compiled once and bound to ids give the ORM's own answer."""

import pytest

from core.pagination import CappedCount, CappedCountShape, InList, LowestShape
from postings.models import JobPosting
from roles.models import Role
from tests.factories import JobPostingFactory, PostingSkillFactory, RoleFactory, SkillFactory

pytestmark = pytest.mark.django_db


def evaluate(expression):
    return Role.objects.order_by().annotate(value=expression).values_list("value", flat=True)[:1].get()


@pytest.fixture
def world():
    role, other_role = RoleFactory(), RoleFactory()
    skills = SkillFactory.create_batch(5)
    # Posting i asks for the first i + 1 skills; the other role's postings ask for all of them.
    for index in range(5):
        posting = JobPostingFactory(role=role, min_years_experience=index)
        for skill in skills[: index + 1]:
            PostingSkillFactory(posting=posting, skill=skill)
    for _ in range(2):
        posting = JobPostingFactory(role=other_role, min_years_experience=9)
        for skill in skills:
            PostingSkillFactory(posting=posting, skill=skill)
    return role, other_role, [skill.pk for skill in skills]


def postings_met(role, skills):
    return JobPosting.objects.live().filter(role=role[0]).met_by(skills, draft_skill_ids=[])


def test_a_bound_count_equals_the_orm_count_for_every_role_and_skill_set(world):
    role, other_role, skills = world
    shape = CappedCountShape(postings_met)
    for target in (role, other_role):
        for size in range(len(skills) + 1):
            chosen = skills[:size]
            expected = evaluate(CappedCount(postings_met([target.pk], chosen)))
            assert evaluate(shape([target.pk], InList(chosen))) == expected
    assert evaluate(shape([role.pk], InList(skills[:3]))) == 3  # the postings asking for 1, 2 or 3 of them
    assert evaluate(shape([other_role.pk], InList(skills))) == 2


def test_lists_padded_to_the_same_size_share_one_compiled_statement(world):
    role, _, skills = world
    shape = CappedCountShape(postings_met)
    assert evaluate(shape([role.pk], InList(skills[:3]))) == 3
    assert evaluate(shape([role.pk], InList(skills[:4]))) == 4
    assert len(shape._compiled) == 1  # 3 and 4 ids both compile as 4


def test_the_cap_still_bounds_a_bound_count(world):
    role, _, skills = world
    assert evaluate(CappedCountShape(postings_met, cap=1)([role.pk], InList(skills))) == 2  # cap + 1 read


def test_the_lowest_value_is_bound_too(world):
    role, other_role, skills = world
    shape = LowestShape(postings_met, "min_years_experience")
    assert evaluate(shape([role.pk], InList(skills[2:]))) is None  # no posting of the role is met without skill 1
    assert evaluate(shape([role.pk], InList(skills[:2]))) == 0
    assert evaluate(shape([other_role.pk], InList(skills))) == 9


def test_a_shape_that_leaves_out_an_id_is_refused(world):
    role, _, skills = world
    shape = CappedCountShape(lambda role, skills: JobPosting.objects.filter(role=role[0]))
    with pytest.raises(ValueError):
        shape([role.pk], skills[:1])


def test_a_shape_that_can_match_nothing_is_left_to_the_orm(world):
    role, _, _ = world
    shape = CappedCountShape(
        lambda role, skills: JobPosting.objects.filter(role=role[0], posting_skills__skill__in=skills)
    )
    orm = CappedCount(JobPosting.objects.filter(role=role.pk, posting_skills__skill__in=[]))
    assert evaluate(shape([role.pk], [])) == evaluate(orm)
    assert shape._compiled == {(1, 0): None}
