"""The roles API's related roles read the plan's gap (paths.gap): a transition's skills to learn agree."""

import pytest

from paths.planning import plan_move
from roles.models import RelationKind, RoleRelation
from tests.factories import RoleFactory, RoleRelationFactory, RoleSkillFactory, SkillFactory

pytestmark = pytest.mark.django_db


def plan_missing(origin, target):
    return {item.skill.slug for item in plan_move(from_role=origin, to_role=target).gap.missing_essential}


def test_every_transition_in_the_roles_api_names_the_plans_skills_to_learn(api, guide):
    transitions = RoleRelation.objects.filter(kind=RelationKind.TRANSITION).select_related("from_role", "to_role")
    assert transitions
    roles = {role["slug"]: role for role in api.get("/api/v1/roles/?page_size=100").json()["results"]}
    for relation in transitions:
        origin, target = relation.from_role.slug, relation.to_role.slug
        expected = plan_missing(origin, target)
        assert expected, relation  # the guide's moves each leave something to learn
        out = next(r for r in roles[origin]["related_roles"] if r["slug"] == target and r["direction"] == "to")
        into = next(r for r in roles[target]["related_roles"] if r["slug"] == origin and r["direction"] == "from")
        assert set(out["to_learn"]) == set(into["to_learn"]) == expected, relation
        detail = api.get(f"/api/v1/roles/{origin}/").json()
        assert set(next(r for r in detail["related_roles"] if r["slug"] == target)["to_learn"]) == expected


def test_a_collaboration_has_nothing_to_learn_and_a_transition_what_the_origin_lacks(api):
    python, sql = SkillFactory(slug="python"), SkillFactory(slug="sql")
    origin, target, peer = RoleFactory(slug="origin"), RoleFactory(slug="target"), RoleFactory(slug="peer")
    RoleSkillFactory(role=origin, skill=python, importance="essential")
    for skill in (python, sql):
        RoleSkillFactory(role=target, skill=skill, importance="essential")
    RoleRelationFactory(from_role=origin, to_role=target, kind=RelationKind.TRANSITION)
    RoleRelationFactory(from_role=origin, to_role=peer, kind=RelationKind.COLLABORATES)
    related = {r["slug"]: r for r in api.get("/api/v1/roles/origin/").json()["related_roles"]}
    assert related["target"]["to_learn"] == ["sql"]
    assert related["peer"]["to_learn"] is None
