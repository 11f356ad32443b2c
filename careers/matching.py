"""
The skill match: given the skills someone has, which roles fit and which postings they qualify for.

The chosen skills are first read through the skill hierarchy (`skills.hierarchy.meets`): a person who
knows PyTorch meets a requirement for "Machine learning frameworks", its broader skill. Everything below
compares what roles and postings ask for with these met skills.

Each role's gap is read from the one gap engine (`paths.gap.skill_gaps`), so the match, the plan and
the role page name the same skills missing. A role shows the share of its essential *technical* skills
the person covers ("4 of 13"), but is ranked by how much evidence that share rests on: covered /
(total + EVIDENCE_PRIOR), so "1 of 1" (a role listing one skill) does not outrank "4 of 13" (then by
skills covered, optional skills covered, name). The current role, when given, counts its skills as
known and is listed last, labelled: it is where the person already is. Essential soft skills
("Communication", "Fast learner") are reported apart and never change the score; a role that asks for
no technical skill at all is scored on its essential skills as they are. A posting's
requirements are met when the person has every skill the posting marks essential; skills a posting
lists as alternatives ("SQL, Python, or R") are optional and never block a match. The site's match
page and the API's `match` endpoint both call `match_skills`, so the two can never disagree. Counting
happens in SQL, so the cost does not grow with Python loops over every posting; the page and the API
run the same fixed number of queries whatever the data size.

Postings met are a page of live postings, newest first, found without testing every posting: a posting
can only be met if its `match_anchor` (one of its essential skills, the rarest) is among the met skills
(the chosen ones and those they meet through the hierarchy), which an index answers; each such
candidate is then checked for a missing essential skill. Pages are not counted (that would mean
finding every match): they say only whether another follows.

Near misses ("missing 1", "missing 2") cannot use the anchor: a posting missing one skill may be
anchored on exactly that skill. They are looked for where a job seeker would look next, among the
newest NEAR_MISS_WINDOW live postings of each of the NEAR_MISS_ROLES best-fitting roles (one role's
postings each, by the role's index), and each group shows the newest NEAR_MISSES_SHOWN there, with what
is missing (each candidate's missing essentials counted up to 3 through the posting-skill index). So a
near miss for a role that fits badly, or older than its role's window, is not shown: the groups are a
bounded sample to act on, not a census. Every part is a fixed number of queries.
"""

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.db.models import Count, OuterRef, Prefetch, Q, prefetch_related_objects

from core.pagination import COUNT_CAP, CappedCount
from core.publishing import PUBLISHED
from paths.gap import Gap, count_postings, rank_missing, skill_gaps
from postings.models import JobPosting, PostingSkill
from roles.models import Role
from skills.hierarchy import meets, published_links
from skills.models import Skill

# The best-fitting roles whose missing skills are ranked by the postings each opens (two queries for all of
# them, each a few capped counts per skill): past them, a role's missing skills keep the path's order.
RANKED_ROLES = 6
# How many skills' worth of doubt a score carries: covered / (total + EVIDENCE_PRIOR). With 4, "1 of 1"
# scores 0.20 and "4 of 13" 0.24; "13 of 13" scores 0.76, so a full match on a well-described role still wins.
EVIDENCE_PRIOR = 4


@dataclass
class SoftSkillAsked:
    """An essential soft skill of a role, and whether the person ticked it: shown, never scored."""

    skill: Skill
    have: bool


@dataclass
class RoleMatch:
    """
    A role read through its skill gap (paths.gap.Gap): what is covered, what is missing, the score. The
    counts read only the gap's skills, fixed once the gap is built: cached, since the sort and the page
    read each several times for every role (the missing skills' order changes with the ranking: not cached).
    """

    role: Role
    gap: Gap
    is_current: bool = False  # the role the person is in now
    skills: list[Skill] = field(default_factory=list)  # the skills matched on, for the plan's address

    @cached_property
    def essential_total(self):
        """Every published essential skill, technical and soft."""
        return len([item for item in self.gap.skills if item.essential])

    @cached_property
    def essential_covered(self):
        return len([item for item in self.gap.skills if item.essential and item.known])

    @cached_property
    def optional_covered(self):
        return len([item for item in self.gap.skills if not item.essential and item.known])

    @cached_property
    def technical_total(self):
        """Published essential technical skills: what the score is the share of."""
        return self.gap.essential_total

    @cached_property
    def technical_covered(self):
        return self.gap.essential_covered

    @property
    def missing(self):
        """Essential skills the person lacks, technical and soft."""
        return [item.skill for item in self.gap.skills if item.essential and not item.known]

    @property
    def missing_technical(self):
        """
        Essential technical skills the person lacks: the gap's missing essentials, those opening the most
        live postings of the role first, as the plan's learn next ranks them (`ranked_by_postings`), or in
        the path's order for a role not ranked (past RANKED_ROLES).
        """
        order = {}
        for index, candidate in enumerate(self.gap.ranked):
            order.setdefault(candidate.skill.pk, index)
        missing = self.gap.missing_essential
        return [item.skill for item in sorted(missing, key=lambda item: order.get(item.skill.pk, len(order)))]

    @property
    def ranked_by_postings(self):
        return self.gap.ranked_by_postings

    @property
    def soft_skills(self):
        return [SoftSkillAsked(item.skill, item.known) for item in self.gap.soft_skills if item.essential]

    @property
    def learn_next(self):
        return self.gap.learn_next

    def _shares(self):
        if self.technical_total:
            return self.technical_covered, self.technical_total
        return self.essential_covered, self.essential_total

    @property
    def coverage(self):
        """
        Share of essential technical skills covered, 0.0–1.0. A role with no technical essential is scored
        on its essential skills as they are; one that lists no essential skill at all counts as 0.
        """
        covered, total = self._shares()
        return covered / total if total else 0.0

    @property
    def coverage_percent(self):
        return round(self.coverage * 100)

    @property
    def score(self):
        """The coverage shrunk toward 0 when it rests on few skills: what the roles are ranked by."""
        covered, total = self._shares()
        return covered / (total + EVIDENCE_PRIOR) if total else 0.0

    @property
    def plan_query_string(self):
        """The query of this move's plan: from the current role, into this one, with the skills matched on."""
        params = [("to", self.role.slug)]
        if self.gap.current_role is not None:
            params.insert(0, ("from", self.gap.current_role.slug))
        return urlencode(params + [("have", skill.slug) for skill in sorted(self.skills, key=lambda s: s.slug)])


POSTINGS_PER_PAGE = 20
LAST_PAGE = COUNT_CAP // POSTINGS_PER_PAGE
# Near misses: postings missing 1 or 2 essential skills, from the newest NEAR_MISS_WINDOW live postings
# of each of the NEAR_MISS_ROLES best-fitting roles; each group shows its newest NEAR_MISSES_SHOWN.
NEAR_MISS_COUNTS = (1, 2)
NEAR_MISS_ROLES = 3
NEAR_MISS_WINDOW = 200
NEAR_MISSES_SHOWN = 10


@dataclass
class NearMisses:
    """Postings missing exactly `missing_count` essential skills; each posting has `missing_skills`."""

    missing_count: int
    postings: list[JobPosting]


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
    current_role: Role | None = None
    implied_skills: list[Skill] = field(default_factory=list)  # broader skills met through the chosen ones
    near_misses: list[NearMisses] = field(default_factory=list)  # missing 1, missing 2
    near_miss_roles: list[Role] = field(default_factory=list)  # whose postings the near misses come from
    best_match: RoleMatch | None = None  # the best-fitting role (never the current one), its gap counted

    @property
    def best(self):
        return self.best_match.gap if self.best_match else None

    @property
    def learn_next(self):
        """The one skill to learn next for the best-fitting role: what the page and the API lead with."""
        return self.best.learn_next if self.best else None

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


def match_skills(slugs, *, current_role=None, roles=None, postings=None, strict=False, page=1):
    """
    Rank `roles` (default: all published) and list page `page` of the `postings` (default: all live)
    whose requirements the skills in `slugs` meet, counting `current_role`'s skills as known (a Role or
    None). With strict=True an unknown slug raises UnknownSkills.
    """
    skills, unknown = resolve_skills(slugs)
    if strict and unknown:
        raise UnknownSkills(unknown)
    chosen_ids = {skill.pk for skill in skills}
    links = published_links()  # once for the whole match
    skill_ids = sorted(meets(chosen_ids, links))  # the chosen skills and every broader skill they meet
    implied_ids = [pk for pk in skill_ids if pk not in chosen_ids]
    postings = postings if postings is not None else JobPosting.objects.live()
    ranked = _rank_roles(roles if roles is not None else Role.objects.published(), skills, current_role, links)
    fitting = [match for match in ranked if match.coverage > 0 and not match.is_current]
    near_miss_roles = [match.role for match in fitting][:NEAR_MISS_ROLES]
    best = fitting[0] if fitting else None
    if best is not None:
        count_postings(best.gap, known_skills=skills, links=links)
    others = [match.gap for match in ranked if not match.is_current and match is not best][: RANKED_ROLES - 1]
    rank_missing(others, known_skills=skills, links=links)
    # Draft skills never block a match: they are left out of every "missing" below like met skills.
    draft_skill_ids = list(Skill.objects.exclude(status=PUBLISHED).values_list("pk", flat=True))
    return SkillMatch(
        skills=skills,
        unknown_slugs=unknown,
        roles=ranked,
        current_role=current_role,
        best_match=best,
        postings_page=_postings_met(postings, skill_ids, draft_skill_ids, page_number(page)),
        implied_skills=list(Skill.objects.filter(pk__in=implied_ids).order_by("name")) if implied_ids else [],
        near_misses=_near_misses(postings, [*skill_ids, *draft_skill_ids], near_miss_roles),
        near_miss_roles=near_miss_roles,
    )


def _rank_roles(roles, skills, current_role, links):
    """Every role's gap (one engine call, fixed queries), best score first and the current role last."""
    roles = list(roles.order_by().only("pk"))  # the engine loads them, with their skills, once
    gaps = skill_gaps(roles, current_role=current_role, known_skills=skills, links=links)
    current_pk = current_role.pk if current_role is not None else None
    matches = [RoleMatch(gap.target_role, gap, gap.target_role.pk == current_pk, skills) for gap in gaps]
    matches.sort(key=lambda m: (m.is_current, -m.score, -m.technical_covered, -m.optional_covered, m.role.name))
    return matches


def _postings_met(postings, skill_ids, draft_skill_ids, number):
    met = postings.met_by(skill_ids, draft_skill_ids=draft_skill_ids).newest_first().select_related("company", "role")
    start = (number - 1) * POSTINGS_PER_PAGE
    rows = list(met[start : start + POSTINGS_PER_PAGE + 1])  # one more: is there a next page?
    return PostingsPage(
        postings=rows[:POSTINGS_PER_PAGE],
        number=number,
        has_next=len(rows) > POSTINGS_PER_PAGE and number < LAST_PAGE,
    )


def _near_misses(postings, not_missing, roles):
    """
    For k in NEAR_MISS_COUNTS, the newest NEAR_MISSES_SHOWN postings missing exactly k essential skills,
    among the newest NEAR_MISS_WINDOW of each role in `roles`: one query sorting the windows' postings by
    what they miss, one for the rows shown, and one for what each of them is missing.
    """
    if not roles:
        return [NearMisses(missing_count=k, postings=[]) for k in NEAR_MISS_COUNTS]
    # Each role's window is its own LIMITed subquery (served by posting_role_newest, or a bitmap scan
    # of the role's postings where the planner prefers it: either way one role's rows); a UNION ALL of
    # "id IN (window)" keeps each LIMIT inside a plain SELECT, which SQLite allows in a compound too.
    windows = [
        JobPosting.objects.filter(pk__in=postings.filter(role=role).newest_first().values("pk")[:NEAR_MISS_WINDOW])
        .order_by()
        .values("pk")
        for role in roles
    ]
    candidates = (
        postings.filter(pk__in=windows[0].union(*windows[1:], all=True))
        .annotate(
            missing_count=CappedCount(
                PostingSkill.objects.missing_from(not_missing).filter(posting=OuterRef("pk")),
                cap=max(NEAR_MISS_COUNTS),
            )
        )
        .filter(missing_count__in=NEAR_MISS_COUNTS)
        .newest_first()
        .values_list("pk", "missing_count")
    )
    # One pass over the windows (at most NEAR_MISS_ROLES × NEAR_MISS_WINDOW ids, newest first) sorts them
    # into their groups; then the rows shown, with their company and role, in one query.
    ids_by_count = {k: [] for k in NEAR_MISS_COUNTS}
    for pk, missing_count in candidates:
        if len(ids_by_count[missing_count]) < NEAR_MISSES_SHOWN:
            ids_by_count[missing_count].append(pk)
    shown_by_id = (
        JobPosting.objects.filter(pk__in=[pk for ids in ids_by_count.values() for pk in ids])
        .select_related("company", "role")
        .in_bulk()
    )
    groups = [
        NearMisses(missing_count=k, postings=[shown_by_id[pk] for pk in ids_by_count[k] if pk in shown_by_id])
        for k in NEAR_MISS_COUNTS
    ]
    shown = [posting for group in groups for posting in group.postings]
    missing = PostingSkill.objects.missing_from(not_missing).select_related("skill").order_by("skill__name")
    prefetch_related_objects(shown, Prefetch("posting_skills", queryset=missing, to_attr="missing_links"))
    for posting in shown:
        posting.missing_skills = [link.skill for link in posting.missing_links]
    return groups


__all__ = [
    "NearMisses",
    "PostingsPage",
    "RANKED_ROLES",
    "SKILLS_TO_TICK",
    "RoleMatch",
    "SkillMatch",
    "SoftSkillAsked",
    "UnknownSkills",
    "match_skills",
    "resolve_skills",
    "skills_to_tick",
]


# The match form's checkboxes: every skill while there are few (the guide's 40), else the SKILLS_TO_TICK
# that most published roles list (ties by name), and those chosen; any other is typed by name.
SKILLS_TO_TICK = 60


def skills_to_tick(chosen_slugs):
    """At most SKILLS_TO_TICK common skills plus the chosen ones, in category order (one query on RoleSkill, small)."""
    common = (
        Skill.objects.published()
        .annotate(
            asked_by=Count(
                "role_skills",
                filter=Q(role_skills__role__status=PUBLISHED),
            )
        )
        .order_by("-asked_by", "name")
        .values("pk")[:SKILLS_TO_TICK]
    )
    return Skill.objects.published().filter(Q(pk__in=common) | Q(slug__in=chosen_slugs[:100])).in_category_order()
