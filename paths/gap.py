"""
The skill gap: what someone must still learn to hold a role, the one engine the plan, the role page's
transitions and the skill match all read (so the three can never give three different lists).

It lives in `paths` because the gap is read along the path into the role, and `paths` is the last app
the plan (paths), the role page (roles, through `Path.objects.gap`) and the match (careers) can all
reach without importing "upwards" (tests/test_architecture.py).

`skill_gap(target_role, current_role=..., known_skills=..., degree=..., progress=...)` returns a `Gap`:

- every published skill of the target role, each known or not. Known means: among `known_skills`, an
  essential skill of the current role (flagged `from_current_role`: the page shows it known and
  untickable), ticked "done" in `progress`, or met through the skill hierarchy (PyTorch meets "Machine
  learning frameworks"). Soft skills (`SkillKind.SOFT`: Communication, Fast learner) are kept apart in
  `soft_skills` and never block anything.
- the path's steps, each with its (technical) skills and which are known, and a last step "The role's
  own skills" holding every skill of the role that no step builds, so nothing the role calls essential
  is missing from a plan.
- `learn_next`: the missing technical skill that opens the most live postings for the role (met once
  it is learned too, weighed for the LEARN_NEXT_WEIGHED skills most of its postings ask for), then
  the one most of its postings ask for, essential before optional, ties broken by the path's order;
  `ranked` holds every candidate in that order.
- per step, `postings_met`: the live postings for the role met once that step and those before it are
  done, their degree gate included (an unknown degree never passes a posting that states one).

Every count is a capped correlated count in one SQL statement (`CappedCount`), never a loop over
postings, so a gap runs a fixed number of queries at any data size. `skill_gaps` builds many gaps
without the counts (the match, the role page) in a fixed number of queries too.
"""

import functools
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import BigIntegerField, Case, Exists, Func, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone

from core.pagination import COUNT_CAP, CappedCountShape, InList, LowestShape, display_count
from core.publishing import PUBLISHED
from demand.models import RoleSkillDemand
from paths.education import EducationCheck, EducationStatus, education_check
from paths.models import Path
from postings.models import Degree, JobPosting, PostingSkill, degree_gate, years_gate
from roles.models import Role
from skills import hierarchy
from skills.models import Importance, Skill, SkillKind


class Progress:
    DONE = "done"
    LEARNING = "learning"
    SKIPPED = "skipped"
    STATES = (DONE, LEARNING, SKIPPED)


ROLE_STEP_NAME = "The role's own skills"
# Learn next weighs how many postings each candidate would open for the candidates most postings ask for.
LEARN_NEXT_WEIGHED = 5
ROLE_STEP_TEXT = "Skills the role asks for that no step of the path builds."


@dataclass
class GapSkill:
    """One skill of the target role (or of a step), read against what the person knows."""

    skill: Skill
    essential: bool
    known: bool
    from_current_role: bool = False  # known because the current role lists it: shown known, not tickable
    state: str | None = None  # the person's progress: done, learning, skipped or None

    @property
    def soft(self):
        return self.skill.kind == SkillKind.SOFT

    @property
    def tickable(self):
        return not self.from_current_role

    @property
    def importance(self):
        return Importance.ESSENTIAL if self.essential else Importance.OPTIONAL


def _several(number, one, two, many):
    return one if number == 1 else two if number == 2 else many.format(number=display_count(number))


@dataclass
class Openings:
    """
    The live postings for the target role whose essential skills someone would have at one point of the
    plan (today, or once a step is done), read against the hard gates: the degree held (or not given)
    and the years of experience the postings state. A posting that does not state a degree is neither
    counted as met nor as ruled out: it is said to be not stated.
    """

    met: int  # skills and degree met: the plan's count (capped)
    link: str | None  # the postings list showing exactly those `met` postings; None when no skill is known
    degree: Degree | None = None  # the degree held at that point (an education step brings its own)
    degree_short: int = 0  # skills met, but they ask for a degree above `degree` (or any, none given)
    lowest_degree_short: Degree | None = None  # the lowest degree those ask for
    degree_not_stated: int = 0  # skills met, no degree stated: not counted, not ruled out
    asking_years: int = 0  # of the `met` postings, those that ask for years of experience
    fewest_years: int | None = None  # the fewest years those ask for
    soft_short: int = 0  # technical skills met, but they also ask for soft skills not ticked
    soft_skills_asked: list = field(default_factory=list)  # those soft skills' names (the last point only)
    years: int | None = None  # the years of experience given (None: not given, not checked)
    years_short: int = 0  # skills and degree met, but they ask for more years than `years`
    fewest_years_short: int | None = None  # the fewest years those ask for

    @property
    def met_display(self):
        return display_count(self.met)

    @property
    def gates(self):
        """What else those postings ask for, said plainly: the hard gates that stand between skills and jobs."""
        said = []
        if self.soft_short:
            more = _several(self.soft_short, "1 more posting asks", "2 more postings ask", "{number} more postings ask")
            names = f": {', '.join(self.soft_skills_asked)}" if self.soft_skills_asked else ""
            said.append(f"{more} for soft skills you have not ticked{names}.")
        if self.years_short:
            more = _several(
                self.years_short, "1 more posting asks", "2 more postings ask", "{number} more postings ask"
            )
            said.append(f"{more} for at least {self.fewest_years_short} years of experience (you have {self.years}).")
        if self.asking_years and self.years is None:
            years = f"at least {self.fewest_years} year{'s' if self.fewest_years != 1 else ''} of experience"
            if self.asking_years == self.met:
                said.append(
                    _several(self.met, "It also asks for ", "Both also ask for ", "All {number} also ask for ")
                    + years
                    + "."
                )
            else:
                verb = "asks" if self.asking_years == 1 else "ask"
                said.append(f"{display_count(self.asking_years)} of them also {verb} for {years}.")
        if self.degree_short:
            lowest = Degree(self.lowest_degree_short)
            degree = "a PhD" if lowest == Degree.PHD else f"a {lowest.label} degree or higher"
            more = _several(
                self.degree_short, "1 more posting needs ", "2 more postings need ", "{number} more postings need "
            )
            why = ": say which degree you hold" if self.degree is None else ""
            said.append(f"{more}{degree}{why}.")
        if self.degree_not_stated:
            more = _several(
                self.degree_not_stated,
                "1 more posting does not state",
                "2 more postings do not state",
                "{number} more postings do not state",
            )
            said.append(f"{more} a degree requirement: not counted, read the posting.")
        return said


@dataclass
class GapStep:
    number: int  # from 1, in the path's order; the role's own skills come last
    name: str
    what_to_do: str
    step: object | None  # the PathStep; None for the role's own skills
    skills: list[GapSkill] = field(default_factory=list)  # technical skills only: soft ones are kept apart
    education: EducationCheck | None = None
    resources: list = field(default_factory=list)
    postings_met: int | None = None  # set by skill_gap (not by skill_gaps)
    openings: Openings | None = None  # the same count with its gates and link; set by skill_gap

    @property
    def slug(self):
        return self.step.slug if self.step is not None else "the-roles-own-skills"

    @property
    def order(self):
        return self.step.order if self.step is not None else None

    @property
    def known(self):
        return [item for item in self.skills if item.known]

    @property
    def left(self):
        return [item for item in self.skills if not item.known]

    @property
    def complete(self):
        """
        Every skill known and the education (if any) met; a step with neither is never complete by itself.
        In the role's own skills, only the essential ones must be known: its optional ones are extras.
        """
        education_met = self.education is None or self.education.status == EducationStatus.MEETS
        blocking = [item for item in self.left if item.essential or self.step is not None]
        return bool(self.skills or self.education) and not blocking and education_met

    @property
    def postings_met_display(self):
        return display_count(self.postings_met or 0)


@dataclass
class LearnNext:
    skill: Skill
    essential: bool
    opens: int | None  # live postings for the role met once it is learned too (capped); None: not weighed
    asked_by: int  # live postings of the target role marking it essential (skill demand's count; capped)
    step_number: int  # the step that builds it
    resources: list = field(default_factory=list)  # the guide's resources for that step

    @property
    def opens_display(self):
        return "not counted" if self.opens is None else display_count(self.opens)

    @property
    def asked_by_display(self):
        return display_count(self.asked_by)


@dataclass
class Gap:
    target_role: Role
    current_role: Role | None
    degree: Degree | None
    path: Path | None
    skills: list[GapSkill]  # every published skill of the target role, essential first, then by name
    steps: list[GapStep] = field(default_factory=list)
    learn_next: LearnNext | None = None
    ranked: list[LearnNext] = field(default_factory=list)  # every missing technical skill, best first
    postings_now: int | None = None  # live postings for the target role met today (skill_gap only)
    ranked_by_postings: bool = False  # `ranked` ordered by the postings each skill opens (rank_missing)
    openings_now: Openings | None = None  # the same with its gates and link (skill_gap only)
    counted: bool = False

    @property
    def already_there(self):
        return self.current_role is not None and self.current_role.pk == self.target_role.pk

    @property
    def technical(self):
        return [item for item in self.skills if not item.soft]

    @property
    def soft_skills(self):
        return [item for item in self.skills if item.soft]

    @property
    def essential_technical(self):
        return [item for item in self.technical if item.essential]

    @property
    def known(self):
        return [item for item in self.technical if item.known]

    @property
    def missing(self):
        """The technical skills of the role still to learn, essential and optional."""
        return [item for item in self.technical if not item.known]

    @property
    def missing_essential(self):
        """What blocks the move: the role's essential technical skills not known. The three views agree on it."""
        return [item for item in self.essential_technical if not item.known]

    @property
    def missing_optional(self):
        return [item for item in self.technical if not item.essential and not item.known]

    @property
    def missing_slugs(self):
        return {item.skill.slug for item in self.missing_essential}

    @property
    def essential_total(self):
        return len(self.essential_technical)

    @property
    def essential_covered(self):
        return len(self.essential_technical) - len(self.missing_essential)

    @property
    def steps_left(self):
        return [step for step in self.steps if not step.complete]

    @property
    def known_from_current_role(self):
        """The skills of the role and of its steps known because the current role lists them, once each."""
        items = [*self.skills, *(item for step in self.steps for item in step.skills)]
        return list({item.skill.pk: item.skill for item in items if item.from_current_role}.values())

    @property
    def postings_now_display(self):
        return display_count(self.postings_now or 0)


# Soft skills named per subquery of the plan's last point: bits of a signed 64-bit sum.
SOFT_BITS = 62


class _SumDistinct(Func):
    """SUM(DISTINCT x) as a plain function, so that `.values()` adds no GROUP BY: one row, the whole sum."""

    function = "SUM"
    template = "%(function)s(DISTINCT %(expressions)s)"
    output_field = BigIntegerField()


def _counted(counts):
    """Uncorrelated counts (annotations) read in one statement, on any one row."""
    return Role.objects.order_by().annotate(**counts).values(*counts)[:1].get()


def _pk(value):
    return value if isinstance(value, int) else value.pk


def skill_gaps(targets, *, current_role=None, known_skills=(), degree=None, progress=None, links=None, paths=None):
    """
    The gap into each role of `targets` (Role objects), without posting counts: for the match. Fixed
    queries whatever the number of roles (see `transition_gaps`).
    """
    return transition_gaps(
        [(current_role, target) for target in targets],
        known_skills=known_skills,
        degree=degree,
        progress=progress,
        links=links,
        paths=paths,
    )


def transition_gaps(moves, *, known_skills=(), degree=None, progress=None, links=None, paths=None):
    """
    The gap of each move (current role or None, target role) of `moves`, without posting counts: for the
    role page's transitions and the match. Fixed queries whatever the number of moves: the roles' skills,
    the paths (`paths`, default: the published ones) with their steps, the skill hierarchy, and the
    skills named in `progress`.
    """
    return _Builder(known_skills, degree, progress, links).gaps(moves, paths)


def skill_gap(target_role, *, current_role=None, known_skills=(), degree=None, progress=None, years=None):
    """
    The gap into `target_role` (a Role), with learn next and each step's postings met counted; `years`
    (of experience, or None: not given) gates the counts too when given.
    """
    builder = _Builder(known_skills, degree, progress, years=years)
    gap = builder.gaps([(current_role, target_role)])[0]
    builder.count(gap)
    return gap


def count_postings(gap, *, known_skills=(), progress=None, links=None):
    """
    Adds the posting counts (today, per step, learn next) to a `gap` from `skill_gaps` made for the same
    person (`known_skills`, `progress`): two queries, for the match's best role.
    """
    _Builder(known_skills, gap.degree, progress, links).count(gap)
    return gap


def rank_missing(gaps, *, known_skills=(), degree=None, progress=None, links=None):
    """
    Orders the missing skills (`ranked`, `learn_next`) of each gap of `gaps` (from `skill_gaps`, made for
    the same person) by the live postings of its role each opens, as the plan does: two queries in all.
    """
    _Builder(known_skills, degree, progress, links).rank(gaps)
    return gaps


@functools.lru_cache(maxsize=64)
def _count_shapes(degree, years, drafts, today):
    """
    The statement shapes of the gap's posting counts (see SubqueryShape): how many postings ask for a skill,
    and those behind one `Openings` for someone holding `degree` with `years` of experience, each taking the
    role and the skills met. Compiled once per process for what they read besides those (the degree, the
    years, the draft skills, the day that decides which postings are live), so a plan or a match only binds
    ids into SQL already made.
    """

    def postings(role, met):
        return JobPosting.objects.live(today).filter(role=role[0]).met_by(met, draft_skill_ids=list(drafts))

    def degree_met(role, met):
        return postings(role, met).filter(degree_gate(degree))

    def passed(role, met):
        return degree_met(role, met).filter(years_gate(years))

    def short(role, met):
        return postings(role, met).filter(min_degree__isnull=False).exclude(degree_gate(degree))

    def asking_years(role, met):
        return passed(role, met).filter(min_years_experience__gt=0)

    def soft_short(role, met_with_soft, met):
        # Met once the soft skills are counted as known, but asking for a skill outside `met`: a soft one.
        missing = PostingSkill.objects.missing_from([*met, *drafts]).filter(posting=OuterRef("pk"))
        return postings(role, met_with_soft).filter(Exists(missing))

    def asked(role, skill):
        return PostingSkill.objects.essential().filter(
            posting__in=JobPosting.objects.live(today).filter(role=role[0]), skill=skill[0]
        )

    shapes = {
        "asked": CappedCountShape(asked),
        "soft": CappedCountShape(soft_short),
        "met": CappedCountShape(passed),
        "short": CappedCountShape(short),
        "lowest": LowestShape(short, "min_degree"),
        "unstated": CappedCountShape(lambda role, met: postings(role, met).filter(min_degree__isnull=True)),
        "years": CappedCountShape(asking_years),
        "fewest": LowestShape(asking_years, "min_years_experience"),
    }
    if years is not None:

        def years_short(role, met):
            return degree_met(role, met).filter(min_years_experience__gt=years)

        shapes["years_short"] = CappedCountShape(years_short)
        shapes["fewest_short"] = LowestShape(years_short, "min_years_experience")
    return shapes


# What `Openings` reads from each point's shapes (the rest, "asked", ranks the skills).
GATE_COUNTS = ("met", "short", "lowest", "unstated", "years", "fewest", "years_short", "fewest_short")


@dataclass
class _Known:
    """What one person knows, starting from one current role."""

    yours: set  # the skills given and those marked done
    from_role: set  # the current role's essential skills and what they meet
    all: set  # everything known, through the hierarchy


class _Builder:
    """What every gap of one person shares: what they know, read once."""

    def __init__(self, known_skills, degree, progress, links=None, years=None):
        self.degree = degree
        self.years = years
        self.progress = {slug: state for slug, state in (progress or {}).items() if state in Progress.STATES}
        self.links = hierarchy.published_links() if links is None else links
        done_slugs = [slug for slug, state in self.progress.items() if state == Progress.DONE]
        done = dict(Skill.objects.published().filter(slug__in=done_slugs).values_list("pk", "slug"))
        self.yours = {_pk(skill) for skill in known_skills} | set(done)
        # Slugs of the skills known, for the postings list's address (its `have` filter).
        self.slugs = done | {skill.pk: skill.slug for skill in known_skills if isinstance(skill, Skill)}
        self._known = {}
        self._drafts = None

    def known(self, current_role):
        """What the person knows coming from `current_role` (prefetched with `with_skills()`), once per role."""
        key = current_role.pk if current_role is not None else None
        if key not in self._known:
            links = current_role.role_skills.all() if current_role is not None else []
            current_ids = {link.skill_id for link in links if link.importance == Importance.ESSENTIAL}
            self.slugs |= {link.skill_id: link.skill.slug for link in links if link.skill_id in current_ids}
            self._known[key] = _Known(
                yours=self.yours,
                from_role=hierarchy.meets(current_ids, self.links),
                all=hierarchy.meets(self.yours | current_ids, self.links),
            )
        return self._known[key]

    def _item(self, skill, essential, known):
        is_known = skill.pk in known.all
        return GapSkill(
            skill=skill,
            essential=essential,
            known=is_known,
            from_current_role=is_known and skill.pk in known.from_role and skill.pk not in known.yours,
            state=self.progress.get(skill.slug),
        )

    def gaps(self, moves, paths=None):
        moves = list(moves)
        wanted = {role.pk for move in moves for role in move if role is not None}
        roles = {role.pk: role for role in Role.objects.filter(pk__in=wanted).with_skills(sources=False)}
        paths_into = {}
        paths = Path.objects.published() if paths is None else paths
        targets = {target.pk for _, target in moves}
        for path in paths.filter(target_role__in=targets).with_steps().order_by("-name"):
            paths_into[path.target_role_id] = path  # by name, the first wins: as the paths list orders them
        return [
            self._gap(roles[current.pk] if current is not None else None, roles[target.pk], paths_into.get(target.pk))
            for current, target in moves
        ]

    def _gap(self, current_role, role, path):
        known = self.known(current_role)
        links = list(role.role_skills.all())
        # Essential first, then by name: RoleQuerySet.with_skills() orders them so.
        items = [self._item(link.skill, link.importance == Importance.ESSENTIAL, known) for link in links]
        gap = Gap(target_role=role, current_role=current_role, degree=self.degree, path=path, skills=items)
        if gap.already_there:
            return gap  # nothing to plan: the page says so and lists the optional skills left
        by_skill = {item.skill.pk: item for item in items}
        built, number = set(), 0
        for step in path.steps.all() if path else []:
            number += 1
            step_items = [
                by_skill.get(link.skill_id) or self._item(link.skill, False, known)
                for link in step.step_skills.all()
                if link.skill.kind != SkillKind.SOFT
            ]
            built |= {item.skill.pk for item in step_items}
            gap.steps.append(
                GapStep(
                    number=number,
                    name=step.name,
                    what_to_do=step.what_to_do,
                    step=step,
                    skills=step_items,
                    education=education_check(step, self.degree) if step.concerns_education else None,
                    resources=list(step.resources.all()),
                )
            )
        own = [item for item in gap.technical if item.skill.pk not in built]
        if own:
            gap.steps.append(GapStep(number + 1, ROLE_STEP_NAME, ROLE_STEP_TEXT, None, skills=own))
        gap.ranked = [
            LearnNext(item.skill, item.essential, None, 0, step.number, step.resources)
            for step in gap.steps
            for item in step.left
            if item.state != Progress.SKIPPED
        ]
        gap.ranked.sort(key=lambda candidate: not candidate.essential)
        gap.learn_next = gap.ranked[0] if gap.ranked else None
        return gap

    def count(self, gap):
        """
        Posting counts for `gap`, in two queries: today and after each step (each with its gates: see
        `Openings`) and how many postings ask for each candidate skill; then, for the LEARN_NEXT_WEIGHED
        candidates most asked for, the postings met once each is learned too (each such count is a search
        of the role's postings: a few, not one per skill).
        """
        gap.counted = True
        if gap.already_there:
            return

        soft = self.soft
        soft_ids = {pk for pk, _ in soft}

        def missing_soft(known):
            """Postings asking for a skill outside `known`: among those met but for soft skills, a soft one."""
            not_missing = [*hierarchy.meets(known, self.links), *self.drafts]
            missing = PostingSkill.objects.missing_from(not_missing).filter(posting=OuterRef("pk"))
            return self._skills_met(gap.target_role, known | soft_ids).filter(Exists(missing))

        def gated(name, known, degree):
            """The counts behind one `Openings`, each a capped count or a one-row subquery of the role's postings."""
            shapes = self._gate_shapes(degree)
            role = [gap.target_role.pk]
            met = InList(sorted(hierarchy.meets(known, self.links)))
            met_with_soft = InList(sorted(hierarchy.meets(known | soft_ids, self.links)))
            counts = {f"{name}_soft": shapes["soft"](role, met_with_soft, met)}
            counts |= {f"{name}_{key}": shapes[key](role, met) for key in GATE_COUNTS if key in shapes}
            return counts

        def openings(row, name, known, degree):
            return Openings(
                met=row[f"{name}_met"],
                link=self.postings_link(gap.target_role, known, degree),
                degree=degree,
                soft_short=row[f"{name}_soft"],
                degree_short=row[f"{name}_short"],
                lowest_degree_short=row[f"{name}_lowest"],
                degree_not_stated=row[f"{name}_unstated"],
                asking_years=row[f"{name}_years"],
                fewest_years=row[f"{name}_fewest"],
                years=self.years,
                years_short=row.get(f"{name}_years_short", 0),
                fewest_years_short=row.get(f"{name}_fewest_short"),
            )

        base = self.yours | self.known(gap.current_role).from_role
        points = [("now", base, self.degree)]
        cumulative, degree_after = set(base), self.degree
        for step in gap.steps:
            cumulative |= {item.skill.pk for item in step.skills}
            self.slugs |= {item.skill.pk: item.skill.slug for item in step.skills if item.skill.status == PUBLISHED}
            if step.education is not None:
                # Doing an education step means holding its degree from then on.
                degree_after = max(degree_after or Degree.NONE, step.education.min_degree)
            points.append((f"step_{step.number}", set(cumulative), degree_after))
        counts = {}
        for name, point_known, degree in points:
            counts |= gated(name, point_known, degree)
        # The soft skills still asked for once the whole plan is done, named: one subquery per SOFT_BITS of
        # them, each a sum of their distinct bits (an Exists per soft skill, each repeating the whole
        # "met but for soft skills" subquery, made a 70 KB statement that took most of the match's time
        # to build in Python, with 35 soft skills).
        last = points[-1][1]
        asked = PostingSkill.objects.essential().filter(posting__in=missing_soft(last).values("pk"))
        unticked = [pk for pk, _ in soft if pk not in last]
        chunks = [unticked[start : start + SOFT_BITS] for start in range(0, len(unticked), SOFT_BITS)]
        for number, chunk in enumerate(chunks):
            bits = Case(*(When(skill=pk, then=Value(1 << bit)) for bit, pk in enumerate(chunk)))
            mask = asked.filter(skill__in=chunk).order_by().values(mask=_SumDistinct(bits))
            counts[f"soft_asked_{number}"] = Subquery(mask, output_field=BigIntegerField())
        row = self.rank([gap], counts)
        gap.openings_now = openings(row, *points[0])
        gap.postings_now = gap.openings_now.met
        for step, point in zip(gap.steps, points[1:], strict=True):
            step.openings = openings(row, *point)
            step.postings_met = step.openings.met
        asked_ids = {
            pk
            for number, chunk in enumerate(chunks)
            for bit, pk in enumerate(chunk)
            if (row[f"soft_asked_{number}"] or 0) >> bit & 1
        }
        names = [name for pk, name in sorted(soft, key=lambda pair: pair[1]) if pk in asked_ids]
        (gap.steps[-1].openings if gap.steps else gap.openings_now).soft_skills_asked = names

    def _load_skills(self):
        """The draft skills (never block) and the published soft skills (named apart), in one query."""
        if self._drafts is None:
            rows = Skill.objects.filter(~Q(status=PUBLISHED) | Q(kind=SkillKind.SOFT)).values_list(
                "pk", "status", "kind", "name"
            )
            self._drafts, self._soft = [], []
            for pk, status, kind, name in rows:
                if status != PUBLISHED:
                    self._drafts.append(pk)
                elif kind == SkillKind.SOFT:
                    self._soft.append((pk, name))

    @property
    def drafts(self):
        self._load_skills()
        return self._drafts

    @property
    def soft(self):
        self._load_skills()
        return self._soft

    def _gate_shapes(self, degree):
        """The statement shapes of this person's counts for someone holding `degree` (see `_count_shapes`)."""
        return _count_shapes(degree, self.years, tuple(self.drafts), timezone.localdate())

    def _skills_met(self, role, known):
        """The role's live postings whose every essential skill is among `known` (read through the hierarchy)."""
        live = JobPosting.objects.live().filter(role=role)
        return live.met_by(hierarchy.meets(known, self.links), draft_skill_ids=self.drafts)

    def rank(self, gaps, extra=None):
        """
        Orders each gap's `ranked` (its missing technical skills) as learn next reads them, in two
        queries whatever the number of `gaps`: first how many of the role's live postings ask for each
        (with the annotations `extra` alongside, whose values are returned); then, for each gap's
        LEARN_NEXT_WEIGHED candidates most asked for, the postings met once each is learned too. The plan
        ranks its one gap so, and the match each role it shows: both lead with the same skill.
        """
        gaps = [gap for gap in gaps if not gap.already_there]
        counts = dict(extra or {})
        # How many of the role's live postings ask for each: skill demand's count where the role has been
        # counted (its skill-demand page shows the same figure), in one query; counted live, a skill a role
        # rarely asks for meant reading every posting asking for it (33 s for one match at a million
        # postings). A role not counted yet (new, or in tests, which commit nothing) is counted live.
        demand = RoleSkillDemand.objects.essential_counts(
            {gap.target_role.pk for gap in gaps if gap.ranked}, {c.skill.pk for gap in gaps for c in gap.ranked}
        )
        for g, gap in enumerate(gaps):
            if gap.target_role.pk in demand.roles:
                continue
            for index, candidate in enumerate(gap.ranked):
                # One statement shape for every (role, skill), compiled once (see `_count_shapes`).
                asked = self._gate_shapes(self.degree)["asked"]
                counts[f"asked_{g}_{index}"] = asked([gap.target_role.pk], [candidate.skill.pk])
        if not counts and not demand.roles:
            return {}
        row = _counted(counts) if counts else {}
        for g, gap in enumerate(gaps):
            for index, candidate in enumerate(gap.ranked):
                if gap.target_role.pk in demand.roles:
                    asked_by = demand.essential.get((gap.target_role.pk, candidate.skill.pk), 0)
                    candidate.asked_by = min(asked_by, COUNT_CAP + 1)  # capped, as a live count is
                else:
                    candidate.asked_by = row[f"asked_{g}_{index}"]
            # Essential before optional (learning C++ before Python because "C" sorts first would be no
            # advice), then the path's order: the sorts are stable.
            gap.ranked.sort(key=lambda candidate: (-candidate.asked_by, not candidate.essential))
        opens = {}
        # The role's live postings met, gates passed, with the skills known and the candidate: the plan's
        # "met" count.
        for g, gap in enumerate(gaps):
            known = self.known(gap.current_role).all
            for index, candidate in enumerate(gap.ranked[:LEARN_NEXT_WEIGHED]):
                met = self._gate_shapes(self.degree)["met"]
                skill_ids = InList(sorted(hierarchy.meets(known | {candidate.skill.pk}, self.links)))
                opens[f"opens_{g}_{index}"] = met([gap.target_role.pk], skill_ids)
        weighed = _counted(opens) if opens else {}
        for g, gap in enumerate(gaps):
            for index, candidate in enumerate(gap.ranked[:LEARN_NEXT_WEIGHED]):
                candidate.opens = weighed[f"opens_{g}_{index}"]
            gap.ranked.sort(key=lambda c: (c.opens is None, -(c.opens or 0), -c.asked_by, not c.essential))
            gap.learn_next = gap.ranked[0] if gap.ranked else None
            gap.ranked_by_postings = True
        return row

    def postings_link(self, role, known, degree):
        """
        The postings list showing the postings counted as met with `known` (skill ids) and `degree`: its
        `have` filter reads them through the same hierarchy and degree gate (None: the parameter left out).
        None when no skill is known.
        """
        have = sorted(self.slugs[pk] for pk in known if pk in self.slugs)
        if not have:
            return None  # the list cannot say "knowing nothing" (no `have`: no filter); the count stands alone
        params = [("role", role.slug)] + [("have", slug) for slug in have]
        if degree is not None:
            params.append(("degree", Degree(degree).name.lower()))
        if self.years is not None:
            params.append(("max_years", str(self.years)))
        return f"{reverse('postings:list')}?{urlencode(params)}"


__all__ = [
    "EducationCheck",
    "EducationStatus",
    "Gap",
    "GapSkill",
    "GapStep",
    "LearnNext",
    "Openings",
    "Progress",
    "count_postings",
    "rank_missing",
    "ROLE_STEP_NAME",
    "education_check",
    "skill_gap",
    "skill_gaps",
    "transition_gaps",
]
