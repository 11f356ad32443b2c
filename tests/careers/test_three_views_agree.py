"""
The plan, the role page's transitions and the skill match read one gap engine (paths.gap): for every
pair of the guide's roles they name the same essential skills still to learn.
"""

import re
from html import unescape
from itertools import product

import pytest

from careers.matching import match_skills
from paths.planning import plan_move
from roles.models import RelationKind, Role, RoleRelation
from roles.transitions import transition_gaps

pytestmark = pytest.mark.django_db


def plan_missing(origin, target, have=()):
    return {
        item.skill.slug
        for item in plan_move(from_role=origin.slug, to_role=target.slug, have=have).gap.missing_essential
    }


def match_missing(origin, target, have=()):
    result = match_skills(list(have), current_role=origin)
    return {skill.slug for skill in next(m for m in result.roles if m.role == target).missing_technical}


def role_page_missing(origin, target):
    (gap,) = transition_gaps([(origin, target)])
    return {item.skill.slug for item in gap.missing_essential}


def test_for_every_pair_of_roles_the_three_views_name_the_same_skills(guide):
    roles = list(Role.objects.published())
    assert len(roles) >= 6
    for origin, target in product(roles, roles):
        plan = plan_missing(origin, target)
        assert plan == role_page_missing(origin, target) == match_missing(origin, target), (origin, target)
        if origin == target:
            assert plan == set()


def test_with_skills_given_the_plan_and_the_match_still_agree(guide):
    roles = list(Role.objects.published())
    have = ["python", "pytorch", "data-structures"]
    for origin, target in product(roles, roles):
        assert plan_missing(origin, target, have) == match_missing(origin, target, have), (origin, target)


def test_the_role_pages_shown_transitions_are_the_plans_gap(client, guide):
    transitions = RoleRelation.objects.filter(kind=RelationKind.TRANSITION).select_related("from_role", "to_role")
    assert transitions
    for relation in transitions:
        origin, target = relation.from_role, relation.to_role
        page = client.get(target.get_absolute_url()).content.decode()
        section = page[page.index(f"{origin.name}</a> → <a") :]
        section = section[: section.index("</li>")]  # a move's card holds no list item of its own
        start = section.index("To learn:")
        links = re.findall(r'<a href="/skills/([^/"]+)/">', section[start : section.index("</p>", start)])
        assert {unescape(slug) for slug in links} == plan_missing(origin, target), relation
