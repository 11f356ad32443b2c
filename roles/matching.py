"""
The skill match: given the skills someone has, which roles fit and which postings they qualify for.

A role is ranked by the share of its essential skills the person covers (then by how many of its
optional skills, then by name). A posting's requirements are met when the person has every skill the
posting marks essential; skills a posting lists as alternatives ("SQL, Python, or R") are optional and
never block a match. The site's match page and the API's `match` endpoint both call `match_skills`, so
the two can never disagree. Counting happens in SQL, so the cost does not grow with Python loops over
every posting; the page and the API run the same fixed number of queries whatever the data size.

Postings met are a page of live postings, newest first, found without testing every posting: a posting
can only be met if its `match_anchor` (one of its essential skills, the rarest) is among the chosen
skills, which an index answers; each such candidate is then checked for a missing essential skill.
Pages are not counted (that would mean finding every match): they say only whether another follows.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from core.pagination import COUNT_CAP
from postings.models import JobPosting, PostingSkill
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


POSTINGS_PER_PAGE = 20
LAST_PAGE = COUNT_CAP // POSTINGS_PER_PAGE


@dataclass
class PostingsPage:
    """One page of the postings met, newest first; uncounted, it knows only whether another follows."""

    postings: list[JobPosting]
    number: int
    has_next: bool

    @property
    def has_previous(self):
        return self.number > 1


@dataclass
class SkillMatch:
    skills: list[Skill]  # the published skills matched on
    unknown_slugs: list[str]  # slugs asked for that name no published skill
    roles: list[RoleMatch]  # best first
    postings_page: PostingsPage

    @property
    def postings(self):
        """The live postings on this page whose essential skills are all covered."""
        return self.postings_page.postings


class UnknownSkills(ValueError):
    def __init__(self, slugs):
        self.slugs = slugs
        super().__init__("Unknown skill: " + ", ".join(slugs))


def resolve_skills(slugs):
    """The published skills named by `slugs` (order kept, duplicates dropped) and the slugs that name none."""
    wanted = list(dict.fromkeys(slug.strip() for slug in slugs if slug and slug.strip()))
    found = {skill.slug: skill for skill in Skill.objects.published().filter(slug__in=wanted)}
    return [found[slug] for slug in wanted if slug in found], [slug for slug in wanted if slug not in found]


def page_number(raw):
    """A page number from the address: 1 for anything that is not a whole number from 1 to LAST_PAGE."""
    raw = str(raw or "")
    return int(raw) if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= LAST_PAGE else 1


def match_skills(slugs, *, roles=None, postings=None, strict=False, page=1):
    """
    Rank `roles` (default: all published) and list page `page` of the `postings` (default: all live)
    whose requirements the skills in `slugs` meet. With strict=True an unknown slug raises UnknownSkills.
    """
    skills, unknown = resolve_skills(slugs)
    if strict and unknown:
        raise UnknownSkills(unknown)
    skill_ids = [skill.pk for skill in skills]
    return SkillMatch(
        skills=skills,
        unknown_slugs=unknown,
        roles=_rank_roles(roles if roles is not None else Role.objects.published(), skill_ids),
        postings_page=_postings_met(
            postings if postings is not None else JobPosting.objects.live(), skill_ids, page_number(page)
        ),
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


def _postings_met(postings, skill_ids, number):
    # Draft skills never block a match, so a posting anchored on one is a candidate for anybody.
    draft_skill_ids = list(Skill.objects.exclude(status="published").values_list("pk", flat=True))
    candidates = Q(match_anchor__in=[*skill_ids, *draft_skill_ids]) | Q(match_anchor__isnull=True)
    missing_an_essential = (
        PostingSkill.objects.essential()
        .filter(posting=OuterRef("pk"), skill__status="published")
        .exclude(skill__in=skill_ids)
    )
    met = (
        postings.filter(candidates)
        .filter(~Exists(missing_an_essential))
        .newest_first()
        .select_related("company", "role")
    )
    start = (number - 1) * POSTINGS_PER_PAGE
    rows = list(met[start : start + POSTINGS_PER_PAGE + 1])  # one more: is there a next page?
    return PostingsPage(
        postings=rows[:POSTINGS_PER_PAGE],
        number=number,
        has_next=len(rows) > POSTINGS_PER_PAGE and number < LAST_PAGE,
    )


__all__ = ["PostingsPage", "RoleMatch", "SkillMatch", "UnknownSkills", "match_skills", "resolve_skills"]
