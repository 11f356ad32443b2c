"""
The moves between roles the guide describes, for a role's page, each with its skill gap read from the
one gap engine (`paths.gap`, reached through `Role.paths` as `Path.objects.transition_gaps`: roles comes
before paths in the app order), so the role page, the plan and the match name the same skills to learn.
"""

from dataclasses import dataclass

from core.relations import later_app_model
from roles.models import RelationKind, Role, RoleRelation


@dataclass
class Transition:
    relation: RoleRelation
    role: Role  # the other role
    direction: str  # "to": from this role to the other; "from": from the other role to this one
    gap: object | None = None  # the skill gap of the move (paths.gap.Gap), for a transition

    @property
    def origin(self):
        return self.gap.current_role if self.gap else None

    @property
    def destination(self):
        return self.gap.target_role if self.gap else None

    @property
    def to_learn(self):
        """The destination's essential technical skills the origin's do not cover: what blocks the move."""
        return [item.skill for item in self.gap.missing_essential] if self.gap else []


def transition_gaps(moves):
    """The gap of each (origin, destination) move, as the plan computes it (without posting counts)."""
    return later_app_model(Role, "paths").objects.transition_gaps(moves)


def transitions_of(role):
    """
    Each published related role of `role` (both directions; `role` must come from `with_everything()`),
    and for a transition its skill gap. Fixed queries, whatever the number of relations.
    """
    relations = [(r, r.to_role, "to") for r in role.public_relations_out] + [
        (r, r.from_role, "from") for r in role.public_relations_in
    ]
    transitions = [Transition(relation, other, direction) for relation, other, direction in relations]
    moves = [
        ((role, t.role) if t.direction == "to" else (t.role, role), t)
        for t in transitions
        if t.relation.kind == RelationKind.TRANSITION
    ]
    for gap, (_, transition) in zip(transition_gaps([move for move, _ in moves]), moves, strict=True):
        transition.gap = gap
    return transitions


def gaps_by_move(roles):
    """
    {(origin pk, destination pk): gap} for every published transition into or out of `roles` (each from
    `with_everything()`), in one engine call: the API's related roles, a page of roles at a time.
    """
    moves = {}
    for role in roles:
        for relation in role.public_relations_out:
            if relation.kind == RelationKind.TRANSITION:
                moves[(role.pk, relation.to_role.pk)] = (role, relation.to_role)
        for relation in role.public_relations_in:
            if relation.kind == RelationKind.TRANSITION:
                moves[(relation.from_role.pk, role.pk)] = (relation.from_role, role)
    return dict(zip(moves, transition_gaps(list(moves.values())), strict=True)) if moves else {}
