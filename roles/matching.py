"""
The skill match: given the skills someone has, which roles fit and which postings they qualify for.

A role is ranked by the share of its essential skills the person covers (then by how many of its
optional skills, then by name). A posting's requirements are met when the person has every skill the
posting marks essential; skills a posting lists as alternatives ("SQL, Python, or R") are optional and
never block a match. The site's match page and the API's `match` endpoint both call `match_skills`, so
the two can never disagree. Counting happens in SQL, so the cost does not grow with Python loops over
every posting; the page and the API run the same fixed number of queries whatever the data size.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from postings.models import JobPosting
from roles.models import Importance, Role, RoleSkill
from skills.models import Skill


@dataclass
class RoleMatch:
    role: Role
    essential_total: int
    essential_covered: int
    optional_covered: int
    missing: list = field(default_factory=list)  # essential Skills the person lacks

    @property
    def coverage(self):
        """Share of essential skills covered, 0.0–1.0; a role that lists no essential skill counts as 0."""
        return self.essential_covered / self.essential_total if self.essential_total else 0.0

    @property
    def coverage_percent(self):
        return round(self.coverage * 100)


@dataclass
class SkillMatch:
    skills: list  # the published Skills matched on
    unknown_slugs: list  # slugs asked for that name no published skill
    roles: list  # RoleMatch, best first
    postings: list  # JobPostings whose essential skills are all covered


class UnknownSkills(ValueError):
    def __init__(self, slugs):
        self.slugs = slugs
        super().__init__("Unknown skill: " + ", ".join(slugs))


def resolve_skills(slugs):
    """The published skills named by `slugs` (order kept, duplicates dropped) and the slugs that name none."""
    wanted = list(dict.fromkeys(slug.strip() for slug in slugs if slug and slug.strip()))
    found = {skill.slug: skill for skill in Skill.objects.published().filter(slug__in=wanted)}
    return [found[slug] for slug in wanted if slug in found], [slug for slug in wanted if slug not in found]


def match_skills(slugs, *, roles=None, postings=None, strict=False):
    """
    Rank `roles` (default: all published) and list the `postings` (default: all published) whose
    requirements the skills in `slugs` meet. With strict=True an unknown slug raises UnknownSkills.
    """
    skills, unknown = resolve_skills(slugs)
    if strict and unknown:
        raise UnknownSkills(unknown)
    skill_ids = [skill.pk for skill in skills]
    return SkillMatch(
        skills=skills,
        unknown_slugs=unknown,
        roles=_rank_roles(roles if roles is not None else Role.objects.published(), skill_ids),
        postings=_postings_met(postings if postings is not None else JobPosting.objects.published(), skill_ids),
    )


def _rank_roles(roles, skill_ids):
    essential = Q(role_skills__importance=Importance.ESSENTIAL, role_skills__skill__status="published")
    optional = Q(role_skills__importance=Importance.OPTIONAL, role_skills__skill__status="published")
    have = Q(role_skills__skill__in=skill_ids)
    missing_skills = Prefetch(
        "role_skills",
        queryset=RoleSkill.objects.essential()
        .filter(skill__status="published")
        .exclude(skill__in=skill_ids)
        .select_related("skill")
        .order_by("skill__name"),
        to_attr="missing_role_skills",
    )
    annotated = (
        roles.annotate(
            essential_total=Count("role_skills", filter=essential),
            essential_covered=Count("role_skills", filter=essential & have),
            optional_covered=Count("role_skills", filter=optional & have),
        )
        .prefetch_related(missing_skills)
        .order_by()
    )
    matches = [
        RoleMatch(
            role=role,
            essential_total=role.essential_total,
            essential_covered=role.essential_covered,
            optional_covered=role.optional_covered,
            missing=[link.skill for link in role.missing_role_skills],
        )
        for role in annotated
    ]
    matches.sort(key=lambda m: (-m.coverage, -m.optional_covered, m.role.name))
    return matches


def _postings_met(postings, skill_ids):
    blocking = Q(
        posting_skills__importance=Importance.ESSENTIAL, posting_skills__skill__status="published"
    ) & ~Q(posting_skills__skill__in=skill_ids)
    return list(
        postings.annotate(missing_essential=Count("posting_skills", filter=blocking))
        .filter(missing_essential=0)
        .select_related("company", "role")
        .order_by("company__name", "title")
    )


__all__ = ["RoleMatch", "SkillMatch", "UnknownSkills", "match_skills", "resolve_skills"]
