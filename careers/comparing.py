"""
Roles side by side: their facts, and a row per skill saying how much each role needs it.

The site's compare page and the API's `compare` endpoint both call `compare_roles`, as both call
`match_skills`, so the two can never disagree. At most MAX_ROLES roles, in fixed queries.
"""

from dataclasses import dataclass

from roles.models import Role
from skills.models import Importance, Skill

MIN_ROLES, MAX_ROLES = 2, 6


@dataclass
class SkillRow:
    skill: Skill
    importances: list[Importance | None]  # one per compared role, in order; None: the role does not list it

    @property
    def listed_by(self):
        return sum(1 for importance in self.importances if importance)


@dataclass
class RoleComparison:
    roles: list[Role]  # in the order asked for, each with skills, salary figures and a posting count
    unknown_slugs: list[str]  # asked for, but no role the user may see has that slug
    skill_rows: list[SkillRow]  # skills listed by every role first, then by fewer; by name within

    @property
    def shared_skills(self):
        """The skills every compared role lists."""
        return [row.skill for row in self.skill_rows if row.listed_by == len(self.roles)]

    @property
    def only_in(self):
        """(role, the skills no other compared role lists), for each role in order: where they differ."""
        return [
            (role, [row.skill for row in self.skill_rows if row.importances[index] and row.listed_by == 1])
            for index, role in enumerate(self.roles)
        ]

    @property
    def partly_shared_skills(self):
        """With three roles or more: the skills more than one, but not every, role lists."""
        return [row.skill for row in self.skill_rows if 1 < row.listed_by < len(self.roles)]

    @property
    def is_complete(self):
        """Enough known roles to compare."""
        return len(self.roles) >= MIN_ROLES


def compare_roles(slugs, *, roles=None):
    """
    Compare the roles named by `slugs` (order kept, duplicates dropped, the first MAX_ROLES) among `roles`
    (default: all published; pass `Role.objects.visible_to(user)` to let a curator compare drafts).
    """
    wanted = list(dict.fromkeys(slug for slug in slugs if slug))[:MAX_ROLES]
    roles = roles if roles is not None else Role.objects.published()
    found = {role.slug: role for role in roles.with_everything().with_posting_count().filter(slug__in=wanted)}
    compared = [found[slug] for slug in wanted if slug in found]
    return RoleComparison(
        roles=compared,
        unknown_slugs=[slug for slug in wanted if slug not in found],
        skill_rows=_skill_rows(compared),
    )


def _skill_rows(roles):
    needs_by_role = [{link.skill: link.importance for link in role.role_skills.all()} for role in roles]
    skills = {skill for needs in needs_by_role for skill in needs}
    rows = [SkillRow(skill, [needs.get(skill) for needs in needs_by_role]) for skill in skills]
    rows.sort(key=lambda row: (-row.listed_by, row.skill.name))
    return rows
