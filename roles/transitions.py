"""
The moves between roles the guide describes, each with its skill delta, for a role's page.
"""

from dataclasses import dataclass, field

from roles.models import Role, RoleRelation
from skills.models import Importance, Skill


@dataclass
class Transition:
    relation: RoleRelation
    role: Role  # the other role
    direction: str  # "to": from this role to the other; "from": from the other role to this one
    to_learn: list[Skill] = field(default_factory=list)  # essential skills the destination adds
    shared: list[Skill] = field(default_factory=list)  # skills both roles list


def transitions_of(role):
    """
    Each published related role of `role` (both directions; `role` must come from `with_everything()`),
    with the essential skills the destination of the move lists that the origin does not.
    Two queries, whatever the number of relations.
    """
    relations = [(r, r.to_role, "to") for r in role.public_relations_out] + [
        (r, r.from_role, "from") for r in role.public_relations_in
    ]
    others = {other.pk: other for other in Role.objects.filter(pk__in=[o.pk for _, o, _ in relations]).with_skills()}
    mine = {link.skill for link in role.role_skills.all()}
    transitions = []
    for relation, other, direction in relations:
        theirs = {link.skill for link in others[other.pk].role_skills.all()}
        origin, destination = (mine, others[other.pk]) if direction == "to" else (theirs, role)
        to_learn = [
            link.skill
            for link in destination.role_skills.all()
            if link.importance == Importance.ESSENTIAL and link.skill not in origin
        ]
        shared = sorted(mine & theirs, key=lambda skill: skill.name)
        transitions.append(Transition(relation, other, direction, to_learn, shared))
    return transitions
